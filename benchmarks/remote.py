"""Remote evidence benchmark: the example article against loopback services answering in 50 ms.

Cold cache: every look-up goes to the (slow) servers, concurrently, so the wall time should
approach the slowest chain of dependent requests (Wikidata: search, entity, labels = 3 round trips)
rather than the sum of all round trips. Warm cache: the same check again makes zero requests.

    .venv/bin/python -m benchmarks.remote [--delay 0.05] [--workers 8] [--per-host 4]

Only loopback servers started here are contacted; the hosts are allowed explicitly.
"""

from __future__ import annotations

import argparse
import json
import logging
import tempfile
import time
from pathlib import Path
from typing import Any

from factcheck_plugins import remote_evidence
from factcheck_plugins.remote_evidence import factcheck_tools as evidence_factcheck_tools
from factcheck_plugins.remote_evidence import wikidata as evidence_wikidata
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from factcheck.config.settings import Config, Settings
from factcheck.engine.engine import Engine
from factcheck.plugin_system.manager import get_plugin_manager

ARTICLE = Path(__file__).resolve().parent.parent / "examples" / "ceasefire-call.txt"
PLUGINS = [
    ("remote_evidence", remote_evidence),
    ("factcheck_tools", evidence_factcheck_tools),
    ("wikidata", evidence_wikidata),
]


def _server(delay: float, answer: Any) -> HTTPServer:
    def handler(request: Request) -> Response:
        time.sleep(delay)
        return Response(json.dumps(answer(request)), content_type="application/json")

    server = HTTPServer(threaded=True)
    server.expect_request("/api").respond_with_handler(handler)
    server.start()
    return server


def _factcheck(request: Request) -> dict[str, Any]:
    return {
        "claims": [
            {
                "text": request.args.get("query", ""),
                "claimReview": [
                    {
                        "publisher": {"name": "Loopback Checks"},
                        "url": "https://checks.invalid/1",
                        "textualRating": "Mostly false",
                    }
                ],
            }
        ]
    }


def _wikidata(request: Request) -> dict[str, Any]:
    action, props = request.args.get("action"), request.args.get("props", "")
    if action == "wbsearchentities":
        return {"search": [{"id": "Q1"}]}
    if props == "labels":
        return {
            "entities": {
                i: {"labels": {"en": {"value": f"President of {i}"}}} for i in request.args["ids"].split("|")
            }
        }
    return {
        "entities": {
            "Q1": {
                "id": "Q1",
                "labels": {"en": {"value": "Someone"}},
                "claims": {
                    "P31": [{"mainsnak": {"datavalue": {"value": {"id": "Q5"}}}}],
                    "P39": [{"mainsnak": {"datavalue": {"value": {"id": "Q30"}}}}],
                },
            }
        }
    }


def _engine(settings: dict[str, Any]) -> Engine:
    config = Config(Settings.model_validate(settings))
    engine = Engine(config, get_plugin_manager(load_entrypoints=False))
    return engine


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--delay", type=float, default=0.05)
    parser.add_argument("--workers", type=int, default=8)
    parser.add_argument("--per-host", type=int, default=4)
    args = parser.parse_args()
    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # one line per request otherwise
    factcheck, wikidata = _server(args.delay, _factcheck), _server(args.delay, _wikidata)
    try:
        with tempfile.TemporaryDirectory() as folder:
            settings = {
                "check": {"date": "2025-03-19", "timeout": 60},
                "network": {
                    "allow_hosts": ["localhost"],
                    "cache_path": f"{folder}/http.sqlite",
                    "workers": args.workers,
                    "per_host": args.per_host,
                },
                "plugins": {
                    "factcheck_tools": {
                        "enabled": True,
                        "api_key": "bench",
                        "endpoint": factcheck.url_for("/api"),
                    },
                    "wikidata": {"enabled": True, "endpoint": wikidata.url_for("/api")},
                },
            }
            rows = []
            for label in ("cold cache", "warm cache"):
                engine = _engine(settings)
                before = len(factcheck.log) + len(wikidata.log)
                began = time.perf_counter()
                report = engine.check_file(str(ARTICLE))
                elapsed = time.perf_counter() - began
                remote = report.timings.get("verifier:remote_evidence", 0.0)
                made = len(factcheck.log) + len(wikidata.log) - before
                verdicts = sum(v.rule.startswith("REM") for v in report.verdicts)
                rows.append((label, elapsed, remote, made, verdicts))
                engine.close()
    finally:
        factcheck.stop()
        wikidata.stop()
    cold_requests = rows[0][3]
    print(
        f"example article, {args.delay * 1000:.0f} ms per response, "
        f"workers={args.workers}, per_host={args.per_host}"
    )
    print(f"{'run':<11} {'total s':>8} {'REM s':>7} {'requests':>9} {'REM verdicts':>13}")
    for label, elapsed, remote, made, verdicts in rows:
        print(f"{label:<11} {elapsed:8.3f} {remote:7.3f} {made:9d} {verdicts:13d}")
    print(
        f"sum of round trips if serial: {cold_requests * args.delay:.2f} s; "
        f"slowest chain (Wikidata: 3 round trips): {3 * args.delay:.2f} s"
    )


if __name__ == "__main__":
    main()
