"""Ranges written before any unit: "between 20 and 30", "20-30", "20 to 30 million", "$5bn-$7bn".

Kept apart from the scanner because a range is where most misreadings come from: "from 20 to 30"
is a change, not a range, unless a range verb precedes it ("ranging from"); "won 2-1" is a score;
"1997-98" is a span of years; "rose 3.5p to 120p" reports a change and a level. The rules for
which separator opens a range live in :func:`range_sep_ok`, shared with the unit-bearing ranges
the extractor reads itself ("5% to 10%").
"""

from __future__ import annotations

import re

from factcheck.text.numbers import SCALE_ABBREVIATIONS
from factcheck.text.quantity_context import Kind, NumberRead, is_year, read_number
from factcheck.text.quantity_patterns import ATTACHED, CORE, CUR_PREFIX_RE, RANGE_SEP, SPACE_SCALE, TIME_AFTER

_YEAR_END = re.compile(r"\d{2}|\d{4}")


def scale_value(match: re.Match[str]) -> float:
    """The multiplier a ``SPACE_SCALE`` match stands for ("hundred million" -> 1e8)."""
    if match["only_hundred"]:
        return 100.0
    return float(SCALE_ABBREVIATIONS[match.group(2).lower()] * (100 if match["hundred"] else 1))


def range_sep_ok(sep: str, pre: str | None) -> bool:
    """ "between X and Y" and "X to Y" are ranges; "from X to Y" is a change, unless "ranging from"."""
    return (sep == "and" and pre == "between") or (sep in ("to", "-") and pre != "from") or sep == "or"


def _scaled_upper_end(
    plain: str, stop: int, second: NumberRead, currency: str | None
) -> tuple[float, float, float, int]:
    """The upper end's value and precision with its scale ("5bn", "30 million", "five thousand"),
    the scale, and where it ends: the scale written after the upper end is the one both ends
    share."""
    v2, p2, end2 = second.value, second.precision, second.end
    scale2 = 1.0
    att2 = ATTACHED.match(plain, end2, stop)
    space2 = SPACE_SCALE.match(plain, end2, stop)
    if att2 and att2.group().lower() in SCALE_ABBREVIATIONS and (currency or att2.group() not in ("m", "t")):
        scale2, end2 = float(SCALE_ABBREVIATIONS[att2.group().lower()]), att2.end()
    elif space2 and not second.spelled:
        scale2, end2 = scale_value(space2), space2.end()
    elif second.spelled:  # "four to five thousand": the scale inside the second number
        last = plain[second.start : second.end].lower().split()[-1].split("-")[-1]
        scale2 = float(SCALE_ABBREVIATIONS.get(last, 1)) if v2 > 1000 else 1.0
        v2, p2 = v2 / scale2, p2 / scale2
    return v2 * scale2, p2 * scale2, scale2, end2


def bare_range(
    plain: str, pos: int, stop: int, num: NumberRead, value: float, precision: float,
    currency: str | None, pre: str | None, kind: Kind,
) -> tuple[str, float, float, float, int] | None:  # fmt: skip
    """The upper end of a range written before any unit, and the scale both ends share."""
    range_match = RANGE_SEP.match(plain, pos, stop)
    if range_match is None:
        return None
    sep = (range_match.group(1) or "-").lower()
    if not range_sep_ok(sep, pre):
        return None
    second_start = range_match.end()
    cur2 = CUR_PREFIX_RE.match(plain, second_start, stop) if currency else None
    if cur2:
        second_start = cur2.end()
    core2 = CORE.match(plain, second_start, stop)
    if (
        core2 is None
        or core2.lastgroup not in ("digits", "words")
        or (core2.lastgroup == "words") != num.spelled
    ):
        return None
    second = read_number(plain, core2, stop)
    if second is None or TIME_AFTER.match(plain, second.end, stop):
        return None
    v2, p2, scale2, end2 = _scaled_upper_end(plain, stop, second, currency)
    if not num.scaled and scale2 > 1 and value < v2 / scale2:
        value, precision = value * scale2, precision * scale2
    if is_year(num, kind) and _YEAR_END.fullmatch(plain[second.start : second.end]) and scale2 == 1:
        v2 = v2 if v2 >= 1000 else (value // 100) * 100 + v2
        return ("year", value, v2, 1.0, second.end) if v2 > value else None
    if sep == "-" and v2 <= value:
        return None
    if v2 <= value:
        return None
    return "range", value, v2, min(precision, p2), end2
