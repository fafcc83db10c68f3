"""A sentence's subject: who a sentence is about when no cue names its speaker.

The subject is the sentence's last speaker phrase, else a leading pronoun, a name, a
determiner-led noun phrase followed by a verb ("His campaign protested") or a definite
description of a person ("The singer did not want …"), read after any dateline, linking words
and introductory phrase. Shared verbs ("…, insisting that") and stand-alone quotations take
their speaker from here; a person opening a sentence is also noted for later pronouns.
"""

from __future__ import annotations

import bisect
import re

from factcheck.text.speech_grammar import (
    AUXILIARIES,
    DETERMINERS,
    FUNCTION_WORDS,
    INTRO_WORDS,
    LEADING_LINKS,
    TRAILING_ADVERBS,
    words_between,
    words_in,
)
from factcheck.text.speech_mentions import ArticleMentions, Sentence

# A news-agency dateline opening a story: "PHILADELPHIA, July 25 (UPI) — ".
_DATELINE = re.compile(r"[A-Z][A-Z .'’-]{2,30},[^—–\n]{0,30}?[—–]+[ \u00a0]")
#: Heads of a description that name a kind of person without being a title ("the singer" is one).
PERSON_NOUNS = frozenset(
    "man woman boy girl dutchman frenchman englishman scotsman welshman irishman youngster "
    "teenager veteran star singer boss".split()
)


class SentenceSubjects(ArticleMentions):
    """The subject of a sentence, and the people its opening words put in the reader's mind."""

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
            if word in self.lexicons.title_set or word in PERSON_NOUNS:
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
