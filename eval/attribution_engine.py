"""Attribution through the engine: the table ``factcheck check`` reports, scored on two gold sets.

Every article goes through the public API (``Checker.check_text`` -> report ->
``articles[0].attributions``), the path the CLI runs, so the figures include whatever the loader,
the segmenter and the engine do before and after the extractor. ``eval.attribution`` scores the
extractor function directly; this task reuses its matching rules so the two are comparable.

* ``polnear.dev`` (244 articles): exactly the rules and figures of ``eval.attribution`` (content
  spans overlap; speaker right when speaker spans overlap or the names match, surname enough;
  a gold source that is only the cue, "said", or holds an appositive is read as the annotators
  meant it, see that module), for direct quotes and for all attributions; the direct-quote
  speaker accuracy is also given with gold source spans taken literally, the older rule.
* ``bbc.flags``: how many findings of each SRC rule an editor gets per BBC article (all but the
  hand-read ten), read through the same report;
* ``bbc.handread``: the hand-read gold set ``eval/data/attribution_handread.toml`` (10 BBC
  articles, every span in quotation marks; see its header). For speech quotes:

  - recall: a quote is found when some attribution's content overlaps it;
  - speaker accuracy over found quotes: *every* attribution overlapping the quote must name the
    gold speaker (the report must not also show a wrong one). Names match as in PolNeAR (equal,
    or the same last word), against the gold name, the article's aliases for it and the quote's
    ``also`` list; a speaker that is a fragment (holds a pronoun, or has no capital letter and
    is no accepted alias) is wrong. For a gold speaker of "" only no speaker (or an ``also``
    name) is right. Split by gold evidence (stated / inferred). The strict variant also requires
    the first name when the gold surname is in the article's ``shared_surnames``;
  - quote runs (segments of one quote reopened after a break): how many get one speaker
    throughout, right;
  - non-speech quotes (scare quotes, titles, nicknames...) overlapped by an attribution that has a
    speaker: false attributions;
  - if attributions record how the speaker was found (a field ``stated``, ``evidence``, ``how``
    or ``resolved_by``; found with ``getattr``), the number of gold-inferred quotes presented as
    stated (and the converse); otherwise "n/a".

Run alone: ``.venv/bin/python -m eval.attribution_engine [--only polnear|handread] [--show]``;
``--show`` prints every wrong row with a little context (printed only: the data's licences keep
article text out of the repository).

The hand-read set's scoring is ``eval.attribution_handread``; reading the report's table, shared
by both, is ``eval.attribution_report``.
"""

from __future__ import annotations

import argparse
import math
import time
from collections import Counter
from pathlib import Path
from typing import Any

from eval.attribution import _overlaps, _score, speaker_correct
from eval.attribution_handread import bbc_text, evaluate_handread, load_gold
from eval.attribution_report import ARTICLE_PATH, BBC, TASK, excerpt, report_attributions
from eval.common import Row, data_dir, f1, read_jsonl
from factcheck import Attribution, Checker

POLNEAR = Path("polnear") / "polnear.dev.jsonl"


# --- PolNeAR dev, through the engine ---------------------------------------------------------


def _polnear_rows(label: str, totals: list[int], articles: int) -> list[Row]:
    found, gold, matched, predicted, right = totals
    recall = found / gold if gold else 0.0
    precision = matched / predicted if predicted else 0.0
    return [
        Row(TASK, "polnear.dev", f"{label} recall", recall, gold, f"{articles} articles, via Checker"),
        Row(TASK, "polnear.dev", f"{label} precision", precision, predicted),
        Row(TASK, "polnear.dev", f"{label} F1", f1(precision, recall), gold),
        Row(TASK, "polnear.dev", f"{label} speaker accuracy", right / found if found else 0.0, found),
    ]


def _show_polnear(record: dict[str, Any], preds: tuple[Attribution, ...]) -> None:
    text = record["text"]
    for gold in (g for g in record["quotes"] if g["direct"]):
        hits = [p for p in preds if _overlaps(p.start, p.end, gold["start"], gold["end"])]
        if hits and any(speaker_correct(p, gold, text) for p in hits):
            continue
        said = ", ".join(f"{p.speaker!r}" for p in hits) if hits else "MISSED"
        print(f"polnear {record['id']}@{gold['start']}: gold {gold['speaker']!r}; got {said}")
        print(f"    {excerpt(text, gold['start'], gold['end'])}")


