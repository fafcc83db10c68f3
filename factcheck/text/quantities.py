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
from dataclasses import dataclass
from typing import Final, Literal

from factcheck.models import DateMention, Quantity
from factcheck.text.dates import extract_dates
from factcheck.text.numbers import (
    DENOMINATORS,
    NUMBER_WORD_SOURCE,
    ORDINAL_WORD_SOURCE,
    ORDINALS,
    SCALE_ABBREVIATIONS,
    SCALES,
    TENS,
    UNITS,
    digits_precision,
    lower_aligned,
    parse_digits,
    parse_number_prefix,
    trie_source,
)

# --- Lexicon: the written forms of currencies and units that news copy uses. ----------------

CURRENCY_PREFIXES: Final[dict[str, str]] = {
    "$": "USD", "US$": "USD", "U.S.$": "USD", "HK$": "HKD", "NZ$": "NZD", "AU$": "AUD", "A$": "AUD",
    "C$": "CAD", "S$": "SGD", "NT$": "TWD", "R$": "BRL", "£": "GBP", "€": "EUR", "¥": "JPY",
    "₹": "INR", "Rs": "INR", "Rs.": "INR", "RMB": "CNY", "$US": "USD", "$A": "AUD", "RM": "MYR",
}  # fmt: skip
CURRENCY_CODES: Final[frozenset[str]] = frozenset(
    "USD GBP EUR JPY CNY CHF AUD CAD HKD INR RMB SEK NOK DKK NZD SGD ZAR RUB BRL MXN KRW MYR RM".split()
)
# Lower-case currency words after a number -> ISO code; "cent"/"pence" stay as the minor unit.
CURRENCY_WORDS: Final[dict[str, str]] = {
    "dlrs": "USD", "dlr": "USD", "dollars": "USD", "dollar": "USD", "pounds sterling": "GBP",
    "pounds": "GBP", "pound": "GBP", "stg": "GBP", "sterling": "GBP", "euros": "EUR",
    "euro": "EUR", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY", "rupees": "INR",
    "rupee": "INR", "roubles": "RUB", "rubles": "RUB", "pesos": "MXN", "ringgit": "MYR",
    "shekels": "ILS", "shekel": "ILS", "francs": "franc", "marks": "DEM", "lire": "ITL",
    "guilders": "NLG", "pence": "pence", "p": "pence", "cents": "cent", "cent": "cent",
    "cts": "cent", "ct": "cent", "usd": "USD", "gbp": "GBP", "eur": "EUR", "jpy": "JPY",
    "cny": "CNY", "chf": "CHF", "sen": "sen",
}  # fmt: skip
# Written unit -> canonical unit (singular). Keys are matched case-sensitively, so "MB" and "mb"
# are listed separately where both occur.
MEASURE_UNITS: Final[dict[str, str]] = {
    **{w: "second" for w in ("second", "seconds", "sec", "secs")},
    **{w: "minute" for w in ("minute", "minutes", "min", "mins")},
    **{w: "hour" for w in ("hour", "hours", "hr", "hrs")},
    **{w: "day" for w in ("day", "days")}, **{w: "week" for w in ("week", "weeks")},
    **{w: "month" for w in ("month", "months")},
    **{w: "year" for w in ("year", "years", "yr", "yrs")},
    **{w: "decade" for w in ("decade", "decades")}, "century": "century", "centuries": "century",
    "year-old": "year-old", "year-olds": "year-old", "lb-ft": "lb-ft", "pound-feet": "lb-ft",
    **{w: "mm" for w in ("mm", "millimetre", "millimetres", "millimeter", "millimeters")},
    **{w: "cm" for w in ("cm", "centimetre", "centimetres", "centimeter", "centimeters")},
    **{w: "m" for w in ("m", "metre", "metres", "meter", "meters")},
    **{w: "km" for w in ("km", "kms", "kilometre", "kilometres", "kilometer", "kilometers")},
    **{w: "mile" for w in ("mile", "miles", "mi")},
    **{w: "ft" for w in ("ft", "foot", "feet")},
    **{w: "inch" for w in ("inch", "inches", "in", '"', "”", "″")},
    **{w: "yard" for w in ("yard", "yards", "yd", "yds")},
    **{w: "kg" for w in ("kg", "kgs", "kilogram", "kilograms", "kilogramme", "kilogrammes", "kilo", "kilos")},
    **{w: "g" for w in ("g", "gram", "grams", "gramme", "grammes")},
    **{w: "lb" for w in ("lb", "lbs")}, **{w: "ounce" for w in ("ounce", "ounces", "oz")},
    **{w: "ton" for w in ("ton", "tons", "tonne", "tonnes", "t", "mt")},
    **{w: "litre" for w in ("litre", "litres", "liter", "liters", "l")},
    **{w: "gallon" for w in ("gallon", "gallons")}, **{w: "barrel" for w in ("barrel", "barrels", "bbl")},
    "bpd": "barrel/day", "bushels": "bushel", "bushel": "bushel",
    **{w: "hectare" for w in ("hectare", "hectares", "ha")}, **{w: "acre" for w in ("acre", "acres")},
    **{w: "km2" for w in ("sq km", "square kilometres", "square kilometers", "km2", "km²")},
    **{w: "m2" for w in ("sq m", "sqm", "square metres", "square meters", "m2", "m²")},
    **{w: "sq ft" for w in ("sq ft", "square feet", "square foot")},
    **{w: "sq mi" for w in ("sq mi", "square miles", "square mile")},
    **{w: "mph" for w in ("mph",)}, **{w: "km/h" for w in ("km/h", "kph", "kmh")}, "mpg": "mpg",
    **{w: "degree" for w in ("degrees", "degree")}, "°C": "celsius", "°F": "fahrenheit",
    "C": "celsius", "F": "fahrenheit", "°": "degree",
    **{w: "W" for w in ("W", "watt", "watts")}, **{w: "kW" for w in ("kW", "kilowatt", "kilowatts")},
    **{w: "MW" for w in ("MW", "megawatt", "megawatts")},
    **{w: "GW" for w in ("GW", "gigawatt", "gigawatts")},
    "kWh": "kWh", "MWh": "MWh", "GWh": "GWh", "TWh": "TWh",
    **{w: "hp" for w in ("hp", "horsepower", "bhp")}, "rpm": "rpm", "mAh": "mAh", "V": "V", "volts": "V",
    **{w: "Hz" for w in ("Hz", "hertz")}, "MHz": "MHz", "GHz": "GHz",
    **{w: "KB" for w in ("KB", "kB", "kilobytes")}, **{w: "MB" for w in ("MB", "megabytes")},
    **{w: "GB" for w in ("GB", "gigabytes")}, **{w: "TB" for w in ("TB", "terabytes")},
    "k": "thousand", "ppm": "ppm", "ppb": "ppb", "x": "times",
    **{w: "mg" for w in ("mg", "milligram", "milligrams", "milligramme", "milligrammes")},
    **{w: "ml" for w in ("ml", "mL", "millilitre", "millilitres", "milliliter", "milliliters")},
    **{w: "nm" for w in ("nm", "nanometre", "nanometres", "nanometer", "nanometers")},
    **{w: "μm" for w in ("μm", "µm", "micron", "microns", "micrometre", "micrometres")},
    **{w: "dB" for w in ("dB", "decibel", "decibels")}, "HP": "hp", "km/hr": "km/h",
    **{w: "celsius" for w in ("Celsius", "degrees Celsius", "degrees C", "° C", "ºC", "C")},
    **{w: "fahrenheit" for w in ("Fahrenheit", "degrees Fahrenheit", "degrees F", "° F", "ºF", "F")},
    **{w: "calorie" for w in ("calorie", "calories", "kcal")}, "kt": "knot", "knots": "knot",
}  # fmt: skip
# Denominators of rates: "$58 a barrel", "1.02 dlrs a share", "$15/hour".
PER_UNITS: Final[dict[str, str]] = {
    **{w: w for w in ("barrel", "share", "hour", "day", "week", "month", "year", "night", "head",
                      "person", "mile", "gallon", "litre", "ounce", "tonne", "ton", "kg", "km")},
    "annum": "year", "capita": "person", "liter": "litre", "oz": "ounce", "hr": "hour",
    "square foot": "sq ft", "sq ft": "sq ft", "square metre": "m2", "square meter": "m2", "sqm": "m2",
    "sq m": "m2", "gram": "g", "g": "g", "pound": "lb", "lb": "lb", "unit": "unit", "piece": "piece",
    "century": "century",
}  # fmt: skip

