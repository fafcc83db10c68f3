"""Scale and unit slips across the article: "£1.2bn" in one paragraph and "£1.2m" for the same
sum in another, a measure restated in another unit, a currency dropped from a later mention.
A scale or unit does not change between paragraphs, so every pair in the article is compared."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from factcheck.plugin import Ledger

from ..checks import Check
from .figures import DEFINITE_BEFORE, Entry, entry_part, mantissa, paragraph_of, plain_number


def scale_checks(ledger: Ledger) -> Iterator[Check]:
    """NUM008: two sums of one thing in one currency a scale apart ("£4.2bn" ... "the £4.2m
    budget"): a factor of 300 or more between figures whose referents are one and the same (or
    written with the same digits, the later one a definite back-reference or named by the same
    verb: "want £6m" ... "want £6bn"). A hedge ("about 45 mln dlrs") never explains a factor of
    300, but a hedged pair must also share its digits."""
    money = [
        e for e in ledger.entries if e.kind == "money" and e.unit and e.quantity.high is None and e.value > 0
    ]
    for j, later in enumerate(money):
        for earlier in money[:j]:
            if earlier.unit != later.unit or earlier.statement == later.statement:
                continue
            factor = max(earlier.value, later.value) / min(earlier.value, later.value)
            if factor < 300 or earlier.scale is None or later.scale is None:
                continue
            link = ledger.link(earlier, later)
            same_digits = mantissa(earlier) == mantissa(later) and earlier.scale != later.scale
            definite = DEFINITE_BEFORE.search(ledger.plain, max(0, later.start - 8), later.start) is not None
            same_verb = (
                not earlier.referent
                and not later.referent
                and earlier.action is not None
                and earlier.action == later.action
                and earlier.action not in ("was", "were", "is", "are", "of")
            )
            if earlier.hedge or later.hedge:
                if not (same_digits and link == "same"):
                    continue  # "about 45 mln dlrs" ... "the 45 bln dlr charge"
            elif link not in ("same", "action") and not (same_digits and (definite or same_verb)):
                continue
            what = " ".join(later.referent or earlier.referent) or "the same sum"
            detail = (
                f"{later.text} here but {earlier.text} in {paragraph_of(ledger, earlier)} for {what}: "
                f"{factor:,.0f} times apart, a scale slip"
            )
            note = f"{plain_number(later.value)} vs {plain_number(earlier.value)}"
            yield Check(
                "NUM008",
                False,
                detail,
                note,
                (entry_part(later, "this figure"), entry_part(earlier, "earlier figure")),
            )
            break
    yield from _unit_checks(ledger)
    yield from _currency_dropped(ledger)


def _unit_checks(ledger: Ledger) -> Iterator[Check]:
    """NUM008 for measures: the same number written later in another unit of the same dimension
    ("3,050 metres" ... "the 3,050ft runway", "a 1.2GW wind farm" ... "the 1.2MW scheme"), or
    one side of a unit conversion written in the other side's unit ("a 14-mile (23km) path" ...
    "the full 23 miles")."""
    measures = [e for e in ledger.entries if e.kind == "measure" and ledger.unit_size(e.unit) and e.value > 0]
    in_pairs = {e.index for c in ledger.unit_conversions for e in (c.source, c.target)}
    for j, later in enumerate(measures):
        if later.index in in_pairs or later.hedge or later.quantity.high is not None:
            continue
        if not _MEASURE_DEFINITE.search(ledger.plain, max(0, later.start - 20), later.start):
            continue
        found = _swapped_unit(ledger, later) or _same_number_other_unit(ledger, later, measures[:j], in_pairs)
        if found is not None:
            yield found


_MEASURE_DEFINITE = re.compile(
    r"\b(?:the|its|their|this|that)\s+(?:(?:full|whole|entire|new|planned|proposed|extended)\s+)?$",
    re.IGNORECASE,
)


def _swapped_unit(ledger: Ledger, later: Entry) -> Check | None:
    for c in ledger.unit_conversions:
        if c.source.statement >= later.statement:
            continue
        for side, other in ((c.source, c.target), (c.target, c.source)):
            if later.unit != other.unit or later.value != side.value:
                continue
            detail = (
                f"{later.text} here, but {c.source.text} ({c.target.text}) "
                f"in {paragraph_of(ledger, c.source)}: "
                f"{plain_number(side.value)} is the figure in {_unit_name(side.unit)}, "
                f"not in {_unit_name(other.unit)}"
            )
            note = (
                f"{c.source.text} = {c.target.text}; "
                f"{later.text} puts {plain_number(side.value)} in {other.unit}"
            )
            parts = (
                entry_part(later, "this figure"),
                entry_part(side, "earlier figure"),
                entry_part(other, "converted figure"),
            )
            return Check("NUM008", False, detail, note, parts)
    return None


def _same_number_other_unit(
    ledger: Ledger, later: Entry, earlier_measures: Sequence[Entry], in_pairs: set[int]
) -> Check | None:
    size = ledger.unit_size(later.unit)
    for earlier in earlier_measures:
        if earlier.statement == later.statement or earlier.value != later.value or earlier.hedge:
            continue
        other = ledger.unit_size(earlier.unit)
        if size is None or other is None or size[0] != other[0] or earlier.unit == later.unit:
            continue
        if earlier.index in in_pairs and any(
            later.unit in (c.source.unit, c.target.unit) and earlier.index in (c.source.index, c.target.index)
            for c in ledger.unit_conversions
        ):
            continue  # "3,050 metres (10,000ft)" ... "the 10,000ft runway" is the conversion's own
        apart = max(size[1], other[1]) / min(size[1], other[1])
        times = f"{apart:,.0f}" if apart >= 10 else f"{apart:.2f}"
        detail = (
            f"{later.text} here but {earlier.text} in {paragraph_of(ledger, earlier)}: the same number in "
            f"{_unit_name(later.unit)} and in {_unit_name(earlier.unit)}, {times} times apart"
        )
        parts = (entry_part(later, "this figure"), entry_part(earlier, "earlier figure"))
        return Check("NUM008", False, detail, f"{later.text} vs {earlier.text}", parts)
    return None


_UNIT_NAMES = {
    "m": "metres", "km": "kilometres", "mile": "miles", "ft": "feet", "inch": "inches", "yard": "yards",
    "cm": "centimetres", "mm": "millimetres", "kg": "kilograms", "g": "grams", "lb": "pounds",
    "ounce": "ounces", "hectare": "hectares", "acre": "acres", "litre": "litres", "gallon": "gallons",
}  # fmt: skip


def _unit_name(unit: str | None) -> str:
    return _UNIT_NAMES.get(unit or "", unit or "")


_CONVERTED_AFTER = re.compile(r"\s*\(\s*(?:about\s+|around\s+|some\s+)?$")


def _currency_dropped(ledger: Ledger) -> Iterator[Check]:
    """NUM008, a sum written without its currency beside its conversion ("the 220m (£190m)
    project") whose digits the article gave earlier with a currency ("€220m"): worth a look."""
    entries = ledger.entries
    for k, e in enumerate(entries[:-1]):
        nxt = entries[k + 1]
        if e.kind != "count" or e.unit is not None or e.scale is None or nxt.kind != "money" or not nxt.unit:
            continue
        if nxt.statement != e.statement or not _CONVERTED_AFTER.fullmatch(ledger.plain[e.end : nxt.start]):
            continue
        earlier = [
            x for x in entries[:k]
            if x.kind == "money" and x.unit and x.unit != nxt.unit and x.value == e.value
        ]  # fmt: skip
        if not earlier:
            continue
        first = earlier[-1]
        detail = (
            f"{e.text} ({nxt.text}) has no currency; the same sum is {first.text} in "
            f"{paragraph_of(ledger, first)}, and read as {nxt.unit} it would not match its own conversion"
        )
        note = f"{e.text} vs {first.text}"
        yield Check(
            "NUM008",
            False,
            detail,
            note,
            (
                entry_part(e, "this figure"),
                entry_part(first, "earlier figure"),
                entry_part(nxt, "converted figure"),
            ),
            review="the currency is missing, so which figure is meant is unclear",
        )
