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
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from factcheck.model.article import Attribution, Block, Entity, Quotation
from factcheck.text.scanner import Scan
from factcheck.text.speech_grammar import (
    AUXILIARIES,
    DETERMINERS,
    INTRO_WORDS,
    LEADING_LINKS,
    PRONOUNS,
    sentences,
    subject_after,
    subject_before,
    words_between,
)
from factcheck.text.speech_lexicons import Lexicons
from factcheck.text.speech_runs import QuoteRuns
from factcheck.text.speech_speakers import Sentence, Speaker, trim_span

# ", Rubio fired back": a comma and a capitalised word open another clause with its own subject.
_NEW_CLAUSE = re.compile(r", (?:[A-Z]|he |she |they )")
# A word right before a cue that makes the cue a noun: "his claims", "those reports".
_NOUN_MARKERS = (DETERMINERS | {"her", "its", "whose", "your"}) - {"that", "one", "no", "all", "both"}


class _Extractor(QuoteRuns):
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

    def opens_sentence(self, sentence: Sentence, position: int) -> bool:
        """A capitalised cue counts only where a sentence or clause starts ("According to")."""
        before = self.masked[sentence.start : position].rstrip()
        return not before or before.endswith((",", ":", "“", '"', ";"))

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


_QUOTED_BY = re.compile(r"[\s,]*(?:[A-Z][\w.’'-]*\s+){1,5}quoted\s+$")
_ING_NOUN_FOLLOWER = re.compile(r"\s*(?:[,.;:)]|(?:of|from|by|in|for|to|against|about|over|on)\b)")
_NOUN_FOLLOWER = re.compile(r"\s*(?:[,.;:)]|(?:of|from|by|in|for|and|or|about|over|were|are|have)\b)")
_WON = re.compile(
    r"\s+(?:the|a|an|his|her|their|its)?\s*(?:[\w'’-]+\s+){0,3}?"
    r"(?:title|titles|victory|win|gold|silver|bronze|medal|medals|crown|trophy|prize|record|honours|"
    r"lead|place|spot|points?|seat|seats|scalp|lives|life)\b"
)
_CALL_FOR = re.compile(r"\s+(?:for|on|upon)\b")
_NEXT_PASSIVE = re.compile(r",? and (?:was|were|has been|have been|had been) (?=[a-z]+(?:ed|en)\b)")
#: Cues that name or label rather than report speech: a quoted name after them is no quote.
_NAMING_CUES = frozenset(
    "called calls calling dubbed described describes described as named nicknamed labelled labeled "
    "branded termed".split()
)
#: Cues whose passive subject is the person addressed: "X was asked", "Y was told".
_PASSIVE_ADDRESSEE_CUES = frozenset({"asked", "told", "informed"})
_AUXILIARY_TAIL = frozenset("is was are were be been being has have had also later then".split())


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
