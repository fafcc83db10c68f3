"""Checks on who the sources are: quotes without a speaker, anonymous and weak sources,
one quotation given to two speakers, quotation marks that never close, unsourced figures.

Unlike a phrase list (STY001/STY002), these checks read the *speaker span* of each attribution
the core extractor found, so "analysts noted" is weak while "analysts at Barclays noted" names an
affiliation a reader can weigh, and "A Russian insider with ties to the Kremlin informed Reuters"
is anonymous whatever words the writer chose, because its speaker phrase names nobody.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from factcheck.plugin import Attribution, Quantity, Quotation, Statement

from .findings import ArticleView, AttributionSettings, Finding, shorten

#: Head nouns of a speaker phrase that describe an unnamed source.
_ANONYMOUS_HEADS = frozenset(
    "insider insiders source sources official officials aide aides diplomat diplomats person "
    "someone adviser advisers advisor advisors ally allies".split()
)
#: Head nouns of a speaker phrase that stand for an unnamed crowd of opinion; capitalised
#: party plurals ("Democrats think") are crowds too.
_WEAK_HEADS = frozenset(
    "analysts experts critics observers commentators pundits some many others people sceptics "
    "skeptics economists scientists researchers campaigners opponents supporters reports rumours "
    "rumors democrats republicans conservatives tories liberals socialists insiders fans residents "
    "locals investors traders activists doctors".split()
)
#: Endings of nouns for people by what they do ("geologist", "historian"), roles the titles
#: lexicon need not list one by one.
_ROLE_ENDS = ("ist", "ian", "ologist")
#: Determiners that make a singular role an unnamed person: "a state geologist", "one banker".
_INDEFINITE = frozenset({"a", "an", "one", "another"})
#: Roles a named organisation speaks through: "a Tesco spokesman" names who speaks.
_SPOKESPEOPLE = frozenset({"spokesman", "spokeswoman", "spokesperson", "representative", "statement"})
#: Phrases that declare a source anonymous wherever they stand in the sentence.
_ANONYMITY = re.compile(
    r"(?i)\b(?:on\s+(?:the\s+)?condition\s+of\s+anonymity|asked\s+not\s+to\s+be\s+(?:named|identified)"
    r"|declined\s+to\s+be\s+(?:named|identified)|did\s+not\s+want\s+to\s+be\s+(?:named|identified)"
    r"|(?:sources?|people|persons?)\s+close\s+to|not\s+authori[sz]ed\s+to\s+(?:speak|comment)|familiar\s+with\s+the\s+(?:matter|situation|"
    r"discussions|talks|plans?|negotiations|investigation))\b"
)
#: Hedges that put a claim in nobody's mouth: "it is understood", "is said to", "reportedly",
#: "rumours suggest".
_IMPERSONAL = re.compile(
    r"\b(?:[Ii]t\s+(?:is|was|has\s+been|had\s+been)\s+(?:widely\s+|generally\s+|now\s+)?"
    r"(?:understood|believed|thought|said|claimed|rumou?red|alleged|suggested)"
    r"|(?:is|are|was|were)\s+(?:widely\s+)?(?:understood|said|believed|rumou?red|reported)\s+to"
    r"|reportedly|[Rr]umou?rs\s+(?:suggest|say|said|are|were|have))\b"
)
_WORD = re.compile(r"[A-Za-z][\w’'-]*")


def _speaker_words(view: ArticleView, item: Attribution) -> list[str]:
    """The words the attribution's own sentence uses for its speaker (its mention, when the
    speaker was resolved to someone named elsewhere; else the speaker phrase)."""
    start, end = item.speaker_start, item.speaker_end
    if item.mention_start is not None and item.mention_end is not None and item.resolved_by == "name":
        start, end = item.mention_start, item.mention_end
    if start is None or end is None:
        return []
    return _WORD.findall(view.text(start, end))


def _names_someone(view: ArticleView, item: Attribution) -> bool:
    """Whether the speaker span is, or holds, a person's name the extractor recognised."""
    start, end = item.speaker_start, item.speaker_end
    if start is None or end is None:
        return False
    return any(
        e.label == "person" and start <= e.start and e.end <= end for e in view.entities_in(start, end)
    )


def _names_organisation(view: ArticleView, start: int, end: int) -> bool:
    return any(e.label == "organisation" for e in view.entities_in(start, end))


