"""Partial quotes: a quoted phrase inside a sentence no cue covers ("calling the protester “a
very obnoxious guy”"), and whose words it is.

The source is, in order: one the grammar ties to the phrase (the agent of a passive, "“severely
reprimanded” by the FA"; the owner of a speech noun, "Mr MacKenzie's suggestion that …"); whose
view the clause gives ("To Sharp, …") or the antecedent of a relative clause; else the
sentence's subject. Kept apart from quotations that open a sentence (``speech_standalone``),
which take their speaker from the sentences around them instead.
"""

from __future__ import annotations

import re

from factcheck.model.article import Attribution, Quotation, Resolution
from factcheck.text.speech_mentions import Sentence, Speaker
from factcheck.text.speech_speakers import SpeakerTracker

# "known as", "dubbed", "so-called": what follows in quotation marks is a name, not speech.
_NAMING_BEFORE = re.compile(r"\b(?:known(?: here| locally| widely)? as|dubbed|nicknamed|so-called)\s*$")
# "praised by police for", "fined by the FA and": a passive participle and its agent.
_PASSIVE_BY = re.compile(r"\b[a-z]+(?:ed|en)\s+by\s+(?:the\s+)?([a-z]+)?")
# "Mr MacKenzie's suggestion", "His advice": an owner and the noun after it.
_OWNER_NOUN = re.compile(r"\b((?:[A-Z][\w’'-]*)(?=[’']s\s)|[Hh]is|[Hh]er)(?:[’']s)?\s+([a-z]+)\b")
# "To Sharp, …", "because to him, …": whose view a clause gives.
_VIEWPOINT = re.compile(r"\b[Tt]o\s+(him|her|[A-Z][\w’'-]+(?:\s[A-Z][\w’'-]+){0,2}),\s")
# What may stand before such a viewpoint: the sentence's start, a comma, or a conjunction.
_VIEWPOINT_LEAD = frozenset({"because", "and", "but", "that"})


