"""Time of the speech annotations (entities, quotations, attributions) per article
(``python -m benchmarks.speech [--articles 500] [--repeat 3] [--profile]``).

The first N BBC articles are loaded, masked and split into statements once, as the engine does;
then the extractor's speech part (``factcheck.builtin.annotations.speech_annotations``) and the
whole default ``extract_annotations`` hook are timed in a plain loop over them. The article's
scan (``factcheck.text.scanner``), which every reader shares, is built first and timed apart.
Reported: the best of ``--repeat`` loops in µs per article, in CPU time of this process and in
wall-clock time (the machine is shared: the minimum CPU time least measures the neighbours).
``--profile`` prints the top functions of one loop by own time.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import time
from collections.abc import Callable

from eval.common import data_dir, read_jsonl
from factcheck.builtin import annotations as builtin
from factcheck.builtin.statements import split_statements
from factcheck.config.settings import Config
from factcheck.engine.engine import Engine
from factcheck.engine.pipeline import mask_boilerplate
from factcheck.model.article import Article, Statement
from factcheck.text.scanner import article_scan

Prepared = list[tuple[Article, list[Statement]]]


def prepare(count: int) -> tuple[Prepared, Config]:
    engine = Engine()
    found: Prepared = []
    for record in read_jsonl(data_dir() / "bbc_news" / "bbc_news.jsonl"):
        text = f"{record['title']}\n\n{record['text']}\n"
        article = mask_boilerplate(engine.load("article.txt", text), engine.registry.rules)
        found.append((article, split_statements(article=article, config=engine.config)))
        if len(found) >= count:
            break
    return found, engine.config


def best(loop: Callable[[], None], repeat: int, clock: Callable[[], float] = time.process_time) -> float:
    """The shortest of ``repeat`` runs of ``loop``, in seconds of ``clock`` (CPU time of this
    process by default: on a shared machine wall-clock time mostly measures the neighbours)."""
    times = []
    for _ in range(repeat):
        began = clock()
        loop()
        times.append(clock() - began)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.speech")
    parser.add_argument("--articles", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", action="store_true")
    args = parser.parse_args()
    articles, config = prepare(args.articles)
    lexicons = builtin.lexicons_for(config)

    def scans() -> None:
        for article, _ in articles:
            article._scan = None
            article_scan(article).index()

    def speech() -> None:
        for article, statements in articles:
            builtin.speech_annotations(article, statements, lexicons)

    def hook() -> None:
        for article, statements in articles:
            builtin.extract_annotations(article=article, statements=statements, config=config)

    speech()  # warm: lexicons compiled, caches filled
    n = len(articles)
    words = sum(len(a.plain.split()) for a, _ in articles)
    print(f"{n} BBC articles, {words / n:.0f} words each on average; best of {args.repeat}")
    scans()  # the article's scan is shared by every reader: built once, timed on its own
    for label, loop in (
        ("the article scan and its index (shared, not in the rows below)", scans),
        ("speech annotations (entities, quotations, attributions)", speech),
        ("whole extract_annotations hook", hook),
    ):
        cpu = 1e6 * best(loop, args.repeat) / n
        wall = 1e6 * best(loop, args.repeat, time.perf_counter) / n
        print(f"{label:56} {cpu:7.0f} µs/article CPU, {wall:7.0f} wall")
    if args.profile:
        profiler = cProfile.Profile()
        profiler.runcall(speech)
        pstats.Stats(profiler).sort_stats("tottime").print_stats(25)


if __name__ == "__main__":
    main()
