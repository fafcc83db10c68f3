"""SRC007: check-worthy statistics that no source governs, where a source covers its own
paragraph and the ones after it until a heading, and only statistics (not years, ages, durations
or numbers inside names and quotations) need one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from factcheck.plugin import Quantity

from .findings import ArticleView, AttributionSettings, Finding, shorten


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
