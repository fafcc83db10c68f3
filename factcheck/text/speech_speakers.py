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

from factcheck.model.article import Attribution, Block, Entity, Quotation, Resolution
from factcheck.text.speech_cast import Cast, Person
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

_WANTED = {"he": ("person", "m"), "she": ("person", "f"), "who": ("person", None)}
_COMMON_AGENT = re.compile(r" by (?:the )?([a-z]+)\b")
#: Possessives and reflexives that point back to the sentence's subject, a man or a woman. A
#: subject pronoun is left out ("Richards says she must …" is about someone else), and so is
#: "her" (an object as often as a possessive).
_MALE_PRONOUNS = frozenset({"his", "himself"})
_FEMALE_PRONOUNS = frozenset({"herself"})
#: Heads of a description that name a kind of person without being a title ("the singer" is one).
_PERSON_NOUNS = frozenset(
    "man woman boy girl dutchman frenchman englishman scotsman welshman irishman youngster "
    "teenager veteran star singer boss".split()
)
#: Heads of a description that name an organisation: "the group said", "the firm added".
_ORG_NOUNS = frozenset(
    "group firm company watchdog club party government ministry council bank charity union body "
    "regulator agency organisation organization association team side broadcaster network "
    "newspaper paper retailer carmaker airline".split()
)
#: Heads that stand for an unnamed source: "the official" is not whoever was mentioned last.
_UNNAMED_HEADS = frozenset(
    "official officials source sources aide aides insider insiders diplomat diplomats adviser "
    "advisers advisor advisors ally allies spokesman spokeswoman spokesperson person someone "
    "analyst analysts expert experts".split()
)


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

    def describe(self, start: int, end: int) -> Speaker | None:
        """ "the England coach", "The heavy metal star", "the Arsenal boss": a definite
        description whose head is a role, resolved to the person whose role the article gave
        with that word, else to the person in the reader's mind (as a pronoun would be). Roles
        that stand for unnamed sources ("the official") resolve only by the role itself."""
        words = [w for w, _, _ in words_in(self.masked[start:end], start)]
        if len(words) < 2 or words[0].lower() != "the":
            return None
        head = words[-1].lower().rstrip(".")
        if head in _ORG_NOUNS and not any(w[0].isupper() for w in words[1:]):
            return self.salient_org(start)  # "the group", "the Paris-based watchdog"
        if head not in self.lexicons.title_set and head not in _PERSON_NOUNS:
            return None
        if any(w[0].isupper() for w in words[1:]) and all(w[0].isupper() for w in words[1:]):
            return None  # "The Independent", "the Football Association": a name, not a description
        gender = self.lexicons.gender_of_title(" ".join(words))
        holders = [p for p in self.cast.with_role(head) if gender is None or p.gender in (None, gender)]
        holders = [p for p in holders if p.introduced < start]
        if holders:
            best = self.salient(start, gender)
            chosen = best.person if best is not None and best.person in holders else holders[-1]
            return self.cast_speaker(chosen) if chosen is not None else None
        if head in _UNNAMED_HEADS:
            return None
        return self.salient(start, gender)

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
        if (
            entity is not None
            and entity.end <= end + 1
            and entity.start >= start
            and _heads(self.masked, entity.end, end)
        ):
            return self.person(entity)
        last = self.entity_ends.get(end)
        if (
            last is not None
            and last.label == "person"
            and last.start > start
            and _modifiers_only(
                self.masked, start, last.role_start if last.role_start is not None else last.start
            )
        ):
            return self.person(last)  # "a crestfallen Mr Lim", "Iowa State University's Dianne Bystrom"
        described = self.describe(start, end)
        if described is not None:
            return described
        words = text.split()
        last_word = words[-1].lower() if words else ""
        kind = "group" if last_word.endswith("s") and not words[-1][0].isupper() else "person"
        if words and words[-1][0].isupper() and len(words) == 1:
            kind = "person"
        gender = self.lexicons.gender_of_title(text) if kind == "person" else None
        return Speaker(text, start, end, kind, gender)

    def resolve(self, start: int, end: int) -> tuple[Speaker | None, Resolution]:
        """A speaker phrase, or the pronoun in it resolved to an earlier speaker."""
        words = self.plain[start:end].split()
        if not words:
            return None, "none"
        word = words[0].lower()
        if word not in PRONOUNS or word in FIRST_PERSON:
            speaker = self.speaker_for(start, end)
            self.recent.append(speaker)
            self.mention(start, speaker)
            return speaker, "name"
        if word == "who":
            named = self.antecedent(start)
            if named is not None:  # "Mike Lee, who declared": the name the clause hangs on
                return named, "name"
        want = _WANTED.get(word)
        if want is not None:
            return self._person_pronoun(start, want[1])
        return self._group_pronoun(word, start)

    def _person_pronoun(self, start: int, gender: str | None) -> tuple[Speaker | None, Resolution]:
        """ "he", "she", "who": the salient person (whose gender the pronoun then tells)."""
        found = self.salient(start, gender)
        if found is None:
            return None, "none"
        if gender is not None and found.gender is None:
            self.set_gender(found, gender)
        self.mention(start, found)
        return found, "pronoun"

    def _group_pronoun(self, word: str, start: int) -> tuple[Speaker | None, Resolution]:
        """ "it", "they", "we": a recent organisation or group."""
        for candidate in reversed(self.recent[-3:]):
            if candidate.kind in ("organisation", "group"):
                return candidate, "pronoun"
        if word == "it":
            found_org = self.salient_org(start)
            if found_org is not None:
                return found_org, "pronoun"
        for candidate in reversed(self.recent[-12:-3]):
            if candidate.kind in ("organisation", "group"):
                return candidate, "pronoun"
        return None, "none"

    def name_at(self, position: int) -> Entity | None:
        """The named entity starting at ``position`` (after "the", too)."""
        found = self.name_starts_map.get(position)
        if found is None and self.masked[position : position + 4].lower() == "the ":
            found = self.name_starts_map.get(position + 4)
        return found

    def agent_after(self, position: int, limit: int) -> tuple[int, int] | None:
        """The named agent of a passive: "described by Sharon as", "reprimanded” by the FA"."""
        rest = self.masked[position : min(limit, position + 5)]
        if not rest.startswith(" by "):
            return None
        entity = self.name_at(position + 4)
        if entity is not None and entity.label in ("person", "organisation"):
            return entity.start, entity.end
        return None

    def common_agent_after(self, position: int, limit: int) -> tuple[int, int] | None:
        """An agent named by a common noun for an institution: "praised by police for"."""
        match = _COMMON_AGENT.match(self.masked, position, limit)
        if match is None or match.group(1).lower() not in self.lexicons.organisation_set:
            return None
        return match.start(1), match.end(1)

    def names_something(self, quote: Quotation) -> bool:
        """After a naming verb, a quotation that is a name rather than words spoken: one
        capitalised word ("called … “Jazz”"). An evaluative word is speech ("called inversions
        “unpatriotic”", "calling him a “loser”")."""
        words = self.plain[quote.content_start : quote.content_end].strip(" ,.;:!?").split()
        return len(words) == 1 and words[0][:1].isupper()

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
        words = self._main_clause_words(sentence)
        if words and words[0][0].lower() in ("he", "she", "they", "it"):
            return words[0][1], words[0][2]
        for _, start, _ in words[:3]:
            entity = self.entities.get(start) or self.role_starts.get(start)
            if entity is not None:
                if self.masked[entity.end : entity.end + 3] in ("’s ", "'s "):
                    owned = self.entities.get(entity.end + 3) or self.role_starts.get(entity.end + 3)
                    if owned is not None and owned.label == "person":
                        entity = owned  # "Iowa State University's Dianne Bystrom agreed"
                return entity.start, entity.end
        return _noun_phrase(words) or self._person_description(words)

    def _main_clause_words(self, sentence: Sentence) -> list[tuple[str, int, int]]:
        """The sentence's first words (up to 40) from where its main clause starts: after a
        dateline, linking words and introductions ("Reached by POLITICO, Bennett denied …")."""
        words = words_between(self.masked, sentence.start, sentence.end, 40)
        dateline = _DATELINE.match(self.masked, sentence.start, sentence.end)
        if dateline is not None:  # "PHILADELPHIA, July 25 (UPI) — The Democratic National …"
            words = [w for w in words if w[1] >= dateline.end()]
        while len(words) > 1 and words[0][0].lower() in LEADING_LINKS:
            words = words[1:]  # "But Sir Bernard Ingham, Margaret Thatcher's former press secretary,"
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
        return words

    def _person_description(self, words: list[tuple[str, int, int]]) -> tuple[int, int] | None:
        """ "The singer did not want …": a definite description of a person opening the
        sentence, whatever verb follows it."""
        if len(words) < 2 or words[0][0].lower() != "the":
            return None
        for index in range(1, min(len(words), 5)):
            word = words[index][0].lower()
            if word in self.lexicons.title_set or word in _PERSON_NOUNS:
                follower = words[index + 1][0].lower() if index + 1 < len(words) else ""
                if follower in FUNCTION_WORDS and follower not in AUXILIARIES:
                    return None  # "the singer of the band": the head comes later
                return words[0][1], words[index][2]
        return None

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
        """A person named at the start of a sentence is a candidate for later pronouns; a
        "he"/"she" opening it carries the person it means on to the next sentence."""
        head = self.masked[sentence.start : sentence.start + 24].lower()
        if "he " in head or "she " in head:  # cheap test: most sentences open otherwise
            opening = words_between(self.masked, sentence.start, sentence.end, 4)
            while len(opening) > 1 and opening[0][0].lower() in LEADING_LINKS:
                opening = opening[1:]
            if opening and opening[0][0].lower() in ("he", "she"):
                word, start, _ = opening[0]
                found = self.salient(start, "m" if word.lower() == "he" else "f")
                self.mention(start, found)
                return
        # Cheap test first: most sentences open with no name at all.
        at = bisect.bisect_left(self.person_starts, sentence.start)
        if at == len(self.person_starts) or self.person_starts[at] >= min(sentence.end, sentence.start + 80):
            return
        for _, start, _ in words_between(self.masked, sentence.start, sentence.end, 3):
            entity = self.entities.get(start)
            if entity is not None and entity.label == "person":
                self.recent.append(self.person(entity))
                return


def _heads(masked: str, name_end: int, phrase_end: int) -> bool:
    """Whether a name ending at ``name_end`` is the head of a phrase ending at ``phrase_end``:
    nothing follows it but an appositive or an affiliation ("Smith, a lawyer", "Jones of
    Barclays"); "Senate sources", "Tesco spokesman" are led by a noun after the name."""
    rest = masked[name_end:phrase_end].strip()
    if not rest:
        return True
    if rest[0] in ",(—–-":
        return True
    first = rest.split()[0].lower()
    return first in ("of", "from", "at", "for", "with", "in") or rest[0].isupper()


def _modifiers_only(masked: str, start: int, end: int) -> bool:
    """Whether ``masked[start:end]``, before a name, only modifies it ("a crestfallen",
    "Iowa State University's"), with no preposition or verb ("A letter from X obtained by")."""
    words = words_in(masked[start:end], start)
    if len(words) > 4:
        return False
    return all(
        w.lower() in ("a", "an", "the") or w.lower() not in FUNCTION_WORDS for w, _, _ in words
    ) and not any(w.lower().endswith("ed") and w.islower() and len(w) > 4 for w, _, _ in words)


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
