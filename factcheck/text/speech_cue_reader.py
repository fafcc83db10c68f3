"""Reading one cue: who its speaker is and which words it reports.

A cue's subject is found before it ("Smith said that …", "“…,” Smith said"), after it ("“…,”
said Robert Antonacci"), after "by" in a passive ("described by Sharon as …"), or shared with
the verb before it ("…, insisting that", "… but has admitted"). Each case is one method below;
``read_cue`` picks among them. The sentence-level pass over all cues is ``attribution``.
"""

from __future__ import annotations

import re

from factcheck.text.speech_clauses import CueClauses
from factcheck.text.speech_grammar import (
    DETERMINERS,
    INTRO_WORDS,
    PRONOUNS,
    subject_after,
    subject_before,
    words_between,
)
from factcheck.text.speech_mentions import Sentence, trim_span

_QUOTED_BY = re.compile(r"[\s,]*(?:[A-Z][\w.’'-]*\s+){1,5}quoted\s+$")
#: Cues whose passive subject is the person addressed: "X was asked", "Y was told".
_PASSIVE_ADDRESSEE_CUES = frozenset({"asked", "told", "informed"})
_AUXILIARY_TAIL = frozenset("is was are were be been being has have had also later then".split())
_SUBORDINATE = frozenset("when while after before if as once asked pressed speaking".split())


