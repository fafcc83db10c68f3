"""Planted errors in cross-sentence numeric relations (issue 11): does the numeric verifier catch
a figure changed in a relation that spans sentences or paragraphs?

Two measurements, both through the public API only (``factcheck.Checker``; never the verifier's
internals):

1. Real copy. ``eval.numeric_cross_finder`` finds, independently of the verifier, relations of
   kinds 1-7 that hold in the BBC and Reuters dev articles. Each article is first checked as
   published: a NUM finding (refuted or needs_review) that touches the relation's figures is a
   false alarm on real copy. Then one figure of the relation is changed as a copy slip would
   change it (digits transposed, a leading digit off, a multiple word or a scale word swapped;
   never a change the relation's rounding would tolerate) and the article is checked again: the
   error is caught when a NUM finding, refuted or needs_review, has its span or one of its
   evidence spans overlapping the changed figure.
2. The hand-written fixtures (``tests/fixtures/numeric_cross``): each planted article is caught
   the same way at its wrong figure; a clean twin or a hard negative with any NUM finding is a
   false alarm.

Recall is reported per kind (``n`` = relations measured), with the share caught under the rule
the kind belongs to as a second figure. ``--show`` prints every miss and false alarm in context.

    .venv/bin/python -m eval.numeric_cross_planted [--show] [--kinds 1 3]
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from eval.common import Row, data_dir
from eval.numeric_cross_finder import FINDERS, Doc, Instance, documents, find_in
from eval.numeric_cross_fixtures import KIND_NAMES, KIND_RULES, Fixture, load_fixtures
from factcheck import Checker, SpanEvidence, Status, Verdict

TASK = "numeric_cross"
FLAGGED = (Status.REFUTED, Status.NEEDS_REVIEW)
Span = tuple[int, int]


# ---------------------------------------------------------------- checking and matching


def _findings(checker: Checker, text: str, path: str, date: dt.date | None) -> list[Verdict]:
    """The NUM findings an editor would see: refuted or needs_review."""
    report = checker.check_text(text, path=path, date=date)
    return [v for v in report.articles[0].verdicts if v.rule.startswith("NUM") and v.status in FLAGGED]


def verdict_spans(verdict: Verdict) -> list[Span]:
    spans = [(e.start, e.end) for e in verdict.evidence if isinstance(e, SpanEvidence)]
    if verdict.start is not None and verdict.end is not None:
        spans.append((verdict.start, verdict.end))
    return spans


def touching(verdicts: Iterable[Verdict], spans: Iterable[Span]) -> list[Verdict]:
    """The verdicts whose span or an evidence span overlaps one of ``spans``."""
    wanted = list(spans)
    return [
        v
        for v in verdicts
        if any(s < end and start < e for s, e in verdict_spans(v) for start, end in wanted)
    ]


# ---------------------------------------------------------------- planting a slip

_WORD_SLIPS = {
    "doubled": "tripled",
    "doubling": "tripling",
    "double": "triple",
    "tripled": "doubled",
    "trebled": "doubled",
    "tripling": "doubling",
    "quadrupled": "doubled",
    "halved": "doubled",
    "five-fold": "three-fold",
    "two": "five",
    "three": "six",
    "four": "seven",
    "five": "eight",
    "six": "nine",
    "seven": "four",
    "eight": "five",
    "nine": "six",
    "ten": "seven",
    "eleven": "eight",
    "twelve": "nine",
    "one": "four",
    "a third": "a half",
    "a quarter": "a half",
    "half": "a quarter",
    "two-thirds": "a third",
}
_SCALE_SLIPS = [
    (r"\bmln\b", "bln"),
    (r"\bbln\b", "mln"),
    (r"\bmillion\b", "billion"),
    (r"\bbillion\b", "million"),
    (r"\btrillion\b", "billion"),
    (r"(?<=\d)bn\b", "m"),
    (r"(?<=\d)m\b", "bn"),
]
_CORE = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _number_slip(core: str, min_change: float) -> str | None:
    """The number as a slip would write it: two leading digits transposed ("960" -> "690"), else
    the leading digit moved; the value must change by at least ``min_change`` (relative)."""
    value = float(core.replace(",", ""))
    positions = [i for i, c in enumerate(core) if c.isdigit()]
    tries = []
    for a, b in itertools.pairwise(positions):
        if core[a] != core[b]:
            swapped = list(core)
            swapped[a], swapped[b] = core[b], core[a]
            tries.append("".join(swapped))
            break
    lead = positions[0]
    for step in (3, 2, 4, 5, 6, 1):
        digit = (int(core[lead]) + step) % 10
        if digit:
            tries.append(core[:lead] + str(digit) + core[lead + 1 :])
    for candidate in tries:
        if candidate[0] == "0" and core[0] != "0":
            continue  # no new leading zero ("025", "0.25")
        new = float(candidate.replace(",", ""))
        if value and abs(new - value) / value >= min_change:
            return candidate
    return None


def slip(figure: str, kind: int) -> str | None:
    """One copy slip in a figure of a relation of this kind, beyond what its rounding allows."""
    if kind == 7:  # the scale (or nothing)
        for pattern, replacement in _SCALE_SLIPS:
            if re.search(pattern, figure, re.IGNORECASE):
                return re.sub(pattern, replacement, figure, count=1, flags=re.IGNORECASE)
        return None
    low = figure.lower()
    for word in sorted(_WORD_SLIPS, key=len, reverse=True):
        found = re.search(rf"\b{re.escape(word)}\b", low)
        if found and not _CORE.search(figure):
            new = _WORD_SLIPS[word]
            if figure[found.start()].isupper():
                new = new[0].upper() + new[1:]
            return figure[: found.start()] + new + figure[found.end() :]
    core = _CORE.search(figure)
    if core is None:
        return None
    # shares, changes and conversions tolerate rounding: move them by a fifth at least
    min_change = {1: 0.01, 3: 0.01, 6: 0.2}.get(kind, 0.2)
    slipped = _number_slip(core.group(), min_change)
    if slipped is None:
        return None
    new = slipped
    if kind == 6 and abs(float(new.replace(",", "")) - float(core.group().replace(",", ""))) < 2:
        return None  # one year either way is allowed for dates and ages
    return figure[: core.start()] + new + figure[core.end() :]


# ---------------------------------------------------------------- the measurements


@dataclass
class Outcome:
    """What happened to one relation: false alarm as published, caught once planted."""

    label: str
    kind: int | str
    rule: str
    false_alarm: bool = False
    planted: bool = False
    caught: bool = False
    caught_rule: bool = False
    details: list[str] = field(default_factory=list)


def _context(text: str, spans: list[Span], width: int = 90) -> str:
    lo, hi = min(s for s, _ in spans), max(e for _, e in spans)
    start, end = max(0, lo - width), min(len(text), hi + width // 2)
    passage = text[start:end]
    for s, e in sorted(spans, reverse=True):
        passage = passage[: s - start] + "[[" + passage[s - start : e - start] + "]]" + passage[e - start :]
    return " ".join(passage.split())


def _describe(verdicts: list[Verdict], text: str) -> str:
    return "; ".join(
        f"{v.rule} {v.status}: {v.message} {[text[s:e] for s, e in verdict_spans(v)]}" for v in verdicts
    )


def measure_real(checker: Checker, root: Path, kinds: tuple[int, ...] = tuple(FINDERS)) -> list[Outcome]:
    outcomes = []
    for doc in documents(root):
        instances = find_in(doc, kinds)
        if instances:
            outcomes.extend(_measure_article(checker, doc, instances))
    return outcomes


def _measure_article(checker: Checker, doc: Doc, instances: list[Instance]) -> list[Outcome]:
    path = f"{doc.corpus}-{doc.id.replace('/', '-')}.txt"
    published = _findings(checker, doc.text, path, doc.date)
    outcomes = []
    for instance in instances:
        label = f"{doc.corpus} {doc.id} kind {instance.kind} {instance.rule}: {instance.relation}"
        outcome = Outcome(label, instance.kind, instance.rule)
        alarms = touching(published, instance.spans())
        if alarms:
            outcome.false_alarm = True
            outcome.details.append(
                f"false alarm: {_describe(alarms, doc.text)}\n    {_context(doc.text, instance.spans())}"
            )
        target = instance.figures[instance.target]
        wrong = slip(target.text, instance.kind)
        if wrong is not None and wrong != target.text:
            outcome.planted = True
            text = doc.text[: target.start] + wrong + doc.text[target.end :]
            changed = (target.start, target.start + len(wrong))
            after = _findings(checker, text, path, doc.date)
            hits = touching(after, [changed])
            outcome.caught = bool(hits)
            outcome.caught_rule = any(v.rule in _rules(instance.kind, instance.rule) for v in hits)
            if not hits:
                outcome.details.append(
                    f"missed: {target.text!r} -> {wrong!r}; NUM findings: "
                    f"{_describe(after, text) or 'none'}\n    {_context(text, [changed])}"
                )
        outcomes.append(outcome)
    return outcomes


def _rules(kind: int | str, rule: str) -> frozenset[str]:
    return KIND_RULES.get(kind, frozenset({rule})) if isinstance(kind, int) else frozenset({rule})


def measure_fixtures(checker: Checker, fixtures: list[Fixture] | None = None) -> list[Outcome]:
    outcomes = []
    for fixture in fixtures if fixtures is not None else load_fixtures():
        if fixture.negative:
            outcome = Outcome(fixture.name, "negative", fixture.rule)
            found = _findings(checker, fixture.text, fixture.name, fixture.date)
            if found:
                outcome.false_alarm = True
                outcome.details.append(f"false alarm ({fixture.why}): {_describe(found, fixture.text)}")
            outcomes.append(outcome)
            continue
        assert fixture.wrong_span is not None and fixture.twin and fixture.twin_text
        outcome = Outcome(fixture.name, fixture.kind, fixture.rule, planted=True)
        found = _findings(checker, fixture.text, fixture.name, fixture.date)
        hits = touching(found, [fixture.wrong_span])
        outcome.caught = bool(hits)
        outcome.caught_rule = any(v.rule == fixture.rule for v in hits)
        if not outcome.caught_rule:
            outcome.details.append(
                f"missed ({fixture.why}); NUM findings: {_describe(found, fixture.text) or 'none'}"
            )
        clean = _findings(checker, fixture.twin_text, fixture.twin, fixture.date)
        if clean:
            outcome.false_alarm = True
            outcome.details.append(f"false alarm on {fixture.twin}: {_describe(clean, fixture.twin_text)}")
        outcomes.append(outcome)
    return outcomes


# ---------------------------------------------------------------- the table


def _rate(flags: list[bool]) -> float:
    return sum(flags) / len(flags) if flags else 0.0


def rows(real: list[Outcome], fixtures: list[Outcome]) -> list[Row]:
    table = []
    corpora = "bbc_news+reuters21578"
    by_kind: dict[int | str, list[Outcome]] = defaultdict(list)
    for outcome in real:
        by_kind[outcome.kind].append(outcome)
    for kind in sorted(KIND_NAMES):
        found = by_kind.get(kind, [])
        planted = [o for o in found if o.planted]
        name = f"kind {kind} ({KIND_NAMES[kind]})"
        table.append(
            Row(
                TASK,
                corpora,
                f"{name}: planted slips caught",
                _rate([o.caught for o in planted]),
                len(planted),
                f"under its own rule: {sum(o.caught_rule for o in planted)}; "
                f"{len(found)} real relations found" + ("" if found else " (none in these corpora)"),
            )
        )
        table.append(
            Row(
                TASK,
                corpora,
                f"{name}: false alarms on untouched articles",
                _rate([o.false_alarm for o in found]),
                len(found),
                "a NUM refuted/needs_review touching the relation as published",
            )
        )
    table.append(
        Row(
            TASK,
            corpora,
            "all kinds: false alarms on untouched articles",
            _rate([o.false_alarm for o in real]),
            len(real),
            "relations found by eval.numeric_cross_finder",
        )
    )
    fixture_kind: dict[int | str, list[Outcome]] = defaultdict(list)
    for outcome in fixtures:
        fixture_kind[outcome.kind].append(outcome)
    for kind in sorted(KIND_NAMES):
        planted = fixture_kind.get(kind, [])
        table.append(
            Row(
                TASK,
                "fixtures/numeric_cross",
                f"kind {kind} ({KIND_NAMES[kind]}): planted errors caught",
                _rate([o.caught for o in planted]),
                len(planted),
                f"under the expected rule: {sum(o.caught_rule for o in planted)}",
            )
        )
    twins = [o for o in fixtures if o.kind != "negative"]
    negatives = fixture_kind.get("negative", [])
    table.append(
        Row(
            TASK,
            "fixtures/numeric_cross",
            "clean twins with a NUM finding (false alarm)",
            _rate([o.false_alarm for o in twins]),
            len(twins),
            "any NUM refuted/needs_review in the corrected article",
        )
    )
    table.append(
        Row(
            TASK,
            "fixtures/numeric_cross",
            "hard negatives with a NUM finding (false alarm)",
            _rate([o.false_alarm for o in negatives]),
            len(negatives),
            "figures that look related but are not",
        )
    )
    return table


def evaluate(data: Path, kinds: tuple[int, ...] = tuple(FINDERS), show: bool = False) -> list[Row]:
    with Checker(offline=True) as checker:
        real = measure_real(checker, data, kinds)
        fixtures = measure_fixtures(checker)
    if show:
        for outcome in real + fixtures:
            for detail in outcome.details:
                print(f"{outcome.label}\n  {detail}\n")
    return rows(real, fixtures)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m eval.numeric_cross_planted")
    parser.add_argument("--show", action="store_true", help="print every miss and false alarm in context")
    parser.add_argument(
        "--kinds", type=int, nargs="*", choices=sorted(FINDERS), help="finder kinds to measure"
    )
    args = parser.parse_args()
    kinds = tuple(args.kinds) if args.kinds else tuple(FINDERS)
    for row in evaluate(data_dir(), kinds, show=args.show):
        print(f"{row.dataset:<24} {row.metric:<70} {row.value:6.1%}  n={row.n:<4} {row.note}")


if __name__ == "__main__":
    main()
