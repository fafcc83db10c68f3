"""The built-in ``load_article`` hook: plain text, Markdown (with front matter) and HTML.

It is ``trylast``, so any third-party loader for the same suffix wins, and it never returns
``None``: whatever reaches it is loaded as the format its suffix (or, for stdin, its first
characters) suggests, and anything else as plain text.
"""

from __future__ import annotations

from factcheck.errors import ArticleError
from factcheck.formats import load
from factcheck.model.article import Article, line_starts
from factcheck.plugin_system.hookspecs import hookimpl


@hookimpl(trylast=True)
def load_article(path: str, text: str) -> Article:
    """Choose the loader by suffix (``.md``/``.markdown``, ``.html``/``.htm``, else text).

    A NUL character is refused at its line and column: it means a binary file (or a damaged
    one), and loading it as prose would check nothing and pass in silence.
    """
    nul = text.find("\x00")
    if nul != -1:
        starts = line_starts(text[: nul + 1])
        raise ArticleError(
            "NUL byte: this is binary data, not an article (save it as UTF-8 text)",
            path,
            len(starts),
            nul - starts[-1] + 1,
        )
    return load(path, text)
