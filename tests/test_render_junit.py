"""JUnit XML: a suite per article, a test case per finding, read back with ElementTree and with
junitparser (what CI test widgets are built on)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.model.report import ArticleOutcome, ArticleReport, Status, Verdict
from factcheck.reports.junit import _not_xml, xml_safe
from tests.test_render_samples import example_report, problem_report, render, rich_report


def parse(*reports: ArticleReport, fail_on: str = "error") -> ET.Element:
    return ET.fromstring(render("junit", reports, fail_on).encode("utf-8"))


def findings(report: ArticleReport) -> list[Verdict]:
    return [v for v in report.verdicts if v.status != Status.SUPPORTED]


@pytest.mark.parametrize(("fail_on", "failures"), [("error", 2), ("warning", 3), ("info", 3), ("never", 0)])
def test_a_case_per_finding_failing_at_the_fail_level(fail_on: str, failures: int) -> None:
    report = rich_report()
    root = parse(report, problem_report(), fail_on=fail_on)
    assert root.tag == "testsuites"
    article, broken = root.findall("testsuite")
    assert article.get("name") == "news/hostile, story:1.md" and broken.get("name") == "broken.txt"
    cases = article.findall("testcase")
    assert len(cases) == len(findings(report)) == int(article.get("tests") or 0)
    assert {c.get("classname") for c in cases} == {report.path}
    failed = [c for c in cases if c.find("failure") is not None]
    assert len(failed) == failures == int(article.get("failures") or 0)
    assert root.get("failures") == str(failures)
    assert root.get("tests") == str(len(cases) + 1) and root.get("errors") == "1"
    [error] = broken.findall("testcase/error")
    assert "broken.txt:3:7" in (error.text or "")
    skipped = [c for c in cases if c.find("skipped") is not None]
    assert {c.findtext("system-out", "").split(": ")[1].split()[0] for c in skipped} == {"STY001", "QUO001"}
    assert [s.get("message") for c in skipped if (s := c.find("skipped")) is not None] == [
        "suppressed: baseline",
        "suppressed: dismissed",
    ]
    properties = {p.get("name"): p.get("value") for p in article.iter("property")}
    assert properties["fail_on"] == fail_on


def test_cases_are_named_by_rule_and_position() -> None:
    cases = parse(rich_report()).findall("testsuite/testcase")
    refuted = next(c for c in cases if c.get("name") == "NUM001 at 2:43")
    failure = refuted.find("failure")
    assert failure is not None and failure.get("type") == "NUM001"
    assert failure.get("message") == "NUM001: unemployment was 4.1 percent in 2024, not 3.5"
    assert (failure.text or "").startswith("news/hostile, story:1.md:2:43: NUM001 refuted/error")
    assert refuted.get("line") == "2"
    assert len({c.get("name") for c in cases}) == len(cases), "names are unique within a suite"


def test_an_article_without_findings_is_one_passing_case() -> None:
    report = example_report().model_copy(update={"verdicts": ()})
    [case] = parse(report).findall("testsuite/testcase")
    assert case.get("name") == "no findings" and list(case) == []


def test_junitparser_counts_one_case_per_finding(tmp_path) -> None:
    junitparser = pytest.importorskip("junitparser", reason="junitparser is in the dev extras")
    reports = [rich_report(), example_report()]
    path = tmp_path / "junit.xml"
    path.write_text(render("junit", reports, "error"), encoding="utf-8")
    xml = junitparser.JUnitXml.fromfile(str(path))
    suites = list(xml)
    assert [s.name for s in suites] == [r.path for r in reports]
    for suite, report, failing in zip(suites, reports, [2, reports[1].outcome.failing], strict=True):
        cases = list(suite)
        assert len(cases) == max(len(findings(report)), 1)
        failed = [c for c in cases if any(isinstance(r, junitparser.Failure) for r in c.result)]
        assert len(failed) == failing == suite.failures
        assert suite.tests == len(cases)


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
    assert not _not_xml().search(xml_safe(message))
    assert xml_safe(message) == message or "\ufffd" in xml_safe(message)
