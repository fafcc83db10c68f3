"""Planted errors in real prose: does the numeric verifier catch a figure changed in a relation
it claims to understand?

Method. Every BBC and Reuters article is checked once as published; every ``supported`` NUM
verdict marks a relation the verifier read and found consistent. For each one, one figure of
that relation (the stated change, share or multiple, a part of a total, the weekday, the
duration) is mutated as a copy editor's slip would: a digit changed, a total broken, a weekday
swapped. The mutated article is checked again; the error is *caught* when a non-supported
verdict of the same rule now covers the relation. Recall is reported per rule; ``n`` is how many
verified relations of that rule the corpora hold (rules with none have no row).

    .venv/bin/python -m eval.numeric_planted
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from pathlib import Path

from eval.common import Row, data_dir
from eval.numeric_false_alarms import articles, numeric_engine
from factcheck.engine import Engine
from factcheck.report import SpanEvidence, Status, Verdict

_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_DIGIT = re.compile(r"\d")
_SPELLED = {
    "two": "four",
    "three": "five",
    "four": "seven",
    "five": "eight",
    "six": "nine",
    "seven": "three",
    "eight": "four",
    "nine": "five",
    "ten": "six",
    "doubled": "tripled",
    "tripled": "doubled",
    "halved": "doubled",
    "halving": "doubling",
    "doubling": "tripling",
    "tripling": "doubling",
    "quadrupled": "doubled",
    "trebled": "doubled",
    "twice": "three times",
    "third": "half",
    "quarter": "third",
    "half": "a quarter",
}
# The role whose figure is mutated, per rule: the claim, so the other figures still stand.
_TARGET_ROLE = {
    "NUM001": "stated change",
    "NUM002": "stated change",
    "NUM003": "stated multiple",
    "NUM004": "stated share",
    "NUM005": "part",
    "NUM010": "date",
    "NUM011": "stated duration",
    "NUM012": "stated age",
    "NUM013": "stated duration",
}


def _mutate(text: str, rng: random.Random) -> str | None:
    """One slip in a figure as written: a weekday swapped, a number word or a leading digit changed."""
    for day in _WEEKDAYS:
        if day in text:
            other = _WEEKDAYS[(_WEEKDAYS.index(day) + rng.choice((1, 2, 3))) % 7]
            return text.replace(day, other, 1)
    for word, replacement in _SPELLED.items():
        found = re.search(rf"\b{word}\b", text, re.IGNORECASE)
        if found:
            return text[: found.start()] + replacement + text[found.end() :]
    digits = [m.start() for m in _DIGIT.finditer(text)]
    if not digits:
        return None
    # Change the most significant digit, so the error is a real one (a copy slip, not rounding).
    at = digits[0]
    old = int(text[at])
    new = (old + rng.choice((2, 3, 4, 5))) % 10 or 7
    return text[:at] + str(new) + text[at + 1 :]


def _target(verdict: Verdict) -> SpanEvidence | None:
    spans = [e for e in verdict.evidence if isinstance(e, SpanEvidence)]
    role = _TARGET_ROLE.get(verdict.rule)
    chosen = [e for e in spans if e.note == role]
    return chosen[0] if chosen else None


def _caught(report_verdicts: tuple[Verdict, ...], rule: str, start: int, end: int) -> bool:
    family = {rule} | ({"NUM001", "NUM002"} if rule in ("NUM001", "NUM002") else set())
    return any(
        v.rule in family
        and v.status != Status.SUPPORTED
        and v.start is not None
        and v.end is not None
        and v.start <= end
        and start <= (v.end or 0)
        for v in report_verdicts
    )


def planted_real(engine: Engine, root: Path, seed: int = 7) -> dict[str, list[bool]]:
    """Per rule, whether each planted error in a real article was caught."""
    rng = random.Random(seed)
    results: dict[str, list[bool]] = defaultdict(list)
    for corpus in ("bbc", "reuters"):
        for article_id, text, date in articles(root, corpus):
            head = f"---\ndate: {date.isoformat()}\n---\n" if date else ""
            path = f"{article_id}.md" if date else f"{article_id}.txt"
            source = head + text
            report = engine.check_text(source, path)
            for verdict in report.verdicts:
                if verdict.verifier != "numeric" or verdict.status != Status.SUPPORTED:
                    continue
                target = _target(verdict)
                if target is None:
                    continue
                mutated = _mutate(target.text, rng)
                if mutated is None or mutated == target.text:
                    continue
                changed = source[: target.start] + mutated + source[target.end :]
                after = engine.check_text(changed, path)
                shift = len(mutated) - len(target.text)
                start, end = (verdict.start or target.start), (verdict.end or target.end) + shift
                results[verdict.rule].append(_caught(after.verdicts, verdict.rule, start, end))
    return results


def evaluate(data: Path) -> list[Row]:
    engine = numeric_engine()
    try:
        results = planted_real(engine, data)
    finally:
        engine.close()
    rows = []
    for rule in sorted(results):
        found = results[rule]
        rows.append(
            Row(
                "numeric_planted",
                "bbc_news+reuters21578",
                f"{rule} planted errors caught",
                sum(found) / len(found),
                len(found),
                "one figure of a verified relation mutated",
            )
        )
    return rows


def main() -> None:
    for row in evaluate(data_dir()):
        print(f"{row.metric:<34} {row.value:6.1%}  n={row.n}  ({row.dataset}; {row.note})")


if __name__ == "__main__":
    main()
