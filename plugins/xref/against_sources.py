"""The article's direct quotes against the reporter's source documents (transcripts, reports):
each quote is aligned with the passage it comes from, and a quote that is not there, or is worded
differently, is a finding with the passage and the word difference as evidence. Imported only
when source folders are configured.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from factcheck.plugin import Evidence, NoteEvidence, SourceEvidence, Span, Verdict, VerifyContext

from .owners import owners
from .source_documents import align_quote, load_documents, quotes_of


def source_verdicts(context: VerifyContext, folders: list[str], similarity: float) -> Iterator[Verdict]:
    """The source documents' findings for one article, from ``folders`` (relative to the article)."""
    base = Path(context.article.path).parent if context.article.path not in {"-", "<string>"} else Path.cwd()
    documents = context.memo("xref-sources", lambda: load_documents(folders, base))
    if not documents:
        return
    for quote in quotes_of(context.article, context.statements, context.attributions):
        statement = owners(context).of(quote.start)
        if statement is None:
            continue
        result = align_quote(quote.text, quote.speaker, documents, similarity)
        code = result.code
        if not context.enabled(code):
            continue
        evidence: list[Evidence] = [context.span(quote.start, quote.end)]
        if result.passage:
            evidence.append(
                SourceEvidence(
                    provider="sources", url=result.path, title=result.title, excerpt=result.passage
                )
            )
        if result.diff:
            evidence.append(NoteEvidence(text=result.diff))
        yield context.verdict(
            statement,
            code,
            span=Span(start=quote.start, end=quote.end),
            evidence=evidence,
            source=result.title or result.path or "",
            detail=result.detail,
            speaker=quote.speaker or "",
        )
