"""Quote runs: one speaker's words over several quotation segments, attributed as one unit.

A speaker's quote often runs on: over paragraphs (each paragraph re-opens the quote and only the
last closes it), after a lost paragraph break (a new opening mark while the quote is still open),
or as a chain of sentences with the cue in one of them ("“…,” he said. “…” / “…”). A reader
gives every segment of such a run the one speaker the run names, wherever in the run it is
named; the extractor did so segment by segment, from each one's neighbours, and runs came out
in pieces ("no speaker" for one, the nearest name for another).

A segment *continues* the one before it when it opens its sentence and

* the one before was left open: it runs to the end of its paragraph and this one opens the
  next paragraph, or this one's opening mark is what ended it;
* or the one before was closed and nothing but its own attribution stands between them (its
  cue and speaker, "he said", "Ferguson said on Saturday"), in the same or the next paragraph.

The run's speaker is the first one a cue or colon gives any of its segments (so "“A.” “B,” he
said" gives A to "he" too); a segment with a cue of its own naming somebody else starts a new
run. Segments without a cue of their own take the run's speaker, ``resolved_by =
"previous_quote"``: inferred, as a reader infers it.
"""

from __future__ import annotations

from factcheck.model.article import Attribution, Quotation
from factcheck.text.speech_mentions import Sentence
from factcheck.text.speech_standalone import StandaloneQuotes

_Segment = tuple[Quotation, list[tuple[Sentence, int]]]
#: How many words outside quotation marks a sentence of a run may hold (its cue and speaker).
_TAIL_WORDS = 12


class QuoteRuns(StandaloneQuotes):
    """Finds quote runs and gives every segment the run's one speaker."""

    def unify_runs(self) -> None:
        for run in self.quote_runs():
            self._unify(run)

    def quote_runs(self) -> list[list[Quotation]]:
        runs: list[list[Quotation]] = []
        current: list[Quotation] = []
        for quote in self.quotations:
            if current and self.continues(current[-1], quote):
                current.append(quote)
                continue
            if len(current) > 1:
                runs.append(current)
            current = [quote]
        if len(current) > 1:
            runs.append(current)
        return runs

    def opens_sentence_with(self, quote: Quotation) -> Sentence | None:
        """The sentence ``quote`` opens (only marks, dashes or spaces before it), if any."""
        sentence = self.sentence_at(quote.start)
        if sentence is None or self.masked[sentence.start : quote.start].strip(" \u00a0—–-(\"“‘'"):
            return None
        return sentence

    def continues(self, before: Quotation, quote: Quotation) -> bool:
        """Whether ``quote`` continues the run ``before`` belongs to (see the module docstring)."""
        sentence = self.opens_sentence_with(quote)
        if sentence is None:
            return False
        if not before.closed:
            if not self.plain[before.end : quote.start].strip():
                return True  # "… happened. “If he has to talk …": the new mark ended the old quote
            block = self.blocks[sentence.block]
            previous = self.sentence_at(before.start)
            return (
                previous is not None
                and previous.block == sentence.block - 1
                and before.end >= self.blocks[previous.block].end - 1
                and quote.start <= block.start + 1
            )
        previous = self.sentence_at(before.start)
        if previous is None or previous.block < sentence.block - 1:
            return False
        here = self.sentence_index_at(quote.start)
        if here <= 0 or self.sentences[here - 1] is not previous:
            return False  # another sentence stands between them
        if previous.block != sentence.block and quote.start > self.blocks[sentence.block].start + 1:
            return False
        outside = [w for w in self.masked[previous.start : previous.end].split() if "_" not in w]
        if len(outside) > _TAIL_WORDS:
            return False
        own = [a for a in previous.found if a.start <= before.start < a.end]
        if not own:
            return False
        # the words outside the quotation are its attribution ("he said"), or there are none
        return all(a.cue is not None or a.resolved_by != "none" for a in own)

    def _covering(self, quote: Quotation) -> list[tuple[Sentence, int]]:
        found: list[tuple[Sentence, int]] = []
        sentence = self.sentence_at(quote.start)
        candidates = [sentence] if sentence is not None else []
        index = self.sentence_index_at(quote.start) if sentence is not None else -1
        if index > 0:
            candidates.append(self.sentences[index - 1])  # a cue's content may start a sentence early
        for candidate in candidates:
            for position, item in enumerate(candidate.found):
                if item.direct and item.start <= quote.start < item.end:
                    found.append((candidate, position))
        return found

    def _unify(self, run: list[Quotation]) -> None:
        segments = [(quote, self._covering(quote)) for quote in run]
        anchor: Attribution | None = None
        start = 0
        for index, (_, covering) in enumerate(segments):
            own = [s.found[i] for s, i in covering if _own(s.found[i])]
            if not own:
                continue
            named = next((a for a in own if a.speaker is not None or a.mention_start is not None), None)
            if named is None:
                # a cue that says nobody is named ("was asked:", "came the response"): the run
                # stops there, and that segment keeps its empty speaker
                if anchor is not None:
                    self._give(segments[start:index], anchor)
                anchor, start = None, index + 1
                continue
            if anchor is None:
                anchor = named  # segments before it in the run take it too ("“A.” “B,” he said")
            elif not _same(anchor, named):
                self._give(segments[start:index], anchor)
                anchor, start = named, index
        rest = segments[start:]
        if anchor is None and rest:
            anchor = self._inherited(rest)
        if anchor is not None:
            self._give(rest, anchor)

    def _inherited(self, segments: list[tuple[Quotation, list[tuple[Sentence, int]]]]) -> Attribution | None:
        """A run no cue covers keeps what its first segment was given from before it."""
        _, covering = segments[0]
        for sentence, position in covering:
            item = sentence.found[position]
            if item.speaker is not None:
                return item
        return None

    def _give(
        self, segments: list[tuple[Quotation, list[tuple[Sentence, int]]]], anchor: Attribution
    ) -> None:
        mention = (
            (anchor.mention_start, anchor.mention_end)
            if anchor.mention_start is not None
            else (anchor.speaker_start, anchor.speaker_end)
        )
        known = anchor.speaker is not None or anchor.mention_start is not None
        for _, covering in segments:
            for sentence, position in covering:
                item = sentence.found[position]
                if item is anchor or _own(item):
                    continue
                sentence.found[position] = Attribution.trusted(
                    start=item.start,
                    end=item.end,
                    cue=item.cue,
                    cue_start=item.cue_start,
                    cue_end=item.cue_end,
                    speaker=anchor.speaker,
                    speaker_start=anchor.speaker_start,
                    speaker_end=anchor.speaker_end,
                    direct=True,
                    resolved_by="previous_quote" if anchor.speaker is not None else "none",
                    mention_start=mention[0] if known else None,
                    mention_end=mention[1] if known else None,
                )


def _own(item: Attribution) -> bool:
    """An attribution a cue or colon made for its own sentence (not one borrowed from a
    neighbour); with no speaker when the cue says nobody is named."""
    if item.cue is None:
        # a partial quote whose own sentence names its speaker ("…,” Kiedis said, mentioning
        # the album is “in the home stretch.”): that sentence, not the run, says who
        return item.resolved_by in ("name", "pronoun")
    return item.resolved_by in ("name", "pronoun", "none")


def _same(one: Attribution, other: Attribution) -> bool:
    return (one.speaker_start, one.speaker_end) == (other.speaker_start, other.speaker_end) or (
        one.speaker or ""
    ).lower() == (other.speaker or "").lower()
