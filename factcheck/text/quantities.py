"""Quantities in news prose: counts, percentages, money, measures, ranges, fractions, multipliers.

Every verifier that compares numbers reads these, so the extractor favours *typed* output over
recall at any price: a year is reported as ``kind="year"``, never as a count of 1997 things; a
time ("5 p.m."), a phone number or the day in "March 18" is not a quantity at all; "World War
II" and "F-16" are names. What it does report carries the hedge the writer used (``approx``),
the rounding step the written form implies (``precision``) and the counted noun as ``unit``
("5,000 jobs" -> ``jobs``), because "about 5,000" and "exactly 5,012" do not contradict.

The scanner finds where a number *core* may start (a digit, or a number, ordinal, fraction or
multiplier word) with a cheap prefix-tree scan of the lower-cased text, tries the full core
pattern only there, then reads the few tokens to the left (hedge, currency, "between", "minus")
with string operations and a few anchored patterns to the right (scale, range, %, currency word,
unit, counted noun). Every step is bounded (number phrases are capped at 13 words), so the pass
is linear in the text: about 0.6 ms per 900-word article with the date pass supplied.

Ranges: "between 20 and 30", "20-30", "20 to 30 million" and "5% to 10%" set ``high``; "from 20
to 30" is read as a change (two quantities) unless a range verb precedes it ("ranging from").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from factcheck.model.article import DateMention, Quantity, trusted_constructor
from factcheck.text.dates import extract_dates
from factcheck.text.numbers import (
    DENOMINATORS,
    ORDINALS,
    SCALE_ABBREVIATIONS,
    TENS,
    UNITS,
    lower_aligned,
    lower_window,
    parse_digits,
    parse_number_prefix,
)
from factcheck.text.quantity_context import (
    Kind,
    NumberRead,
    counted_noun,
    is_year,
    left_context,
    name_before,
    one_blocked,
    read_number,
    unit_ok,
    year_context,
)
from factcheck.text.quantity_patterns import (
    ARTICLE_BEFORE,
    ATTACHED,
    CANDIDATE,
    CORE,
    CUR_PREFIX_RE,
    CUR_WORD,
    DIGIT_RUN,
    IN_DENOM,
    MILLION_NEXT,
    PER,
    PERCENT,
    PHONE,
    RANGE_SEP,
    SCORE,
    SLASH_AFTER,
    SLASH_RUN,
    SPACE_SCALE,
    TIME_AFTER,
    UNIT,
)
from factcheck.text.quantity_ranges import bare_range, range_sep_ok, scale_value
from factcheck.text.units import (
    CURRENCY_CODES,
    CURRENCY_PREFIXES,
    CURRENCY_WORDS,
    MEASURE_UNITS,
    MULTIPLIERS,
    PER_UNITS,
    UNIT_LOWER,
    VAGUE,
    VULGAR,
    currency_code,
)

# The lexicon lived here before it moved to ``units``; callers still import it from here.
__all__ = [
    "CURRENCY_CODES",
    "CURRENCY_PREFIXES",
    "CURRENCY_WORDS",
    "MEASURE_UNITS",
    "PER_UNITS",
    "Kind",
    "extract_quantities",
]


def extract_quantities(
    plain: str, start: int = 0, end: int | None = None, dates: Sequence[DateMention] | None = None
) -> list[Quantity]:
    """Every quantity in ``plain[start:end]``, in text order, with offsets into ``plain``.

    Numbers inside dates ("March 18, 2025", "the 1990s") are skipped; ``dates`` may pass the
    mentions :func:`~factcheck.text.dates.extract_dates` already found for this range, which
    saves a second date pass (a third of the cost).

    >>> [(q.value, q.unit) for q in extract_quantities("a loss of 3.3 million tons")]
    [(3300000.0, 'ton')]
    """
    stop = len(plain) if end is None else min(end, len(plain))
    start = max(0, min(start, stop))
    mentions = extract_dates(plain, start, stop) if dates is None else sorted(dates, key=lambda d: d.start)
    # Only this range is lower-cased (not the whole article once per statement, which made the
    # pass quadratic in the article); offsets in ``low`` are shifted by ``base``.
    low, base = lower_window(plain, start, stop)
    return _quantities_in(plain, low, base, start, stop, mentions)


def quantities_in_spans(
    plain: str,
    spans: Sequence[tuple[int, int]],
    dates: Sequence[Sequence[DateMention]],
    low: str | None = None,
) -> list[list[Quantity]]:
    """:func:`extract_quantities` for each ``(start, end)`` of ``spans`` (an article's
    statements) in one call, with ``dates[i]`` the date mentions of span ``i``
    (:func:`~factcheck.text.dates.dates_in_spans`). The text is lower-cased once (``low``, from
    :func:`~factcheck.text.numbers.lower_aligned`, may be passed in); each span's result is
    exactly what ``extract_quantities`` gives for it."""
    low = lower_aligned(plain) if low is None else low
    size = len(plain)
    found = []
    for (start, end), mentions in zip(spans, dates, strict=True):
        stop = min(end, size)
        start = max(0, min(start, stop))
        ordered = sorted(mentions, key=_start_of) if len(mentions) > 1 else list(mentions)
        found.append(_quantities_in(plain, low, 0, start, stop, ordered))
    return found


def _start_of(mention: DateMention) -> int:
    return mention.start


def _quantities_in(
    plain: str, low: str, base: int, start: int, stop: int, mentions: Sequence[DateMention]
) -> list[Quantity]:
    blocked = [
        (d.start, d.end)
        for d in mentions
        if d.kind in ("absolute", "month", "decade") or (d.kind == "relative" and d.month is not None)
    ]
    found: list[Quantity] = []
    pos = start
    block_index = 0
    search = CANDIDATE.search
    while pos < stop:
        # A cheap scan of the lower-cased text finds where a core *may* start; the full core
        # pattern is then tried only there (scanning with it directly is ten times slower).
        candidate = search(low, pos - base, stop - base)
        if candidate is None:
            break
        at = candidate.start() + base
        match = None
        if not low[at - base].isdigit():
            article = ARTICLE_BEFORE.search(low, max(start, at - 9) - base, at - base)
            if article is not None:  # "a dozen", "half a million"
                match = CORE.match(plain, article.start() + base, stop)
                if match is not None and match.lastgroup == "words":
                    direct = CORE.match(plain, at, stop)
                    if direct is not None and direct.lastgroup == "mult":
                        match = direct  # "a ten-fold rise": the multiplier, not "a ten"
        if match is None:
            match = CORE.match(plain, at, stop)
        if match is None:
            skip = DIGIT_RUN.match(plain, at, stop)
            pos = skip.end() if skip else candidate.end() + base
            continue
        s = match.start()
        while block_index < len(blocked) and blocked[block_index][1] <= s:
            block_index += 1
        if block_index < len(blocked) and blocked[block_index][0] <= s:
            pos = max(match.end(), blocked[block_index][1])
            continue
        quantity, pos = _quantity_at(plain, match, start, stop)
        pos = max(pos, s + 1)
        if quantity is not None and (not found or quantity.start >= found[-1].end):
            found.append(quantity)  # (a hedge or currency read leftwards never overlaps the last one)
    if len(found) > 1 or (found and found[0].unit == "m"):
        _millions_in_context(plain, found, stop)
    return found


# "77m euros, up from 38m": a glued "m" (or "bn") after a sum in millions, joined to it by "from",
# "against", "compared with"..., is the same currency's millions, not metres.
_SUM_TO_BARE = re.compile(
    # "77m euros, up from", "328.5 mln dlrs worth of goods in May, up from"
    r"(?:[\s,;]*|[^,;()\d]{1,35},\s*(?=up|down|compared|against|rising|falling))"
    r"(?:(?:up|down|rising|falling|rose|fell|increased|decreased|compared|against)\s+)?"
    r"(?:from|to|against|with|versus|vs\.?|compared\s+(?:with|to))\s+"
    r"(?:(?:about|around|nearly|almost|just|over|under|some|roughly|a|an|the|more\s+than|less\s+than)\s+)*",
    re.IGNORECASE,
)
_GLUED_MILLIONS = re.compile(
    r"\d[\d,]*(?:\.\d+)?(?:m|bn|mn|b|\s(?:mln|bln|million|billion|mn|bn))", re.IGNORECASE
)
_SCALED = re.compile(r"(?:\d(?:m|bn|mn|b)|\b(?:million|billion|mln|bln|bn|mn))\b", re.IGNORECASE)
# "the 220m (£190m) project": a glued "m" right before a sum converted into a currency is millions.
_CONVERTED_AFTER = re.compile(
    r"\s*\(\s*(?:about\s+|around\s+|some\s+|roughly\s+)?(?:[£$€¥]|[A-Z]{1,3}\$)\s?"
    r"\d[\d,]*(?:\.\d+)?\s?(?:m|bn|million|billion)\b"
)


def _joined_sum(plain: str, prev: Quantity, q: Quantity) -> bool:
    """``prev`` is a sum in millions that ``q`` is set against: "77m euros (£53m; $100m), up from
    38m" (the conversions in brackets are passed over)."""
    if prev.kind != "money" or not prev.unit or "/" in prev.unit or prev.high is not None:
        return False
    if q.start - prev.end > 80 or not _SCALED.search(prev.text):
        return False
    gap = re.sub(r"\s*\([^()]*\)", "", plain[prev.end : q.start])
    return len(gap) <= 40 and _SUM_TO_BARE.fullmatch(gap) is not None


