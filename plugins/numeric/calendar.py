"""Calendar facts: weekdays against dates, durations against their endpoints, ages against
birth years.

A weekday that does not match its date is the commonest correction of all ("on Tuesday, March
12" in a year when the 12th was a Wednesday), and it can be decided exactly. Durations and ages
are softer: "six years, from 1997 to 2003" may count inclusively, an age depends on whether the
birthday has passed, so those checks allow one year either way and speak only when the sentence
itself ties the figures together.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence

from factcheck.plugin import DateMention, Quantity

from .checks import Check, Part, part

_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_JOIN = re.compile(r"^(?:,\s*|\s+|\s*\(\s*)(?:the\s+)?$")
_SPAN_BETWEEN = re.compile(r"^\s*(?:to|until|till|and|through|[-–—])\s*$", re.IGNORECASE)
_SPAN_BEFORE = re.compile(r"\b(?:from|between|in)\s+$", re.IGNORECASE)
_DUR_HEDGE = re.compile(
    r"\b(?:more\s+than|over|nearly|almost|about|around|some|roughly|at\s+least|less\s+than|under|"
    r"up\s+to|the\s+first|the\s+last|the\s+past|the\s+next|within|another|an\s+extra|additional)\s+$",
    re.IGNORECASE,
)
# The duration and its endpoints must be written together: "for six years, from 1997 to 2003",
# "from 1997 to 2003, a period of six years", "the six years between 1997 and 2003".
_TIED_AFTER = re.compile(r"^\s*[,(–—-]?\s*(?:from|between|in)\s+$", re.IGNORECASE)
_TIED_BEFORE = re.compile(
    r"^\s*[,(–—-]?\s*(?:a\s+(?:period|span|stretch|total)\s+of\s+|or\s+|some\s+)?$", re.IGNORECASE
)
_BORN = re.compile(r"\bborn\s+(?:in\s+|on\s+)?$", re.IGNORECASE)
_AGE_BEFORE = re.compile(r"\b(?:aged|age|is|turns|turned)\s+$", re.IGNORECASE)
_PAST_TENSE = re.compile(
    r"\b(?:died|dies|death|dead|killed|was|were|had|when|then|at\s+the\s+time)\b", re.IGNORECASE
)


def weekday_checks(plain: str, dates: Sequence[DateMention], reference: dt.date | None) -> Iterator[Check]:
    """NUM010: "Tuesday, March 12, 2024" must fall on a Tuesday (the publication year when no
    year is written)."""
    ordered = sorted(dates, key=lambda d: d.start)
    for i, mention in enumerate(ordered):
        weekday, day_mention = mention.weekday, mention
        parts: tuple[Part, ...] = (Part(mention.start, mention.end, "date"),)
        if mention.kind == "weekday" and i + 1 < len(ordered):
            nxt = ordered[i + 1]  # "Tuesday 12 March": a weekday and a date side by side
            if nxt.kind == "absolute" and nxt.weekday is None and _JOIN.match(plain[mention.end : nxt.start]):
                day_mention = nxt
                parts = (Part(mention.start, mention.end, "weekday"), Part(nxt.start, nxt.end, "date"))
        if (
            weekday is None
            or day_mention.kind != "absolute"
            or day_mention.day is None
            or day_mention.month is None
        ):
            continue
        year = day_mention.year or (reference.year if reference else None)
        if year is None:
            continue
        try:
            actual = dt.date(year, day_mention.month, day_mention.day)
        except ValueError:
            continue
        written_year = "" if day_mention.year else f" (taking the publication year, {year})"
        note = f"{actual.isoformat()} is a {_WEEKDAY_NAMES[actual.weekday()]}{written_year}"
        ok = actual.weekday() == weekday
        written, real = _WEEKDAY_NAMES[weekday], _WEEKDAY_NAMES[actual.weekday()]
        detail = f"{actual.day} {actual:%B %Y} was a {real}, not a {written}"
        yield Check("NUM010", ok, detail, note, parts)


def _year_span(plain: str, qs: Sequence[Quantity]) -> tuple[Quantity, float, float, Quantity | None] | None:
    """ "from 1997 to 2003", "between 1997 and 2003", "1997-2003": the one year span of a sentence."""
    years = [q for q in qs if q.kind == "year"]
    for i, q in enumerate(years):
        if q.high is not None:
            return q, q.value, q.high, None
        if i + 1 < len(years):
            nxt = years[i + 1]
            if _SPAN_BETWEEN.match(plain[q.end : nxt.start]) and _SPAN_BEFORE.search(
                plain, max(0, q.start - 9), q.start
            ):
                return q, q.value, nxt.value, nxt
    return None


def duration_checks(plain: str, qs: Sequence[Quantity], dates: Sequence[DateMention]) -> Iterator[Check]:
    """NUM011: "for six years, from 1997 to 2003": the stated length against its endpoints."""
    durations = [
        d
        for d in dates
        if d.kind == "duration"
        and d.years is not None
        and d.years >= 1
        and float(d.years).is_integer()
        and re.search(r"years?\b|decades?\b", d.text, re.IGNORECASE)
    ]
    if len(durations) != 1:
        return
    duration = durations[0]
    if _DUR_HEDGE.search(plain, max(0, duration.start - 14), duration.start) or re.match(
        r"[\s-]*(?:ago|earlier|later|before|after|old)\b", plain[duration.end : duration.end + 8]
    ):
        return
    span = _year_span(plain, qs)
    if span is None or duration.years is None:
        return
    first, start_year, end_year, second = span
    last = second or first
    after = duration.end <= first.start and _TIED_AFTER.match(plain[duration.end : first.start])
    before = last.end <= duration.start and _TIED_BEFORE.match(plain[last.end : duration.start])
    if not (after or before):
        return
    length = end_year - start_year
    ok = length - 1 <= duration.years <= length + 1
    until = f"{end_year:g}"
    note = f"{until} − {start_year:g} = {length:g} years"
    detail = f"{start_year:g} to {until} is {length:g} years, not {duration.years:g}"
    parts = [Part(duration.start, duration.end, "stated duration"), part(first, "from")]
    if second is not None:
        parts.append(part(second, "to"))
    yield Check("NUM011", ok, detail, note, tuple(parts))


def age_checks(
    plain: str, qs: Sequence[Quantity], lo: int, hi: int, reference: dt.date | None
) -> Iterator[Check]:
    """NUM012: "born in 1960 … aged 63" against the publication date (present tense only)."""
    if reference is None or _PAST_TENSE.search(plain, lo, hi):
        return
    births = [q for q in qs if q.kind == "year" and _BORN.search(plain, max(lo, q.start - 12), q.start)]
    ages = [
        q
        for q in qs
        if q.unit == "year-old"
        or (
            q.kind == "count"
            and q.unit is None
            and not q.approx
            and _AGE_BEFORE.search(plain, max(lo, q.start - 8), q.start)
        )
    ]
    if len(births) != 1 or len(ages) != 1 or not 0 < ages[0].value < 120:
        return
    birth, age = births[0], ages[0]
    expected = reference.year - int(birth.value)
    ok = expected - 1 <= age.value <= expected
    note = f"{reference.year} − {birth.value:g} = {expected}, so {expected - 1} or {expected} at publication"
    detail = (
        f"born in {birth.value:g}, the person is {expected - 1} or {expected} "
        f"on {reference.isoformat()}, not {age.value:g}"
    )
    yield Check("NUM012", ok, detail, note, (part(birth, "birth year"), part(age, "stated age")))


def since_checks(
    plain: str, dates: Sequence[DateMention], qs: Sequence[Quantity], reference: dt.date | None
) -> Iterator[Check]:
    """NUM013: "in the three years since 2020" / "five years ago, in 2019" against the publication date."""
    if reference is None:
        return
    years = {q.start: q for q in qs if q.kind == "year" and q.high is None}
    for d in dates:
        if (
            d.kind not in ("duration", "relative")
            or d.years is None
            or d.years < 1
            or not float(d.years).is_integer()
        ):
            continue
        if not re.search(r"years?\b", d.text, re.IGNORECASE):
            continue
        tail = plain[d.end : d.end + 24]
        if d.text.rstrip().lower().endswith("ago"):
            link = re.match(r",?\s+in\s+", tail)
        else:
            link = re.match(r"\s+since\s+(?:in\s+)?", tail)
        if link is None:
            continue
        year = years.get(d.end + link.end())
        if year is None or _DUR_HEDGE.search(plain, max(0, d.start - 14), d.start):
            continue
        elapsed = reference.year - year.value
        ok = elapsed - 1 <= d.years <= elapsed + 1
        note = f"{reference.year} (publication) − {year.value:g} = {elapsed:g} years"
        detail = f"{year.value:g} was {elapsed:g} years before publication ({reference}), not {d.years:g}"
        yield Check("NUM013", ok, detail, note, (Part(d.start, d.end, "stated duration"), part(year, "year")))
