"""Checks on who the sources are: quotes without a speaker (SRC001), anonymous and weak
sources (SRC002, SRC003), by speaker phrase and by declared anonymity or hedges.

Unlike a phrase list (STY001/STY002), these checks read the *speaker span* of each attribution
the core extractor found, so "analysts noted" is weak while "analysts at Barclays noted" names an
affiliation a reader can weigh, and "A Russian insider with ties to the Kremlin informed Reuters"
is anonymous whatever words the writer chose, because its speaker phrase names nobody. The
reading of a speaker phrase is ``source_kinds``; duplicated and unclosed quotations are
``quote_marks``, unsourced statistics ``unsourced``.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from factcheck.plugin import Attribution

from .findings import ArticleView, AttributionSettings, Finding, shorten
from .source_kinds import named_source_in, phrase_span, source_kind

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
            if statement is not None and named_source_in(view, statement):
                kind = None  # "The CBI found … but many said": the crowd is a named source's
        if kind is not None and item.speaker_start is not None and item.speaker_end is not None:
            code = "SRC002" if kind == "anonymous" else "SRC003"
            span = phrase_span(item)
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
            if code == "SRC003" and statement is not None and named_source_in(view, statement):
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
