"""Checks on the quotation marks themselves: the same words given to two speakers (SRC006)
and a quotation that never closes (SRC008), allowing for the multi-paragraph convention and for
runs whose paragraph breaks were lost.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from factcheck.plugin import Attribution, Quotation

from .findings import ArticleView, Finding, shorten


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
