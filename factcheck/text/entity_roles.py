"""Titles and roles around a name: "political analyst Tatiana Stanovaya", "Ukrainian President
Volodymyr Zelenskiy", "Nigel Gould-Davies, a Russia expert at the IISS,", "Glaswegian Jo Reid".

A role is found before the name (a lower-case title and at most one modifier, or a capitalised
affiliation taken whole), inside the run (a title word followed by the name), or after it (an
appositive holding a title word). Kept apart from finding runs (``entity_runs``) and labelling
them (``entities``) because the title lexicon is read only here.
"""

from __future__ import annotations

import re

from factcheck.text.entity_runs import APPOSITIVE, UPPER, WORD
from factcheck.text.speech_lexicons import Lexicons


def _strip_lead(word: str) -> str:
    """A word without the quotation marks or brackets written before it."""
    index = 0
    while index < len(word) and not word[index].isalpha():
        index += 1
    return word[index:]


def role_before(plain: str, pos: int, lower_bound: int, lexicons: Lexicons) -> tuple[int, str] | None:
    """A lower-case title written just before a name ("political analyst", "Trump envoy")."""
    if pos <= lower_bound or not plain[pos - 1].isspace():
        return None
    # Cheap test first: the word just before the name must end some title.
    word_end = pos - 1
    while word_end > lower_bound and plain[word_end - 1].isspace():
        word_end -= 1
    word_start = word_end
    while word_start > lower_bound and not plain[word_start - 1].isspace():
        word_start -= 1
    if _strip_lead(plain[word_start:word_end]).lower() not in lexicons.title_last_words:
        return None
    window_start = max(lower_bound, pos - 60)
    words = [(m.start() + window_start, m.group()) for m in WORD.finditer(plain[window_start:pos])]
    if not words or plain[words[-1][0] + len(words[-1][1]) : pos].strip():
        return None
    for size in range(min(lexicons.title_max_words, len(words)), 0, -1):
        phrase = " ".join(w for _, w in words[-size:]).lower()
        if phrase in lexicons.title_set:
            first = len(words) - size
            # one modifier before the title: "political analyst", "Trump envoy", "former aide";
            # a capitalised one is an affiliation, taken whole: "Franz Ferdinand frontman",
            # "Manchester United manager", "Thames Valley Police spokesman"
            taken = 0
            while first > 0 and taken < 4:
                mod_start, mod = words[first - 1]
                gap = plain[mod_start + len(mod) : words[first][0]]
                lowered = mod.lower()
                if gap.strip() or mod.endswith((".", ",")) or _is_function(lowered, lexicons):
                    break
                if taken and not mod[0].isupper():
                    break
                first -= 1
                taken += 1
                if not mod[0].isupper():
                    break
            return words[first][0], plain[words[first][0] : pos].strip()
    return None


_CUE_LIKE = frozenset({"said", "says", "told", "noted", "added", "stated", "wrote", "by", "with", "and"})


def appositive_role(plain: str, end: int, span_end: int, lexicons: Lexicons) -> tuple[int, int] | None:
    """``, a Russia expert at the IISS,`` after a name: a role if it holds a title word."""
    match = APPOSITIVE.match(plain, end, span_end)
    if not match:
        return None
    words = [w.lower().rstrip(".") for w in WORD.findall(match.group(1))]
    titles = lexicons.title_set
    if any(w in titles or w + "." in titles for w in words) or (
        words and words[0] in ("former", "then") and len(words) > 1
    ):
        return match.start(1), match.end(1)
    return None


def leading_role(
    plain: str, lo: int, words: list[str], span_start: int, lexicons: Lexicons
) -> tuple[int, list[str], tuple[int, int] | None]:
    """A title inside the run ("Ukrainian President Volodymyr Zelenskiy", "Gov. Chris
    Christie") or a descriptor opening it ("Glaswegian Jo Reid"): (where the name starts, its
    words, the role's span or None)."""
    for index in range(len(words) - 1, 0, -1):
        if words[index - 1].lower() not in lexicons.title_last_words:
            continue
        sizes = range(1, min(lexicons.title_max_words, index) + 1)
        if any(" ".join(words[index - n : index]).lower() in lexicons.title_set for n in sizes):
            name_start = lo + len(" ".join(words[:index])) + 1
            return name_start, words[index:], (_extend_left(plain, lo, span_start), name_start - 1)
    if len(words) >= 3 and _descriptor_before_first_name(words, lexicons):
        # "Glaswegian Jo Reid": a demonym or descriptor opening the run is a role, not a name
        role_end = lo + len(words[0])
        return plain.index(words[1], role_end), words[1:], (lo, role_end)
    return lo, words, None


_DESCRIPTOR_ENDS = ("ian", "ish", "ese", "ean", "an", "i", "sh", "er", "man", "woman")


def _descriptor_before_first_name(words: list[str], lexicons: Lexicons) -> bool:
    """ "Glaswegian Jo Reid", "Londoner Sam Hill": a word that is no first name, ending like a
    demonym, before a known first name."""
    first = words[0].lower()
    return (
        first.endswith(_DESCRIPTOR_ENDS)
        and not lexicons.is_first_name(first)
        and lexicons.is_first_name(words[1])
        and words[1][0].isupper()
    )


_FUNCTION_WORDS = frozenset(
    "a an the this that these those and but or so yet however in on at by for from with to of as after "
    "before when while if because although though then now also meanwhile moreover nevertheless".split()
)


def _extend_left(plain: str, pos: int, lower_bound: int) -> int:
    """Take one capitalised modifier into a title ("Ukrainian President"), never "The" or "However"."""
    window = plain[max(lower_bound, pos - 30) : pos]
    match = re.search(rf"([{UPPER}][\w’'-]*)[ \u00a0]$", window)
    if match and match.group(1).lower() not in _FUNCTION_WORDS:
        return pos - len(window) + match.start(1)
    return pos


def _is_function(word: str, lexicons: Lexicons) -> bool:
    return word in lexicons.stop_set or word in _CUE_LIKE or word in _FUNCTION_WORDS