Kind = Literal["count", "percent", "money", "measure", "ordinal", "year", "multiplier", "fraction"]

_FRACTION_WORDS = "|".join(sorted(DENOMINATORS, key=len, reverse=True))
_VULGAR: Final[dict[str, float]] = {
    "½": 0.5, "⅓": 1 / 3, "⅔": 2 / 3, "¼": 0.25, "¾": 0.75, "⅕": 0.2, "⅛": 0.125,
}  # fmt: skip
_W = NUMBER_WORD_SOURCE
# Currency codes written straight before the digits ("USD10m", "RM23.50"): fixed-width lookbehinds.
_GLUED_CODES = "|".join(
    f"(?<=\\b{code})"
    for code in (
        "USD",
        "EUR",
        "GBP",
        "AUD",
        "CAD",
        "INR",
        "NZD",
        "SGD",
        "JPY",
        "CNY",
        "CHF",
        "HKD",
        "MYR",
        "RM",
        "Rs",
    )
)
_GLUED_CODES += r"|(?<=\$US)"

_CORE = re.compile(
    rf"""
    (?P<mult>\b(?i:doubled|doubling|tripled|tripling|trebled|quadrupled|quadrupling|halved|halving
        |twice|thrice|(?:{_W}|\d+(?:\.\d+)?)-?fold))\b
  | (?P<slashfrac>(?<![\w./⁄])(?:(?P<whole>\d{{1,3}})\s+)?(?P<fn>\d{{1,3}})[/⁄](?P<fd>\d{{1,3}})(?![/⁄\d]))
  | (?P<digits>(?:(?<![\w.])|{_GLUED_CODES})(?:\d{{1,3}}(?:,\d{{3}})+(?!\d)|\d+)(?:\.\d+)?(?!\.\d|\d)
        (?:[eE][-+−]?\d{{1,3}}(?![\w.])|\s?[×x]\s?10\^?[-−]?\d{{1,3}}(?![\w.]))?)
  | (?P<vulgar>[½⅓⅔¼¾⅕⅛])
  | (?P<vague>\b(?i:(?:tens\s+of\s+)?(?:dozens|hundreds|thousands|millions|billions))\b(?=\s+(?i:of)\b))
  | (?P<wfrac>\b(?i:(?:an?|{_W})[\s-]+(?:{_FRACTION_WORDS}))\b(?!-))
  | (?P<half>\b(?i:half)\b(?=\s+(?i:of|the)\b))
  | (?P<ordw>\b(?i:(?:(?:{"|".join(TENS)})-)?(?:{ORDINAL_WORD_SOURCE}))\b(?!-(?:hand|rate|class|tier)))
  | (?P<words>\b(?i:(?:half\s+an?\s+|an?\s+)?(?:{_W})
        (?:(?:\s+and\s+(?:an?\s+)?|[\s-]+)(?:{_W}|half|point)){{0,12}})\b)
    """,
    re.VERBOSE,
)