def _millions_in_context(plain: str, found: list[Quantity], stop: int) -> None:
    """Re-read a glued "38m" or "4bn" the first pass could not place: after a sum in millions of a
    currency, joined to it ("77m euros, up from 38m"), it is that currency's millions; right
    before a converted sum ("220m (£190m)") it is millions of some currency not written."""
    for i, q in enumerate(found):
        bare_metres = q.kind == "measure" and q.unit == "m"
        bare_scaled = q.kind == "count" and q.unit is None and q.value >= 1e6
        if not (bare_metres or bare_scaled) or q.approx or q.high is not None:
            continue
        if not _GLUED_MILLIONS.fullmatch(q.text):
            continue
        scale = 1e6 if bare_metres else 1.0
        prev = next((p for p in reversed(found[max(0, i - 4) : i]) if _joined_sum(plain, p, q)), None)
        if prev is not None:
            found[i] = _quantity(
                start=q.start, end=q.end, text=q.text, value=_tidy(q.value * scale), unit=prev.unit,
                kind="money", precision=_tidy(q.precision * scale),
            )  # fmt: skip
        elif bare_metres and _CONVERTED_AFTER.match(plain, q.end, stop):
            found[i] = _quantity(
                start=q.start, end=q.end, text=q.text, value=_tidy(q.value * scale), kind="count",
                precision=_tidy(q.precision * scale),
            )  # fmt: skip


