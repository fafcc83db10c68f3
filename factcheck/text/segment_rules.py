"""Sentence-boundary lexicons, the post-fixes applied to any splitter, and a pure-regex splitter.

Why a separate module: ``segment.py`` runs nupunkt (a trained Punkt model) and then corrects the
few decisions Punkt gets systematically wrong in news copy. Those corrections, and the word lists
they need, are shared with :func:`regex_sentences`, a dependency-free splitter kept as the test
oracle and as the fallback should nupunkt ever be unavailable. Keeping both on one set of rules
means a disagreement between them points at the statistical model, not at two rule sets drifting.

Every function works on absolute offsets into one string and never builds a modified copy of the
text, so spans stay valid in ``Article.source``. Every scan is a single left-to-right pass with
bounded regexes: linear in the input.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

Span = tuple[int, int]

# Titles written before a name: never the end of a sentence when a capitalised word follows
# ("Gen. Milley", "Sen. Warren"). "St." is left out: it also ends sentences ("on Main St.").
TITLES = frozenset(
    "mr mrs ms dr prof gen lt col maj capt sgt cpl adm gov sen rep rev hon mt ft pres supt insp "
    "det cmdr brig messrs mme mlle sec atty amb".split()
)

# Abbreviations that are usually followed by a number ("No. 2", "Rs. 3520", "Jan. 20", "p. 55").
NUMBER_ABBREVS = frozenset(
    "no nos rs p pp vol vols art arts fig figs ch para paras sect approx ca est tel op "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)

# Other abbreviations that end with a period but rarely end a sentence; they end one only when
# a typical sentence starter follows ("... Pitt, Briggs & Co. at noon" vs "... the U.S. The").
OTHER_ABBREVS = frozenset(
    "inc ltd co corp bros jr sr etc al vs cf viz dept univ assn ave blvd rd st fwy hwy mfg "
    "govt intl natl mln bln dlrs pct yr yrs mos wk".split()
)

# Capitalised words that begin sentences far more often than they continue a name: after an
# ambiguous abbreviation ("the U.S. The", "6 p.m. He"), one of these signals a new sentence.
# Function words only, never content words, so "the U.S. Senate" and "U.S. Europe" stay whole.
STARTERS = frozenset(
    "a after also although an and as at because being both but by despite did during for he her "
    "here his how however i if in it its many meanwhile millions more most nevertheless no on "
    "our she since so some such that the their then there these they this those thus to under "
    "we what when where which while who why with yet you".split()
)

# Units written with a period ("108.00 cents a lb."): they never precede a name, so a
# capitalised word after one starts a new sentence.
UNIT_ABBREVS = frozenset("lb lbs oz kg km cm mm mph yds gals bbl bbls cu".split())

# Capitalised words that may follow "5 p.m." inside one sentence: days, months, time zones.
TIME_CONTINUERS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs "
    "fri sat sun january february march april may june july august september october november "
    "december jan feb mar apr jun jul aug sep sept oct nov dec est edt cst cdt mst mdt pst pdt "
    "et ct mt pt gmt bst cet cest eet utc jst ist aest msk eastern central mountain pacific "
    "atlantic local".split()
)

_CLOSERS = "\"'”’)]}»"
_OPENERS = "\"'“‘([{«"
_ENUMERATOR = re.compile(r"[^\w\s]?(?:\d{1,3}|[A-Za-z]|[ivxlcIVXLC]{1,5})(?:\.\)|[.)])")
# A list marker opening a span ("(ii) ", "b) "): lowercase, yet it starts a new item.
_LIST_MARK = re.compile(r"\(?(?:[a-z]|[ivx]{1,5}|\d{1,3})\)\s")
_FOOTNOTES = re.compile(r"(?:\[\d{1,3}\]){1,8}")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
# An abbreviation written with inner periods ("U.S.", "a.m.", "Ph.D.", "D.C.") or a company
# suffix, then closing punctuation, whitespace and a capitalised word.
_AMBIGUOUS_END = re.compile(
    r"(?<![\w.])((?:[A-Za-z]{1,2}\.){2,5}|(?:Inc|Corp|Co|Ltd|Bros|Jr|Sr|etc|lbs?|oz|kg|km|cm|mm|mph|yds|gals|bbls?|cu)\.)"
    r"([\"'”’)\]]{0,3})(\s+)([A-Z][A-Za-z'’-]*)"
)
# What every ``_AMBIGUOUS_END`` match contains; it starts with a literal, so ``re`` scans for it
# with a fast prefix search, while ``_AMBIGUOUS_END`` is tried at every offset.
_PERIOD_BEFORE_CAPITAL = re.compile(r"\.[\"'”’)\]]{0,3}\s+[A-Z]")
_TIME_NUMBER = re.compile(r"\d{1,2}(?:[:.]\d\d)?\s*$")
# A sentence cut off after an abbreviation needs some substance: "At 5 a.m." alone is not one.
_MIN_WORDS_BEFORE_ABBREV_BREAK = 4
_TOKEN = re.compile(r"\S+")
_DOTTED_ONLY = re.compile(r"(?:[A-Za-z]{1,2}\.){2,5}")
_DOTTED = re.compile(r"(?:[A-Za-z]{1,2}\.){1,5}[A-Za-z]{1,2}")  # "U.S" of "U.S.", "Ph.D" of "Ph.D."


def trim(text: str, start: int, end: int) -> Span:
    """Shrink ``[start, end)`` past leading and trailing whitespace (empty spans collapse)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _first_word(text: str, start: int, end: int) -> tuple[int, str]:
    """The position of the first letter or digit in a span (skipping up to 4 punctuation marks)."""
    i = start
    limit = min(end, start + 6)
    while i < limit and not text[i].isalnum():
        i += 1
    if i >= end or not text[i].isalnum():
        return -1, ""
    match = _WORD.match(text, i, end)
    return i, match.group(0) if match else text[i]


