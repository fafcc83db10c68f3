"""Clauses around a cue: where the content a cue introduces begins and ends, and whose clause
a cue's verb belongs to when the sentence opens with a subordinator ("When Trump announced …,
he said"; "as Trump denounced … and pledged").

Kept apart from reading a cue (``speech_cue_reader``) because both the cue reader and the
sentence-level driver (``attribution``) ask these questions of the same masked text.
"""

from __future__ import annotations

import re

from factcheck.text.speech_cue_filters import CueFilters
from factcheck.text.speech_grammar import AUXILIARIES, LEADING_LINKS, words_between
from factcheck.text.speech_mentions import Sentence, trim_span

# ", Rubio fired back": a comma and a capitalised word open another clause with its own subject.
_NEW_CLAUSE = re.compile(r", (?:[A-Z]|he |she |they )")
_NEXT_PASSIVE = re.compile(r",? and (?:was|were|has been|have been|had been) (?=[a-z]+(?:ed|en)\b)")
_SUBORDINATORS = frozenset("when while after before if as once because since although though".split())


class CueClauses(CueFilters):
    """Clause boundaries and clause subjects for the cue reader."""

    def clause_subject(self, sentence: Sentence, cue_start: int) -> tuple[int, int] | None:
        """The subject opening a subordinate clause the cue's verb belongs to ("as Trump
        denounced … and pledged"), when the sentence opens with a subordinator."""
        words = words_between(self.masked, sentence.start, cue_start, 6)
        while words and words[0][0].lower() in LEADING_LINKS:
            words = words[1:]
        if len(words) < 2 or words[0][0].lower() not in _SUBORDINATORS:
            return None
        if "," in self.masked[words[0][1] : cue_start]:
            return None  # the cue is in the main clause
        _, start, end = words[1]
        entity = self.entities.get(start) or self.role_starts.get(start)
        if entity is not None:
            return entity.start, entity.end
        if words[1][0].lower() in ("he", "she", "they"):
            return start, end
        return None

    def inner_clause_subject(self, sentence: Sentence, cue_start: int) -> tuple[int, int] | None:
        """``…, when Sanders protesters interrupted her speech, shouting``: a participle after the
        comma that closes a subordinate clause inside the sentence belongs to that clause's
        subject (the words after the subordinator, up to its verb)."""
        masked = self.masked
        comma = masked.rfind(",", sentence.start, cue_start)
        if comma < 0:
            return None
        words = words_between(masked, max(sentence.start, comma - 160), comma)
        at = max((i for i, w in enumerate(words) if w[0].lower() in _SUBORDINATORS), default=-1)
        if at <= 0 or "," in masked[words[at][2] : comma]:
            return None
        phrase: list[tuple[str, int, int]] = []
        for word in words[at + 1 : at + 5]:
            lowered = word[0].lower()
            if phrase and (lowered in AUXILIARIES or (word[0].islower() and lowered.endswith("ed"))):
                break
            phrase.append(word)
        else:
            return None
        if not phrase or not (phrase[0][0][:1].isupper() or phrase[0][0].lower() in ("he", "she", "they")):
            return None
        return phrase[0][1], phrase[-1][2]

    def in_subordinate_clause(self, position: int) -> bool:
        """Whether ``position`` lies in a clause opening its sentence with a subordinator and
        not yet closed by a comma ("When Trump announced his candidacy …, he …")."""
        sentence = self.sentence_at(position)
        if sentence is None:
            return False
        words = words_between(self.masked, sentence.start, position, 3)
        while words and words[0][0].lower() in LEADING_LINKS:
            words = words[1:]
        return (
            bool(words)
            and words[0][0].lower() in _SUBORDINATORS
            and "," not in self.masked[sentence.start : position]
        )

    def resumed(self, sentence: Sentence, position: int, content_end: int) -> int:
        """``“A,” X said, “B.”``: a quotation resuming right after the speaker belongs to the
        same attribution, so the content runs to its end (the speaker sits in between, as in
        PolNeAR's discontinuous content spans)."""
        rest = self.masked[position : position + 4].lstrip(" ,\u00a0")
        if rest[:1] not in '“"' or not rest:
            return content_end
        start = position + self.masked[position : position + 4].index(rest[0])
        for quote in sentence.quotes:
            if quote.start == start:
                return quote.end
        return content_end

    def content_after(self, cue_end: int, limit: int) -> tuple[int, int]:
        """The clause a cue introduces: after an object and a colon, or after "that". It ends
        where the subject's next, passive, predicate begins ("accused Van Nistelrooy of
        “cheating” and was fined … and “severely reprimanded” by the FA")."""
        masked = self.masked
        end = masked.find(";", cue_end, limit)
        end = limit if end < 0 else end
        passive = _NEXT_PASSIVE.search(masked, cue_end, end)
        if passive is not None:
            end = passive.start()
        if self.in_subordinate_clause(cue_end):
            comma = masked.find(", ", cue_end, end)
            if comma >= 0 and masked[cue_end:comma].strip():
                end = comma  # "When Trump announced his candidacy in June 2015, he …"
            # (but "As Ryan has pointed out, that's …": the content is the main clause)
        colon = masked.find(":", cue_end, end)
        if (
            colon >= 0
            and len(masked[cue_end:colon].split()) > 8
            and masked[colon + 1 : colon + 3].lstrip()[:1] in '“"'
            and _NEW_CLAUSE.search(masked, cue_end, colon) is not None
        ):
            end = colon  # "When Trump suggested that …, Rubio fired back: “…”": another clause's quote
        window = masked[cue_end : min(end, cue_end + 80)]
        for marker in (":", ", “", ', "', " that "):
            at = window.find(marker)
            between = window[:at].split()
            if at < 0 or len(between) > 8 or any(ch in window[:at] for ch in '“"_'):
                continue
            if marker == " that " and {w.lower() for w in between} & AUXILIARIES:
                continue  # "said it was a … that": the clause began at the cue
            shift = 1 if marker.endswith(("“", '"')) else 0
            return trim_span(masked, cue_end + at + len(marker) - shift, end)
        return trim_span(masked, cue_end, end)
