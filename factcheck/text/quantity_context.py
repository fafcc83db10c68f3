"""What surrounds a number: the readers the quantity extractor uses to type what it found.

A digit string alone says little; the words around it decide whether "1997" is a year, whether
"11" after "iPhone" is a name, whether "one" counts anything ("no one"), which hedge ("about"),
currency ("US$") or range opener ("between") precedes it and which noun it counts ("5,000
jobs"). Those readers live here, apart from the scanner in :mod:`factcheck.text.quantities`,
because each is a small rule with its own exceptions, easier to test and extend one at a time.

Every reader looks at a bounded window (a few tokens, at most 48 characters to the left) with
string operations: a regex *searched* over the window cost 140 µs per number, more than the
rest of the extractor together.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final, Literal

from factcheck.text.numbers import digits_precision, parse_digits, parse_number_prefix
from factcheck.text.quantity_patterns import SCI
from factcheck.text.units import (
    ADJECTIVE_SKIP,
    CHANGE_VERBS,
    COMPARATIVE,
    CURRENCY_CODES,
    CURRENCY_PREFIXES,
    GLUED_ONLY,
    HEDGE_SET,
    INVARIANT_PLURALS,
    NAME_EXCLUDE,
    ONE_BLOCK,
    STOP,
    YEAR_PREPOSITIONS,
)

Kind = Literal["count", "percent", "money", "measure", "ordinal", "year", "multiplier", "fraction"]

_LETTERS = re.compile(r"[A-Za-z]+")
_RANGE_VERB = re.compile(r"rang(?:e|es|ed|ing)|var(?:y|ies|ied|ying)|anywhere")
_SYMBOLS: Final[frozenset[str]] = frozenset("$£€¥₹")
_TOKEN = re.compile(r"\S+")
# The last word of every hedge: a number whose previous token is none of these has no hedge.
_HEDGE_LAST: Final[frozenset[str]] = frozenset(h.split(" ")[-1] for h in HEDGE_SET)
_NOUN = re.compile(r"(?:\s+|-)(?P<w1>[a-z][a-z'’-]*[a-z])(?:\s+(?P<w2>[a-z][a-z'’-]*[a-z]))?")


@dataclass
class NumberRead:
    """A number read at one position: its value, precision, span and how it was written."""

    start: int
    end: int
    value: float
    precision: float
    spelled: bool
    integer_text: str = ""  # the digits as written, for year detection ("1997", not "1,997")
    scaled: bool = False


def plural_like(word: str) -> bool:
    return word in INVARIANT_PLURALS or (
        word.endswith("s") and not word.endswith(("ss", "us", "is", "'s", "’s")) and len(word) > 2
    )


def one_blocked(plain: str, num: NumberRead, lo: int) -> bool:
    """ "the one who", "no one", "one another", "BBC One": uses of a number word that count nothing."""
    text = plain[num.start : num.end]
    if text[:1].isupper() and name_before(plain, lo, num.start):
        return True  # "BBC One", "Kick Six"
    if text.lower() != "one":
        return False
    tokens = tokens_before(plain, lo, num.start, 1)
    if tokens and tokens[0][0].lower() in ONE_BLOCK:
        return True
    after = plain[num.end : num.end + 16].lower()
    return after.startswith(
        ("'s", "’s", " another", "-on-one", "-off", " or two", " by one", " day", " after another", " up")
    )


def tokens_before(plain: str, lo: int, end: int, n: int) -> list[tuple[str, int]]:
    """The last ``n`` whitespace-separated tokens before ``end`` (with their starts), in order."""
    return [(m.group(), m.start()) for m in _TOKEN.finditer(plain, max(lo, end - 48), end)][-n:]


def currency_before(plain: str, lo: int, end: int) -> tuple[str, int] | None:
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


def name_before(plain: str, lo: int, s: int) -> str:
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
        tokens = tokens_before(plain, lo, s, 1)
        word = tokens[0][0].lstrip("(\"'“‘") if tokens else ""
        capitalised = word[:1].isupper() or any(c.isupper() for c in word[1:])
        if word and word not in NAME_EXCLUDE and capitalised and word.replace("&", "").isalpha():
            before = tokens[0][1] if tokens else s
            listed = re.search(r"\b([A-Za-z]+)\s+\d[\d,.]*\s*,\s*$", plain[max(lo, before - 30) : before])
            if listed and listed.group(1).islower():
                # "Republicans hold 79, Democrats 66 and independents 3": a list of amounts (not
                # "Rooney 68, Dunne 75", where the list itself is of names)
                return ""
            return "soft"
    return ""


def left_context(plain: str, lo: int, num: NumberRead) -> tuple[int, str | None, str | None, str | None]:
    """Start, hedge, currency code and range opener ("between", "from", or "change") before a number.

    Read from the few tokens before it with string operations: a regex searched over the window
    cost 140 µs per number, more than the rest of the extractor.
    """
    start = num.start
    approx = currency = pre = None
    cur = currency_before(plain, lo, start)
    if cur is not None:
        currency, start = CURRENCY_PREFIXES.get(cur[0].replace(" ", ""), cur[0]), cur[1]
    elif num.start > lo and plain[num.start - 1] in "-−" and not num.spelled:
        before = plain[num.start - 2] if num.start - 2 >= lo else " "
        if before in " (\t\n":
            num.value, start = -num.value, num.start - 1
    tokens = tokens_before(plain, lo, start, 5)
    if tokens and tokens[-1][0].lower().rstrip("-") == "minus":
        num.value, start = -num.value, tokens[-1][1]
        tokens.pop()
    approx, start = _hedge_before(plain, lo, start, tokens)
    if tokens and tokens[-1][0].lower() in ("between", "from") and tokens[-1][1] + len(tokens[-1][0]) < start:
        pre = tokens[-1][0].lower()
        if len(tokens) > 1 and _RANGE_VERB.fullmatch(tokens[-2][0].lower()):
            pre = "between"
        if pre == "between":
            start = tokens[-1][1]
    elif tokens and approx is None:
        # "rose 3.5p to 120p", "fell by 0.5% to 2.1%": a change and the new level, not a range.
        verb = tokens[-2][0] if len(tokens) > 1 and tokens[-1][0].lower() == "by" else tokens[-1][0]
        if verb.lower() in CHANGE_VERBS:
            pre = "change"
    return start, approx, currency, pre


def _hedge_before(plain: str, lo: int, start: int, tokens: list[tuple[str, int]]) -> tuple[str | None, int]:
    """The hedge written before a number ("~", "about", "more than", "up to") and where the
    quantity then starts; the hedge's tokens are taken off ``tokens``, so the range opener is
    looked for before it."""
    if start > lo and plain[start - 1] == "~":
        return "~", start - 1
    if not (
        tokens
        and tokens[-1][1] + len(tokens[-1][0]) < start  # a space between hedge and number
        and (tokens[-1][0].lower() in _HEDGE_LAST or tokens[-1][0].lstrip("(\"'“‘").lower() in _HEDGE_LAST)
    ):
        return None, start
    for k in (3, 2, 1):
        if len(tokens) < k:
            continue
        first = tokens[-k][0]
        stripped = first.lstrip("(\"'“‘")
        phrase = " ".join([stripped, *(t[0] for t in tokens[len(tokens) - k + 1 :])]).lower()
        if phrase in HEDGE_SET:
            hedge_start = tokens[-k][1] + len(first) - len(stripped)
            del tokens[-k:]
            return phrase, hedge_start
    return None, start


def year_context(plain: str, lo: int, start: int) -> bool:
    """A four-digit number after "in", "since", "by"... is a year even when a noun follows."""
    tokens = tokens_before(plain, lo, start, 1)
    return bool(tokens) and tokens[0][0].lower().strip("(,") in YEAR_PREPOSITIONS


def is_year(num: NumberRead, kind: Kind) -> bool:
    text = num.integer_text
    return (
        kind == "count" and len(text) == 4 and text.isdigit() and 1500 <= int(text) <= 2100 and not num.scaled
    )


def unit_ok(num: NumberRead, unit_match: re.Match[str]) -> bool:
    """Reject unit readings that are really ordinary words ("two in my car", "5 m" of a list)."""
    surface = unit_match["unit"]
    glued = unit_match.start("unit") == num.end
    if surface in GLUED_ONLY and not glued:
        return False
    return not (num.spelled and surface in GLUED_ONLY)


def counted_noun(plain: str, pos: int, stop: int, value: float, kind: Kind) -> tuple[int, str | None, Kind]:
    """The noun a count counts: "5,000 jobs", "three key elements", "one man"."""
    noun = _NOUN.match(plain, pos, stop)
    if noun is None:
        return pos, None, kind
    w1 = noun["w1"]
    w2 = noun["w2"]
    if w1 == "times":
        if w2 in COMPARATIVE:
            return noun.end("w1"), None, "multiplier"
        return noun.end("w1"), "times", kind
    if w1 in STOP or w1.endswith("ly"):
        return pos, None, kind
    if w2 and w2 not in STOP and plural_like(w2) and (w1 in ADJECTIVE_SKIP or not plural_like(w1)):
        if w1 not in ("of",) and (value != 1 or w1 in ADJECTIVE_SKIP):
            return noun.end("w2"), w2, kind
    if plural_like(w1) or value == 1:
        return noun.end("w1"), w1, kind
    return pos, None, kind


def read_number(plain: str, match: re.Match[str], stop: int) -> NumberRead | None:
    """Value of a ``digits`` or ``words`` core; a spelled core is trimmed to what parses."""
    s, e = match.span()
    text = match.group()
    if match.lastgroup == "digits":
        sci = SCI.search(text)
        mantissa = text[: sci.start()] if sci else text
        value = parse_digits(mantissa)
        if value is None:
            return None
        precision = digits_precision(mantissa)
        if sci:
            exponent = int((sci.group(1) or sci.group(2)).replace("−", "-"))
            value, precision = value * 10.0**exponent, precision * 10.0**exponent
        plain_int = mantissa if "," not in mantissa and not sci else ""
        return NumberRead(s, e, value, precision, False, plain_int)
    tokens = [(m.group().lower(), m.start(), m.end()) for m in _LETTERS.finditer(text)]
    while tokens:
        parsed = parse_number_prefix([t[0] for t in tokens])
        if parsed is not None:
            value, precision, used = parsed
            return NumberRead(s + tokens[0][1], s + tokens[used - 1][2], value, precision, True)
        if tokens[0][0] not in ("a", "an"):
            return None
        tokens = tokens[1:]
    return None
