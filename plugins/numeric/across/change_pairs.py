"""The pair of figures a change or multiple claim is about: one thing counted at two times,
the nearest such pair in the window, and how strong the link is. Kept apart from the
judging because finding the pair is where the precision of NUM001/NUM003 across sentences
is won or lost."""

from __future__ import annotations

import re

from factcheck.plugin import Ledger

from ..arith import figure_interval
from .figures import WINDOWS, Entry

_ANAPHOR = re.compile(
    r"\W*(?:that|this|it|which|the\s+(?:rise|increase|fall|drop|decline|growth|jump|figure|change))\b",
    re.IGNORECASE,
)
_DOWN = re.compile(
    r"\b(?:fall|falls|fell|fallen|drop|drops|dropped|decline|declines|declined|down|decrease|decreased|"
    r"cut|cuts|slump|slumped|slide|slid|lower|halved|plunge|plunged|tumble|tumbled|shrank|shrunk)\b",
    re.IGNORECASE,
)
_UP = re.compile(
    r"\b(?:rise|rises|rose|risen|increase|increased|up|growth|grew|grown|jump|jumped|surge|surged|"
    r"climb|climbed|higher|gain|gained|soar|soared|doubled|tripled|trebled|quadrupled|boost|boosted)\b",
    re.IGNORECASE,
)


def pair_of(ledger: Ledger, claim: Entry) -> tuple[Entry, Entry, str | None] | None:
    """The two figures a change claim is about, and why the link is weak (``None`` when strong)."""
    is_multiple = claim.kind == "multiplier" or claim.unit == "times"
    pairs = _closest_pairs(ledger, claim, _timed_pairs(ledger, claim))
    if len(pairs) != 1:
        return None
    old, new, linked = pairs[0]
    if not _plausible_pair(ledger, claim, old, new, is_multiple):
        return None
    named = _names_the_pair(ledger, claim, old, new, is_multiple)
    if (
        not linked
        and old.statement == new.statement
        and ledger.shared_referent(claim.statement, old.statement)
    ):
        linked = named = True  # "a 19 pct drop in earnings" ... "profit fell to 114 mln dlrs from 140 mln"
    if linked and named:
        return old, new, None
    return _unnamed_next_pair(ledger, claim, old, new)


def _timed_pairs(ledger: Ledger, claim: Entry) -> list[tuple[Entry, Entry, bool]]:
    """Every pair of figures in the window that count one thing at two times, as ``(old, new,
    linked by referent)``: linked, or two bare figures the sentence itself sets against each
    other next to the claim or in a sentence about its thing."""
    window = WINDOWS["NUM001/NUM003-lead" if claim.block <= 1 else "NUM001/NUM003"]
    span_lo = ledger.statement_spans[claim.statement][0]
    back = _ANAPHOR.match(ledger.plain, span_lo) is not None  # "That represents a rise of 35%"
    figures = [
        e for e in ledger.entries
        if e.kind in ("count", "money", "measure") and e.quantity.high is None and e.value > 0
        and abs(e.statement - claim.statement) <= window
        and (not back or e.statement < claim.statement)
    ]  # fmt: skip
    pairs: list[tuple[Entry, Entry, bool]] = []  # (old, new, linked by referent)
    for a_i, a in enumerate(figures):
        for b in figures[a_i + 1 :]:
            if not _compatible_figures(a, b):
                continue
            linked = ledger.link(a, b, elided=True) == "same"
            ordered = _two_times(ledger, a, b)
            if ordered is None:
                continue
            bare = ordered[2] and not a.referent and not b.referent and a.statement == b.statement
            if linked or (
                bare
                and (
                    abs(a.statement - claim.statement) == 1
                    or ledger.shared_referent(claim.statement, a.statement)
                )
            ):
                pairs.append((ordered[0], ordered[1], linked))
    return pairs