_HEDGE_LIST = (
    r"about|around|approximately|approx\.|roughly|nearly|almost|just\s+over|just\s+under|"
    r"well\s+over|well\s+above|well\s+below|over|more\s+than|less\s+than|fewer\s+than|up\s+to|"
    r"at\s+least|at\s+most|no\s+more\s+than|no\s+less\s+than|no\s+fewer\s+than|some|"
    r"an\s+estimated|estimated|close\s+to|under|below|above|as\s+many\s+as|as\s+much\s+as|"
    r"as\s+few\s+as|as\s+little\s+as|upwards\s+of|in\s+excess\s+of|around\s+about|an\s+average\s+of"
)
_CUR_PREFIX = (
    r"(?P<cur>(?:US|U\.S\.|HK|NZ|AU|A|C|S|NT|R)\s?\$|\$|£|€|¥|₹|"
    r"\b(?:" + "|".join(sorted(CURRENCY_CODES, key=len, reverse=True)) + r")|\bRs\.?)\s?"
)
_HEDGE_SET: Final[frozenset[str]] = frozenset(
    h.replace(r"\s+", " ").replace("\\.", ".") for h in _HEDGE_LIST.split("|")
)
_RANGE_VERB = re.compile(r"rang(?:e|es|ed|ing)|var(?:y|ies|ied|ying)|anywhere")
_SYMBOLS = frozenset("$£€¥₹")
_YEAR_PREPOSITIONS: Final[frozenset[str]] = frozenset(
    "in since by until till from during before after through throughout of early late mid fiscal "
    "its their his her our".split()
)
_TOKEN = re.compile(r"\S+")
# Capitalised words after which a bare number is still an amount, not a name ("About 70").
_NAME_EXCLUDE: Final[frozenset[str]] = frozenset(
    """In On At By Of To For From About Over Some Nearly Almost Around Only Just With And But The Than
    Under After Since Until Between Up Down Top All Every Each Last Next Another Approximately Roughly
    More Less Fewer Exactly Below Above Within Into Per Is Are Was Were Has Have Had It Its They We He
    She I You There This That These Those Total Net Revs Shr Avg Loss Profit Sales Qtr Year Mths Oper
    Rev Plus Minus Pct Vs""".split()
)
_ONE_BLOCK: Final[frozenset[str]] = frozenset(
    "the no any every each this that which only last little another one such a an".split()
)
_TIME_AFTER = re.compile(
    r"(?::\d\d(?::\d\d)?)?\s?(?:[ap]\.m\.|(?i:[ap]m)\b|(?:GMT|BST|EST|EDT|PST|CET|UTC|ET)\b)|:\d\d"
)
_PHONE = re.compile(
    r"(?:\+?\d{1,3}[\s.-])?(?:\(\d{2,4}\)\s?|\d{2,4}[\s.-])\d{3,4}[\s.-]\d{3,4}\b|\d{3}-\d{4}\b"
)
_SLASH_AFTER = re.compile(r"[/.-]\d{1,2}[/.-]\d{2,4}\b|/\d")
_ATTACHED = re.compile(r"[A-Za-zμ°\"”″′']+[23]?(?:/[A-Za-z]+)?")
_SPACE_SCALE = re.compile(
    r"\s?(?i:(?P<hundred>hundred\s+)?(million|mln|mn|billion|bn|bln|trillion|trn|trln|tn|thousand|mil)\b|"
    r"(?P<only_hundred>hundred)\b(?!\s+and))"
)
_RANGE_SEP = re.compile(r"\s*-?\s*(?i:(to|and|or))\s+|\s?[-–—]\s?(?=\d)|-(?=[a-z])")
_PERCENT = re.compile(
    r"\s?%|(?:\s?[-\s]?)(?i:(per\s?cent(?:age\s+points?)?|percent(?:age\s+points?)?|pct(?:\s+points?)?"
    r"|pc\b|basis\s+points?|bps|bp|points?|pts))\b"
)
_CUR_WORD = re.compile(
    r"\s?(?:(?P<adj>US|U\.S\.|Australian|Canadian|Hong\s+Kong|New\s+Zealand|Singapore|Taiwan|"
    r"Swiss|French|Belgian|Mexican|Chinese|Japanese|Indian)\s)?(?P<word>"
    + "|".join(sorted(CURRENCY_WORDS, key=len, reverse=True))
    + r"|"
    + "|".join(sorted(CURRENCY_CODES, key=len, reverse=True))
    + r")\b(?!-)|\s?(?P<sym>[€£¥])"
)
_UNIT = re.compile(
    r"(?:\s|-|\s-\s)?(?P<unit>"
    + "|".join(sorted((re.escape(u) for u in MEASURE_UNITS), key=len, reverse=True))
    + r")(?![\w/])(?P<old>(?:-|\s)old\b)?"
)
_PER = re.compile(
    r"\s?(?:/|\s(?i:per|an?)\s)(?P<per>"
    + "|".join(sorted((re.escape(u) for u in PER_UNITS), key=len, reverse=True))
    + r")\b"
)
_NOUN = re.compile(r"(?:\s+|-)(?P<w1>[a-z][a-z'’-]*[a-z])(?:\s+(?P<w2>[a-z][a-z'’-]*[a-z]))?")
_IN_DENOM = re.compile(rf"\s(?i:in|out\s+of)\s(?P<den>\d{{1,4}}\b|(?i:{_W})\b)(?!\s*(?:%|per))")
_SCI = re.compile(r"[eE]([-+−]?\d{1,3})$|\s?[×x]\s?10\^?([-−]?\d{1,3})$")
_SCORE = re.compile(r"[-–](\d{1,2})(?![\d.,%])")
_MILLION_NEXT = re.compile(r"\s+(?:of\b|[a-z]+s\b|people\b|(?:[a-z]+\s+)?(?:tons|tonnes|barrels|people)\b)")
_MULTIPLIERS: Final[dict[str, float]] = {
    "doubl": 2.0, "tripl": 3.0, "trebl": 3.0, "quadrupl": 4.0, "halv": 0.5, "twice": 2.0, "thrice": 3.0,
}  # fmt: skip
_VAGUE: Final[dict[str, int]] = {
    "dozens": 12, "hundreds": 100, "thousands": 1000, "millions": 1_000_000, "billions": 1_000_000_000,
}  # fmt: skip
_TRIGGERS = [*UNITS, *TENS, *SCALES, *ORDINALS, *_VAGUE, *DENOMINATORS, "dozen", "half", "tens", "twice",
             "thrice", "doubled", "doubling", "tripled", "tripling", "trebled", "quadrupled", "quadrupling",
             "halved", "halving"]  # fmt: skip
