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
from collections.abc import Callable, Sequence

from factcheck.model.article import DateMention, Quantity
from factcheck.text.dates import extract_dates
from factcheck.text.numbers import (
    DENOMINATORS,
    ORDINALS,
    TENS,
    UNITS,
    lower_aligned,
    lower_window,
    parse_number_prefix,
)
from factcheck.text.quantity_context import (
    Kind,
    NumberRead,
    name_before,
    one_blocked,
    read_number,
)
from factcheck.text.quantity_patterns import (
    ARTICLE_BEFORE,
    CANDIDATE,
    CORE,
    DIGIT_RUN,
    PHONE,
    SCORE,
    SLASH_AFTER,
    SLASH_RUN,
    TIME_AFTER,
)
from factcheck.text.quantity_reader import new_quantity, read_quantity, tidy
from factcheck.text.units import (
    CURRENCY_CODES,
    CURRENCY_PREFIXES,
    CURRENCY_WORDS,
    MEASURE_UNITS,
    MULTIPLIERS,
    PER_UNITS,
    VAGUE,
    VULGAR,
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
        match = _core_at(plain, low, base, start, stop, at)
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


def _core_at(plain: str, low: str, base: int, start: int, stop: int, at: int) -> re.Match[str] | None:
    """The number core starting at ``at``, or at the article before a number word ("a dozen",
    "half a million"); a multiplier at ``at`` wins over "a" read as one ("a ten-fold rise")."""
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
    return match


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
            found[i] = new_quantity(
                start=q.start, end=q.end, text=q.text, value=tidy(q.value * scale), unit=prev.unit,
                kind="money", precision=tidy(q.precision * scale),
            )  # fmt: skip
        elif bare_metres and _CONVERTED_AFTER.match(plain, q.end, stop):
            found[i] = new_quantity(
                start=q.start, end=q.end, text=q.text, value=tidy(q.value * scale), kind="count",
                precision=tidy(q.precision * scale),
            )  # fmt: skip


def _quantity_at(
    plain: str, match: re.Match[str], lo: int, stop: int, in_range: bool = False
) -> tuple[Quantity | None, int]:
    """Build the quantity whose core is ``match``; return it and where scanning resumes."""
    group = match.lastgroup
    e = match.end()
    word_core = _WORD_CORES.get(group or "")
    if word_core is not None:
        return word_core(plain, match, lo, stop, in_range)
    name_like = False
    if group == "digits":
        name = name_before(plain, lo, match.start())
        if name == "hard":
            return None, e  # "F-16", "COVID-19", "No. 10": names, not amounts
        name_like = name == "soft"  # "iPhone 11", "S&P 500": dropped below unless a unit follows
        resume = _no_amount_end(plain, match, stop)
        if resume is not None:
            return None, resume
    read = read_number(plain, match, stop)
    if read is None:
        return None, e
    num = read
    if num.spelled and one_blocked(plain, num, lo):
        return None, num.end
    quantity, end = read_quantity(plain, lo, stop, num, "count", in_range)
    if (
        name_like and quantity is not None and quantity.kind == "count" and quantity.unit is None
        and quantity.high is None and quantity.approx is None and num.integer_text
    ):  # fmt: skip
        return None, end
    return quantity, end


def _no_amount_end(plain: str, match: re.Match[str], stop: int) -> int | None:
    """Where scanning resumes when digits are no amount: a time ("5 p.m.", "10:30 GMT"), a phone
    number, a date or code with slashes, a score ("won 2-1"); ``None`` when they may be one."""
    s, e = match.span()
    time = TIME_AFTER.match(plain, e, stop)
    if time:
        return time.end()  # "5 p.m.", "10:30 GMT", "10.45pm"
    phone = PHONE.match(plain, s, stop)
    if phone:
        return phone.end()
    if SLASH_AFTER.match(plain, e):
        skip = SLASH_RUN.match(plain, e, stop)
        return skip.end() if skip else e
    score = SCORE.match(plain, e, stop)
    if score and match.group().isdigit() and int(score.group(1)) <= int(match.group()) < 200:
        return score.end()  # "won 2-1", "tied at 89-89": scores, not ranges
    return None


# The cores that are not plain numbers, each read by its own function (below): fractions written
# "3/4", "¾", "half", "two thirds"; multipliers ("threefold"); vague counts ("tens of
# thousands"); ordinal words ("twenty-first").
def _slash_fraction(
    plain: str, match: re.Match[str], lo: int, stop: int, in_range: bool
) -> tuple[Quantity | None, int]:
    """ "3/4", "1 1/2": a fraction, or a count with a whole part."""
    s, e = match.span()
    den, numerator = int(match["fd"]), int(match["fn"])
    if den < 2 or numerator < 1 or numerator >= den or SLASH_AFTER.match(plain, e):
        return None, e
    value = numerator / den + (int(match["whole"]) if match["whole"] else 0)
    kind: Kind = "fraction" if not match["whole"] else "count"
    return read_quantity(plain, lo, stop, NumberRead(s, e, value, 1 / den, False), kind, in_range)


def _vulgar_fraction(
    plain: str, match: re.Match[str], lo: int, stop: int, in_range: bool
) -> tuple[Quantity | None, int]:
    s, e = match.span()
    num = NumberRead(s, e, VULGAR[match.group()], 0.01, False)
    return read_quantity(plain, lo, stop, num, "fraction", in_range)


def _multiplier(
    plain: str, match: re.Match[str], lo: int, stop: int, in_range: bool
) -> tuple[Quantity | None, int]:
    """ "twice", "threefold", "ten-fold"."""
    s, e = match.span()
    word = match.group().lower()
    factor = next((v for k, v in MULTIPLIERS.items() if word.startswith(k)), None)
    if factor is None:  # "threefold", "ten-fold"
        parsed = parse_number_prefix([word.removesuffix("fold").rstrip("-")])
        if parsed is None:
            return None, e
        factor = parsed[0]
    return new_quantity(start=s, end=e, text=plain[s:e], value=factor, kind="multiplier", spelled=True), e


def _vague_count(
    plain: str, match: re.Match[str], lo: int, stop: int, in_range: bool
) -> tuple[Quantity | None, int]:
    """ "thousands", "tens of thousands": a count up to ten times the word."""
    s, e = match.span()
    words = match.group().lower().split()
    value = float(VAGUE[words[-1]] * (10 if words[0] == "tens" else 1))
    q = new_quantity(start=s, end=e, text=plain[s:e], value=value, high=value * 10, kind="count",
                     approx=match.group().lower(), precision=value, spelled=True)  # fmt: skip
    return q, e


def _half(
    plain: str, match: re.Match[str], lo: int, stop: int, in_range: bool
) -> tuple[Quantity | None, int]:
    s, e = match.span()
    return read_quantity(plain, lo, stop, NumberRead(s, e, 0.5, 0.5, True), "fraction", in_range)


def _word_fraction(
    plain: str, match: re.Match[str], lo: int, stop: int, in_range: bool
) -> tuple[Quantity | None, int]:
    """ "a third", "two thirds" (not "one thirds" or "two third")."""
    s, e = match.span()
    words = re.findall(r"[a-z]+", match.group().lower())
    top = 1.0 if words[0] in ("a", "an") else float(UNITS.get(words[0], TENS.get(words[0], 0)))
    if not top:
        return None, e
    plural = words[-1].endswith("s")
    if (top > 1) != plural:
        return None, e  # "one thirds", "two third": not a fraction as written
    value = top / DENOMINATORS[words[-1]]
    num = NumberRead(s, e, value, 1 / DENOMINATORS[words[-1]], True)
    return read_quantity(plain, lo, stop, num, "fraction", in_range)


def _ordinal_word(
    plain: str, match: re.Match[str], lo: int, stop: int, in_range: bool
) -> tuple[Quantity | None, int]:
    """ "third", "twenty-first"."""
    s, e = match.span()
    words = re.findall(r"[a-z]+", match.group().lower())
    value = float(sum(TENS.get(w, 0) for w in words[:-1]) + ORDINALS[words[-1]])
    return new_quantity(start=s, end=e, text=plain[s:e], value=value, kind="ordinal", spelled=True), e


_WORD_CORES: dict[str, Callable[[str, re.Match[str], int, int, bool], tuple[Quantity | None, int]]] = {
    "slashfrac": _slash_fraction,
    "vulgar": _vulgar_fraction,
    "mult": _multiplier,
    "vague": _vague_count,
    "half": _half,
    "wfrac": _word_fraction,
    "ordw": _ordinal_word,
}