# The extractor's own output is trusted: built without pydantic re-validation (it cost a fifth of
# the extractor). Every value is already of its field's type (floats are floats: a JSON report
# must not turn 3.0 into 3); tests/test_quantities.py checks these equal validated quantities.
_quantity = trusted_constructor(Quantity)


def _quantity_at(
    plain: str, match: re.Match[str], lo: int, stop: int, in_range: bool = False
) -> tuple[Quantity | None, int]:
    """Build the quantity whose core is ``match``; return it and where scanning resumes."""
    group = match.lastgroup
    s, e = match.span()
    if group == "slashfrac":
        den, numerator = int(match["fd"]), int(match["fn"])
        if den < 2 or numerator < 1 or numerator >= den or SLASH_AFTER.match(plain, e):
            return None, e
        value = numerator / den + (int(match["whole"]) if match["whole"] else 0)
        kind: Kind = "fraction" if not match["whole"] else "count"
        return _finish(plain, lo, stop, NumberRead(s, e, value, 1 / den, False), kind, in_range)
    if group == "vulgar":
        num = NumberRead(s, e, VULGAR[match.group()], 0.01, False)
        return _finish(plain, lo, stop, num, "fraction", in_range)
    if group == "mult":
        word = match.group().lower()
        factor = next((v for k, v in MULTIPLIERS.items() if word.startswith(k)), None)
        if factor is None:  # "threefold", "ten-fold"
            parsed = parse_number_prefix([word.removesuffix("fold").rstrip("-")])
            if parsed is None:
                return None, e
            factor = parsed[0]
        return _quantity(start=s, end=e, text=plain[s:e], value=factor, kind="multiplier", spelled=True), e
    if group == "vague":
        words = match.group().lower().split()
        value = float(VAGUE[words[-1]] * (10 if words[0] == "tens" else 1))
        q = _quantity(start=s, end=e, text=plain[s:e], value=value, high=value * 10, kind="count",
                     approx=match.group().lower(), precision=value, spelled=True)  # fmt: skip
        return q, e
    if group == "half":
        return _finish(plain, lo, stop, NumberRead(s, e, 0.5, 0.5, True), "fraction", in_range)
    if group == "wfrac":
        words = re.findall(r"[a-z]+", match.group().lower())
        top = 1.0 if words[0] in ("a", "an") else float(UNITS.get(words[0], TENS.get(words[0], 0)))
        if not top:
            return None, e
        plural = words[-1].endswith("s")
        if (top > 1) != plural:
            return None, e  # "one thirds", "two third": not a fraction as written
        value = top / DENOMINATORS[words[-1]]
        num = NumberRead(s, e, value, 1 / DENOMINATORS[words[-1]], True)
        return _finish(plain, lo, stop, num, "fraction", in_range)
    if group == "ordw":
        words = re.findall(r"[a-z]+", match.group().lower())
        value = float(sum(TENS.get(w, 0) for w in words[:-1]) + ORDINALS[words[-1]])
        return _quantity(start=s, end=e, text=plain[s:e], value=value, kind="ordinal", spelled=True), e
    name_like = False
    if group == "digits":
        name = name_before(plain, lo, s)
        if name == "hard":
            return None, e  # "F-16", "COVID-19", "No. 10": names, not amounts
        name_like = name == "soft"  # "iPhone 11", "S&P 500": dropped below unless a unit follows
        time = TIME_AFTER.match(plain, e, stop)
        if time:
            return None, time.end()  # "5 p.m.", "10:30 GMT", "10.45pm"
        phone = PHONE.match(plain, s, stop)
        if phone:
            return None, phone.end()
        if SLASH_AFTER.match(plain, e):
            skip = SLASH_RUN.match(plain, e, stop)
            return None, skip.end() if skip else e
        score = SCORE.match(plain, e, stop)
        if score and match.group().isdigit() and int(score.group(1)) <= int(match.group()) < 200:
            return None, score.end()  # "won 2-1", "tied at 89-89": scores, not ranges
    read = read_number(plain, match, stop)
    if read is None:
        return None, e
    num = read
    if num.spelled and one_blocked(plain, num, lo):
        return None, num.end
    quantity, end = _finish(plain, lo, stop, num, "count", in_range)
    if (
        name_like and quantity is not None and quantity.kind == "count" and quantity.unit is None
        and quantity.high is None and quantity.approx is None and num.integer_text
    ):  # fmt: skip
        return None, end
    return quantity, end


