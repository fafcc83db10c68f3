"""NUM013 and NUM012 against a year given earlier: "twinned in 1979 ... Fifteen years later, in
1994", "12 years after the first section reopened", and an age against a birth year ("Born in
Cardiff in 1931 ... died on Monday, aged 92")."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from factcheck.plugin import DateMention, Ledger

from ..checks import Check
from .calendar_reading import (
    WINDOW,
    Entry,
    durations_in,
    is_hedged,
    length_text,
    mention_part,
    paragraph_at,
    year_mentions,
    years_of,
)

_LATER = re.compile(r"[\s-]*(?:later|on)\b", re.IGNORECASE)
_AFTER_THE = re.compile(
    r"\s+after\s+(?:the\s+|its\s+|their\s+|his\s+|her\s+)?(?P<what>(?:[a-z]+\s+){0,3}?)(?P<verb>[a-z]+ed)\b",
    re.IGNORECASE,
)
_BORN = re.compile(r"\bborn\b[^.;:]{0,40}$", re.IGNORECASE)
_AGED_BEFORE = re.compile(r"\baged\s+$", re.IGNORECASE)
_RELATIVE_NEAR = re.compile(
    r"\b(?:wife|husband|son|daughter|mother|father|brother|sister|child|children|friend|partner|widow|"
    r"widower|grandson|granddaughter|colleague)\b[^.;]{0,30}$",
    re.IGNORECASE,
)
_THEN = re.compile(r"\b(?:when|then|at\s+the\s+time|until|before|after)\b", re.IGNORECASE)


def later_checks(ledger: Ledger) -> Iterator[tuple[int, Check]]:
    """NUM013 across sentences: "Eleven years later, in 1994" against the year the sentence before
    gives ("twinned in 1979"); "finished in 2006, 16 years after the first section reopened"
    against the year that event was given ("reopened to boats in 1994")."""
    plain = ledger.plain
    for index in range(len(ledger.statement_spans)):
        years = year_mentions(ledger, index)
        for duration in durations_in(ledger, index):
            if is_hedged(ledger, duration):
                continue
            later = _LATER.match(plain, duration.end)
            after = _AFTER_THE.match(plain, duration.end)
            if later:
                close = [d for d in years if d.start >= duration.end and d.start - duration.end <= 12]
                if len(close) != 1 or len(years) != 1:
                    continue
                anchor = _previous_year(ledger, index)
            elif after:
                close = [d for d in years if d.end <= duration.start and duration.start - d.end <= 12]
                if len(close) != 1 or len(years) != 1:
                    continue
                anchor = _year_of_event(ledger, index, after["verb"])
            else:
                continue
            if anchor is None:
                continue
            first, first_index = anchor
            second = close[0]
            if first.year is None or second.year is None or first.year >= second.year:
                continue
            elapsed = second.year - first.year
            ok = elapsed - 1 <= years_of(duration) <= elapsed + 1
            detail = (
                f"from {first.text} ({paragraph_at(ledger, first_index)}) "
                f"to {second.text} is {elapsed} years, "
                f"not {length_text(duration)}"
            )
            note = f"{second.year} − {first.year} = {elapsed} years"
            parts = (
                mention_part(duration, "stated duration"),
                mention_part(first, "from"),
                mention_part(second, "to"),
            )
            yield index, Check("NUM013", ok, detail, note, parts)


def _previous_year(ledger: Ledger, index: int) -> tuple[DateMention, int] | None:
    """The one year the sentence before gives (none between)."""
    for k in range(index - 1, max(-1, index - 3), -1):
        years = year_mentions(ledger, k)
        if not years:
            continue
        distinct = {d.year for d in years}
        return (years[-1], k) if len(distinct) == 1 else None
    return None


def _year_of_event(ledger: Ledger, index: int, verb: str) -> tuple[DateMention, int] | None:
    """The year given earlier for the event "after the first section reopened" names: a
    statement with the same verb ("reopened to boats in 1994") and one year."""
    stem = verb.lower().removesuffix("ed").removesuffix("e")
    found = []
    for k in range(max(0, index - WINDOW - 2), index):
        years = year_mentions(ledger, k)
        text = ledger.statement_text(k).lower()
        if len(years) == 1 and re.search(rf"\b{re.escape(stem)}\w*\b", text):
            found.append((years[0], k))
    return found[-1] if len(found) == 1 else None


def age_checks(ledger: Ledger, reference: dt.date | None) -> Iterator[tuple[int, Check]]:
    """NUM012 across sentences: "Born in Cardiff in 1931 ..." and "died on Monday, aged 92" or
    "The 76-year-old said ...": the one birth year of the article against an age of the same
    person, at the date of the age's clause (else the publication date)."""
    plain = ledger.plain
    births = [
        (d, k)
        for k in range(len(ledger.statement_spans))
        for d in year_mentions(ledger, k)
        if _BORN.search(plain, max(ledger.statement_spans[k][0], d.start - 45), d.start)
    ]
    if len(births) != 1:
        return
    birth, birth_index = births[0]
    for age in _ages(ledger):
        if age.statement <= birth_index or age.statement - birth_index > 8:
            continue
        lo, hi = ledger.statement_spans[age.statement]
        if _RELATIVE_NEAR.search(plain, max(lo, age.start - 40), age.start):
            continue  # "his wife, aged 80"
        if not _same_person(ledger, age, birth_index):
            continue
        at = _date_of_clause(ledger, age)
        if at is None:
            if reference is None or _THEN.search(plain, lo, hi):
                continue
            at = reference
        if birth.year is None or at.year < birth.year:
            continue
        expected = at.year - birth.year
        low, high = expected - 1, expected  # the birthday may or may not have come
        if birth.month is not None and birth.month != at.month:
            low = high = expected if at.month > birth.month else expected - 1
        ok = low <= age.value <= high
        age_text = f"{low} or {high}" if low != high else f"{low}"
        detail = (
            f"born in {birth.text} ({paragraph_at(ledger, birth_index)}), the person is {age_text} on "
            f"{at.isoformat()}, not {age.text}"
        )
        note = f"{at.year} − {birth.year} = {expected}: {age_text} on {at.isoformat()}"
        parts = (mention_part(age, "stated age"), mention_part(birth, "birth year"))
        yield age.statement, Check("NUM012", ok, detail, note, parts)


