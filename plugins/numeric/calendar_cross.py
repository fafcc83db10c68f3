"""Dates, durations and ages across clauses and sentences, read from the article's ledger.

The sentence-level calendar checks (``calendar``) need a span and its length in one clause ("for
six years, from 1997 to 2003"). Copy spreads them out: "work begins in the spring of 2026 and
will take three years ... the terminal is due to open in 2029"; "She joined the orchestra in
1988 ... She retired in 2019 after 31 years"; "Born in Cardiff in 1931 ... died on Monday, aged
92"; "twinned in 1979 ... Fifteen years later, in 1994"; "reopened in 1994 ... finished in 2006,
12 years after the first section reopened". Each check here ties the pieces by the copy's own
words (a verb of starting and one of ending, "born", "N years later, in YEAR", the same verb in
"N years after the first section reopened") and allows one year either way (inclusive counting,
part years, birthdays). Hedged durations ("almost 25 years", "more than a decade") are left
alone, and so is anything the copy does not tie unmistakably.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from factcheck.plugin import DateMention, Ledger, LedgerEntry

from .checks import Check, Part

Entry = LedgerEntry

#: How far back (in statements) a start, a birth year or an anchor year is looked for.
WINDOW = 4

_HEDGED = re.compile(
    r"\b(?:more\s+than|over|nearly|almost|about|around|some|roughly|at\s+least|less\s+than|under|"
    r"up\s+to|within|another|an\s+extra|additional|the\s+first|the\s+last|the\s+past|the\s+next)\s+$",
    re.IGNORECASE,
)
_START_VERB = re.compile(
    r"\b(?:begin|begins|began|begun|beginning|start|starts|started|starting|commence|commences|commenced|"
    r"join|joins|joined|founded|appointed|elected|became|become|took\s+over|take\s+over|opened|launched|"
    r"entered|arrived)\b",
    re.IGNORECASE,
)
_END_VERB = re.compile(
    r"\b(?:open|opens|opened|opening|complete|completes|completed|finish|finishes|finished|end|ends|ended|"
    r"retire|retires|retired|retiring|left|leave|leaves|quit|quits|resigned|resign|stepped\s+down|"
    r"step\s+down|closed|close|closes)\b",
    re.IGNORECASE,
)
_PART_OF_WORK = re.compile(
    r"\b(?:first|initial|partial|part|phase|stage|some|early|temporary)\b", re.IGNORECASE
)
_LASTS = re.compile(
    r"\b(?:take|takes|taking|took|last|lasts|lasting|run|runs|running|continue|continues)\s+(?:for\s+)?$",
    re.IGNORECASE,
)
_AFTER_BEFORE = re.compile(r"\bafter\s+(?:almost\s+|nearly\s+)?$", re.IGNORECASE)
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


def _year_mentions(ledger: Ledger, index: int) -> list[DateMention]:
    if index >= len(ledger.dates):
        return []
    return [d for d in ledger.dates[index] if d.kind in ("year", "month", "absolute") and d.year is not None]


def _durations(ledger: Ledger, index: int) -> list[DateMention]:
    if index >= len(ledger.dates):
        return []
    return [
        d
        for d in ledger.dates[index]
        if d.kind == "duration"
        and d.years is not None
        and d.years >= 1
        and float(d.years).is_integer()
        and re.search(r"\byears?\b|\bdecades?\b", d.text, re.IGNORECASE)
    ]


def _hedged(ledger: Ledger, d: DateMention) -> bool:
    if _HEDGED.search(ledger.plain, max(0, d.start - 16), d.start):
        return True
    return re.match(r"(?i)(?:more\s+than|over|nearly|almost|about|around|some)\b", d.text) is not None


def _length(d: DateMention) -> str:
    return re.sub(r"(?i)^after\s+", "", d.text)


def _number_of(d: DateMention) -> float:
    return float(d.years or 0)


def _part(d: DateMention | Entry, role: str) -> Part:
    return Part(d.start, d.end, role)


def _where(ledger: Ledger, index: int) -> str:
    blocks = ledger.statement_blocks
    return f"paragraph {blocks[index] + 1}" if index < len(blocks) else "earlier"


def calendar_cross_checks(ledger: Ledger, reference: dt.date | None) -> Iterator[tuple[int, Check]]:
    """Every cross-sentence calendar check, each with the statement to report it on."""
    yield from _span_checks(ledger)
    yield from _later_checks(ledger)
    yield from _age_checks(ledger, reference)
    if reference is not None:
        yield from _absence_checks(ledger, reference)


_ABSENCE_BEFORE = re.compile(
    r"\bafter\s+(?:a\s+(?:lapse|gap|absence|break|hiatus|pause)\s+of\s+)?"
    r"(?P<hedge>almost\s+|nearly\s+|more\s+than\s+|over\s+)?$",
    re.IGNORECASE,
)
_LEFT = re.compile(
    r"\b(?:left|quit|withdrew|pulled\s+out|closed|ended|stopped|last|abandoned|shut)\b[^.;]{0,30}$",
    re.IGNORECASE,
)


def _absence_checks(ledger: Ledger, reference: dt.date) -> Iterator[tuple[int, Check]]:
    """NUM013 to the publication date across sentences: "the European market, which it left in
    1978" ... "After a lapse of almost nine years, Chrysler is about to re-enter": the years
    since the one year of leaving, given in the statement or two before (none in the
    duration's own). "Almost"/"nearly" N means N - 1 to N, "more than"/"over" N at least N."""
    plain = ledger.plain
    for index in range(len(ledger.statement_spans)):
        if _year_mentions(ledger, index):
            continue
        for duration in _durations(ledger, index):
            head = _ABSENCE_BEFORE.search(plain, max(0, duration.start - 40), duration.start)
            if head is None:
                continue
            written = re.match(r"(?i)(almost|nearly|more\s+than|over)\s", duration.text)
            hedge = " ".join((written.group(1) if written else head["hedge"] or "").lower().split())
            start = None
            for k in range(index - 1, max(-1, index - 3), -1):
                years = _year_mentions(ledger, k)
                if not years:
                    continue
                left = [d for d in years if _LEFT.search(plain, max(0, d.start - 40), d.start)]
                if len(years) == 1 and len(left) == 1:
                    start = (left[0], k)
                break
            if start is None or start[0].year is None:
                continue
            year, where = start
            elapsed = reference.year - (year.year or 0)
            n = _number_of(duration)
            low, high = (n - 1, n) if hedge in ("almost", "nearly") else (n, 10**6) if hedge else (n, n)
            ok = low - 1 <= elapsed <= high + 1
            detail = (
                f"from {year.text} ({_where(ledger, where)}) to publication ({reference.isoformat()}) is "
                f"{elapsed} years, not {_length(duration)}"
            )
            note = f"{reference.year} − {year.year} = {elapsed} years"
            parts = (_part(duration, "stated duration"), _part(year, "from"))
            yield index, Check("NUM013", ok, detail, note, parts)


# ------------------------------------------------------------------ NUM011 start, length, end


def _span_checks(ledger: Ledger) -> Iterator[tuple[int, Check]]:
    """NUM011: a start and a length in one sentence and the end in the next ("construction would
    begin in the spring of 2026 and take three years ... due to open in 2029"), or a start and,
    in a later sentence, the end with the length ("joined in 1988 ... retired in 2019 after 31
    years"). End - start must be the length, one year either way."""
    plain = ledger.plain
    for index in range(len(ledger.statement_spans)):
        for duration in _durations(ledger, index):
            if _hedged(ledger, duration):
                continue
            lo = ledger.statement_spans[index][0]
            head = plain[max(lo, duration.start - 20) : duration.start]
            after = _AFTER_BEFORE.search(head) or duration.text.lower().startswith("after ")
            lasts = _LASTS.search(head)
            if lasts:
                found = _start_then_end(ledger, index, duration)
            elif after:
                found = _end_after_start(ledger, index, duration)
            else:
                continue
            if found is None:
                continue
            start, end, report_at = found
            length = end.year - start.year  # type: ignore[operator]
            ok = length - 1 <= _number_of(duration) <= length + 1
            detail = (
                f"from {start.text} ({_where(ledger, _statement_of(ledger, start))}) to {end.text} "
                f"({_where(ledger, _statement_of(ledger, end))}) is {length} years, not {_length(duration)}"
            )
            note = f"{end.year} − {start.year} = {length} years"
            parts = (_part(duration, "stated duration"), _part(start, "from"), _part(end, "to"))
            yield report_at, Check("NUM011", ok, detail, note, parts)


def _statement_of(ledger: Ledger, d: DateMention | Entry) -> int:
    for k, (lo, hi) in enumerate(ledger.statement_spans):
        if lo <= d.start < hi:
            return k
    return 0


def _start_then_end(
    ledger: Ledger, index: int, duration: DateMention
) -> tuple[DateMention, DateMention, int] | None:
    """ "begin in 2026 and take three years" + "due to open in 2029" (the next sentence or two)."""
    plain = ledger.plain
    sentence = [k for k in range(len(ledger.statement_spans)) if ledger.same_sentence(k, index)]
    starts = [
        d
        for k in sentence
        for d in _year_mentions(ledger, k)
        if d.end <= duration.start and _START_VERB.search(plain, max(0, d.start - 45), d.start)
    ]
    if len(starts) != 1:
        return None
    start = starts[0]
    if any(d is not start for k in sentence for d in _year_mentions(ledger, k)):
        return None  # another year in the same sentence: which one ends the span?
    last = max(sentence)
    ends: list[tuple[DateMention, int]] = []
    for k in range(last + 1, min(len(ledger.statement_spans), last + 3)):
        for d in _year_mentions(ledger, k):
            clause = plain[max(ledger.statement_spans[k][0], d.start - 60) : d.start]
            if _END_VERB.search(clause) and not _PART_OF_WORK.search(clause):
                ends.append((d, k))
            else:
                return None  # another year comes first: the span is not tied
        if ends:
            break
    if len(ends) != 1:
        return None
    return start, ends[0][0], ends[0][1]


def _end_after_start(
    ledger: Ledger, index: int, duration: DateMention
) -> tuple[DateMention, DateMention, int] | None:
    """ "joined the orchestra in 1988" ... "retired in 2019 after 13 years" (the end and the
    length in one clause, the start up to four statements before, the only year between)."""
    plain = ledger.plain
    lo = ledger.statement_spans[index][0]
    ends = [
        d
        for d in _year_mentions(ledger, index)
        if abs(d.start - duration.start) <= 40 and _END_VERB.search(plain, max(lo, d.start - 40), d.start)
    ]
    if len(ends) != 1 or len(_year_mentions(ledger, index)) != 1:
        return None
    end = ends[0]
    for k in range(index - 1, max(-1, index - 1 - WINDOW), -1):
        years = _year_mentions(ledger, k)
        if not years:
            continue
        if len(years) != 1:
            return None
        start = years[0]
        clause = plain[max(ledger.statement_spans[k][0], start.start - 60) : start.start]
        if not _START_VERB.search(clause) or start.year is None or end.year is None or start.year >= end.year:
            return None
        if ledger.other_subject(k, index):
            return None
        return start, end, index
    return None


# ------------------------------------------------------------------ NUM013 "N years later/after"


def _later_checks(ledger: Ledger) -> Iterator[tuple[int, Check]]:
    """NUM013 across sentences: "Eleven years later, in 1994" against the year the sentence before
    gives ("twinned in 1979"); "finished in 2006, 16 years after the first section reopened"
    against the year that event was given ("reopened to boats in 1994")."""
    plain = ledger.plain
    for index in range(len(ledger.statement_spans)):
        years = _year_mentions(ledger, index)
        for duration in _durations(ledger, index):
            if _hedged(ledger, duration):
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
            ok = elapsed - 1 <= _number_of(duration) <= elapsed + 1
            detail = (
                f"from {first.text} ({_where(ledger, first_index)}) to {second.text} is {elapsed} years, "
                f"not {_length(duration)}"
            )
            note = f"{second.year} − {first.year} = {elapsed} years"
            parts = (_part(duration, "stated duration"), _part(first, "from"), _part(second, "to"))
            yield index, Check("NUM013", ok, detail, note, parts)


def _previous_year(ledger: Ledger, index: int) -> tuple[DateMention, int] | None:
    """The one year the sentence before gives (none between)."""
    for k in range(index - 1, max(-1, index - 3), -1):
        years = _year_mentions(ledger, k)
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
        years = _year_mentions(ledger, k)
        text = ledger.statement_text(k).lower()
        if len(years) == 1 and re.search(rf"\b{re.escape(stem)}\w*\b", text):
            found.append((years[0], k))
    return found[-1] if len(found) == 1 else None


# ------------------------------------------------------------------ NUM012 age against a birth year


def _age_checks(ledger: Ledger, reference: dt.date | None) -> Iterator[tuple[int, Check]]:
    """NUM012 across sentences: "Born in Cardiff in 1931 ..." and "died on Monday, aged 92" or
    "The 76-year-old said ...": the one birth year of the article against an age of the same
    person, at the date of the age's clause (else the publication date)."""
    plain = ledger.plain
    births = [
        (d, k)
        for k in range(len(ledger.statement_spans))
        for d in _year_mentions(ledger, k)
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
            f"born in {birth.text} ({_where(ledger, birth_index)}), the person is {age_text} on "
            f"{at.isoformat()}, not {age.text}"
        )
        note = f"{at.year} − {birth.year} = {expected}: {age_text} on {at.isoformat()}"
        parts = (_part(age, "stated age"), _part(birth, "birth year"))
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
