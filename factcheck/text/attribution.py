"""Attribution: who said what, from cue verbs, quotation marks and the sentences around them.

One pass over the sentences (see ``speech_grammar``: quotations are never split and cue verbs
are never looked for inside quoted words). Each cue outside quotes yields one attribution:

* subject before the cue: "Kozyrev remarked that …", "A Russian insider with ties to the
  Kremlin informed Reuters: “…”", "“…,” Gould-Davies stated", "…, the Kremlin indicated that";
* subject after it: "“…,” noted political analyst Tatiana Stanovaya";
* "according to X": the rest of the sentence is the content.

The content is the clause the cue introduces (after "that", after an object and a colon) or,
for "content, X said", the text before the comma; it is ``direct`` when it holds a quotation
mark. A cue written as a noun ("his claims", "Trump’s remarks") is not a cue. Quotations no cue
covers are handled by ``speech_standalone`` (stand-alone and partial quotes) and speakers,
pronouns and the per-article state by ``speech_speakers``: "“…,” he remarked" after "Andrei
Kozyrev … told the Dozhd news channel …" is Kozyrev, not the Trump inside that clause.

This module is the driver: it runs over each sentence's cues and records what they report.
Whether a cue match reports speech at all is ``speech_cue_filters``; who speaks and which words
one cue reports is ``speech_cue_reader``, with clause boundaries from ``speech_clauses``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from factcheck.model.article import Attribution, Block, Entity, Quotation
from factcheck.text.scanner import Scan
from factcheck.text.speech_cue_reader import CueReader
from factcheck.text.speech_grammar import sentences
from factcheck.text.speech_lexicons import Lexicons
from factcheck.text.speech_mentions import Sentence, Speaker, trim_span


class _Extractor(CueReader):
    """One article's extraction: every sentence's cues, then the quotations no cue covers."""

    scan: Scan | None
    cue_starts: list[int]

    # -- cues -------------------------------------------------------------------------------

    def cue_attributions(self, sentence: Sentence) -> None:
        masked = self.masked
        cues = self.cues_in(sentence)
        left = sentence.start
        pending: list[tuple[int, int, int, int, int, int]] = []  # cue, speaker phrase, content
        cues = [
            c
            for c in cues
            if (c.group()[0].islower() or self.opens_sentence(sentence, c.start()))
            and not self.is_noun(sentence, c.start())
            and not self.is_adjunct(sentence, c.start())
            and not self.is_aside(sentence, c.start(), c.end())
        ]
        for index, cue in enumerate(cues):
            limit = cues[index + 1].start() if index + 1 < len(cues) else sentence.end
            found = self.read_cue(sentence, cue.start(), cue.end(), left, limit)
            if found is None:
                continue
            pending.append((cue.start(), cue.end(), *found))
            if found[0] >= 0:
                sentence.subject = found[0], found[1]
                if sentence.first_subject is None:
                    sentence.first_subject = sentence.subject
            if found[0] >= 0 and masked[found[0] : found[1]].lower() == "who":
                left = found[0]  # "Sharon, who called the police, said": the main verb's subject
            else:
                left = cue.end()
        already = len(sentence.found)
        for position, (cue_start, cue_end, sp_start, sp_end, c_start, c_end) in enumerate(pending):
            if position + 1 < len(pending):
                nxt = pending[position + 1]
                if nxt[2] < 0 and c_start <= nxt[0] <= c_end + 1:
                    # "Smernicki said he had been told a fan “rugby-tackled” …": what he was
                    # told is part of what he said
                    c_end = max(c_end, nxt[5])
                elif c_start <= nxt[2] and not masked[c_start : nxt[2]].strip():
                    c_end = max(c_end, nxt[5])  # "She said she asked …": the report embeds the next
                elif c_start < nxt[2] < c_end:
                    # "She said she recalls …": the outer speaker keeps the reported clause
                    # when cutting it at the inner speaker would leave nothing.
                    cut = trim_span(masked, c_start, nxt[2])[1]
                    c_end = cut if cut > c_start else c_end
            self.add(sentence, cue_start, cue_end, sp_start, sp_end, c_start, c_end)
        if len(sentence.found) - already > 1:
            # "Nothing the president said “…,” the Florida senator said": two cues give the same
            # words; the later, the quotation's own attribution line, is who said them
            mine = sentence.found[already:]
            spans = [(a.start, a.end) for a in mine]
            sentence.found[already:] = [
                a for i, a in enumerate(mine) if (a.start, a.end) not in spans[i + 1 :]
            ]

    def cues_in(self, sentence: Sentence) -> list[re.Match[str]]:
        """The cue matches of one sentence, as ``cue_pattern.finditer`` over it would give them,
        tried only where the article's scan has a cue's first word (a few places per article)."""
        starts = self.cue_starts
        first = bisect.bisect_left(starts, sentence.start)
        last = bisect.bisect_left(starts, sentence.end, first)
        found: list[re.Match[str]] = []
        if first == last:
            return found
        pattern, masked, end, free = self.lexicons.cue_pattern, self.masked, sentence.end, sentence.start
        for position in starts[first:last]:
            if position < free:
                continue  # inside the previous cue ("pointed out")
            match = pattern.match(masked, position, end)
            if match is not None:
                found.append(match)
                free = match.end()
        return found

    def add(
        self,
        sentence: Sentence,
        cue_start: int,
        cue_end: int,
        sp_start: int,
        sp_end: int,
        c_start: int,
        c_end: int,
    ) -> None:
        if c_end <= c_start:
            return
        speaker, how = self.resolve(sp_start, sp_end) if sp_start >= 0 else (None, "none")
        inside = [q for q in sentence.quotes if q.start < c_end and q.end > c_start]
        cue_word = self.masked[cue_start:cue_end].lower()
        if cue_word in _NAMING_CUES and not inside and not _CALL_FOR.match(self.masked, cue_end):
            return  # "who called the police", "named the street after him": no speech
        if cue_word.startswith("claim") and not inside and _WON.match(self.masked, cue_end):
            return  # "claimed the individual titles": won, not said
        if (
            cue_word in ("posted", "posts")
            and not inside
            and not self.masked[cue_end : cue_end + 40].lstrip().startswith(("that", "on", ":"))
        ):
            return  # "when others posted the music": uploaded, not said
        if cue_word in _NAMING_CUES:
            # "called anything … “Jazz”", "dubbed “blip-pop”": a name in quotation marks is no speech
            inside = [q for q in inside if not self.names_something(q)]
            if not inside and any(ch in self.masked[c_start:c_end] for ch in '“”"'):
                return
        for quote in inside:
            sentence.covered.add(quote.start)
        if inside:
            c_start, c_end = min(c_start, inside[0].start), max(c_end, inside[-1].end)
        mention = _mention(speaker, sp_start, sp_end) if sp_start >= 0 else None
        attribution = Attribution.trusted(
            start=c_start,
            end=c_end,
            cue=self.plain[cue_start:cue_end],
            cue_start=cue_start,
            cue_end=cue_end,
            speaker=speaker.text if speaker else None,
            speaker_start=speaker.start if speaker else None,
            speaker_end=speaker.end if speaker else None,
            direct=bool(inside)
            or (cue_word not in _NAMING_CUES and any(ch in self.plain[c_start:c_end] for ch in '“”"')),
            resolved_by=how,
            mention_start=mention[0] if mention else None,
            mention_end=mention[1] if mention else None,
        )
        sentence.found.append(attribution)
        if speaker is not None:
            sentence.speaker = speaker

    # -- driver -----------------------------------------------------------------------------

    def run(self) -> list[Attribution]:
        scan = self.scan
        if scan is not None:  # the article's scan, when a reader has built it: its index
            words = scan.index()
            at = [i for word in words.keys() & self.lexicons.cue_first_words for i in words[word]]
            self.cue_starts = sorted(scan.starts[i] for i in at)
        else:  # else one pass over the text for the cues' first words
            self.cue_starts = [m.start() for m in self.lexicons.cue_start_pattern.finditer(self.masked)]
        cursor = 0
        for number, block in enumerate(self.blocks):
            for start, end in sentences(self.masked, block, self.lexicons.cue_pattern):
                quotes: list[Quotation] = []
                while cursor < len(self.quotations) and self.quotations[cursor].start < end:
                    if self.quotations[cursor].start >= start:
                        quotes.append(self.quotations[cursor])
                    cursor += 1
                self.sentences.append(Sentence(start, end, number, quotes))
        self.index_mentions()
        for sentence in self.sentences:
            self.note_subject(sentence)
            self.cue_attributions(sentence)
        previous_open: dict[int, Speaker | None] = {}
        for index in range(len(self.sentences)):
            self.standalone(index, previous_open)
        self.unify_runs()
        found = [a for s in self.sentences for a in s.found]
        return sorted(found, key=lambda a: a.start)


_WON = re.compile(
    r"\s+(?:the|a|an|his|her|their|its)?\s*(?:[\w'’-]+\s+){0,3}?"
    r"(?:title|titles|victory|win|gold|silver|bronze|medal|medals|crown|trophy|prize|record|honours|"
    r"lead|place|spot|points?|seat|seats|scalp|lives|life)\b"
)
_CALL_FOR = re.compile(r"\s+(?:for|on|upon)\b")
#: Cues that name or label rather than report speech: a quoted name after them is no quote.
_NAMING_CUES = frozenset(
    "called calls calling dubbed described describes described as named nicknamed labelled labeled "
    "branded termed".split()
)


def _mention(speaker: Speaker | None, start: int, end: int) -> tuple[int, int] | None:
    """Where the attribution names its speaker, when that is not the speaker span itself."""
    if speaker is None or (speaker.start, speaker.end) != (start, end):
        return start, end
    return None


def extract_attributions(
    plain: str,
    blocks: Sequence[Block],
    quotations: Sequence[Quotation],
    entities: Sequence[Entity],
    lexicons: Lexicons,
    scan: Scan | None = None,
) -> list[Attribution]:
    """Every attribution in the article, in text order (see the module docstring). ``scan`` is
    the scan of ``plain`` when one has been built (``article._scan``): cue positions then come
    from its index; without it, from one regex pass (building a scan just for this costs more)."""
    extractor = _Extractor(plain, blocks, quotations, entities, lexicons)
    extractor.scan = scan if scan is not None and scan.text is plain else None
    return extractor.run()


def attributions_in_text(text: str, lexicons: Lexicons | None = None) -> list[Attribution]:
    """Attributions of a bare text whose non-empty lines are paragraphs, with the shipped
    lexicons by default: the whole extraction chain outside the engine, for evaluation and tests."""
    from factcheck.text.entities import extract_entities
    from factcheck.text.quotes import find_quotations, paragraph_blocks
    from factcheck.text.speech_lexicons import default_lexicons

    lexicons = lexicons or default_lexicons()
    blocks = paragraph_blocks(text)
    quotations = find_quotations(text, blocks)
    entities = extract_entities(text, 0, len(text), lexicons)
    return extract_attributions(text, blocks, quotations, entities, lexicons)
