"""NUM009 across the article: a sum converted into another currency at a rate that disagrees
with the article's other conversions, with a rate it states ("at $1.30 to the pound"), or
restated later in the second currency with another figure."""

from __future__ import annotations

import re
from collections.abc import Iterator

from factcheck.plugin import Conversion, Ledger

from ..arith import Interval, ratio
from ..checks import Check
from .figures import DEFINITE_BEFORE, Entry, entry_part, money_text, paragraph_of, written_interval


def _rate_interval(c: Conversion) -> Interval | None:
    """The rate a conversion uses, from the rounding of its two figures; a hedge ("more than $150m
    (£79m)") is on the amount, not on the conversion, so it is set aside."""
    return ratio(written_interval(c.target), written_interval(c.source))


def _oriented(c: Conversion) -> tuple[str, str, Conversion, bool]:
    """The currency pair in a fixed order, so "$9m (£4.6m)" and "£4.6m ($9m)" compare."""
    a, b = c.source.unit or "", c.target.unit or ""
    return (a, b, c, False) if a < b else (b, a, c, True)


def _rate_of(c: Conversion, flipped: bool) -> Interval | None:
    found = _rate_interval(c)
    if found is None or not flipped:
        return found
    if found.low <= 0:
        return None
    return Interval(1 / found.high, 1 / found.low)


def conversion_checks(ledger: Ledger) -> Iterator[Check]:
    """NUM009: the sums an article converts from one currency into another must use one rate.

    Rates beyond rounding and 10% apart are refuted; with three or more conversions the one off
    the others is named, with two the later one (the evidence shows both)."""
    groups: dict[tuple[str, str], list[tuple[Conversion, bool]]] = {}
    for c in ledger.conversions:
        a, b, conv, flipped = _oriented(c)
        groups.setdefault((a, b), []).append((conv, flipped))
    for (a, b), items in groups.items():
        if len(items) < 2:
            continue
        items = [(c, f) for c, f in items if _large(c.source) == _large(c.target)]
        if len(items) < 2:
            continue
        rates = [(c, f, _rate_of(c, f)) for c, f in items]
        known = [(c, f, r) for c, f, r in rates if r is not None]
        if len(known) < 2:
            continue
        for i, (c, _flipped, rate) in enumerate(known):
            others = [r for j, (_, _, r) in enumerate(known) if j != i]
            apart = [_far(rate, r) for r in others]
            if not all(apart):
                continue
            if len(known) == 2 and i == 0:
                continue  # two conversions disagree: report the later one, with both as evidence
            if len(known) > 2:
                agreeing = [
                    r
                    for k, r in enumerate(others)
                    if not any(_far(r, o) for o in others[:k] + others[k + 1 :])
                ]
                if not agreeing:
                    continue
            mid = (rate.low + rate.high) / 2
            other_c, other_interval = next((oc, r) for j, (oc, _, r) in enumerate(known) if j != i)
            other_rate = (other_interval.low + other_interval.high) / 2
            per = f"{b} per {a}"
            detail = (
                f"{c.source.text} ({c.target.text}) converts at {mid:.3g} {per}, but {other_c.source.text} "
                f"({other_c.target.text}) in {paragraph_of(ledger, other_c.source)} at {other_rate:.3g}"
            )
            note = f"{c.target.text} / {c.source.text} vs {other_c.target.text} / {other_c.source.text}"
            parts = (
                entry_part(c.source, "amount"),
                entry_part(c.target, "converted amount"),
                entry_part(other_c.source, "other amount"),
                entry_part(other_c.target, "other converted amount"),
            )
            yield Check("NUM009", False, detail, note, parts)


def _large(e: Entry) -> bool:
    """A sum written with a scale ("$1.1m") or in thousands at least ("£600,000"), not a price
    ("$1.50 (80p)"): prices are rounded too coarsely to compare rates."""
    return e.scale is not None or e.value >= 1000


def _far(x: Interval, y: Interval) -> bool:
    mid = (x.low + x.high + y.low + y.high) / 4
    return x.distance(y) > 0.15 * mid


_CURRENCY_NAMES = {
    "euro": "EUR", "pound": "GBP", "sterling": "GBP", "dollar": "USD", "yen": "JPY", "yuan": "CNY",
    "franc": "CHF", "rupee": "INR", "rouble": "RUB", "ruble": "RUB",
}  # fmt: skip
_CURRENCY_WORD = "|".join(sorted(_CURRENCY_NAMES, key=len, reverse=True))
_PER_CURRENCY = re.compile(
    rf"\s+(?:per|to\s+the|to\s+a|to\s+one|for\s+(?:each|every|one|a))\s+(?:(?:US|U\.S\.|Swiss)\s+)?"
    rf"(?P<cur>{_CURRENCY_WORD})s?\b",
    re.IGNORECASE,
)
_CURRENCY_AT = re.compile(
    rf"\bthe\s+(?P<cur>{_CURRENCY_WORD})\s+(?:at|was\s+worth|traded\s+at|stood\s+at|fetching|buying)\s+$",
    re.IGNORECASE,
)