def _plausible_pair(ledger: Ledger, claim: Entry, old: Entry, new: Entry, is_multiple: bool) -> bool:
    """Whether the claim can be about the pair at all: both figures closed, about the claim's
    subject, no amount of the pair's kind beside the claim, the change in the claim's direction,
    and (in the body) no change stated in the pair's own sentence."""
    if _open_ended(old) or _open_ended(new):
        return False  # "more than 400": no ratio to check
    if ledger.other_subject(claim.statement, old.statement) or ledger.other_subject(
        claim.statement, new.statement
    ):
        return False  # "Carlsberg suffered a 3% fall" is not about "Heineken's net income"
    if any(
        ledger.same_sentence(e.statement, claim.statement)
        and _compatible_figures(e, old)
        and not (e.hedge and not ledger.link(e, old, elided=True))
        for e in ledger.entries
    ):
        return False  # "rose by £106m or 47.3%", "doubling the money ... cutting from £20m to £15m"
    if not _same_direction(ledger, claim, old, new, is_multiple):
        return False  # "Toyota sales jumped 11%" is not the industry's fall
    if claim.block > 1 and _states_its_own_change(ledger, claim, old, new):
        return False  # "February car sales fell 17.8 pct to 25,779 from 31,361": already stated
    return True


def _unnamed_next_pair(
    ledger: Ledger, claim: Entry, old: Entry, new: Entry
) -> tuple[Entry, Entry, str | None] | None:
    """A pair nothing names, kept for review only when it is two bare figures of one change in
    the very next sentence: "fallen by 9.8%" ... "showed a decline since October from 785 to
    708"."""
    if old.statement != new.statement or abs(old.statement - claim.statement) != 1:
        return None
    if any(e.statement == claim.statement and e.kind == old.kind for e in ledger.entries):
        return None
    text = ledger.statement_text(old.statement)
    down = new.value < old.value
    if "%" in text or re.search(r"\b(?:pct|per\s*cent|percent)\b", text, re.IGNORECASE):
        return None
    if not (_DOWN if down else _UP).search(text) and not re.search(
        r"\b(?:decline|fall|drop|rise|increase)\b", text, re.IGNORECASE
    ):
        return None
    return (
        old,
        new,
        "the two figures are the next sentence's, but nothing names them as what the change is of",
    )


def _same_direction(ledger: Ledger, claim: Entry, old: Entry, new: Entry, is_multiple: bool) -> bool:
    lo, hi = ledger.statement_spans[claim.statement]
    near = ledger.plain[max(lo, claim.start - 40) : min(hi, claim.end + 30)]
    if is_multiple:
        says_down = claim.value < 1
    else:
        down, up = _DOWN.search(near), _UP.search(near)
        if bool(down) == bool(up):
            return True  # no direction written (or both): the arithmetic decides
        says_down = bool(down)
    return says_down == (new.value < old.value)


def _states_its_own_change(ledger: Ledger, claim: Entry, old: Entry, new: Entry) -> bool:
    for e in ledger.entries:
        if e is claim or not (
            ledger.same_sentence(e.statement, old.statement)
            or ledger.same_sentence(e.statement, new.statement)
        ):
            continue
        if e.kind == "multiplier" or (e.kind == "percent" and e.unit == "percent"):
            return True
    return False


def _closest_pairs(
    ledger: Ledger, claim: Entry, pairs: list[tuple[Entry, Entry, bool]]
) -> list[tuple[Entry, Entry, bool]]:
    """The pairs a claim can be about: set in its own years ("between 2002 and 2003, sales fell
    by 13.8%" is not about the 1997-2003 pair); those written in one sentence before those
    assembled across sentences; with a year of its own ("more than doubled in 2004"), the pair
    that ends in that year."""
    pairs = [p for p in pairs if _same_span_of_time(ledger, claim, p[0], p[1])]
    together = [p for p in pairs if p[0].statement == p[1].statement]
    pairs = together or pairs
    own = {int(y) for y in _YEAR.findall(ledger.statement_text(claim.statement))}
    if len(own) == 1:
        ending = [p for p in pairs if p[1].year in own]
        pairs = ending or pairs
    if pairs:  # the nearest: a headline's "SALES UP 12 PCT" is the first paragraph's change
        nearest = min(_distance(claim, p) for p in pairs)
        pairs = [p for p in pairs if _distance(claim, p) == nearest]
    return pairs


