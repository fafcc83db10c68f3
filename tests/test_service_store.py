"""The service's store on both databases: versioned migrations applied once, reports kept per
article, decisions append-only with the latest in force, and idempotent posts even when the
same decision arrives from many threads at once (SQLite file and a real PostgreSQL server)."""

from __future__ import annotations

import concurrent.futures
import datetime as dt
from typing import Any

import pytest

from factcheck.model.report import Status, Verdict
from factcheck.service.store import MIGRATIONS, PostgresStore, SqliteStore, Store, open_store
from factcheck.workflow.review import DecisionBook
from tests.serve_support import postgres


@pytest.fixture(scope="module")
def postgres_url():
    with postgres() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def make_store(request, tmp_path):
    made: list[Store] = []

    def build() -> Store:
        if request.param == "sqlite":
            store: Store = SqliteStore(tmp_path / "s.sqlite")
        else:
            store = PostgresStore(request.getfixturevalue("postgres_url"))
        made.append(store)
        return store

    yield build
    for store in made:
        store.close()


def _verdict(fingerprint: str = "0123456789abcdef") -> Verdict:
    return Verdict(
        statement_id="S1",
        verifier="attribution",
        rule="SRC003",
        status=Status.NEEDS_REVIEW,
        message="anonymous source",
        line=3,
        fingerprint=fingerprint,
    )


def _entry(decision: str = "dismiss", by: str = "Ana", reason: str = "named later") -> dict[str, Any]:
    at = dt.datetime(2026, 12, 1, 9, 30, tzinfo=dt.UTC)
    return DecisionBook.entry(_verdict(), "Critics  say\nso.", decision, reason, by, at)  # type: ignore[arg-type]


def test_migrations_run_once_and_are_recorded(make_store):
    store = make_store()
    assert store.schema_version() == MIGRATIONS[-1][0]
    assert store.migrate() == []  # a second start applies nothing
    again = make_store()
    assert again.schema_version() == MIGRATIONS[-1][0]


def test_reports_are_kept_per_article(make_store):
    store = make_store()
    assert store.load_report("a-1") is None
    store.save_report("a-1", '{"v": 1}')
    store.save_report("a-1", '{"v": 2}')
    store.save_report("a-2", '{"v": 9}')
    assert store.load_report("a-1")[0] == '{"v": 2}' and store.load_report("a-2")[0] == '{"v": 9}'


def test_decisions_are_an_audit_trail_with_the_latest_in_force(make_store):
    store = make_store()
    first, created = store.add_decision("a-1", _entry())
    assert created and first["id"] >= 1
    same, created = store.add_decision("a-1", _entry())
    assert not created and same["id"] == first["id"]
    _, created = store.add_decision("a-1", _entry("accept", "Ben", "fine"))
    assert created
    audit = store.audit("a-1")
    assert [(r["decision"], r["by"]) for r in audit] == [("dismiss", "Ana"), ("accept", "Ben")]
    assert audit[0]["statement"] == "Critics say so." and audit[0]["at"] == dt.datetime(
        2026, 12, 1, 9, 30, tzinfo=dt.UTC
    )
    book = store.book("a-1")
    decision = book.decision("0123456789abcdef")
    assert decision is not None and (decision.decision, decision.by) == ("accept", "Ben")
    [marked] = book.apply([_verdict()])
    assert marked.suppressed == "accepted by Ben" and marked.decision == decision
    assert store.audit("a-2") == []


def test_the_same_decision_from_many_threads_is_recorded_once(make_store):
    store = make_store()
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda _: store.add_decision("race", _entry()), range(16)))
    assert sum(created for _, created in results) == 1
    assert len(store.audit("race")) == 1


def test_open_store_picks_the_database(tmp_path):
    store = open_store("", str(tmp_path / "default.sqlite"))
    assert store.kind == "sqlite" and (tmp_path / "default.sqlite").exists()
    store.close()
    store = open_store(f"sqlite:///{tmp_path / 'other.sqlite'}", "unused")
    assert (tmp_path / "other.sqlite").exists()
    store.close()
    with pytest.raises(ValueError, match="database_url"):
        open_store("mysql://x", "unused")
