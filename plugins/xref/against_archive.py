"""XRF020 and XRF021: the article against the newsroom's archive (``factcheck index``): a figure
that changed since an earlier article on the same subject, and a quote worded differently from
the same speaker's quote in an earlier article. Imported only when an archive is configured.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

from factcheck.plugin import (
    NoteEvidence,
    Quantity,
    Quotation,
    SourceEvidence,
    Span,
    Verdict,
    VerifyContext,
    annotations_of,
)

from .archive import Archive
from .owners import owners
from .speech import trivially_different


def archive_verdicts(context: VerifyContext, archive: Archive, similarity: float) -> Iterator[Verdict]:
    """The archive's findings for one article (the earlier copies of this article excluded)."""
    path = os.path.abspath(context.article.path)
    for statement in context.statements:
        quantities = statement.of_type(Quantity)
        if quantities and context.enabled("XRF020"):
            for hit in archive.changed_figures(
                statement.text, quantities, exclude_path=path, similarity=similarity
            ):
                yield context.verdict(
                    statement,
                    "XRF020",
                    span=Span(start=hit.now.start, end=hit.now.end),
                    evidence=[
                        context.span(hit.now.start, hit.now.end),
                        SourceEvidence(
                            provider="archive", url=hit.path, title=hit.title, excerpt=hit.sentence
                        ),
                        NoteEvidence(text=f"{hit.before} in {hit.path} ({hit.date or 'undated'})"),
                    ],
                    now=hit.now.text,
                    before=hit.before,
                    earlier=hit.title or hit.path,
                    date=hit.date or "undated",
                )
    if not context.enabled("XRF021"):
        return
    from .source_documents import quoted_words

    quotations = annotations_of(context.statements, Quotation)  # a quote spanning two statements, once
    for attribution in context.attributions:
        owner = owners(context).of(attribution.start)
        if owner is None or not attribution.direct or not attribution.speaker:
            continue
        content = quoted_words(attribution, quotations, context.article.plain)
        for quote_hit in archive.changed_quotes(
            attribution.speaker,
            content,
            exclude_path=path,
            similarity=similarity,
            trivial=trivially_different,
        ):
            yield context.verdict(
                owner,
                "XRF021",
                span=Span(start=attribution.start, end=attribution.end),
                evidence=[
                    context.span(attribution.start, attribution.end),
                    SourceEvidence(
                        provider="archive",
                        url=quote_hit.path,
                        title=quote_hit.title,
                        excerpt=quote_hit.sentence,
                    ),
                    NoteEvidence(text=quote_hit.diff),
                ],
                speaker=attribution.speaker,
                earlier=quote_hit.title or quote_hit.path,
                date=quote_hit.date or "undated",
            )