def stated_rate_checks(ledger: Ledger) -> Iterator[Check]:
    """NUM009, a stated exchange rate: "At Monday's exchange rate of $1.08 per euro, the package
    is worth about $810 million" after "a €750 million aid package": the converted sum must be
    the sum times the rate, within its rounding (a hedge on it allows 5%). The sum converted is
    the one the converted figure names ("the package"), else the only sum in that currency
    written before it."""
    plain = ledger.plain
    entries = ledger.entries
    for k, rate in enumerate(entries):
        if rate.kind != "money" or not rate.unit or rate.scale is not None or not 0 < rate.value < 1000:
            continue
        per = _PER_CURRENCY.match(plain, rate.end, rate.end + 30)
        base = per["cur"] if per else None
        if base is None:
            at = _CURRENCY_AT.search(plain, max(0, rate.start - 40), rate.start)
            base = at["cur"] if at else None
        code = _CURRENCY_NAMES.get((base or "").lower())
        if code is None or code == rate.unit:
            continue
        targets = [
            e for e in entries[k + 1 :]
            if ledger.same_sentence(e.statement, rate.statement) and e.kind == "money"
            and e.unit == rate.unit and e.scale is not None
        ]  # fmt: skip
        if len(targets) != 1:
            continue
        target = targets[0]
        sources = [
            e for e in entries[: target.index]
            if e.kind == "money" and e.unit == code and e.scale is not None and e.quantity.high is None
        ]  # fmt: skip
        named = [e for e in sources if ledger.link(e, target) in ("same", "synonym")]
        chosen = named if named else sources
        if len({e.value for e in chosen}) != 1:
            continue
        source = chosen[-1]
        computed = Interval(
            written_interval(source).low * rate.value, written_interval(source).high * rate.value
        )
        stated = written_interval(target)
        if target.hedge:
            stated = Interval(stated.low - 0.05 * target.value, stated.high + 0.05 * target.value)
        exact = source.value * rate.value
        ok = stated.distance(computed) <= 0
        detail = (
            f"{source.text} ({paragraph_of(ledger, source)}) at {rate.text} per {(base or '').lower()} is "
            f"{money_text(exact, target)}, not {target.text}"
        )
        note = f"{source.text} × {rate.text} = {money_text(exact, target)}"
        parts = (
            entry_part(source, "amount"),
            entry_part(rate, "stated rate"),
            entry_part(target, "converted amount"),
        )
        yield Check("NUM009", ok, detail, note, parts)


def restated_conversion_checks(ledger: Ledger) -> Iterator[Check]:
    """NUM009, a converted sum restated in one of its currencies: "a £2.5bn ($3.2bn) deal" ...
    "the $3.8bn acquisition"; "GM pays $2bn" (headline) ... "to pay Fiat 1.55bn euros ($2bn)".
    The restatement must be a definite back-reference (or the headline) named as the converted
    sum is named (one referent or synonym group, or the same verb), no other figure of the
    article may have its value, and it must differ from the converted figure in its currency by
    more than 5% beyond rounding (one rate per day)."""
    plain = ledger.plain
    values: dict[tuple[str, float], list[Entry]] = {}
    for e in ledger.entries:
        if e.kind == "money" and e.unit:
            values.setdefault((e.unit, e.value), []).append(e)
    for later in ledger.entries:
        if later.kind != "money" or not later.unit or later.scale is None or later.quantity.high is not None:
            continue
        definite = DEFINITE_BEFORE.search(plain, max(0, later.start - 8), later.start) is not None
        if not (definite or later.block == 0) or len(values[(later.unit, later.value)]) > 1:
            continue
        matches = []
        for c in ledger.conversions:
            if later.statement == c.source.statement:
                continue
            same = (
                c.source if c.source.unit == later.unit else c.target if c.target.unit == later.unit else None
            )
            if same is None or same.scale is None:
                continue
            if not _names_conversion(ledger, later, c):
                continue
            matches.append((c, same))
        if len(matches) != 1:
            continue
        c, same = matches[0]
        a, b = written_interval(later), written_interval(same)
        if a.distance(b) <= 0.05 * same.value or not 0.5 <= later.value / same.value <= 2:
            continue
        other = c.target if same is c.source else c.source
        detail = (
            f"{later.text} here, but {c.source.text} ({c.target.text}) in {paragraph_of(ledger, c.source)}: "
            f"the same sum is {same.text} there"
        )
        note = f"{later.text} ≠ {same.text} (= {other.text})"
        parts = (
            entry_part(later, "restated amount"),
            entry_part(same, "converted amount"),
            entry_part(other, "amount"),
        )
        yield Check("NUM009", False, detail, note, parts)


def _names_conversion(ledger: Ledger, later: Entry, c: Conversion) -> bool:
    referent = later.referent
    if referent and c.referent:
        if referent[-1] == c.referent[-1]:
            return True
        group = ledger.group(referent[-1])
        if group is not None and group == ledger.group(c.referent[-1]):
            return True
    verbs = {e.action for e in (c.source, c.target) if e.action}
    return bool(later.action) and any(_stem(later.action) == _stem(v) for v in verbs)


def _stem(verb: str | None) -> str:
    low = (verb or "").lower()
    for suffix in ("ing", "ed", "es", "s"):
        if low.endswith(suffix) and len(low) - len(suffix) >= 3:
            return low[: -len(suffix)]
    return low
