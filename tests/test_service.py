"""``factcheck serve`` end to end: the real server in a subprocess on a loopback port, driven
with a real HTTP client (requests): the report contract, decisions with their audit trail,
restarts with decisions intact (SQLite file and PostgreSQL), concurrent clients, dropped
connections, limits, time limits, the bearer token, and start-up kept free of the server stack."""

from __future__ import annotations

import concurrent.futures
import json
import signal
import socket
import subprocess
import sys
import time
from typing import Any

import pytest
import requests

from factcheck.cli.main import main
from tests.serve_support import EXAMPLE, REPO_ROOT, Server, check, postgres
from tests.test_example_plugin import fake_distribution

TEXT = EXAMPLE.read_text(encoding="utf-8")
SHORT = "Critics say the plan will fail. Sales rose from $10m to $12m, an increase of 50%.\n"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("serve")
    with Server(folder, {"max_request_bytes": 200_000}) as running:
        yield running


def findings(report: dict[str, Any]) -> list[dict[str, Any]]:
    return [v for v in report["articles"][0]["verdicts"] if v["status"] != "supported"]


def test_check_returns_the_report_factcheck_check_prints(server, capsys):
    answer = check(server, "ceasefire-call", TEXT, date="2025-03-19")
    assert answer.status_code == 200 and answer.headers["content-type"] == "application/json"
    served = answer.json()
    main(["check", str(EXAMPLE), "-f", "json", "--date", "2025-03-19", "--offline", "--fail-on", "never"])
    printed = json.loads(capsys.readouterr().out)
    assert served["schema_version"] == printed["schema_version"] == 1
    ours, theirs = served["articles"][0], printed["articles"][0]
    assert ours.pop("path") == "ceasefire-call.txt"
    theirs.pop("path")
    assert ours == theirs  # same engine, plugins and config: the same report
    assert served["summary"]["articles"] == 1 and served["tool"] == printed["tool"]


@pytest.mark.parametrize(
    ("fmt", "media", "marker"),
    [
        ("html", "text/html", "data-fingerprint="),
        ("sarif", "application/sarif+json", '"runs"'),
        ("markdown", "text/markdown", "#"),
    ],
)
def test_any_renderer_by_query(server, fmt, media, marker):
    answer = requests.post(
        server.url + f"/v1/check?format={fmt}", json={"id": "fmt-" + fmt, "text": TEXT}, timeout=60
    )
    assert answer.status_code == 200 and answer.headers["content-type"].startswith(media)
    assert marker in answer.text
    latest = requests.get(server.url + f"/v1/articles/fmt-{fmt}/report?format={fmt}", timeout=30)
    assert latest.status_code == 200 and latest.headers["content-type"].startswith(media)


def test_markdown_and_html_articles(server):
    markdown = "---\ntitle: Budget\n---\n# Budget\n\nSales rose from $10m to $12m, an increase of 50%.\n"
    report = check(server, "md-1", markdown, format="markdown").json()["articles"][0]
    assert report["path"] == "md-1.md" and report["format"] == "markdown" and report["title"] == "Budget"
    html = "<html><head><title>T</title></head><body><p>Critics say the plan will fail.</p></body></html>"
    report = check(server, "html-1", html, format="html", title="Given").json()["articles"][0]
    assert report["format"] == "html" and report["title"] == "Given"


