"""False alarms of the numeric verifier on real prose: every ``refuted`` NUM verdict on the
1,500 BBC articles and the 1,855 Reuters stories, printed for reading.

Real published copy is mostly right, so nearly every refutation here is either a genuine error
in the source or a false alarm; the issue's target is at most one false alarm per 200 articles.
Reading them is the point: ``python -m eval.numeric_false_alarms`` prints each with its
sentence. The script also measures the verifier's share of pipeline time.

    .venv/bin/python -m eval.numeric_false_alarms [--corpus bbc|reuters|both] [--limit N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import re
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from eval.common import Row, data_dir, read_jsonl
from factcheck.config.settings import Config, Settings
from factcheck.engine.engine import Engine
from factcheck.model.report import Status
from factcheck.plugin_system.manager import get_plugin_manager

_MONTHS = {m: i for i, m in enumerate("JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split(), 1)}


def numeric_engine() -> Engine:
    """The whole built-in pipeline plus the numeric verifier (loaded by module, not entry point,
    so the figures do not depend on what else is installed)."""
    from factcheck.plugin_system.manager import builtin_plugins

    extra = []
    if "numeric" not in builtin_plugins():  # by name: mypy sees only the source tree
        extra.append(("numeric", importlib.import_module("factcheck_plugins.numeric")))
    pm = get_plugin_manager(load_entrypoints=False, extra=extra)
    return Engine(Config(Settings.model_validate({})), pm)


def articles(root: Path, corpus: str) -> Iterator[tuple[str, str, dt.date | None]]:
    """(id, text, publication date) of each article; the title goes first, as in a real file."""
    if corpus == "bbc":
        for record in read_jsonl(root / "bbc_news" / "bbc_news.jsonl"):
            yield record["id"], f"{record['title']}\n\n{record['text']}", None
    else:
        for record in read_jsonl(root / "reuters21578" / "reuters21578.jsonl"):
            yield (
                record["id"],
                f"{record['title']}\n\n{record['text']}",
                _reuters_date(record.get("date", "")),
            )


def _reuters_date(text: str) -> dt.date | None:
    found = re.match(r"\s*(\d{1,2})-([A-Z]{3})-(\d{4})", text)
    if not found or found[2] not in _MONTHS:
        return None
    return dt.date(int(found[3]), _MONTHS[found[2]], int(found[1]))


@dataclass
class Tally:
    articles: int = 0
    refuted: list[tuple[str, str, str, str]] = field(default_factory=list)  # id, rule, message, sentence
    review: list[tuple[str, str, str, str]] = field(default_factory=list)  # the needs_review ones
    by_status: dict[str, int] = field(default_factory=dict)
    verifier_seconds: float = 0.0
    total_seconds: float = 0.0


def run(root: Path, corpus: str, limit: int | None = None) -> Tally:
    engine = numeric_engine()
    tally = Tally()
    try:
        for number, (article_id, text, date) in enumerate(articles(root, corpus)):
            if limit is not None and number >= limit:
                break
            if date is not None:
                text = f"---\ndate: {date.isoformat()}\n---\n{text}"
                path = f"{article_id}.md"
            else:
                path = f"{article_id}.txt"
            began = time.perf_counter()
            report = engine.check_text(text, path)
            tally.total_seconds += time.perf_counter() - began
            tally.verifier_seconds += report.timings.get("verifier:numeric", 0.0)
            tally.articles += 1
            statements = {s.id: s for s in report.statements}
            for verdict in report.verdicts:
                if verdict.verifier != "numeric":
                    continue
                tally.by_status[verdict.status] = tally.by_status.get(verdict.status, 0) + 1
                if verdict.status in (Status.REFUTED, Status.NEEDS_REVIEW):
                    sentence = (
                        statements[verdict.statement_id].text if verdict.statement_id in statements else ""
                    )
                    found = tally.refuted if verdict.status == Status.REFUTED else tally.review
                    found.append((article_id, verdict.rule, verdict.message, sentence))
    finally:
        engine.close()
    return tally


def evaluate(data: Path) -> list[Row]:
    rows = []
    for corpus, name in (("bbc", "bbc_news"), ("reuters", "reuters21578")):
        if not (data / name).exists():
            continue
        tally = run(data, corpus)
        n = tally.articles
        rows.append(
            Row(
                "numeric",
                name,
                "refuted NUM verdicts per 200 articles",
                200 * len(tally.refuted) / max(n, 1),
                n,
                "read by hand: see docs of the eval",
            )
        )
        rows.append(
            Row(
                "numeric",
                name,
                "supported NUM verdicts (checks passed)",
                tally.by_status.get("supported", 0),
                n,
            )
        )
        rows.append(
            Row(
                "numeric",
                name,
                "numeric verifier share of pipeline time",
                tally.verifier_seconds / max(tally.total_seconds, 1e-9),
                n,
            )
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m eval.numeric_false_alarms")
    parser.add_argument("--corpus", choices=("bbc", "reuters", "both"), default="both")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--review", action="store_true", help="also print needs_review verdicts")
    args = parser.parse_args()
    corpora = ("bbc", "reuters") if args.corpus == "both" else (args.corpus,)
    for corpus in corpora:
        tally = run(data_dir(), corpus, args.limit)
        shown = tally.refuted + (tally.review if args.review else [])
        for article_id, rule, message, sentence in shown:
            print(f"{article_id}  {rule}  {message}\n    | {' '.join(sentence.split())}\n")
        share = tally.verifier_seconds / max(tally.total_seconds, 1e-9)
        print(
            f"== {corpus}: {tally.articles} articles, {len(tally.refuted)} refuted, "
            f"statuses {tally.by_status}, "
            f"numeric verifier {tally.verifier_seconds:.2f}s of {tally.total_seconds:.2f}s ({share:.1%})"
        )
    sys.stdout.flush()


if __name__ == "__main__":
    main()
