"""Typing one number by the words around it: the heart of the quantity extractor.

The scanner (:mod:`factcheck.text.quantities`) finds a number's core and reads it; this module
reads what the writer put around it and decides what the number is: a hedge or currency on the
left (:func:`~factcheck.text.quantity_context.left_context`), then on the right a glued suffix
("5bn", "21st", "5G"), a spelled scale ("3.3 million"), a range ("20-30"), a percent sign, a
currency word, a unit or the counted noun, and whether a year-like number is a year after all.
Each step is a function of its own that reads the :class:`_Reading` so far and moves it on, so
the order of the steps (which is what decides "35m of" against "35m euros") reads top to bottom
in :func:`read_quantity`.
"""

from __future__ import annotations

from dataclasses import dataclass

from factcheck.model.article import Quantity, trusted_constructor
from factcheck.text.numbers import SCALE_ABBREVIATIONS, parse_digits, parse_number_prefix
from factcheck.text.quantity_context import (
    Kind,
    NumberRead,
    counted_noun,
    is_year,
    left_context,
    read_number,
    unit_ok,
    year_context,
)
from factcheck.text.quantity_patterns import (
    ATTACHED,
    CORE,
    CUR_PREFIX_RE,
    CUR_WORD,
    IN_DENOM,
    MILLION_NEXT,
    PER,
    PERCENT,
    RANGE_SEP,
    SPACE_SCALE,
    UNIT,
)
from factcheck.text.quantity_ranges import bare_range, range_sep_ok, scale_value
from factcheck.text.units import (
    CURRENCY_PREFIXES,
    MEASURE_UNITS,
    PER_UNITS,
    UNIT_LOWER,
    currency_code,
)

# The extractor's own output is trusted: built without pydantic re-validation (it cost a fifth of
# the extractor). Every value is already of its field's type (floats are floats: a JSON report
# must not turn 3.0 into 3); tests/test_quantities.py checks these equal validated quantities.
new_quantity = trusted_constructor(Quantity)


def tidy(value: float) -> float:
    """Drop binary noise from scaling: 133.3 * 1e6 is 133300000.00000001 in floating point."""
    return float(f"{value:.12g}")


@dataclass
class _Reading:
    """A number being typed: what its context has said so far, and where reading goes on."""

    start: int  #: where the quantity's text starts (a hedge or currency read leftwards included)
    pos: int  #: where the reading has got to
    value: float
    precision: float
    kind: Kind
    unit: str | None
    approx: str | None
    pre: str | None  #: the word before that bears on ranges ("between", a change verb...)
    currency: str | None  #: the currency written before the number
    high: float | None = None


def read_quantity(
    plain: str, lo: int, stop: int, num: NumberRead, kind: Kind,
    in_range: bool = False, read_left: bool = True,
) -> tuple[Quantity | None, int]:  # fmt: skip
    """Read the context around a number and type it; return the quantity (``None`` when the
    number is no amount: "5G", "A4") and where scanning resumes.

    ``in_range``: this number is the upper end of a range being read, so no further range is
    looked for (which also bounds the work per number); ``read_left``: look for a hedge or
    currency before it.
    """
    start, approx, currency, pre = (
        left_context(plain, lo, num) if read_left else (num.start, None, None, None)
    )
    r = _Reading(
        start=start, pos=num.end, value=num.value, precision=num.precision,
        kind="money" if currency else kind, unit=currency, approx=approx, pre=pre, currency=currency,
    )  # fmt: skip
    # Letters written straight after digits: "5bn", "10km", "21st", "50p", "35m of", "1990s".
    if not num.spelled and r.kind in ("count", "money") and r.pos < stop and plain[r.pos].isalpha():
        glued = _glued_suffix(plain, stop, num, r)
        if glued is not None:
            return glued
    if not num.scaled and not num.spelled:
        _spelled_scale(plain, stop, num, r)
    # Ranges between bare numbers: "between 20 and 30", "20-30", "20 to 30 million", "$5bn-$7bn".
    if not in_range and r.kind in ("count", "money"):
        year_range = _bare_range(plain, stop, num, r)
        if year_range is not None:
            return year_range
    # What the number measures.
    _percent(plain, stop, r)
    _currency_word(plain, stop, r)
    _unit(plain, stop, num, r)
    if r.kind == "count" and r.unit is None:
        _counted(plain, stop, r, in_range)
    if r.high is None and r.approx is None and is_year(num, r.kind):
        _year_after_all(plain, lo, num, r)
    # Ranges written with the unit on both ends: "5% to 10%", "between $1m and $2m", "44 mg to 50 mg".
    if not in_range and r.high is None and r.kind in ("percent", "money", "measure"):
        _unit_range_high(plain, lo, stop, r)
    value, high, precision = tidy(r.value), None if r.high is None else tidy(r.high), tidy(r.precision)
    q = new_quantity(start=r.start, end=r.pos, text=plain[r.start : r.pos], value=value, high=high,
                     unit=r.unit, kind=r.kind, approx=r.approx, precision=precision,
                     spelled=num.spelled)  # fmt: skip
    return q, r.pos


