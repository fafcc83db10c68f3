"""Where the service keeps its state: the latest report per article and every review decision.

One schema on two databases. SQLite is the default (embedded, zero set-up, WAL mode so readers
never wait for the writer); PostgreSQL (psycopg 3) when several instances share a database.
The SQL is written once, with ``?`` placeholders, and translated for psycopg; the only
dialect difference is how the decisions table numbers its rows.

Tables (``MIGRATIONS`` is the versioned history; ``schema_migrations`` records what ran):

``articles``  the latest report per article id, as the engine made it, before any decision
              applies (decisions are applied when a report is read, so a decision posted after
              the check shows at once); ``checks`` counts re-checks.
``decisions`` append-only: every accept or dismiss ever posted, with who, when and why. This
              is the audit trail; the decision in force for a finding is the latest row for
              its fingerprint.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol

from factcheck.workflow.review import DecisionBook

#: (version, SQL) in order; ``{serial}`` is the dialect's auto-numbered primary key. Never edit
#: a migration that has shipped: add the next one.
MIGRATIONS: tuple[tuple[int, str], ...] = (
    (
        1,
        """
        CREATE TABLE articles (
            id TEXT PRIMARY KEY,
            checked_at TEXT NOT NULL,
            report TEXT NOT NULL,
            checks INTEGER NOT NULL DEFAULT 1
        );
        CREATE TABLE decisions (
            id {serial},
            article_id TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            decision TEXT NOT NULL CHECK (decision IN ('accept', 'dismiss')),
            decided_by TEXT NOT NULL,
            decided_at TEXT NOT NULL,
            reason TEXT NOT NULL,
            rule TEXT NOT NULL,
            line INTEGER,
            statement TEXT NOT NULL,
            message TEXT NOT NULL
        );
        CREATE INDEX decisions_by_article ON decisions (article_id, fingerprint, id);
        """,
    ),
)

_SERIAL = {"sqlite": "INTEGER PRIMARY KEY AUTOINCREMENT", "postgresql": "BIGSERIAL PRIMARY KEY"}
_COLUMNS = "id, fingerprint, decision, decided_by, decided_at, reason, rule, line, statement, message"


class Cursor(Protocol):
    def execute(self, sql: str, params: Sequence[Any] = ...) -> Any: ...
    def fetchone(self) -> Any: ...
    def fetchall(self) -> list[Any]: ...


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _row(values: Sequence[Any]) -> dict[str, Any]:
    """A decisions row as the review entry it stores (``DecisionBook.entry``'s keys) plus its id."""
    keys = ("id", "fingerprint", "decision", "by", "at", "reason", "rule", "line", "statement", "message")
    row = dict(zip(keys, values, strict=True))
    row["at"] = dt.datetime.fromisoformat(row["at"])
    return row


class Store:
    """The service's database; thread-safe (one connection per thread)."""

    kind = "?"

    def __init__(self) -> None:
        self._local = threading.local()
        self._all: list[Any] = []
        self._lock = threading.Lock()
        self.migrate()

    # --- dialect ------------------------------------------------------------------------------

    def _connect(self) -> Any:
        raise NotImplementedError

    def _sql(self, sql: str) -> str:
        return sql

    @contextmanager
    def _transaction(self, lock_key: str | None = None) -> Iterator[Cursor]:
        raise NotImplementedError
        yield  # pragma: no cover

    def _connection(self) -> Any:
        conn = getattr(self._local, "conn", None)
        if conn is None or self._is_broken(conn):
            conn = self._connect()
            self._local.conn = conn
            with self._lock:
                self._all.append(conn)
        return conn

    def _is_broken(self, conn: Any) -> bool:
        return False

    # --- schema -------------------------------------------------------------------------------

    def migrate(self) -> list[int]:
        """Apply the migrations not yet applied, each in its own transaction; returns them."""
        applied = []
        with self._transaction("schema") as cur:
            cur.execute(
                self._sql(
                    "CREATE TABLE IF NOT EXISTS schema_migrations "
                    "(version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)"
                )
            )
            cur.execute(self._sql("SELECT version FROM schema_migrations"))
            done = {int(r[0]) for r in cur.fetchall()}
            for version, sql in MIGRATIONS:
                if version in done:
                    continue
                for statement in sql.format(serial=_SERIAL[self.kind]).split(";"):
                    if statement.strip():
                        cur.execute(self._sql(statement))
                cur.execute(
                    self._sql("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)"),
                    (version, _now()),
                )
                applied.append(version)
        return applied

    def schema_version(self) -> int:
        with self._transaction() as cur:
            cur.execute(self._sql("SELECT MAX(version) FROM schema_migrations"))
            row = cur.fetchone()
        return int(row[0] or 0)

    # --- reports ------------------------------------------------------------------------------

    def save_report(self, article_id: str, report_json: str) -> str:
        """Keep ``report_json`` as the article's latest report; returns when it was checked."""
        checked_at = _now()
        with self._transaction() as cur:
            cur.execute(
                self._sql(
                    "INSERT INTO articles (id, checked_at, report, checks) VALUES (?, ?, ?, 1) "
                    "ON CONFLICT (id) DO UPDATE SET checked_at = excluded.checked_at, "
                    "report = excluded.report, checks = articles.checks + 1"
                ),
                (article_id, checked_at, report_json),
            )
        return checked_at

    def load_report(self, article_id: str) -> tuple[str, str] | None:
        """The article's latest report JSON and when it was made; None for an unknown article."""
        with self._transaction() as cur:
            cur.execute(self._sql("SELECT report, checked_at FROM articles WHERE id = ?"), (article_id,))
            row = cur.fetchone()
        return None if row is None else (str(row[0]), str(row[1]))

    # --- decisions ----------------------------------------------------------------------------

    def audit(self, article_id: str) -> list[dict[str, Any]]:
        """Every decision ever posted for the article, oldest first."""
        with self._transaction() as cur:
            cur.execute(
                self._sql(f"SELECT {_COLUMNS} FROM decisions WHERE article_id = ? ORDER BY id"),
                (article_id,),
            )
            rows = cur.fetchall()
        return [_row(r) for r in rows]

    def book(self, article_id: str) -> DecisionBook:
        """The decisions in force: the latest per fingerprint."""
        entries: dict[str, dict[str, Any]] = {}
        for row in self.audit(article_id):
            entries[row["fingerprint"]] = row
        return DecisionBook(entries)

    def add_decision(self, article_id: str, entry: dict[str, Any]) -> tuple[dict[str, Any], bool]:
        """Record a decision (``DecisionBook.entry``). Posting the decision already in force
        again (same action, author and reason) records nothing: returns it with ``False``."""
        with self._transaction(article_id) as cur:
            cur.execute(
                self._sql(
                    f"SELECT {_COLUMNS} FROM decisions WHERE article_id = ? AND fingerprint = ? "
                    "ORDER BY id DESC LIMIT 1"
                ),
                (article_id, entry["fingerprint"]),
            )
            last = cur.fetchone()
            if last is not None:
                current = _row(last)
                if all(current[k] == entry[k] for k in ("decision", "by", "reason")):
                    return current, False
            values = (
                article_id,
                entry["fingerprint"],
                entry["decision"],
                entry["by"],
                entry["at"].isoformat(),
                entry["reason"],
                entry["rule"],
                entry["line"],
                entry["statement"],
                entry["message"],
            )
            cur.execute(
                self._sql(
                    "INSERT INTO decisions (article_id, fingerprint, decision, decided_by, decided_at, "
                    "reason, rule, line, statement, message) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                    "RETURNING id"
                ),
                values,
            )
            new_id = cur.fetchone()[0]
        return {**entry, "id": int(new_id)}, True

    def ping(self) -> bool:
        try:
            with self._transaction() as cur:
                cur.execute("SELECT 1")
                cur.fetchone()
            return True
        except Exception:
            return False

    def close(self) -> None:
        with self._lock:
            for conn in self._all:
                try:
                    conn.close()
                except Exception:
                    pass
            self._all.clear()
        self._local = threading.local()


class SqliteStore(Store):
    kind = "sqlite"

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        if str(path) != ":memory:":
            self.path.parent.mkdir(parents=True, exist_ok=True)
        super().__init__()

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, timeout=30.0, isolation_level=None, check_same_thread=False)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")  # durable across a process crash; WAL keeps it consistent
        conn.execute("PRAGMA foreign_keys=ON")
        return conn

    @contextmanager
    def _transaction(self, lock_key: str | None = None) -> Iterator[Cursor]:
        conn = self._connection()
        cur = conn.cursor()
        # A writer takes the lock up front, so read-then-write (idempotent posts) cannot interleave.
        cur.execute("BEGIN IMMEDIATE" if lock_key is not None else "BEGIN")
        try:
            yield cur
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        else:
            conn.execute("COMMIT")
        finally:
            cur.close()