class CueReader(CueClauses):
    """(speaker start, speaker end, content start, content end) for one cue."""

    def read_cue(
        self, sentence: Sentence, cue_start: int, cue_end: int, left: int, limit: int
    ) -> tuple[int, int, int, int] | None:
        """(speaker start, speaker end, content start, content end) for one cue, or None."""
        masked = self.masked
        cue = masked[cue_start:cue_end].lower()
        if cue.startswith("according"):
            return self.according(sentence, cue_start, cue_end)
        if cue.startswith("came the"):
            # "“…,” came the response": a reply from someone the article does not name
            content = trim_span(masked, left, cue_start)
            return (-1, -1, *content) if content[1] > content[0] else None
        agent = self.agent_after(cue_end, sentence.end) or self.common_agent_after(cue_end, sentence.end)
        if agent is not None:
            # "described by Sharon as “…”", "praised by police for": a passive report names its
            # speaker after "by"
            return agent[0], agent[1], *self.content_after(agent[1], limit)
        lead = masked[left:cue_start].rstrip()
        bare_lead = _strip_auxiliaries(lead)
        if _passive(lead) and _participle(cue) and not cue.startswith(("quoted", "said to")):
            return self.passive_report(sentence, cue, cue_end, limit)
        if (cue.endswith("ing") and lead.endswith(",")) or _coordinated(bare_lead):
            return self.shared_subject(sentence, cue, cue_start, cue_end, limit)
        # "the Arsenal boss is quoted as saying": the subject ends before "is"
        subject_end = left + len(bare_lead) if cue.startswith("quoted") else cue_start
        quote_end = max((q.end for q in sentence.quotes if left <= q.end <= cue_start), default=None)
        before = subject_before(
            masked, left if quote_end is None else quote_end, subject_end, self.name_starts
        )
        if (
            before is not None
            and not self.participle_opening(before[0], before[1])
            and not self.inverted_name(before, lead, cue_end, sentence.end)
        ):
            return self.subject_first(sentence, cue, cue_end, left, limit, before, quote_end)
        # (a participle's clause has no subject: "Holding signs calling Christie …")
        return self.subject_later(sentence, cue_start, cue_end, left, limit)

    def according(self, sentence: Sentence, cue_start: int, cue_end: int) -> tuple[int, int, int, int] | None:
        """ "according to X": the rest of the sentence (or the text before the cue) is the content."""
        masked = self.masked
        after = subject_after(masked, cue_end, sentence.end, relaxed=True)
        if after is None:
            return None
        if masked[sentence.start : cue_start].strip():
            content = trim_span(masked, sentence.start, cue_start)
        else:
            comma = masked.find(",", after[1], sentence.end)
            content = trim_span(masked, comma + 1 if comma >= 0 else after[1], sentence.end)
        return (*after, *content)

    def passive_report(
        self, sentence: Sentence, cue: str, cue_end: int, limit: int
    ) -> tuple[int, int, int, int] | None:
        """ "Kevin Donnellon was asked: “…”", "what is being criticized as …": the subject was
        spoken to or about; who spoke is not named. Without a quotation it is no report."""
        content = self.content_after(cue_end, limit)
        spoken = [
            q
            for q in sentence.quotes
            if content[0] <= q.start < content[1]
            and len(self.plain[q.content_start : q.content_end].split()) >= 3
        ]
        if cue in _PASSIVE_ADDRESSEE_CUES and spoken:
            return -1, -1, *content
        return None  # "accused of …", "criticised as …": no report of speech to attribute

    def shared_subject(
        self, sentence: Sentence, cue: str, cue_start: int, cue_end: int, limit: int
    ) -> tuple[int, int, int, int] | None:
        """ "…, insisting that", "… but has admitted": the subject is the sentence's subject, or
        that of the clause the verbs share ("But as Trump denounced … and pledged")."""
        participle = cue.endswith("ing")
        subject = (
            self.clause_subject(sentence, cue_start)
            or (sentence.first_subject if not participle else None)
            or sentence.subject
            or (self.inner_clause_subject(sentence, cue_start) if participle else None)
            or self.sentence_subject(sentence)
        )  # "Mr Blair acknowledged some people believed …, but said": Blair said it
        if subject is None:
            return None
        return (*subject, *self.content_after(cue_end, limit))

    def subject_first(
        self,
        sentence: Sentence,
        cue: str,
        cue_end: int,
        left: int,
        limit: int,
        before: tuple[int, int, int | None],
        quote_end: int | None,
    ) -> tuple[int, int, int, int]:
        """A cue with its subject before it: "Smith said that …", "“…,” Smith said", "content,
        Smith said on Tuesday"."""
        masked = self.masked
        sp_start, sp_end, split_at = before
        if quote_end is not None:
            quoted = self.quote_before_subject(
                sentence, cue, cue_end, left, limit, sp_start, sp_end, quote_end
            )
            if quoted is not None:
                return quoted
        rest = masked[cue_end : sentence.end]
        tail = len(words_between(masked, cue_end, sentence.end, 7))
        if (
            split_at is not None
            and tail <= 6
            and not any(ch in rest for ch in '“"_')
            and not rest.lstrip().startswith(":")  # "In a 1963 speech, he declared:"
        ):
            # "content, X said on Tuesday"
            content = trim_span(masked, left, split_at)
            if content[1] > content[0]:
                return sp_start, sp_end, *content
        return sp_start, sp_end, *self.content_after(cue_end, limit)

    def quote_before_subject(
        self,
        sentence: Sentence,
        cue: str,
        cue_end: int,
        left: int,
        limit: int,
        sp_start: int,
        sp_end: int,
        quote_end: int,
    ) -> tuple[int, int, int, int] | None:
        """A quotation ending just before the cue's subject: "“…,” Smith said" (the quotation is
        the content), or "the “Avatar” star posted" (a quoted name inside the subject)."""
        masked = self.masked
        first_quote = min(
            (q.start for q in sentence.quotes if left <= q.start and q.end == quote_end), default=None
        )
        if first_quote is None:
            return None
        gap = masked[quote_end:sp_start]
        if (
            not gap.strip()
            and masked[first_quote:quote_end].rstrip("”\"’'")[-1:] not in ",.!?;:"
            and masked[sp_start:sp_end][:1].islower()
            and masked[sp_start:sp_end].split()[0].lower() not in PRONOUNS
            and len(self.plain[first_quote:quote_end].split()) <= 4
        ):
            # "the “Avatar” star posted": a quoted name inside the subject, no speech of its own
            words = words_between(masked, max(left, first_quote - 12), first_quote)
            opening = words[-1][1] if words and words[-1][0].lower() in DETERMINERS else first_quote
            return opening, sp_end, *self.content_after(cue_end, limit)
        if not (
            not gap.strip(" ,\u00a0—–-")
            or _QUOTED_BY.match(gap)
            or gap.rstrip().endswith(",")
            or cue == "as saying"  # "“…,” the RBK news website quoted Ms. Simonyan … as saying"
        ):
            return None
        # "“…,” Smith said", "“…,” Arab News quoted Prince Saud as saying"
        lead_in = masked[left:first_quote]
        # "… posted a message: “…,” she wrote": the colon hands the quotation on to the line
        # that names who wrote it
        if not any(ch.isalnum() for ch in lead_in) or lead_in.rstrip().endswith(":"):
            # "“…,” X said on “Hannity”": the content is the quotation before the speaker
            return sp_start, sp_end, first_quote, self.resumed(sentence, max(cue_end, sp_end), quote_end)
        if left == sentence.start:
            # "The former secretary will play the “woman card,” Fiorina said"
            return sp_start, sp_end, *trim_span(masked, left, quote_end)
        # else "Reminded that Ferguson called him “a disgrace”, Wenger added: …": the quotation
        # belongs to the clause before, the cue introduces what follows
        return None

    def subject_later(
        self, sentence: Sentence, cue_start: int, cue_end: int, left: int, limit: int
    ) -> tuple[int, int, int, int] | None:
        """No subject before the cue: the antecedent of a "who" subject, or the inverted subject
        after it ("“…,” said Robert Antonacci")."""
        masked = self.masked
        gap = masked[left:cue_start]
        if sentence.subject is not None and masked[slice(*sentence.subject)].lower() == "who":
            # "Graham, who says …, tweeted that": the main verb's subject is the antecedent
            named = self.antecedent(sentence.subject[0])
            if named is not None and gap.rstrip().endswith(","):
                return named.start, named.end, *self.content_after(cue_end, limit)
        if gap.rstrip().endswith(("”", '"', ",", "’", "'")):
            after = subject_after(masked, cue_end, sentence.end)
            if after is not None:
                content = trim_span(masked, left, cue_start)
                if content[1] > content[0]:
                    return (*after, content[0], self.resumed(sentence, after[1], content[1]))
        return None

    def inverted_name(self, before: tuple[int, int, int | None], lead: str, cue_end: int, end: int) -> bool:
        """ "Yet these constituted just 10% of the backlog, said Dr Houck": a comma right before
        the cue and a name right after it, where the words before name nobody: the subject is
        the name (but "Smith, a lawyer, said the deal …" keeps Smith)."""
        if not lead.endswith(",") or before[0] in self.name_starts:
            return False
        if self.masked[before[0] : before[1]].split()[0].lower() in PRONOUNS:
            return False
        after = subject_after(self.masked, cue_end, end)
        return after is not None and after[0] in self.name_starts

    def participle_opening(self, start: int, end: int) -> bool:
        """Whether a speaker phrase is a capitalised participle and its object ("Holding signs",
        "Speaking reporters"), not a name ("Beijing officials": an entity starts there)."""
        words = words_between(self.masked, start, end, 2)
        return (
            len(words) == 2
            and words[0][0].endswith("ing")
            and words[0][0][:1].isupper()
            and words[1][0][:1].islower()
            and start not in self.any_starts
        )


