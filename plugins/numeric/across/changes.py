"""NUM003/NUM001 across sentences: a stated multiple or change ("nearly five times as much",
"a rise of 35%") checked against two figures in other sentences nearby. Which two figures is
``change_pairs``' job; this module decides which percentages are change claims and judges."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from factcheck.plugin import Ledger

from ..arith import Interval, claim_interval, clearly_apart, figure_interval, fmt_percent, ratio
from ..checks import Check
from .change_pairs import pair_of
from .figures import Entry, entry_part, figure_and_place

_MULTIPLE_CUE = re.compile(
    r"\b(?:times|twice|thrice|doubled|tripled|trebled|quadrupled|halved|fold)\b", re.IGNORECASE
)
_CHANGE_CUE = re.compile(
    r"\b(?:rise|rose|risen|increase|increased|up|growth|grew|jump|jumped|fall|fell|fallen|drop|dropped|"
    r"decline|declined|down|decrease|decreased|cut|slump|slumped|surge|surged)\b",
    re.IGNORECASE,
)
_MORE_THAN = re.compile(
    r"\b(?:more\s+than|over|at\s+least|nearly|almost|about|around|roughly|some|less\s+than)\s+$",
    re.IGNORECASE,
)


def cross_change_checks(ledger: Ledger, statement_checked: set[tuple[int, int]]) -> Iterator[Check]:
    """NUM003/NUM001: "12,000 tonnes in 2010 ... 41,000 tonnes last year ... nearly five times
    as much": a multiple or change whose two figures stand in other sentences nearby.

    The two figures must count one thing (one referent, or a bare figure whose noun the copy
    left out because the figure before it named it: "There were eight points. There are now
    19") and be set at two times ("in 2021" / "now", "in 2024" / "the previous year", or the
    sentence's own "from 785 to 708", "77m euros, up from 38m"); exactly one such pair may be
    the nearest within the window. The claim must name what changed (its referent, or one of
    the pair's nouns in its sentence: "Burglaries ... fell by 21%"), or point back at the pair
    ("That represents a rise of 35%"). Left alone: a percentage that is a level ("rose to 17.2
    pct"), a change on another basis or period ("year-to-date", "an annual rate", "on a
    comparable store basis", "average ... annually"), a change in the other direction from the
    pair, a multiple comparing two things ("eight times as much water as oil"), a claim with a
    figure of its own beside it, a pair whose sentence states its own change (unless the claim
    is in the headline or first paragraph), and several claims that would all read one pair."""
    found: list[tuple[tuple[int, int], Entry, Check]] = []
    for claim in ledger.entries:
        if (claim.start, claim.end) in statement_checked:
            continue
        is_multiple = claim.kind == "multiplier" or (claim.unit == "times")
        is_change = claim.kind == "percent" and claim.unit == "percent" and claim.quantity.high is None
        if not (is_multiple or is_change):
            continue
        if not _a_change_claim(ledger, claim, is_multiple):
            continue
        pair = pair_of(ledger, claim)
        if pair is None:
            continue
        old, new, review = pair
        for check in (
            _judge_multiple(ledger, claim, old, new)
            if is_multiple
            else _judge_change(ledger, claim, old, new)
        ):
            found.append(((old.index, new.index), claim, replace(check, review=review) if review else check))
    # A pair that one claim states exactly is that claim's: another claim in the body that
    # disagrees with it is about something else; several claims that all fail against one pair
    # ("Toyota sales jumped 11%", "Nissan ... a 10% increase" against the industry's total)
    # are about other things. (A headline restates the story's main figures: it is held to them.)
    taken = {key for key, _, check in found if check.ok}
    readers: dict[tuple[int, int], int] = {}
    for key, reader, _ in found:
        if reader.block > 0:
            readers[key] = readers.get(key, 0) + 1
    for key, reader, check in found:
        if check.ok or reader.block == 0 or (key not in taken and readers.get(key, 0) == 1):
            yield check


_LEVEL_BEFORE = re.compile(
    r"\b(?:to|from|at|was|were|is|are|be|been|reached|hit|stood\s+at|of)\s+"
    r"(?:(?:about|around|nearly|almost|some|just|over|under|more\s+than|less\s+than|a\s+record)\s+)?$",
    re.IGNORECASE,
)
_CHANGE_OF = re.compile(
    r"\b(?:rise|increase|fall|drop|decline|growth|jump|cut|reduction|gain|loss|surge|slump|decrease|"
    r"rises|increases|falls|drops|declines|cuts|reductions|gains|losses)\s+of\s+"
    r"(?:(?:about|around|nearly|almost|some|just|over|under|more\s+than|less\s+than)\s+)?$",
    re.IGNORECASE,
)
_OTHER_BASIS = re.compile(
    r"\b(?:annual(?:ised|ized)?\s+rate|annually|on\s+average|average|compound|year[-\s]to[-\s]date|"
    r"cumulative|comparable|like[-\s]for[-\s]like|same[-\s]store|underlying|real\s+terms|"
    r"seasonally|per\s+year|each\s+year|every\s+year|a\s+year\s+on)\b",
    re.IGNORECASE,
)
_COMPARED_THING = re.compile(
    r"\s+(?:as\s+(?:much|many|large|big|high|heavy|long|fast|likely)|more|higher|larger|bigger|greater)\b"
    r"[^.;]{0,40}?\b(?:as|than)\s+(?!(?:in|when|before|at|a\s+year|last|it|they|there|the\s+(?:19|20)\d\d|"
    r"(?:19|20)\d\d|previously|earlier|then|ten|five|\w+\s+years)\b)",
    re.IGNORECASE,
)


def _a_change_claim(ledger: Ledger, claim: Entry, is_multiple: bool) -> bool:
    """Whether a percentage or multiple claims a change over time of something counted elsewhere."""
    lo, hi = ledger.statement_spans[claim.statement]
    plain = ledger.plain
    before = plain[max(lo, claim.start - 30) : claim.start]
    if not is_multiple:
        if not _CHANGE_CUE.search(plain, max(lo, claim.start - 40), min(hi, claim.end + 30)):
            return False
        if _LEVEL_BEFORE.search(before) and not _CHANGE_OF.search(before):
            return False  # "rose to 17.2 pct", "a share of 20%": a level, not a change
        if re.match(r"\s+(?:of\b|from\s+(?:about\s+)?\d)", plain[claim.end : claim.end + 20]):
            return False  # "20% of the vote", "55.5 pct, from 52.6 pct"
    elif _COMPARED_THING.match(plain, claim.end, min(hi, claim.end + 80)):
        return False  # "eight times as much water as crude oil": two things, not two times
    if _OTHER_BASIS.search(plain, max(lo, claim.start - 60), min(hi, claim.end + 40)):
        return False  # "year-to-date sales fell 23.8 pct", "at an annual rate of 10.7%"
    if _amount_beside(ledger, claim):
        return False  # "rose 4p or nearly 1%": the change of the amount written beside it
    others = [
        e for e in ledger.entries
        if e is not claim and ledger.same_sentence(e.statement, claim.statement)
        and (e.kind == "multiplier" or (e.kind == "percent" and e.unit == "percent"))
    ]  # fmt: skip
    if others:
        return False  # "truck sales fell 9% while car business tumbled 17%": several things changed
    return True


def _amount_beside(ledger: Ledger, claim: Entry) -> bool:
    before = [e for e in ledger.entries[: claim.index] if e.statement == claim.statement]
    if not before or before[-1].kind not in ("count", "money", "measure"):
        return False
    return re.fullmatch(r"\s*(?:,|\(|or|,\s*or)\s*", ledger.plain[before[-1].end : claim.start]) is not None


def _judge_multiple(ledger: Ledger, claim: Entry, old: Entry, new: Entry) -> Iterator[Check]:
    hedge = _MORE_THAN.search(ledger.plain, max(0, claim.start - 14), claim.start)
    approx = " ".join(hedge.group().lower().split()) if hedge else claim.hedge
    q = claim.quantity.model_copy(update={"approx": approx, "precision": claim.value * 0.05})
    stated = claim_interval(q)
    computed = ratio(figure_interval(new.quantity), figure_interval(old.quantity))
    if computed is None:
        return
    loose = re.match(
        r"\s*times\s+(?:more|higher|larger|bigger|greater)\b",
        ledger.plain[claim.end : claim.end + 30],
        re.IGNORECASE,
    )
    if loose or re.search(r"\btimes\s+(?:more|higher|larger|bigger|greater)", claim.text, re.IGNORECASE):
        stated = Interval(stated.low, stated.high + 1)
    exact = new.value / old.value
    ok = not clearly_apart(stated, computed, claim.value)
    detail = (
        f"{figure_and_place(ledger, new)} against {figure_and_place(ledger, old)} is {exact:.2f} times, "
        f"not '{claim.text}' (×{claim.value:g})"
    )
    note = f"{new.text} / {old.text} = {exact:.2f}×"
    yield Check(
        "NUM003",
        ok,
        detail,
        note,
        (entry_part(old, "from"), entry_part(new, "to"), entry_part(claim, "stated multiple")),
    )


def _judge_change(ledger: Ledger, claim: Entry, old: Entry, new: Entry) -> Iterator[Check]:
    lo, hi = ledger.statement_spans[claim.statement]
    window = ledger.plain[max(lo, claim.start - 40) : min(hi, claim.end + 30)].lower()
    down = bool(
        re.search(
            r"\b(?:fall|fell|fallen|drop|dropped|decline|declined|down|decrease|decreased|cut|slump|slumped)\b",
            window,
        )
    )
    stated = claim_interval(claim.quantity)
    if down:
        stated = Interval(-stated.high, -stated.low)
    if old.value <= 0:
        return
    exact = (new.value - old.value) / old.value * 100
    computed_low = (
        (figure_interval(new.quantity).low - figure_interval(old.quantity).high)
        / figure_interval(old.quantity).high
        * 100
    )
    computed_high = (
        (figure_interval(new.quantity).high - figure_interval(old.quantity).low)
        / figure_interval(old.quantity).low
        * 100
    )
    computed = Interval(min(computed_low, computed_high), max(computed_low, computed_high))
    ok = not clearly_apart(stated, computed, claim.value)
    actual = "an increase" if exact >= 0 else "a fall"
    detail = (
        f"from {figure_and_place(ledger, old)} to {figure_and_place(ledger, new)} is {actual} of "
        f"{fmt_percent(abs(exact))}, not {claim.text}"
    )
    note = f"({new.text} − {old.text}) / {old.text} = {exact:+.1f}%"
    yield Check(
        "NUM001",
        ok,
        detail,
        note,
        (entry_part(old, "from"), entry_part(new, "to"), entry_part(claim, "stated change")),
    )
