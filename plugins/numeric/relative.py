"""Relative dates against the explicit date written beside them: "last year, in 2021".

"Last year", "this year", "next month" and "last August" count from the publication date; when
the writer also spells the date out in the same breath ("last year (2022)", "last August, in
2022", "next month, in May") the two must agree. Copy moved from one year's story to the next
gets exactly this wrong. Only the tight apposition counts (a comma, a bracket or a dash, maybe
"in"): "last year's 1986 figure" or "last year and in 2021" are two different times.

"Past"/"coming" are left alone ("over the past year" is the last twelve months, not the previous
calendar year), and so are fiscal years ("this year, 1987/88").
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator, Sequence

from factcheck.plugin import DateMention

from .checks import Check, Part

_REL_WORD = re.compile(r"^(?:last|this|next)\s+(?P<unit>year|month|[A-Z][a-z]+)$", re.IGNORECASE)
_MONTH_FIRST = re.compile(r"^(?P<unit>[A-Z][a-z]+)\s+(?:last|this|next)\s+year$")
_APPOSED = re.compile(r"^\s*(?:,\s*|\(\s*|\s[–—-]\s*)(?:in\s+|of\s+)?$", re.IGNORECASE)
_FISCAL_AFTER = re.compile(r"^\s*[/–-]\s*\d")


def relative_checks(plain: str, dates: Sequence[DateMention], reference: dt.date | None) -> Iterator[Check]:
    """NUM014: "last year, in 2021" / "next month (May)" against the publication date."""
    if reference is None:
        return
    ordered = sorted(dates, key=lambda d: d.start)
    for i, rel in enumerate(ordered[:-1]):
        if rel.kind != "relative" or rel.year is None:
            continue
        words = " ".join(rel.text.split())
        if not (_REL_WORD.match(words) or _MONTH_FIRST.match(words)):
            continue
        explicit = ordered[i + 1]
        gap = plain[rel.end : explicit.start]
        if (
            len(gap) > 8
            or not _APPOSED.match(gap)
            or _FISCAL_AFTER.match(plain[explicit.end : explicit.end + 4])
        ):
            continue
        if explicit.kind not in ("year", "month", "absolute"):
            continue
        yield from _judge(rel, explicit, reference)


def _judge(rel: DateMention, explicit: DateMention, reference: dt.date) -> Iterator[Check]:
    if rel.year is None:
        return
    parts = (Part(rel.start, rel.end, "relative date"), Part(explicit.start, explicit.end, "date"))
    said = " ".join(rel.text.split())
    if explicit.year is not None:
        wrong = explicit.year != rel.year or (
            explicit.month is not None and rel.month is not None and explicit.month != rel.month
        )
        meant = _name(rel.year, rel.month if explicit.month is not None else None)
    elif explicit.month is not None and rel.month is not None:
        wrong = explicit.month != rel.month
        meant = calendar.month_name[rel.month]
    else:
        return
    note = f"'{said}' from {reference.isoformat()} (publication) is {meant}"
    detail = f"published {reference.isoformat()}, '{said}' is {meant}, not {' '.join(explicit.text.split())}"
    yield Check("NUM014", not wrong, detail, note, parts)


def _name(year: int, month: int | None) -> str:
    return f"{calendar.month_name[month]} {year}" if month else str(year)