def source_kind(view: ArticleView, item: Attribution, delayed: bool = True) -> str | None:
    """ "anonymous", "weak" or None, from the structure of the speaker phrase: its determiner,
    its head noun and whether it names a person or an affiliation a reader can weigh.

    * anonymous: the head is an unnamed-source noun ("a senior Treasury official", "sources
      close to", "US officials"), or an indefinite role with nobody named ("a state geologist
      said"; "a Tesco spokesman" speaks for a named organisation and is not flagged);
    * weak: a crowd as subject ("analysts noted", "some campaigners said", "Democrats think",
      "reports suggest"), with no affiliation after it ("analysts at Barclays" names one).

    With ``delayed``, a source the next sentence identifies by name is neither (a lede's "a
    leading industry figure has said", named in the next paragraph).
    """
    if item.speaker is None or item.resolved_by not in ("name", "pronoun"):
        return None
    words = _speaker_words(view, item)
    if not words or _names_someone(view, item):
        return None
    first, last = _phrase_span(item)
    if first is not None and last is not None and any(ch.isdigit() for ch in view.text(first, last)):
        return None  # "Some 82% said": poll figures, whose source is the poll
    lowered = [w.lower() for w in words]
    cut = next((i for i, w in enumerate(lowered) if i > 0 and w in _PHRASE_ENDS), len(lowered))
    words, lowered = words[:cut], lowered[:cut]  # "Officials in Cojedes state" -> "Officials"
    head = lowered[-1].removesuffix("’s").removesuffix("'s")
    if head in _ANONYMOUS_HEADS:
        return "anonymous"  # "a senior Treasury official", "sources close to", "US officials"
    if head in _SPOKESPEOPLE:
        return None  # a spokesperson speaks for an organisation, on the record
    common = words[-1][:1].islower()  # "Symbian" is a name, "geologist" a role
    if (
        lowered[0] in _INDEFINITE
        and len(words) >= 2
        and (head in view.titles or (common and head.endswith(_ROLE_ENDS)))
    ):
        if delayed and _named_next(view, item):
            return None  # "… a leading industry figure has said. / Tim Renner, the head of …"
        return "anonymous"  # "a state geologist said", "one banker told"
    if head in _QUANTIFIERS and len(words) == 1 and _survey_paragraph(view, item):
        return None  # "Many suggested …" in a survey's findings: its respondents
    return _crowd_kind(view, item, words, lowered, delayed)


def _crowd_kind(
    view: ArticleView, item: Attribution, words: list[str], lowered: list[str], delayed: bool
) -> str | None:
    """ "weak" for a crowd as the subject ("analysts noted", "Democrats think"), else None."""
    head = lowered[-1].removesuffix("’s").removesuffix("'s")
    if head not in _WEAK_HEADS or len(words) > 4 or lowered[0] in _DEFINITE or "the" in lowered[1:3]:
        return None  # "the researchers", "The Conservatives", "His lawyers": a group named already
    party = head in _PARTY_PLURALS and words[-1][0].isupper()
    start, end = _phrase_span(item)
    affiliation = any(w[0].isupper() for w in words[1:]) or (
        start is not None and end is not None and _names_organisation(view, start, end)
    )
    if affiliation and not party:
        return None  # "analysts at Barclays", "CEA analysts": they work for someone named
    if party and not _belief(item):
        return None  # "Democrats said": a party speaking; "Democrats think" is a crowd's belief
    if delayed and not party and _crowd_identified(view, item, lowered):
        return None  # "data recovery experts say …" / "… compiled by recovery company Ontrack"
    return "weak"


#: Words of a crowd's phrase that say nothing about who they are.
_VAGUE = frozenset("some many most several other others few all both real leading top local".split())
#: How many paragraphs after a lede its crowd may be named in (quoted by name).
_LEDE_REACH = 3
#: How far before a name its description may start ("recovery company Ontrack").
_DESCRIPTION_REACH = 40


