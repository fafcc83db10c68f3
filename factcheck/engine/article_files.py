"""Reading an article file: a regular file only, at most ``[check] max_article_bytes``, UTF-8.

Anything else is an ``ArticleError`` naming the file (and, for bad UTF-8, the line and column of
the offending byte), so one bad file becomes a problem line in the report, never a crash or a
read that blocks for ever or fills memory.
"""

from __future__ import annotations

import os
import re
import stat

from factcheck.errors import ArticleError
from factcheck.workflow.paths import not_regular, shown

_LINE_BREAK = re.compile(rb"\r\n|\r|\n")


def decode(data: bytes, path: str) -> str:
    """UTF-8 (a BOM is dropped); anything else is an ``ArticleError`` at the offending byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        lines = _LINE_BREAK.split(data[: exc.start])  # \n, \r\n and a lone \r, as Article.line_col
        line, column = len(lines), len(lines[-1]) + 1
        bad = data[exc.start : exc.start + 1].hex()
        raise ArticleError(
            f"not valid UTF-8 (byte 0x{bad}); save the file as UTF-8", path, line, column
        ) from None


def read_bytes(path: str, limit: int | None = None) -> bytes:
    """A regular file's bytes, at most ``limit`` of them; anything else is an ``ArticleError``
    naming it: an unreadable file, one that is not a regular file (a FIFO would block for ever,
    ``/dev/zero`` would fill memory: opened without blocking and refused before any read), one
    over ``limit`` bytes (``[check] max_article_bytes``)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise _unreadable(path, exc) from None
    with open(fd, "rb") as handle:
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                raise not_regular(path, info.st_mode)
            data = handle.read() if limit is None else handle.read(limit + 1)
        except OSError as exc:
            raise _unreadable(path, exc) from None
    if limit is not None and len(data) > limit:
        size = max(info.st_size, len(data))
        raise ArticleError(
            f"file is {size} bytes, over the limit of {limit} bytes ([check] max_article_bytes)", shown(path)
        )
    return data


def _unreadable(path: str, exc: OSError) -> ArticleError:
    return ArticleError(f"cannot read file: {(exc.strerror or str(exc)).lower()}", shown(path))
