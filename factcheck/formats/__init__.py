"""Article loaders: plain text, Markdown with front matter, and HTML, all keeping offsets exact.

``load(path, text)`` picks the format from the file suffix (or sniffs the text for stdin, path
``"-"``) and returns an ``Article`` whose ``source`` is ``text`` unchanged and whose ``plain`` is
its equal-length masked twin. The format modules are imported lazily so that loading a plain
text file never pays for markdown-it's import.
"""

from __future__ import annotations

import re
from pathlib import PurePath
from typing import Literal

from factcheck.model.article import Article

FormatName = Literal["text", "markdown", "html"]

MARKDOWN_SUFFIXES = frozenset({".md", ".markdown", ".mdown", ".mkd"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})

_HTML_START = re.compile(
    r"<(?:!doctype\s+html|html|head|body|p|div|article|main|h[1-6])[\s>/]", re.IGNORECASE
)
_MARKDOWN_START = re.compile(r"(?:---|\+\+\+)[ \t]*(?:\r\n?|\n)|#{1,6}[ \t]+\S")
_MARKDOWN_LINE = re.compile(r"^#{1,6}[ \t]+\S", re.MULTILINE)

__all__ = ["HTML_SUFFIXES", "MARKDOWN_SUFFIXES", "FormatName", "load", "sniff_format"]


def sniff_format(path: str, text: str) -> FormatName:
    """The format of an article: by suffix, or for stdin (``"-"``) by its first characters.

    Stdin is HTML when it opens with an HTML tag (``<html``, ``<p``...), Markdown when it opens
    with front matter or has an ATX ``# heading`` line near the top, and plain text otherwise.
    """
    if path != "-":
        suffix = PurePath(path).suffix.lower()
        if suffix in MARKDOWN_SUFFIXES:
            return "markdown"
        if suffix in HTML_SUFFIXES:
            return "html"
        return "text"
    head = text[:4096].lstrip("\ufeff \t\r\n")
    if _HTML_START.match(head):
        return "html"
    if _MARKDOWN_START.match(head) or _MARKDOWN_LINE.search(head):
        return "markdown"
    return "text"


def load(path: str, text: str, format: FormatName | None = None) -> Article:
    """Load ``text`` (read from ``path``) as an ``Article`` in ``format`` or the sniffed format.

    Raises ``factcheck.errors.ArticleError`` for malformed front matter; any other input, binary
    junk included, gives an ``Article`` (possibly with no blocks).
    """
    chosen = format or sniff_format(path, text)
    if chosen == "markdown":
        from factcheck.formats.markdown import load_markdown

        return load_markdown(path, text)
    if chosen == "html":
        from factcheck.formats.html import load_html

        return load_html(path, text)
    from factcheck.formats.plain import load_plain

    return load_plain(path, text)


def parse_article(source: str, format: str, path: str = "article") -> Article:
    """The article ``source`` loaded by factcheck's own loader for ``format`` (``text``,
    ``markdown``, ``html``): its ``plain`` twin and visible ``blocks``, as the engine saw them. For
    renderers that draw the article as a reader sees it (the HTML report)."""
    chosen = format if format in ("text", "markdown", "html") else None
    return load(path, source, chosen)  # type: ignore[arg-type]
