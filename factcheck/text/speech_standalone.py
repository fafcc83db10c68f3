"""Stand-alone quotations: quotes no cue verb covers, and who said them.

A quotation that opens its sentence without a cue takes its speaker from, in order:

* a transcript label inside it (``"PENCE: Well, look, …"``);
* a colon before it in the same sentence (``Republican pollster Daron Shaw: “…”``);
* a sentence ending in a colon just before it, even across a paragraph break ("President
  Clinton released the following statement:" / "“Hillary and I …”"): that sentence's subject;
* the open quote it continues from the previous paragraph (``previous_quote``);
* the sentence before it, or the one after it in the same paragraph (``adjacent``);
* a dash line right after it (``"…" / -President Obama, tweeting``).

A quoted phrase inside a sentence that no cue covers is a partial quote of the sentence's
subject when it reads like speech (see ``speech_partial``), otherwise a title or a scare quote
and no attribution at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from factcheck.model.article import Attribution, Quotation, Resolution
from factcheck.text.speech_mentions import Sentence, Speaker
from factcheck.text.speech_partial import PartialQuotes

# "issued a statement", "released a brief statement", "sent a letter": a text about to be quoted.
_ISSUED = re.compile(
    r"\b(?:issued|released|put out|sent|posted|published)\s+(?:a|an)\s+(?:[a-z-]+\s+){0,2}?"
    r"(?:statement|letter|memo|message|note)\b"
)
# After a quoted term: the sentence goes on in lower case, with no comma ("“Virtual weight” measurements").
_TERM_FOLLOWS = re.compile(r"[ \u00a0]+[a-z]")
# "PENCE:", "WALLACE:", "SEN. WARREN:" at the start of a quotation: an interview transcript.
_TRANSCRIPT_LABEL = re.compile(r"[A-Z][A-Z.'’\-]{1,20}(?: [A-Z][A-Z.'’\-]{1,20}){0,2}:[ \u00a0]")
# "-President Obama, tweeting after …" on the line after a quotation.
_DASH_SOURCE = re.compile(r"[-—–][ \u00a0]?(?=[A-Z])")


def _labelled(text: str, start: int, end: int) -> Speaker:
    """A speaker from a capitalised name the entity rules could not label ("HuffPollster")."""
    return Speaker(text, start, end, "other")


def _last_mention(sentence: Sentence) -> tuple[int, int] | None:
    """Where the sentence's last attribution names its speaker ("he" in "he said"): the words
    an editor is pointed to for a quote that borrows that speaker."""
    for found in reversed(sentence.found):
        if found.speaker is not None:
            if found.mention_start is not None and found.mention_end is not None:
                return found.mention_start, found.mention_end
            return None
    return None


@dataclass
class _Quoted:
    """Who the article has quoted up to a sentence (``StandaloneQuotes.sole_speaker``)."""

    upto: int = 0  # the sentences before this one are counted
    people: set[int] = field(default_factory=set)  # ids of the people quoted
    chosen: Speaker | None = None  # the last of them
    last_block: int = -1  # the paragraph of their last quote
    other_voice: bool = False  # an organisation or an unnamed source was quoted


class StandaloneQuotes(PartialQuotes):
    """Speakers for quotations that no cue verb covers."""

    _quoted: _Quoted | None = None

    colon_mention: tuple[int, int] | None = None  # the subject a colon quote's speaker came from
    neighbour_mention: tuple[int, int] | None = None  # the neighbour's own mention of its speaker

    def standalone(self, index: int, previous_open: dict[int, Speaker | None]) -> None:
        sentence = self.sentences[index]
        for quote in sentence.quotes:
            if quote.start in sentence.covered:
                continue
            lead = self.masked[sentence.start : quote.start]
            if lead.strip(" \u00a0—–-(") and not lead.rstrip().endswith(":"):
                partial = self.partial_quote(index, quote)
                if partial is not None:
                    sentence.found.append(partial)
                    if partial.speaker is not None and sentence.speaker is None:
                        sentence.speaker = self.partial_speaker
                continue  # a title or scare quote inside a sentence
            label = self.transcript_label(quote)
            self.colon_mention = None
            colon = label or self.colon_speaker(sentence, quote)
            if colon is None and self.a_word(sentence, quote):
                continue  # "'Urban' is open to interpretation": a word talked about, not speech
            speaker, how = (
                (colon, "name") if colon is not None else self.neighbour(index, quote, previous_open)
            )
            mention = self.colon_mention if colon is not None else self.neighbour_mention
            if speaker is not None and mention == (speaker.start, speaker.end):
                mention = None
            attribution = Attribution.trusted(
                start=quote.start,
                end=quote.end,
                cue=":" if colon is not None else None,
                speaker=speaker.text if speaker else None,
                speaker_start=speaker.start if speaker else None,
                speaker_end=speaker.end if speaker else None,
                direct=True,
                resolved_by=how,
                mention_start=mention[0] if mention else None,
                mention_end=mention[1] if mention else None,
            )
            sentence.found.append(attribution)
            if speaker is not None and label is None:
                sentence.speaker = speaker
        block = self.blocks[sentence.block]
        last = sentence.quotes[-1] if sentence.quotes else None
        if last is not None and not last.closed and last.end >= block.end - 1:
            previous_open[sentence.block] = sentence.speaker

    def a_word(self, sentence: Sentence, quote: Quotation) -> bool:
        """A quotation of one or two words that its sentence goes on after (or that stands
        alone): a word or a term being talked about, not something somebody said."""
        words = self.plain[quote.content_start : quote.content_end].strip(" ,.;:!?").split()
        if not words or len(words) > 4:
            return False
        if (
            _TERM_FOLLOWS.match(self.plain, quote.end)
            and self.plain[quote.content_end - 1 : quote.content_end].isalnum()
        ):
            return True  # "“Virtual weight” measurements are based on …": a term, the sentence goes on
        if len(words) > 2:
            return False
        return not quote.end < sentence.end or len(words) == 1 or all(w[:1].isupper() for w in words)

    def transcript_label(self, quote: Quotation) -> Speaker | None:
        """``"PENCE: Well, …"``: a capitalised label and a colon opening the quotation."""
        match = _TRANSCRIPT_LABEL.match(self.plain, quote.content_start, quote.content_end)
        if match is None:
            return None
        end = match.end() - 2
        return Speaker(self.plain[match.start() : end], match.start(), end, "person")

    def colon_speaker(self, sentence: Sentence, quote: Quotation) -> Speaker | None:
        """``Republican pollster Daron Shaw: “…”``: the name just before the colon when little
        comes before it; else the subject of the clause the colon ends ("When Trump suggested
        …, Rubio fired back: “…”" -> Rubio; "Clinton’s response was: “…”" -> Clinton)."""
        lead = self.masked[sentence.start : quote.start].rstrip()
        if not lead.endswith(":"):
            return None
        colon = sentence.start + len(lead) - 1
        entity = self.name_ends.get(colon) or self.name_ends.get(colon - 1)
        if entity is not None and entity.start >= sentence.start:
            before = self.masked[sentence.start : entity.role_start or entity.start].rstrip()
            if entity.role or len(before.split()) <= 3 or before.endswith(("-", "—", "–")):
                return (
                    self.person(entity)
                    if entity.label != "other"
                    else _labelled(entity.text, entity.start, entity.end)
                )
        if entity is None:
            label = self.headline_label(sentence, colon)
            if label is not None:
                return label
        subject = self.first_name_before(sentence, colon) or self.sentence_subject(sentence)
        if subject is None or subject[1] > colon:
            return None
        speaker, _ = self.resolve(*subject)
        self.colon_mention = subject
        return speaker

    def headline_label(self, sentence: Sentence, colon: int) -> Speaker | None:
        """``Cecile Richards: ‘I’m Sick Of …’``: a paragraph opening with two or three capitalised
        words and a colon before a quotation; in a Title Case headline no entity is read, but the
        words before the colon are who speaks."""
        if self.blocks[sentence.block].start != sentence.start:
            return None
        words = self.plain[sentence.start : colon].split()
        if not 2 <= len(words) <= 3 or not all(w[:1].isupper() and w.isalpha() for w in words):
            return None
        if any(w.lower() in self.lexicons.stop_set for w in words):
            return None
        return Speaker(self.plain[sentence.start : colon], sentence.start, colon, "person")

    def introduced_by(self, index: int) -> Speaker | None:
        """The subject of the sentence just before, when it ends with a colon that introduces
        this quotation ("President Clinton released the following statement:")."""
        if index == 0:
            return None
        before = self.sentences[index - 1]
        if not self.masked[before.start : before.end].rstrip().endswith(":") and not self.issues_statement(
            index
        ):
            return None
        if before.speaker is not None:
            self.neighbour_mention = _last_mention(before)
            return before.speaker
        subject = self.sentence_subject(before)
        if subject is None:
            return None
        speaker, how = self.resolve(*subject)
        self.neighbour_mention = subject if how == "pronoun" else None
        return speaker

    def issues_statement(self, index: int) -> bool:
        """ "At Brazile's direction, the DNC issued a statement apologizing …" / "“On behalf of
        …”": a paragraph that is a quotation, after one whose last sentence issues a statement
        (or a letter, a message) and quotes nothing of it."""
        sentence, before = self.sentences[index], self.sentences[index - 1]
        if before.block != sentence.block - 1 or before.quotes:
            return False
        quote = sentence.quotes[0] if sentence.quotes else None
        if quote is None or quote.start > self.blocks[sentence.block].start + 1:
            return False
        return _ISSUED.search(self.masked, before.start, before.end) is not None

    def dash_source(self, index: int) -> Speaker | None:
        """``"…"`` then a paragraph ``-President Obama, tweeting …``: the name after the dash."""
        if index + 1 >= len(self.sentences):
            return None
        after = self.sentences[index + 1]
        if after.block != self.sentences[index].block + 1:
            return None
        match = _DASH_SOURCE.match(self.masked, after.start, after.end)
        if match is None:
            return None
        entity = self.entities.get(match.end())
        role = self.role_starts.get(match.end())
        found = entity or role
        return self.person(found) if found is not None else None

    def neighbour(
        self, index: int, quote: Quotation, previous_open: dict[int, Speaker | None]
    ) -> tuple[Speaker | None, Resolution]:
        sentence = self.sentences[index]
        block = self.blocks[sentence.block]
        self.neighbour_mention = None
        introduced = self.introduced_by(index)
        if introduced is not None:
            return introduced, "adjacent"
        if quote.start <= block.start + 1 and sentence.block - 1 in previous_open:
            speaker = previous_open[sentence.block - 1]
            if speaker is not None:
                return speaker, "previous_quote"
        if index > 0:
            before = self.sentences[index - 1]
            if before.block >= sentence.block - 1 and before.speaker is not None:
                self.neighbour_mention = _last_mention(before)
                return before.speaker, "adjacent"
        nearby = self.subject_before_quote(index) or self.named_after_quote(index)
        if nearby is not None:
            return nearby, "adjacent"
        dash = self.dash_source(index)
        if dash is not None:
            return dash, "adjacent"
        sole = self.sole_speaker(index)
        if sole is not None:
            return sole, "adjacent"
        return None, "none"

    def subject_before_quote(self, index: int) -> Speaker | None:
        """ "Iowa State University's Dianne Bystrom agreed. “…”": the person the sentence before,
        in the same paragraph, is about."""
        sentence = self.sentences[index]
        if index == 0 or self.sentences[index - 1].block != sentence.block:
            return None
        subject = self.sentence_subject(self.sentences[index - 1])
        if subject is None or not (subject[0] in self.entities or subject[1] in self.entity_ends):
            return None
        speaker, how = self.resolve(*subject)
        if speaker is None or speaker.kind != "person":
            return None
        self.neighbour_mention = subject if how == "pronoun" else None
        return speaker

    def named_after_quote(self, index: int) -> Speaker | None:
        """The speaker the next sentence of the paragraph names first, by name."""
        sentence = self.sentences[index]
        if index + 1 >= len(self.sentences):
            return None
        after = self.sentences[index + 1]
        if after.block != sentence.block or not after.found or after.found[0].resolved_by != "name":
            return None
        first = after.found[0]
        if first.speaker is None or first.speaker_start is None or first.speaker_end is None:
            return None
        return Speaker(first.speaker, first.speaker_start, first.speaker_end, "person")

    def sole_speaker(self, index: int) -> Speaker | None:
        """The one person the article has quoted so far, when the last of their quotes is at most
        three paragraphs back: a reader gives them the next quote too ("Mr Dein said that … /
        Premiership clubs have seen … / “Television has been the driving force …”")."""
        sentence = self.sentences[index]
        quoted = self._quoted_so_far(index)
        if quoted.other_voice:
            return None  # an organisation or an unnamed source has spoken too
        if not quoted.people:
            return self.lede_subject()  # "David Blunkett in quotes": the person the story is about
        if len(quoted.people) != 1 or quoted.chosen is None or sentence.block - quoted.last_block > 3:
            return None
        return quoted.chosen

    def _quoted_so_far(self, index: int) -> _Quoted:
        """Who has been quoted in the sentences before ``index``. Sentences are read in order
        and are final once passed, so the tally goes on from where the last call left it (read
        afresh for an earlier ``index``): one pass per article, not one per quotation."""
        quoted = self._quoted
        if quoted is None or quoted.upto > index:
            quoted = self._quoted = _Quoted()
        for before in self.sentences[quoted.upto : index]:
            if quoted.other_voice:
                break
            for item in before.found:
                if not item.direct or item.speaker is None:
                    continue
                speaker = before.speaker
                if speaker is None or speaker.person is None:
                    quoted.other_voice = True
                    break
                quoted.people.add(id(speaker.person))
                quoted.chosen, quoted.last_block = speaker, before.block
        quoted.upto = max(quoted.upto, index)
        return quoted

    def lede_subject(self) -> Speaker | None:
        """The person the story's first sentences are about: the subject of the first sentence
        that opens with a person (after any introduction), when it names one."""
        for sentence in self.sentences[:3]:
            subject = self.sentence_subject(sentence)
            if subject is None:
                continue
            entity = self.entities.get(subject[0])
            if entity is not None and entity.label == "person":
                return self.person(entity)
        return None
