"""The built-in ``load_article`` hook: plain text, Markdown (with front matter) and HTML.

It is ``trylast``, so any third-party loader for the same suffix wins, and it never returns
``None``: whatever reaches it is loaded as the format its suffix (or, for stdin, its first
characters) suggests, and anything else as plain text.
"""

from __future__ import annotations

from factcheck.formats import load
from factcheck.model.article import Article
from factcheck.plugin_system.hookspecs import hookimpl


@hookimpl(trylast=True)
def load_article(path: str, text: str) -> Article:
    """Choose the loader by suffix (``.md``/``.markdown``, ``.html``/``.htm``, else text)."""
    return load(path, text)