def _starts_lowercase(text: str, start: int, end: int) -> bool:
    """True if a span opens with a lowercase word, so it cannot be a new sentence.

    camelCase brand names ("iPhone", "eBay") count as capitalised: they can start a sentence.
    """
    pos, word = _first_word(text, start, end)
    if pos < 0 or not text[pos].islower():
        return False
    return not any(ch.isupper() for ch in word[1:])


def _last_word(text: str, start: int, end: int) -> str:
    """The final whitespace-delimited token of a span, without closing punctuation."""
    i = end
    while i > start and not text[i - 1].isspace():
        i -= 1
    return text[i:end].rstrip(_CLOSERS).lstrip(_OPENERS)


def _abbrev_stem(token: str) -> str:
    """``"Mr."`` -> ``"mr"``; ``""`` when the token does not end in a single period."""
    if not token.endswith(".") or token.endswith(".."):
        return ""
    return token[:-1].lower()


def _should_merge(text: str, prev: Span, nxt: Span) -> bool:
    """Decide whether a proposed boundary between two spans is wrong and must be undone."""
    if _starts_lowercase(text, nxt[0], nxt[1]) and not _LIST_MARK.match(text, nxt[0], nxt[1]):
        return True  # "Yahoo! in the ...", "?” she asked", "... and left"
    if _ENUMERATOR.fullmatch(text, prev[0], prev[1]) or _DOTTED_ONLY.fullmatch(text, prev[0], prev[1]):
        return True  # "2." or "E.F." alone is a list marker or a name's start, not a sentence
    last = _last_word(text, prev[0], prev[1])
    if _DOTTED_ONLY.fullmatch(last) and _TOKEN.fullmatch(text, nxt[0], nxt[1]):
        return True  # "30 mln N.Z." + "Dlrs.": a one-word sentence after an abbreviation
    stem = _abbrev_stem(last)
    if not stem:
        return False
    first = text[nxt[0]]
    if stem in NUMBER_ABBREVS and first.isdigit():
        return True  # "Rs. 3520", "No. 2", "Jan. 20"
    return stem in TITLES and first.isupper()  # "Gen. Milley"


def merge_false_breaks(text: str, spans: Iterable[Span]) -> list[Span]:
    """Undo boundaries that no news sentence would have; move footnote markers back.

    A Wikipedia-style reference run (``[7][8]``) that a splitter put at the start of the next
    sentence belongs to the end of the previous one.
    """
    out: list[Span] = []
    for span in spans:
        start, end = span
        if out:
            marks = _FOOTNOTES.match(text, start, end)
            if marks and (marks.end() == end or text[marks.end()].isspace()):
                out[-1] = (out[-1][0], marks.end())
                start, end = trim(text, marks.end(), end)
                if start >= end:
                    continue
            if _should_merge(text, out[-1], (start, end)):
                out[-1] = (out[-1][0], end)
                continue
        out.append((start, end))
    return out