def _crowd_identified(view: ArticleView, item: Attribution, lowered: list[str]) -> bool:
    """A crowd the article identifies by name elsewhere (delayed identification): a person or
    an organisation in its paragraph whose role, or the words just before its name, share a word
    with the crowd ("data recovery experts say …" / "compiled by recovery company Ontrack"); or,
    for a crowd in the lede, people quoted by name in the next few paragraphs ("… real experts
    say." / "said Max Houck, who runs a forensic science graduate course")."""
    words = {w.removesuffix("s") for w in lowered if len(w) > 3 and w not in _VAGUE}
    statement = view.statement_at(item.start)
    if not words or statement is None or not 0 <= statement.block < len(view.blocks):
        return False
    block = view.blocks[statement.block]
    phrase_start, phrase_end = _phrase_span(item)
    for entity in view.entities_in(block.start, block.end):
        if entity.label not in ("person", "organisation"):
            continue
        if phrase_start is not None and phrase_end is not None and phrase_start <= entity.start < phrase_end:
            continue
        near = view.text(max(block.start, entity.start - _DESCRIPTION_REACH), entity.start)
        if words & _stems(f"{entity.role or ''} {near}"):
            return True
    if statement.block != _first_body_block(view):
        return False
    # A lede's crowd sums up the people the story goes on to quote by name ("… real experts
    # say." / three paragraphs later "said Max Houck, who runs a forensic science course")
    last = min(len(view.blocks) - 1, statement.block + _LEDE_REACH)
    return any(
        other.direct and other.start > item.start and _names_someone(view, other)
        for other in view.attributions
        if other.start < view.blocks[last].end
    )


def _stems(text: str) -> set[str]:
    return {w.lower().removesuffix("s") for w in _WORD.findall(text)}


def _first_body_block(view: ArticleView) -> int:
    """The index of the story's first paragraph (after its title and headings)."""
    for index, block in enumerate(view.blocks):
        if block.kind not in ("title", "heading", "standfirst"):
            return index
    return 0


def _named_next(view: ArticleView, item: Attribution) -> bool:
    """Delayed identification: the sentence after the attribution opens with a person's full
    name (a lede's "a leading industry figure has said", named in the next paragraph)."""
    statement = view.statement_at(item.start)
    if statement is None:
        return False
    index = view.statements.index(statement)
    if index + 1 >= len(view.statements):
        return False
    following = view.statements[index + 1]
    opening = [e for e in view.entities_in(following.start, following.start + 60) if e.label == "person"]
    if not opening or len(opening[0].text.split()) < 2:
        return False
    first = opening[0].role_start if opening[0].role_start is not None else opening[0].start
    return not view.text(following.start, min(first, opening[0].start)).strip()


def _phrase_span(item: Attribution) -> tuple[int | None, int | None]:
    if item.mention_start is not None and item.resolved_by == "name":
        return item.mention_start, item.mention_end
    return item.speaker_start, item.speaker_end


_PARTY_PLURALS = frozenset("democrats republicans conservatives tories liberals socialists".split())


#: Words after which a speaker phrase's head has been said: "sources close to the talks".
_PHRASE_ENDS = frozenset("in at of for from with by close familiar who which that on".split())
#: Determiners that point to a group the article has already identified.
_DEFINITE = frozenset("the these those his her their its our my".split())
#: Words that quantify a crowd without naming it: "Some economists", "Many analysts".
_QUANTIFIERS = frozenset("some many most several other others few all both".split())
_BELIEF_CUES = frozenset(
    "think thinks thought believe believes believed fear fears feared suspect suspects feel feels "
    "felt expect expects expected hope hopes hoped".split()
)


_SURVEY = re.compile(r"(?i)\b(?:survey|poll|report|study|research|found|respondents|questioned)\b")


def _survey_paragraph(view: ArticleView, item: Attribution) -> bool:
    statement = view.statement_at(item.start)
    if statement is None or not 0 <= statement.block < len(view.blocks):
        return False
    block = view.blocks[statement.block]
    return _SURVEY.search(view.plain, block.start, block.end) is not None


def _belief(item: Attribution) -> bool:
    return (item.cue or "").lower() in _BELIEF_CUES


