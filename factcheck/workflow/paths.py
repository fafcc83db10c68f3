"""Which files a run checks: paths as given, folders searched for article suffixes.

A path that cannot be checked comes back as an ``ArticleError`` in its place, never as an
exception, so one bad argument costs one line on stderr and the rest of the run goes on: a path
that does not exist, a file name that is not valid UTF-8 (the report could not name it), a
folder factcheck may not read, anything that is not a regular file (a FIFO would block the run
for ever, ``/dev/zero`` would fill memory).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from factcheck.errors import ArticleError

STDIN = "-"

_KINDS = (
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def shown(path: str) -> str:
    """``path`` as it can be printed and stored in a report: bytes that are not UTF-8 (which
    Python keeps as lone surrogates) are written ``\\xNN``."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return path


def _not_utf8(path: str) -> ArticleError | None:
    if shown(path) == path:
        return None
    return ArticleError("file name is not valid UTF-8; rename the file", shown(path))


def kind_of(mode: int) -> str:
    """What a non-regular file is, in words (``a FIFO``)."""
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def not_regular(path: str, mode: int) -> ArticleError:
    return ArticleError(
        f"not a regular file ({kind_of(mode)}); factcheck reads article files only", shown(path)
    )


def _strerror(exc: OSError) -> str:
    return (exc.strerror or str(exc)).lower()


def _folder(root: str, suffixes: set[str]) -> Iterator[str | ArticleError]:
    """Article files below ``root`` (sorted, hidden parts skipped), spelt as ``Path(root) / ...``
    spells them; a subfolder that cannot be read and a file name that is not UTF-8 are errors in
    their place, not silently skipped."""
    found: list[str | ArticleError] = []

    def unreadable(exc: OSError) -> None:
        where = _relative(exc.filename, root) if isinstance(exc.filename, str) else root
        found.append(ArticleError(f"cannot read folder: {_strerror(exc)}", shown(where)))

    for folder, folders, files in os.walk(root, onerror=unreadable):
        folders[:] = sorted(name for name in folders if not name.startswith("."))
        for name in files:
            if name.startswith(".") or os.path.splitext(name)[1].lower() not in suffixes:
                continue
            path = os.path.join(folder, name)
            problem = _not_utf8(_relative(path, root))
            if problem is not None:
                found.append(problem)
            elif os.path.isfile(path):  # a FIFO named story.txt is not an article
                found.append(_relative(path, root))

    def key(item: str | ArticleError) -> tuple[str, ...]:
        return Path(item if isinstance(item, str) else item.path).parts

    yield from sorted(found, key=key)


def expand_paths(paths: Iterable[str], extensions: Iterable[str]) -> Iterator[str | ArticleError]:
    """Files as given, directories recursed for article suffixes (sorted), ``-`` kept for stdin.

    Anything that cannot be checked comes back as an ``ArticleError`` in its place (see the
    module docstring), so the rest of the run goes on and the report says which path was wrong.
    """
    suffixes = {e.lower() for e in extensions}
    for raw in paths:
        if raw == STDIN:
            yield raw
            continue
        problem = _not_utf8(raw)
        if problem is not None:
            yield problem
            continue
        try:
            mode = os.stat(raw).st_mode
        except FileNotFoundError:
            yield ArticleError("no such file or directory", raw)
            continue
        except NotADirectoryError:
            yield ArticleError("no such file or directory (a parent is not a folder)", raw)
            continue
        except OSError as exc:
            yield ArticleError(f"cannot read file: {_strerror(exc)}", raw)
            continue
        if stat.S_ISDIR(mode):
            if not os.access(raw, os.R_OK | os.X_OK):
                yield ArticleError("cannot read folder: permission denied", raw)
                continue
            yield from _folder(raw, suffixes)
        elif stat.S_ISREG(mode):
            yield raw
        else:
            yield not_regular(raw, mode)


def _relative(found: str, root: str) -> str:
    """A file found below ``root``, spelt as ``Path(root) / ...`` spells it (``./a.md`` is ``a.md``)."""
    return str(Path(root) / os.path.relpath(found, root))