def _glued_suffix(plain: str, stop: int, num: NumberRead, r: _Reading) -> tuple[Quantity | None, int] | None:
    """Letters glued to the digits: an ordinal ("21st") or no amount at all ("5G", "3D", "A4")
    end the reading (returned); a scale ("5bn", "35m" before "of" or with a currency) scales it."""
    attached = ATTACHED.match(plain, r.pos, stop)
    suffix = attached.group() if attached else ""
    low = suffix.lower()
    if low in ("st", "nd", "rd", "th") and r.precision == 1:
        end = r.pos + 2
        return new_quantity(
            start=num.start, end=end, text=plain[num.start : end], value=r.value, kind="ordinal"
        ), end
    if low in SCALE_ABBREVIATIONS and (
        r.currency or low not in ("m", "t") or MILLION_NEXT.match(plain, r.pos + 1, stop)
    ):
        scale = float(SCALE_ABBREVIATIONS[low])
        r.value, r.precision, r.pos = r.value * scale, r.precision * scale, r.pos + len(suffix)
        num.scaled = True
    elif low in ("pc", "pct", "percent"):
        pass
    elif suffix.rstrip("'\"”″′") and not (
        suffix in MEASURE_UNITS
        or (low in UNIT_LOWER and len(low) > 1 and not suffix.isupper())
        or currency_code(suffix)
    ):
        return None, r.pos + len(suffix)  # "5G", "3D", "A4": product names, not amounts
    return None


def _spelled_scale(plain: str, stop: int, num: NumberRead, r: _Reading) -> None:
    """A spelled-out scale after digits: "3.3 million", "1.5 bln", "4 hundred million"."""
    scale_match = SPACE_SCALE.match(plain, r.pos, stop)
    if scale_match:
        scale = scale_value(scale_match)
        r.value, r.precision, r.pos = r.value * scale, r.precision * scale, scale_match.end()
        num.scaled = True


def _bare_range(plain: str, stop: int, num: NumberRead, r: _Reading) -> tuple[Quantity | None, int] | None:
    """A range between bare numbers sets ``high``; a range of years ("1997-98") is a year, and
    ends the reading (returned)."""
    ranged = bare_range(plain, r.pos, stop, num, r.value, r.precision, r.currency, r.pre, r.kind)
    if ranged is None:
        return None
    if ranged[0] == "year":
        return new_quantity(start=r.start, end=ranged[4], text=plain[r.start : ranged[4]], value=ranged[1],
                            high=ranged[2], kind="year"), ranged[4]  # fmt: skip
    _, r.value, r.high, r.precision, r.pos = ranged
    return None


def _percent(plain: str, stop: int, r: _Reading) -> None:
    """A count followed by "%", "per cent", "percentage points", "basis points" or "points"."""
    percent = PERCENT.match(plain, r.pos, stop) if r.kind == "count" else None
    if not percent:
        return
    word = (percent.group(1) or "%").lower()
    if "percentage" in word or (word.startswith("pct") and "point" in word):
        r.unit, r.kind = "percentage_point", "percent"
    elif word.startswith(("basis", "bp")):
        r.unit, r.kind = "basis_point", "percent"
    elif word.startswith(("point", "pt")):
        r.unit = "point"
    else:
        r.unit, r.kind = "percent", "percent"
    r.pos = percent.end()


