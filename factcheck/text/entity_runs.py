"""Candidate names: runs of capitalised words, cut and trimmed.

A run is a stretch of capitalised tokens joined by single spaces, possibly through a connector
("Bank of England", "Ursula von der Leyen"); it is cut at possessives and at connectors that do
not belong to an organisation's name ("Paul Miller of Thames Valley Police"), and stop words,
stray connectors and an abbreviated title ("Texas Sen.") are trimmed off its ends. What each
candidate is (a person, an organisation, a place) is ``entities``' job; titles and roles
around it are ``entity_roles``'.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from factcheck.text.speech_lexicons import Lexicons

UPPER = "A-ZÀ-ÖØ-Þ"
_LOWER = "a-zß-öø-ÿ"
# One capitalised token: initials/abbreviations (U.S., F.), or a word with inner hyphens or
# apostrophes (Gould-Davies, O’Brien, Russia’s). Each alternative consumes at least one letter.
_TOKEN = (
    rf"(?:(?:[{UPPER}]\.){{1,4}}(?![{_LOWER}])"
    rf"|[{UPPER}](?:[{UPPER}{_LOWER}0-9]|[’'\-](?=[{UPPER}{_LOWER}]))*)"
)
_CONNECTOR = r"(?:of|for|and|&|de|van|von|der|den|bin|al|da|di|du|le|la|del|dos|ibn)"
# Tokens joined by single spaces, optionally through a connector (and "the"): a run. Every
# repetition must consume a capitalised token, so the pattern is linear.
# The first token is written out so that the pattern opens with a character class (the regex
# engine then skips straight to capitals) and checks "not inside a word" only after one.
_FIRST_TOKEN = (
    rf"[{UPPER}](?<![\w’'].)(?<![\w’']-.)"  # not inside a word; "-President Obama" may open a line
    rf"(?:\.(?:[{UPPER}]\.){{0,3}}(?![{_LOWER}])|(?:[{UPPER}{_LOWER}0-9]|[’'\-](?=[{UPPER}{_LOWER}]))*)"
)
_RUN = re.compile(rf"{_FIRST_TOKEN}(?:[ \u00a0](?:{_CONNECTOR}[ \u00a0](?:the[ \u00a0])?)?{_TOKEN})*")
WORD = re.compile(rf"[{UPPER}{_LOWER}][\w’'.\-]*")
_POSSESSIVE = ("’s", "'s")
_CUTS = re.compile(r" (?:of|for|and|&) ")  # the connectors a run may be cut at
_PERSON_CONNECTORS = frozenset(
    {"de", "van", "von", "der", "den", "bin", "al", "da", "di", "du", "le", "la", "del", "dos", "ibn"}
)
APPOSITIVE = re.compile(
    r",[ \u00a0]+((?:a|an|the|former|then|now|his|her|their)?[^,.;:“”\"()]{2,120}?)(?=,|\.(?:\s|$)|;|$)"
)
_NON_SPACE = re.compile(r"[^ \u00a0]+")
_SENTENCE_END = re.compile(r"(?:[.!?][\"”’)]*|[\"“”:—(])\s*$")


class _Token(NamedTuple):
    text: str
    start: int
    end: int


def _tokens(plain: str, start: int, end: int) -> list[_Token]:
    return [_Token(m.group(), *m.span()) for m in _NON_SPACE.finditer(plain, start, end)]


def _is_sentence_start(plain: str, pos: int, lower_bound: int) -> bool:
    """Whether ``pos`` begins a sentence: the span start, or after end punctuation or an opening mark."""
    before = plain[max(lower_bound, pos - 4) : pos]
    return pos <= lower_bound or not before.strip() or bool(_SENTENCE_END.search(before))


def _bare(text: str) -> str:
    for suffix in _POSSESSIVE:
        if text.endswith(suffix):
            return text[: -len(suffix)]
    return text


def _split_run(plain: str, start: int, end: int, lexicons: Lexicons) -> list[tuple[int, int]]:
    """Cut a run at possessives and at connectors that do not belong to an organisation name."""
    text = plain[start:end]
    if " " not in text and "\u00a0" not in text:
        return [(start, end)]  # one word: nothing to cut (most runs)
    if "\u00a0" not in text and "’s " not in text and "'s " not in text and not _CUTS.search(text):
        return [(start, end)]  # no possessive, no connector: nothing to cut either
    pieces: list[tuple[int, int]] = []
    piece_start = start
    tokens = _tokens(plain, start, end)
    for index, token in enumerate(tokens):
        if token.text.endswith(_POSSESSIVE) and index < len(tokens) - 1:
            pieces.append((piece_start, token.end))
            piece_start = tokens[index + 1].start
    pieces.append((piece_start, end))
    result: list[tuple[int, int]] = []
    for piece_start, piece_end in pieces:
        words = [t for t in _tokens(plain, piece_start, piece_end)]
        org_at = [t.text.lower() in lexicons.organisation_set for t in words]
        has_org = any(org_at)
        current = piece_start
        for index, token in enumerate(words):
            if (
                token.text in ("of", "for", "and", "&")
                and (not has_org or _person_of_organisation(words, org_at, index, current))
                and index > 0
                and " ".join(t.text for t in words[index - 1 : index + 2]).lower() not in lexicons.title_set
            ):
                result.append((current, words[index - 1].end))
                nxt = next((t for t in words[index + 1 :] if t.text != "the"), None)
                current = nxt.start if nxt else piece_end
        if current < piece_end:
            result.append((current, piece_end))
    return result


def _person_of_organisation(words: list[_Token], org_at: list[bool], index: int, current: int) -> bool:
    """ "Paul Miller of Thames Valley Police": an "of" between a name of two words or more and an
    organisation's name, the organisation word only after it (not "Bank of England")."""
    if words[index].text != "of":
        return False
    before = [i for i, t in enumerate(words[:index]) if t.start >= current]
    return len(before) >= 2 and not any(org_at[i] for i in before) and any(org_at[index + 1 :])