def _distance(claim: Entry, pair: tuple[Entry, Entry, bool]) -> int:
    return max(abs(pair[0].statement - claim.statement), abs(pair[1].statement - claim.statement))


_FROM_TO = re.compile(r"\s+(?:\w+\s+){0,2}?to\s+(?:(?:a|an|the|just|about|around|some)\s+)?$", re.IGNORECASE)
_SET_AGAINST = re.compile(
    r"(?:\s+(?:[^,;()\d]|(?:19|20)\d\d){1,40})?"  # "$186m in the quarter, compared with"
    r"\W*(?:(?:up|down|rising|falling|rose|fell|increased|decreased)\s+(?:\w+\s+){0,2}?)?"
    r"(?:from|compared\s+(?:with|to)|against|versus|vs\.?)\s+(?:(?:a|an|the|just|about|around|some)\s+)?$",
    re.IGNORECASE,
)


def _two_times(ledger: Ledger, a: Entry, b: Entry) -> tuple[Entry, Entry, bool] | None:
    """``(earlier, later, set by the sentence)``: the sentence's own structure ("from 785 to 708",
    "77m euros, up from 38m", "$186m, compared with $1.13bn") or the times the ledger reads
    ("in 2010" / "last year"); ``None`` when neither orders them, or they disagree."""
    written = None
    if a.statement == b.statement and a.end <= b.start:
        gap = re.sub(r"\s*\([^()]*\)", "", ledger.plain[a.end : b.start])  # conversions in brackets
        if len(gap) <= 60 and _SET_AGAINST.fullmatch(gap):
            written = (b, a)
        elif (
            len(gap) <= 30
            and _FROM_TO.fullmatch(gap)
            and re.search(
                r"\bfrom\s+(?:(?:a|an|the)\s+)?$", ledger.plain[max(0, a.start - 12) : a.start], re.I
            )
        ):
            written = (a, b)
    timed = ledger.order(a, b)
    if written is not None and timed is not None and written != timed:
        return None
    if written is not None:
        return written[0], written[1], True
    return (timed[0], timed[1], False) if timed is not None else None


def _open_ended(e: Entry) -> bool:
    found = figure_interval(e.quantity)
    return found.low <= 0 or found.high == float("inf")


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def _same_span_of_time(ledger: Ledger, claim: Entry, old: Entry, new: Entry) -> bool:
    """A claim that names its own years must be about the pair's: two years of its own must
    include the pair's, one year must be one of them (when both figures give a year)."""
    own = {int(y) for y in _YEAR.findall(ledger.statement_text(claim.statement))}
    pair = {y for y in (old.year, new.year) if y is not None}
    if not own or not pair:
        return True
    if len(own) >= 2:
        return pair <= own
    return len(pair) < 2 or not own.isdisjoint(pair)


def _names_the_pair(ledger: Ledger, claim: Entry, old: Entry, new: Entry, is_multiple: bool) -> bool:
    if claim.referent and ledger.link(claim, old, elided=True) in ("same", "synonym"):
        return True
    referent = old.referent or old.elided or new.referent or new.elided
    if ledger.mentions(claim.statement, referent):
        return True
    lo = ledger.statement_spans[claim.statement][0]
    if (
        _ANAPHOR.match(ledger.plain, lo)
        and old.statement < claim.statement
        and new.statement < claim.statement
    ):
        return claim.statement - max(old.statement, new.statement) <= 1
    return (
        is_multiple
        and abs(old.statement - claim.statement) <= 1
        and abs(new.statement - claim.statement) <= 1
    )


def _compatible_figures(a: Entry, b: Entry) -> bool:
    """One kind and unit; a count's noun may be left out ("8 points ... now 19")."""
    if a.kind != b.kind:
        return False
    if a.unit != b.unit and not (a.kind == "count" and (a.unit is None or b.unit is None)):
        return False
    return a.quantity.high is None and b.quantity.high is None
