"""Speakers for attribution: who a speaker phrase names, and who a pronoun points back to.

Split out of ``attribution`` so that each module keeps one job: this one owns the per-article
state every attribution step shares (the masked text, the entities by position, the sentences
and the list of recent speakers) and the speaker look-ups built on it. A speaker phrase is
reduced to the name inside it ("Ukrainian President Volodymyr Zelenskiy" -> the entity, "A
Russian insider with ties to the Kremlin" -> the whole phrase); a subject pronoun is resolved
to the most recent *compatible* speaker: "she" skips a man, "it"/"they" skip people. Gender
comes from a modest first-name lexicon (``rules/lexicons/first-names-*.toml``), from titles
("Mrs.", "congresswoman") and from earlier pronoun use, never from guesswork on surnames.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from factcheck.model.article import Attribution, Block, Entity, Quotation
from factcheck.text.speech_grammar import (
    AUXILIARIES,
    DETERMINERS,
    FUNCTION_WORDS,
    INTRO_WORDS,
    LEADING_LINKS,
    PRONOUNS,
    TRAILING_ADVERBS,
    masked_text,
    words_between,
    words_in,
)
from factcheck.text.speech_lexicons import Lexicons

# A news-agency dateline opening a story: "PHILADELPHIA, July 25 (UPI) — ".
_DATELINE = re.compile(r"[A-Z][A-Z .'’-]{2,30},[^—–\n]{0,30}?[—–]+[ \u00a0]")
FIRST_PERSON = frozenset({"i", "we", "you"})
Resolution = Literal["name", "pronoun", "adjacent", "previous_quote", "none"]
_WANTED = {"he": ("person", "m"), "she": ("person", "f"), "who": ("person", None)}


@dataclass
class Speaker:
    """A resolved speaker: text and span in the article, what kind of thing it is."""

    text: str
    start: int
    end: int
    kind: str  # "person", "organisation", "group", "other"
    gender: str | None = None


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


def trim_span(masked: str, start: int, end: int) -> tuple[int, int]:
    """A content span without surrounding spaces, commas, dashes or a final full stop."""
    while start < end and (masked[start].isspace() or masked[start] in ",:;—–-"):
        start += 1
    while end > start and (masked[end - 1].isspace() or masked[end - 1] in ",:;—–-"):
        end -= 1
    if end > start and masked[end - 1] == "." and masked[start] not in "“\"‘'":
        end -= 1
    return start, end


class SpeakerTracker:
    """Per-article state shared by every attribution step, and the speaker look-ups on it."""

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
        # Where a name (or the title before one) starts: subject_before prefers these pieces.
        self.name_starts = frozenset(self.entities) | frozenset(self.role_starts)
        self.lexicons = lexicons
        self.surname_genders = self._surname_genders(entities)
        self.recent: list[Speaker] = []
        self.sentences: list[Sentence] = []

    def person(self, entity: Entity) -> Speaker:
        """A speaker for an entity, with the gender its first name or title tells, if any."""
        kind = "person" if entity.label == "person" else "organisation"
        return Speaker(entity.text, entity.start, entity.end, kind, self.gender_of(entity))

    def _surname_genders(self, entities: Sequence[Entity]) -> dict[str, str | None]:
        """Surname -> gender from the article's full names ("Hillary Clinton" makes a later
        "Clinton" a woman); a surname two people of different genders share maps to None."""
        genders: dict[str, str | None] = {}
        for entity in entities:
            words = entity.text.split()
            if entity.label != "person" or len(words) < 2:
                continue
            found = self.lexicons.gender_of(words[0])
            if found is None and entity.role:
                found = self.lexicons.gender_of_title(entity.role)
            if found is not None:
                surname = words[-1]
                genders[surname] = found if genders.get(surname, found) == found else None
        return genders

    def gender_of(self, entity: Entity) -> str | None:
        if entity.label != "person":
            return None
        words = entity.text.split()
        if len(words) >= 2:
            found = self.lexicons.gender_of(words[0])
            if found is not None:
                return found
        if entity.role:
            found = self.lexicons.gender_of_title(entity.role)
            if found is not None:
                return found
        return self.surname_genders.get(words[-1]) if words else None

    def speaker_for(self, start: int, end: int) -> Speaker:
        """The name inside a speaker phrase, else the whole phrase ("A Russian insider …")."""
        text = self.plain[start:end]
        head = start + (4 if text.lower().startswith("the ") else 0)
        entity = (
            self.role_starts.get(start)
            or self.role_starts.get(head)
            or self.entities.get(head)
            or self.entities.get(start)
        )
        if entity is not None and entity.end <= end + 1 and entity.start >= start:
            return self.person(entity)
        words = text.split()
        last = words[-1].lower() if words else ""
        kind = "group" if last.endswith("s") and not words[-1][0].isupper() else "person"
        if words and words[-1][0].isupper() and len(words) == 1:
            kind = "person"
        gender = self.lexicons.gender_of_title(text) if kind == "person" else None
        return Speaker(text, start, end, kind, gender)

    def resolve(self, start: int, end: int) -> tuple[Speaker | None, Resolution]:
        """A speaker phrase, or the pronoun in it resolved to an earlier speaker."""
        word = self.plain[start:end].split()[0].lower()
        if word not in PRONOUNS or word in FIRST_PERSON:
            speaker = self.speaker_for(start, end)
            self.recent.append(speaker)
            return speaker, "name"
        if word == "who":
            named = self.antecedent(start)
            if named is not None:  # "Mike Lee, who declared": the name the clause hangs on
                return named, "pronoun"
        want = _WANTED.get(word)
        for candidate in reversed(self.recent[-12:]):
            if want is not None:
                if candidate.kind == "person" and (want[1] is None or candidate.gender in (None, want[1])):
                    if want[1] is not None:
                        candidate.gender = want[1]
                    return candidate, "pronoun"
            elif candidate.kind in ("organisation", "group"):
                return candidate, "pronoun"
        return None, "none"

    def antecedent(self, who: int) -> Speaker | None:
        """The person a relative "who" hangs on: the name before its comma ("Sen. Ron Johnson
        (R-Wis.), who told"), allowing a bracketed party tag between them."""
        comma = self.masked.rfind(",", max(0, who - 3), who)
        if comma < 0:
            return None
        entity = self.entity_ends.get(comma) or self.role_ends.get(comma)
        if entity is None:
            close = self.masked.rfind(")", max(0, comma - 2), comma)
            opening = self.masked.rfind("(", max(0, close - 20), close) if close >= 0 else -1
            if opening >= 0:
                entity = self.entity_ends.get(opening - 1) or self.entity_ends.get(opening)
        return self.person(entity) if entity is not None else None

    def sentence_subject(self, sentence: Sentence) -> tuple[int, int] | None:
        """The span of the sentence's subject: its last speaker, a leading pronoun or name."""
        if sentence.subject is not None:
            return sentence.subject
        if sentence.found:
            last = sentence.found[-1]
            if last.mention_start is not None and last.mention_end is not None:
                return last.mention_start, last.mention_end
            if last.speaker_start is not None and last.speaker_end is not None:
                return last.speaker_start, last.speaker_end
        words = words_between(self.masked, sentence.start, sentence.end, 40)
        dateline = _DATELINE.match(self.masked, sentence.start, sentence.end)
        if dateline is not None:  # "PHILADELPHIA, July 25 (UPI) — The Democratic National …"
            words = [w for w in words if w[1] >= dateline.end()]
        # skip introductions: "Reached by POLITICO, Bennett denied …, explaining"
        while words and (
            words[0][0].lower() in INTRO_WORDS
            or words[0][0].endswith(("ed", "ing"))
            or _time_phrase(self.masked, words[0][1], sentence.end)
        ):
            comma = self.masked.find(",", words[0][1], sentence.end)
            if comma < 0:
                break
            words = [w for w in words if w[1] > comma]
        while len(words) > 1 and words[0][0].lower() in LEADING_LINKS:
            words = words[1:]  # "But he laid off …", "And he seemed to …"
        if words and words[0][0].lower() in ("he", "she", "they", "it"):
            return words[0][1], words[0][2]
        for _, start, _ in words[:3]:
            entity = self.entities.get(start) or self.role_starts.get(start)
            if entity is not None:
                return entity.start, entity.end
        return _noun_phrase(words)

    def first_name_before(self, sentence: Sentence, position: int) -> tuple[int, int] | None:
        """The person a clause before ``position`` opens with ("Speaking to MSNBC …, Bush
        referred to Rubio as “…”" -> Bush), else the first name in the sentence before it."""
        first: tuple[int, int] | None = None
        clause: tuple[int, int] | None = None
        masked = self.masked
        for word, start, _ in words_in(masked[sentence.start : position], sentence.start):
            entity = self.entities.get(start)
            opens = start == sentence.start or masked[start - 2 : start] == ", "
            if opens and word.lower() in ("he", "she"):
                clause = (start, start + len(word))
            if entity is None or entity.end > position:
                continue
            if first is None:
                first = (entity.start, entity.end)
            if opens and entity.label == "person":
                clause = (entity.start, entity.end)
        return clause or first

    def note_subject(self, sentence: Sentence) -> None:
        """A person named at the start of a sentence is a candidate for later pronouns."""
        # Cheap test first: most sentences open with no name at all.
        at = bisect.bisect_left(self.person_starts, sentence.start)
        if at == len(self.person_starts) or self.person_starts[at] >= min(sentence.end, sentence.start + 80):
            return
        for _, start, _ in words_between(self.masked, sentence.start, sentence.end, 3):
            entity = self.entities.get(start)
            if entity is not None and entity.label == "person":
                self.recent.append(self.person(entity))
                return


_TIME_ENDS = ("later", "ago", "earlier", "before", "after", "afterwards")


def _time_phrase(masked: str, start: int, end: int) -> bool:
    """ "A month later, he …", "Two years ago, …": a short time phrase before a comma."""
    comma = masked.find(",", start, min(end, start + 40))
    return comma > start and masked[start:comma].rstrip().lower().endswith(_TIME_ENDS)


def _noun_phrase(words: list[tuple[str, int, int]]) -> tuple[int, int] | None:
    """A determiner-led subject that a plain verb follows ("His campaign protested",
    "A spokesman for Platte River declined", "The Q poll also finds"); None when the phrase is
    followed by an auxiliary ("The problem is …") or no verb shows up within seven words."""
    if not words or words[0][0].lower() not in DETERMINERS or words[0][0].lower() in ("that", "this"):
        return None
    for index in range(1, min(len(words), 8)):
        word = words[index][0]
        lowered = word.lower()
        if word[0].isupper() or lowered in FUNCTION_WORDS - {"that", "who", "which"}:
            continue
        if lowered in AUXILIARIES or lowered in ("that", "who", "which"):
            return None
        previous = words[index - 1][0].lower()
        verb = (
            lowered.endswith("ed")
            or lowered in TRAILING_ADVERBS
            or (lowered.endswith("ly") and len(lowered) > 4)
            or (
                lowered.endswith("s")
                and not lowered.endswith("ss")
                and index > 1
                and not previous.endswith("s")
                and previous not in DETERMINERS
                and previous not in FUNCTION_WORDS
            )
        )
        if verb:
            return (words[0][1], words[index - 1][2]) if index > 1 else None
    return None
