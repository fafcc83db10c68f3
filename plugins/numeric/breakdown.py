"""Percentages of one breakdown: "40% said yes, 35% no and 15% didn't know" cannot pass 100.

A poll result or a vote split lists the shares of one group, and shares of one group that
exclude each other cannot add up to more than 100% (nor, when the list closes with "the
remaining …" or "the rest", to clearly less). The hard part is knowing that the percentages are
shares of one group: "60% of men and 55% of women backed it" are shares of two groups and may
well pass 100, "sales rose 40%, profits 35% and dividends 30%" are not shares at all, "60%
said crime was rising and 55% said …" answer two questions. So a
breakdown is read only when every percentage is the subject of an answer or a vote ("40%
said", "35% no", "15% were undecided", "the remaining 10%"), one of them is the other side
("no", "against", "didn't know", "the rest"), none is followed by "of", "in", "among" (another
base), the sentence speaks of a poll or a vote, and it holds no change words.
Rounding is allowed for: each written share may be off by half its precision.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from factcheck.plugin import Quantity

from .checks import Check, part

# What follows a share of respondents or voters (used with ``match(text, pos)``: no ``^``).
_ANSWER_AFTER = re.compile(
    r"\s*(?:of\s+(?:those|respondents|voters|people)\s+(?:polled|asked|questioned|surveyed)\s+)?"
    r"(?:said|say|says|voted|vote|votes|backed|back|backs|supported|support|supports|opposed|oppose|"
    r"opposes|favou?red|favou?rs?|approved?|approves|disapproved?|disapproves|agreed?|agrees|disagreed?|"
    r"disagrees|thought|think|thinks|believed?|believes|wanted|want|wants|chose|choose|preferred|"
    r"prefers?|yes|no|against|undecided|unsure|did\s+not|do\s+not|didn't|don't|didn’t|don’t|"
    r"(?:were|are|was|is)\s+(?:undecided|unsure|against|in\s+favou?r|opposed|not\s+sure|neutral))\b",
    re.IGNORECASE,
)
# The answer that makes a list a split of one group: someone said no, was against, did not know.
_CONTRAST_AFTER = re.compile(
    r"\s*(?:(?:said|say|says|voted|were|are|was|is)\s+)?(?:no|against|undecided|unsure|not\s+sure|"
    r"(?:did|do)(?:n't|n’t|\s+not)\s+know|opposed|oppose|opposes|disapproved?|disapproves|disagreed?|"
    r"disagrees|neither|no\s+opinion)\b",
    re.IGNORECASE,
)
_REST_BEFORE = re.compile(
    r"\b(?:the\s+)?(?:remaining|rest|other|others|balance)\s+(?:of\s+\w+\s+)?$", re.IGNORECASE
)
_POLL = re.compile(
    r"\b(?:poll|polled|survey|surveyed|respondents|voters|vote|voted|ballot|referendum|"
    r"undecided|(?:did|do)(?:n't|n’t|\s+not)\s+know|not\s+sure|no\s+opinion)\b",
    re.IGNORECASE,
)
_CHANGE = re.compile(
    r"\b(?:rose|risen|rise|rises|fell|fallen|fall|falls|up|down|increased?|decreased?|grew|growth|"
    r"declined?|dropped|drop|jumped|gained?|lost|higher|lower|compared|from|points?)\b",
    re.IGNORECASE,
)
_JOIN = re.compile(r"^[^\d;:]{1,60}$")
_OTHER_BASE = re.compile(r"\s*(?:of|in|among|amongst|for|from|per|at|on|by)\b", re.IGNORECASE)


def _runs(plain: str, qs: Sequence[Quantity]) -> Iterator[list[Quantity]]:
    """Maximal runs of percentages a short digit-free gap apart."""
    run: list[Quantity] = []
    for q in qs:
        if not (q.kind == "percent" and q.unit == "percent" and q.high is None and 0 < q.value <= 100):
            if len(run) >= 2:
                yield run
            run = []
            continue
        if run and not _JOIN.match(plain[run[-1].end : q.start]):
            if len(run) >= 2:
                yield run
            run = []
        run.append(q)
    if len(run) >= 2:
        yield run


def _bounds(q: Quantity) -> tuple[float, float]:
    """The least and most a written share can stand for (its rounding, its hedge)."""
    half = q.precision / 2
    hedge = (q.approx or "").lower()
    if hedge in ("about", "around", "roughly", "some", "approximately", "nearly", "almost"):
        half = max(half, q.value * 0.1)
    low, high = q.value - half, q.value + half
    if hedge in ("more than", "over", "at least", "above", "just over", "well over"):
        high = 100.0
    elif hedge in ("less than", "under", "up to", "fewer than", "below", "just under"):
        low = 0.0
    return max(low, 0.0), high


def breakdown_checks(plain: str, qs: Sequence[Quantity], lo: int, hi: int) -> Iterator[Check]:
    """NUM007: the shares of one poll or vote add up to at most 100% (to 100% with "the rest")."""
    if not _POLL.search(plain, lo, hi):
        return
    ordered = sorted(qs, key=lambda q: q.start)
    for run in _runs(plain, ordered):
        first, last = run[0], run[-1]
        window = plain[max(lo, first.start - 40) : min(hi, last.end + 40)]
        if _CHANGE.search(window):
            continue
        rest = _REST_BEFORE.search(plain, max(lo, last.start - 30), last.start) is not None
        answered = [
            _ANSWER_AFTER.match(plain, q.end, min(hi, q.end + 60)) is not None
            for q in (run[:-1] if rest else run)
        ]
        contrast = rest or any(_CONTRAST_AFTER.match(plain, q.end, min(hi, q.end + 40)) for q in run)
        if (
            not contrast
            or not all(answered)
            or any(_OTHER_BASE.match(plain, q.end, min(hi, q.end + 8)) for q in run)
        ):
            continue
        lows, highs = zip(*(_bounds(q) for q in run), strict=True)
        total = sum(q.value for q in run)
        terms = " + ".join(q.text for q in run)
        note = f"{terms} = {total:g}%"
        roles = tuple(part(q, "share") for q in run)
        margin = 1.0  # beyond rounding: a poll's shares are printed to the nearest point
        if sum(lows) > 100 + margin:
            yield Check(
                "NUM007", False, f"the shares of one breakdown add up to {total:g}% ({terms})", note, roles
            )
        elif rest and sum(highs) < 100 - margin:
            detail = f"with the rest counted, the shares add up to {total:g}% ({terms}), not 100%"
            yield Check("NUM007", False, detail, note, roles)
        else:
            yield Check("NUM007", True, "", note + (" (the whole)" if rest else ", not over 100%"), roles)
