"""Checks on who the sources are: quotes without a speaker, anonymous and weak sources,
one quotation given to two speakers, quotation marks that never close, unsourced figures.

Unlike a phrase list (STY001/STY002), these checks read the *speaker span* of each attribution
the core extractor found, so "analysts noted" is weak while "analysts at Barclays noted" names an
affiliation a reader can weigh, and "A Russian insider with ties to the Kremlin informed Reuters"
is anonymous whatever words the writer chose, because its speaker phrase names nobody.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from factcheck.plugin import Attribution, Quotation

from .findings import ArticleView, AttributionSettings, Finding, shorten

#: Head nouns of a speaker phrase that describe an unnamed source.
_ANONYMOUS_HEADS = frozenset(
    "insider insiders source sources official officials aide aides diplomat diplomats person "
    "someone adviser advisers advisor advisors ally allies".split()
)
#: Head nouns of a speaker phrase that stand for an unnamed crowd of opinion.
_WEAK_HEADS = frozenset(
    "analysts experts critics observers commentators pundits some many others people sceptics "
    "skeptics economists scientists researchers campaigners opponents supporters".split()
)
#: Phrases that declare a source anonymous wherever they stand in the sentence.
_ANONYMITY = re.compile(
    r"(?i)\b(?:on\s+(?:the\s+)?condition\s+of\s+anonymity|asked\s+not\s+to\s+be\s+(?:named|identified)"
    r"|declined\s+to\s+be\s+(?:named|identified)|did\s+not\s+want\s+to\s+be\s+(?:named|identified)"
    r"|(?:sources?|people|persons?)\s+close\s+to|not\s+authori[sz]ed\s+to\s+(?:speak|comment)|familiar\s+with\s+the\s+(?:matter|situation|"
    r"discussions|talks|plans?|negotiations|investigation))\b"
)
#: Impersonal attribution: a claim in nobody's mouth.
_IMPERSONAL = re.compile(
    r"\b[Ii]t\s+(?:is|was|has\s+been|had\s+been)\s+(?:widely\s+|generally\s+|now\s+)?"
    r"(?:understood|believed|thought|said|claimed|rumou?red|alleged|suggested)\b"
)
_WORD = re.compile(r"[A-Za-z][\w’'-]*")


def _speaker_words(view: ArticleView, item: Attribution) -> list[str]:
    if item.speaker_start is None or item.speaker_end is None:
        return []
    return _WORD.findall(view.text(item.speaker_start, item.speaker_end))


def _names_someone(view: ArticleView, item: Attribution) -> bool:
    """Whether the speaker span is, or holds, a person's name the extractor recognised."""
    start, end = item.speaker_start, item.speaker_end
    if start is None or end is None:
        return False
    return any(
        e.label == "person" and start <= e.start and e.end <= end for e in view.entities_in(start, end)
    )


def source_kind(view: ArticleView, item: Attribution) -> str | None:
    """ "anonymous", "weak" or None for the speaker phrase of one attribution."""
    words = _speaker_words(view, item)
    if not words or _names_someone(view, item):
        return None
    lowered = [w.lower() for w in words]
    if any(w in _ANONYMOUS_HEADS for w in lowered[:4]):
        return "anonymous"
    capitalised_after_head = any(w[0].isupper() for w in words[1:])
    if lowered[-1] in _WEAK_HEADS and not capitalised_after_head and len(words) <= 3:
        return "weak"
    return None


def quote_checks(view: ArticleView, settings: AttributionSettings) -> Iterator[Finding]:
    """SRC001 (a quote without speaker), SRC002/SRC003 (anonymous or weak sources) by speaker.

    An attributed quote yields nothing here: finding who said it is not checking that it is true,
    so it is shown in the report's attribution table (``ArticleReport.attributions``), never as a
    ``supported`` verdict."""
    flagged_pronoun = pronoun_before_anyone(view)
    for item in view.attributions:
        kind = source_kind(view, item)
        if kind is not None and item.speaker_start is not None and item.speaker_end is not None:
            code = "SRC002" if kind == "anonymous" else "SRC003"
            phrase = view.text(item.speaker_start, item.speaker_end)
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
        if unattributed:
            if item.start in flagged_pronoun:
                continue  # SRC004 already says why: a pronoun with nobody to point to
            yield Finding(
                "SRC001",
                item.start,
                item.end,
                {"quote": shorten(view.text(item.start, item.end), 60)},
                ((item.start, item.end, "quotation"),),
            )


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
    inside = [(q.start, q.end) for q in view.quotations]
    speakers = {(a.speaker_start, a.speaker_end) for a in view.attributions if source_kind(view, a)}
    covered = [span for span in speakers if span[0] is not None]
    for pattern, code in ((_ANONYMITY, "SRC002"), (_IMPERSONAL, "SRC003")):
        for match in pattern.finditer(view.plain):
            at = match.start()
            if any(s <= at < e for s, e in inside):
                continue
            statement = view.statement_at(at)
            if statement is not None and any(
                s is not None and e is not None and statement.start <= s and e <= statement.end
                for s, e in covered
            ):
                continue  # the speaker phrase of this sentence is already flagged
            yield Finding(code, match.start(), match.end(), {"source": match.group()})


def duplicate_quotes(view: ArticleView) -> Iterator[Finding]:
    """SRC006: the same words (five or more) put in two different speakers' mouths."""
    first: dict[str, Attribution] = {}
    for item in view.attributions:
        if not item.direct or item.speaker is None:
            continue
        for quote in view.quotations_in(item.start, item.end):
            words = re.findall(r"\w+", view.text(quote.content_start, quote.content_end).lower())
            if len(words) < 5:
                continue
            key = " ".join(words)
            earlier = first.setdefault(key, item)
            if earlier is item or earlier.speaker is None:
                continue
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
        yield Finding(
            "SRC008", quote.start, quote.start + 1, {"quote": shorten(view.text(quote.start, quote.end), 50)}
        )


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
    """SRC007: a check-worthy statement with a figure and no source in its sentence or paragraph.

    A paragraph with any attribution, or a source word ("according to", "figures from",
    "survey"), counts as sourced: the check lists bare statistics for an editor, not every
    figure a quoted source gives.
    """
    attributed_blocks = set()
    for item in view.attributions:
        statement = view.statement_at(item.start)
        if statement is not None:
            attributed_blocks.add(statement.block)
    words = sorted(settings.source_words, key=len, reverse=True)
    pattern = re.compile(r"(?i)\b(?:" + "|".join(re.escape(w) for w in words) + r")\b") if words else None
    sourced_blocks: dict[int, bool] = {}
    for statement in view.statements:
        if statement.kind in ("title", "heading") or "quantity" not in statement.kinds:
            continue
        if statement.checkworthiness < settings.claim_threshold or statement.block in attributed_blocks:
            continue
        if view.quotations_in(statement.start, statement.end) or view.block_kind(statement.start) in (
            "caption",
            "quote",
        ):
            continue
        block = statement.block
        if block not in sourced_blocks:
            span = view.blocks[block] if 0 <= block < len(view.blocks) else statement
            sourced_blocks[block] = bool(pattern and pattern.search(view.plain, span.start, span.end))
        if sourced_blocks[block]:
            continue
        yield Finding("SRC007", statement.start, statement.end, {"claim": shorten(statement.text, 60)})