class PartialQuotes(SpeakerTracker):
    """Speakers for quoted phrases inside sentences that no cue covers."""

    partial_speaker: Speaker | None = None  # the speaker of the last partial quote found

    def partial_quote(self, index: int, quote: Quotation) -> Attribution | None:
        """A quoted phrase inside a sentence no cue covers ("calling the protester “a very
        obnoxious guy”"): a partial quote of the sentence's subject when it reads like speech.

        One or two quoted words, or a Title Case phrase, is a scare quote or a title ("the show
        “Hannity”"), not speech; three lower-case words or more are speech in 80-95% of cases on
        PolNeAR dev, and the sentence's subject is then the speaker far more often than not.
        """
        sentence = self.sentences[index]
        words = self.plain[quote.content_start : quote.content_end].split()
        titled = all(w[0].isupper() for w in words if w[0].isalpha())
        if _NAMING_BEFORE.search(self.masked[max(sentence.start, quote.start - 24) : quote.start]):
            return None  # "known here as “the full Grassley”", "dubbed “blip-pop”": a name
        explicit = self.explicit_source(sentence, quote)
        if explicit is not None:
            # "reprimanded” by the Football Association", "Mr MacKenzie's suggestion that …"
            speaker, how, subject = explicit
        else:
            if len(words) < 3 or (titled and len(words) < 6):
                return None
            clause = self.clause_source(sentence, quote)
            if clause is not None:
                speaker, how, subject = clause
            else:
                subject = self.sentence_subject(sentence) or self.first_name_before(sentence, quote.start)
                speaker, how = self.resolve(*subject) if subject is not None else (None, "none")
        if speaker is None and index > 0:
            previous = self.sentences[index - 1]
            if previous.block == sentence.block and previous.speaker is not None:
                speaker, how = previous.speaker, "adjacent"
        if speaker is None:
            return None  # without a speaker the phrase is as likely a scare quote as speech
        mention = subject if subject is not None and (speaker.start, speaker.end) != subject else None
        self.partial_speaker = speaker
        return Attribution.trusted(
            start=quote.start,
            end=quote.end,
            speaker=speaker.text,
            speaker_start=speaker.start,
            speaker_end=speaker.end,
            direct=True,
            resolved_by=how,
            mention_start=mention[0] if mention else None,
            mention_end=mention[1] if mention else None,
        )

    def clause_source(
        self, sentence: Sentence, quote: Quotation
    ) -> tuple[Speaker | None, Resolution, tuple[int, int]] | None:
        """Whose view the clause holding a quoted phrase gives: "To Sharp, Trump is the “…” man",
        "because to him, liberals pose …" (a viewpoint), or "the Daily Beast, which ran an article
        … naming him the “…”" (a relative clause: its antecedent)."""
        masked = self.masked
        lead_start, lead_end = sentence.start, quote.start
        views = list(_VIEWPOINT.finditer(masked, lead_start, lead_end))
        view = views[-1] if views else None
        lead = masked[lead_start : view.start()].split()[-1:] if view is not None else []
        if (
            view is not None
            and ", " not in masked[view.end() : lead_end]
            and (not lead or lead[-1][-1] in ",;—–(" or lead[-1].lower() in _VIEWPOINT_LEAD)
        ):
            start, end = view.span(1)
            word = masked[start:end].lower()
            if word in ("him", "her"):
                found = self.salient(start, "m" if word == "him" else "f")
                if found is not None:
                    self.mention(start, found)
                    return found, "pronoun", (start, end)
            entity = self.entities.get(start)
            if entity is not None and entity.label == "person":
                return self.person(entity), "name", (entity.start, entity.end)
        relative = masked.rfind(", wh", lead_start, lead_end)
        if relative < 0 or ", " in masked[relative + 1 : lead_end]:
            return None
        pronoun = masked[relative + 2 : relative + 8]
        if pronoun.startswith("who "):
            named = self.antecedent(relative + 2)
            if named is not None:
                return named, "name", (relative + 2, relative + 5)
        elif pronoun.startswith("which "):
            entity = self.entity_ends.get(relative)  # a person-looking name with "which" is a body
            if entity is not None:
                found = Speaker(entity.text, entity.start, entity.end, "organisation")
                return found, "name", (relative + 2, relative + 7)
        return None

    def explicit_source(
        self, sentence: Sentence, quote: Quotation
    ) -> tuple[Speaker | None, Resolution, tuple[int, int] | None] | None:
        """A source the sentence ties to a quoted phrase by its grammar, not by position: the
        agent of a passive ("“severely reprimanded” by the Football Association", "praised by
        police for “very courageously” tackling"), or the owner of a speech noun ("Mr
        MacKenzie's suggestion that …", "His advice … was to “…”")."""
        agent = self.agent_after(quote.end, sentence.end)
        if agent is not None:
            return self.resolve(*agent)[0], "name", agent
        lead_start, lead_end = sentence.start, quote.start
        masked = self.masked
        for match in _PASSIVE_BY.finditer(masked, lead_start, lead_end):
            if any(ch in masked[match.end() : lead_end] for ch in ",;:"):
                continue
            by = masked.find(" by ", match.start(), match.end())
            found = (
                (self.agent_after(by, lead_end) or self.common_agent_after(by, lead_end)) if by >= 0 else None
            )
            if found is not None:
                return self.resolve(*found)[0], "name", found
        for match in reversed(list(_OWNER_NOUN.finditer(masked, lead_start, lead_end))):
            if match.group(2).lower() not in self.lexicons.speech_noun_set:
                continue
            owner_start, owner_end = match.start(1), match.end(1)
            owner = masked[owner_start:owner_end]
            if owner.lower() in ("his", "her"):
                found_speaker = self.salient(owner_start, "m" if owner.lower() == "his" else "f")
                if found_speaker is not None:
                    self.mention(owner_start, found_speaker)
                    return found_speaker, "pronoun", (owner_start, owner_end)
                continue
            entity = self.entity_ends.get(owner_end) or self.name_ends.get(owner_end)
            if entity is not None and entity.label in ("person", "organisation"):
                return self.person(entity), "name", (entity.start, entity.end)
        return None