def _strip_auxiliaries(lead: str) -> str:
    """``lead`` without the auxiliaries and adverbs that end it ("… but has", "… boss is")."""
    words = lead.split()
    while words and words[-1].lower() in _AUXILIARY_TAIL:
        words.pop()
    if not words:
        return ""
    return lead[: lead.rfind(words[-1]) + len(words[-1])]


def _participle(cue: str) -> bool:
    """Whether a cue can be a past participle ("asked", "told", "criticised"), not "telling"."""
    word = cue.split()[0]
    return word.endswith(("ed", "en")) or word in ("told", "said", "thought", "written", "shown")


def _passive(lead: str) -> bool:
    """Whether the words before a cue make it passive: "was", "were", "been", "being", "is"."""
    words = lead.split()
    return bool(words) and words[-1].lower() in ("was", "were", "been", "being", "is", "are")


_SUBORDINATE = frozenset("when while after before if as once asked pressed speaking".split())
_SUBORDINATORS = frozenset("when while after before if as once because since although though".split())


def _coordinated(lead: str) -> bool:
    """A cue that is the second verb of its subject: "… is not dead, but has admitted",
    "… and later told", "… but when asked whether he would do the same again replied"."""
    lowered = lead.lower()
    if lowered.endswith((" and", ", and", " but", ", but", " and then", " but then", " yet")):
        return True
    cut = max(lowered.rfind(" but "), lowered.rfind(" and "))
    if cut < 0:
        return False
    rest = lowered[cut:].split()
    if len(rest) < 2 or "," in lowered[cut:]:
        return False
    if rest[1] in _SUBORDINATE:
        return True
    # "… but in a later interview said": a phrase, no subject of its own, before the verb
    written = lead[cut:].split()[1:]
    return rest[1] in INTRO_WORDS and not any(
        w[0].isupper() or w.lower() in ("he", "she", "they", "it", "we", "i") for w in written
    )