_CANDIDATE = re.compile(r"[\d½⅓⅔¼¾⅕⅛]|\b" + trie_source(_TRIGGERS) + r"(?:\b|-?fold\b)")
_DIGIT_RUN = re.compile(r"\d+")
_ARTICLE_BEFORE = re.compile(r"\b(?:half\s+an?|an?)\s+$")
_SLASH_RUN = re.compile(r"[\d/.-]+")
_CUR_PREFIX_RE = re.compile(_CUR_PREFIX)
_COMPARATIVE = frozenset(
    "as more less fewer larger higher bigger greater smaller lower faster slower longer shorter "
    "the that what over".split()
)

_STOP: Final[frozenset[str]] = frozenset(
    """a an the and or but nor of to in on at for by from with without into onto over under
    about above below after before since until than as per via vs versus is are was were be been
    being has have had will would could should may might can must shall do does did not no
    that which who whom whose what when where why how this these those it its it's their his
    her our your my there here then so such also only just even still yet ago later earlier
    each every all both either neither any some more most less least many much few several
    other another same very too while whereas if though although because against among
    between through during including like near off out up down back around across along
    further respectively apiece times percent pct cent per-cent points point said says say""".split()
)
_ADJECTIVE_SKIP: Final[frozenset[str]] = frozenset(
    """new more other additional extra different consecutive straight separate key major minor
    small large big main top previous full whole successive straight young old senior junior
    former current local foreign british american european chinese russian ukrainian armed
    civilian military private public million billion""".split()
)
_INVARIANT_PLURALS: Final[frozenset[str]] = frozenset(
    "people men women children staff police personnel sheep fish cattle aircraft data media "
    "troops crew deer livestock".split()
)


@dataclass
class _Num:
    """A number read at one position: its value, precision, span and how it was written."""

    start: int
    end: int
    value: float
    precision: float
    spelled: bool
    integer_text: str = ""  # the digits as written, for year detection ("1997", not "1,997")
    scaled: bool = False


def _plural_like(word: str) -> bool:
    return word in _INVARIANT_PLURALS or (
        word.endswith("s") and not word.endswith(("ss", "us", "is", "'s", "’s")) and len(word) > 2
    )


def _read_number(plain: str, match: re.Match[str], stop: int) -> _Num | None:
    """Value of a ``digits`` or ``words`` core; a spelled core is trimmed to what parses."""
    s, e = match.span()
    text = match.group()
    if match.lastgroup == "digits":
        sci = _SCI.search(text)
        mantissa = text[: sci.start()] if sci else text
        value = parse_digits(mantissa)
        if value is None:
            return None
        precision = digits_precision(mantissa)
        if sci:
            exponent = int((sci.group(1) or sci.group(2)).replace("−", "-"))
            value, precision = value * 10.0**exponent, precision * 10.0**exponent
        plain_int = mantissa if "," not in mantissa and not sci else ""
        return _Num(s, e, value, precision, False, plain_int)
    tokens = [(m.group().lower(), m.start(), m.end()) for m in re.finditer(r"[A-Za-z]+", text)]
    while tokens:
        parsed = parse_number_prefix([t[0] for t in tokens])
        if parsed is not None:
            value, precision, used = parsed
            return _Num(s + tokens[0][1], s + tokens[used - 1][2], value, precision, True)
        if tokens[0][0] not in ("a", "an"):
            return None
        tokens = tokens[1:]
    return None


def _one_blocked(plain: str, num: _Num, lo: int) -> bool:
    """ "the one who", "no one", "one another", "BBC One": uses of a number word that count nothing."""
    text = plain[num.start : num.end]
    if text[:1].isupper() and _name_before(plain, lo, num.start):
        return True  # "BBC One", "Kick Six"
    if text.lower() != "one":
        return False
    tokens = _tokens_before(plain, lo, num.start, 1)
    if tokens and tokens[0][0].lower() in _ONE_BLOCK:
        return True
    after = plain[num.end : num.end + 16].lower()
    return after.startswith(
        ("'s", "’s", " another", "-on-one", "-off", " or two", " by one", " day", " after another", " up")
    )


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
    blocked = [
        (d.start, d.end)
        for d in mentions
        if d.kind in ("absolute", "month", "decade") or (d.kind == "relative" and d.month is not None)
    ]
    found: list[Quantity] = []
    low = lower_aligned(plain)
    pos = start
    block_index = 0
    while pos < stop:
        # A cheap scan of the lower-cased text finds where a core *may* start; the full core
        # pattern is then tried only there (scanning with it directly is ten times slower).
        candidate = _CANDIDATE.search(low, pos, stop)
        if candidate is None:
            break
        match = None
        article = _ARTICLE_BEFORE.search(low, max(start, candidate.start() - 9), candidate.start())
        if article is not None and not low[candidate.start()].isdigit():
            match = _CORE.match(plain, article.start(), stop)  # "a dozen", "half a million"
        if match is None:
            match = _CORE.match(plain, candidate.start(), stop)
        if match is None:
            skip = _DIGIT_RUN.match(plain, candidate.start(), stop)
            pos = skip.end() if skip else candidate.end()
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
    return found


