"""Which files a run checks: paths as given, folders searched for article suffixes."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from factcheck.errors import ArticleError

STDIN = "-"


def expand_paths(paths: Iterable[str], extensions: Iterable[str]) -> Iterator[str | ArticleError]:
    """Files as given, directories recursed for article suffixes (sorted), ``-`` kept for stdin.

    A path that does not exist comes back as an ``ArticleError`` in its place, so the rest of the
    run goes on and the report says which argument was wrong.
    """
    suffixes = {e.lower() for e in extensions}
    for raw in paths:
        if raw == STDIN:
            yield raw
            continue
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in suffixes)
            yield from (
                str(p) for p in found if not any(part.startswith(".") for part in p.parts[len(path.parts) :])
            )
        elif path.exists():
            yield raw
        else:
            yield ArticleError("no such file or directory", raw)
