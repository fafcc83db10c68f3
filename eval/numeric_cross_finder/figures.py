"""What the finder reports (``Figure``, ``Instance``) and the tests on figures every kind shares:
whether a quantity is an amount, its unit, whether two sums are close, the words around it."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from eval.numeric_cross_finder.articles import Doc, Q
from factcheck.model.article import Quantity


@dataclass(frozen=True)
class Figure:
    role: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Instance:
    corpus: str
    id: str
    kind: int
    rule: str
    figures: tuple[Figure, ...]
    relation: str  # in words, with the arithmetic
    target: int  # which figure to change when planting an error
    date: dt.date | None = None

    def spans(self) -> list[tuple[int, int]]:
        return [(f.start, f.end) for f in self.figures]


def figure_of(doc: Doc, role: str, q: Q | Quantity | tuple[int, int]) -> Figure:
    if isinstance(q, tuple):
        start, end = q
    else:
        start, end = q.start, q.end
    return Figure(role, start, end, doc.text[start:end])


def flat(text: str) -> str:
    return " ".join(text.split())


def _num(value: float) -> str:
    if value >= 1e9 and value % 1e7 == 0:
        return f"{value / 1e9:g}bn"
    if value >= 1e6 and value % 1e4 == 0:
        return f"{value / 1e6:g}m"
    return f"{value:,.10g}"


_AMOUNT_KINDS = frozenset({"count", "money", "measure"})


def is_amount(q: Q) -> bool:
    """A count, sum of money or measure; not a year, ordinal, percentage, multiplier or age."""
    quantity = q.q
    if quantity.kind not in _AMOUNT_KINDS or quantity.high is not None:
        return False
    if quantity.unit in ("year-old", "times", "way") or (quantity.unit and "/" in quantity.unit):
        return False
    if quantity.unit is None and quantity.value == int(quantity.value) and 1900 <= quantity.value <= 2030:
        return False  # a year the extractor left as a number
    return quantity.value > 0


def unit_of(q: Q) -> tuple[str, str | None]:
    return q.q.kind, (q.q.unit or "").lower().rstrip("s") or None


def same_unit(doc: Doc, a: Q, b: Q) -> bool:
    """Same kind and unit; a bare count takes the counted noun written a few words after it
    ("68,000 LDBrinkman common shares" counts shares)."""
    if unit_of(a) == unit_of(b):
        return True
    for bare, other in ((a, b), (b, a)):
        noun = unit_of(other)[1]
        if bare.q.kind == "count" and bare.q.unit is None and other.q.kind == "count" and noun:
            after = doc.text[bare.end : bare.end + 60]
            if re.match(r"\s+(?:[\w<>.&'-]+\s+){0,3}?" + re.escape(noun) + r"s?\b", after, re.IGNORECASE):
                return True
    return False


def _close(total: float, parts: float, *figures: Q) -> bool:
    """``parts`` equals ``total`` within half the coarsest rounding step of the figures."""
    step = max(f.q.precision for f in figures)
    return abs(total - parts) <= step / 2 + 1e-9 * max(abs(total), 1.0)


def context_before(doc: Doc, q: Q, before: int = 60) -> str:
    s = doc.sentences[q.sentence]
    return doc.text[max(s.start, q.start - before) : q.start].lower()


BOUND_WORDS = frozenset(
    {"below", "under", "up to", "more than", "over", "at least", "nearly", "almost", "less than"}
)
TIME_UNITS = frozenset(
    {
        "year",
        "yr",
        "month",
        "mth",
        "mo",
        "week",
        "wk",
        "day",
        "hour",
        "hr",
        "minute",
        "min",
        "second",
        "quarter",
        "qtr",
    }
)

# Between a part and its share: "A, or P%", "A (P%)", "A - P% -", "A, accounting for P%".
OR_SHARE = re.compile(
    r"^\s*(?:[,(\-–—]\s*|\s)(?:or\s+|accounting for\s+|representing\s+|equal to\s+|equivalent to\s+)?"
    r"(?:about |around |some |nearly |almost |roughly |just over |just under )?$"
)
DEFINITE_BEFORE = re.compile(
    r"\b(?:the|those|these|all|its|their|his|her|our)\s+(?:[a-z-]+\s+)?$", re.IGNORECASE
)


def lemma(word: str) -> str:
    word = word.lower()
    if word.endswith(("ss", "us", "is", "series", "species")):
        return word
    for suffix, replacement in (("ies", "y"), ("ches", "ch"), ("shes", "sh"), ("sses", "ss"), ("s", "")):
        if word.endswith(suffix) and len(word) >= len(suffix) + 2:
            return word[: -len(suffix)] + replacement
    return word


def currency_of(q: Q) -> str | None:
    unit = q.q.unit
    if q.q.kind != "money" or not unit or "/" in unit or unit in ("cent", "pence", "penny"):
        return None
    return unit


STOP_WORDS = frozenset(
    "that this with from have were been said will would which their there than about also after "
    "into over some more most last year years month months week when while where other only such "
    "them they were what this these those each rate level total figure figures".split()
)