def _quantity_at(
    plain: str, match: re.Match[str], lo: int, stop: int, in_range: bool = False
) -> tuple[Quantity | None, int]:
    """Build the quantity whose core is ``match``; return it and where scanning resumes."""
    group = match.lastgroup
    s, e = match.span()
    if group == "slashfrac":
        den, numerator = int(match["fd"]), int(match["fn"])
        if den < 2 or numerator < 1 or numerator >= den or _SLASH_AFTER.match(plain, e):
            return None, e
        value = numerator / den + (int(match["whole"]) if match["whole"] else 0)
        kind: Kind = "fraction" if not match["whole"] else "count"
        return _finish(plain, lo, stop, _Num(s, e, value, 1 / den, False), kind, in_range)
    if group == "vulgar":
        return _finish(plain, lo, stop, _Num(s, e, _VULGAR[match.group()], 0.01, False), "fraction", in_range)
    if group == "mult":
        word = match.group().lower()
        factor = next((v for k, v in _MULTIPLIERS.items() if word.startswith(k)), None)
        if factor is None:  # "threefold", "ten-fold"
            parsed = parse_number_prefix([word.removesuffix("fold").rstrip("-")])
            if parsed is None:
                return None, e
            factor = parsed[0]
        return Quantity(start=s, end=e, text=plain[s:e], value=factor, kind="multiplier", spelled=True), e
    if group == "vague":
        words = match.group().lower().split()
        value = float(_VAGUE[words[-1]] * (10 if words[0] == "tens" else 1))
        q = Quantity(start=s, end=e, text=plain[s:e], value=value, high=value * 10, kind="count",
                     approx=match.group().lower(), precision=value, spelled=True)  # fmt: skip
        return q, e
    if group == "half":
        return _finish(plain, lo, stop, _Num(s, e, 0.5, 0.5, True), "fraction", in_range)
    if group == "wfrac":
        words = re.findall(r"[a-z]+", match.group().lower())
        top = 1.0 if words[0] in ("a", "an") else float(UNITS.get(words[0], TENS.get(words[0], 0)))
        if not top:
            return None, e
        plural = words[-1].endswith("s")
        if (top > 1) != plural:
            return None, e  # "one thirds", "two third": not a fraction as written
        value = top / DENOMINATORS[words[-1]]
        num = _Num(s, e, value, 1 / DENOMINATORS[words[-1]], True)
        return _finish(plain, lo, stop, num, "fraction", in_range)
    if group == "ordw":
        words = re.findall(r"[a-z]+", match.group().lower())
        value = float(sum(TENS.get(w, 0) for w in words[:-1]) + ORDINALS[words[-1]])
        return Quantity(start=s, end=e, text=plain[s:e], value=value, kind="ordinal", spelled=True), e
    name_like = False
    if group == "digits":
        name = _name_before(plain, lo, s)
        if name == "hard":
            return None, e  # "F-16", "COVID-19", "No. 10": names, not amounts
        name_like = name == "soft"  # "iPhone 11", "S&P 500": dropped below unless a unit follows
        time = _TIME_AFTER.match(plain, e, stop)
        if time:
            return None, time.end()  # "5 p.m.", "10:30 GMT", "10.45pm"
        phone = _PHONE.match(plain, s, stop)
        if phone:
            return None, phone.end()
        if _SLASH_AFTER.match(plain, e):
            skip = _SLASH_RUN.match(plain, e, stop)
            return None, skip.end() if skip else e
        score = _SCORE.match(plain, e, stop)
        if score and match.group().isdigit() and int(score.group(1)) <= int(match.group()) < 200:
            return None, score.end()  # "won 2-1", "tied at 89-89": scores, not ranges
    read = _read_number(plain, match, stop)
    if read is None:
        return None, e
    num = read
    if num.spelled and _one_blocked(plain, num, lo):
        return None, num.end
    quantity, end = _finish(plain, lo, stop, num, "count", in_range)
    if (
        name_like and quantity is not None and quantity.kind == "count" and quantity.unit is None
        and quantity.high is None and quantity.approx is None and num.integer_text
    ):  # fmt: skip
        return None, end
    return quantity, end


def _tokens_before(plain: str, lo: int, end: int, n: int) -> list[tuple[str, int]]:
    """The last ``n`` whitespace-separated tokens before ``end`` (with their starts), in order."""
    return [(m.group(), m.start()) for m in _TOKEN.finditer(plain, max(lo, end - 48), end)][-n:]


