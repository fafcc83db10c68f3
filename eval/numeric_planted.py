"""Planted errors in real prose: does the numeric verifier catch a figure changed in a relation
it claims to understand?

Method. Every BBC and Reuters article is checked once as published; every ``supported`` NUM
verdict marks a relation the verifier read and found consistent. For each one, one figure of
that relation (the stated change, share or multiple, a part of a total, the weekday, the
duration) is mutated as a copy editor's slip would: a digit changed, a total broken, a weekday
swapped. The mutated article is checked again; the error is *caught* when a non-supported
verdict of the same rule now covers the relation. Recall is reported per rule; ``n`` is how many
verified relations of that rule the corpora hold (rules with none have no row).

Second method (``found_real``), for relation types the verifier rarely or never verifies as
published: an independent finder, which knows nothing of the verifier's patterns, looks for real
sentences whose figures are arithmetically tied (parts that sum exactly to a figure before them,
a "from X% to Y%" with a stated point change, a "the N noun" repeating an earlier "N noun",
"N years since/ago … YEAR" against the dateline, percentages of a poll summing to 100). One
figure is mutated and the article rechecked; the share caught measures coverage of the relation
as real copy writes it, not only as the verifier's patterns expect it.

    .venv/bin/python -m eval.numeric_planted
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections import defaultdict
from pathlib import Path

from eval.common import Row, data_dir
from eval.numeric_false_alarms import articles, numeric_engine
from factcheck.engine.engine import Engine
from factcheck.model.report import SpanEvidence, Status, Verdict

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


_SENTENCE = re.compile(r"[^.!?]+(?:\.\d[^.!?]*)*[.!?]?")
_INT = re.compile(r"(?<![\w.,$£/-])(\d{1,3}(?:,\d{3})+|\d+)(?![\w.,/-]\d|%|\s*(?:pct|per\s*cent|percent))")
_PCT = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s*(?:%|pct\b|per\s*cent\b|percent\b)")
_POINTS = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s+(?:percentage|pct|per\s+cent)\s+points?\b")
_COUNT = re.compile(r"(?<![\w.,$£])(\d{1,3}(?:,\d{3})+|\d{2,})\s+([a-z]{4,})\b")
_SINCE = re.compile(
    r"\b(\d+|two|three|four|five|six|seven|eight|nine|ten)\s+years\s+(?:since\s+(?:in\s+)?|ago,?\s+in\s+)(\d{4})\b"
)
_POLL_WORD = re.compile(
    r"\b(?:poll|polled|survey|surveyed|vote|voted|voters|respondents|ballot)\b", re.IGNORECASE
)
_TIME_NOUNS = frozenset("year month mth day week hour minute quarter".split())
_WORDS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten".split())}
Found = tuple[str, int, int, int, int]  # rule, target start/end, relation start/end (in the text)


def _value(text: str) -> float:
    return float(text.replace(",", ""))


def find_relations(text: str, date: dt.date | None) -> list[Found]:
    """Arithmetically tied figures in real prose, found without the verifier's own patterns."""
    found: list[Found] = []
    for sentence in _SENTENCE.finditer(text):
        lo, body = sentence.start(), sentence.group()
        ints = [m for m in _INT.finditer(body) if not 1900 <= _value(m[1]) <= 2030]
        for k, whole in enumerate(ints):  # NUM005: a figure, then parts summing exactly to it
            rest = [_value(m[1]) for m in ints[k + 1 :]]
            if 2 <= len(rest) <= 5 and min(rest) >= 2 and sum(rest) == _value(whole[1]) > max(rest):
                last = ints[-1]
                found.append(
                    ("NUM005", lo + last.start(1), lo + last.end(1), lo + whole.start(), lo + last.end())
                )
                break
        pcts = list(_PCT.finditer(body))
        for points in _POINTS.finditer(body):  # NUM002: "Z points" with "X% ... Y%" differing by Z
            others = [m for m in pcts if m.start() > points.end() or m.end() < points.start()]
            if (
                len(others) == 2
                and abs(abs(_value(others[0][1]) - _value(others[1][1])) - _value(points[1])) < 0.05
            ):
                found.append(
                    ("NUM002", lo + points.start(), lo + points.end(), lo + points.start(), lo + points.end())
                )
        shares = [m for m in pcts if not _POINTS.match(body, m.start())]
        if len(shares) >= 2 and _POLL_WORD.search(body) and abs(sum(_value(m[1]) for m in shares) - 100) <= 1:
            first = shares[0]  # NUM007: the shares of a poll summing to 100
            found.append(
                ("NUM007", lo + first.start(1), lo + first.end(1), lo + first.start(), lo + shares[-1].end())
            )
        for m in _SINCE.finditer(body) if date else ():  # NUM013: elapsed years against the dateline
            n = _WORDS.get(m[1], None) if not m[1].isdigit() else int(m[1])
            if n is not None and date is not None and abs(date.year - int(m[2]) - n) <= 1:
                found.append(("NUM013", lo + m.start(1), lo + m.end(1), lo + m.start(), lo + m.end()))
    counted: dict[tuple[str, str], int] = {}
    for m in _COUNT.finditer(text):  # NUM006: "the N noun" repeating an earlier "N noun"
        key = (m[1], m[2].rstrip("s"))
        if 1900 <= _value(m[1]) <= 2030 or key[1] in _TIME_NOUNS:
            continue
        if key in counted and text[max(0, m.start() - 4) : m.start()].lower() == "the ":
            found.append(("NUM006", m.start(1), m.end(1), m.start(), m.end()))
        counted.setdefault(key, m.start())
    return found


def _slip(figure: str, rule: str) -> str:
    """The figure as a copy slip would change it: points written as per cent, a digit changed."""
    if rule == "NUM002":
        return re.sub(r"\s+(?:percentage|pct|per\s+cent)\s+points?", "%", figure)
    if not figure[0].isdigit():
        return str(_WORDS.get(figure, 5) + 3)
    return str((int(figure[0]) + 3) % 10 or 9) + figure[1:]


def found_real(engine: Engine, root: Path) -> dict[str, list[bool]]:
    """Per rule, whether a slip planted in an independently found real relation was caught."""
    results: dict[str, list[bool]] = defaultdict(list)
    for corpus in ("bbc", "reuters"):
        for article_id, text, date in articles(root, corpus):
            head = f"---\ndate: {date.isoformat()}\n---\n" if date else ""
            path = f"{article_id}.md" if date else f"{article_id}.txt"
            for rule, start, end, rel_start, rel_end in find_relations(text, date):
                mutated = _slip(text[start:end], rule)
                changed = head + text[:start] + mutated + text[end:]
                shift, at = len(mutated) - (end - start), len(head)
                after = engine.check_text(changed, path)
                results[rule].append(_caught(after.verdicts, rule, at + rel_start, at + rel_end + shift))
    return results


def evaluate(data: Path) -> list[Row]:
    engine = numeric_engine()
    try:
        results = planted_real(engine, data)
        independent = found_real(engine, data)
    finally:
        engine.close()
    rows = []
    for rule in sorted(independent):
        caught = independent[rule]
        rows.append(
            Row(
                "numeric_planted",
                "bbc_news+reuters21578",
                f"{rule} slips in found relations caught",
                sum(caught) / len(caught),
                len(caught),
                "relation found by an independent finder, one figure mutated",
            )
        )
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
