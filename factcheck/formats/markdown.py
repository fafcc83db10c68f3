"""Markdown articles: front matter, then markdown-it-py's block structure mapped back to offsets.

markdown-it-py is CommonMark-correct about what is a paragraph, a list item, a quote or code,
and its tokens carry source line ranges (``token.map``). We reveal only the lines of prose
leaves (paragraphs, headings, table cells) and blank their container markers and inline markup;
everything else, fences, indented code, HTML blocks, link reference definitions and rules,
simply stays blank.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from factcheck.formats.frontmatter import meta_from_front_matter, split_front_matter
from factcheck.formats.markdown_inline import InlineMasker
from factcheck.formats.masking import Masker, blank, has_binary, make_blocks
from factcheck.model.article import Article, ArticleMeta, BlockKind, line_starts

_LIST_MARKER = re.compile(r"(?:[-*+]|\d{1,9}[.)])(?=[ \t]|$)")
_ATX_OPEN = re.compile(r"#{1,6}(?=[ \t]|$)")
_ATX_CLOSE = re.compile(r"(?:^|[ \t]+)#+[ \t]*$")


@lru_cache(maxsize=1)
def _parser() -> Any:
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    # Only block structure is used (inline markup is masked by offset-keeping scans), so skip
    # markdown-it's inline pass: it is most of its run time.
    return parser.disable(["inline", "text_join"])


class _Lines:
    """Line geometry of the source: where each line starts and where its content ends."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.starts = line_starts(source)

    def span(self, line: int) -> tuple[int, int]:
        start = self.starts[line]
        end = self.starts[line + 1] - 1 if line + 1 < len(self.starts) else len(self.source)
        if end > start and self.source[end - 1] == "\r":
            end -= 1
        return start, end


def _skip_blanks(text: str, pos: int, end: int) -> int:
    while pos < end and text[pos] in " \t":
        pos += 1
    return pos


def _content_start(text: str, pos: int, end: int, quotes: int, markers: int) -> int:
    """Skip up to ``quotes`` blockquote ``>`` and ``markers`` list markers at a line start."""
    while True:
        pos = _skip_blanks(text, pos, end)
        if quotes and pos < end and text[pos] == ">":
            quotes -= 1
            pos += 1
            continue
        if markers:
            found = _LIST_MARKER.match(text, pos, end)
            if found is not None:
                markers -= 1
                pos = found.end()
                continue
        return pos


class _Builder:
    def __init__(self, source: str, masker: Masker) -> None:
        self.source = source
        self.masker = masker
        self.lines = _Lines(source)
        self.runs: list[tuple[int, int, BlockKind]] = []
        self.quote_depth = 0
        self.list_depth = 0
        self.markers: dict[int, int] = {}  # line -> list markers still to strip on it
        self.title_text: str | None = None

    def leaf(self, first: int, last: int, kind: BlockKind, atx: bool) -> None:
        """Reveal the prose of source lines ``first..last-1`` and mask its inline markup."""
        text = self.source
        start: int | None = None
        end = 0
        for line in range(first, min(last, len(self.lines.starts))):
            line_start, line_end = self.lines.span(line)
            pos = _content_start(text, line_start, line_end, self.quote_depth, self.markers.pop(line, 0))
            stop = line_end
            if atx:
                opened = _ATX_OPEN.match(text, pos, line_end)
                if opened is not None:
                    pos = opened.end()
                closing = _ATX_CLOSE.search(text, pos, line_end)
                if closing is not None:
                    stop = closing.start()
            self.masker.reveal(pos, stop)
            start = pos if start is None else start
            end = max(end, stop)
        if start is None or end <= start:
            return
        InlineMasker(self.masker, start, end).run()
        self.runs.append((start, end, kind))

    def table_row(self, line: int) -> None:
        """One table row: each cell between unescaped pipes becomes its own block."""
        if line >= len(self.lines.starts):
            return
        text = self.source
        line_start, line_end = self.lines.span(line)
        pos = _content_start(text, line_start, line_end, self.quote_depth, 0)
        cell_start = pos
        i = pos
        while i <= line_end:
            if i == line_end or (text[i] == "|" and (i == pos or text[i - 1] != "\\")):
                if i > cell_start:
                    self.masker.reveal(cell_start, i)
                    InlineMasker(self.masker, cell_start, i).run()
                    self.runs.append((cell_start, i, "paragraph"))
                cell_start = i + 1
            i += 1

    def build(self, tokens: list[Any]) -> None:
        heading: tuple[str, bool] | None = None  # (tag, atx) of the open heading
        table_line = -1
        for token in tokens:
            kind = token.type
            if self._nesting(token):
                continue
            if kind == "heading_open":
                heading = (token.tag, token.markup.startswith("#"))
            elif kind == "heading_close":
                heading = None
            elif kind == "tr_open" and token.map:
                if token.map[0] != table_line:
                    table_line = token.map[0]
                    self.table_row(table_line)
            elif kind == "inline" and token.map and heading is not None:
                self._heading(token, heading)
            elif kind == "inline" and token.map and table_line == -1:
                self.leaf(token.map[0], token.map[1], self._leaf_kind(), atx=False)
            elif kind == "table_close":
                table_line = -1

    def _nesting(self, token: Any) -> bool:
        """Follow block quotes and list items (depths, list markers); whether the token was one."""
        kind = token.type
        if kind == "blockquote_open":
            self.quote_depth += 1
        elif kind == "blockquote_close":
            self.quote_depth = max(0, self.quote_depth - 1)
        elif kind == "list_item_open":
            self.list_depth += 1
            if token.map:
                self.markers[token.map[0]] = self.markers.get(token.map[0], 0) + 1
        elif kind == "list_item_close":
            self.list_depth = max(0, self.list_depth - 1)
        else:
            return False
        return True

    def _leaf_kind(self) -> BlockKind:
        if self.list_depth:
            return "list_item"
        return "quote" if self.quote_depth else "paragraph"

    def _heading(self, token: Any, heading: tuple[str, bool]) -> None:
        tag, atx = heading
        first_leaf = not self.runs
        kind: BlockKind = "title" if tag == "h1" and first_leaf and not self.quote_depth else "heading"
        before = len(self.runs)
        self.leaf(token.map[0], token.map[1], kind, atx=atx)
        if kind == "title" and len(self.runs) > before:
            start, end, _ = self.runs[-1]
            words = self.masker.segment(start, end).split()
            self.title_text = " ".join(words) or None


def _blank_lines(text: str) -> str:
    """``text`` blanked with every line break (``\\r`` included) kept, so line numbers hold."""
    return "".join(ch if ch in "\r\n" else " " for ch in text) if "\r" in text else blank(text)


def load_markdown(path: str, text: str) -> Article:
    """Load a Markdown article; raises ``ArticleError`` only for malformed front matter."""
    masker = Masker(text)
    if has_binary(text) or not text.strip():
        return Article(path=path, format="markdown", source=text, plain=masker.plain(), blocks=())
    front = split_front_matter(text, path)
    meta = meta_from_front_matter(front, path) if front is not None else ArticleMeta()
    body = text if front is None else _blank_lines(text[: front.end]) + text[front.end :]
    # markdown-it ends lines at "\r\n", "\n" and a lone "\r", as ``line_starts`` does.
    tokens = _parser().parse(body)
    builder = _Builder(text, masker)
    builder.build(tokens)
    if meta.title is None and builder.title_text:
        meta = meta.model_copy(update={"title": builder.title_text})
    return Article(
        path=path,
        format="markdown",
        source=text,
        plain=masker.plain(),
        blocks=make_blocks(masker, builder.runs),
        meta=meta,
    )
