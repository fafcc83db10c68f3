"""``--format junit``: JUnit XML, for CI systems that chart test results (GitLab, Jenkins, Azure).

One ``<testcase>`` per article (``classname`` from its folder, ``name`` its path), so a CI test
tab lists articles the way it lists tests. Each live finding at or above the fail level
(``--fail-on``; the same predicate the exit code uses: unsuppressed, not ``supported``) is a
``<failure>`` whose ``type`` is the rule code; an input problem is an ``<error>``, because the
article could not be checked at all. Lesser findings and suppressed ones go to ``<system-out>``,
one ``path:line:col: CODE …`` line each, so nothing is lost but only gating findings go red.

Elements are built with ``xml.etree`` (escaping for free), and characters XML 1.0 cannot carry at
all (most C0 controls, lone surrogates) are replaced with U+FFFD first, or one stray byte in an
article would make the whole file unparsable. The totals on ``<testsuites>`` are only known at
the end, so test cases are serialised as they come and the document is assembled last.
"""

from __future__ import annotations

import re
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import PurePath
from typing import TextIO

from factcheck.plugin import (
    ArticleReport,
    Renderer,
    ReportStream,
    Severity,
    Status,
    Verdict,
    fail_level,
    fails,
    hookimpl,
)

_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    """``text`` with every character XML 1.0 forbids replaced by U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


def _where(report: ArticleReport, verdict: Verdict) -> str:
    return f"{report.path}:{verdict.line or 1}:{verdict.column or 1}"


def _finding_line(report: ArticleReport, verdict: Verdict) -> str:
    flag = f" [suppressed: {verdict.suppressed}]" if verdict.suppressed else ""
    return (
        f"{_where(report, verdict)}: {verdict.rule} {verdict.status.value}/{verdict.severity.value}{flag}: "
        f"{verdict.message} ({verdict.verifier})"
    )


def testcase(report: ArticleReport, level: Severity | None) -> tuple[ET.Element, int, int]:
    """The ``<testcase>`` for one article, with its failure and error counts."""
    path = PurePath(report.path)
    folder = ".".join(p for p in path.parent.parts if p not in ("", ".", "/")) or "articles"
    total = report.timings.get("total")
    case = ET.Element(
        "testcase",
        {"classname": xml_safe(folder), "name": xml_safe(report.path), "file": xml_safe(report.path)},
    )
    if total is not None:
        case.set("time", f"{total:.3f}")
    failures = errors = 0
    for problem in report.problems:
        error = ET.SubElement(case, "error", {"message": xml_safe(problem.message), "type": "input"})
        error.text = xml_safe(problem.one_line())
        errors += 1
    others: list[str] = []
    for verdict in report.verdicts:
        if fails(verdict, level):
            message = xml_safe(f"{verdict.rule}: {verdict.message}")
            failure = ET.SubElement(case, "failure", {"message": message, "type": verdict.rule})
            failure.text = xml_safe(_finding_line(report, verdict))
            failures += 1
        elif verdict.status != Status.SUPPORTED:
            others.append(_finding_line(report, verdict))
    if others:
        ET.SubElement(case, "system-out").text = xml_safe("\n".join(others))
    return case, failures, errors


class JunitRenderer:
    name = "junit"
    description = "JUnit XML: one test case per article, a failure per finding at the fail level."

    def render(self, stream: ReportStream, out: TextIO) -> None:
        level = fail_level(stream.config.settings.check.fail_on)
        cases: list[str] = []
        tests = failures = errors = 0
        elapsed = 0.0
        started = time.strftime("%Y-%m-%dT%H:%M:%S")
        for report in stream:
            case, failed, errored = testcase(report, level)
            cases.append(ET.tostring(case, encoding="unicode"))
            tests += 1
            failures += failed
            errors += errored
            elapsed += report.timings.get("total", 0.0)
        summary = stream.summary
        counts = {
            "tests": str(tests),
            "failures": str(failures),
            "errors": str(errors),
            "time": f"{elapsed:.3f}",
        }
        suites = ET.Element("testsuites", {"name": stream.tool.name, **counts})
        suite = ET.SubElement(
            suites, "testsuite", {"name": stream.tool.name, **counts, "skipped": "0", "timestamp": started}
        )
        properties = ET.SubElement(suite, "properties")
        for name, value in (
            ("version", stream.tool.version),
            ("fail_on", summary.fail_on),
            ("statements", str(summary.statements)),
            ("exit_code", str(summary.exit_code)),
        ):
            ET.SubElement(properties, "property", {"name": name, "value": xml_safe(value)})
        head, _, tail = ET.tostring(suites, encoding="unicode").rpartition("</testsuite>")
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        out.write(head + "".join("\n    " + c for c in cases) + "\n  </testsuite>" + tail + "\n")


@hookimpl(trylast=True)
def register_renderers(register: Callable[[Renderer], None]) -> None:
    register(JunitRenderer())