def test_decisions_audit_trail_idempotence_and_carry_over(server):
    assert check(server, "story-1", TEXT).status_code == 200
    report = requests.get(server.url + "/v1/articles/story-1/report", timeout=30).json()
    finding = findings(report)[0]
    url = server.url + "/v1/articles/story-1/decisions"
    body = {
        "fingerprint": finding["fingerprint"],
        "action": "dismiss",
        "reason": "named in print",
        "by": "Ana",
    }
    first = requests.post(url, json=body, timeout=30)
    assert first.status_code == 201
    again = requests.post(url, json=body, timeout=30)
    assert again.status_code == 200 and again.json() == first.json()  # a retry records nothing
    changed = requests.post(
        url, json={**body, "action": "accept", "reason": "fine as is", "by": "Ben"}, timeout=30
    )
    assert changed.status_code == 201

    listed = requests.get(url, timeout=30).json()
    assert [(d["decision"], d["by"]) for d in listed["audit"]] == [("dismiss", "Ana"), ("accept", "Ben")]
    assert [(d["decision"], d["by"], d["reason"]) for d in listed["decisions"]] == [
        ("accept", "Ben", "fine as is")
    ]
    assert listed["reopened"] == []

    # re-checked unchanged: the decision carries over, shown as `factcheck review` shows it
    rechecked = check(server, "story-1", TEXT).json()
    marked = next(
        v for v in rechecked["articles"][0]["verdicts"] if v["fingerprint"] == finding["fingerprint"]
    )
    assert marked["suppressed"] == "accepted by Ben"
    assert marked["decision"]["by"] == "Ben" and marked["decision"]["reason"] == "fine as is"

    # the statement edited: the finding is new, the old decision reopens
    statement = next(s for s in rechecked["articles"][0]["statements"] if s["id"] == finding["statement_id"])
    first_word, rest = statement["text"].split(" ", 1)
    edited = TEXT.replace(statement["text"], f"{first_word} reportedly {rest}")
    after = check(server, "story-1", edited).json()
    assert all(v.get("decision") is None for v in after["articles"][0]["verdicts"])
    listed = requests.get(url, timeout=30).json()
    assert listed["decisions"] == [] and [d["by"] for d in listed["reopened"]] == ["Ben"]
    assert len(listed["audit"]) == 2


def test_decision_errors(server):
    assert check(server, "story-2", SHORT).status_code == 200
    url = server.url + "/v1/articles/story-2/decisions"
    good = {"fingerprint": "0123456789abcdef", "action": "dismiss", "reason": "r", "by": "Ana"}
    assert requests.post(url, json=good, timeout=30).status_code == 404  # no such finding
    assert requests.post(url, json={**good, "action": "ignore"}, timeout=30).status_code == 422
    assert requests.post(url, json={**good, "reason": ""}, timeout=30).status_code == 422
    missing = server.url + "/v1/articles/nobody/decisions"
    assert requests.post(missing, json=good, timeout=30).status_code == 404
    assert requests.get(server.url + "/v1/articles/nobody/report", timeout=30).status_code == 404


def test_limits_and_bad_requests(server):
    big = requests.post(server.url + "/v1/check", json={"id": "big", "text": "x" * 300_000}, timeout=30)
    assert big.status_code == 413
    json_type = {"Content-Type": "application/json"}
    parts = [b'{"id": "chunked", "text": "', b"x" * 150_000, b"y" * 150_000, b'"}']
    chunked = requests.post(server.url + "/v1/check", data=iter(parts), headers=json_type, timeout=30)
    assert chunked.status_code == 413  # no Content-Length (chunked): counted as it arrives
    small = iter([b'{"id": "chunked-ok", ', b'"text": "Critics say so."}'])
    answer = requests.post(server.url + "/v1/check", data=small, headers=json_type, timeout=30)
    assert answer.status_code == 200
    assert check(server, "../etc/passwd", "x").status_code == 422
    assert check(server, "ok", "x", extra_field=1).status_code == 422
    unknown = requests.post(server.url + "/v1/check?format=pdf", json={"id": "a", "text": "x"}, timeout=30)
    assert unknown.status_code == 400 and "choose from" in unknown.json()["detail"]
    assert requests.get(server.url + "/v1/articles/a%2Fb/report", timeout=30).status_code in (404, 422)


def test_health_plugins_and_openapi(server):
    health = requests.get(server.url + "/healthz", timeout=30).json()
    assert health["status"] == "ok" and health["database"] == "sqlite" and health["workers_alive"] == 2
    plugins = requests.get(server.url + "/v1/plugins", timeout=30).json()
    names = {p["name"] for p in plugins["plugins"]}
    assert {"numeric", "attribution", "render_html"} <= names and "sarif" in plugins["formats"]
    schema = requests.get(server.url + "/openapi.json", timeout=30).json()
    assert {"/v1/check", "/v1/articles/{article_id}/report", "/v1/articles/{article_id}/decisions"} <= set(
        schema["paths"]
    )
    assert {"CheckRequest", "DecisionRequest", "DecisionRecord", "Report", "Verdict"} <= set(
        schema["components"]["schemas"]
    )
    assert requests.get(server.url + "/docs", timeout=30).status_code == 404  # no CDN-loaded UI


