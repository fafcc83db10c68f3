"""Speakers for attribution: who a speaker phrase names, and who a pronoun points back to.

A speaker phrase is reduced to the name inside it ("Ukrainian President Volodymyr Zelenskiy" ->
the entity, "A Russian insider with ties to the Kremlin" -> the whole phrase); a subject pronoun
is resolved to the most recent *compatible* speaker: "she" skips a man, "it"/"they" skip people.
Gender comes from a modest first-name lexicon (``rules/lexicons/first-names-*.toml``), from
titles ("Mrs.", "congresswoman") and from earlier pronoun use, never from guesswork on surnames.
The per-article state these look-ups read is ``speech_mentions``; sentence subjects are
``speech_subjects``.
"""

from __future__ import annotations

import re

from factcheck.model.article import Entity, Quotation, Resolution
from factcheck.text.speech_grammar import FUNCTION_WORDS, PRONOUNS, words_in
from factcheck.text.speech_mentions import Speaker
from factcheck.text.speech_subjects import PERSON_NOUNS, SentenceSubjects

FIRST_PERSON = frozenset({"i", "we", "you"})

_WANTED = {"he": ("person", "m"), "she": ("person", "f"), "who": ("person", None)}
_COMMON_AGENT = re.compile(r" by (?:the )?([a-z]+)\b")
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


class SpeakerTracker(SentenceSubjects):
    """The speaker look-ups on the per-article state: phrases to speakers, pronouns to antecedents."""

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
        if head not in self.lexicons.title_set and head not in PERSON_NOUNS:
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