def _ambiguous_break(text: str, match: re.Match[str]) -> bool:
    """Does the abbreviation in ``match`` end its sentence, judged by the word after it?"""
    abbrev, word = match.group(1), match.group(4)
    if abbrev[:-1] in UNIT_ABBREVS:
        return True
    if abbrev.lower() in ("a.m.", "p.m."):
        before = text[max(0, match.start() - 8) : match.start()]
        if _TIME_NUMBER.search(before):
            if word.lower() in TIME_CONTINUERS:
                return False
            after = text[match.end() : match.end() + 6].lower()
            return not after.startswith(" time")  # "5 p.m. London time"
    return word.lower() in STARTERS


def split_missed_breaks(text: str, spans: Iterable[Span]) -> list[Span]:
    """Split after an abbreviation that also ends its sentence ("in the U.S. Millions watched").

    Punkt keeps "U.S." and "p.m." inside sentences because they usually are. They end one when the
    next word is a function word that starts sentences, or, after a clock time, any capitalised
    word that is not a day, month or time zone ("at 6 P.M. Mr. Smith went").
    """
    out: list[Span] = []
    for start, end in spans:
        if _PERIOD_BEFORE_CAPITAL.search(text, start, end) is None:
            out.append((start, end))  # the common case, found by a literal-prefix scan
            continue
        piece_start = start
        for match in _AMBIGUOUS_END.finditer(text, start, end):
            words_before = len(_TOKEN.findall(text, piece_start, match.end(1)))
            if words_before >= _MIN_WORDS_BEFORE_ABBREV_BREAK and _ambiguous_break(text, match):
                out.append((piece_start, match.end(2)))
                piece_start = match.start(4)
        out.append((piece_start, end))
    return out


def postfix(text: str, spans: Iterable[Span]) -> list[Span]:
    """The shared corrections, in order: undo false breaks, then add missed ones."""
    return split_missed_breaks(text, merge_false_breaks(text, spans))


# ---------------------------------------------------------------------------------------------
# The regex splitter: the oracle the tests compare nupunkt against, and the fallback.
# ---------------------------------------------------------------------------------------------


def _period_ends_sentence(core: str, next_token: str) -> bool:
    """Judge a token ending in one period ("Mr.", "U.S.", "1,000.") against the next token."""
    word = core[:-1]
    lower = word.lower()
    next_word = next_token.lstrip(_OPENERS).rstrip(".,;:!?" + _CLOSERS).lower()
    if lower in TITLES:
        return False
    if lower in NUMBER_ABBREVS:
        return not next_token[:1].isdigit() and next_word in STARTERS
    if lower in OTHER_ABBREVS or _DOTTED.fullmatch(word) or (len(word) == 1 and word.isalpha()):
        return next_word in STARTERS
    return True


def _boundary_after(token: str, next_token: str) -> bool:
    """Whether a sentence ends between two adjacent whitespace-separated tokens."""
    core = token.rstrip(_CLOSERS)
    if not core or core[-1] not in ".!?…":
        return False
    opener = next_token.lstrip(_OPENERS)
    if not opener or not (opener[0].isupper() or opener[0].isdigit()):
        return False
    if core[-1] != "." or core.endswith(".."):
        return True
    return _period_ends_sentence(core.lstrip(_OPENERS), next_token)


def regex_sentences(text: str, start: int, end: int) -> list[Span]:
    """Split ``text[start:end]`` with rules alone: abbreviation lists, initials, sentence starters.

    Boundaries only fall at whitespace, so decimals ("3.3 million", "$3.50") and URLs are never
    split; newlines are ordinary whitespace. The shared post-fixes are applied to the result.
    """
    spans: list[Span] = []
    piece_start = -1
    previous: re.Match[str] | None = None
    for match in _TOKEN.finditer(text, start, end):
        if piece_start < 0:
            piece_start = match.start()
        elif previous is not None and _boundary_after(previous.group(0), match.group(0)):
            spans.append((piece_start, previous.end()))
            piece_start = match.start()
        previous = match
    if previous is not None:
        spans.append((piece_start, previous.end()))
    return postfix(text, spans)