_PRONOUN = re.compile(r"\b(?:he|she|his|her)\b", re.IGNORECASE)


def _same_person(ledger: Ledger, age: Entry, birth_index: int) -> bool:
    """The age is the person born's: "The 76-year-old said", "he died ..., aged 92", or a name
    the birth sentence (or the sentences before it) gave."""
    lo = ledger.statement_spans[age.statement][0]
    before = ledger.plain[lo : age.start]
    if re.search(r"\bthe\s+$", before, re.IGNORECASE) and age.unit == "year-old":
        return True
    if _PRONOUN.search(before):
        return True
    known = {
        w for k in range(birth_index + 1) for name in ledger.names_in(k) for w in name.split() if len(w) > 2
    }
    return any(w in known for name in ledger.names_in(age.statement) for w in name.split())


def _ages(ledger: Ledger) -> Iterator[Entry]:
    plain = ledger.plain
    for e in ledger.entries:
        if e.hedge or not 0 < e.value < 120:
            continue
        if e.unit == "year-old":
            yield e
        elif (
            e.kind == "count" and e.unit is None and _AGED_BEFORE.search(plain, max(0, e.start - 8), e.start)
        ):
            yield e


def _date_of_clause(ledger: Ledger, age: Entry) -> dt.date | None:
    """The date the clause of an age gives ("died on Monday, aged 92"), resolved."""
    lo, hi = ledger.statement_spans[age.statement]
    best: tuple[int, dt.date] | None = None
    for d in ledger.dates[age.statement] if age.statement < len(ledger.dates) else ():
        when = d.resolved if d.kind in ("absolute", "weekday", "month") else None
        if d.kind == "year" and d.year is not None:
            when = dt.date(d.year, 7, 1)
        if when is None or not lo <= d.start < hi:
            continue
        gap = abs(d.start - age.start)
        if gap <= 60 and (best is None or gap < best[0]):
            best = (gap, when)
    return best[1] if best else None
