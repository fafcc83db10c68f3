"""The REM verifier end to end: an engine, the providers as plugins, a loopback server."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from factcheck_plugins import remote_evidence
from factcheck_plugins.remote_evidence import factcheck_tools as evidence_factcheck_tools
from factcheck_plugins.remote_evidence import wikidata as evidence_wikidata
from factcheck_plugins.remote_evidence.match import (
    RoleClaim,
    judge_role,
    parse_role,
    query_text,
    reads_as,
    similarity,
    stated_age,
)
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from factcheck.model.report import Status
from factcheck.network import evidence
from tests.test_evidence_providers import CLAIMS, ENTITY, LABELS

ARTICLE = (
    "Prime Minister Boris Johnson, 60, said the plan would cost 4 million pounds on Tuesday.\n\n"
    "Russia agreed to a full 30-day ceasefire in Ukraine, according to posts shared online.\n"
)
PLUGINS = [
    ("remote_evidence", remote_evidence),
    ("factcheck_tools", evidence_factcheck_tools),
    ("wikidata", evidence_wikidata),
]


def serve(request: Request) -> Response:
    body: object
    if request.path.endswith("claims:search"):
        body = CLAIMS if "ceasefire" in request.args.get("query", "") else {}
    elif request.args.get("action") == "wbsearchentities":
        body = {"search": [{"id": "Q1"}]}
    elif request.args.get("props") == "labels":
        body = LABELS
    else:
        body = ENTITY
    return Response(json.dumps(body), content_type="application/json")


@pytest.fixture
def check(make_engine, httpserver: HTTPServer, tmp_path):
    httpserver.expect_request("/").respond_with_handler(serve)  # never matched: keeps the server up
    for path in ("/v1alpha1/claims:search", "/w/api.php"):
        httpserver.expect_request(path).respond_with_handler(serve)

    def run(text: str = ARTICLE, published: bool = True, **network):
        settings = {
            "check": {"date": "2025-03-19"},
            "network": {"allow_hosts": ["localhost"], "cache_path": str(tmp_path / "c.sqlite"), **network},
            "plugins": {
                "remote_evidence": {"min_checkworthiness": 0.0},
                "factcheck_tools": {
                    "enabled": True,
                    "api_key": "k",
                    "endpoint": httpserver.url_for("/v1alpha1/claims:search"),
                },
                "wikidata": {"enabled": True, "endpoint": httpserver.url_for("/w/api.php")},
            },
        }
        engine = make_engine(settings=settings)  # the providers and REM verifier are built in
        if not published:
            article = engine.load("a.md", "---\ntitle: t\n---\n" + text)
            article = article.model_copy(
                update={"meta": article.meta.model_copy(update={"published": False})}
            )
            report = engine.check_article(article)
            return report, report.skipped_checks
        report = engine.check_text(text, "a.txt")
        return report, report.skipped_checks  # the engine copies the service's notes here

    yield run


def by_rule(report, code):
    return [v for v in report.verdicts if v.rule == code]


def test_earlier_fact_check_role_and_age(check, httpserver: HTTPServer):
    report, skipped = check()
    assert skipped == ()
    [review] = by_rule(report, "REM001")
    assert review.status == Status.NEEDS_REVIEW and review.severity == "warning"
    assert (
        "“False”" in review.message
        and "reads as refuted" in review.message
        and "fullfact.org" in review.message
    )
    assert review.evidence[0].kind == "source" and review.evidence[0].provider == "factcheck_tools"
    [role] = by_rule(report, "REM002")
    assert role.status == Status.REFUTED and "term ended on 2022-09-06" in role.message
    assert role.evidence[0].url == "https://www.wikidata.org/wiki/Q1"
    [age] = by_rule(report, "REM003")
    assert age.status == Status.SUPPORTED  # born 1964-06-19: 60 on 2025-03-19


def test_warm_cache_makes_zero_requests(check, httpserver: HTTPServer):
    first, _ = check()
    count = len(httpserver.log)
    assert count > 0
    second, _ = check()
    assert len(httpserver.log) == count
    assert [v.message for v in second.verdicts] == [v.message for v in first.verdicts]


def test_offline_makes_no_request_and_lists_skipped_checks(check, httpserver: HTTPServer):
    report, skipped = check(offline=True)
    assert httpserver.log == []
    assert not [v for v in report.verdicts if v.rule.startswith("REM")]
    assert any("factcheck_tools" in s and "offline" in s for s in skipped)
    assert any("wikidata" in s for s in skipped)


def test_embargo_skips_unlisted_providers(check, httpserver: HTTPServer):
    report, skipped = check(published=False, allowed_providers=["wikidata"])
    assert any("factcheck_tools" in s and "embargo" in s for s in skipped)
    assert not by_rule(report, "REM001") and by_rule(report, "REM002")
    assert all("claims:search" not in r.path for r, _ in httpserver.log)


def test_provider_failure_is_one_error_verdict_and_the_run_goes_on(check, httpserver: HTTPServer):
    report, _ = check(cache_path="", retries=0, replay=True)  # replay with no cache: every call misses
    failures = by_rule(report, "REM004")
    assert {v.status for v in failures} == {Status.ERROR}
    assert sorted(v.message.split()[2] for v in failures) == ["factcheck_tools", "wikidata"]
    assert report.problems == () and httpserver.log == []


def test_similarity_and_ratings():
    assert (
        similarity(
            "Russia agreed to a full 30-day ceasefire in Ukraine on Tuesday", CLAIMS["claims"][0]["text"]
        )
        > 0.8
    )
    assert similarity("The weather was fine", "Russia agreed to a ceasefire") == 0.0
    assert reads_as("Pants on Fire!", ["pants on fire"], ["true"]) == "refuted"
    assert reads_as("TRUE.", ["false"], ["true"]) == "supported"
    assert reads_as("Half true", ["false"], ["true"]) == "unclear"
    assert query_text("a  b " * 100, 20) == "a b a b a b a b a b"


def test_role_parsing_and_judgement():
    offices = ["president", "minister", "foreign minister", "prime minister"]
    claim = parse_role("a pro-Western figure and former Russian foreign minister from the 1990s", offices)
    assert claim == RoleClaim("foreign minister", ("russian",), True)
    assert parse_role("Ukrainian President", offices) == RoleClaim("president", ("ukrainian",), False)
    assert parse_role("political analyst", offices) is None
    facts = evidence_facts()
    day = dt.date(2025, 3, 19)
    assert judge_role("X", RoleClaim("foreign minister", ("russian",), True), facts, day).supported
    assert not judge_role("X", RoleClaim("foreign minister", ("russian",), False), facts, day).supported
    assert judge_role("X", RoleClaim("president", ("ukrainian",), False), facts, day) is None


def evidence_facts():
    return evidence.EntityFacts(
        id="Q2",
        label="X",
        positions=(
            evidence.Position(
                "Minister of Foreign Affairs of Russia", dt.date(1990, 10, 11), dt.date(1996, 1, 5)
            ),
        ),
    )


def test_stated_age_forms():
    text = "Vladimir Putin, 72, said. The 46-year-old Jane Smith left."
    assert stated_age(text, 0, 14) == (72, 16, 18)
    start = text.index("Jane")
    assert stated_age(text, start, start + 10)[0] == 46
    assert stated_age("Putin said", 0, 5) is None


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200), st.text(max_size=80), st.integers(0, 200), st.integers(0, 200))
def test_matching_never_crashes_and_spans_stay_inside(text, role, a, b):
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    found = stated_age(text, start, end)
    if found is not None:
        assert 0 <= found[1] < found[2] <= len(text) and int(text[found[1] : found[2]]) == found[0]
    assert 0.0 <= similarity(text, role) <= 1.0
    parse_role(role, ["president", "prime minister"])
