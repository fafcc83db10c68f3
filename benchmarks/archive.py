"""Archive look-up latency at 100,000 indexed articles (``python -m benchmarks.archive``).

The articles are synthetic but made of real prose: sentences of bbc_news, reuters21578 and
polnear are pooled at run time (never stored in the repository), quantities are extracted once
per pooled sentence, and each article is 20 sentences drawn at random from the pool. Quotes are
the pool's sentences attributed to one of 2,000 synthetic speakers. The database is built in a
temporary folder.

Timed: ``Archive.changed_figures`` for 1,000 statements (half are an indexed sentence with one
figure changed, which must be found; half are unseen sentences) and ``Archive.changed_quotes``
for 1,000 quotes. Reported: mean, p50, p95 and max milliseconds per statement, and recall on the
planted half.
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import tempfile
import time
from pathlib import Path

from factcheck_plugins.xref.archive import Archive, ArchivedArticle

from eval.common import data_dir, read_jsonl
from factcheck.model.article import Statement
from factcheck.text.quantities import extract_quantities

_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"])")
_PLANTABLE = {"count", "money", "percent", "measure"}
CORPORA = ["bbc_news/bbc_news.jsonl", "reuters21578/reuters21578.jsonl", "polnear/polnear.dev.jsonl"]


def _pool(root: Path) -> list[str]:
    sentences: set[str] = set()
    for name in CORPORA:
        path = root / name
        if not path.exists():
            continue
        for record in read_jsonl(path):
            for part in _SENTENCE.split(re.sub(r"\s+", " ", record["text"])):
                if 40 <= len(part) <= 300:
                    sentences.add(part.strip())
    return sorted(sentences)


def _statement(text: str, index: int) -> Statement:
    found = tuple(extract_quantities(text))
    return Statement(id=f"S{index}", start=0, end=len(text), text=text, annotations=found)


def run(articles: int, queries: int, seed: int = 7) -> dict[str, float]:
    rng = random.Random(seed)
    pool = _pool(data_dir())
    started = time.perf_counter()
    statements = [_statement(text, i) for i, text in enumerate(pool)]
    extracted = time.perf_counter() - started
    held_out = set(rng.sample(range(len(pool)), min(queries // 2, len(pool) // 10)))
    usable = [i for i in range(len(pool)) if i not in held_out]
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "archive.db"
        archive = Archive(db)
        archive.db.execute("PRAGMA synchronous = OFF")
        began = time.perf_counter()
        for n in range(articles):
            picked = [statements[i] for i in rng.sample(usable, 20)]
            quotes = [(f"Speaker{n % 2000} Person{n % 2000}", s.text) for s in picked[:2]]
            archive.add(ArchivedArticle(f"/archive/{n}.txt", f"Article {n}", "2024-01-01", picked, quotes))
            if n % 5000 == 4999:
                archive.commit()
        archive.commit()
        built = time.perf_counter() - began
        archive.close()
        archive = Archive(db, readonly=True)
        with_figures = [
            i
            for i in usable
            if statements[i].annotations and getattr(statements[i].annotations[0], "kind", "") in _PLANTABLE
        ]
        planted = rng.sample(with_figures, queries // 2)
        fresh = sorted(held_out)[: queries // 2]
        figure_times, found, tried = [], 0, 0
        for i in planted:
            quantity = statements[i].annotations[0]
            text = pool[i]
            digit = re.search(r"[1-9]", text[quantity.start : quantity.end])
            if digit is None:
                continue
            pos = quantity.start + digit.start()
            tried += 1
            changed = text[:pos] + ("7" if text[pos] != "7" else "3") + text[pos + 1 :]
            began = time.perf_counter()
            hits = archive.changed_figures(changed, extract_quantities(changed), exclude_path="/new.txt")
            figure_times.append(time.perf_counter() - began)
            found += bool(hits)
        for i in fresh:
            began = time.perf_counter()
            archive.changed_figures(pool[i], extract_quantities(pool[i]))
            figure_times.append(time.perf_counter() - began)
        quote_times = []
        for i in rng.sample(usable, queries):
            words = pool[i].split()
            words[len(words) // 2] = "certainly"
            began = time.perf_counter()
            archive.changed_quotes("Person1", " ".join(words))
            quote_times.append(time.perf_counter() - began)
        size = db.stat().st_size
        archive.close()

    def ms(values: list[float], q: float) -> float:
        return 1000 * sorted(values)[min(len(values) - 1, int(q * len(values)))]

    return {
        "articles": articles,
        "pool_sentences": len(pool),
        "extract_s": extracted,
        "build_s": built,
        "db_mb": size / 1e6,
        "figure_mean_ms": 1000 * statistics.fmean(figure_times),
        "figure_p50_ms": ms(figure_times, 0.5),
        "figure_p95_ms": ms(figure_times, 0.95),
        "figure_max_ms": 1000 * max(figure_times),
        "figure_recall_planted": found / max(1, tried),
        "quote_mean_ms": 1000 * statistics.fmean(quote_times),
        "quote_p95_ms": ms(quote_times, 0.95),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=1_000)
    args = parser.parse_args()
    for key, value in run(args.articles, args.queries).items():
        print(f"{key:24} {value:12.3f}" if isinstance(value, float) else f"{key:24} {value:12}")


if __name__ == "__main__":
    main()
