"""Named entities by capitalisation: people with their titles and roles, organisations, places.

A statistical tagger is 290 MB and 100+ ms an article; news prose names people in a handful of
fixed shapes, which rules find as well (DEPENDENCIES.md §2b: 7/7 people on the seed article
where spaCy found 6): a run of capitalised words, optionally preceded by a title ("Ukrainian
President Volodymyr Zelenskiy", "political analyst Tatiana Stanovaya") or followed by an
appositive role ("Nigel Gould-Davies, a Russia expert at the IISS,"). Lexicons decide the rest:
``not_a_name`` trims sentence openers and pronouns off a run, ``organisation_words`` and
``places`` label it, ``person_titles`` marks roles. A lone capitalised word at a sentence start
is kept only when the same word is a name elsewhere in the span, or a cue verb follows it
("Kozyrev remarked"), because most sentence-initial capitals are ordinary words.
"""

from __future__ import annotations

import re
from collections.abc import Container, Sequence
from typing import NamedTuple

from factcheck.model.article import Entity, EntityLabel
from factcheck.text.speech_lexicons import Lexicons

_UPPER = "A-ZÀ-ÖØ-Þ"
_LOWER = "a-zß-öø-ÿ"
# One capitalised token: initials/abbreviations (U.S., F.), or a word with inner hyphens or
# apostrophes (Gould-Davies, O’Brien, Russia’s). Each alternative consumes at least one letter.
_TOKEN = (
    rf"(?:(?:[{_UPPER}]\.){{1,4}}(?![{_LOWER}])"
    rf"|[{_UPPER}](?:[{_UPPER}{_LOWER}0-9]|[’'\-](?=[{_UPPER}{_LOWER}]))*)"
)
_CONNECTOR = r"(?:of|for|and|&|de|van|von|der|den|bin|al|da|di|du|le|la|del|dos|ibn)"
# Tokens joined by single spaces, optionally through a connector (and "the"): a run. Every
# repetition must consume a capitalised token, so the pattern is linear.
# The first token is written out so that the pattern opens with a character class (the regex
# engine then skips straight to capitals) and checks "not inside a word" only after one.
_FIRST_TOKEN = (
    rf"[{_UPPER}](?<![\w’'].)(?<![\w’']-.)"  # not inside a word; "-President Obama" may open a line
    rf"(?:\.(?:[{_UPPER}]\.){{0,3}}(?![{_LOWER}])|(?:[{_UPPER}{_LOWER}0-9]|[’'\-](?=[{_UPPER}{_LOWER}]))*)"
)
_RUN = re.compile(rf"{_FIRST_TOKEN}(?:[ \u00a0](?:{_CONNECTOR}[ \u00a0](?:the[ \u00a0])?)?{_TOKEN})*")
_WORD = re.compile(rf"[{_UPPER}{_LOWER}][\w’'.\-]*")
_POSSESSIVE = ("’s", "'s")
_PLACE_ENDS = frozenset({"Sea", "Ocean", "River", "Region", "Province", "County"})
_CUTS = re.compile(r" (?:of|for|and|&) ")  # the connectors a run may be cut at
_PERSON_CONNECTORS = frozenset(
    {"de", "van", "von", "der", "den", "bin", "al", "da", "di", "du", "le", "la", "del", "dos", "ibn"}
)
_APPOSITIVE = re.compile(
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


def _label(words: list[str], lexicons: Lexicons) -> EntityLabel | None:
    """Organisation or place from the lexicons; None when the words alone do not say."""
    if len(words) == 1:  # most candidates: the same tests on one word
        word = words[0]
        lowered_word = word.lower()
        if lowered_word in lexicons.organisation_set:
            return "organisation"
        if lowered_word in lexicons.place_set or word in _PLACE_ENDS:
            return "place"
        if word.isupper() and len(word.replace(".", "")) >= 2:
            return "organisation"
        return None
    lowered = [w.lower() for w in words]
    full = " ".join(words).lower()
    if len(words) >= 3 and all(w.isupper() for w in words):
        return "other"  # a heading in capitals ("CONGRESS HAS INVESTIGATED HIM"), not a name
    if any(w in lexicons.organisation_set for w in lowered):
        return "organisation"
    if full in lexicons.place_set or words[-1] in _PLACE_ENDS:
        return "place"
    return None


def _strip_lead(word: str) -> str:
    """A word without the quotation marks or brackets written before it."""
    index = 0
    while index < len(word) and not word[index].isalpha():
        index += 1
    return word[index:]


def _role_before(plain: str, pos: int, lower_bound: int, lexicons: Lexicons) -> tuple[int, str] | None:
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
    words = [(m.start() + window_start, m.group()) for m in _WORD.finditer(plain[window_start:pos])]
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


def _appositive(plain: str, end: int, span_end: int, lexicons: Lexicons) -> tuple[int, int] | None:
    """``, a Russia expert at the IISS,`` after a name: a role if it holds a title word."""
    match = _APPOSITIVE.match(plain, end, span_end)
    if not match:
        return None
    words = [w.lower().rstrip(".") for w in _WORD.findall(match.group(1))]
    titles = lexicons.title_set
    if any(w in titles or w + "." in titles for w in words) or (
        words and words[0] in ("former", "then") and len(words) > 1
    ):
        return match.start(1), match.end(1)
    return None


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


def _candidates(plain: str, start: int, end: int, lexicons: Lexicons) -> list[tuple[int, int, bool]]:
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


def _name_words(plain: str, candidates: list[tuple[int, int, bool]], names: set[str]) -> None:
    """Add the capitalised words of every multi-word candidate to ``names``."""
    for lo, hi, _ in candidates:
        text = plain[lo:hi]
        if " " in text or "\u00a0" in text:
            names.update(w for w in text.split() if w[0].isupper())


def extract_entities(plain: str, start: int, end: int, lexicons: Lexicons) -> list[Entity]:
    """Candidate named entities in ``plain[start:end]``, in text order, labelled and with roles."""
    return article_entities(plain, [(start, end)], lexicons)


def article_entities(plain: str, spans: Sequence[tuple[int, int]], lexicons: Lexicons) -> list[Entity]:
    """The named entities of an article, statement by statement (``spans``, in text order).

    A run never crosses a span, and titles, roles and appositives are looked for inside the
    span, but which words are names is an article-wide fact: a lone capitalised word opening a
    sentence ("Wenger initially refused …") is a name when the article writes it inside a longer
    person's name anywhere ("Arsene Wenger"), as a reader knows by then. (Inside the same
    statement any longer name counts, as it always did.)"""
    found: list[tuple[int, int, list[tuple[int, int, bool]], set[str], dict[int, Entity | None]]] = []
    person_words: set[str] = set()
    for start, end in spans:
        end = min(end, len(plain))
        candidates = _candidates(plain, start, end, lexicons)
        local: set[str] = set()
        _name_words(plain, candidates, local)
        longer: dict[int, Entity | None] = {}
        for index, (lo, hi, initial) in enumerate(candidates):
            text = plain[lo:hi]
            if " " in text or "\u00a0" in text:
                entity = longer[index] = _classify(plain, lo, hi, initial, start, end, local, lexicons)
                if entity is not None and entity.label == "person":
                    person_words.update(w for w in entity.text.split() if w[0].isupper())
        found.append((start, end, candidates, local, longer))
    entities: list[Entity] = []
    for start, end, candidates, local, longer in found:
        names = _Either(local, person_words)  # not a union: person_words is the whole article's
        for index, (lo, hi, initial) in enumerate(candidates):
            entity = (
                longer[index]
                if index in longer
                else _classify(plain, lo, hi, initial, start, end, names, lexicons)
            )
            if entity is not None:
                entities.append(entity)
    return entities


class _Either:
    """Membership in either of two sets, without building their union (one set is the whole
    article's, the other one statement's: a union per statement grows with the article)."""

    __slots__ = ("first", "second")

    def __init__(self, first: set[str], second: set[str]) -> None:
        self.first = first
        self.second = second

    def __contains__(self, word: object) -> bool:
        return word in self.first or word in self.second


def _classify(
    plain: str,
    lo: int,
    hi: int,
    initial: bool,
    span_start: int,
    span_end: int,
    names: Container[str],
    lexicons: Lexicons,
) -> Entity | None:
    words = plain[lo:hi].split()
    lo, words, role = _leading_role(plain, lo, words, span_start, lexicons)
    label = _label(words, lexicons)
    if label is not None and role is not None:
        # "Foreign Ministry": the title word was part of an organisation's name
        lo, words, role = role[0], plain[role[0] : hi].split(), None
        label = _label(words, lexicons)
    if role is None and label is None:
        before = _role_before(plain, lo, span_start, lexicons)
        if before is not None:
            role = before[0], before[0] + len(before[1])
    if role is None and label in (None, "person"):
        role = _appositive(plain, hi, span_end, lexicons)
    if role is not None and label is None:
        label = "person"
    if label is None:
        label = _unlabelled(plain, lo, hi, words, initial, names, lexicons)
        if label is None:
            return None
    return Entity.trusted(
        start=lo,
        end=hi,
        text=plain[lo:hi],
        label=label,
        role=plain[role[0] : role[1]].strip(" ,") if role is not None else None,
        role_start=role[0] if role is not None else None,
        role_end=role[1] if role is not None else None,
    )


def _leading_role(
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


def _unlabelled(
    plain: str,
    lo: int,
    hi: int,
    words: list[str],
    initial: bool,
    names: Container[str],
    lexicons: Lexicons,
) -> EntityLabel | None:
    """The label of a run neither the lexicons nor a role settled; None when a lone capital
    opening a sentence is no name."""
    if len(words) >= 2 and all(w.isupper() for w in words):
        return "other"  # a heading in capitals, not a name
    if len(words) >= 2 and all(w[0].isupper() for w in words[-2:]):
        # "Defence Talks | Defense News Hub": a name beside a "|" is a masthead or a menu
        return "other" if _beside_bar(plain, lo, hi) else "person"
    if initial and words[0] not in names and not _cue_follows(plain, hi, lexicons):
        return None
    if words[0] in names or _cue_follows(plain, hi, lexicons):
        return "person"
    return "other"


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


def _beside_bar(plain: str, lo: int, hi: int) -> bool:
    """Whether a "|" separator sits right before or after ``plain[lo:hi]`` (site furniture)."""
    return plain[hi : hi + 3].lstrip(" \u00a0").startswith("|") or plain[max(0, lo - 3) : lo].rstrip(
        " \u00a0"
    ).endswith("|")


def _extend_left(plain: str, pos: int, lower_bound: int) -> int:
    """Take one capitalised modifier into a title ("Ukrainian President"), never "The" or "However"."""
    window = plain[max(lower_bound, pos - 30) : pos]
    match = re.search(rf"([{_UPPER}][\w’'-]*)[ \u00a0]$", window)
    if match and match.group(1).lower() not in _FUNCTION_WORDS:
        return pos - len(window) + match.start(1)
    return pos


def _cue_follows(plain: str, end: int, lexicons: Lexicons) -> bool:
    match = (
        lexicons.cue_pattern.match(plain, end + 1, min(len(plain), end + 30))
        if plain[end : end + 1] == " "
        else None
    )
    return match is not None


def _is_function(word: str, lexicons: Lexicons) -> bool:
    return word in lexicons.stop_set or word in _CUE_LIKE or word in _FUNCTION_WORDS
