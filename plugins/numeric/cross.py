"""Relations between figures in different sentences and paragraphs, read from the article's ledger.

The sentence-level parsers (``relations``, ``compare``, ``calendar``) need a relation written in
one tight shape. Real copy spreads it out: a total in one paragraph and its parts in the next, a
sum converted into pounds twice at two different rates, "the 58 closures" three paragraphs after
"will close 85 branches", "bringing the network to 240" after "runs 212 clinics" and "18 more".
Each check here reads the ledger (``factcheck.plugin.article_ledger``): every figure with its
referent (what it counts), scale, time and hedge, and the links between referents. The window
each check looks across is a documented choice (``WINDOWS``).

Precision first. A refutation needs the figures linked (one referent, or one synonym group, or
the structure of the copy itself: "Of the total", "the remaining", "bringing ... to"), compatible
units and scales, and arithmetic that fails beyond the writer's rounding and hedges. A weaker
link gives ``needs_review`` with the reason; no link gives nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace

from factcheck.plugin import Conversion, Ledger, LedgerEntry

from .arith import Interval, claim_interval, clearly_apart, figure_interval, fmt_percent, ratio
from .checks import Check, Part
from .repeats import OWN_SCOPE, same_act

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

_DEFINITE = re.compile(
    r"\b(?:the|these|those)\s+(?:(?:old|original|same|full|whole|entire|current|existing|planned|proposed)\s+)?$",
    re.IGNORECASE,
)
_COMPARED = re.compile(
    r"\b(?:above|below|than|from|with|versus|vs\.?|against|over|under|on|to|beyond|about|among|"
    r"nearly|almost|around)\s+(?:the|these|those|all)\s+$",
    re.IGNORECASE,
)


def _where(ledger: Ledger, entry: Entry) -> str:
    return f"paragraph {entry.block + 1}"


def _at(ledger: Ledger, entry: Entry) -> str:
    """A figure and where it stands: "£28m (paragraph 4)"."""
    return f"{entry.text} ({_where(ledger, entry)})"


def _part(entry: Entry, role: str) -> Part:
    return Part(entry.start, entry.end, role)


def _g(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() and abs(value) >= 1000 else f"{value:g}"


# ------------------------------------------------------------------ NUM009 conversions


def _rate_interval(c: Conversion) -> Interval | None:
    """The rate a conversion uses, from the rounding of its two figures; a hedge ("more than $150m
    (£79m)") is on the amount, not on the conversion, so it is set aside."""
    return ratio(_written(c.target), _written(c.source))


def _written(e: Entry) -> Interval:
    """Where a figure lies from its rounding alone (its hedge set aside)."""
    q = e.quantity
    return figure_interval(q if q.approx is None else q.model_copy(update={"approx": None}))


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
                f"({other_c.target.text}) in {_where(ledger, other_c.source)} at {other_rate:.3g}"
            )
            note = f"{c.target.text} / {c.source.text} vs {other_c.target.text} / {other_c.source.text}"
            parts = (
                _part(c.source, "amount"),
                _part(c.target, "converted amount"),
                _part(other_c.source, "other amount"),
                _part(other_c.target, "other converted amount"),
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
        computed = Interval(_written(source).low * rate.value, _written(source).high * rate.value)
        stated = _written(target)
        if target.hedge:
            stated = Interval(stated.low - 0.05 * target.value, stated.high + 0.05 * target.value)
        exact = source.value * rate.value
        ok = stated.distance(computed) <= 0
        detail = (
            f"{source.text} ({_where(ledger, source)}) at {rate.text} per {(base or '').lower()} is "
            f"{_money(exact, target)}, not {target.text}"
        )
        note = f"{source.text} × {rate.text} = {_money(exact, target)}"
        parts = (_part(source, "amount"), _part(rate, "stated rate"), _part(target, "converted amount"))
        yield Check("NUM009", ok, detail, note, parts)


_SYMBOLS = {"USD": "$", "GBP": "£", "EUR": "€", "JPY": "¥"}


def _sum_text(value: float, like: Entry) -> str:
    """A computed sum written like the whole it is set against: "$375 million", "7.4 million
    ton", "1,570,000"."""
    if like.kind == "money":
        return _money(value, like)
    if like.scale:
        scale = _SCALES.get(like.scale, 1.0)
        unit = f" {like.unit}" if like.kind == "measure" and like.unit else ""
        return f"{value / scale:,.4g} {like.scale}{unit}"
    return _g(value)


def _money(value: float, like: Entry) -> str:
    """A computed sum written the way ``like`` is written: "$810 million", "4.2bn CNY"."""
    scale = _SCALES.get(like.scale or "", 1.0)
    number = f"{value / scale:,.4g}" + (f" {like.scale}" if like.scale else "")
    symbol = _SYMBOLS.get(like.unit or "")
    return f"{symbol}{number}" if symbol else f"{number} {like.unit}"


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
        definite = _DEFINITE.search(plain, max(0, later.start - 8), later.start) is not None
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
        a, b = _written(later), _written(same)
        if a.distance(b) <= 0.05 * same.value or not 0.5 <= later.value / same.value <= 2:
            continue
        other = c.target if same is c.source else c.source
        detail = (
            f"{later.text} here, but {c.source.text} ({c.target.text}) in {_where(ledger, c.source)}: "
            f"the same sum is {same.text} there"
        )
        note = f"{later.text} ≠ {same.text} (= {other.text})"
        parts = (_part(later, "restated amount"), _part(same, "converted amount"), _part(other, "amount"))
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


# ------------------------------------------------------------------ NUM008 scale


_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}


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
            same_digits = _mantissa(earlier) == _mantissa(later) and earlier.scale != later.scale
            definite = _DEFINITE.search(ledger.plain, max(0, later.start - 8), later.start) is not None
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
                f"{later.text} here but {earlier.text} in {_where(ledger, earlier)} for {what}: "
                f"{factor:,.0f} times apart, a scale slip"
            )
            note = f"{_g(later.value)} vs {_g(earlier.value)}"
            yield Check(
                "NUM008", False, detail, note, (_part(later, "this figure"), _part(earlier, "earlier figure"))
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
                f"{later.text} here, but {c.source.text} ({c.target.text}) in {_where(ledger, c.source)}: "
                f"{_g(side.value)} is the figure in {_unit_name(side.unit)}, not in {_unit_name(other.unit)}"
            )
            note = f"{c.source.text} = {c.target.text}; {later.text} puts {_g(side.value)} in {other.unit}"
            parts = (
                _part(later, "this figure"),
                _part(side, "earlier figure"),
                _part(other, "converted figure"),
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
            f"{later.text} here but {earlier.text} in {_where(ledger, earlier)}: the same number in "
            f"{_unit_name(later.unit)} and in {_unit_name(earlier.unit)}, {times} times apart"
        )
        parts = (_part(later, "this figure"), _part(earlier, "earlier figure"))
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
            f"{_where(ledger, first)}, and read as {nxt.unit} it would not match its own conversion"
        )
        note = f"{e.text} vs {first.text}"
        yield Check(
            "NUM008",
            False,
            detail,
            note,
            (_part(e, "this figure"), _part(first, "earlier figure"), _part(nxt, "converted figure")),
            review="the currency is missing, so which figure is meant is unclear",
        )


