"""The compiled patterns of the quantity extractor, built once from the lexicon in ``units``.

Why a module of its own: the patterns are the extractor's grammar, and reading them side by
side shows what a number may look like (``CORE``) and what may follow it (scale, range, percent,
currency word, unit, rate, counted noun) without the control flow around them. Every pattern is
*anchored* where it is used (``match`` at a position, never ``search`` over a window) and has no
nested unbounded quantifier, which keeps the extractor linear in the text.
"""

from __future__ import annotations

import re

from factcheck.text.numbers import (
    DENOMINATORS,
    NUMBER_WORD_SOURCE,
    ORDINAL_WORD_SOURCE,
    ORDINALS,
    SCALES,
    TENS,
    UNITS,
    trie_source,
)
from factcheck.text.units import CURRENCY_CODES, CURRENCY_WORDS, MEASURE_UNITS, PER_UNITS, VAGUE

_FRACTION_WORDS = "|".join(sorted(DENOMINATORS, key=len, reverse=True))
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

CORE = re.compile(
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

_CUR_PREFIX = (
    r"(?P<cur>(?:US|U\.S\.|HK|NZ|AU|A|C|S|NT|R)\s?\$|\$|£|€|¥|₹|"
    r"\b(?:" + "|".join(sorted(CURRENCY_CODES, key=len, reverse=True)) + r")|\bRs\.?)\s?"
)
TIME_AFTER = re.compile(
    r"(?::\d\d(?::\d\d)?)?\s?(?:[ap]\.m\.|(?i:[ap]m)\b|(?:GMT|BST|EST|EDT|PST|CET|UTC|ET)\b)|:\d\d"
)
PHONE = re.compile(
    r"(?:\+?\d{1,3}[\s.-])?(?:\(\d{2,4}\)\s?|\d{2,4}[\s.-])\d{3,4}[\s.-]\d{3,4}\b|\d{3}-\d{4}\b"
)
SLASH_AFTER = re.compile(r"[/.-]\d{1,2}[/.-]\d{2,4}\b|/\d")
ATTACHED = re.compile(r"[A-Za-zμ°\"”″′']+[23]?(?:/[A-Za-z]+)?")
SPACE_SCALE = re.compile(
    r"\s?(?i:(?P<hundred>hundred\s+)?(million|mln|mn|billion|bn|bln|trillion|trn|trln|tn|thousand|mil)\b|"
    r"(?P<only_hundred>hundred)\b(?!\s+and))"
)
RANGE_SEP = re.compile(r"\s*-?\s*(?i:(to|and|or))\s+|\s?[-–—]\s?(?=\d)|-(?=[a-z])")
PERCENT = re.compile(
    r"\s?%|(?:\s?[-\s]?)(?i:(per\s?cent(?:age\s+points?)?|percent(?:age\s+points?)?|pct(?:\s+points?)?"
    r"|pc\b|basis\s+points?|bps|bp|points?|pts))\b"
)
CUR_WORD = re.compile(
    # "a 900m-euro contract", "a 10-dollar bill": a hyphen before a currency word written in full
    r"(?:\s|-(?=(?:euro|dollar|pound|yen|yuan|franc|rupee|rouble|ruble)s?\b))?(?:(?P<adj>US|U\.S\.|Australian|Canadian|Hong\s+Kong|New\s+Zealand|Singapore|Taiwan|"
    r"Swiss|French|Belgian|Mexican|Chinese|Japanese|Indian)\s)?(?P<word>"
    + "|".join(sorted(CURRENCY_WORDS, key=len, reverse=True))
    + r"|"
    + "|".join(sorted(CURRENCY_CODES, key=len, reverse=True))
    + r")\b(?!-)|\s?(?P<sym>[€£¥])"
)
UNIT = re.compile(
    r"(?:\s|-|\s-\s)?(?P<unit>"
    + "|".join(sorted((re.escape(u) for u in MEASURE_UNITS), key=len, reverse=True))
    + r")(?![\w/])(?P<old>(?:-|\s)old\b)?"
)
_PER_UNITS = "|".join(sorted((re.escape(u) for u in PER_UNITS), key=len, reverse=True))
# "£5m a year" is a rate, "£125m a year earlier" a sum at another time: "a year" followed by
# "earlier", "ago", "before", "later", "on"... is a time reference, not "per year" (only for
# units of time: "15 cts a share on sales of" stays a rate).
_TIME_AFTER_UNIT = (
    r"(?i:year|month|week|day|quarter)(?:\s+|-)(?i:earlier|ago|before|later|after|on\b(?!\s+average)|"
    r"previously|back\b|from\s+now)"
)
PER = re.compile(
    r"\s?(?:/|\s(?i:per)\s|\s(?i:an?)\s(?!" + _TIME_AFTER_UNIT + r"))"
    r"(?P<per>" + _PER_UNITS + r")\b"
)
# "one in five", "nine out of 10", "one-in-three".
IN_DENOM = re.compile(rf"[\s-](?i:in|out\s+of)[\s-](?P<den>\d{{1,4}}\b|(?i:{_W})\b)(?!\s*(?:%|per))")
SCI = re.compile(r"[eE]([-+−]?\d{1,3})$|\s?[×x]\s?10\^?([-−]?\d{1,3})$")
SCORE = re.compile(r"[-–](\d{1,2})(?![\d.,%])")
MILLION_NEXT = re.compile(
    r"-(?:euro|dollar|pound|yen|yuan|franc)s?\b|\s+(?:of\b|[a-z]+s\b|people\b|(?:[a-z]+\s+)?(?:tons|tonnes|barrels|people)\b|"
    r"(?:euro|yen|yuan|renminbi|sterling|dlr|stg|won|baht|rand|real|krona|krone|lira|rouble|ruble|rupee|"
    r"ringgit|dollar|pound|franc|peso)\b)"
)
_TRIGGERS = [*UNITS, *TENS, *SCALES, *ORDINALS, *VAGUE, *DENOMINATORS, "dozen", "half", "tens", "twice",
             "thrice", "doubled", "doubling", "tripled", "tripling", "trebled", "quadrupled", "quadrupling",
             "halved", "halving"]  # fmt: skip
CANDIDATE = re.compile(r"[\d½⅓⅔¼¾⅕⅛]|\b" + trie_source(_TRIGGERS) + r"(?:\b|-?fold\b)")
DIGIT_RUN = re.compile(r"\d+")
ARTICLE_BEFORE = re.compile(r"\b(?:half\s+an?|an?)\s+$")
SLASH_RUN = re.compile(r"[\d/.-]+")
CUR_PREFIX_RE = re.compile(_CUR_PREFIX)