def _finish(
    plain: str, lo: int, stop: int, num: NumberRead, kind: Kind,
    in_range: bool = False, read_left: bool = True,
) -> tuple[Quantity | None, int]:  # fmt: skip
    """Read the context around a number and type it: the heart of the extractor.

    ``in_range``: this number is the upper end of a range being read, so no further range is
    looked for (which also bounds the work per number); ``read_left``: look for a hedge or
    currency before it.
    """
    start, approx, currency, pre = (
        left_context(plain, lo, num) if read_left else (num.start, None, None, None)
    )
    pos = num.end
    value, precision = num.value, num.precision
    unit: str | None = currency
    if currency:
        kind = "money"

    # Letters written straight after digits: "5bn", "10km", "21st", "50p", "35m of", "1990s".
    if not num.spelled and kind in ("count", "money") and pos < stop and plain[pos].isalpha():
        attached = ATTACHED.match(plain, pos, stop)
        suffix = attached.group() if attached else ""
        low = suffix.lower()
        if low in ("st", "nd", "rd", "th") and precision == 1:
            end = pos + 2
            return _quantity(
                start=num.start, end=end, text=plain[num.start : end], value=value, kind="ordinal"
            ), end
        if low in SCALE_ABBREVIATIONS and (
            currency or low not in ("m", "t") or MILLION_NEXT.match(plain, pos + 1, stop)
        ):
            scale = float(SCALE_ABBREVIATIONS[low])
            value, precision, pos = value * scale, precision * scale, pos + len(suffix)
            num.scaled = True
        elif low in ("pc", "pct", "percent"):
            pass
        elif suffix.rstrip("'\"”″′") and not (
            suffix in MEASURE_UNITS
            or (low in UNIT_LOWER and len(low) > 1 and not suffix.isupper())
            or currency_code(suffix)
        ):
            return None, pos + len(suffix)  # "5G", "3D", "A4": product names, not amounts

    # A spelled-out scale after digits: "3.3 million", "1.5 bln", "4 hundred million".
    if not num.scaled and not num.spelled:
        scale_match = SPACE_SCALE.match(plain, pos, stop)
        if scale_match:
            scale = scale_value(scale_match)
            value, precision, pos = value * scale, precision * scale, scale_match.end()
            num.scaled = True

    # Ranges between bare numbers: "between 20 and 30", "20-30", "20 to 30 million", "$5bn-$7bn".
    high: float | None = None
    if not in_range and kind in ("count", "money"):
        ranged = bare_range(plain, pos, stop, num, value, precision, currency, pre, kind)
        if ranged is not None:
            if ranged[0] == "year":
                return _quantity(start=start, end=ranged[4], text=plain[start : ranged[4]], value=ranged[1],
                                high=ranged[2], kind="year"), ranged[4]  # fmt: skip
            _, value, high, precision, pos = ranged

    # What the number measures.
    percent = PERCENT.match(plain, pos, stop) if kind == "count" else None
    if percent:
        word = (percent.group(1) or "%").lower()
        if "percentage" in word or (word.startswith("pct") and "point" in word):
            unit, kind = "percentage_point", "percent"
        elif word.startswith(("basis", "bp")):
            unit, kind = "basis_point", "percent"
        elif word.startswith(("point", "pt")):
            unit = "point"
        else:
            unit, kind = "percent", "percent"
        pos = percent.end()
    if kind in ("count", "money") and unit != "point":
        cur_word = CUR_WORD.match(plain, pos, stop)
        if cur_word:
            code = (
                CURRENCY_PREFIXES[cur_word["sym"]]
                if cur_word["sym"]
                else currency_code(cur_word["word"], cur_word["adj"])
            )
            if code and (currency is None or code in ("cent", "pence", "sen")):
                unit, kind, pos = code, "money", cur_word.end()
    if kind == "money":
        per = PER.match(plain, pos, stop)
        if per:
            unit, pos = f"{unit}/{PER_UNITS[per['per'].lower()]}", per.end()
    elif kind in ("count", "fraction") and unit is None:
        unit_match = UNIT.match(plain, pos, stop)
        if unit_match and unit_ok(num, unit_match):
            canonical = MEASURE_UNITS.get(unit_match["unit"]) or UNIT_LOWER[unit_match["unit"].lower()]
            if unit_match["old"] and canonical in ("year", "month", "week", "day"):
                canonical += "-old"  # "15-year-old", "18 month-old"
            unit, kind, pos = canonical, "measure", unit_match.end()
            per = PER.match(plain, pos, stop)
            if per:
                unit, pos = f"{unit}/{PER_UNITS[per['per'].lower()]}", per.end()
    if kind == "count" and unit is None:
        frac = IN_DENOM.match(plain, pos, stop)
        if frac:
            den_text = frac["den"].lower()
            parsed = parse_number_prefix([den_text])
            den_value = parse_digits(den_text) if den_text[0].isdigit() else (parsed[0] if parsed else None)
            if den_value and value < den_value and not 1500 <= den_value <= 2100:
                value, precision, kind, pos = value / den_value, 1 / den_value, "fraction", frac.end()
        if kind == "count" and not in_range:
            pos, unit, kind = counted_noun(plain, pos, stop, value, kind)
    if high is None and approx is None and is_year(num, kind):
        # "in 1997 sales fell", "1986 net excludes": a noun after an adjective or after "in" is
        # not what a year-like number counts; "2000 people" still is a count.
        if unit is None or year_context(plain, lo, start) or len(plain[num.end : pos].split()) > 1:
            kind, unit, pos = "year", None, num.end  # "in 1997 sales fell": the noun is not counted

    # Ranges written with the unit on both ends: "5% to 10%", "between $1m and $2m", "44 mg to 50 mg".
    if not in_range and high is None and kind in ("percent", "money", "measure"):
        other = _unit_range(plain, pos, stop, lo, pre)
        if other is not None and other.unit == unit and other.value > value:
            high, pos = other.value, other.end
            precision = min(precision, other.precision)
    value, high, precision = _tidy(value), None if high is None else _tidy(high), _tidy(precision)
    q = _quantity(start=start, end=pos, text=plain[start:pos], value=value, high=high, unit=unit,
                 kind=kind, approx=approx, precision=precision, spelled=num.spelled)  # fmt: skip
    return q, pos


def _tidy(value: float) -> float:
    """Drop binary noise from scaling: 133.3 * 1e6 is 133300000.00000001 in floating point."""
    return float(f"{value:.12g}")


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
        quantity, _ = _finish(plain, second_start, stop, num, "count", in_range=True)
        return quantity if quantity is not None and quantity.high is None else None
    quantity, _ = _finish(plain, lo, stop, num, "count", in_range=True, read_left=False)
    return quantity
