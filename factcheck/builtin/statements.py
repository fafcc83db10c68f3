"""The default statement splitter: sentences within blocks, clauses where a sentence carries
separate claims. Headings and titles are statements of their own kind (a headline can be wrong
too). Registered ``trylast`` so a plugin with a better splitter wins by returning a list first."""

from __future__ import annotations

from factcheck.config.settings import Config
from factcheck.errors import ArticleError
from factcheck.model.article import Article, Statement, StatementKind
from factcheck.plugin_system.hookspecs import hookimpl
from factcheck.text.segment import split_clauses, split_sentences

_BLOCK_STATEMENT_KIND: dict[str, StatementKind] = {"heading": "heading", "title": "title"}


def _spans(article: Article) -> list[tuple[int, int, int, StatementKind]]:
    plain = article.plain
    found: list[tuple[int, int, int, StatementKind]] = []
    for index, block in enumerate(article.blocks):
        whole = _BLOCK_STATEMENT_KIND.get(block.kind)
        if whole is not None:
            if plain[block.start : block.end].strip():
                found.append((block.start, block.end, index, whole))
            continue
        for start, end in split_sentences(plain, block.start, block.end):
            clauses = split_clauses(plain, start, end)
            kind: StatementKind = "clause" if len(clauses) > 1 else "sentence"
            found.extend((s, e, index, kind) for s, e in clauses)
    return found


@hookimpl(trylast=True)
def split_statements(article: Article, config: Config) -> list[Statement]:
    """The article's statements; more than ``[check] max_statements`` is an input error."""
    spans = _spans(article)
    limit = config.settings.check.max_statements
    if len(spans) > limit:
        raise ArticleError(
            f"{len(spans)} statements, over the limit of {limit} ([check] max_statements); split the article",
            article.path,
        )
    statements = []
    for number, (start, end, block, kind) in enumerate(spans, start=1):
        line, column = article.line_col(start)
        statements.append(
            Statement(
                id=f"S{number}",
                start=start,
                end=end,
                text=article.source[start:end],
                kind=kind,
                block=block,
                line=line,
                column=column,
            )
        )
    return statements
