"""Dates, weekdays, relative dates and durations, resolved against the publication date.

A news story says "on Tuesday" and "last August" because its reader knows when it was
published; a fact-checker reading it later does not. So every mention is extracted with its
granularity (``kind`` and which of ``year``/``month``/``day`` are set) and, when a reference
date (the dateline) makes it determinate, ``resolved``: the *first day* of the period it
denotes ("March 2025" -> 2025-03-01, "last year" -> the 1st of January of that year).

Stdlib only (DEPENDENCIES.md §3: dateparser's ``search_dates`` read "we" as Wednesday and
"4%" as a date). One precompiled alternation scanned once: linear in the text.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Final

from factcheck.model.article import DateMention, trusted_constructor
from factcheck.text.date_arithmetic import date_ago, nearest_year, relative_fields, safe_date
from factcheck.text.numbers import (
    NUMBER_WORD_SOURCE,
    SCALES,
    TENS,
    UNITS,
    lower_aligned,
    lower_window,
    match_before,
    parse_number_prefix,
    trie_source,
)

MONTHS: Final[dict[str, int]] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS: Final[dict[str, int]] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip
# Length of each duration unit in years.
UNIT_YEARS: Final[dict[str, float]] = {
    "minute": 1 / 525_960, "hour": 1 / 8_766, "day": 1 / 365.25, "week": 7 / 365.25,
    "month": 1 / 12, "year": 1.0, "decade": 10.0, "century": 100.0, "centurie": 100.0,
    "weekend": 2 / 365.25,
}  # fmt: skip

# Month names are matched case-sensitively (capitalised or ALL CAPS, as in Reuters headlines):
# "march" and "may" in lower case are a verb and a modal, not months.
_FULL = [m for m in MONTHS if len(m) > 4 or m in ("may", "june", "july")]
_ABBR = [m for m in MONTHS if m not in _FULL]
_FULL_NAMES = sorted({m.capitalize() for m in _FULL} | {m.upper() for m in _FULL}, key=len, reverse=True)
_ABBR_NAMES = sorted({m.capitalize() for m in _ABBR} | {m.upper() for m in _ABBR}, key=len, reverse=True)
MONTH_SOURCE: Final[str] = "(?:(?:" + "|".join(_FULL_NAMES) + r")\b|(?:" + "|".join(_ABBR_NAMES) + r")\b\.?)"
_WEEKDAY_SOURCE = "(?:" + "|".join(sorted({w.capitalize() for w in WEEKDAYS}, key=len, reverse=True)) + r")\b"
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\b"
_YEAR_CORE = r"(?:1[5-9]\d\d|20\d\d)"
_YEAR = _YEAR_CORE + r"\b"
_NUMBER = rf"(?:\d+(?:\.\d+)?|(?i:an?|(?:{NUMBER_WORD_SOURCE})(?:[\s-]+(?:{NUMBER_WORD_SOURCE})){{0,8}}))"
_DUR_UNIT = r"(?i:minutes?|hours?|days?|weeks?|months?|years?|decades?|century|centuries)\b"

_PATTERN = re.compile(
    rf"""
    (?P<iso>\b(?P<iy>{_YEAR_CORE})-(?P<im>0[1-9]|1[0-2])-(?P<id>0[1-9]|[12]\d|3[01])\b)
  | (?P<rel>\b(?i:yesterday|today|tonight|tomorrow)\b
        | \b(?i:last|next|this|past|coming)\s+(?i:week|month|year|weekend|decade|century)\b)
  | (?P<wdate>(?P<wd>{_WEEKDAY_SOURCE}),?\s+(?=(?:{MONTH_SOURCE})\s+\d))
  | (?P<md>(?P<mon>{MONTH_SOURCE})
        (?:\s+(?P<mday>{_DAY})(?!\s*(?:%|[.,:]\d))(?:,?\s+(?P<myear>{_YEAR}))?|\s+(?:of\s+)?(?P<myear2>{_YEAR}))?)
  | (?P<dm>\b(?P<dday>{_DAY})\s+(?:of\s+)?(?P<dmon>{MONTH_SOURCE})(?:,?\s+(?P<dyear>{_YEAR}))?)
  | (?P<weekday>{_WEEKDAY_SOURCE})
  | (?P<decade>(?:\b(?i:the)\s+)?(?:(?P<dec4>\b1[5-9]\d0|\b20\d0)|['’](?P<dec2>\d0))s\b)
  | (?P<dur>(?<![\w.,])(?P<dnum>{_NUMBER})(?:\s+|-)(?P<dunit>{_DUR_UNIT})(?P<ago>\s+(?i:ago|earlier|before))?)
  | (?P<year>(?<![\w.,$£€¥-])(?P<yval>{_YEAR})(?![.,]?\d|%|-\d))
    """,
    re.VERBOSE,
)
# Every alternative above starts with one of these (or a digit or an apostrophe): scanning the
# lower-cased text for them first, then trying the full pattern there, is about ten times faster.
_CANDIDATE = re.compile(
    r"[\d'’]|\b"
    + trie_source(
        [
            *MONTHS,
            *WEEKDAYS,
            *UNITS,
            *TENS,
            *SCALES,
            "dozen",
            "a",
            "an",
            "yesterday",
            "today",
            "tonight",
            "tomorrow",
            "last",
            "next",
            "this",
            "past",
            "coming",
        ]
    )
    + r"\b"
)
_DIGIT_RUN = re.compile(r"\d+")
_WEEKDAY_BEFORE = re.compile(rf"({_WEEKDAY_SOURCE}),?\s+$")
_BEFORE = re.compile(
    r"(?P<w>\b(?i:last|next|this|past|coming|on|since|in|until|by|from|during|early|late|mid|"
    r"of|before|after|through|between|and|to|till|each|every|the))[\s-]*$"
)
_HEDGE_BEFORE = re.compile(
    r"\b(?i:for|over|in|within|during|after|about|nearly|almost|more\s+than|less\s+than|"
    r"the\s+past|the\s+last|the\s+next|the\s+first|past|last|next|some|around|up\s+to|under)\s+$"
)
_FREQUENCY_BEFORE = re.compile(r"\b(?i:once|twice|times|per|every)\s+$")
_PLURAL_AFTER = re.compile(
    r"\s*(?:%|\s(?:[a-z]+[^s\W]s|people|men|women|children|staff|police|personnel|"
    r"per\s?cent|percent|pct)\b)"
)


# The extractor's own output is trusted: built without pydantic re-validation (a third of the
# cost of a mention). Every value is already of its field's type; tests/test_dates.py checks that
# these mentions equal validated ones.
_mention_of = trusted_constructor(DateMention)


def _word_before(plain: str, start: int) -> str:
    match = match_before(_BEFORE, plain, max(0, start - 12), start)
    return match.group("w").lower() if match else ""


def extract_dates(
    plain: str, start: int = 0, end: int | None = None, reference: dt.date | None = None
) -> list[DateMention]:
    """Every date, weekday, relative date and duration in ``plain[start:end]``, in text order.

    ``reference`` is the publication date: weekdays resolve to the most recent such day on or
    before it ("on Tuesday"), "next Tuesday" to the first one after it, "last August" to the
    latest August before its month, "Jan. 5" to the nearest Jan. 5.
    """
    stop = len(plain) if end is None else min(end, len(plain))
    low, base = lower_window(plain, start, stop)  # offsets in ``low`` are shifted by ``base``
    return _dates_in(plain, low, base, start, stop, reference)


def dates_in_spans(
    plain: str, spans: Sequence[tuple[int, int]], reference: dt.date | None = None, low: str | None = None
) -> list[list[DateMention]]:
    """:func:`extract_dates` for each ``(start, end)`` of ``spans`` (an article's statements) in
    one call: the text is lower-cased once (``low``, from :func:`lower_aligned`, may be passed
    in), not once per span. Each span's result is exactly what ``extract_dates`` gives for it."""
    low = lower_aligned(plain) if low is None else low
    size = len(plain)
    return [_dates_in(plain, low, 0, start, min(end, size), reference) for start, end in spans]


def _dates_in(
    plain: str, low: str, base: int, start: int, stop: int, reference: dt.date | None
) -> list[DateMention]:
    found: list[DateMention] = []
    search, match_at = _CANDIDATE.search, _PATTERN.match
    pos = start
    while pos < stop:
        candidate = search(low, pos - base, stop - base)
        if candidate is None:
            break
        at = candidate.start() + base
        match = match_at(plain, at, stop)
        if match is None:
            skip = _DIGIT_RUN.match(plain, at, stop)
            pos = skip.end() if skip else candidate.end() + base
            continue
        pos = max(match.end(), at + 1)
        mention = _mention(plain, match, reference)
        if mention is not None and mention.end <= stop and mention.start >= start:
            found.append(mention)
    return found


def _mention(plain: str, match: re.Match[str], reference: dt.date | None) -> DateMention | None:
    """The date mention of one match of the date pattern, read by the alternative that matched;
    ``None`` when the match is no date ("May" the verb, "2000 people")."""
    if match.group("iso"):
        return _iso_mention(plain, match)
    if match.group("rel"):
        return _relative_mention(plain, match, reference)
    if match.group("wdate"):
        return None  # the weekday is folded into the date that follows (next match)
    if match.group("md") or match.group("dm"):
        return _month_mention(plain, match, reference)
    if match.group("weekday"):
        return _weekday_mention(plain, match, reference)
    if match.group("decade"):
        return _decade_mention(plain, match)
    if match.group("dur"):
        return _duration(plain, match, reference)
    return _year_mention(plain, match)


def _iso_mention(plain: str, match: re.Match[str]) -> DateMention:
    """ "2025-03-18"."""
    s, e = match.span()
    iso = int(match["iy"]), int(match["im"]), int(match["id"])
    fields: dict[str, object] = {"year": iso[0], "month": iso[1], "day": iso[2], "resolved": safe_date(*iso)}
    return _mention_of(start=s, end=e, text=plain[s:e], kind="absolute", **fields)


def _relative_mention(plain: str, match: re.Match[str], reference: dt.date | None) -> DateMention:
    """ "last year", "next month"; "the past decade" is a span of time, a duration."""
    s, e = match.span()
    words = match.group().lower().split()
    if len(words) == 2 and words[0] in ("past", "last", "next") and _word_before(plain, s) == "the":
        # "the past decade", "the next year": a span of time, not a point in it
        s = match_before(_BEFORE, plain, max(0, s - 12), s).start()  # type: ignore[union-attr]
        return _mention_of(start=s, end=e, text=plain[s:e], kind="duration", years=UNIT_YEARS[words[1]])
    fields = relative_fields(match.group(), reference)
    return _mention_of(start=s, end=e, text=plain[s:e], kind="relative", **fields)


def _month_mention(plain: str, match: re.Match[str], reference: dt.date | None) -> DateMention | None:
    """A month with or without its day and year: "March 18, 2025", "18 March", "March 2025",
    "last March", "in March" (the weekday before it folded in: "Tuesday, March 18")."""
    s, e = match.span()
    fields: dict[str, object] = {}
    kind: str
    mon = match["mon"] or match["dmon"]
    month = MONTHS[mon.rstrip(".").lower()]
    day_text = match["mday"] or match["dday"]
    year_text = match["myear"] or match["myear2"] or match["dyear"]
    before = _word_before(plain, s)
    if mon.rstrip(".").lower() == "may" and not (day_text or year_text or before):
        return None  # "May" the modal verb at a sentence start
    if len(mon.rstrip(".")) <= 3 and not mon.endswith(".") and not (day_text or year_text):
        if mon.isupper() or not before:
            return None  # a bare "Mar"/"JAN" without a date is too ambiguous
    wd_match = match_before(_WEEKDAY_BEFORE, plain, max(0, s - 12), s)
    if wd_match:
        s -= len(wd_match.group())
        fields["weekday"] = WEEKDAYS[wd_match.group(1).lower()]
    if day_text:
        kind = "absolute"
        _day_of_month(fields, month, day_text, year_text, reference)
    elif year_text:
        kind = "month"
        fields.update(month=month, year=int(year_text), resolved=dt.date(int(year_text), month, 1))
    elif before in ("last", "next", "this", "past", "coming"):
        kind = "relative"
        s = match_before(_BEFORE, plain, max(0, s - 12), s).start()  # type: ignore[union-attr]
        _month_from_reference(fields, month, before, reference)
    else:
        kind = "month"
        fields["month"] = month
    return _mention_of(start=s, end=e, text=plain[s:e], kind=kind, **fields)


def _day_of_month(
    fields: dict[str, object], month: int, day_text: str, year_text: str | None, reference: dt.date | None
) -> None:
    """A day of a month, in the year written or else the year nearest the reference date."""
    day = int(re.sub(r"\D", "", day_text))
    year: int | None
    if year_text:
        year = int(year_text)
    elif reference is not None:
        year = nearest_year(month, day, reference)
    else:
        year = None
    fields.update(month=month, day=day, year=year)
    if year is not None:
        fields["resolved"] = safe_date(year, month, day)


def _month_from_reference(
    fields: dict[str, object], month: int, before: str, reference: dt.date | None
) -> None:
    """ "last March", "this June", "next May": the year follows from the reference date."""
    fields["month"] = month
    if reference is not None:
        if before in ("last", "past"):
            year = reference.year if month < reference.month else reference.year - 1
        elif before == "this":
            year = reference.year
        else:
            year = reference.year if month > reference.month else reference.year + 1
        fields.update(year=year, resolved=dt.date(year, month, 1))


def _weekday_mention(plain: str, match: re.Match[str], reference: dt.date | None) -> DateMention:
    """ "on Tuesday", "last Friday", "next Monday": resolved against the reference date."""
    s, e = match.span()
    fields: dict[str, object] = {}
    weekday = WEEKDAYS[match.group().lower()]
    before = _word_before(plain, s)
    fields["weekday"] = weekday
    if before in ("last", "next", "this", "past", "coming"):
        s = match_before(_BEFORE, plain, max(0, s - 12), s).start()  # type: ignore[union-attr]
    if reference is not None:
        back = (reference.weekday() - weekday) % 7
        if before == "next" or before == "coming":
            day_date = reference + dt.timedelta(days=(weekday - reference.weekday()) % 7 or 7)
        elif before in ("last", "past"):
            day_date = reference - dt.timedelta(days=back or 7)
        else:
            day_date = reference - dt.timedelta(days=back)
        fields.update(year=day_date.year, month=day_date.month, day=day_date.day, resolved=day_date)
    return _mention_of(start=s, end=e, text=plain[s:e], kind="weekday", **fields)


def _decade_mention(plain: str, match: re.Match[str]) -> DateMention:
    """ "the 1990s", "the '80s"."""
    s, e = match.span()
    if plain[max(0, s - 4) : s].lower() == "the ":
        s -= 4  # "the 1990s": the scan starts at the digits, the article belongs to the span
    if match["dec4"]:
        year = int(match["dec4"])
    else:
        two = int(match["dec2"])
        year = (2000 if two <= 20 else 1900) + two
    fields: dict[str, object] = {"year": year, "resolved": dt.date(year, 1, 1)}
    return _mention_of(start=s, end=e, text=plain[s:e], kind="decade", **fields)


def _year_mention(plain: str, match: re.Match[str]) -> DateMention | None:
    """A bare year, unless a plural follows it ("2000 people", "1998 pct": a count)."""
    s, e = match.span()
    after = plain[e : e + 30]
    if _PLURAL_AFTER.match(after):
        return None  # "2000 people", "1998 pct": a count, not a year
    year = int(match["yval"])
    fields: dict[str, object] = {"year": year, "resolved": dt.date(year, 1, 1)}
    return _mention_of(start=s, end=e, text=plain[s:e], kind="year", **fields)


def _duration(plain: str, match: re.Match[str], reference: dt.date | None) -> DateMention | None:
    s, e = match.span()
    number_text = match["dnum"].lower()
    if number_text in ("a", "an"):
        if match_before(_FREQUENCY_BEFORE, plain, max(0, s - 8), s):
            return None  # "once a month" is a frequency
        value = 1.0
    else:
        words = re.findall(r"[a-z]+|\d+(?:\.\d+)?", number_text)
        parsed = parse_number_prefix(words)
        if parsed is None or parsed[2] != len(words):
            return None
        value = parsed[0]
    unit = match["dunit"].lower().rstrip("s")
    years = value * UNIT_YEARS[unit]
    hedge = match_before(_HEDGE_BEFORE, plain, max(0, s - 16), s)
    if match["ago"]:
        fields: dict[str, object] = {"years": years}
        if reference is not None and match["ago"].strip().lower() == "ago":
            resolved = date_ago(reference, value, unit)
            if resolved is not None:
                fields.update(year=resolved.year, resolved=resolved)
                if unit not in ("year", "decade", "century", "centurie"):
                    fields["month"] = resolved.month
                if unit in ("day", "week", "hour", "minute"):
                    fields["day"] = resolved.day
        return _mention_of(start=s, end=e, text=plain[s:e], kind="relative", **fields)
    if hedge:
        s = hedge.start()
    return _mention_of(start=s, end=e, text=plain[s:e], kind="duration", years=years)
