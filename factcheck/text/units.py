"""The written forms of currencies, units and the small word lists the quantity extractor reads.

Data, not logic: kept apart from :mod:`factcheck.text.quantities` so a newsroom (or a test) can
read what is recognised without wading through the scanner, and so the tables can grow without
the extractor module growing with them. Everything here is a constant except
:func:`currency_code`, the one lookup that needs a rule (a national adjective refines "dollars").

Keys of :data:`MEASURE_UNITS` are matched case-sensitively ("MB" and "mb" are listed apart);
the word lists are lower-case and compared with lower-cased tokens.
"""

from __future__ import annotations

from typing import Final

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
# Surfaces that are units only when glued to the digits ("100m", "5t"): spaced, they are words.
GLUED_ONLY: Final[frozenset[str]] = frozenset(
    {"m", "t", "k", "g", "l", "in", "C", "F", "b", "s", '"', "”", "″", "'", "′"}
)
UNIT_LOWER: Final[dict[str, str]] = {k.lower(): v for k, v in MEASURE_UNITS.items()}

VULGAR: Final[dict[str, float]] = {
    "½": 0.5, "⅓": 1 / 3, "⅔": 2 / 3, "¼": 0.25, "¾": 0.75, "⅕": 0.2, "⅛": 0.125,
}  # fmt: skip
# Verb stems of spelled multipliers ("doubled", "trebling") and their factor.
MULTIPLIERS: Final[dict[str, float]] = {
    "doubl": 2.0, "tripl": 3.0, "trebl": 3.0, "quadrupl": 4.0, "halv": 0.5, "twice": 2.0, "thrice": 3.0,
}  # fmt: skip
# "dozens of", "thousands of": a vague count, reported as the range [value, 10 * value).
VAGUE: Final[dict[str, int]] = {
    "dozens": 12, "hundreds": 100, "thousands": 1000, "millions": 1_000_000, "billions": 1_000_000_000,
}  # fmt: skip

# Hedges written before a number, as a regex alternation (multi-word ones with ``\s+``).
HEDGE_LIST: Final[str] = (
    r"about|around|approximately|approx\.|roughly|nearly|almost|just\s+over|just\s+under|"
    r"well\s+over|well\s+above|well\s+below|over|more\s+than|less\s+than|fewer\s+than|up\s+to|"
    r"at\s+least|at\s+most|no\s+more\s+than|no\s+less\s+than|no\s+fewer\s+than|some|"
    r"an\s+estimated|estimated|close\s+to|under|below|above|as\s+many\s+as|as\s+much\s+as|"
    r"as\s+few\s+as|as\s+little\s+as|upwards\s+of|in\s+excess\s+of|around\s+about|an\s+average\s+of"
)
# The same hedges as plain lower-case phrases, for comparison with joined tokens.
HEDGE_SET: Final[frozenset[str]] = frozenset(
    h.replace(r"\s+", " ").replace("\\.", ".") for h in HEDGE_LIST.split("|")
)
YEAR_PREPOSITIONS: Final[frozenset[str]] = frozenset(
    "in since by until till from during before after through throughout of early late mid fiscal "
    "its their his her our".split()
)
# Capitalised words after which a bare number is still an amount, not a name ("About 70").
NAME_EXCLUDE: Final[frozenset[str]] = frozenset(
    """In On At By Of To For From About Over Some Nearly Almost Around Only Just With And But The Than
    Under After Since Until Between Up Down Top All Every Each Last Next Another Approximately Roughly
    More Less Fewer Exactly Below Above Within Into Per Is Are Was Were Has Have Had It Its They We He
    She I You There This That These Those Total Net Revs Shr Avg Loss Profit Sales Qtr Year Mths Oper
    Rev Plus Minus Pct Vs""".split()
)
ONE_BLOCK: Final[frozenset[str]] = frozenset(
    "the no any every each this that which only last little another one such a an".split()
)
COMPARATIVE: Final[frozenset[str]] = frozenset(
    "as more less fewer larger higher bigger greater smaller lower faster slower longer shorter "
    "the that what over".split()
)

STOP: Final[frozenset[str]] = frozenset(
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
ADJECTIVE_SKIP: Final[frozenset[str]] = frozenset(
    """new more other additional extra different consecutive straight separate key major minor
    small large big main top previous full whole successive straight young old senior junior
    former current local foreign british american european chinese russian ukrainian armed
    civilian military private public million billion""".split()
)
INVARIANT_PLURALS: Final[frozenset[str]] = frozenset(
    "people men women children staff police personnel sheep fish cattle aircraft data media "
    "troops crew deer livestock".split()
)


# Verbs of change before "X to Y": "rose 3.5p to 120p", "inflation fell 0.5% to 2.1%" report a
# change and a new level, not a range.
CHANGE_VERBS: Final[frozenset[str]] = frozenset(
    """rose rises rise rising fell falls fall falling gained gains gaining lost loses losing
    climbed climbs jumped jumps surged surges slipped slips dropped drops eased eases added adds
    shed sheds grew grows slid slides soared soars tumbled tumbles declined declines increased
    increases decreased decreases advanced advances retreated retreats firmed weakened
    strengthened up down""".split()
)

_DOLLAR_ADJECTIVES: Final[dict[str, str]] = {
    "Australian": "AUD", "Canadian": "CAD", "Hong Kong": "HKD", "New Zealand": "NZD",
    "Singapore": "SGD", "Taiwan": "TWD",
}  # fmt: skip
_FRANC_ADJECTIVES: Final[dict[str, str]] = {"Swiss": "CHF", "French": "FRF", "Belgian": "BEF"}


def currency_code(word: str, adjective: str | None = None) -> str | None:
    """ISO code (or "cent"/"pence") of a currency word, refined by a national adjective.

    >>> currency_code("dollars", "Canadian"), currency_code("stg"), currency_code("apples")
    ('CAD', 'GBP', None)
    """
    if word in CURRENCY_CODES:
        return CURRENCY_PREFIXES.get(word, word)
    base = CURRENCY_WORDS.get(word.lower()) if not word.isupper() else None
    if base is None:
        return None
    if adjective and base == "USD":
        return _DOLLAR_ADJECTIVES.get(" ".join(adjective.split()), "USD")
    if adjective and base == "franc":
        return _FRANC_ADJECTIVES.get(adjective, "franc")
    return base