def _mantissa(e: Entry) -> float:
    return round(e.value / _SCALES.get(e.scale or "", 1.0), 6)


# ------------------------------------------------------------------ NUM006 restated counts


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
        if not _DEFINITE.search(plain, max(0, e.start - 24), e.start) or _COMPARED.search(
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
        detail = f"'{e.text}' here, but '{first.text}' in {_where(ledger, first)}" + (
            f" (linked as {how})" if how != "same" else ""
        )
        yield Check(
            "NUM006",
            False,
            detail,
            f"{_g(e.value)} ≠ {_g(first.value)}",
            (_part(e, "this mention"), _part(first, "earlier mention")),
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


def _root(verb: str) -> str:
    """ "axe"/"axing", "cut"/"cuts", "close"/"closing": one root."""
    low = verb.lower()
    for suffix in ("ing", "ed", "es", "s", "e"):
        if low.endswith(suffix) and len(low) - len(suffix) >= 2:
            return low[: -len(suffix)]
    return low


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
        if _written(first).distance(_written(head)) <= 0:
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
            f"{_g(first.value)} ≠ {_g(head.value)}",
            (_part(first, "this mention"), _part(head, "headline")),
        )


# ------------------------------------------------------------------ NUM005 totals

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
_OF_TOTAL = re.compile(
    r"\W*(?:of\s+(?:the\s+(?:total|sum|money|amount|figure)|these|them|those|this|that|which|the\s+\w+)|"
    r"the\s+(?:total|sum)\s+(?:includes|comprises|is\s+made\s+up\s+of))\b",
    re.IGNORECASE,
)
_REMAINING = re.compile(r"\b(?:the\s+(?:remaining|rest|other)|remaining)\b[^.;\d]{0,25}$", re.IGNORECASE)
_DIFFERENCE_AFTER = re.compile(r"\s+(?:more|less|fewer|above|below|higher|lower|over|under)\b", re.IGNORECASE)
_NOT_A_PART_BEFORE = re.compile(r"\b(?:at|No\.?|number)\s+$", re.IGNORECASE)


def _amount(ledger: Ledger, e: Entry) -> bool:
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


def _part_like(ledger: Ledger, e: Entry) -> bool:
    """A figure that can be a part: an amount as :func:`_amount` has it, increments allowed ("A
    further £19m has been set aside")."""
    return _amount(ledger, replace(e, increment=False))


def _compatible(a: Entry, b: Entry) -> bool:
    if a.quantity.high is not None or b.quantity.high is not None:
        return False
    if a.kind in ("money", "measure") or b.kind in ("money", "measure"):
        return a.kind == b.kind and a.unit == b.unit
    return a.kind == b.kind == "count"


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
            and _compatible(e, total)
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
        result = _sum_text(computed, total)
        detail = f"{_at(ledger, base)} + {_at(ledger, add)} = {result}, not {_at(ledger, total)}"
        note = f"{base.text} + {add.text} = {_g(computed)}; the new total is {total.text}"
        yield Check(
            "NUM005",
            ok,
            detail,
            note,
            (_part(base, "before"), _part(add, "added"), _part(total, "new total")),
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


_TOTAL_BEFORE = re.compile(
    r"\b(?:totall?ing|totall?ed|totals|a\s+total\s+of|total\s+of|in\s+all|altogether|combined|"
    r"(?:all|every)(?:\s+of\s+(?:the|its|their))?)\s+(?:(?:about|some|an\s+estimated|the|its|their)\s+)?$",
    re.IGNORECASE,
)
_TOTAL_AFTER = re.compile(r",?\s+(?:in\s+total|in\s+all|altogether|all\s+told)\b", re.IGNORECASE)
_NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_COUNT_AFTER = re.compile(
    r"(?:\s+of\s+[a-z]+(?:\s+[a-z]+)?)?\s+in\s+(?P<n>two|three|four|five|six|[2-6])\s+"
    r"(?:tranches|parts|instalments|installments|stages|phases|payments|portions|lots|batches|shipments|cargoes)\b",
    re.IGNORECASE,
)
_COUNT_BEFORE = re.compile(
    r"\b(?P<n>two|three|four|five|six|[2-6])\s+(?:[a-z]+\s+){0,2}?[a-z]+s\b[^.;\d]{0,40}?"
    r"(?:totall?ing|for\s+a\s+total\s+of|worth\s+a\s+total\s+of|with\s+a\s+total\s+of)\s+"
    r"(?:(?:about|some|an\s+estimated)\s+)?$",
    re.IGNORECASE,
)
_COUNT_SPLIT = re.compile(
    r"\b(?:go\s+on|goes\s+on|be\s+spent\s+on|be\s+split\s+(?:between|among|into)|be\s+shared\s+"
    r"(?:between|among)|be\s+divided\s+(?:between|among|into)|pay\s+for|fund)\s+"
    r"(?P<n>two|three|four|five|six|[2-6])\s+(?:[a-z]+\s+){0,2}?[a-z]+s\b",
    re.IGNORECASE,
)
_PARTS_COUNT = re.compile(
    r"\b(?P<n>two|three|four|five|six|[2-6])\s+(?:(?:main|separate|big|major|new|key)\s+)?(?P<noun>[a-z]+s)\b",
    re.I,
)
# "It was made up of $250m ...", "The business ... comprised 20,000 tonnes ...", "These
# included ...", "The investment includes ...": the parts' sentence says it is the whole, split.
_COMPOSED = re.compile(
    r"\W*(?:(?:it|this|that|they)\s+|(?:the\s+)?[a-z]+(?:\s+[a-z]+){0,3}?\s+(?:[^.;:\d]{0,40}?\s+and\s+)?)"
    r"(?:(?:was|were|is|are|will\s+be|would\s+be|has\s+been|had\s+been)\s+)?"
    r"(?:(?:comprised|made\s+up|split|divided|broken\s+down)\s*(?:of|between|into|among|as)?|"
    r"consist(?:s|ed)?\s+of|comprise[sd]?|comprising)\b",
    re.IGNORECASE,
)
# "These included ...", "This includes ...": some of the parts, perhaps not all of them.
_INCLUDED = re.compile(r"\W*(?:these|this|it|they)\s+(?:include[sd]?|included)\b", re.IGNORECASE)
_OLD_VALUE_BEFORE = re.compile(
    r"\b(?:from|against|versus|vs\.?|compared\s+(?:with|to)|previously|earlier|last)\s+"
    r"(?:(?:a|an|the|revised|about|some)\s+)*$",
    re.IGNORECASE,
)
_OLD_VALUE_AFTER = re.compile(
    r"\s+(?:a\s+year\s+(?:ago|earlier|before)|previously|last\s+year|in\s+the\s+previous|the\s+year\s+before)",
    re.IGNORECASE,
)
_OTHER_SUM_BEFORE = re.compile(
    r"\b(?:on\s+top\s+of|in\s+addition\s+to|besides|as\s+well\s+as|excluding|plus|beyond)\b[^.;]{0,40}$",
    re.IGNORECASE,
)
_EVERY_MEMBER = re.compile(
    r"\b(?:every|each|all)\s+(?:\w+\s+)?(?:member|councillor|seat|race|MP|senator|representative|delegate|"
    r"director|shareholder)s?\b[^.;]{0,30}\b(?:present|voted|decided|declared|called|cast|counted)\b|"
    r"\bfull\s+turnout\b|\bnobody\s+was\s+absent\b",
    re.IGNORECASE,
)
_VOTE = re.compile(
    r"\b(?:backed|supported|voted|opposed|against|abstained|for|in\s+favour|in\s+favor|rejected|approved)\b",
    re.IGNORECASE,
)


_EXPECTED_BEFORE = re.compile(
    r"\b(?:compares?\s+with|forecast|expectations?|expected|predicted|projected|target|estimate)\b[^.;\d]{0,30}$",
    re.IGNORECASE,
)


def _old_value(ledger: Ledger, e: Entry) -> bool:
    """ "rose to 103 mln dlrs from 98 mln": 98 is a figure of another time, not a part (nor is a
    forecast or a target the figures are set against)."""
    plain = ledger.plain
    return bool(
        _OLD_VALUE_BEFORE.search(plain, max(0, e.start - 30), e.start)
        or _EXPECTED_BEFORE.search(plain, max(0, e.start - 45), e.start)
        or _OLD_VALUE_AFTER.match(plain, e.end)
        or (e.when is not None and e.when[0] == "earlier")
    )


def parts_checks(ledger: Ledger) -> Iterator[Check]:
    """NUM005, a whole and its parts in the following statements, tied by the copy itself:

    - opened by "Of the total, ..." or closed by "the remaining/rest" ("will sell 500 billion
      yen ... Of the total, 300 billion yen ... The remaining 200 billion yen");
    - said to make up the whole: "comprised", "made up of", "includes", "These included" ("a deal
      totalling $375m ... It was made up of $250m ... and $125m");
    - counted: the whole's sentence says how many parts ("400 mln dlrs of bonds in two tranches",
      "two shipments of maize, totalling 60,000 tonnes", "will go on three main projects");
    - a total ("loans totalling 1.55 billion dlrs") whose parts name the same thing ("A 350 mln
      dlr ... loan", "a 300 mln dlr loan", "a 900 mln dlr loan");
    - a vote or count said to be complete: "51 backed the scheme, 29 opposed it and 6 abstained.
      Every member was present" against "which has 84 members"; "All 150 seats ... With every
      race now decided, Republicans hold 79, Democrats 66 and independents 3";
    - or listed with "and" in the very next statement after a whole with their referent (the
      sum then within 15% of the whole, else it is about something else).

    Figures of another time ("from 98 mln", "against 3.59 mln previously") are not parts."""
    plain = ledger.plain
    window = WINDOWS["NUM005-parts"]
    entries = ledger.entries
    known: dict[int, bool] = {}

    def usable(e: Entry) -> bool:
        found = known.get(e.index)
        if found is None:
            found = known[e.index] = _part_like(ledger, e) and not _old_value(ledger, e)
        return found

    for total in entries:
        if (
            total.kind not in ("count", "money", "measure")
            or total.quantity.high is not None
            or total.value <= 0
        ):
            continue
        if not _amount(ledger, total) or _old_value(ledger, total):
            continue
        later = []
        for e in entries[total.index + 1 :]:
            if e.statement > total.statement + window:
                break
            if e.statement > total.statement and _compatible(e, total) and usable(e):
                later.append(e)
        if len(later) < 2:
            continue
        between = [
            e
            for e in entries[total.index + 1 : later[0].index]
            if total.index < e.index < later[0].index
            and _compatible(e, total)
            and not _old_value(ledger, e)
            and not (
                e.statement == total.statement
                and _OTHER_SUM_BEFORE.search(plain, max(0, e.start - 50), e.start)
            )
        ]
        if between:
            continue  # the whole is the last such figure before its parts
        found = _tied_parts(ledger, total, later)
        if found is None:
            continue
        run, tie = found
        if len(run) < 2:
            continue
        yield from _judge_parts(ledger, total, run, tie)


def complete_count_checks(ledger: Ledger) -> Iterator[Check]:
    """NUM005, a vote or count said to be complete against the size of the body stated earlier:
    "The full council, which has 84 members" ... "51 councillors backed the scheme, 29 opposed it
    and 6 abstained. Every member was present." The parts are the counts of the tally's
    sentence (listed, the last after "and"); the whole is the latest count before it, up to six
    statements back, of the same thing (one referent or synonym group: "members"/"councillors")."""
    plain = ledger.plain
    counts = [e for e in ledger.entries if e.kind == "count" and e.quantity.high is None]
    done: set[int] = set()
    for index in range(len(ledger.statement_spans)):
        sentence = ledger.sentences[index] if ledger.sentences else index
        if sentence in done:
            continue
        tally = [e for e in counts if ledger.same_sentence(e.statement, index) and not e.hedge]
        if len(tally) < 2 or not _VOTE.search(ledger.sentence_text(index)):
            continue
        nxt = max(e.statement for e in tally) + 1
        cue = _EVERY_MEMBER.search(ledger.sentence_text(index)) or (
            nxt < len(ledger.statement_spans) and _EVERY_MEMBER.search(ledger.sentence_text(nxt))
        )
        if not cue:
            continue
        done.add(sentence)
        if not re.search(r"\band\b", plain[tally[-2].end : tally[-1].start]):
            continue
        named = [e for e in tally if e.referent or e.elided]
        if not named:
            continue
        first = min(e.statement for e in tally)
        wholes = [
            e
            for e in counts
            if first - 6 <= e.statement < first
            and not e.hedge
            and e.referent
            and ledger.link(e, named[0], elided=True) in ("same", "synonym")
        ]
        if not wholes or len({e.value for e in wholes}) != 1:
            continue
        yield from _judge_parts(ledger, wholes[-1], tally, "complete")


def _tied_parts(ledger: Ledger, total: Entry, later: list[Entry]) -> tuple[list[Entry], str] | None:
    """The parts of ``total`` among the figures after it, and how the copy ties them."""
    plain = ledger.plain
    first = later[0]
    opener_lo = ledger.statement_spans[first.statement][0]
    remaining = [
        k
        for k, e in enumerate(later)
        if k >= 1
        and _REMAINING.search(plain, max(ledger.statement_spans[e.statement][0], e.start - 40), e.start)
    ]
    if _OF_TOTAL.match(plain, opener_lo, first.start):
        return (later[: remaining[0] + 1] if remaining else _same_run(ledger, later)), "opened"
    if remaining:
        closer = later[remaining[0]]
        if any(
            ledger.same_sentence(e.statement, closer.statement) and e.index > closer.index
            for e in later[remaining[0] + 1 :]
        ):
            return None  # "hold his 39 ... pick up the remaining 160 ... still need 159": not the last part
        return later[: remaining[0] + 1], "closed"
    count = _parts_count(ledger, total, first.statement)
    if count is not None:
        return (later[:count], "counted") if len(later) >= count else None
    if _COMPOSED.match(plain, opener_lo, first.start):
        return _same_run(ledger, later), "composed"
    if _INCLUDED.match(plain, opener_lo, first.start):
        return _same_run(ledger, later, continuing=True), "included"
    part_of = re.match(
        r"\s+of\s+(?:the|this|that)\s+(?P<noun>[a-z]+)\b", plain[first.end : first.end + 30], re.I
    )
    if part_of and total.referent and lemma_of(part_of["noun"]) in (total.referent[-1], total.head):
        return _same_run(ledger, later), "part of"  # "found 180 mln dlrs of the hike was ..."
    if _same_verb(ledger, total, later):
        return _same_run(ledger, later), "same verb"
    totalled = _TOTAL_BEFORE.search(plain, max(0, total.start - 30), total.start) or _TOTAL_AFTER.match(
        plain, total.end
    )
    run = _same_run(ledger, later)
    if _EVERY_MEMBER.search(ledger.sentence_text(first.statement)) or (
        first.statement + 1 < len(ledger.statement_spans)
        and _EVERY_MEMBER.search(ledger.statement_text(first.statement + 1))
    ):
        if _VOTE.search(ledger.sentence_text(first.statement)) or totalled:
            return run, "complete"
    if totalled and total.referent:
        named = [e for e in later if e.referent and ledger.link(e, total) in ("same", "synonym")]
        if len(named) >= 2 and named == later[: len(named)]:
            return named, "named"
    if first.statement == total.statement + 1 and len(run) >= 3 and total.referent:
        gap = plain[run[-2].end : run[-1].start]
        if re.search(r"\band\b", gap) and all(not e.referent or ledger.link(e, total) == "same" for e in run):
            if any(ledger.link(e, total) == "same" for e in run) or total.kind == "count":
                return run, "listed"
    return None


def lemma_of(word: str) -> str:
    low = word.lower()
    return low[:-1] if low.endswith("s") and not low.endswith("ss") else low


# Verbs of handing out or taking in a sum in parts: "will offer 150 mln dlrs ... will offer 75 mln
# dlrs of notes and 75 mln dlrs of debentures"; "will receive 600 mln ... corn producers will
# receive 515 mln and sorghum producers 85 mln". (Not "cost" or "be worth": those compare.)
_SHARING_VERBS = frozenset(
    _root(v)
    for v in """offer sell issue receive raise spend allocate provide pay borrow lend invest award grant
    distribute ship export import buy purchase place allot""".split()
)


def _same_verb(ledger: Ledger, total: Entry, later: list[Entry]) -> bool:
    """ "will offer 150 mln dlrs of debt securities. The company will offer 75 mln dlrs of notes
    ... and 75 mln dlrs of debentures": the next sentence repeats the whole's verb and lists the
    parts with "and"."""
    first = later[0]
    if not total.action or _root(total.action) not in _SHARING_VERBS:
        return False
    if any(e.increment or e.value >= total.value for e in later[:2]):
        return False  # "a further 135 mln stg and 30 mln stg": more, not parts
    nxt = total.statement + 1
    while nxt < len(ledger.statement_spans) and ledger.same_sentence(nxt, total.statement):
        nxt += 1
    if not ledger.same_sentence(first.statement, nxt):
        return False
    run = _same_run(ledger, later)
    if len(run) < 2 or not re.search(r"\band\b", ledger.plain[run[-2].end : run[-1].start]):
        return False
    return first.action is not None and _root(first.action) == _root(total.action)


def _same_run(ledger: Ledger, later: list[Entry], continuing: bool = False) -> list[Entry]:
    """The parts in the first statement that has any, up to the one after "and" that closes the
    list; with ``continuing``, also those of the statements right after it that go on listing
    ("Liftings ... fell to 4.15 mln tons ...")."""
    first = later[0].statement
    run = [e for e in later if ledger.same_sentence(e.statement, first)]
    for k in range(1, len(run)):
        if re.search(r"\band\b", ledger.plain[run[k - 1].end : run[k].start]):
            run = run[: k + 1]  # "75 mln dlrs of notes and 75 mln dlrs of debentures" (then other sums)
            break
    closed = len(run) > 1 and re.search(r"\band\b", ledger.plain[run[-2].end : run[-1].start]) is not None
    if continuing and not closed:

        def number(k: int) -> int:
            return ledger.sentences[k] if ledger.sentences else k

        last = max(number(e.statement) for e in run)
        for e in later[len(run) :]:
            if number(e.statement) > last + 1:
                break  # the list goes on in the next sentence at most
            if _TOTAL_BEFORE.search(ledger.plain, max(0, e.start - 30), e.start):
                break
            closing = re.search(r"\band\b", ledger.plain[run[-1].end : e.start]) is not None
            run.append(e)
            last = number(e.statement)
            if closing:
                break  # "... and those from the Gulf to other areas dropped to 1.2 mln tons"
    return run


def _parts_count(ledger: Ledger, total: Entry, first_part: int) -> int | None:
    """ "in two tranches", "two shipments of maize, totalling", "will go on three main projects"
    (in the whole's sentence, or a later one before the parts that is about the whole: "The
    money ... will go on three main projects")."""
    texts = [ledger.sentence_text(total.statement)]
    for nxt in range(total.statement + 1, first_part + 1):
        if ledger.same_sentence(nxt, total.statement):
            continue
        if re.match(
            r"\W*(?:the\s+(?:money|total|sum|fund|funding|programme|program|package|budget|deal|plan|"
            r"investment|cash)|it|this)\b",
            ledger.statement_text(nxt),
            re.IGNORECASE,
        ):
            texts.append(ledger.sentence_text(nxt))
    plain = ledger.plain
    found = set()
    tied = [
        _COUNT_AFTER.match(plain, total.end),  # "400 mln dlrs of bonds in two tranches"
        # "two shipments of maize, totalling 60,000 tonnes", "two offerings for a total of"
        _COUNT_BEFORE.search(plain, max(0, total.start - 80), total.start),
    ]
    for m in tied:
        if m is not None:
            found.add(_NUMBER_WORDS.get(m["n"].lower()) or int(m["n"]))
    for text in texts[1:]:  # "The money ... will go on three main projects"
        for m in _COUNT_SPLIT.finditer(text):
            found.add(_NUMBER_WORDS.get(m["n"].lower()) or int(m["n"]))
    return found.pop() if len(found) == 1 else None


def _judge_parts(ledger: Ledger, total: Entry, run: list[Entry], tie: str) -> Iterator[Check]:
    entries = ledger.entries
    window = WINDOWS["NUM005-parts"]
    hedged = total.hedge or any(e.hedge for e in run)
    computed = sum(e.value for e in run)
    rounded = total.kind == "money" or any(e.precision > 1 for e in (*run, total))
    if rounded:
        tolerance = sum(_written(e).high - e.value for e in run) + _written(total).high - total.value
    else:
        tolerance = 0.0
    if hedged:
        tolerance = max(tolerance, 0.1 * total.value)
    ok = abs(computed - total.value) <= tolerance + 1e-9 * total.value
    if tie in ("closed", "listed", "included") and any(e.value >= total.value for e in run):
        return  # a part as large as the whole: the whole is another figure
    if tie == "included" and computed <= total.value + tolerance:
        ok = True  # "These included ...": some of the parts, at most the whole
    if tie == "listed" and not ok and computed > 0 and not 0.85 <= computed / total.value <= 1.15:
        return  # a list far from the total is about something else
    if not ok and any(
        _compatible(e, total) and abs(e.value - computed) <= max(tolerance, 0.01 * e.value)
        for e in entries
        if e.index < run[0].index and e is not total and run[0].statement - e.statement <= 2 * window
    ):
        return  # the parts add up to another figure just before them: that is their whole
    terms = " + ".join(e.text for e in run)
    where = sorted({_where(ledger, e) for e in run})
    result = _sum_text(computed, total)
    detail = f"{terms} ({', '.join(where)}) = {result}, not {total.text} ({_where(ledger, total)})"
    note = f"{terms} = {result}; " + (
        f"at most the whole, {total.text}" if tie == "included" else f"the whole is {total.text}"
    )
    parts = (_part(total, "whole"), *(_part(e, "part") for e in run))
    yield Check("NUM005", ok, detail, note, parts)


# ------------------------------------------------------------------ NUM004 shares of a whole given earlier

_OR_SHARE = re.compile(
    r"^\s*(?:,\s*|\(\s*|\s[–—-]\s*|\s+(?=or\s))(?:or\s+|about\s+|some\s+|roughly\s+|nearly\s+|almost\s+|around\s+|"
    r"representing\s+|equal\s+to\s+|accounting\s+for\s+)*$",
    re.IGNORECASE,
)
# "160 hectares have been badly affected, a third of the land": the share in apposition to the clause
_PREDICATE_SHARE = re.compile(
    r"^\s+(?:have|has|had|was|were|is|are|will)\s+(?:[a-z]+\s+){0,3}?[a-z]+,\s*$", re.IGNORECASE
)
# "of the money", "of all city spending", "of its outstanding stock", "of the land it manages"
_SHARE_OF = re.compile(
    r"\s+of\s+(?:the|its|their|his|her|this|that|all)\s+(?P<noun>(?:[a-z][a-z-]*\s+){0,2}[a-z][a-z-]*)\b",
    re.IGNORECASE,
)
# "questioned 2,050 adults", "a survey of 1,000 people", "polled 1,500 voters": the survey's sample
_SAMPLE_BEFORE = re.compile(
    r"\b(?:questioned|surveyed|polled|interviewed|asked|sampled|survey\s+of|poll\s+of|sample\s+of)\s+"
    r"(?:(?:a\s+total\s+of|some|about|more\s+than|nearly|almost|over)\s+)?$",
    re.IGNORECASE,
)
_SUBSET_BEFORE = re.compile(
    r"\b(?:including|included|among\s+them|of\s+whom|of\s+which|of\s+them|among)\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
_RESPONDENTS = frozenset("respondent people person adult voter customer member parent resident".split())


def share_checks(ledger: Ledger, statement_checked: set[tuple[int, int]]) -> Iterator[Check]:
    """NUM004: a part, its share and a whole named earlier: "rail gets £3 billion, or 30% of the
    money" after the £12 billion programme; "$672 million, or 25.5% of all city spending" after
    the $2.4 billion budget; "160 hectares, a third of the land it manages" after "looks after
    640 hectares of woodland" (the whole named by its referent or a synonym); and a survey's
    answers against its sample: "questioned 2,050 adults" ... "Some 1,312 respondents, or 46%,
    said" (no "of the X" needed). A figure written as a subset ("including 4,150 first-year
    students") is not the whole."""
    plain = ledger.plain
    window = WINDOWS["NUM004"]
    entries = ledger.entries
    for i, share in enumerate(entries):
        if (share.start, share.end) in statement_checked:
            continue
        if share.quantity.high is not None or not (
            (share.kind == "percent" and share.unit == "percent") or share.kind == "fraction"
        ):
            continue
        piece = None
        if (
            i > 0
            and entries[i - 1].statement == share.statement
            and (
                _OR_SHARE.match(plain[entries[i - 1].end : share.start])
                or _PREDICATE_SHARE.match(plain[entries[i - 1].end : share.start])
            )
        ):
            piece = entries[i - 1]
        if piece is None or piece.kind not in ("money", "count", "measure"):
            continue
        nxt = entries[i + 1] if i + 1 < len(entries) and entries[i + 1].statement == share.statement else None
        if nxt is not None and re.fullmatch(r"\s+of\s+(?:\w+\s+){0,4}", plain[share.end : nxt.start]):
            continue  # "P% of the £8.5bn": the whole is in the sentence, the sentence rule's business
        of = _SHARE_OF.match(plain, share.end, share.end + 60)
        candidates = [
            e
            for e in ledger.before(share, window)
            if _compatible(e, piece)
            and e.value > piece.value
            and not _SUBSET_BEFORE.search(plain, max(0, e.start - 30), e.start)
        ]
        if of is not None:
            nouns = [w.lower() for w in of["noun"].split()]
            wholes = [e for e in candidates if any(_names(ledger, e, n) for n in nouns)]
        elif _answers(ledger, piece, share):
            wholes = [e for e in candidates if _SAMPLE_BEFORE.search(plain, max(0, e.start - 30), e.start)]
        else:
            continue
        if not wholes:
            continue
        whole = wholes[0]
        if len({w.value for w in wholes}) > 1 and any(w.statement == whole.statement for w in wholes[1:]):
            continue
        checks = list(_judge_share(ledger, share, piece, whole))
        if checks and not checks[0].ok:
            if any(next(iter(_judge_share(ledger, share, piece, e)), checks[0]).ok for e in candidates):
                continue  # another whole nearby gives the stated share: "40% of the total debt"
        yield from checks


_SAID_AFTER = re.compile(
    r"[\s,)–—-]*(?:said|say|says|told|answered|agreed|backed|supported|opposed|chose|picked)\b", re.IGNORECASE
)


def _answers(ledger: Ledger, piece: Entry, share: Entry) -> bool:
    """ "Some 1,312 respondents, or 46%, said": a count of people who answered, and its share."""
    if piece.kind != "count":
        return False
    said = _SAID_AFTER.match(ledger.plain, share.end, share.end + 20)
    return bool(said) and (not piece.referent or piece.head in _RESPONDENTS)


def _names(ledger: Ledger, whole: Entry, noun: str) -> bool:
    head = noun.rstrip("s") if noun.endswith("s") and not noun.endswith("ss") else noun
    if whole.referent and head in whole.referent:
        return True
    group = ledger.group(head)
    return (
        group is not None and whole.referent != () and any(ledger.group(w) == group for w in whole.referent)
    )


def _judge_share(ledger: Ledger, share: Entry, piece: Entry, whole: Entry) -> Iterator[Check]:
    scale = 100.0 if share.kind == "percent" else 1.0
    computed = ratio(figure_interval(piece.quantity), figure_interval(whole.quantity))
    if computed is None:
        return
    computed = Interval(computed.low * scale, computed.high * scale)
    q = share.quantity
    if share.kind == "fraction":
        q = q.model_copy(update={"precision": q.value * 0.07})
    exact = piece.value / whole.value * scale
    ok = not clearly_apart(claim_interval(q), computed, q.value)
    shown = fmt_percent(exact) if scale == 100 else f"{exact:.3f} ({fmt_percent(exact * 100)})"
    detail = f"{piece.text} of {whole.text} ({_where(ledger, whole)}) is {shown}, not {share.text}"
    note = f"{piece.text} / {whole.text} = {shown}"
    yield Check(
        "NUM004",
        ok,
        detail,
        note,
        (_part(piece, "part"), _part(whole, "whole"), _part(share, "stated share")),
    )


# ------------------------------------------------------------------ NUM001 / NUM003 across sentences

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


_ANAPHOR = re.compile(
    r"\W*(?:that|this|it|which|the\s+(?:rise|increase|fall|drop|decline|growth|jump|figure|change))\b",
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
        pair = _pair_of(ledger, claim)
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


def _pair_of(ledger: Ledger, claim: Entry) -> tuple[Entry, Entry, str | None] | None:
    """The two figures a change claim is about, and why the link is weak (``None`` when strong)."""
    window = WINDOWS["NUM001/NUM003-lead" if claim.block <= 1 else "NUM001/NUM003"]
    is_multiple = claim.kind == "multiplier" or claim.unit == "times"
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
    pairs = _closest_pairs(ledger, claim, pairs)
    if len(pairs) != 1:
        return None
    old, new, linked = pairs[0]
    if _open_ended(old) or _open_ended(new):
        return None  # "more than 400": no ratio to check
    if ledger.other_subject(claim.statement, old.statement) or ledger.other_subject(
        claim.statement, new.statement
    ):
        return None  # "Carlsberg suffered a 3% fall" is not about "Heineken's net income"
    if any(
        ledger.same_sentence(e.statement, claim.statement)
        and _compatible_figures(e, old)
        and not (e.hedge and not ledger.link(e, old, elided=True))
        for e in ledger.entries
    ):
        return None  # "rose by £106m or 47.3%", "doubling the money ... cutting from £20m to £15m"
    if not _same_direction(ledger, claim, old, new, is_multiple):
        return None  # "Toyota sales jumped 11%" is not the industry's fall
    if claim.block > 1 and _states_its_own_change(ledger, claim, old, new):
        return None  # "February car sales fell 17.8 pct to 25,779 from 31,361": already stated
    named = _names_the_pair(ledger, claim, old, new, is_multiple)
    if (
        not linked
        and old.statement == new.statement
        and ledger.shared_referent(claim.statement, old.statement)
    ):
        linked = named = True  # "a 19 pct drop in earnings" ... "profit fell to 114 mln dlrs from 140 mln"
    if linked and named:
        return old, new, None
    # "fallen by 9.8%" ... "showed a decline since October from 785 to 708": two bare figures of
    # one change in the very next sentence, nothing naming what they count: worth a look only
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


def _amount_beside(ledger: Ledger, claim: Entry) -> bool:
    before = [e for e in ledger.entries[: claim.index] if e.statement == claim.statement]
    if not before or before[-1].kind not in ("count", "money", "measure"):
        return False
    return re.fullmatch(r"\s*(?:,|\(|or|,\s*or)\s*", ledger.plain[before[-1].end : claim.start]) is not None


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
        f"{_at(ledger, new)} against {_at(ledger, old)} is {exact:.2f} times, "
        f"not '{claim.text}' (×{claim.value:g})"
    )
    note = f"{new.text} / {old.text} = {exact:.2f}×"
    yield Check(
        "NUM003", ok, detail, note, (_part(old, "from"), _part(new, "to"), _part(claim, "stated multiple"))
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
        f"from {_at(ledger, old)} to {_at(ledger, new)} is {actual} of "
        f"{fmt_percent(abs(exact))}, not {claim.text}"
    )
    note = f"({new.text} − {old.text}) / {old.text} = {exact:+.1f}%"
    yield Check(
        "NUM001", ok, detail, note, (_part(old, "from"), _part(new, "to"), _part(claim, "stated change"))
    )


def ledger_checks(ledger: Ledger, statement_checked: set[tuple[int, int]]) -> list[tuple[int, Check]]:
    """Every cross-sentence check of an article, each with the index of the statement to report
    it on (the statement of the figure the check starts from: the later mention, the stated
    share, the new total)."""
    found: list[tuple[int, Check]] = []
    anchors: dict[tuple[int, int], int] = {(e.start, e.end): e.statement for e in ledger.entries}

    def anchor(check: Check, role_order: Sequence[str]) -> int:
        for role in role_order:
            for p in check.parts:
                if p.role == role and (p.start, p.end) in anchors:
                    return anchors[(p.start, p.end)]
        return max(anchors.get((p.start, p.end), 0) for p in check.parts)

    for check in conversion_checks(ledger):
        found.append((anchor(check, ("converted amount",)), check))
    for check in stated_rate_checks(ledger):
        found.append((anchor(check, ("converted amount",)), check))
    for check in restated_conversion_checks(ledger):
        found.append((anchor(check, ("restated amount",)), check))
    for check in scale_checks(ledger):
        found.append((anchor(check, ("this figure",)), check))
    for check in restatement_checks(ledger):
        found.append((anchor(check, ("this mention",)), check))
    for check in headline_checks(ledger):
        found.append((anchor(check, ("this mention",)), check))
    for check in running_total_checks(ledger):
        found.append((anchor(check, ("new total",)), check))
    for check in parts_checks(ledger):
        found.append((anchor(check, ()), check))
    for check in complete_count_checks(ledger):
        found.append((anchor(check, ()), check))
    for check in share_checks(ledger, statement_checked):
        found.append((anchor(check, ("stated share",)), check))
    for check in cross_change_checks(ledger, statement_checked):
        found.append((anchor(check, ("stated multiple", "stated change")), check))
    return found
