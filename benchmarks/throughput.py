"""Throughput of the whole pipeline (``make bench``): articles per second over real corpora.

The 1,500 BBC articles and 1,855 Reuters stories of ../shared/data are written as files to a
temporary folder (the data is never copied into the repository), then checked exactly as
``factcheck check DIR`` would: serially, then with ``--jobs N`` worker processes. Reported: articles
and words per second, time per pipeline stage and per verifier (from each report's timings),
and peak memory. Not a timed test: a number to watch, not a gate.
"""

from __future__ import annotations

import argparse
import json
import resource
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from eval.common import data_dir
from factcheck.config.settings import Config
from factcheck.engine.batch import check_all
from factcheck.engine.engine import Engine
from factcheck.plugin_system.manager import get_plugin_manager
from factcheck.workflow.paths import expand_paths

CORPORA = {
    "bbc_news": "bbc_news/bbc_news.jsonl",
    "reuters21578": "reuters21578/reuters21578.jsonl",
}


def materialise(corpus: str, folder: Path, limit: int | None) -> tuple[int, int]:
    """Write a corpus's articles as .txt files; returns (articles, words)."""
    folder.mkdir(parents=True, exist_ok=True)
    count = words = 0
    with (data_dir() / CORPORA[corpus]).open(encoding="utf-8") as handle:
        for index, line in enumerate(handle):
            if limit is not None and index >= limit:
                break
            record = json.loads(line)
            text = f"{record.get('title') or ''}\n\n{record['text']}\n"
            (folder / f"{index:05d}.txt").write_text(text, encoding="utf-8")
            count += 1
            words += len(text.split())
    return count, words


def _engine() -> Engine:
    return Engine(Config(), get_plugin_manager())


def measure(folder: Path, jobs: int) -> dict[str, float]:
    engine = _engine()
    began = time.perf_counter()
    stages: dict[str, float] = defaultdict(float)
    articles = statements = verdicts = 0
    items = expand_paths([str(folder)], engine.config.settings.check.extensions)
    for report in check_all(engine, items, jobs=jobs, factory=_engine):
        articles += 1
        statements += len(report.statements)
        verdicts += len(report.verdicts)
        for stage, seconds in report.timings.items():
            stages[f"stage:{stage}"] += seconds
    elapsed = time.perf_counter() - began
    engine.close()
    return {
        "seconds": elapsed,
        "articles": articles,
        "statements": statements,
        "verdicts": verdicts,
        **stages,
    }


def _peak_mib() -> tuple[float, float]:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.throughput")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes for the parallel run")
    parser.add_argument("--limit", type=int, help="articles per corpus (default: all)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="factcheck-bench-") as tmp:
        for corpus in CORPORA:
            folder = Path(tmp) / corpus
            count, words = materialise(corpus, folder, args.limit)
            for jobs in (1, args.jobs):
                result = measure(folder, jobs)
                rate = result["articles"] / result["seconds"]
                print(
                    f"{corpus}: {count} articles, {words} words, jobs={jobs}: {result['seconds']:.2f} s, "
                    f"{rate:.0f} articles/s, {words / result['seconds'] / 1000:.0f} k words/s; "
                    f"{result['statements']:.0f} statements, {result['verdicts']:.0f} verdicts"
                )
                if jobs == 1:
                    total = result.get("stage:total", 0.0) or 1.0
                    for stage in sorted(k for k in result if k.startswith("stage:") and k != "stage:total"):
                        share = 100 * result[stage] / total
                        name = stage.removeprefix("stage:")
                        print(
                            f"    {name:<28} {result[stage] * 1000 / count:7.3f} ms/article ({share:4.1f}%)"
                        )
    own, children = _peak_mib()
    print(f"peak memory: {own:.0f} MiB (this process), {children:.0f} MiB (largest worker)")


if __name__ == "__main__":
    main()
