"""What the checks across sentences share: how far each looks (``WINDOWS``), how a figure is
named in a finding ("£28m (paragraph 4)"), how it is written back ("£4.6m", "1,200"), and
which figures can be a whole or a part at all. One place, so every check words and judges a
figure the same way."""

from __future__ import annotations

import re
from dataclasses import replace

from factcheck.plugin import Ledger, LedgerEntry

from ..arith import Interval, figure_interval
from ..checks import Part

#: How far each check looks, in statements (sentences or clauses) before the figure it starts
#: from. Conversions and scales compare every pair in the article: an exchange rate and the scale
#: of one line item do not change between paragraphs.
WINDOWS = {
    "NUM005-parts": 3,  # a total, then its parts in the next three statements
    "NUM005-running": 4,  # "runs 212 clinics" ... "18 more" ... "bringing the network to 240"
    "NUM004": 6,  # a share "of the money" and the whole named up to six statements before
    "NUM001/NUM003": 3,  # a change or multiple, its figures up to three statements away
    "NUM001/NUM003-lead": 4,  # ... or four, from the headline or first paragraph (the lead sums up)
}

Entry = LedgerEntry

DEFINITE_BEFORE = re.compile(
    r"\b(?:the|these|those)\s+(?:(?:old|original|same|full|whole|entire|current|existing|planned|proposed)\s+)?$",
    re.IGNORECASE,
)
COMPARED_BEFORE = re.compile(
    r"\b(?:above|below|than|from|with|versus|vs\.?|against|over|under|on|to|beyond|about|among|"
    r"nearly|almost|around)\s+(?:the|these|those|all)\s+$",
    re.IGNORECASE,
)


def paragraph_of(ledger: Ledger, entry: Entry) -> str:
    return f"paragraph {entry.block + 1}"


def figure_and_place(ledger: Ledger, entry: Entry) -> str:
    """A figure and where it stands: "£28m (paragraph 4)"."""
    return f"{entry.text} ({paragraph_of(ledger, entry)})"


def entry_part(entry: Entry, role: str) -> Part:
    return Part(entry.start, entry.end, role)


def plain_number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() and abs(value) >= 1000 else f"{value:g}"


def written_interval(e: Entry) -> Interval:
    """Where a figure lies from its rounding alone (its hedge set aside)."""
    q = e.quantity
    return figure_interval(q if q.approx is None else q.model_copy(update={"approx": None}))


_SYMBOLS = {"USD": "$", "GBP": "£", "EUR": "€", "JPY": "¥"}


def sum_text(value: float, like: Entry) -> str:
    """A computed sum written like the whole it is set against: "$375 million", "7.4 million
    ton", "1,570,000"."""
    if like.kind == "money":
        return money_text(value, like)
    if like.scale:
        scale = SCALE_WORDS.get(like.scale, 1.0)
        unit = f" {like.unit}" if like.kind == "measure" and like.unit else ""
        return f"{value / scale:,.4g} {like.scale}{unit}"
    return plain_number(value)


def money_text(value: float, like: Entry) -> str:
    """A computed sum written the way ``like`` is written: "$810 million", "4.2bn CNY"."""
    scale = SCALE_WORDS.get(like.scale or "", 1.0)
    number = f"{value / scale:,.4g}" + (f" {like.scale}" if like.scale else "")
    symbol = _SYMBOLS.get(like.unit or "")
    return f"{symbol}{number}" if symbol else f"{number} {like.unit}"


SCALE_WORDS = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}


def mantissa(e: Entry) -> float:
    return round(e.value / SCALE_WORDS.get(e.scale or "", 1.0), 6)


def verb_root(verb: str) -> str:
    """ "axe"/"axing", "cut"/"cuts", "close"/"closing": one root."""
    low = verb.lower()
    for suffix in ("ing", "ed", "es", "s", "e"):
        if low.endswith(suffix) and len(low) - len(suffix) >= 2:
            return low[: -len(suffix)]
    return low


OF_TOTAL = re.compile(
    r"\W*(?:of\s+(?:the\s+(?:total|sum|money|amount|figure)|these|them|those|this|that|which|the\s+\w+)|"
    r"the\s+(?:total|sum)\s+(?:includes|comprises|is\s+made\s+up\s+of))\b",
    re.IGNORECASE,
)
REMAINING_BEFORE = re.compile(
    r"\b(?:the\s+(?:remaining|rest|other)|remaining)\b[^.;\d]{0,25}$", re.IGNORECASE
)
_DIFFERENCE_AFTER = re.compile(r"\s+(?:more|less|fewer|above|below|higher|lower|over|under)\b", re.IGNORECASE)
_NOT_A_PART_BEFORE = re.compile(r"\b(?:at|No\.?|number)\s+$", re.IGNORECASE)


def is_amount(ledger: Ledger, e: Entry) -> bool:
    """A figure that can be a part or a whole: not spelled out ("two of its projects"), not a
    difference ("16 mln francs more"), not an address ("at 110 N. Wacker Drive")."""
    plain = ledger.plain
    if e.quantity.spelled or e.increment or _DIFFERENCE_AFTER.match(plain, e.end):
        return False
    found = _NOT_A_PART_BEFORE.search(plain, max(0, e.start - 8), e.start)
    if found and (not found.group().lower().startswith("at") or (e.kind == "count" and not e.unit)):
        return False  # "No. 10", "at 110 N. Wacker Drive" (not "at 5.05 mln tons")
    following = re.match(r"\s+([A-Z])", plain[e.end : e.end + 3])
    return following is None or e.kind == "money"


def is_part_like(ledger: Ledger, e: Entry) -> bool:
    """A figure that can be a part: an amount as :func:`is_amount` has it, increments allowed ("A
    further £19m has been set aside")."""
    return is_amount(ledger, replace(e, increment=False))


def compatible_amounts(a: Entry, b: Entry) -> bool:
    if a.quantity.high is not None or b.quantity.high is not None:
        return False
    if a.kind in ("money", "measure") or b.kind in ("money", "measure"):
        return a.kind == b.kind and a.unit == b.unit
    return a.kind == b.kind == "count"


def lemma_of(word: str) -> str:
    low = word.lower()
    return low[:-1] if low.endswith("s") and not low.endswith("ss") else low