class PostgresStore(Store):
    kind = "postgresql"

    def __init__(self, url: str) -> None:
        import psycopg

        self._psycopg = psycopg
        self.url = url
        super().__init__()

    def _connect(self) -> Any:
        return self._psycopg.connect(self.url, autocommit=False, connect_timeout=10)

    def _is_broken(self, conn: Any) -> bool:
        return bool(conn.closed or conn.broken)

    def _sql(self, sql: str) -> str:
        return sql.replace("?", "%s")

    @contextmanager
    def _transaction(self, lock_key: str | None = None) -> Iterator[Cursor]:
        conn = self._connection()
        with conn.transaction(), conn.cursor() as cur:
            if lock_key is not None:
                # Serialise writers per article (and the migrations) across every instance.
                cur.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (lock_key,))
            yield cur


def open_store(database_url: str, sqlite_path: str) -> Store:
    """The store a ``[serve]`` section names: PostgreSQL for a ``postgresql://`` URL, else SQLite
    (``sqlite:///path`` or, with no URL, ``sqlite_path``)."""
    if database_url.startswith(("postgresql://", "postgres://")):
        return PostgresStore(database_url)
    if database_url.startswith("sqlite:///"):
        return SqliteStore(database_url[len("sqlite:///") :])
    if database_url:
        raise ValueError(f"database_url must be postgresql://... or sqlite:///path, not {database_url!r}")
    return SqliteStore(sqlite_path)
