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

The runs are found in ``entity_runs`` and the titles and roles around them in ``entity_roles``;
this module labels each candidate and builds the entities.
"""

from __future__ import annotations

from collections.abc import Container, Sequence

from factcheck.model.article import Entity, EntityLabel
from factcheck.text.entity_roles import appositive_role, leading_role, role_before
from factcheck.text.entity_runs import add_name_words, name_candidates
from factcheck.text.speech_lexicons import Lexicons

_PLACE_ENDS = frozenset({"Sea", "Ocean", "River", "Region", "Province", "County"})


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
        candidates = name_candidates(plain, start, end, lexicons)
        local: set[str] = set()
        add_name_words(plain, candidates, local)
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
    lo, words, role = leading_role(plain, lo, words, span_start, lexicons)
    label = _label(words, lexicons)
    if label is not None and role is not None:
        # "Foreign Ministry": the title word was part of an organisation's name
        lo, words, role = role[0], plain[role[0] : hi].split(), None
        label = _label(words, lexicons)
    if role is None and label is None:
        before = role_before(plain, lo, span_start, lexicons)
        if before is not None:
            role = before[0], before[0] + len(before[1])
    if role is None and label in (None, "person"):
        role = appositive_role(plain, hi, span_end, lexicons)
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


def _beside_bar(plain: str, lo: int, hi: int) -> bool:
    """Whether a "|" separator sits right before or after ``plain[lo:hi]`` (site furniture)."""
    return plain[hi : hi + 3].lstrip(" \u00a0").startswith("|") or plain[max(0, lo - 3) : lo].rstrip(
        " \u00a0"
    ).endswith("|")


def _cue_follows(plain: str, end: int, lexicons: Lexicons) -> bool:
    match = (
        lexicons.cue_pattern.match(plain, end + 1, min(len(plain), end + 30))
        if plain[end : end + 1] == " "
        else None
    )
    return match is not None
