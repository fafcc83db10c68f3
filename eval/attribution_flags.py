"""The attribution flags an editor reads: every SRC finding on a fixed sample of BBC articles.

``python -m eval.attribution_flags [--ids ID ...] [--sample N] [--seed S]`` checks the articles
through ``Checker`` (as ``factcheck check`` would) and prints, per article, each SRC verdict with
its rule, severity, message and the sentence it sits in, for a person to judge. Nothing is
written: the BBC data's licence keeps its text out of the repository, so the reading of each flag
is recorded in docs/evaluation.md by article id and rule only.

The default sample: 20 articles drawn with seed 11 from the BBC articles that have at least one
warning-level SRC flag, leaving out those the rules were tuned on: the ten of the hand-read gold
set, the first 300 BBC records (whose flags were read while the rules were written) and the 100
of five earlier draws (seeds 20261204, 7, 8, 9 and 10), also read while tuning. The ids drawn are listed in
docs/evaluation.md with the reading of every flag.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
from collections import Counter
from typing import Any

from eval.attribution_handread import load_gold
from eval.attribution_report import BBC
from eval.common import data_dir, read_jsonl
from factcheck import Checker

DATE = dt.date(2005, 6, 1)
SEED = 13  # the next unread draw: seeds up to 12 are read (TUNING_DRAW)
TUNED_FIRST = 300
TUNING_DRAW = (
    "tech/076 tech/165 entertainment/204 sport/243 sport/017 sport/168 sport/207 entertainment/161 "
    "business/225 sport/204 tech/163 sport/127 politics/173 business/154 sport/056 politics/232 "
    "tech/186 tech/050 politics/275 tech/196 "
    # seed 7
    "tech/258 politics/299 politics/141 tech/104 tech/199 tech/080 entertainment/255 politics/209 "
    "tech/255 entertainment/143 tech/271 politics/142 tech/073 entertainment/145 tech/177 politics/038 "
    "politics/293 tech/031 tech/159 entertainment/035 "
    # seed 8
    "entertainment/105 tech/013 sport/250 politics/092 politics/251 politics/112 entertainment/163 "
    "tech/197 tech/200 tech/280 sport/279 tech/141 tech/173 entertainment/108 politics/007 "
    "politics/169 entertainment/244 tech/042 politics/129 politics/287 "
    # seed 9
    "politics/032 entertainment/293 entertainment/248 entertainment/271 politics/300 sport/060 "
    "entertainment/133 tech/147 tech/180 politics/058 sport/189 politics/166 tech/145 entertainment/120 "
    "politics/031 politics/157 sport/072 entertainment/065 politics/188 entertainment/170 "
    # seed 10
    "tech/131 politics/288 entertainment/284 politics/194 politics/078 entertainment/138 sport/124 "
    "politics/248 politics/048 sport/260 politics/149 sport/266 entertainment/005 tech/092 tech/027 "
    "tech/291 tech/059 politics/144 politics/053 entertainment/278 "
    # seed 11 (read, then fixed against)
    "entertainment/137 entertainment/193 entertainment/224 politics/020 politics/023 politics/030 "
    "politics/100 politics/124 politics/216 sport/050 sport/111 sport/125 sport/272 tech/030 tech/075 "
    "tech/168 tech/192 tech/195 tech/207 tech/220 "
    # seed 12 (read on 2026-12-04; the reading in eval/sections/attribution.md)
    "tech/034 entertainment/213 entertainment/152 entertainment/265 entertainment/048 politics/117 "
    "tech/082 tech/161 tech/248 politics/292 politics/137 politics/055 politics/027 sport/175 "
    "politics/210 politics/040 politics/254 sport/233 politics/182 politics/222"
).split()


def _text(record: dict[str, Any]) -> str:
    return f"{record['title']}\n\n{record['text']}\n"


def flags(checker: Checker, text: str) -> list[tuple[str, str, str, str]]:
    """(rule, severity, message, sentence) of every SRC verdict of one article."""
    report = checker.check_text(text, path="article.txt", date=DATE).articles[0]
    by_id = {s.id: s for s in report.statements}
    found = []
    for verdict in report.verdicts:
        if verdict.rule.startswith("SRC"):
            statement = by_id.get(verdict.statement_id)
            sentence = " ".join(statement.text.split()) if statement else ""
            found.append((verdict.rule, str(verdict.severity.value), verdict.message, sentence))
    return found


def sample(checker: Checker, records: list[dict[str, Any]], size: int, seed: int) -> list[str]:
    """Ids of ``size`` articles, drawn with ``seed``, among those with a warning-level SRC flag."""
    held_out = {a["id"] for a in load_gold()} | set(TUNING_DRAW)
    pool = [r for r in records[TUNED_FIRST:] if r["id"] not in held_out]
    random.Random(seed).shuffle(pool)
    chosen: list[str] = []
    for record in pool:
        if any(sev in ("warning", "error") for _, sev, _, _ in flags(checker, _text(record))):
            chosen.append(record["id"])
            if len(chosen) >= size:
                break
    return chosen


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m eval.attribution_flags")
    parser.add_argument("--ids", nargs="*", help="article ids (default: the seeded sample)")
    parser.add_argument("--sample", type=int, default=20)
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--all", action="store_true", help="count SRC flags over every BBC article")
    args = parser.parse_args()
    records = list(read_jsonl(data_dir() / BBC))
    with Checker(offline=True) as checker:
        if args.all:
            counts: Counter[str] = Counter()
            for record in records:
                counts.update(rule for rule, _, _, _ in flags(checker, _text(record)))
            for rule, count in sorted(counts.items()):
                print(f"{rule} {count:5}  {count / len(records):.2f} per article ({len(records)} articles)")
            return
        ids = args.ids or sample(checker, records, args.sample, args.seed)
        by_id = {r["id"]: r for r in records}
        totals: Counter[str] = Counter()
        for article_id in ids:
            found = flags(checker, _text(by_id[article_id]))
            print(f"=== {article_id}: {len(found)} flags")
            for rule, severity, message, sentence in found:
                totals[f"{rule} {severity}"] += 1
                print(f"  {rule} {severity}: {message}")
                print(f"      in: {sentence[:300]}")
        print("totals:", dict(sorted(totals.items())), f"over {len(ids)} articles")


if __name__ == "__main__":
    main()