def quote_checks(view: ArticleView, settings: AttributionSettings) -> Iterator[Finding]:
    """SRC001 (a quote without speaker), SRC002/SRC003 (anonymous or weak sources) by speaker.

    An attributed quote yields nothing here: finding who said it is not checking that it is true,
    so it is shown in the report's attribution table (``ArticleReport.attributions``), never as a
    ``supported`` verdict."""
    flagged_pronoun = pronoun_before_anyone(view)
    for item in view.attributions:
        kind = source_kind(view, item)
        if kind == "weak":
            statement = view.statement_at(item.start)
            if statement is not None and _named_source_in(view, statement):
                kind = None  # "The CBI found … but many said": the crowd is a named source's
        if kind is not None and item.speaker_start is not None and item.speaker_end is not None:
            code = "SRC002" if kind == "anonymous" else "SRC003"
            span = _phrase_span(item)
            phrase = view.text(span[0] or item.speaker_start, span[1] or item.speaker_end)
            yield Finding(
                code,
                item.speaker_start,
                item.speaker_end,
                {"source": shorten(phrase, 60)},
                ((item.start, item.end, "what the source is said to have said"),),
            )
            continue
        if not item.direct:
            continue
        unattributed = item.speaker is None or (
            not settings.followon_paragraph_attributed and _from_another_paragraph(view, item)
        )
        if unattributed and _spoken_by_someone(view, item):
            continue  # "Smernicki said he had been told a fan “rugby-tackled” …": he is the source
        if unattributed:
            if item.start in flagged_pronoun:
                continue  # SRC004 already says why: a pronoun with nobody to point to
            if item.speaker is None and _pronoun_mention(view, item):
                continue  # "“…,” it said": the article names its speaker by a pronoun
            if view.block_kind(item.start) in ("title", "heading", "caption"):
                continue  # a headline's quoted word is a label ("'Brainwave' cap controls computer")
            if _crosshead(view, item):
                continue
            yield Finding(
                "SRC001",
                item.start,
                item.end,
                {"quote": shorten(view.text(item.start, item.end), 60)},
                ((item.start, item.end, "quotation"),),
            )


def _spoken_by_someone(view: ArticleView, item: Attribution) -> bool:
    """Whether another attribution with a speaker covers the same quotation: among those with a
    speaker starting at or before it, the two that reach furthest (``ArticleView.reach``) say."""
    reach = view.speaker_reach
    if reach is None:
        reach = view.speaker_reach = _speaker_reach(view)
    starts, best = reach
    index = bisect.bisect_right(starts, item.start) - 1
    if index < 0:
        return False
    for end, other in best[index]:
        if other is not item and item.end <= end:
            return True
    return False


def _speaker_reach(
    view: ArticleView,
) -> tuple[list[int], list[tuple[tuple[int, Attribution], ...]]]:
    """For the attributions with a speaker, sorted by start: each start, and the (at most two)
    attributions reaching furthest among those starting at or before it (two, so that one is
    not the attribution asked about)."""
    spoken = sorted((a for a in view.attributions if a.speaker is not None), key=lambda a: a.start)
    starts: list[int] = []
    best: list[tuple[tuple[int, Attribution], ...]] = []
    top: tuple[tuple[int, Attribution], ...] = ()
    for other in spoken:
        top = tuple(sorted((*top, (other.end, other)), key=lambda pair: -pair[0])[:2])
        starts.append(other.start)
        best.append(top)
    return starts, best


def _pronoun_mention(view: ArticleView, item: Attribution) -> bool:
    if item.mention_start is None or item.mention_end is None:
        return False
    return view.text(item.mention_start, item.mention_end).strip().lower() in ("it", "they", "we", "who")


def _crosshead(view: ArticleView, item: Attribution) -> bool:
    """A paragraph that is nothing but a short quoted phrase ("'Strong dollar'"): a crosshead
    set in quotation marks, not a quote without a speaker."""
    statement = view.statement_at(item.start)
    if statement is None or not 0 <= statement.block < len(view.blocks):
        return False
    block = view.blocks[statement.block]
    text = view.text(block.start, block.end).strip()
    inner = view.text(item.start, item.end).strip(" “”\"‘’'")
    return text.strip("“”\"‘’'") == inner and len(inner.split()) <= 4


def _from_another_paragraph(view: ArticleView, item: Attribution) -> bool:
    """A quote whose speaker was found in an earlier paragraph (a follow-on quote paragraph)."""
    if item.resolved_by not in ("previous_quote", "adjacent") or item.speaker_start is None:
        return False
    here, there = view.statement_at(item.start), view.statement_at(item.speaker_start)
    return here is not None and there is not None and here.block != there.block


def pronoun_before_anyone(view: ArticleView) -> set[int]:
    """Starts of attributions whose speaker is "he"/"she" with no person named before it."""
    found: set[int] = set()
    for item in view.attributions:
        if item.speaker is None and item.mention_start is not None and item.mention_end is not None:
            if view.text(item.mention_start, item.mention_end).strip().lower() in ("he", "she"):
                found.add(item.start)
    return found


