"""NUM011 and NUM013 over spans of time across sentences: a start, a length and an end written
apart ("work begins in 2026 and will take three years ... due to open in 2029", "joined in
1988 ... retired in 2019 after 31 years"), and an absence counted to the publication date
("which it left in 1978" ... "After a lapse of almost nine years")."""

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


_ABSENCE_BEFORE = re.compile(
    r"\bafter\s+(?:a\s+(?:lapse|gap|absence|break|hiatus|pause)\s+of\s+)?"
    r"(?P<hedge>almost\s+|nearly\s+|more\s+than\s+|over\s+)?$",
    re.IGNORECASE,
)
_LEFT = re.compile(
    r"\b(?:left|quit|withdrew|pulled\s+out|closed|ended|stopped|last|abandoned|shut)\b[^.;]{0,30}$",
    re.IGNORECASE,
)


def absence_checks(ledger: Ledger, reference: dt.date) -> Iterator[tuple[int, Check]]:
    """NUM013 to the publication date across sentences: "the European market, which it left in
    1978" ... "After a lapse of almost nine years, Chrysler is about to re-enter": the years
    since the one year of leaving, given in the statement or two before (none in the
    duration's own). "Almost"/"nearly" N means N - 1 to N, "more than"/"over" N at least N."""
    plain = ledger.plain
    for index in range(len(ledger.statement_spans)):
        if year_mentions(ledger, index):
            continue
        for duration in durations_in(ledger, index):
            head = _ABSENCE_BEFORE.search(plain, max(0, duration.start - 40), duration.start)
            if head is None:
                continue
            written = re.match(r"(?i)(almost|nearly|more\s+than|over)\s", duration.text)
            hedge = " ".join((written.group(1) if written else head["hedge"] or "").lower().split())
            start = None
            for k in range(index - 1, max(-1, index - 3), -1):
                years = year_mentions(ledger, k)
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
            n = years_of(duration)
            low, high = (n - 1, n) if hedge in ("almost", "nearly") else (n, 10**6) if hedge else (n, n)
            ok = low - 1 <= elapsed <= high + 1
            detail = (
                f"from {year.text} ({paragraph_at(ledger, where)}) "
                f"to publication ({reference.isoformat()}) is "
                f"{elapsed} years, not {length_text(duration)}"
            )
            note = f"{reference.year} − {year.year} = {elapsed} years"
            parts = (mention_part(duration, "stated duration"), mention_part(year, "from"))
            yield index, Check("NUM013", ok, detail, note, parts)


def span_checks(ledger: Ledger) -> Iterator[tuple[int, Check]]:
    """NUM011: a start and a length in one sentence and the end in the next ("construction would
    begin in the spring of 2026 and take three years ... due to open in 2029"), or a start and,
    in a later sentence, the end with the length ("joined in 1988 ... retired in 2019 after 31
    years"). End - start must be the length, one year either way."""
    plain = ledger.plain
    for index in range(len(ledger.statement_spans)):
        for duration in durations_in(ledger, index):
            if is_hedged(ledger, duration):
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
            ok = length - 1 <= years_of(duration) <= length + 1
            detail = (
                f"from {start.text} ({paragraph_at(ledger, _statement_of(ledger, start))}) to {end.text} "
                f"({paragraph_at(ledger, _statement_of(ledger, end))}) is {length} years, "
                f"not {length_text(duration)}"
            )
            note = f"{end.year} − {start.year} = {length} years"
            parts = (
                mention_part(duration, "stated duration"),
                mention_part(start, "from"),
                mention_part(end, "to"),
            )
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
        for d in year_mentions(ledger, k)
        if d.end <= duration.start and _START_VERB.search(plain, max(0, d.start - 45), d.start)
    ]
    if len(starts) != 1:
        return None
    start = starts[0]
    if any(d is not start for k in sentence for d in year_mentions(ledger, k)):
        return None  # another year in the same sentence: which one ends the span?
    last = max(sentence)
    ends: list[tuple[DateMention, int]] = []
    for k in range(last + 1, min(len(ledger.statement_spans), last + 3)):
        for d in year_mentions(ledger, k):
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
        for d in year_mentions(ledger, index)
        if abs(d.start - duration.start) <= 40 and _END_VERB.search(plain, max(lo, d.start - 40), d.start)
    ]
    if len(ends) != 1 or len(year_mentions(ledger, index)) != 1:
        return None
    end = ends[0]
    for k in range(index - 1, max(-1, index - 1 - WINDOW), -1):
        years = year_mentions(ledger, k)
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
