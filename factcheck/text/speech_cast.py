"""The article's cast: who the people in it are, however the copy refers to them.

News copy introduces a person once ("Rock star Ozzy Osbourne", "Sir Bernard Ingham, Margaret
Thatcher's former press secretary") and then calls them by surname ("Osbourne"), first name
("Ozzy"), honorific ("Mr MacKenzie", "Ms Kelly"), description ("the heavy metal star", "the
England coach") or pronoun. The cast groups those mentions into people, so that every attribution
names its speaker the way the article introduced them, and so that pronouns and descriptions
resolve to a *person*, never to a club, a band or a newspaper mentioned nearby.

Built once per article from the entities (``factcheck.text.entities``):

* a name of two words or more is a person's full name; the same words again are the same person,
  and so is a shorter tail of them ("Van Nistelrooy" for "Ruud van Nistelrooy");
* a one-word name is the surname or first name of a person introduced before it (the first one
  introduced when two share it, unless an honorific says otherwise: "Mrs Osbourne"), else of one
  introduced after it (a surname used before the introduction), else a person known by one name;
* a name written inside another person's role is an affiliation, not a mention of anyone:
  "Franz Ferdinand" in "Franz Ferdinand frontman Alex Kapranos", "Margaret Thatcher" in "Bernard
  Ingham, Margaret Thatcher's former press secretary";
* gender comes from first names, honorifics and role words ("his wife Sharon"), never from
  surnames; it is refined later by the pronouns that resolve unambiguously to a person.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from factcheck.model.article import Entity
from factcheck.text.speech_lexicons import Lexicons

_POSSESSIVES = ("’s", "'s", "’", "'")
#: Honorifics and the gender they state; written before a name ("Mr Bell", "Sir Alex Ferguson").
HONORIFICS = {
    "mr": "m",
    "mr.": "m",
    "sir": "m",
    "lord": "m",
    "mrs": "f",
    "mrs.": "f",
    "ms": "f",
    "ms.": "f",
    "miss": "f",
    "dame": "f",
    "lady": "f",
    "dr": None,
    "dr.": None,
}


def bare_name(text: str) -> str:
    """A name without a possessive ending ("Ferguson's" -> "Ferguson")."""
    for ending in _POSSESSIVES[:2]:
        if text.endswith(ending):
            return text[: -len(ending)]
    return text


@dataclass(eq=False)
class Person:
    """One person of the article: the name as introduced, and what is known about them."""

    name: str  # the fullest name the article gives, as written ("Alex Ferguson")
    start: int  # where that name is written
    end: int
    words: tuple[str, ...]  # the name's words, lower-cased
    introduced: int  # offset of the first full-name mention (or the only one)
    gender: str | None = None
    roles: set[str] = field(default_factory=set)  # lower-case words of every role written with them
    role_text: list[str] = field(default_factory=list)  # the roles as written, lower-cased

    @property
    def surname(self) -> str:
        return self.words[-1]

    @property
    def first(self) -> str | None:
        return self.words[0] if len(self.words) >= 2 else None


#: Letters written after a name, not part of it: "Ruth Kelly MP", "Martin Luther King Jr".
_POST_NOMINALS = frozenset("mp mep msp am qc kc obe mbe cbe jr sr phd".split())


def _words(text: str) -> tuple[str, ...]:
    words = [w.lower().strip(".,") for w in bare_name(text).split()]
    while len(words) > 1 and words[-1] in _POST_NOMINALS:
        words.pop()
    return tuple(words)


class Cast:
    """The people of one article and, for every person entity, which of them it names."""

    def __init__(self, entities: Sequence[Entity], lexicons: Lexicons) -> None:
        self.lexicons = lexicons
        self.people: list[Person] = []
        self.by_start: dict[int, Person] = {}
        persons = sorted((e for e in entities if e.label == "person"), key=lambda e: e.start)
        self.affiliations = _affiliations(persons)
        # every proper tail of a full name -> the first person introduced with it
        self._tails: dict[tuple[str, ...], Person] = {}
        singles = self._full_names(persons)
        self._by_word: dict[str, list[Person]] = {}
        for person in self.people:  # full names only, in order of introduction
            for word in dict.fromkeys(person.words):
                self._by_word.setdefault(word, []).append(person)
        self._single_names(singles)
        for person in self.people:
            if person.gender is None:
                person.gender = self._gender(person)
        self._by_role: dict[str, list[Person]] = {}  # role word -> people, in order of the list
        for person in self.people:
            for role in person.roles:
                self._by_role.setdefault(role, []).append(person)

    def _full_names(self, persons: Sequence[Entity]) -> list[Entity]:
        """People from names of two words or more (the same words, or a tail of an earlier
        one, are the same person); returns the one-word names, for later."""
        full: dict[tuple[str, ...], Person] = {}
        singles: list[Entity] = []
        for entity in persons:
            if entity.start in self.affiliations:
                continue
            words = _words(entity.text)
            if len(words) < 2:
                singles.append(entity)
                continue
            person = full.get(words) or self._tail_of(words)
            if person is None:
                person = Person(entity.text, entity.start, entity.end, words, entity.start)
                self.people.append(person)
                full[words] = person
                for size in range(1, len(words)):
                    self._tails.setdefault(words[-size:], person)
            self._note(person, entity)
        return singles

    def _single_names(self, singles: Sequence[Entity]) -> None:
        """One-word names: a person named in full (see :meth:`named`), else one known by one name."""
        one_name: dict[str, Person] = {}
        for entity in singles:
            words = _words(entity.text)
            if not words:
                continue
            hint = self._honorific_gender(entity)
            person = self.named(words[0], entity.start, hint)
            if person is None:
                person = one_name.get(words[0])
            if person is None:
                person = Person(bare_name(entity.text), entity.start, entity.end, words, entity.start)
                self.people.append(person)
                one_name[words[0]] = person
            self._note(person, entity)

    def _tail_of(self, words: tuple[str, ...]) -> Person | None:
        """An earlier person whose full name ends with these words ("Van Nistelrooy"): the first
        introduced, looked up by the tail rather than by trying every person."""
        return self._tails.get(words)

    def _note(self, person: Person, entity: Entity) -> None:
        self.by_start[entity.start] = person
        if entity.role:
            role = entity.role.lower()
            person.role_text.append(role)
            person.roles.update(bare_name(w.strip(".,")) for w in role.split())
            honorific = HONORIFICS.get(role.split()[-1]) if role.split() else None
            if honorific is not None:
                person.roles.add("__" + honorific)

    def _honorific_gender(self, entity: Entity) -> str | None:
        if not entity.role:
            return None
        words = entity.role.lower().split()
        return HONORIFICS.get(words[-1]) if words else None

    def _gender(self, person: Person) -> str | None:
        found: set[str] = set()
        if person.first is not None:
            by_name = self.lexicons.gender_of(person.first)
            if by_name is not None:
                found.add(by_name)
        for role in person.role_text:
            by_role = self.lexicons.gender_of_title(role)
            if by_role is not None:
                found.add(by_role)
        return found.pop() if len(found) == 1 else None

    def named(self, word: str, position: int, gender: str | None = None) -> Person | None:
        """The person a one-word name means at ``position``: one introduced before it with that
        surname (or first name), the first introduced when several are; else one introduced
        after it. ``gender`` (from an honorific) rules out the others."""
        word = word.lower()
        matches = [p for p in self._by_word.get(word, ()) if gender is None or p.gender in (None, gender)]
        if not matches:
            return None
        before = [p for p in matches if p.introduced <= position]
        surnamed = [p for p in before if p.surname == word] or before
        if surnamed:
            return surnamed[0]
        return matches[0]

    def of(self, entity: Entity) -> Person | None:
        """The person a person entity names (None for an affiliation or a non-person)."""
        return self.by_start.get(entity.start)

    def with_role(self, head: str) -> list[Person]:
        """People whose role, as the article writes it, holds the word ``head``."""
        return list(self._by_role.get(head, ()))


def _affiliations(persons: Sequence[Entity]) -> set[int]:
    """Starts of person entities written inside another person's role: "Franz Ferdinand" in
    "Franz Ferdinand frontman Alex Kapranos", "Margaret Thatcher" in "Bernard Ingham, Margaret
    Thatcher's former press secretary"."""
    found: set[int] = set()
    roles = sorted(
        (e.role_start, e.role_end) for e in persons if e.role_start is not None and e.role_end is not None
    )
    if not roles:
        return found
    # A role holds the entity when it starts at or before it and ends at or after it: the
    # furthest end among the roles starting at or before each entity says so (one pass over
    # both, sorted by start, instead of every role for every entity).
    furthest = -1
    index = 0
    for entity in persons:  # sorted by start
        while index < len(roles) and roles[index][0] <= entity.start:
            furthest = max(furthest, roles[index][1])
            index += 1
        if entity.end <= furthest:
            found.add(entity.start)
    return found
