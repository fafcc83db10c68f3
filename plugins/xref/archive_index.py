"""Building the archive from article files: ``factcheck index PATH... --archive DB``.

Each file is read as ``check`` reads it (``CommandContext.read``), and what the archive keeps of
it is stored: statements, quantities, entities and direct quotes with their speakers. The run is
incremental (size and mtime, then a content hash) and an unreadable file is one line on stderr,
never the end of the run. The archive itself, and the look-ups ``check`` makes in it, are
``archive``.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from factcheck.plugin import Attribution, InputError, Quotation, Statement, annotations_of

from .archive import Archive, ArchivedArticle
from .source_documents import quoted_words

if TYPE_CHECKING:
    from factcheck.plugin import CommandContext, VerifyContext


def _hash(data: bytes) -> str:
    return hashlib.sha1(data).hexdigest()


def quotes_of(
    attributions: Iterable[Attribution], plain: str, statements: Iterable[Statement] = ()
) -> list[tuple[str, str]]:
    """(speaker, quoted words) of every direct attribution with a speaker."""
    quotations = annotations_of(statements, Quotation)  # a quote spanning two statements, once
    found = []
    for a in attributions:
        if a.direct and a.speaker:
            words = quoted_words(a, quotations, plain)
            if words:
                found.append((a.speaker, words))
    return found


def archived_article(context: VerifyContext, path: str) -> ArchivedArticle | None:
    """What the archive keeps of one article read as ``check`` reads it (``CommandContext.read``);
    ``None`` for an unpublished article."""
    article = context.article
    if not article.meta.published:
        return None
    date = context.publication_date
    return ArchivedArticle(
        path,
        article.meta.title,
        date.isoformat() if date else None,
        context.statements,
        quotes_of(context.attributions, article.plain, context.statements),
    )


@dataclass
class IndexStats:
    added: int = 0
    unchanged: int = 0
    removed: int = 0
    failed: int = 0


def index_paths(archive: Archive, reader: CommandContext, paths: Iterable[str]) -> IndexStats:
    """Add new and changed files below ``paths``; skip unchanged ones (size+mtime, then sha1).
    A file that cannot be read or parsed is counted and reported on stderr, one line each."""
    stats = IndexStats()
    for item in reader.article_paths(paths):
        if not isinstance(item, str):
            stats.failed += 1
            print(item.one_line(), file=sys.stderr)
            continue
        path = os.path.abspath(item)
        try:
            info = os.stat(path)
            row = archive.db.execute("SELECT mtime, size, sha1 FROM files WHERE path = ?", (path,)).fetchone()
            if row is not None and row[0] == info.st_mtime and row[1] == info.st_size:
                stats.unchanged += 1
                continue
            data = Path(path).read_bytes()
        except OSError as exc:
            stats.failed += 1
            print(
                InputError(f"cannot read file: {(exc.strerror or str(exc)).lower()}", item).one_line(),
                file=sys.stderr,
            )
            continue
        digest = _hash(data)
        if row is None or row[2] != digest:
            try:
                stored = archived_article(reader.read(path, data), path)
            except InputError as exc:
                stats.failed += 1
                print(exc.one_line(), file=sys.stderr)
                continue
            if stored is None:
                archive.remove(path)
                stats.removed += 1
            else:
                archive.add(stored)
                stats.added += 1
        else:
            stats.unchanged += 1
        archive.db.execute(
            "INSERT OR REPLACE INTO files(path, mtime, size, sha1) VALUES(?, ?, ?, ?)",
            (path, info.st_mtime, info.st_size, digest),
        )
        archive.commit()
    return stats


def build_index(reader: CommandContext, database: str, paths: Sequence[str]) -> int:
    """``factcheck index PATH... --archive DB``: build or update the archive; prints a summary.

    A file that is not a SQLite database, or a damaged one, is a one-line input error naming it
    (exit 2), not a crash: move it aside and index again to rebuild it."""
    try:
        archive = Archive(database)
        try:
            stats = index_paths(archive, reader, paths)
            count = len(archive)
        finally:
            archive.close()
    except sqlite3.DatabaseError as exc:
        raise InputError(
            f"cannot use the archive: {exc} (move it aside and run `factcheck index` again to rebuild it)",
            database,
        ) from None
    print(
        f"{database}: {stats.added} added or updated, {stats.unchanged} unchanged, "
        f"{stats.removed} removed (unpublished), {stats.failed} unreadable; {count} articles"
    )
    return 0 if stats.failed == 0 else 2
