"""Which cue matches report speech: a cue word written as a noun ("his claims", "an official
warning to"), a participle after a subordinator ("when asked"), a parenthetical "as X said" and a
capitalised cue inside a clause are no report of their own.

Kept apart from reading a cue (``speech_cue_reader``) because these are yes/no tests over the
words around a match, run on every cue before any speaker or content is looked for.
"""

from __future__ import annotations

import re

from factcheck.text.speech_grammar import DETERMINERS, PRONOUNS
from factcheck.text.speech_mentions import Sentence
from factcheck.text.speech_runs import QuoteRuns

# A word right before a cue that makes the cue a noun: "his claims", "those reports".
_NOUN_MARKERS = (DETERMINERS | {"her", "its", "whose", "your"}) - {"that", "one", "no", "all", "both"}


class CueFilters(QuoteRuns):
    """The tests that drop cue matches which introduce no speech."""

    def is_noun(self, sentence: Sentence, cue_start: int) -> bool:
        """``his claims``, ``Trump’s remarks``, ``those reports``: the cue word is a noun."""
        masked = self.masked
        cue = masked[cue_start : cue_start + 12].split()[0].lower().rstrip(",.;:)")
        if cue.endswith("ing"):
            # "an official warning to the trio" (a noun); not "a statement saying his …"
            return _article_before(masked, sentence.start, cue_start) and (
                _ING_NOUN_FOLLOWER.match(masked, cue_start + len(cue)) is not None
            )
        if not cue.endswith("s") or cue in ("says", "tells", "adds", "writes", "asks"):
            return False  # only plural nouns look like cues ("claims", "remarks", "reports")
        end = cue_start
        while end > sentence.start and masked[end - 1].isspace():
            end -= 1
        # The word before the cue, read in place: with no space before it in the sentence it
        # runs from the text's start (as it always has), which must not be copied out.
        word_start = masked.rfind(" ", sentence.start, end) + 1
        lowered = masked[word_start:end].lower() if end - word_start <= 16 else ""
        if lowered in _NOUN_MARKERS or masked.endswith(("’s", "'s", "s’"), word_start, end):
            return True
        if _AFTER_QUOTE_SUBJECT.search(masked, sentence.start, end) is not None:
            return False  # "“…,” the letter reads.": a short subject after a quotation, then its verb
        capital = masked[word_start : word_start + 1].isupper() and word_start < end
        if (
            capital
            and self.entity_ends.get(end) is None
            and _determiner_before(masked, sentence.start, word_start)
        ):
            return True  # "the March states account for", "the Gulf states": a name's plural noun
        # "than official estimates, Ms Lomax said", "reports from Kabul": a noun phrase ends
        # where a verb would take its object (but "he explains.", "Conti explains." are verbs)
        if lowered in PRONOUNS or capital or masked.endswith(("”", '"', ","), word_start, end):
            return False
        return _NOUN_FOLLOWER.match(masked, cue_start + len(cue)) is not None

    def is_adjunct(self, sentence: Sentence, cue_start: int) -> bool:
        """``when asked whether …``, ``if pressed``: a participle after a subordinator has no
        subject of its own and introduces no speech; the sentence's main verb does."""
        before = self.masked[max(sentence.start, cue_start - 8) : cue_start].split()
        return bool(before) and before[-1].lower() in ("when", "if", "once", "unless", "until", "as")

    def is_aside(self, sentence: Sentence, cue_start: int, cue_end: int) -> bool:
        """``- as Rubio has said -``: a parenthetical "as X said" points back at words around it
        and reports nothing of its own; the sentence's subject keeps its quotations."""
        masked = self.masked
        after = masked[cue_end : cue_end + 3].lstrip()
        if not after or after[0] not in "-—–,)":
            return False
        return _AS_SAID.search(masked, max(sentence.start, cue_start - 40), cue_start) is not None

    def opens_sentence(self, sentence: Sentence, position: int) -> bool:
        """A capitalised cue counts only where a sentence or clause starts ("According to")."""
        before = self.masked[sentence.start : position].rstrip()
        return not before or before.endswith((",", ":", "“", '"', ";"))


# "as Rubio has said", "as he noted": the subject of a parenthetical "as" before its cue.
_AS_SAID = re.compile(
    r"(?:^|[\s,(—–-])as\s+(?:(?:[A-Z][\w’'.-]*\s+){1,3}|(?:he|she|they|we|I)\s+)(?:has\s+|had\s+|have\s+)?$"
)
# "“…,” the letter reads": a quotation closed with its punctuation, then a short subject.
_AFTER_QUOTE_SUBJECT = re.compile(r"[,!?][”\"’]\s+(?:[\w’'-]+\s+){0,3}[\w’'-]+\s*$")


def _article_before(masked: str, start: int, cue_start: int) -> bool:
    """ "an official warning", "a stark warning", "the warning": an article (and at most one
    lower-case word) before an -ing cue makes it a noun."""
    before = masked[max(start, cue_start - 30) : cue_start].split()
    if before and before[-1].lower() in ("a", "an", "the"):
        return True
    return (
        len(before) >= 2
        and before[-2].lower() in ("a", "an", "the")
        and before[-1].isalpha()
        and before[-1].islower()
    )


def _determiner_before(masked: str, start: int, word_start: int) -> bool:
    """Whether the word before ``word_start`` (within the sentence from ``start``) is a determiner."""
    before = masked[max(start, word_start - 12) : word_start].split()
    return bool(before) and before[-1].lower() in ("the", "a", "an", "these", "those", "some", "many")


_ING_NOUN_FOLLOWER = re.compile(r"\s*(?:[,.;:)]|(?:of|from|by|in|for|to|against|about|over|on)\b)")
_NOUN_FOLLOWER = re.compile(r"\s*(?:[,.;:)]|(?:of|from|by|in|for|and|or|about|over|were|are|have)\b)")
