"""The on-disk response cache behind the guarded HTTP door: one SQLite file, keyed by request.

Why SQLite: it ships with Python, writes atomically (every store is one transaction, so a killed
run never leaves half an entry) and several worker processes (``--jobs``) can share one file.

Why it is checked rather than trusted: a cache answers instead of the network, so a damaged one
would silently change verdicts. On open the file's schema and ``PRAGMA quick_check`` are
verified, and a file that is not a database, has another schema or fails the check is moved aside
and rebuilt empty. Every row also carries a SHA-256 of its body; a row whose body no longer
matches is deleted and reported as a miss.

The file is created ``0600`` (its folder ``0700``): answers to look-ups about unpublished
articles are the newsroom's business. A path that cannot hold a database (its folder is a file,
or not writable) is a ``CacheUnavailableError``, which the command line reports as a one-line
configuration error naming ``[network] cache_path``.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from factcheck.errors import CacheUnavailableError

SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS responses (
    key TEXT PRIMARY KEY,
    url TEXT NOT NULL,
    status INTEGER NOT NULL,
    headers TEXT NOT NULL,
    body BLOB NOT NULL,
    checksum TEXT NOT NULL,
    stored_at REAL NOT NULL
);
"""


@dataclass(frozen=True)
class CachedResponse:
    """A stored response: the final URL (secrets redacted), status, headers, body, and when."""

    url: str
    status: int
    headers: dict[str, str]
    body: bytes
    stored_at: float


def request_key(method: str, url: str, body: bytes = b"") -> str:
    """The cache key of a request: its method, canonical URL (secrets removed) and body."""
    digest = hashlib.sha256()
    for part in (method.upper().encode(), url.encode(), body):
        digest.update(len(part).to_bytes(8, "big"))
        digest.update(part)
    return digest.hexdigest()


class FetchCache:
    """A thread-safe SQLite response cache with a time-to-live and self-repair.

    :param path: the database file; its folder is created. ``":memory:"`` keeps it in memory.
    :param ttl: seconds an entry stays fresh for :meth:`get` (``replay`` lookups ignore it).
    """

    def __init__(self, path: str | Path, ttl: float = 86_400.0) -> None:
        self.path = str(path)
        self.ttl = ttl
        self.rebuilt = False  # True when a corrupt file was found and replaced on open
        self._lock = threading.Lock()
        self._conn = self._open()

    # --- opening and repair -------------------------------------------------------------------

    def _connect(self) -> sqlite3.Connection:
        if self.path != ":memory:":
            self._create_private()
        try:
            conn = sqlite3.connect(self.path, timeout=10.0, check_same_thread=False, isolation_level=None)
            conn.execute("PRAGMA busy_timeout = 10000")
        except sqlite3.OperationalError as exc:  # "unable to open database file"
            raise CacheUnavailableError(self.path, str(exc)) from None
        return conn

    def _create_private(self) -> None:
        """Create the folder (``0700``) and an empty file (``0600``) before SQLite does (it would
        use ``0644``); its journal and WAL files take the file's mode."""
        path = Path(self.path)
        folder = path.parent
        for parent in [folder, *folder.parents]:
            if os.path.lexists(parent):
                if not parent.is_dir():
                    raise CacheUnavailableError(self.path, f"{parent} is not a folder")
                break
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            os.close(os.open(path, os.O_RDWR | os.O_CREAT, 0o600))
        except OSError as exc:
            raise CacheUnavailableError(self.path, (exc.strerror or str(exc)).lower()) from None

    def _valid(self, conn: sqlite3.Connection) -> bool:
        """True when the file is a healthy factcheck cache (or a new, empty database)."""
        if conn.execute("PRAGMA quick_check").fetchone() != ("ok",):
            return False
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not tables:
            return True
        if not {"meta", "responses"} <= tables:
            return False
        row = conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        return row is not None and row[0] == str(SCHEMA_VERSION)

    def _open(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = None
        try:
            conn = self._connect()
            if self._valid(conn):
                return self._initialise(conn)
        except sqlite3.DatabaseError:
            pass
        if conn is not None:
            conn.close()
        return self._rebuild()

    def _rebuild(self) -> sqlite3.Connection:
        """Set the damaged file aside and open a fresh, empty cache in its place."""
        self._discard_file()
        self.rebuilt = True
        return self._initialise(self._connect())

    def _discard_file(self) -> None:
        """Move a damaged file aside (kept once, for a post-mortem) so a fresh one can be built."""
        if self.path == ":memory:":
            return
        path = Path(self.path)
        for suffix in ("-wal", "-shm", "-journal"):
            Path(self.path + suffix).unlink(missing_ok=True)
        if path.exists():
            path.replace(path.with_name(path.name + ".corrupt"))

    @staticmethod
    def _initialise(conn: sqlite3.Connection) -> sqlite3.Connection:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.executescript(_SCHEMA)
        conn.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
        return conn

    # --- reading and writing ------------------------------------------------------------------

    def get(self, key: str, *, ignore_ttl: bool = False) -> CachedResponse | None:
        """The stored response for ``key`` if fresh (or any age with ``ignore_ttl``), else ``None``.

        A row whose body fails its checksum, or that cannot be decoded, is deleted: a miss.
        """
        with self._lock:
            try:
                row = self._conn.execute(
                    "SELECT url, status, headers, body, checksum, stored_at FROM responses WHERE key = ?",
                    (key,),
                ).fetchone()
            except sqlite3.DatabaseError:
                self._conn.close()
                self._conn = self._rebuild()
                return None
            if row is None:
                return None
            url, status, headers, body, checksum, stored_at = row
            try:
                body = bytes(body)
                parsed = json.loads(headers)
                intact = hashlib.sha256(body).hexdigest() == checksum and isinstance(parsed, dict)
            except (TypeError, ValueError):
                intact = False
            if not intact:
                with self._conn:
                    self._conn.execute("DELETE FROM responses WHERE key = ?", (key,))
                return None
        if not ignore_ttl and time.time() - float(stored_at) > self.ttl:
            return None
        fields = {str(k): str(v) for k, v in parsed.items()}
        return CachedResponse(str(url), int(status), fields, body, float(stored_at))

    def put(self, key: str, response: CachedResponse) -> None:
        """Store a response in one transaction (replacing any older entry for the key)."""
        row = (
            key,
            response.url,
            response.status,
            json.dumps(response.headers, sort_keys=True),
            response.body,
            hashlib.sha256(response.body).hexdigest(),
            response.stored_at,
        )
        with self._lock, self._conn:
            self._conn.execute("BEGIN IMMEDIATE")
            self._conn.execute("INSERT OR REPLACE INTO responses VALUES (?, ?, ?, ?, ?, ?, ?)", row)
            self._conn.execute("COMMIT")

    def __len__(self) -> int:
        with self._lock:
            count: int = self._conn.execute("SELECT COUNT(*) FROM responses").fetchone()[0]
        return count

    def close(self) -> None:
        with self._lock:
            self._conn.close()