def _trim(plain: str, start: int, end: int, lexicons: Lexicons) -> tuple[int, int]:
    """Drop stop words and connectors at either end of a run ("However", "The", "In")."""
    text = plain[start:end]
    if text.lower() in lexicons.place_set:
        return start, end  # "New Hampshire": a stop word that belongs to the name
    if " " not in text and "\u00a0" not in text:
        bare = _bare(text)
        if bare.lower() in lexicons.stop_set or text in _PERSON_CONNECTORS:
            return start, start
        return start, start + len(bare)
    tokens = _tokens(plain, start, end)
    lo, hi = 0, len(tokens)
    while lo < hi and (
        _bare(tokens[lo].text).lower() in lexicons.stop_set or tokens[lo].text in _PERSON_CONNECTORS
    ):
        lo += 1
    while hi > lo and (
        _bare(tokens[hi - 1].text).lower() in lexicons.stop_set or tokens[hi - 1].text in _PERSON_CONNECTORS
    ):
        hi -= 1
    if lo >= hi:
        return start, start
    last = tokens[hi - 1]
    stop = last.end - (2 if last.text.endswith(_POSSESSIVE) else 0)
    return tokens[lo].start, stop


def _drop_title(plain: str, lo: int, hi: int, lexicons: Lexicons) -> int:
    """ "Texas Sen." before "Ted Cruz": a run ending in an abbreviated title is no name itself."""
    last = plain.rfind(" ", lo, hi) + 1
    # (with no space in the run, ``last`` is 0: the text from the article's start, which can only
    # be a title when it is short; checked by length first, not by lower-casing it all)
    if hi + 1 - last <= lexicons.title_max_chars and plain[last : hi + 1].lower() in lexicons.title_set:
        return last - 1 if last > lo else lo
    return hi


def name_candidates(plain: str, start: int, end: int, lexicons: Lexicons) -> list[tuple[int, int, bool]]:
    """Capitalised runs in ``plain[start:end]``, cut and trimmed: (start, end, at sentence start)."""
    candidates: list[tuple[int, int, bool]] = []
    stop_set = lexicons.stop_set
    for match in _RUN.finditer(plain, start, end):
        text = match.group()
        if " " not in text and "\u00a0" not in text and "." not in text:
            # One plain word (most runs): _split_run and _trim reduced to their one-word case.
            bare = _bare(text)
            lowered = bare.lower()
            if lowered in stop_set or text in _PERSON_CONNECTORS:
                if text.lower() not in lexicons.place_set:
                    continue
                bare = text
            lo, hi = match.start(), match.start() + len(bare)
            candidates.append((lo, hi, _is_sentence_start(plain, lo, start)))
            continue
        for piece_start, piece_end in _split_run(plain, match.start(), match.end(), lexicons):
            lo, hi = _trim(plain, piece_start, piece_end, lexicons)
            if hi > lo and plain[hi : hi + 1] == ".":
                hi = _drop_title(plain, lo, hi, lexicons)
            if hi > lo:
                candidates.append(
                    (lo, hi, lo == match.start() and _is_sentence_start(plain, match.start(), start))
                )
    return candidates


def add_name_words(plain: str, candidates: list[tuple[int, int, bool]], names: set[str]) -> None:
    """Add the capitalised words of every multi-word candidate to ``names``."""
    for lo, hi, _ in candidates:
        text = plain[lo:hi]
        if " " in text or "\u00a0" in text:
            names.update(w for w in text.split() if w[0].isupper())