def _currency_before(plain: str, lo: int, end: int) -> tuple[str, int] | None:
    """A currency symbol or code written just before the digits ("$", "US $", "EUR", "RM")."""
    p = end - 1 if end - 1 >= lo and plain[end - 1] == " " else end
    if p <= lo:
        return None
    ch = plain[p - 1]
    if ch in _SYMBOLS:
        j = p - 1
        k = j - 1 if j - 1 >= lo and plain[j - 1] == " " else j  # "US $5" as well as "US$5"
        i = k
        while i > max(lo, k - 4) and (plain[i - 1].isalpha() or plain[i - 1] == "."):
            i -= 1
        if i < k and plain[i:k] + ch in CURRENCY_PREFIXES and (i == 0 or not plain[i - 1].isalnum()):
            return plain[i:k] + ch, i
        return ch, j
    if ch.isalpha() or ch == ".":
        i = p
        while i > max(lo, p - 4) and (plain[i - 1].isalpha() or plain[i - 1] == "."):
            i -= 1
        word = plain[i:p]
        if i > lo and plain[i - 1] == "$" and "$" + word in CURRENCY_PREFIXES:
            return "$" + word, i - 1  # "$US113"
        if word in CURRENCY_CODES or word in CURRENCY_PREFIXES:
            if i == 0 or not plain[i - 1].isalnum():
                return word, i
    return None


def _name_before(plain: str, lo: int, s: int) -> str:
    """How a number at ``s`` is attached to a name before it.

    "hard": part of a name ("F-16", "COVID-19", "No. 10"); "soft": after a capitalised word
    ("iPhone 11", "S&P 500"), a name unless a unit follows; "": neither.
    """
    if s - 1 >= lo and plain[s - 1] == "-":
        k = s - 1
        while k > max(lo, s - 14) and plain[k - 1].isalpha():
            k -= 1
        word = plain[k : s - 1]
        if word and (len(word) <= 2 or any(c.isupper() for c in word)):
            return "hard"
        return ""
    if plain.endswith(("No.", "No. ", "#", "# "), max(lo, s - 4), s):
        return "hard"
    if s - 1 >= lo and plain[s - 1] == " ":
        tokens = _tokens_before(plain, lo, s, 1)
        word = tokens[0][0].lstrip("(\"'“‘") if tokens else ""
        capitalised = word[:1].isupper() or any(c.isupper() for c in word[1:])
        if word and word not in _NAME_EXCLUDE and capitalised and word.replace("&", "").isalpha():
            return "soft"
    return ""


def _left_context(plain: str, lo: int, num: _Num) -> tuple[int, str | None, str | None, str | None]:
    """Start, hedge, currency code and range opener ("between", "from") before a number.

    Read from the few tokens before it with string operations: a regex searched over the window
    cost 140 µs per number, more than the rest of the extractor.
    """
    start = num.start
    approx = currency = pre = None
    cur = _currency_before(plain, lo, start)
    if cur is not None:
        currency, start = CURRENCY_PREFIXES.get(cur[0].replace(" ", ""), cur[0]), cur[1]
    elif num.start > lo and plain[num.start - 1] in "-−" and not num.spelled:
        before = plain[num.start - 2] if num.start - 2 >= lo else " "
        if before in " (\t\n":
            num.value, start = -num.value, num.start - 1
    tokens = _tokens_before(plain, lo, start, 5)
    if tokens and tokens[-1][0].lower().rstrip("-") == "minus":
        num.value, start = -num.value, tokens[-1][1]
        tokens.pop()
    if start > lo and plain[start - 1] == "~":
        approx, start = "~", start - 1
    elif tokens and tokens[-1][1] + len(tokens[-1][0]) < start:  # a space between hedge and number
        for k in (3, 2, 1):
            if len(tokens) < k:
                continue
            first = tokens[-k][0]
            stripped = first.lstrip("(\"'“‘")
            phrase = " ".join([stripped, *(t[0] for t in tokens[len(tokens) - k + 1 :])]).lower()
            if phrase in _HEDGE_SET:
                approx, start = phrase, tokens[-k][1] + len(first) - len(stripped)
                del tokens[-k:]
                break
    if tokens and tokens[-1][0].lower() in ("between", "from") and tokens[-1][1] + len(tokens[-1][0]) < start:
        pre = tokens[-1][0].lower()
        if len(tokens) > 1 and _RANGE_VERB.fullmatch(tokens[-2][0].lower()):
            pre = "between"
        if pre == "between":
            start = tokens[-1][1]
    return start, approx, currency, pre


