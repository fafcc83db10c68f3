"""Date arithmetic for resolving mentions against the reference date (the dateline): months
shifted across year ends, dates that may not exist ("February 30"), the year that puts a
year-less "Jan. 5" nearest the dateline, "last month" / "next week", and "three years ago". Kept
apart from the scanner in :mod:`factcheck.text.dates`: this is calendar arithmetic, stdlib only,
and knows nothing of how a date is written.
"""

from __future__ import annotations

import calendar
import datetime as dt


def shift_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    if not 1 <= month <= 12 or not dt.MINYEAR <= year <= dt.MAXYEAR:
        return None
    if not 1 <= day <= calendar.monthrange(year, month)[1]:
        return None
    return dt.date(year, month, day)


def nearest_year(month: int, day: int, reference: dt.date) -> int:
    """The year that puts a year-less "Jan. 5" closest to the dateline."""
    best = reference.year
    best_gap: int | None = None
    for year in (reference.year - 1, reference.year, reference.year + 1):
        candidate = safe_date(year, month, min(day, 28) if month == 2 else day)
        if candidate is None:
            continue
        gap = abs((candidate - reference).days)
        if best_gap is None or gap < best_gap:
            best, best_gap = year, gap
    return best


def relative_fields(text: str, reference: dt.date | None) -> dict[str, object]:
    """The fields of "yesterday", "last year", "next month", "this week" resolved against the
    reference date (none without one)."""
    words = text.lower().split()
    out: dict[str, object] = {}
    if reference is None:
        return out
    offsets = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}
    if words[0] in offsets:
        day = reference + dt.timedelta(days=offsets[words[0]])
        return {"year": day.year, "month": day.month, "day": day.day, "resolved": day}
    direction = {"last": -1, "past": -1, "next": 1, "coming": 1, "this": 0}[words[0]]
    unit = words[-1]
    if unit == "year":
        year = reference.year + direction
        return {"year": year, "resolved": dt.date(year, 1, 1)}
    if unit == "month":
        year, month = shift_months(reference.year, reference.month, direction)
        return {"year": year, "month": month, "resolved": dt.date(year, month, 1)}
    if unit in ("week", "weekend"):
        monday = reference - dt.timedelta(days=reference.weekday()) + dt.timedelta(weeks=direction)
        start = monday + dt.timedelta(days=5) if unit == "weekend" else monday
        return {"resolved": start}
    return out


def date_ago(reference: dt.date, value: float, unit: str) -> dt.date | None:
    """The date "N units ago" names (``None`` for a part or an absurd count: "1.5 years ago")."""
    if value != int(value) or value > 10_000:
        return None
    n = int(value)
    try:
        if unit in ("day", "week", "hour", "minute"):
            days = {"day": n, "week": 7 * n, "hour": n // 24, "minute": 0}[unit]
            return reference - dt.timedelta(days=days)
        if unit == "month":
            year, month = shift_months(reference.year, reference.month, -n)
            return dt.date(year, month, 1)
        years = {"year": n, "decade": 10 * n, "century": 100 * n, "centurie": 100 * n}[unit]
        return dt.date(reference.year - years, 1, 1)
    except (ValueError, OverflowError):
        return None
