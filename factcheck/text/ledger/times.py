"""When a figure stands: the year of its clause ("in 2010", "2004's"), the period it names ("a
year earlier", "now", "first quarter"), or the time written at the head of its statement
("In 2021, ... there were eight"). Kept apart from the referents: a time orders two figures of
one thing, it says nothing about what they count."""

from __future__ import annotations

import re
from collections.abc import Sequence

from factcheck.model.article import DateMention, Quantity

_PERIOD = re.compile(
    r"\b(?:a\s+year\s+(?:earlier|ago|before)|year[-\s](?:ago|earlier)|(?:the\s+)?(?:prior|previous|"
    r"last|this|next|same)\s+(?:year|quarter|month|period|season)|(?:first|second|third|fourth)\s+"
    r"quarter|(?:fiscal|financial)\s+year|(?:in|for|during|since|by)\s+(?:19|20)\d\d|"
    r"(?:two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+years\s+(?:earlier|before|ago)|"
    r"now|currently|today|at\s+present|so\s+far|to\s+date)\b",
    re.I,
)
#: Periods that place a figure before the other figures of its kind ("a year earlier").
EARLIER_PERIODS = re.compile(
    r"^(?:a\s+year\s+(?:earlier|ago|before)|year[-\s](?:ago|earlier)|(?:the\s+)?(?:prior|previous)\s+year|"
    r"\w+\s+years\s+(?:earlier|before|ago)|(?:in\s+)?the\s+year[-\s](?:earlier|ago)\s+\w+)$"
)
#: Periods that place a figure at the time of writing ("there are now 19").
PRESENT_PERIODS = frozenset({"now", "currently", "today", "at present", "so far", "to date", "this year"})
# A time written at the head of a statement holds for every figure in it: "In 2021, the council's
# figures show, there were eight public charging points"; "Three years earlier, ... it issued 410".
_LEADING_YEAR = re.compile(
    r"\W*(?:(?:and|but|by\s+contrast|meanwhile),?\s+)?(?:in|during|by)\s+((?:19|20)\d\d)\b", re.I
)
_LEADING_PERIOD = re.compile(
    r"\W*(?:(?:and|but|by\s+contrast|meanwhile),?\s+)?(?P<period>(?:last|this)\s+year|a\s+year\s+(?:earlier|ago|before)|"
    r"(?:the\s+)?(?:previous|prior)\s+year|(?:two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+years\s+"
    r"(?:earlier|before|ago)|in\s+the\s+year[-\s](?:earlier|ago)\s+(?:period|quarter|month|year)|now|today|"
    r"currently)\b",
    re.I,
)


def year_near(q: Quantity, years: Sequence[Quantity], mentions: Sequence[DateMention]) -> int | None:
    best: tuple[int, int] | None = None
    for y in years:
        gap = y.start - q.end if y.start >= q.end else q.start - y.end
        if gap <= 40 and (best is None or gap < best[0]):
            best = (gap, int(y.value))
    for d in mentions:
        if d.year is None or d.kind not in ("year", "month", "absolute"):
            continue
        gap = d.start - q.end if d.start >= q.end else q.start - d.end
        if gap <= 40 and (best is None or gap < best[0]):
            best = (gap, d.year)
    return best[1] if best else None


def year_gap(q: Quantity, years: Sequence[Quantity], mentions: Sequence[DateMention]) -> int:
    gaps = [y.start - q.end if y.start >= q.end else q.start - y.end for y in years]
    gaps += [
        d.start - q.end if d.start >= q.end else q.start - d.end
        for d in mentions
        if d.year is not None and d.kind in ("year", "month", "absolute")
    ]
    return min(gaps, default=10**9)


_PERIOD_KEYS = (
    "year",
    "quarter",
    "month",
    "period",
    "season",
    "now",
    "current",
    "today",
    "present",
    "far",
    "date",
)
_PERIOD_YEAR = re.compile(r"\b(?:in|for|during|since|by)\s+(?:19|20)\d\d\b", re.I)


def periods_in(plain: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    """The periods a statement writes (:data:`_PERIOD`), scanning only when a word of one is there."""
    low = plain[lo:hi].lower()
    pattern = _PERIOD if any(key in low for key in _PERIOD_KEYS) else _PERIOD_YEAR
    return [(m.start(), m.end(), m.group()) for m in pattern.finditer(plain, lo, hi)]


def period_nearest(periods: Sequence[tuple[int, int, str]], q: Quantity) -> tuple[int, str] | None:
    """The period written nearest a figure (within 50 characters), from its statement's periods."""
    best: tuple[int, str] | None = None
    for start, end, text in periods:
        if end <= q.start - 50 or start >= q.end + 50:
            continue
        gap = start - q.end if start >= q.end else q.start - end
        if best is None or gap < best[0]:
            best = (gap, " ".join(text.lower().split()))
    return best


def leading_time(plain: str, lo: int, hi: int) -> tuple[int | None, str | None, int]:
    """The year or period written at the head of a statement, and where it ends."""
    found = _LEADING_YEAR.match(plain, lo, hi)
    if found is not None:
        return int(found.group(1)), None, found.end()
    head = _LEADING_PERIOD.match(plain, lo, hi)
    if head is not None:
        return None, " ".join(head["period"].lower().split()), head.end()
    return None, None, hi + 1


def _nearest_period(plain: str, q: Quantity, lo: int, hi: int) -> str | None:
    found = _period_and_gap(plain, q, lo, hi)
    return found[1] if found else None


def _period_and_gap(plain: str, q: Quantity, lo: int, hi: int) -> tuple[int, str] | None:
    window_lo, window_hi = max(lo, q.start - 50), min(hi, q.end + 50)
    best: tuple[int, str] | None = None
    for m in _PERIOD.finditer(plain, window_lo, window_hi):
        gap = m.start() - q.end if m.start() >= q.end else q.start - m.end()
        if best is None or gap < best[0]:
            best = (gap, " ".join(m.group().lower().split()))
    return best
