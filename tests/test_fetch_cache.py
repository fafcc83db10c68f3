"""The SQLite response cache: round trips, TTL, and a damaged file is rebuilt, never trusted."""

from __future__ import annotations

import sqlite3
import threading
import time

from factcheck.network.cache import CachedResponse, FetchCache, request_key


def _response(body: bytes = b'{"ok": true}', stored_at: float | None = None) -> CachedResponse:
    return CachedResponse(
        "https://example.org/a",
        200,
        {"content-type": "application/json"},
        body,
        time.time() if stored_at is None else stored_at,
    )


def test_round_trip_and_persistence(tmp_path):
    path = tmp_path / "cache" / "http.sqlite"
    cache = FetchCache(path)
    key = request_key("GET", "https://example.org/a?q=1")
    assert cache.get(key) is None
    cache.put(key, _response())
    cache.close()
    reopened = FetchCache(path)
    hit = reopened.get(key)
    assert hit is not None and hit.body == b'{"ok": true}' and hit.status == 200
    assert hit.headers == {"content-type": "application/json"}
    assert not reopened.rebuilt and len(reopened) == 1


def test_keys_differ_by_method_url_and_body():
    keys = {
        request_key("GET", "u"),
        request_key("POST", "u"),
        request_key("GET", "u2"),
        request_key("GET", "u", b"x"),
    }
    assert len(keys) == 4


def test_ttl_expiry_and_replay_ignores_it(tmp_path):
    cache = FetchCache(tmp_path / "c.sqlite", ttl=60)
    cache.put("old", _response(stored_at=time.time() - 3600))
    assert cache.get("old") is None
    assert cache.get("old", ignore_ttl=True) is not None


def test_garbage_file_is_rebuilt(tmp_path):
    path = tmp_path / "c.sqlite"
    path.write_bytes(b"this is not a database" * 100)
    cache = FetchCache(path)
    assert cache.rebuilt
    assert cache.get("k") is None
    cache.put("k", _response())
    assert cache.get("k") is not None
    assert (tmp_path / "c.sqlite.corrupt").exists()


def test_foreign_schema_is_rebuilt(tmp_path):
    path = tmp_path / "c.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE responses (x)")
    cache = FetchCache(path)
    assert cache.rebuilt
    cache.put("k", _response())
    assert cache.get("k") is not None


def test_tampered_body_is_a_miss_and_deleted(tmp_path):
    path = tmp_path / "c.sqlite"
    cache = FetchCache(path)
    cache.put("k", _response())
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE responses SET body = ? WHERE key = 'k'", (b'{"ok": false}',))
    assert cache.get("k") is None
    assert len(cache) == 0


def test_concurrent_writers(tmp_path):
    cache = FetchCache(tmp_path / "c.sqlite")

    def write(n: int) -> None:
        for i in range(20):
            cache.put(f"{n}-{i}", _response(body=str(i).encode()))

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(cache) == 80
    hit = cache.get("3-7")
    assert hit is not None and hit.body == b"7"
