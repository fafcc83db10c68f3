"""JUnit XML: one test case per article, failures at the fail level, parsed back with ElementTree."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_render_samples import example_report, problem_report, render, rich_report

from factcheck.model.report import ArticleOutcome, ArticleReport, Status, Verdict
from factcheck.reports.junit import _NOT_XML, xml_safe


def parse(*reports: ArticleReport, fail_on: str = "error") -> ET.Element:
    return ET.fromstring(render("junit", reports, fail_on).encode("utf-8"))


@pytest.mark.parametrize(("fail_on", "failures"), [("error", 2), ("warning", 3), ("info", 3), ("never", 0)])
def test_failures_follow_the_fail_level(fail_on: str, failures: int) -> None:
    root = parse(rich_report(), problem_report(), fail_on=fail_on)
    assert root.tag == "testsuites"
    [suite] = root.findall("testsuite")
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == ["news/hostile, story:1.md", "broken.txt"]
    assert cases[0].get("classname") == "news"
    found = cases[0].findall("failure")
    assert len(found) == failures
    assert root.get("failures") == suite.get("failures") == str(failures)
    assert root.get("tests") == "2" and root.get("errors") == "1"
    [error] = cases[1].findall("error")
    assert "broken.txt:3:7" in (error.text or "")
    out = cases[0].findtext("system-out") or ""
    assert "[suppressed: baseline]" in out and "STY001" in out, "suppressed findings are kept, not failed"
    assert all(f.get("type") for f in found)
    properties = {p.get("name"): p.get("value") for p in suite.iter("property")}
    assert properties["fail_on"] == fail_on and properties["exit_code"] == "2"


def test_failure_names_rule_position_and_message() -> None:
    case = parse(rich_report()).find("testsuite/testcase")
    assert case is not None
    refuted = next(f for f in case.findall("failure") if f.get("type") == "NUM001")
    assert refuted.get("message") == "NUM001: unemployment was 4.1 percent in 2024, not 3.5"
    assert (refuted.text or "").startswith("news/hostile, story:1.md:2:43: NUM001 refuted/error")


def test_example_article_is_one_passing_case() -> None:
    report = example_report()
    case = parse(report).find("testsuite/testcase")
    assert case is not None and case.get("name") == report.path
    expected = report.outcome.failing
    assert len(case.findall("failure")) == expected


@settings(max_examples=60, deadline=None)
@given(message=st.text(max_size=60), path=st.text(min_size=1, max_size=20))
def test_any_text_still_parses(message: str, path: str) -> None:
    verdict = Verdict(
        statement_id="S1",
        verifier="v<&>",
        rule="ABC001",
        status=Status.REFUTED,
        severity="error",
        message=message,
        line=1,
        column=1,
    )
    report = ArticleReport(path=path, verdicts=(verdict,), outcome=ArticleOutcome(status=Status.REFUTED))
    failure = parse(report).find("testsuite/testcase/failure")
    assert failure is not None
    assert failure.get("message") == xml_safe("ABC001: " + message)
    assert not _NOT_XML.search(xml_safe(message))
    assert xml_safe(message) == message or "\ufffd" in xml_safe(message)