def phrase_checks(view: ArticleView) -> Iterator[Finding]:
    """SRC002 for declared anonymity, SRC003 for impersonal attribution, outside quotations."""
    covered: list[tuple[int, int]] | None = None  # flagged speaker spans, made on first need
    for pattern, code in ((_ANONYMITY, "SRC002"), (_IMPERSONAL, "SRC003")):
        for match in pattern.finditer(view.plain):
            at = match.start()
            if view.inside_quotation(at):
                continue
            statement = view.statement_at(at)
            if covered is None:
                covered = sorted(
                    {
                        (a.speaker_start, a.speaker_end)
                        for a in view.attributions
                        if a.speaker_start is not None and a.speaker_end is not None and source_kind(view, a)
                    }
                )
            if statement is not None and _holds_span(covered, statement.start, statement.end):
                continue  # the speaker phrase of this sentence is already flagged
            if code == "SRC003" and statement is not None and _named_source_in(view, statement):
                continue  # "… is understood to be worth £1bn, the company said": sourced
            yield Finding(code, match.start(), match.end(), {"source": match.group()})


def _holds_span(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether a span of ``spans`` (sorted) lies inside ``[start, end]``."""
    index = bisect.bisect_left(spans, (start, -1))
    while index < len(spans) and spans[index][0] <= end:
        if spans[index][1] <= end:
            return True
        index += 1
    return False


def _named_source_in(view: ArticleView, statement: Statement) -> bool:
    """Whether a sentence holds an attribution to a named person or organisation (its speaker
    span holds a name the extractor recognised: "The CBI found …", not "the minister"): its
    content or its speaker starts in the sentence. The positions are found once per article."""
    positions = view.named_source_positions
    if positions is None:
        positions = view.named_source_positions = _named_source_positions(view)
    index = bisect.bisect_left(positions, statement.start)
    return index < len(positions) and positions[index] < statement.end


def _named_source_positions(view: ArticleView) -> list[int]:
    """Where each attribution to a named source starts, and where its speaker does (sorted)."""
    found: list[int] = []
    for item in view.attributions:
        if item.speaker is None or item.resolved_by != "name":
            continue
        start, end = item.speaker_start, item.speaker_end
        named = (
            start is not None
            and end is not None
            and any(e.label in ("person", "organisation") for e in view.entities_in(start, end))
        )
        documented = (item.cue or "").lower() == "according to"  # "according to court records"
        if not named and not documented:
            continue
        if source_kind(view, item, delayed=False) is None:
            found.append(item.start)
            if item.speaker_start is not None:
                found.append(item.speaker_start)
    found.sort()
    return found


def duplicate_quotes(view: ArticleView) -> Iterator[Finding]:
    """SRC006: the same words (five or more) put in two different speakers' mouths."""
    first: dict[str, tuple[Attribution, int]] = {}
    for item in view.attributions:
        if not item.direct or item.speaker is None:
            continue
        for quote in view.quotations_in(item.start, item.end):
            words = re.findall(r"\w+", view.text(quote.content_start, quote.content_end).lower())
            if len(words) < 5:
                continue
            key = " ".join(words)
            earlier, where = first.setdefault(key, (item, quote.start))
            if earlier is item or earlier.speaker is None:
                continue
            if where == quote.start:
                continue  # one quotation, reported at one remove ("Howard said the police had said …")
            if _surname(earlier.speaker) != _surname(item.speaker):
                yield Finding(
                    "SRC006",
                    quote.start,
                    quote.end,
                    {"first": earlier.speaker, "second": item.speaker},
                    ((earlier.start, earlier.end, f"attributed to {earlier.speaker}"),),
                )


def _surname(name: str) -> str:
    words = name.lower().replace("’s", "").split()
    return words[-1] if words else ""


def unbalanced_quotes(view: ArticleView) -> Iterator[Finding]:
    """SRC008: a quotation that never closes, unless the next paragraph re-opens it (the
    multi-paragraph convention: each paragraph of a long quote opens but does not close)."""
    for quote in view.quotations:
        if quote.closed:
            continue
        statement = view.statement_at(quote.start)
        index = statement.block if statement is not None else -1
        if 0 <= index < len(view.blocks) and _continues(view, index, quote):
            continue
        if _reopened(view, quote):
            continue
        yield Finding(
            "SRC008", quote.start, quote.start + 1, {"quote": shorten(view.text(quote.start, quote.end), 50)}
        )


def _reopened(view: ArticleView, quote: Quotation) -> bool:
    """``“… nothing happened. “If he has to talk …``: a quote that ends a sentence and is
    re-opened at once is a run whose paragraph break was lost (wire and archive copy), not a
    missing closing mark."""
    after = view.plain[quote.end : quote.end + 3].lstrip()
    before = view.plain[quote.content_start : quote.end].rstrip().rstrip("’'")
    return after[:1] in ("“", '"', "«") and before[-1:] in (".", "?", "!", "…")


def _continues(view: ArticleView, index: int, quote: Quotation) -> bool:
    """Whether an open quote runs to the end of its paragraph and the next paragraph re-opens."""
    block = view.blocks[index]
    end = block.end
    while end > block.start and view.plain[end - 1].isspace():
        end -= 1
    if quote.end < end - 1 or index + 1 >= len(view.blocks):
        return False
    following = view.blocks[index + 1]
    head = view.plain[following.start : following.start + 4].lstrip()
    return head[:1] in ("“", '"', "«", "‘", "'")


def unsourced_claims(view: ArticleView, settings: AttributionSettings) -> Iterator[Finding]:
    """SRC007: a check-worthy statistic that no source governs.

    A source (an attribution with a speaker, a quotation's speaker, or a source word such as
    "according to", "figures from", "survey") governs its own paragraph and the paragraphs after
    it, until a heading starts another section: a story that names where its figures come from
    need not repeat it in every paragraph, and a lede may be attributed in the paragraph after
    it (delayed attribution). Only statistics count: percentages, money, measures, ratios and
    counts of twenty or more; not years, ordinals, ages, durations, figures inside quotation
    marks (the speaker is their source) or inside names ("Boeing 737", "top 20 singles").
    """
    words = sorted(settings.source_words, key=len, reverse=True)
    pattern = re.compile(r"(?i)\b(?:" + "|".join(re.escape(w) for w in words) + r")\b") if words else None
    sourced = _sourced_blocks(view, pattern)
    covered = _governed_blocks(view, sourced)
    for statement in view.statements:
        if statement.kind in ("title", "heading") or "quantity" not in statement.kinds:
            continue
        if statement.checkworthiness < settings.claim_threshold or statement.block in covered:
            continue
        if view.block_kind(statement.start) in ("caption", "quote"):
            continue
        if not any(_statistic(view, q) for q in statement.of_type(Quantity)):
            continue
        yield Finding("SRC007", statement.start, statement.end, {"claim": shorten(statement.text, 60)})


def _sourced_blocks(view: ArticleView, pattern: re.Pattern[str] | None) -> set[int]:
    """Blocks that name a source: an attribution with a speaker, or a source word outside quotes."""
    found: set[int] = set()
    for item in view.attributions:
        if item.speaker is None:
            continue
        statement = view.statement_at(item.start)
        if statement is not None:
            found.add(statement.block)
    if pattern is not None:
        for index, block in enumerate(view.blocks):
            for match in pattern.finditer(view.plain, block.start, block.end):
                if not view.inside_quotation(match.start()):
                    found.add(index)
                    break
    return found


def _governed_blocks(view: ArticleView, sourced: set[int]) -> set[int]:
    """Blocks a source governs: its own, those after it up to the next heading, and the one
    just before it when that one opens the section (a lede attributed in its next paragraph)."""
    covered: set[int] = set()
    governing = False
    section_start = True
    for index, block in enumerate(view.blocks):
        if block.kind in ("heading", "title"):
            governing, section_start = False, True
            continue
        if index in sourced:
            governing = True
        if governing:
            covered.add(index)
        elif section_start and index + 1 in sourced:
            covered.add(index)  # the lede, attributed in the paragraph after it
        if block.kind != "standfirst":
            section_start = False
    return covered


_NAME_BEFORE = re.compile(r"[A-Z][\w-]*\s+$")
_TIME_UNITS = frozenset(
    "second seconds minute minutes hour hours day days week weeks month months year years "
    "year-old year-olds decade decades century centuries".split()
)


def _statistic(view: ArticleView, quantity: Quantity) -> bool:
    """Whether a quantity is a statistic a reader would want sourced (see ``unsourced_claims``)."""
    if quantity.kind in ("year", "ordinal"):
        return False
    if any(
        q.start <= quantity.start < q.end
        for q in view.quotations_in(max(0, quantity.start - 2000), quantity.start + 1)
    ):
        return False  # inside a quotation: the speaker is the source
    unit = (quantity.unit or "").lower()
    if unit in _TIME_UNITS or unit.endswith("year-old"):
        return False
    if quantity.kind == "count":
        if quantity.value < 20 or quantity.spelled:
            return False
        if _NAME_BEFORE.search(view.plain, max(0, quantity.start - 30), quantity.start):
            return False  # "Boeing 737 aircraft", "Top 20 singles": a name or a rank, no count
    return True
