"""Numbers as newsrooms write them: digits with separators, and numbers spelled out in words.

This is the arithmetic layer under :mod:`factcheck.text.quantities` and :mod:`factcheck.text.dates`.
It knows nothing about units or spans in an article; it turns the *written form* of a number into
a value and into the rounding step that form implies (its ``precision``), because a verifier that
compares "3.3 million" with 3,312,000 must know the writer only promised the nearest 100,000.

Only the stdlib is used (DEPENDENCIES.md §3: word2number and numerizer get "half a million" and
"point" wrong, and numerizer imports spaCy). Every function is linear in its input.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from typing import Final

UNITS: Final[dict[str, int]] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
TENS: Final[dict[str, int]] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
# Multipliers. "hundred" scales the group it ends; the others close a group (as in "two
# million three hundred thousand").
SCALES: Final[dict[str, int]] = {
    "hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
}  # fmt: skip
# Abbreviated scales used after digits in news copy ("3.3 mln", "£5bn", "$50k").
SCALE_ABBREVIATIONS: Final[dict[str, int]] = {
    "k": 1_000, "thousand": 1_000, "m": 1_000_000, "mn": 1_000_000, "mln": 1_000_000,
    "million": 1_000_000, "b": 1_000_000_000, "bn": 1_000_000_000, "bln": 1_000_000_000,
    "billion": 1_000_000_000, "t": 1_000_000_000_000, "tn": 1_000_000_000_000,
    "trn": 1_000_000_000_000, "trln": 1_000_000_000_000, "trillion": 1_000_000_000_000,
    "mil": 1_000_000,
}  # fmt: skip
ORDINALS: Final[dict[str, int]] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
    "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90, "hundredth": 100,
    "thousandth": 1000, "millionth": 1_000_000,
}  # fmt: skip
# Denominators of spelled fractions: "two-thirds", "a quarter", "three fifths".
DENOMINATORS: Final[dict[str, int]] = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4,
    "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "seventh": 7, "sevenths": 7,
    "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9, "tenth": 10, "tenths": 10,
}  # fmt: skip

_WORD_VALUES: Final[dict[str, int]] = {**UNITS, **TENS}

# One spelled number word (a regex source, used by the extractors): longest first, so that
# "seventeen" is not read as "seven".
NUMBER_WORD_SOURCE: Final[str] = "|".join(sorted([*UNITS, *TENS, *SCALES, "dozen"], key=len, reverse=True))
ORDINAL_WORD_SOURCE: Final[str] = "|".join(sorted(ORDINALS, key=len, reverse=True))

_DIGITS = re.compile(r"[-−]?(?:\d{1,3}(?:[,\u00a0\u202f ]\d{3})+(?!\d)|\d+)(?:\.\d+)?|[-−]?\.\d+")
_TOKEN = re.compile(r"[a-z]+|\d[\d,.]*", re.IGNORECASE)


def parse_digits(text: str) -> float | None:
    """The value of a digit string such as ``"25,000"``, ``"3.3"`` or ``"1 500"``; else ``None``."""
    match = _DIGITS.fullmatch(text.strip())
    if match is None:
        return None
    cleaned = re.sub(r"[,\u00a0\u202f ]", "", match.group()).replace("−", "-")
    try:
        value = float(cleaned)
    except ValueError:  # pragma: no cover - the regex only admits valid floats
        return None
    return value if math.isfinite(value) else None


def digits_precision(text: str) -> float:
    """The rounding step of a digit string: ``"28.6"`` -> 0.1, ``"29"`` -> 1, ``"5,000"`` -> 1.

    Trailing zeros of an integer are *not* read as rounding: "5,000 troops" may be exact, and a
    verifier that needs slack for round numbers can add it; claiming less precision than the
    writer gave would hide real discrepancies.
    """
    if "." in text:
        decimals = len(text.rsplit(".", 1)[1])
        return float(10.0 ** (-decimals))
    return 1.0


def parse_number_prefix(words: list[str]) -> tuple[float, float, int] | None:
    """Parse the longest prefix of lower-case ``words`` that is one spelled number.

    Returns ``(value, precision, words_used)`` or ``None`` when the first word starts no number.
    ``words`` may mix digits and words ("3.3 million", "25 thousand"), may start with ``a``/``an``
    ("a dozen", "a hundred and two") and may contain ``and`` after a scale ("one hundred and
    two"), ``half`` ("half a million", "two and a half") and ``point`` ("three point three").
    Precision is the multiplier of the last group written: "twenty-five thousand" -> 1000.
    """
    reading = _SpelledNumber(words)
    while reading.i < reading.n and reading.step():
        pass
    return reading.best


class _SpelledNumber:
    """The state of :func:`parse_number_prefix` as it reads one word after another: one method a
    kind of word, each saying whether the number goes on (``True``) or ends before that word."""

    def __init__(self, words: list[str]) -> None:
        self.words = words
        self.n = len(words)
        self.i = 0
        self.total = 0.0  # groups closed by thousand/million/...
        self.group = 0.0  # the group being built ("three hundred twenty")
        self.precision = 1.0
        self.seen_number = False
        self.last_scale = 0
        self.last_kind = ""  # "unit" | "ten" | "hundred" | "scale" | "and" | "a" | "digits"
        self.best: tuple[float, float, int] | None = None  # the longest number read so far

    def _snapshot(self) -> tuple[float, float, int]:
        return self.total + self.group, self.precision, self.i

    def step(self) -> bool:
        """Read the word at ``i``; ``False`` when the number ends before it."""
        word = self.words[self.i]
        if word in ("a", "an") and not self.seen_number:
            return self._article()
        if word == "half" and (not self.seen_number or self.last_kind == "and"):
            return self._half()
        if word == "and":
            return self._and()
        if word == "point" and self.seen_number and self.last_kind in ("unit", "ten", "digits"):
            return self._point()
        if word == "dozen":
            return self._dozen()
        if word in SCALES:
            return self._scale(word)
        if word in TENS:
            return self._ten(word)
        if word in UNITS:
            return self._unit(word)
        if not self.seen_number and self.last_kind != "a" and word[:1].isdigit():
            return self._digits(word)
        return False

    def _article(self) -> bool:
        """ "a"/"an": only a number when a scale or "dozen"/"half" follows ("a dozen", "a million")."""
        nxt = self.words[self.i + 1] if self.i + 1 < self.n else ""
        if nxt in SCALES or nxt in ("dozen", "half", "quarter"):
            self.group = 1.0
            self.last_kind = "a"
            self.i += 1
            return True
        return False

    def _half(self) -> bool:
        """ "half a million" (leading), "a half" alone, or "two and a half" (after "and")."""
        if not self.seen_number:
            following = self.words[self.i + 1 : self.i + 3]
            if len(following) == 2 and following[0] in ("a", "an") and following[1] in SCALES:
                scale = SCALES[following[1]]
                self.total, self.group = 0.0, scale / 2
                self.precision = scale / 10
                self.i += 3
                self.seen_number = True
                self.last_kind = "scale"
                self.best = self._snapshot()
                return True
            if self.last_kind == "a":  # "a half" alone
                self.group = 0.5
                self.precision = 0.1
                self.i += 1
                self.seen_number = True
                self.last_kind = "unit"
                self.best = self._snapshot()
                return True
            return False
        self.group += 0.5
        self.precision = min(self.precision, 0.1)
        self.i += 1
        self.last_kind = "unit"
        self.best = self._snapshot()
        return True

    def _and(self) -> bool:
        """ "and" after a scale or number, kept only when a number follows ("a hundred and two")."""
        if self.seen_number and self.last_kind in ("hundred", "scale", "digits", "unit", "ten"):
            # Tentative: only kept if a number follows ("a hundred and two").
            nxt = self.words[self.i + 1] if self.i + 1 < self.n else ""
            if nxt in _WORD_VALUES or (
                nxt in ("a", "an") and self.words[self.i + 2 : self.i + 3] == ["half"]
            ):
                if nxt in ("a", "an"):
                    self.i += 2
                    self.last_kind = "and"
                    return True
                if self.last_kind in ("hundred", "scale"):
                    self.i += 1
                    self.last_kind = "and"
                    return True
        return False

    def _point(self) -> bool:
        """ "three point three (million)": the decimal digits read word by word."""
        j = self.i + 1
        frac = ""
        while j < self.n and self.words[j] in UNITS and UNITS[self.words[j]] < 10:
            frac += str(UNITS[self.words[j]])
            j += 1
        if not frac:
            return False
        self.group += float("0." + frac)
        self.precision = 10.0 ** (-len(frac))
        self.i = j
        self.last_kind = "digits"
        self.best = self._snapshot()
        return True

    def _dozen(self) -> bool:
        """ "a dozen", "three dozen"."""
        if self.last_kind in ("a", "unit", "digits"):
            self.group = (self.group or 1.0) * 12
            self.precision = 12.0 if self.group > 12 else 1.0
            self.i += 1
            self.seen_number = True
            self.last_kind = "scale"
            self.best = self._snapshot()
            return True
        return False

    def _scale(self, word: str) -> bool:
        """ "hundred", "thousand", "million"...: a hundred within the group, a larger scale closes it."""
        if not self.seen_number and self.last_kind != "a":
            return False
        scale = SCALES[word]
        if scale == 100:
            if self.last_kind == "hundred" or self.group >= 100:
                return False
            self.group = (self.group or 1.0) * 100
            self.precision = 100.0 if self.precision >= 1 else self.precision * 100
            self.last_kind = "hundred"
        else:
            step = (
                self.precision * scale if self.precision < 1 or self.last_kind == "digits" else float(scale)
            )
            if self.last_scale and scale >= self.last_scale:
                # "two thousand million" (the old British billion) scales everything so far.
                self.total = (self.total + (self.group or 1.0)) * scale if self.group else self.total * scale
            else:
                self.total += (self.group or 1.0) * scale
            self.precision = step
            self.last_scale = scale
            self.group = 0.0
            self.last_kind = "scale"
        self.seen_number = True
        self.i += 1
        self.best = self._snapshot()
        return True

    def _ten(self, word: str) -> bool:
        """ "twenty", "ninety": a tens word, after a scale, "hundred" or "and" if not first."""
        if self.seen_number and self.last_kind not in ("hundred", "scale", "and"):
            return False
        self.group += TENS[word]
        self.precision = 1.0
        self.last_kind = "ten"
        self.seen_number = True
        self.i += 1
        self.best = self._snapshot()
        return True

    def _unit(self, word: str) -> bool:
        """ "one" to "nineteen": after a tens word (below ten) or a scale, if not first."""
        if self.seen_number and self.last_kind not in ("ten", "hundred", "scale", "and"):
            return False
        if self.last_kind == "ten" and UNITS[word] >= 10:
            return False
        if self.last_kind == "ten" and UNITS[word] == 0:
            return False
        self.group += UNITS[word]
        self.precision = 1.0
        self.last_kind = "unit"
        self.seen_number = True
        self.i += 1
        self.best = self._snapshot()
        return True

    def _digits(self, word: str) -> bool:
        """ "3.3", "25": digits, only as the first word ("3.3 million")."""
        value = parse_digits(word)
        if value is None:
            return False
        self.group = value
        self.precision = digits_precision(word)
        self.seen_number = True
        self.last_kind = "digits"
        self.i += 1
        self.best = self._snapshot()
        return True


def parse_number_words(text: str) -> float | None:
    """The value of a whole written number, or ``None`` if ``text`` is not exactly one number.

    >>> parse_number_words("twenty-five thousand")
    25000.0
    >>> parse_number_words("half a million")
    500000.0
    >>> parse_number_words("3.3 million")
    3300000.0
    """
    words = [w.lower() for w in _TOKEN.findall(text)]
    if not words:
        return None
    stripped = re.sub(r"[a-z]+|\d[\d,.]*|[\s\-–]+", "", text, flags=re.IGNORECASE)
    if stripped:
        return None  # stray punctuation or symbols: not a plain written number
    parsed = parse_number_prefix(words)
    if parsed is None or parsed[2] != len(words):
        return None
    return parsed[0]


_Trie = dict[str, "_Trie"]


def trie_source(words: Iterable[str], *, space: bool = False) -> str:
    """A regex source matching exactly any of ``words``, factored into a prefix tree, as one
    non-capturing group. With ``space``, a space in a word matches any run of whitespace (``\\s+``).

    Python's ``re`` tries every branch of a flat alternation at every position; factoring the
    shared prefixes ("thir|thirteen|thirty" -> ``thir(?:teen|ty)?``) makes the candidate scans of
    the extractors about twice as fast, which matters at 3,355 articles per benchmark run.
    """
    root: _Trie = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: _Trie) -> str:
        branches = [
            (r"\s+" if space and ch == " " else re.escape(ch)) + emit(child)
            for ch, child in sorted(node.items())
            if ch
        ]
        if not branches:
            return ""
        ends = "" in node
        if len(branches) == 1 and not ends:
            return branches[0]
        return "(?:" + "|".join(branches) + (")?" if ends else ")")

    return "(?:" + emit(root) + ")"


def lower_aligned(text: str) -> str:
    """``text.lower()`` with the same length as ``text``, so offsets stay valid.

    A few characters lower-case to two ("İ" -> "i̇"); those are kept as they are.
    """
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)


def lower_window(text: str, start: int, end: int) -> tuple[str, int]:
    """``text[base:end]`` lower-cased (as :func:`lower_aligned`) and ``base``, one before ``start``.

    The extractors run once per statement; lower-casing the whole article each time made an
    article's pass quadratic in its length. The window keeps the character before ``start`` so
    that ``\\b`` at ``start`` still sees its left neighbour: a search of the window from
    ``pos - base`` finds exactly what a search of the whole lowered text from ``pos`` would.
    """
    base = max(0, min(start, end) - 1)
    return lower_aligned(text[base:end]), base


def match_before(pattern: re.Pattern[str], plain: str, lo: int, end: int) -> re.Match[str] | None:
    """The longest match of ``pattern`` that ends exactly at ``end`` and starts within ``lo``.

    ``pattern.search`` over a window retries the whole pattern at every offset (140 µs for the
    hedge pattern); trying ``fullmatch`` only where a word or symbol starts is ~20x cheaper.
    """
    for p in range(lo, end):
        if p == lo or not plain[p - 1].isalnum():
            found = pattern.fullmatch(plain, p, end)
            if found is not None:
                return found
    return None
