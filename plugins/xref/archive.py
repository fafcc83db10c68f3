"""The newsroom's archive: previously published articles in an embedded SQLite FTS5 index.

``factcheck index PATH...`` reads articles with the same loaders and extractor as ``check`` and
stores, per statement, its text, its *shape* (the text with every digit run replaced by ``#``,
which is what full-text search indexes, so a changed figure still finds its earlier sentence),
its quantities, the entities it names, and every direct quote with its speaker. Re-running it is
incremental: a file whose size and mtime are unchanged is skipped; one whose content hash is
unchanged is only re-stamped; a changed file's rows are replaced.

Look-ups never scan. A statement's candidate matches come from an FTS5 query on the two or three
*rarest* of its words (document frequencies are kept in a ``terms`` table as articles come and
go), which touches short posting lists only; the few candidates are then scored with ``rapidfuzz`` on their
shapes. ``benchmarks/archive.py`` measures this at 100,000 articles. Building the archive from
files is ``archive_index``.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from rapidfuzz import fuzz

from factcheck.plugin import Entity, Quantity, Statement

from .source_documents import quote_text, speaker_key, word_diff

_DIGITS = re.compile(r"\d+(?:[.,]\d+)*")
_WORDS = re.compile(r"[^\W\d_]{3,}")
_SPACE = re.compile(r"\s+")
_STOP = frozenset(
    "the and for that with from this have has had was were are but not his her its their they them said "
    "says will would could should about after before into over than then there which who whom what when "
    "where while been being also more most other some such only year years last first new one two per cent "
    "million billion".split()
)
_SKIP_KINDS = frozenset({"year", "ordinal"})

SCHEMA = """
CREATE TABLE IF NOT EXISTS files(path TEXT PRIMARY KEY, mtime REAL, size INTEGER, sha1 TEXT, article INTEGER);
CREATE TABLE IF NOT EXISTS articles(id INTEGER PRIMARY KEY, path TEXT UNIQUE, title TEXT, date TEXT);
CREATE TABLE IF NOT EXISTS statements(id INTEGER PRIMARY KEY, article INTEGER, text TEXT, shape TEXT);
CREATE INDEX IF NOT EXISTS statements_article ON statements(article);
CREATE VIRTUAL TABLE IF NOT EXISTS statements_fts USING fts5(shape, content='statements', content_rowid='id');
CREATE TABLE IF NOT EXISTS terms(term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS quantities(statement INTEGER, pos INTEGER, text TEXT, value REAL, unit TEXT,
                                      kind TEXT, precision REAL);
CREATE INDEX IF NOT EXISTS quantities_statement ON quantities(statement);
CREATE TABLE IF NOT EXISTS entities(statement INTEGER, name TEXT);
CREATE INDEX IF NOT EXISTS entities_name ON entities(name);
CREATE TABLE IF NOT EXISTS quotes(id INTEGER PRIMARY KEY, article INTEGER, speaker TEXT, content TEXT);
CREATE INDEX IF NOT EXISTS quotes_article ON quotes(article);
CREATE VIRTUAL TABLE IF NOT EXISTS quotes_fts USING fts5(content, content='quotes', content_rowid='id');
"""


def _terms(text: str) -> set[str]:
    """Content words as the FTS5 ``unicode61`` tokenizer lower-cases them, minus stop words."""
    return {w.lower() for w in _WORDS.findall(text)} - _STOP


def shape(text: str) -> str:
    """A sentence with its figures blanked: what is compared when a figure may have changed."""
    return _DIGITS.sub("#", _SPACE.sub(" ", text).strip())


@dataclass(frozen=True)
class StoredQuantity:
    text: str
    value: float
    unit: str | None
    kind: str
    precision: float


@dataclass(frozen=True)
class FigureHit:
    """An earlier sentence that reads the same but for a figure."""

    now: Quantity
    before: str
    sentence: str
    path: str
    title: str | None
    date: str | None


@dataclass(frozen=True)
class QuoteHit:
    sentence: str
    diff: str
    path: str
    title: str | None
    date: str | None


@dataclass(frozen=True)
class ArchivedArticle:
    """What ``Archive.add`` stores: the statements of one published article."""

    path: str
    title: str | None
    date: str | None
    statements: Sequence[Statement]
    quotes: Sequence[tuple[str, str]] = ()  # (speaker, content)


def _same(a: StoredQuantity | Quantity, b: StoredQuantity | Quantity) -> bool:
    return abs(a.value - b.value) <= max(a.precision, b.precision) / 2 + 1e-9


class Archive:
    """An open archive database. ``readonly`` opens it for look-ups only (what ``check`` does)."""

    def __init__(self, path: str | Path, readonly: bool = False) -> None:
        self.path = str(path)
        if readonly:
            self.db = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
        else:
            self.db = sqlite3.connect(self.path, check_same_thread=False)
            self.db.executescript(SCHEMA)
        self.db.execute("PRAGMA query_only = 1" if readonly else "PRAGMA journal_mode = WAL")

    def close(self) -> None:
        self.db.close()

    # --- writing --------------------------------------------------------------------------------

    def remove(self, path: str) -> None:
        row = self.db.execute("SELECT id FROM articles WHERE path = ?", (path,)).fetchone()
        if row is None:
            return
        article = row[0]
        old = self.db.execute("SELECT id, shape FROM statements WHERE article = ?", (article,)).fetchall()
        self.db.executemany(
            "INSERT INTO statements_fts(statements_fts, rowid, shape) VALUES('delete', ?, ?)", old
        )
        self._count([t for _, t in old], "", -1)
        ids = [(i,) for i, _ in old]
        self.db.executemany("DELETE FROM quantities WHERE statement = ?", ids)
        self.db.executemany("DELETE FROM entities WHERE statement = ?", ids)
        quotes = self.db.execute("SELECT id, content FROM quotes WHERE article = ?", (article,)).fetchall()
        self._count([t for _, t in quotes], "q:", -1)
        self.db.executemany(
            "INSERT INTO quotes_fts(quotes_fts, rowid, content) VALUES('delete', ?, ?)", quotes
        )
        self.db.execute("DELETE FROM quotes WHERE article = ?", (article,))
        self.db.execute("DELETE FROM statements WHERE article = ?", (article,))
        self.db.execute("DELETE FROM articles WHERE id = ?", (article,))

    def add(self, item: ArchivedArticle) -> int:
        """Store one article (replacing an earlier version at the same path); its row id."""
        self.remove(item.path)
        cursor = self.db.execute(
            "INSERT INTO articles(path, title, date) VALUES(?, ?, ?)", (item.path, item.title, item.date)
        )
        article = int(cursor.lastrowid or 0)
        self._count([shape(s.text) for s in item.statements], "", 1)
        self._count([quote_text(c) for _, c in item.quotes], "q:", 1)
        for statement in item.statements:
            shaped = shape(statement.text)
            sid = self.db.execute(
                "INSERT INTO statements(article, text, shape) VALUES(?, ?, ?)",
                (article, statement.text, shaped),
            ).lastrowid
            self.db.execute("INSERT INTO statements_fts(rowid, shape) VALUES(?, ?)", (sid, shaped))
            self.db.executemany(
                "INSERT INTO quantities VALUES(?, ?, ?, ?, ?, ?, ?)",
                [
                    (sid, i, q.text, q.value, q.unit, q.kind, q.precision)
                    for i, q in enumerate(statement.of_type(Quantity))
                ],
            )
            names = {e.text for e in statement.of_type(Entity) if e.label in ("person", "organisation")}
            self.db.executemany("INSERT INTO entities VALUES(?, ?)", [(sid, n) for n in sorted(names)])
        for speaker, content in item.quotes:
            words = quote_text(content)
            qid = self.db.execute(
                "INSERT INTO quotes(article, speaker, content) VALUES(?, ?, ?)",
                (article, speaker_key(speaker), words),
            ).lastrowid
            self.db.execute("INSERT INTO quotes_fts(rowid, content) VALUES(?, ?)", (qid, words))
        return article

    def _count(self, texts: Iterable[str], prefix: str, delta: int) -> None:
        """Keep per-term document frequencies, so picking a query's rarest words is a key look-up
        (the ``fts5vocab`` view counts whole posting lists, slow for common words)."""
        counts: dict[str, int] = {}
        for text in texts:
            for term in _terms(text):
                counts[prefix + term] = counts.get(prefix + term, 0) + delta
        self.db.executemany(
            "INSERT INTO terms(term, df) VALUES(?, ?) ON CONFLICT(term) DO UPDATE SET df = df + excluded.df",
            counts.items(),
        )

    def commit(self) -> None:
        self.db.commit()

    # --- reading --------------------------------------------------------------------------------

    def __len__(self) -> int:
        return int(self.db.execute("SELECT count(*) FROM articles").fetchone()[0])

    def _rarest(self, prefix: str, text: str, count: int = 3) -> list[str]:
        terms = sorted(_terms(text))
        if not terms:
            return []
        marks = ",".join("?" * len(terms))
        rows = self.db.execute(
            f"SELECT term, df FROM terms WHERE term IN ({marks}) AND df > 0", [prefix + t for t in terms]
        ).fetchall()
        found = sorted(rows, key=lambda r: (r[1], r[0]))
        return [t[len(prefix) :] for t, _ in found[:count]]

    def _candidates(self, table: str, prefix: str, text: str, limit: int = 20) -> list[int]:
        terms = self._rarest(prefix, text)
        if len(terms) < 3:
            return []
        query = " AND ".join(f'"{t}"' for t in terms)
        rows = self.db.execute(f"SELECT rowid FROM {table} WHERE {table} MATCH ? LIMIT ?", (query, limit))
        return [r[0] for r in rows]

    def changed_figures(
        self, text: str, quantities: Iterable[Quantity], exclude_path: str = "", similarity: float = 85.0
    ) -> list[FigureHit]:
        """Earlier sentences of the same shape whose figure differs, unexplained by this one.

        A difference is *explained* when this sentence also gives the earlier figure ("up from
        3.3 million"), and years and ordinals are never compared: they change as time passes.
        """
        now = [q for q in quantities]
        if not now:
            return []
        shaped = shape(text)
        hits: list[FigureHit] = []
        for sid in self._candidates("statements_fts", "", shaped):
            row = self.db.execute(
                "SELECT s.text, s.shape, a.path, a.title, a.date FROM statements s "
                "JOIN articles a ON a.id = s.article WHERE s.id = ?",
                (sid,),
            ).fetchone()
            if row is None or row[2] == exclude_path or row[0] == text:
                continue
            if fuzz.ratio(shaped, row[1]) < similarity:
                continue
            before = [
                StoredQuantity(*q)
                for q in self.db.execute(
                    "SELECT text, value, unit, kind, precision FROM quantities "
                    "WHERE statement = ? ORDER BY pos",
                    (sid,),
                )
            ]
            if len(before) != len(now):
                continue
            for old, new in zip(before, now, strict=True):
                if old.kind != new.kind or old.unit != new.unit or new.kind in _SKIP_KINDS or _same(old, new):
                    continue
                if any(_same(old, q) for q in now):
                    continue  # the earlier figure is given too: the change is explained
                hits.append(FigureHit(new, old.text, row[0], row[2], row[3], row[4]))
            if hits:
                break
        return hits

    def changed_quotes(
        self,
        speaker: str,
        content: str,
        exclude_path: str = "",
        similarity: float = 85.0,
        trivial: Callable[[str, str], bool] | None = None,
    ) -> list[QuoteHit]:
        """An earlier quote by the same speaker that reads nearly, but not exactly, the same.

        ``trivial(earlier, now)`` may excuse a difference (the verifier passes one that accepts
        reported-speech backshift and person shifts)."""
        key = speaker_key(speaker)
        words = quote_text(content)
        if not key or len(words.split()) < 5:
            return []
        for qid in self._candidates("quotes_fts", "q:", words):
            row = self.db.execute(
                "SELECT q.speaker, q.content, a.path, a.title, a.date FROM quotes q "
                "JOIN articles a ON a.id = q.article WHERE q.id = ?",
                (qid,),
            ).fetchone()
            if row is None or row[0] != key or row[2] == exclude_path:
                continue
            earlier = row[1]
            if earlier == words or words in earlier or earlier in words:
                continue
            if trivial is not None and trivial(earlier, words):
                continue
            if fuzz.ratio(words, earlier) >= similarity:
                return [QuoteHit(earlier, word_diff(earlier, words), row[2], row[3], row[4])]
        return []


def iter_articles(archive: Archive) -> Iterator[tuple[str, str | None]]:
    yield from archive.db.execute("SELECT path, date FROM articles ORDER BY id")