def evaluate_polnear(checker: Checker, data: Path, show: bool = False) -> list[Row]:
    direct = [0, 0, 0, 0, 0]
    everything = [0, 0, 0, 0, 0]
    literal = 0  # direct quotes' speakers right with gold source spans taken literally
    articles = 0
    seconds = 0.0
    for record in read_jsonl(data / POLNEAR):
        began = time.perf_counter()
        preds = report_attributions(checker, record["text"])
        seconds += time.perf_counter() - began
        articles += 1
        golds: list[dict[str, Any]] = record["quotes"]
        text = record["text"]
        direct_golds, direct_preds = [g for g in golds if g["direct"]], [p for p in preds if p.direct]
        one = _score(direct_golds, direct_preds, golds, text)
        literal += _score(direct_golds, direct_preds, golds, habits=False)[4]
        two = _score(golds, list(preds), golds, text)
        direct = [a + b for a, b in zip(direct, one, strict=True)]
        everything = [a + b for a, b in zip(everything, two, strict=True)]
        if show:
            _show_polnear(record, preds)
    per_article = 1000 * seconds / articles if articles else 0.0
    return [
        *_polnear_rows("direct quote", direct, articles),
        Row(
            TASK,
            "polnear.dev",
            "direct quote speaker accuracy, gold spans literal",
            literal / direct[0] if direct[0] else 0.0,
            direct[0],
            "no reading of cue-only or appositive gold sources (eval.attribution)",
        ),
        *_polnear_rows("all attributions", everything, articles),
        Row(TASK, "polnear.dev", "ms per article (whole check, offline)", per_article, articles),
    ]


# --- how often each attribution rule fires on real copy --------------------------------------

SRC_RULES = ("SRC001", "SRC002", "SRC003", "SRC004", "SRC006", "SRC007", "SRC008")


def evaluate_flags(checker: Checker, data: Path) -> list[Row]:
    """SRC findings per article over every BBC article but the hand-read ones, through the
    engine: how much an editor is asked to read (whether the flags are right is read by hand,
    docs/evaluation.md, "Attribution flags read by an editor")."""
    held_out = {a["id"] for a in load_gold()}
    counts: Counter[str] = Counter()
    articles = 0
    for record in read_jsonl(data / BBC):
        if record["id"] in held_out:
            continue
        report = checker.check_text(bbc_text(record), path=ARTICLE_PATH).articles[0]
        counts.update(v.rule for v in report.verdicts if v.rule.startswith("SRC"))
        articles += 1
    note = f"{articles} BBC articles, via Checker"
    return [
        Row(
            TASK,
            "bbc.flags",
            f"{rule} findings per article",
            counts[rule] / articles if articles else 0.0,
            counts[rule],
            note if i == 0 else "",
        )
        for i, rule in enumerate(SRC_RULES)
    ]


def evaluate(data: Path, show: bool = False, only: str | None = None) -> list[Row]:
    rows: list[Row] = []
    with Checker(offline=True) as checker:
        if only in (None, "polnear") and (data / POLNEAR).exists():
            rows += evaluate_polnear(checker, data, show)
        if only in (None, "handread") and (data / BBC).exists():
            rows += evaluate_handread(checker, data, show)[0]
        if only in (None, "flags") and (data / BBC).exists():
            rows += evaluate_flags(checker, data)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m eval.attribution_engine")
    parser.add_argument("--show", action="store_true", help="print every wrong row with context")
    parser.add_argument(
        "--only", choices=["polnear", "handread", "flags"], help="one gold set, or the flag rates"
    )
    args = parser.parse_args()
    folder = data_dir()
    if not folder.exists():
        print(f"no data under {folder}")
        return
    with Checker(offline=True) as checker:
        rows: list[Row] = []
        if args.only in (None, "polnear"):
            rows += evaluate_polnear(checker, folder, args.show)
        tally = None
        if args.only in (None, "handread"):
            found, tally = evaluate_handread(checker, folder, args.show)
            rows += found
        if args.only in (None, "flags"):
            rows += evaluate_flags(checker, folder)
    for row in rows:
        value = "    n/a" if math.isnan(row.value) else f"{row.value:7.3f}"
        print(f"{row.dataset:13} {row.metric:52} {value}  n={row.n} {row.note}")
    if tally is not None:
        print("hand-read error patterns (strict speaker rule):")
        for kind, count in tally.errors.most_common():
            print(f"  {count:4}  {kind}")


if __name__ == "__main__":
    main()
