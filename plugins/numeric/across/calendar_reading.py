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

The checks live in ``calendar_spans`` (NUM011 spans, NUM013 absences) and ``calendar_years``
(NUM013 "N years later", NUM012 ages); this module holds what they share: how far back they
look (``WINDOW``), the years and durations a statement writes, and how a finding names them.
"""

from __future__ import annotations

import re

from factcheck.plugin import DateMention, Ledger, LedgerEntry

from ..checks import Part

Entry = LedgerEntry

#: How far back (in statements) a start, a birth year or an anchor year is looked for.
WINDOW = 4

_HEDGED = re.compile(
    r"\b(?:more\s+than|over|nearly|almost|about|around|some|roughly|at\s+least|less\s+than|under|"
    r"up\s+to|within|another|an\s+extra|additional|the\s+first|the\s+last|the\s+past|the\s+next)\s+$",
    re.IGNORECASE,
)


def year_mentions(ledger: Ledger, index: int) -> list[DateMention]:
    if index >= len(ledger.dates):
        return []
    return [d for d in ledger.dates[index] if d.kind in ("year", "month", "absolute") and d.year is not None]


def durations_in(ledger: Ledger, index: int) -> list[DateMention]:
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


def is_hedged(ledger: Ledger, d: DateMention) -> bool:
    if _HEDGED.search(ledger.plain, max(0, d.start - 16), d.start):
        return True
    return re.match(r"(?i)(?:more\s+than|over|nearly|almost|about|around|some)\b", d.text) is not None


def length_text(d: DateMention) -> str:
    return re.sub(r"(?i)^after\s+", "", d.text)


def years_of(d: DateMention) -> float:
    return float(d.years or 0)


def mention_part(d: DateMention | Entry, role: str) -> Part:
    return Part(d.start, d.end, role)


def paragraph_at(ledger: Ledger, index: int) -> str:
    blocks = ledger.statement_blocks
    return f"paragraph {blocks[index] + 1}" if index < len(blocks) else "earlier"