def _finish(
    plain: str, lo: int, stop: int, num: _Num, kind: Kind, in_range: bool = False, read_left: bool = True
) -> tuple[Quantity | None, int]:
    """Read the context around a number and type it: the heart of the extractor.

    ``in_range``: this number is the upper end of a range being read, so no further range is
    looked for (which also bounds the work per number); ``read_left``: look for a hedge or
    currency before it.
    """
    start, approx, currency, pre = (
        _left_context(plain, lo, num) if read_left else (num.start, None, None, None)
    )
    pos = num.end
    value, precision = num.value, num.precision
    unit: str | None = currency
    if currency:
        kind = "money"

    # Letters written straight after digits: "5bn", "10km", "21st", "50p", "35m of", "1990s".
    if not num.spelled and kind in ("count", "money") and pos < stop and plain[pos].isalpha():
        attached = _ATTACHED.match(plain, pos, stop)
        suffix = attached.group() if attached else ""
        low = suffix.lower()
        if low in ("st", "nd", "rd", "th") and precision == 1:
            end = pos + 2
            return Quantity(
                start=num.start, end=end, text=plain[num.start : end], value=value, kind="ordinal"
            ), end
        if low in SCALE_ABBREVIATIONS and (
            currency or low not in ("m", "t") or _MILLION_NEXT.match(plain, pos + 1, stop)
        ):
            scale = float(SCALE_ABBREVIATIONS[low])
            value, precision, pos = value * scale, precision * scale, pos + len(suffix)
            num.scaled = True
        elif low in ("pc", "pct", "percent"):
            pass
        elif suffix.rstrip("'\"”″′") and not (
            suffix in MEASURE_UNITS
            or (low in _UNIT_LOWER and len(low) > 1 and not suffix.isupper())
            or _cur_word(suffix)
        ):
            return None, pos + len(suffix)  # "5G", "3D", "A4": product names, not amounts

    # A spelled-out scale after digits: "3.3 million", "1.5 bln", "4 hundred million".
    if not num.scaled and not num.spelled:
        scale_match = _SPACE_SCALE.match(plain, pos, stop)
        if scale_match:
            scale = _scale_value(scale_match)
            value, precision, pos = value * scale, precision * scale, scale_match.end()
            num.scaled = True

    # Ranges between bare numbers: "between 20 and 30", "20-30", "20 to 30 million", "$5bn-$7bn".
    high: float | None = None
    if not in_range and kind in ("count", "money"):
        ranged = _bare_range(plain, pos, stop, num, value, precision, currency, pre, kind)
        if ranged is not None:
            if ranged[0] == "year":
                return Quantity(start=start, end=ranged[4], text=plain[start : ranged[4]], value=ranged[1],
                                high=ranged[2], kind="year"), ranged[4]  # fmt: skip
            _, value, high, precision, pos = ranged

    # What the number measures.
    percent = _PERCENT.match(plain, pos, stop) if kind == "count" else None
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
        cur_word = _CUR_WORD.match(plain, pos, stop)
        if cur_word:
            code = (
                CURRENCY_PREFIXES[cur_word["sym"]]
                if cur_word["sym"]
                else _cur_word(cur_word["word"], cur_word["adj"])
            )
            if code and (currency is None or code in ("cent", "pence", "sen")):
                unit, kind, pos = code, "money", cur_word.end()
    if kind == "money":
        per = _PER.match(plain, pos, stop)
        if per:
            unit, pos = f"{unit}/{PER_UNITS[per['per'].lower()]}", per.end()
    elif kind in ("count", "fraction") and unit is None:
        unit_match = _UNIT.match(plain, pos, stop)
        if unit_match and _unit_ok(num, unit_match):
            canonical = MEASURE_UNITS.get(unit_match["unit"]) or _UNIT_LOWER[unit_match["unit"].lower()]
            if unit_match["old"] and canonical in ("year", "month", "week", "day"):
                canonical += "-old"  # "15-year-old", "18 month-old"
            unit, kind, pos = canonical, "measure", unit_match.end()
            per = _PER.match(plain, pos, stop)
            if per:
                unit, pos = f"{unit}/{PER_UNITS[per['per'].lower()]}", per.end()
    if kind == "count" and unit is None:
        frac = _IN_DENOM.match(plain, pos, stop)
        if frac:
            den_text = frac["den"].lower()
            parsed = parse_number_prefix([den_text])
            den_value = parse_digits(den_text) if den_text[0].isdigit() else (parsed[0] if parsed else None)
            if den_value and value < den_value and not 1500 <= den_value <= 2100:
                value, precision, kind, pos = value / den_value, 1 / den_value, "fraction", frac.end()
        if kind == "count" and not in_range:
            pos, unit, kind = _counted_noun(plain, pos, stop, value, kind)
    if high is None and approx is None and _is_year(num, kind):
        # "in 1997 sales fell", "1986 net excludes": a noun after an adjective or after "in" is
        # not what a year-like number counts; "2000 people" still is a count.
        if unit is None or _year_context(plain, lo, start) or len(plain[num.end : pos].split()) > 1:
            kind, unit, pos = "year", None, num.end  # "in 1997 sales fell": the noun is not counted

    # Ranges written with the unit on both ends: "5% to 10%", "between $1m and $2m", "44 mg to 50 mg".
    if not in_range and high is None and kind in ("percent", "money", "measure"):
        other = _unit_range(plain, pos, stop, lo, pre)
        if other is not None and other.unit == unit and other.value > value:
            high, pos = other.value, other.end
            precision = min(precision, other.precision)
    value, high, precision = _tidy(value), None if high is None else _tidy(high), _tidy(precision)
    q = Quantity(start=start, end=pos, text=plain[start:pos], value=value, high=high, unit=unit,
                 kind=kind, approx=approx, precision=precision, spelled=num.spelled)  # fmt: skip
    return q, pos


def _tidy(value: float) -> float:
    """Drop binary noise from scaling: 133.3 * 1e6 is 133300000.00000001 in floating point."""
    return float(f"{value:.12g}")


def _scale_value(match: re.Match[str]) -> float:
    if match["only_hundred"]:
        return 100.0
    return float(SCALE_ABBREVIATIONS[match.group(2).lower()] * (100 if match["hundred"] else 1))


def _range_sep_ok(sep: str, pre: str | None) -> bool:
    """ "between X and Y" and "X to Y" are ranges; "from X to Y" is a change, unless "ranging from"."""
    return (sep == "and" and pre == "between") or (sep in ("to", "-") and pre != "from") or sep == "or"