def test_access_log_is_structured_and_has_no_article_text(server):
    check(server, "logged", "A secret embargoed sentence about Zanzibar rose 50%.")
    time.sleep(0.3)
    lines = [json.loads(line) for line in server.output().splitlines() if line.startswith("{")]
    assert any(line["path"] == "/v1/check" and line["status"] == 200 for line in lines)
    assert all({"request_id", "method", "status", "ms"} <= set(line) for line in lines)
    assert "Zanzibar" not in server.output()


def test_concurrent_clients(server):
    def one(n: int) -> tuple[int, str]:
        answer = check(server, f"many-{n}", f"Article {n}. " + SHORT)
        return answer.status_code, answer.json()["articles"][0]["path"]

    with concurrent.futures.ThreadPoolExecutor(12) as pool:
        results = list(pool.map(one, range(24)))
    assert results == [(200, f"many-{n}.txt") for n in range(24)]


def test_dropped_connections_leave_the_server_healthy(server):
    body = json.dumps({"id": "dropped", "text": TEXT}).encode()
    head = (
        f"POST /v1/check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    ).encode()
    # gone in the middle of the body
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        sock.sendall(head + body[: len(body) // 2])
    # gone after sending the whole request, before the answer
    for _ in range(3):
        with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
            sock.sendall(head + body)
    time.sleep(1.0)
    assert requests.get(server.url + "/healthz", timeout=30).json()["workers_alive"] == 2
    assert check(server, "after-drop", SHORT).status_code == 200


def test_serve_is_not_imported_by_check_or_version():
    code = (
        "import sys\n"
        "from factcheck.cli.main import main\n"
        f"main(['check', {str(EXAMPLE)!r}, '-f', 'json', '--offline', '--fail-on', 'never'])\n"
        "stack = ('fastapi', 'uvicorn', 'starlette', 'psycopg', 'factcheck.service')\n"
        "heavy = [m for m in stack if m in sys.modules]\n"
        "print('HEAVY', heavy, file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO_ROOT, check=False
    )
    assert "HEAVY []" in done.stderr, done.stderr[-500:]


def test_refuses_a_public_address_without_a_token(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "factcheck.cli.main", "serve", "--host", "0.0.0.0", "--port", "1"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        check=False,
        timeout=60,
    )
    assert done.returncode == 2 and "without a bearer token" in done.stderr


def test_bearer_token(tmp_path):
    token = "t0k3n-for-the-test-suite"
    with Server(tmp_path, {"workers": 1}, env={"FACTCHECK_SERVE_TOKEN": token}) as running:
        assert requests.get(running.url + "/healthz", timeout=30).status_code == 200
        plain = requests.post(running.url + "/v1/check", json={"id": "a", "text": SHORT}, timeout=30)
        assert plain.status_code == 401 and plain.headers["www-authenticate"] == "Bearer"
        wrong = {"Authorization": "Bearer nope"}
        assert requests.get(running.url + "/v1/plugins", headers=wrong, timeout=30).status_code == 401
        right = {"Authorization": f"Bearer {token}"}
        answer = requests.post(
            running.url + "/v1/check", json={"id": "a", "text": SHORT}, headers=right, timeout=60
        )
        assert answer.status_code == 200
        page = requests.get(running.url + "/articles/a", cookies={"factcheck_token": token}, timeout=30)
        assert page.status_code == 200


SLOW_PLUGIN = """
import time
from factcheck.plugin import hookimpl

@hookimpl
def extract_annotations(article, statements, config):
    if "take all the time you need" in article.plain.lower():
        time.sleep(3600)  # a check that never ends: only the service's limit stops it
    return []
"""


def test_a_slow_check_is_killed_and_does_not_block_the_others(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    fake_distribution(site, "slow-plugin", "slow_plugin", SLOW_PLUGIN)
    serve = {"workers": 2, "check_timeout": 6.0}
    server = Server(tmp_path, serve, env={"PYTHONPATH": str(site)})
    with (tmp_path / "factcheck.toml").open("a", encoding="utf-8") as config:
        config.write("[check]\ntimeout = 600\n")  # the stage limit would end the sleep first
    with server as running:
        with concurrent.futures.ThreadPoolExecutor(2) as pool:
            slow = pool.submit(check, running, "slow", "Take all the time you need, she said.")
            while requests.get(running.url + "/healthz", timeout=30).json()["checks_waiting"] == 0:
                assert not slow.done(), slow.result().text
                time.sleep(0.05)  # until the slow check has a worker
            quick = check(running, "quick", SHORT)
            blocked = slow.done()  # it sleeps until the limit kills it, 6 s after it began
            answer = slow.result()
        assert quick.status_code == 200 and not blocked, "the quick check waited for the slow one"
        assert answer.status_code == 504 and "longer than" in answer.json()["detail"]
        deadline = time.monotonic() + 60
        while requests.get(running.url + "/healthz", timeout=30).json()["workers_alive"] < 2:
            assert time.monotonic() < deadline, "the killed worker was not replaced"
            time.sleep(0.2)
        assert check(running, "after", SHORT).status_code == 200


def _decide_and_restart(folder, serve: dict[str, object]) -> None:
    with Server(folder, serve) as first:
        assert check(first, "kept", TEXT).status_code == 200
        finding = findings(requests.get(first.url + "/v1/articles/kept/report", timeout=30).json())[0]
        answer = requests.post(
            first.url + "/v1/articles/kept/decisions",
            json={
                "fingerprint": finding["fingerprint"],
                "action": "dismiss",
                "reason": "checked",
                "by": "Ana",
            },
            timeout=30,
        )
        assert answer.status_code == 201
    assert first.process is None  # stopped (SIGTERM: graceful)
    with Server(folder, serve) as second:
        report = requests.get(second.url + "/v1/articles/kept/report", timeout=30).json()
        marked = next(
            v for v in report["articles"][0]["verdicts"] if v["fingerprint"] == finding["fingerprint"]
        )
        assert marked["decision"]["by"] == "Ana" and marked["suppressed"] == "dismissed by Ana"
        again = check(second, "kept", TEXT).json()  # and on re-check after the restart
        assert any(
            v["fingerprint"] == finding["fingerprint"] and v["decision"]
            for v in again["articles"][0]["verdicts"]
        )
        audit = requests.get(second.url + "/v1/articles/kept/decisions", timeout=30).json()["audit"]
        assert [(d["by"], d["reason"]) for d in audit] == [("Ana", "checked")]


def test_restart_keeps_decisions_sqlite(tmp_path):
    _decide_and_restart(tmp_path, {"sqlite_path": str(tmp_path / "db" / "review.sqlite")})
    assert (tmp_path / "db" / "review.sqlite").exists()


@pytest.fixture(scope="module")
def postgres_url():
    with postgres() as url:
        yield url


def test_restart_keeps_decisions_postgres(tmp_path, postgres_url):
    _decide_and_restart(tmp_path, {"database_url": postgres_url})
    with Server(tmp_path, {"database_url": postgres_url, "workers": 1}) as again:
        assert requests.get(again.url + "/healthz", timeout=30).json()["database"] == "postgresql"


def test_sigterm_lets_a_check_in_flight_finish(tmp_path):
    running = Server(tmp_path, {"workers": 1, "max_request_bytes": 4_000_000}).start()
    try:
        with concurrent.futures.ThreadPoolExecutor(1) as pool:
            pending = pool.submit(check, running, "in-flight", (TEXT + "\n\n") * 40)
            time.sleep(0.5)
            assert running.process is not None
            running.process.send_signal(signal.SIGTERM)
            answer = pending.result()
        assert answer.status_code == 200 and answer.json()["articles"][0]["path"] == "in-flight.txt"
        # uvicorn re-raises the signal once shut down, so the exit status says "ended by SIGTERM"
        assert running.process.wait(60) in (0, -signal.SIGTERM, 128 + signal.SIGTERM)  # 143: the CLI's own
        assert "Traceback" not in running.output()
    finally:
        running.stop()
