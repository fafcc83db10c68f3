"""Attribution: who said what, from cue verbs, quotation marks and the sentences around them.

One pass over the sentences (see ``speech_grammar``: quotations are never split and cue verbs
are never looked for inside quoted words). Each cue outside quotes yields one attribution:

* subject before the cue: "Kozyrev remarked that …", "A Russian insider with ties to the
  Kremlin informed Reuters: “…”", "“…,” Gould-Davies stated", "…, the Kremlin indicated that";
* subject after it: "“…,” noted political analyst Tatiana Stanovaya";
* "according to X": the rest of the sentence is the content.

The content is the clause the cue introduces (after "that", after an object and a colon) or,
for "content, X said", the text before the comma; it is ``direct`` when it holds a quotation
mark. A quotation no cue covers and that opens its sentence is a stand-alone quote: it takes
the speaker of the open quote it continues from the previous paragraph (``previous_quote``) or
of the sentence before or after it (``adjacent``). Subject pronouns are resolved to the most
recent compatible speaker or sentence-initial person (``pronoun``): "“…,” he remarked" after
"Andrei Kozyrev … told the Dozhd news channel …" is Kozyrev, not the Trump inside that clause.
Quotations inside a sentence that no cue covers (titles, scare quotes) are not attributions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from factcheck.models import Attribution, Block, Entity, Quotation
from factcheck.text.speech_grammar import (
    AUXILIARIES,
    INTRO_WORDS,
    PRONOUNS,
    masked_text,
    sentences,
    subject_after,
    subject_before,
    words_in,
)
from factcheck.text.speech_lexicons import Lexicons

_FIRST_PERSON = frozenset({"i", "we", "you"})
Resolution = Literal["name", "pronoun", "adjacent", "previous_quote", "none"]


@dataclass
class _Speaker:
    """A resolved speaker: text and span in the article, what kind of thing it is."""

    text: str
    start: int
    end: int
    kind: str  # "person", "organisation", "group", "other"
    gender: str | None = None


@dataclass
class _Sentence:
    start: int
    end: int
    block: int
    quotes: list[Quotation]
    found: list[Attribution] = field(default_factory=list)
    covered: set[int] = field(default_factory=set)  # starts of quotations some cue covers
    speaker: _Speaker | None = None  # the last speaker of this sentence
    subject: _Speaker | None = None  # a person named first in the sentence


def _trim(masked: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (masked[start].isspace() or masked[start] in ",:;—–-"):
        start += 1
    while end > start and (masked[end - 1].isspace() or masked[end - 1] in ",:;—–-"):
        end -= 1
    if end > start and masked[end - 1] == "." and masked[start] not in "“\"‘'":
        end -= 1
    return start, end


class _Extractor:
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
        self.role_starts = {
            e.role_start: e for e in entities if e.role_start is not None and e.label == "person"
        }
        self.lexicons = lexicons
        self.recent: list[_Speaker] = []
        self.sentences: list[_Sentence] = []

    # -- speakers ---------------------------------------------------------------------------

    def speaker_for(self, start: int, end: int) -> _Speaker:
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
            kind = "person" if entity.label == "person" else "organisation"
            return _Speaker(entity.text, entity.start, entity.end, kind)
        words = text.split()
        last = words[-1].lower() if words else ""
        kind = "group" if last.endswith("s") and not words[-1][0].isupper() else "person"
        if words and words[-1][0].isupper() and len(words) == 1:
            kind = "person"
        return _Speaker(text, start, end, kind)

    def resolve(self, start: int, end: int) -> tuple[_Speaker | None, Resolution]:
        """A speaker phrase, or the pronoun in it resolved to an earlier speaker."""
        word = self.plain[start:end].split()[0].lower()
        if word not in PRONOUNS or word in _FIRST_PERSON:
            speaker = self.speaker_for(start, end)
            self.recent.append(speaker)
            return speaker, "name"
        if word == "who":
            entity = self.entity_ends.get(self.masked.rfind(",", max(0, start - 3), start))
            if entity is not None:  # "Mike Lee, who declared": the name the clause hangs on
                return _Speaker(entity.text, entity.start, entity.end, entity.label), "pronoun"
        want = {"he": ("person", "m"), "she": ("person", "f"), "who": ("person", None)}.get(word)
        for candidate in reversed(self.recent[-12:]):
            if want is not None:
                if candidate.kind == "person" and candidate.gender in (None, want[1]):
                    if want[1] is not None:
                        candidate.gender = want[1]
                    return candidate, "pronoun"
            elif candidate.kind in ("organisation", "group"):
                return candidate, "pronoun"
        return None, "none"

    # -- cues -------------------------------------------------------------------------------

    def cue_attributions(self, sentence: _Sentence) -> None:
        masked = self.masked
        cues = list(self.lexicons.cue_pattern.finditer(masked, sentence.start, sentence.end))
        left = sentence.start
        pending: list[tuple[int, int, int, int, int, int]] = []  # cue, speaker phrase, content
        cues = [c for c in cues if c.group()[0].islower() or self.opens_sentence(sentence, c.start())]
        for index, cue in enumerate(cues):
            limit = cues[index + 1].start() if index + 1 < len(cues) else sentence.end
            found = self.read_cue(sentence, cue.start(), cue.end(), left, limit)
            if found is None:
                continue
            pending.append((cue.start(), cue.end(), *found))
            left = cue.end()
        for position, (cue_start, cue_end, sp_start, sp_end, c_start, c_end) in enumerate(pending):
            if position + 1 < len(pending):
                nxt = pending[position + 1]
                if c_start < nxt[2] < c_end:
                    c_end = _trim(masked, c_start, nxt[2])[1]
            self.add(sentence, cue_start, cue_end, sp_start, sp_end, c_start, c_end)

    def read_cue(
        self, sentence: _Sentence, cue_start: int, cue_end: int, left: int, limit: int
    ) -> tuple[int, int, int, int] | None:
        """(speaker start, speaker end, content start, content end) for one cue, or None."""
        masked = self.masked
        cue = masked[cue_start:cue_end].lower()
        if cue.startswith("according"):
            after = subject_after(masked, cue_end, sentence.end, relaxed=True)
            if after is None:
                return None
            if masked[sentence.start : cue_start].strip():
                content = _trim(masked, sentence.start, cue_start)
            else:
                comma = masked.find(",", after[1], sentence.end)
                content = _trim(masked, comma + 1 if comma >= 0 else after[1], sentence.end)
            return (*after, *content)
        lead = masked[left:cue_start].rstrip()
        if (cue.endswith("ing") and lead.endswith(",")) or lead.endswith((" and", ", and")):
            # "…, insisting that": the subject is the sentence's subject or earlier speaker
            subject = self.sentence_subject(sentence)
            if subject is None:
                return None
            return (*subject, *self.content_after(cue_end, limit))
        quote_end = max((q.end for q in sentence.quotes if left <= q.end <= cue_start), default=None)
        before = subject_before(masked, left if quote_end is None else quote_end, cue_start)
        if before is not None:
            sp_start, sp_end, split_at = before
            if quote_end is not None and not masked[quote_end:sp_start].strip(" ,\u00a0—–-"):
                # "“…,” X said on “Hannity”": the content is the quotation before the speaker
                first = min(q.start for q in sentence.quotes if left <= q.start and q.end == quote_end)
                return sp_start, sp_end, *_trim(masked, first, quote_end)
            rest = masked[cue_end : sentence.end]
            tail = len(words_in(rest, 0))
            if split_at is not None and tail <= 6 and not any(ch in rest for ch in '“"_'):
                # "content, X said on Tuesday"
                content = _trim(masked, left, split_at)
                if content[1] > content[0]:
                    return sp_start, sp_end, *content
            return sp_start, sp_end, *self.content_after(cue_end, limit)
        gap = masked[left:cue_start]
        if gap.rstrip().endswith(("”", '"', ",", "’", "'")):
            after = subject_after(masked, cue_end, sentence.end)
            if after is not None:
                content = _trim(masked, left, cue_start)
                if content[1] > content[0]:
                    return (*after, *content)
        return None

    def opens_sentence(self, sentence: _Sentence, position: int) -> bool:
        """A capitalised cue counts only where a sentence or clause starts ("According to")."""
        before = self.masked[sentence.start : position].rstrip()
        return not before or before.endswith((",", ":", "“", '"', ";"))

    def content_after(self, cue_end: int, limit: int) -> tuple[int, int]:
        """The clause a cue introduces: after an object and a colon, or after "that"."""
        masked = self.masked
        end = masked.find(";", cue_end, limit)
        end = limit if end < 0 else end
        window = masked[cue_end : min(end, cue_end + 80)]
        for marker in (":", ", “", ', "', " that "):
            at = window.find(marker)
            between = window[:at].split()
            if at < 0 or len(between) > 8 or any(ch in window[:at] for ch in '“"_'):
                continue
            if marker == " that " and {w.lower() for w in between} & AUXILIARIES:
                continue  # "said it was a … that": the clause began at the cue
            return _trim(masked, cue_end + at + len(marker) - (1 if marker.endswith(("“", '"')) else 0), end)
        return _trim(masked, cue_end, end)

    def sentence_subject(self, sentence: _Sentence) -> tuple[int, int] | None:
        if sentence.found:
            last = sentence.found[-1]
            if last.mention_start is not None and last.mention_end is not None:
                return last.mention_start, last.mention_end
            if last.speaker_start is not None and last.speaker_end is not None:
                return last.speaker_start, last.speaker_end
        words = words_in(self.masked[sentence.start : sentence.end], sentence.start)
        # skip introductions: "Reached by POLITICO, Bennett denied …, explaining"
        while words and (words[0][0].lower() in INTRO_WORDS or words[0][0].endswith(("ed", "ing"))):
            comma = self.masked.find(",", words[0][1], sentence.end)
            if comma < 0:
                break
            words = [w for w in words if w[1] > comma]
        if words and words[0][0].lower() in ("he", "she", "they", "it"):
            return words[0][1], words[0][2]
        for _, start, _ in words[:3]:
            entity = self.entities.get(start)
            if entity is not None:
                return entity.start, entity.end
        return None

    def add(
        self,
        sentence: _Sentence,
        cue_start: int,
        cue_end: int,
        sp_start: int,
        sp_end: int,
        c_start: int,
        c_end: int,
    ) -> None:
        if c_end <= c_start:
            return
        speaker, how = self.resolve(sp_start, sp_end)
        inside = [q for q in sentence.quotes if q.start < c_end and q.end > c_start]
        for quote in inside:
            sentence.covered.add(quote.start)
        if inside:
            c_start, c_end = min(c_start, inside[0].start), max(c_end, inside[-1].end)
        mention = (
            (sp_start, sp_end)
            if speaker is None or (speaker.start, speaker.end) != (sp_start, sp_end)
            else None
        )
        attribution = Attribution(
            start=c_start,
            end=c_end,
            cue=self.plain[cue_start:cue_end],
            cue_start=cue_start,
            cue_end=cue_end,
            speaker=speaker.text if speaker else None,
            speaker_start=speaker.start if speaker else None,
            speaker_end=speaker.end if speaker else None,
            direct=bool(inside) or any(ch in self.plain[c_start:c_end] for ch in '“”"'),
            resolved_by=how,
            mention_start=mention[0] if mention else None,
            mention_end=mention[1] if mention else None,
        )
        sentence.found.append(attribution)
        if speaker is not None:
            sentence.speaker = speaker

    # -- stand-alone quotes -----------------------------------------------------------------

    def standalone(self, index: int, previous_open: dict[int, _Speaker | None]) -> None:
        sentence = self.sentences[index]
        for quote in sentence.quotes:
            if quote.start in sentence.covered:
                continue
            if self.masked[sentence.start : quote.start].strip(" \u00a0—–-(") and not self.masked[
                sentence.start : quote.start
            ].rstrip().endswith(":"):
                partial = self.partial_quote(index, quote)
                if partial is not None:
                    sentence.found.append(partial)
                continue  # a title or scare quote inside a sentence
            colon = self.colon_speaker(sentence, quote)
            speaker, how = (
                (colon, "name") if colon is not None else self.neighbour(index, quote, previous_open)
            )
            attribution = Attribution(
                start=quote.start,
                end=quote.end,
                cue=":" if colon is not None else None,
                speaker=speaker.text if speaker else None,
                speaker_start=speaker.start if speaker else None,
                speaker_end=speaker.end if speaker else None,
                direct=True,
                resolved_by=how,
            )
            sentence.found.append(attribution)
            if speaker is not None:
                sentence.speaker = speaker
        block = self.blocks[sentence.block]
        last = sentence.quotes[-1] if sentence.quotes else None
        if last is not None and not last.closed and last.end >= block.end - 1:
            previous_open[sentence.block] = sentence.speaker

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
        if len(words) < 3 or (titled and len(words) < 6):
            return None
        subject = self.sentence_subject(sentence) or self.first_name_before(sentence, quote.start)
        speaker, how = self.resolve(*subject) if subject is not None else (None, "none")
        if speaker is None and index > 0:
            previous = self.sentences[index - 1]
            if previous.block == sentence.block and previous.speaker is not None:
                speaker, how = previous.speaker, "adjacent"
        if speaker is None:
            return None  # without a speaker the phrase is as likely a scare quote as speech
        mention = (
            subject
            if speaker is not None and subject is not None and (speaker.start, speaker.end) != subject
            else None
        )
        return Attribution(
            start=quote.start,
            end=quote.end,
            speaker=speaker.text if speaker else None,
            speaker_start=speaker.start if speaker else None,
            speaker_end=speaker.end if speaker else None,
            direct=True,
            resolved_by=how,
            mention_start=mention[0] if mention else None,
            mention_end=mention[1] if mention else None,
        )

    def first_name_before(self, sentence: _Sentence, position: int) -> tuple[int, int] | None:
        """The first person or organisation named in the sentence before ``position``."""
        for _, start, _ in words_in(self.masked[sentence.start : position], sentence.start):
            entity = self.entities.get(start)
            if entity is not None and entity.end <= position:
                return entity.start, entity.end
        return None

    def colon_speaker(self, sentence: _Sentence, quote: Quotation) -> _Speaker | None:
        """``Republican pollster Daron Shaw: “…”``: the name just before the colon, else the
        sentence's subject ("Clinton’s response was: “…”")."""
        lead = self.masked[sentence.start : quote.start].rstrip()
        if not lead.endswith(":"):
            return None
        colon = sentence.start + len(lead) - 1
        for entity in self.entities.values():
            if sentence.start <= entity.start and 0 <= colon - entity.end <= 1:
                return _Speaker(entity.text, entity.start, entity.end, entity.label)
        subject = self.sentence_subject(sentence)
        if subject is None or subject[1] > colon:
            return None
        speaker, _ = self.resolve(*subject)
        return speaker

    def neighbour(
        self, index: int, quote: Quotation, previous_open: dict[int, _Speaker | None]
    ) -> tuple[_Speaker | None, Resolution]:
        sentence = self.sentences[index]
        block = self.blocks[sentence.block]
        if quote.start <= block.start + 1 and sentence.block - 1 in previous_open:
            speaker = previous_open[sentence.block - 1]
            if speaker is not None:
                return speaker, "previous_quote"
        if index > 0:
            before = self.sentences[index - 1]
            if before.block >= sentence.block - 1 and before.speaker is not None:
                return before.speaker, "adjacent"
        if index + 1 < len(self.sentences):
            after = self.sentences[index + 1]
            if after.block == sentence.block and after.found and after.found[0].resolved_by == "name":
                first = after.found[0]
                if (
                    first.speaker is not None
                    and first.speaker_start is not None
                    and first.speaker_end is not None
                ):
                    return _Speaker(
                        first.speaker, first.speaker_start, first.speaker_end, "person"
                    ), "adjacent"
        return None, "none"

    # -- driver -----------------------------------------------------------------------------

    def run(self) -> list[Attribution]:
        cursor = 0
        for number, block in enumerate(self.blocks):
            for start, end in sentences(self.masked, block, self.lexicons.cue_pattern):
                quotes: list[Quotation] = []
                while cursor < len(self.quotations) and self.quotations[cursor].start < end:
                    if self.quotations[cursor].start >= start:
                        quotes.append(self.quotations[cursor])
                    cursor += 1
                self.sentences.append(_Sentence(start, end, number, quotes))
        for sentence in self.sentences:
            self.note_subject(sentence)
            self.cue_attributions(sentence)
        previous_open: dict[int, _Speaker | None] = {}
        for index in range(len(self.sentences)):
            self.standalone(index, previous_open)
        found = [a for s in self.sentences for a in s.found]
        return sorted(found, key=lambda a: a.start)

    def note_subject(self, sentence: _Sentence) -> None:
        """A person named at the start of a sentence is a candidate for later pronouns."""
        words = words_in(self.masked[sentence.start : min(sentence.end, sentence.start + 80)], sentence.start)
        for _, start, _ in words[:3]:
            entity = self.entities.get(start)
            if entity is not None and entity.label == "person":
                self.recent.append(_Speaker(entity.text, entity.start, entity.end, "person"))
                return


def extract_attributions(
    plain: str,
    blocks: Sequence[Block],
    quotations: Sequence[Quotation],
    entities: Sequence[Entity],
    lexicons: Lexicons,
) -> list[Attribution]:
    """Every attribution in the article, in text order (see the module docstring)."""
    return _Extractor(plain, blocks, quotations, entities, lexicons).run()
