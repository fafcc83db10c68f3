"""The per-article state every attribution step shares, and who is salient where.

The masked text, the entities by position, the sentences and the people and organisations each
mentions, and the list of recent speakers live here, with the look-ups a pronoun or a
description needs: the person "he" most likely means at a position (the nearest sentence's first
person of a compatible gender), the organisation "it" means. Kept apart from reading speaker
phrases (``speech_speakers``) and finding a sentence's subject (``speech_subjects``), which both
build on this state.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field

from factcheck.model.article import Attribution, Block, Entity, Quotation
from factcheck.text.speech_cast import Cast, Person
from factcheck.text.speech_grammar import masked_text, words_in
from factcheck.text.speech_lexicons import Lexicons

#: Possessives and reflexives that point back to the sentence's subject, a man or a woman. A
#: subject pronoun is left out ("Richards says she must …" is about someone else), and so is
#: "her" (an object as often as a possessive).
_MALE_PRONOUNS = frozenset({"his", "himself"})
_FEMALE_PRONOUNS = frozenset({"herself"})


@dataclass(eq=False)
class Speaker:
    """A resolved speaker: text and span in the article, what kind of thing it is."""

    text: str
    start: int
    end: int
    kind: str  # "person", "organisation", "group", "other"
    gender: str | None = None
    person: Person | None = None  # the cast member, for a person the article names

    def same_as(self, other: Speaker | None) -> bool:
        if other is None:
            return False
        if self.person is not None or other.person is not None:
            return self.person is other.person
        return self.text.lower() == other.text.lower()


@dataclass
class Sentence:
    """One sentence of the masked text and what attribution has found in it so far."""

    start: int
    end: int
    block: int
    quotes: list[Quotation]
    found: list[Attribution] = field(default_factory=list)
    covered: set[int] = field(default_factory=set)  # starts of quotations some cue covers
    speaker: Speaker | None = None  # the last speaker of this sentence
    subject: tuple[int, int] | None = None  # the last speaker phrase a cue found in it
    first_subject: tuple[int, int] | None = None  # the first one: the main clause's subject
    #: The people this sentence mentions outside quotation marks, in text order, with where;
    #: a pronoun or description resolved in it is added as a mention of its person.
    mentions: list[tuple[int, Person]] = field(default_factory=list)
    #: The organisations it names outside quotation marks, in text order ("it said").
    orgs: list[Entity] = field(default_factory=list)


def trim_span(masked: str, start: int, end: int) -> tuple[int, int]:
    """A content span without surrounding spaces, commas, dashes or a final full stop."""
    while start < end and (masked[start].isspace() or masked[start] in ",:;—–-"):
        start += 1
    while end > start and (masked[end - 1].isspace() or masked[end - 1] in ",:;—–-"):
        end -= 1
    if end > start and masked[end - 1] == "." and masked[start] not in "“\"‘'":
        end -= 1
    return start, end


class ArticleMentions:
    """Per-article state shared by every attribution step, and who is salient at a position."""

    def __init__(
        self,
        plain: str,
        blocks: Sequence[Block],
        quotations: Sequence[Quotation],
        entities: Sequence[Entity],
        lexicons: Lexicons,
    ) -> None:
        self.plain = plain
        self.masked = masked_text(plain, quotations)
        self.blocks = blocks
        self.quotations = sorted(quotations, key=lambda q: q.start)
        self.entities = {e.start: e for e in entities if e.label in ("person", "organisation")}
        self.entity_ends = {e.end: e for e in self.entities.values()}
        self.person_starts = sorted(e.start for e in self.entities.values() if e.label == "person")
        # Any capitalised name, whatever its label, by end: "… - HuffPollster: “…”"
        self.name_ends = {e.end: e for e in entities if e.label != "place"}
        # "Scott Reed, the Chamber's chief strategist, who …": the appositive ends at the comma
        self.role_ends = {
            e.role_end: e
            for e in entities
            if e.role_end is not None and e.label == "person" and e.role_end > e.end
        }
        self.role_starts = {
            e.role_start: e for e in entities if e.role_start is not None and e.label == "person"
        }
        self.name_starts_map = {e.start: e for e in entities if e.label != "place"}
        self.any_starts = frozenset(e.start for e in entities)
        # Where a name (or the title before one) starts: subject_before prefers these pieces.
        self.name_starts = frozenset(self.entities) | frozenset(self.role_starts)
        self.lexicons = lexicons
        self.cast = Cast(entities, lexicons)
        self._cast_speakers: dict[int, Speaker] = {}
        self.recent: list[Speaker] = []
        self.sentences: list[Sentence] = []
        self.sentence_starts: list[int] = []

    def person(self, entity: Entity) -> Speaker:
        """A speaker for an entity: its cast member for a person, else the entity itself."""
        if entity.label == "person":
            member = self.cast.of(entity)
            if member is not None:
                return self.cast_speaker(member)
        kind = "person" if entity.label == "person" else "organisation"
        gender = self.lexicons.gender_of_title(entity.role) if entity.role else None
        return Speaker(entity.text, entity.start, entity.end, kind, gender)

    def cast_speaker(self, member: Person) -> Speaker:
        """The one Speaker of a cast member (so what is learnt about them is shared)."""
        found = self._cast_speakers.get(id(member))
        if found is None:
            found = Speaker(member.name, member.start, member.end, "person", member.gender, member)
            self._cast_speakers[id(member)] = found
        return found

    def set_gender(self, speaker: Speaker, gender: str) -> None:
        speaker.gender = gender
        if speaker.person is not None:
            speaker.person.gender = gender

    def index_mentions(self) -> None:
        """Every sentence's person mentions outside quotation marks (for pronouns and
        descriptions, which point to a person the reader has in mind)."""
        self.sentence_starts = [s.start for s in self.sentences]
        quotes = [(q.start, q.end) for q in self.quotations]
        at = 0
        for start in sorted(self.cast.by_start):
            while at < len(quotes) and quotes[at][1] <= start:
                at += 1
            if at < len(quotes) and quotes[at][0] <= start:
                continue  # a name inside a quotation is not the narrative's
            sentence = self.sentence_at(start)
            if sentence is not None:
                sentence.mentions.append((start, self.cast.by_start[start]))
        at = 0
        for entity in sorted(self.entities.values(), key=lambda e: e.start):
            if entity.label != "organisation":
                continue
            while at < len(quotes) and quotes[at][1] <= entity.start:
                at += 1
            if at < len(quotes) and quotes[at][0] <= entity.start:
                continue
            sentence = self.sentence_at(entity.start)
            if sentence is not None:
                sentence.orgs.append(entity)
        for sentence in self.sentences:
            self._gender_from_pronouns(sentence)

    def salient_org(self, position: int, window: int = 3) -> Speaker | None:
        """The organisation "it" or "the group" means at ``position``: the first one named in
        the nearest sentence that names one (this sentence before ``position`` first)."""
        index = bisect.bisect_right(self.sentence_starts, position) - 1
        for back in range(index, max(index - window, -1), -1):
            for entity in self.sentences[back].orgs:
                if back == index and entity.start >= position:
                    break
                return Speaker(entity.text, entity.start, entity.end, "organisation")
        return None

    def _gender_from_pronouns(self, sentence: Sentence) -> None:
        """A sentence about one person that refers back to them as "his"/"himself" (or
        "herself"): that person's gender, when nothing else said it ("Rock star Ozzy Osbourne …
        his house")."""
        people = {id(m): m for _, m in sentence.mentions}
        if len(people) != 1:
            return
        first, member = sentence.mentions[0]
        if member.gender is not None:
            return
        said = {w.lower() for w, _, _ in words_in(self.masked[first : sentence.end], first)}
        male, female = bool(said & _MALE_PRONOUNS), bool(said & _FEMALE_PRONOUNS)
        if male != female:
            member.gender = "m" if male else "f"

    def sentence_index_at(self, position: int) -> int:
        """The index of the sentence holding ``position``, or -1."""
        index = bisect.bisect_right(self.sentence_starts, position) - 1
        if index < 0 or position >= self.sentences[index].end:
            return -1
        return index

    def sentence_at(self, position: int) -> Sentence | None:
        index = self.sentence_index_at(position)
        return self.sentences[index] if index >= 0 else None

    def mention(self, position: int, speaker: Speaker | None) -> None:
        """Record that a person is referred to at ``position`` (by pronoun or description)."""
        if speaker is None or speaker.person is None:
            return
        sentence = self.sentence_at(position)
        if sentence is not None and all(at != position for at, _ in sentence.mentions):
            bisect.insort(sentence.mentions, (position, speaker.person), key=lambda m: m[0])

    def salient(self, position: int, gender: str | None, window: int = 4) -> Speaker | None:
        """The person a pronoun or description at ``position`` most likely means: the first
        person (by text order, so the subject before the objects) of the nearest sentence that
        mentions one, this sentence before ``position`` first, within ``window`` sentences and
        two paragraphs. A person whose gender is known not to match is skipped ("she" is never
        a man the article has called "he" or "Mr")."""
        if not self.sentence_starts:
            return None
        index = bisect.bisect_right(self.sentence_starts, position) - 1
        if index < 0:
            return None
        for member in self._mentioned_before(index, position, window):
            if gender is None or member.gender in (None, gender):
                return self.cast_speaker(member)
        return self._recent_speaker(gender)

    def _mentioned_before(self, index: int, position: int, window: int) -> list[Person]:
        """The people mentioned before ``position``, nearest sentence first (in text order
        within one), back ``window`` sentences and two paragraphs from sentence ``index``."""
        here = self.sentences[index].block
        ordered: list[Person] = []
        for back in range(index, max(index - window, -1), -1):
            sentence = self.sentences[back]
            if here - sentence.block > 2:
                break
            for at, member in sentence.mentions:
                if back == index and at >= position:
                    break
                if member not in ordered:
                    ordered.append(member)
        return ordered

    def _recent_speaker(self, gender: str | None) -> Speaker | None:
        """The speaker the story is quoting, when no person is mentioned near a pronoun."""
        for candidate in reversed(self.recent[-12:]):  # else the speaker the story is quoting
            if candidate.person is not None and (gender is None or candidate.gender in (None, gender)):
                return candidate
        for candidate in reversed(self.recent[-3:]):  # or an unnamed one ("an EU spokesman")
            if (
                candidate.kind == "person"
                and candidate.text[:1].islower()
                and (gender is None or candidate.gender in (None, gender))
            ):
                return candidate
        return None
