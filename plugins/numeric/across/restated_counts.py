"""NUM006 across the article: a count restated with another figure ("will close 85 branches" ...
"the 58 closures"), and a headline's count against the body's. Kept apart from the parts of a
whole: a restatement names the same set, not a piece of it."""

from __future__ import annotations

import re
from collections.abc import Iterator

from factcheck.plugin import Ledger

from ..arith import figure_interval
from ..checks import Check
from ..repeats import OWN_SCOPE, same_act
from .figures import (
    COMPARED_BEFORE,
    DEFINITE_BEFORE,
    Entry,
    entry_part,
    paragraph_of,
    plain_number,
    written_interval,
)

_RELATIVE = re.compile(r"[ \t]+(?:where|which|that|who|whom|whose|in\s+which|for\s+which)\b", re.IGNORECASE)


def _narrower(later: Entry, earlier: Entry) -> bool:
    """Whether ``later`` counts a narrower set: it adds a word that ``earlier`` did not name
    ("the 100,000 internet auction complaints" after "400,000 complaints"); the verb that made
    the earlier set does not narrow it ("destroyed 312 homes" ... "the 312 destroyed houses")."""
    if not later.referent or not earlier.referent or later.head != earlier.head:
        return False  # "1,350 redundancies" ... "the 1,530 job losses": one synonym, not narrower
    known = set(earlier.referent[:-1]) | {earlier.action or ""}
    known |= {w[:-1] for w in known if w.endswith("d")}  # "destroyed" ~ "destroye(d)"
    extra = [w for w in later.referent[:-1] if w not in known]
    return bool(extra)


def restatement_checks(ledger: Ledger) -> Iterator[Check]:
    """NUM006 across the article: "the 58 closures" after "will close 85 branches" (a definite
    back-reference to a count the article gave once before, linked by referent, synonym or the
    verb that named it)."""
    plain = ledger.plain
    written: set[float] = set()
    counts = [e for e in ledger.entries if e.kind == "count"]
    for j, e in enumerate(counts):
        known = e.value in written
        written.add(e.value)
        if known or e.hedge or e.quantity.high is not None or e.value < 2 or e.quantity.spelled:
            continue
        if not DEFINITE_BEFORE.search(plain, max(0, e.start - 24), e.start) or COMPARED_BEFORE.search(
            plain, max(0, e.start - 20), e.start
        ):
            continue
        if not e.referent or OWN_SCOPE.match(plain, e.end) or _RELATIVE.match(plain, e.end):
            continue  # "the 3,400 job cuts announced across ...", "the 14 seats where ...": sets of their own
        linked = [
            x
            for x in counts[:j]
            if x.statement != e.statement and ledger.link(x, e) is not None and not _narrower(e, x)
        ]
        if len({x.value for x in linked}) > 1:  # "1,080 active lines" is not the "625 lines" restated
            linked = [x for x in linked if not _narrower(x, e)]
        values = {x.value for x in linked}
        if (
            len(values) != 1
            or e.value in values
            or any(x.hedge or x.quantity.high is not None for x in linked)
        ):
            continue
        first = linked[0]
        if figure_interval(first.quantity).distance(figure_interval(e.quantity)) <= 0:
            continue
        how = ledger.link(first, e)
        detail = f"'{e.text}' here, but '{first.text}' in {paragraph_of(ledger, first)}" + (
            f" (linked as {how})" if how != "same" else ""
        )
        yield Check(
            "NUM006",
            False,
            detail,
            f"{plain_number(e.value)} ≠ {plain_number(first.value)}",
            (entry_part(e, "this mention"), entry_part(first, "earlier mention")),
        )


_AT_LEAST = frozenset({"more than", "over", "at least", "above", "upwards of", "in excess of"})


def _same_act(head: Entry, e: Entry) -> bool:
    """Not another act on the same noun ("lay off 2,850 staff" / "employs more than 100,000
    staff"), not an open lower bound."""
    if (e.hedge or "") in _AT_LEAST:
        return False
    if head.action and e.action and not same_act(head.action, e.action):
        return False
    return True


def headline_checks(ledger: Ledger) -> Iterator[Check]:
    """NUM006, a headline count against the body: "Telegraph newspapers axe 90 jobs" ... "are
    axing 20 journalist jobs". The body must name the headline's thing (referent, synonym or
    verb) with one value only, written apart from the headline's by more than 5% (hedges set
    aside: "up to 45,000 jobs" restates "45,000 jobs"), and not as one of several parts of one
    sentence ("300 jobs in the UK and 200 in France")."""
    counts = [e for e in ledger.entries if e.kind == "count" and e.quantity.high is None]
    for head in counts:
        if head.block != 0 or not head.referent or head.value < 2 or head.quantity.spelled:
            continue
        body = [
            e
            for e in counts
            if e.block > 0 and e.referent and ledger.link(head, e) is not None and _same_act(head, e)
        ]
        lead = [e for e in body if e.block == 1]
        body = lead or body  # the first paragraph restates the headline
        values = {e.value for e in body}
        if len(values) != 1:
            continue
        first = body[0]
        if abs(first.value - head.value) <= 0.05 * max(first.value, head.value):
            continue
        if written_interval(first).distance(written_interval(head)) <= 0:
            continue
        parts = [
            e
            for e in counts
            if e is not first
            and ledger.same_sentence(e.statement, first.statement)
            and e.value >= 2
            and not e.quantity.spelled
            and (not e.referent or ledger.link(e, first) is not None)
        ]
        if parts:
            continue  # "300 jobs in the UK and 200 in France": parts of the headline's count
        detail = f"'{first.text}' here, but '{head.text}' in the headline"
        yield Check(
            "NUM006",
            False,
            detail,
            f"{plain_number(first.value)} ≠ {plain_number(head.value)}",
            (entry_part(first, "this mention"), entry_part(head, "headline")),
        )