def _currency_word(plain: str, stop: int, r: _Reading) -> None:
    """A currency written after the number: "5 million dollars", "20 euros", "50 pence"."""
    if r.kind not in ("count", "money") or r.unit == "point":
        return
    cur_word = CUR_WORD.match(plain, r.pos, stop)
    if cur_word:
        code = (
            CURRENCY_PREFIXES[cur_word["sym"]]
            if cur_word["sym"]
            else currency_code(cur_word["word"], cur_word["adj"])
        )
        if code and (r.currency is None or code in ("cent", "pence", "sen")):
            r.unit, r.kind, r.pos = code, "money", cur_word.end()


def _unit(plain: str, stop: int, num: NumberRead, r: _Reading) -> None:
    """A sum per something ("$5 a barrel"), or the unit of a measure ("10 km", "15-year-old",
    "3 tonnes per hectare")."""
    if r.kind == "money":
        per = PER.match(plain, r.pos, stop)
        if per:
            r.unit, r.pos = f"{r.unit}/{PER_UNITS[per['per'].lower()]}", per.end()
    elif r.kind in ("count", "fraction") and r.unit is None:
        unit_match = UNIT.match(plain, r.pos, stop)
        if unit_match and unit_ok(num, unit_match):
            canonical = MEASURE_UNITS.get(unit_match["unit"]) or UNIT_LOWER[unit_match["unit"].lower()]
            if unit_match["old"] and canonical in ("year", "month", "week", "day"):
                canonical += "-old"  # "15-year-old", "18 month-old"
            r.unit, r.kind, r.pos = canonical, "measure", unit_match.end()
            per = PER.match(plain, r.pos, stop)
            if per:
                r.unit, r.pos = f"{r.unit}/{PER_UNITS[per['per'].lower()]}", per.end()


def _counted(plain: str, stop: int, r: _Reading, in_range: bool) -> None:
    """A count with no unit yet: a fraction written "3 in 10", else the noun it counts."""
    frac = IN_DENOM.match(plain, r.pos, stop)
    if frac:
        den_text = frac["den"].lower()
        parsed = parse_number_prefix([den_text])
        den_value = parse_digits(den_text) if den_text[0].isdigit() else (parsed[0] if parsed else None)
        if den_value and r.value < den_value and not 1500 <= den_value <= 2100:
            r.value, r.precision, r.kind, r.pos = r.value / den_value, 1 / den_value, "fraction", frac.end()
    if r.kind == "count" and not in_range:
        r.pos, r.unit, r.kind = counted_noun(plain, r.pos, stop, r.value, r.kind)


def _year_after_all(plain: str, lo: int, num: NumberRead, r: _Reading) -> None:
    """ "in 1997 sales fell", "1986 net excludes": a noun after an adjective or after "in" is
    not what a year-like number counts; "2000 people" still is a count."""
    if r.unit is None or year_context(plain, lo, r.start) or len(plain[num.end : r.pos].split()) > 1:
        r.kind, r.unit, r.pos = "year", None, num.end  # "in 1997 sales fell": the noun is not counted


def _unit_range_high(plain: str, lo: int, stop: int, r: _Reading) -> None:
    """The upper end of a range written with the unit on both ends, when it is the same unit and
    larger."""
    other = _unit_range(plain, r.pos, stop, lo, r.pre)
    if other is not None and other.unit == r.unit and other.value > r.value:
        r.high, r.pos = other.value, other.end
        r.precision = min(r.precision, other.precision)


def _unit_range(plain: str, pos: int, stop: int, lo: int, pre: str | None) -> Quantity | None:
    range_match = RANGE_SEP.match(plain, pos, stop)
    sep = (range_match.group(1) or "-").lower() if range_match else ""
    if range_match is None or not range_sep_ok(sep, pre) or (pre == "change" and sep == "to"):
        return None  # (a bare range after a change verb stays one: "rose 3 to 4 pct")
    second_start = range_match.end()
    cur = CUR_PREFIX_RE.match(plain, second_start, stop)
    core = CORE.match(plain, cur.end() if cur else second_start, stop)
    if core is None or core.lastgroup not in ("digits", "words"):
        return None
    num = read_number(plain, core, stop)
    if num is None:
        return None
    if cur:  # the currency belongs to the second number: read it as its own left context
        quantity, _ = read_quantity(plain, second_start, stop, num, "count", in_range=True)
        return quantity if quantity is not None and quantity.high is None else None
    quantity, _ = read_quantity(plain, lo, stop, num, "count", in_range=True, read_left=False)
    return quantity