def _bare_range(
    plain: str, pos: int, stop: int, num: _Num, value: float, precision: float,
    currency: str | None, pre: str | None, kind: Kind,
) -> tuple[str, float, float, float, int] | None:  # fmt: skip
    """The upper end of a range written before any unit, and the scale both ends share."""
    range_match = _RANGE_SEP.match(plain, pos, stop)
    if range_match is None:
        return None
    sep = (range_match.group(1) or "-").lower()
    if not _range_sep_ok(sep, pre):
        return None
    second_start = range_match.end()
    cur2 = _CUR_PREFIX_RE.match(plain, second_start, stop) if currency else None
    if cur2:
        second_start = cur2.end()
    core2 = _CORE.match(plain, second_start, stop)
    if (
        core2 is None
        or core2.lastgroup not in ("digits", "words")
        or (core2.lastgroup == "words") != num.spelled
    ):
        return None
    second = _read_number(plain, core2, stop)
    if second is None or _TIME_AFTER.match(plain, second.end, stop):
        return None
    v2, p2, end2 = second.value, second.precision, second.end
    scale2 = 1.0
    att2 = _ATTACHED.match(plain, end2, stop)
    space2 = _SPACE_SCALE.match(plain, end2, stop)
    if att2 and att2.group().lower() in SCALE_ABBREVIATIONS and (currency or att2.group() not in ("m", "t")):
        scale2, end2 = float(SCALE_ABBREVIATIONS[att2.group().lower()]), att2.end()
    elif space2 and not second.spelled:
        scale2, end2 = _scale_value(space2), space2.end()
    elif second.spelled:  # "four to five thousand": the scale inside the second number
        last = plain[second.start : second.end].lower().split()[-1].split("-")[-1]
        scale2 = float(SCALE_ABBREVIATIONS.get(last, 1)) if v2 > 1000 else 1.0
        v2, p2 = v2 / scale2, p2 / scale2
    v2, p2 = v2 * scale2, p2 * scale2
    if not num.scaled and scale2 > 1 and value < v2 / scale2:
        value, precision = value * scale2, precision * scale2
    if _is_year(num, kind) and re.fullmatch(r"\d{2}|\d{4}", plain[second.start : second.end]) and scale2 == 1:
        v2 = v2 if v2 >= 1000 else (value // 100) * 100 + v2
        return ("year", value, v2, 1.0, second.end) if v2 > value else None
    if sep == "-" and v2 <= value:
        return None
    if v2 <= value:
        return None
    return "range", value, v2, min(precision, p2), end2


def _unit_range(plain: str, pos: int, stop: int, lo: int, pre: str | None) -> Quantity | None:
    range_match = _RANGE_SEP.match(plain, pos, stop)
    if range_match is None or not _range_sep_ok((range_match.group(1) or "-").lower(), pre):
        return None
    second_start = range_match.end()
    cur = _CUR_PREFIX_RE.match(plain, second_start, stop)
    core = _CORE.match(plain, cur.end() if cur else second_start, stop)
    if core is None or core.lastgroup not in ("digits", "words"):
        return None
    num = _read_number(plain, core, stop)
    if num is None:
        return None
    if cur:  # the currency belongs to the second number: read it as its own left context
        quantity, _ = _finish(plain, second_start, stop, num, "count", in_range=True)
        return quantity if quantity is not None and quantity.high is None else None
    quantity, _ = _finish(plain, lo, stop, num, "count", in_range=True, read_left=False)
    return quantity


def _year_context(plain: str, lo: int, start: int) -> bool:
    """A four-digit number after "in", "since", "by"... is a year even when a noun follows."""
    tokens = _tokens_before(plain, lo, start, 1)
    return bool(tokens) and tokens[0][0].lower().strip("(,") in _YEAR_PREPOSITIONS


def _is_year(num: _Num, kind: Kind) -> bool:
    text = num.integer_text
    return (
        kind == "count" and len(text) == 4 and text.isdigit() and 1500 <= int(text) <= 2100 and not num.scaled
    )


def _unit_ok(num: _Num, unit_match: re.Match[str]) -> bool:
    """Reject unit readings that are really ordinary words ("two in my car", "5 m" of a list)."""
    surface = unit_match["unit"]
    glued = unit_match.start("unit") == num.end
    if surface in _GLUED_ONLY and not glued:
        return False
    return not (num.spelled and surface in _GLUED_ONLY)


def _counted_noun(plain: str, pos: int, stop: int, value: float, kind: Kind) -> tuple[int, str | None, Kind]:
    """The noun a count counts: "5,000 jobs", "three key elements", "one man"."""
    noun = _NOUN.match(plain, pos, stop)
    if noun is None:
        return pos, None, kind
    w1 = noun["w1"]
    w2 = noun["w2"]
    if w1 == "times":
        if w2 in _COMPARATIVE:
            return noun.end("w1"), None, "multiplier"
        return noun.end("w1"), "times", kind
    if w1 in _STOP or w1.endswith("ly"):
        return pos, None, kind
    if w2 and w2 not in _STOP and _plural_like(w2) and (w1 in _ADJECTIVE_SKIP or not _plural_like(w1)):
        if w1 not in ("of",) and (value != 1 or w1 in _ADJECTIVE_SKIP):
            return noun.end("w2"), w2, kind
    if _plural_like(w1) or value == 1:
        return noun.end("w1"), w1, kind
    return pos, None, kind


# Surfaces that are units only when glued to the digits ("100m", "5t"): spaced, they are words.
_GLUED_ONLY: Final[frozenset[str]] = frozenset(
    {"m", "t", "k", "g", "l", "in", "C", "F", "b", "s", '"', "”", "″", "'", "′"}
)
_UNIT_LOWER: Final[dict[str, str]] = {k.lower(): v for k, v in MEASURE_UNITS.items()}


def _cur_word(word: str, adjective: str | None = None) -> str | None:
    """ISO code (or "cent"/"pence") of a currency word, refined by a national adjective."""
    if word in CURRENCY_CODES:
        return CURRENCY_PREFIXES.get(word, word)
    base = CURRENCY_WORDS.get(word.lower()) if not word.isupper() else None
    if base is None:
        return None
    if adjective and base == "USD":
        adj = re.sub(r"\s+", " ", adjective)
        return {"Australian": "AUD", "Canadian": "CAD", "Hong Kong": "HKD", "New Zealand": "NZD",
                "Singapore": "SGD", "Taiwan": "TWD"}.get(adj, "USD")  # fmt: skip
    if adjective and base == "franc":
        return {"Swiss": "CHF", "French": "FRF", "Belgian": "BEF"}.get(adjective, "franc")
    return base
