"""NUM005, running totals: "runs 212 clinics" ... "will open 18 more, bringing the network to
240". The old figure, the addition and the new total must be tied by the copy."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from factcheck.plugin import Ledger

from ..checks import Check
from .figures import WINDOWS, Entry, compatible_amounts, entry_part, figure_and_place, plain_number, sum_text

_RUNNING = re.compile(
    r"\b(?:bring|bringing|brings|brought|take|taking|takes|took|lift|lifting|lifts|lifted|raise|raising|"
    r"raises|raised|increase|increasing|increases|increased|boost|boosting|boosts|boosted|expand|"
    r"expanding|expands|expanded|swell|swelling|swelled)\b[^.;:\d]{0,60}?\bto\s+(?:a\s+total\s+of\s+)?$",
    re.IGNORECASE,
)
_FROM_BEFORE = re.compile(r"\bfrom\s+(?:the\s+|its\s+|their\s+)?$", re.IGNORECASE)
_ADD_VERBS = frozenset(
    "open opens opened opening add adds added adding buy buys bought buying acquire acquires acquired "
    "build builds built building hire hires hired hiring purchase purchased purchases create creates "
    "created creating".split()
)
_HOLD_VERBS = frozenset(
    "operate operates operated operating run runs ran running has have had hold holds held own owns "
    "owned employ employs employed manage manages managed".split()
)


def running_total_checks(ledger: Ledger) -> Iterator[Check]:
    """NUM005, running totals: "runs 212 clinics" ... "will open 18 more, bringing the network to
    240"; "raised its stake to 816,000 shares from 453,300 shares ... bought 362,700": base +
    increment = new total, counted exactly (money and rounded counts within their rounding).
    The base is the figure "from" which the total rose, or the holding the copy gave before
    ("operates 164 pharmacies", "1.26 million doses had been given") of the same thing as the
    increment; exactly one increment ("18 more", "a further 310,000", "bought 362,700")."""
    plain = ledger.plain
    window = WINDOWS["NUM005-running"]
    for total in ledger.entries:
        if total.kind not in ("count", "money") or total.hedge or total.quantity.high is not None:
            continue
        lo = ledger.statement_spans[total.statement][0]
        running = _RUNNING.search(plain, max(lo, total.start - 80), total.start)
        if not running:
            continue
        near = [
            e
            for e in ledger.entries
            if e is not total
            and compatible_amounts(e, total)
            and (
                (total.statement - window <= e.statement <= total.statement and e.index < total.index)
                or (e.statement == total.statement and e.index > total.index)
                or e.statement == total.statement + 1
            )
        ]
        rising = re.search(r"\b(?:rais|lift|increas|boost|expand|swell)", running.group(), re.IGNORECASE)
        froms = [
            e
            for e in near
            if e.statement == total.statement
            and (
                e.value < total.value or rising
            )  # "raised its stake to 653,600 from 855,600": wrong either way
            and _FROM_BEFORE.search(plain, max(0, e.start - 12), e.start)
        ]
        if re.search(r"\bcombined\b", running.group(), re.IGNORECASE) and not froms:
            continue  # "bringing the combined total to": a sum of several holdings
        adds = [
            e
            for e in near
            if (e.increment or (e.action or "") in _ADD_VERBS)
            and not _FROM_BEFORE.search(plain, max(0, e.start - 12), e.start)
        ]
        if len(adds) != 1:
            continue  # "bought 11,900 shares ... and another 12,000": more than one increment
        add = adds[0]
        bases = froms or [
            e
            for e in near
            if e is not add
            and e.index < total.index
            and e.value < total.value
            and (e.action or "") in _HOLD_VERBS
            and _linked(ledger, e, total, add)
        ]
        if not bases:
            bases = _holding_before(ledger, near, add, total)
        if len(bases) > 1 and add.referent:
            # "runs 38 branch libraries ... two mobile libraries ... seven more branches": the
            # holding named like the increment
            bases = [e for e in bases if set(e.referent) & set(add.referent)] or bases
        if len(bases) != 1:
            continue
        base = bases[0]
        if base.hedge or add.hedge or not _adds_to(ledger, add, base, total):
            continue
        computed = base.value + add.value
        rounded = total.kind == "money" or any(e.precision > 1 for e in (base, add, total))
        tolerance = (base.precision + add.precision + total.precision) / 2 if rounded else 0.0
        tolerance = max(tolerance, _round_step(total) / 2)  # "238,000 shares" may be 237,800
        ok = abs(computed - total.value) <= tolerance + 1e-9 * total.value
        result = sum_text(computed, total)
        detail = (
            f"{figure_and_place(ledger, base)} + {figure_and_place(ledger, add)} = {result}, "
            f"not {figure_and_place(ledger, total)}"
        )
        note = f"{base.text} + {add.text} = {plain_number(computed)}; the new total is {total.text}"
        yield Check(
            "NUM005",
            ok,
            detail,
            note,
            (entry_part(base, "before"), entry_part(add, "added"), entry_part(total, "new total")),
        )


def _adds_to(ledger: Ledger, add: Entry, base: Entry, total: Entry) -> bool:
    """The increment counts what the total counts: one referent (or the noun left out), the same
    statement as the total, or the total's noun written right after it ("bought 362,700 Wrather
    common shares")."""
    if add.statement == total.statement:
        return True
    if any(ledger.link(add, x, elided=True) in ("same", "synonym") for x in (base, total)):
        return True
    heads = {x.head for x in (base, total) if x.head}
    after = set(re.findall(r"[a-z]+", ledger.plain[add.end : add.end + 40].lower()))
    return any(h in after or f"{h}s" in after for h in heads)


def _round_step(e: Entry) -> float:
    """The rounding a figure's trailing zeros suggest ("238,000": thousands)."""
    digits = re.sub(r"\D", "", e.text.split(".")[0])
    zeros = len(digits) - len(digits.rstrip("0"))
    return float(10 ** min(zeros, 6)) if zeros and e.precision <= 1 else e.precision


def _holding_before(ledger: Ledger, near: Sequence[Entry], add: Entry, total: Entry) -> list[Entry]:
    """ "1.26 million doses had been given" ... "A further 310,000 jabs": the nearest figure
    before the increment, in an earlier statement, that counts what the increment counts (and
    nothing else of that kind between)."""
    before = [
        e for e in near if e.index < add.index and e.statement < add.statement and e.value < total.value
    ]
    if not before:
        return []
    last = before[-1]
    link = ledger.link(last, add, elided=True)
    return [last] if link in ("same", "synonym") and not last.increment else []


def _linked(ledger: Ledger, base: Entry, total: Entry, add: Entry) -> bool:
    return any(ledger.link(base, other) in ("same", "synonym") for other in (total, add))
