"""``--format junit``: JUnit XML, for CI systems that chart test results (GitLab, Jenkins, Azure,
GitHub's JUnit report actions).

One ``<testsuite>`` per article (``name`` and ``file`` its path), and in it one ``<testcase>`` per
finding, named by rule and position (``NUM001 at 3:14``, ``classname`` the article's path), so a
test tab lists every finding on its own line: the widgets show only the first ``<failure>`` of a
case, which is why findings are never several failures of one case. A finding at or above the
fail level (``--fail-on``; the same predicate the exit code uses) is a ``<failure>`` whose
``type`` is the rule code; a suppressed finding is ``<skipped>`` with the reason; a finding below
the fail level passes, with its line in ``<system-out>``. An article without findings is one
passing case (``no findings``), so it still shows; an input problem is an ``<error>`` case,
because the article could not be checked at all.

Elements are built with ``xml.etree`` (escaping for free; the standard library streams one suite
per article, which junitparser's in-memory tree would not: docs/dependencies.md §9), and characters
XML 1.0 cannot carry (most C0 controls, lone surrogates) are replaced with U+FFFD first, or one
stray byte in an article would make the whole file unparsable. The totals on ``<testsuites>`` are
only known at the end, so suites are serialised as they come and the document is assembled last.
"""

from __future__ import annotations

import functools
import re
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TextIO

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

if TYPE_CHECKING:
    import xml.etree.ElementTree as ET

# Every renderer is loaded on every run; the XML library and this pattern (~5 ms to compile)
# are only needed when JUnit is written, so both come on first use.


@functools.cache
def _not_xml() -> re.Pattern[str]:
    return re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    """``text`` with every character XML 1.0 forbids replaced by U+FFFD."""
    return _not_xml().sub("\ufffd", text)


def _where(report: ArticleReport, verdict: Verdict) -> str:
    return f"{report.path}:{verdict.line or 1}:{verdict.column or 1}"


def _finding_line(report: ArticleReport, verdict: Verdict) -> str:
    flag = f" [suppressed: {verdict.suppressed}]" if verdict.suppressed else ""
    return (
        f"{_where(report, verdict)}: {verdict.rule} {verdict.status.value}/{verdict.severity.value}{flag}: "
        f"{verdict.message} ({verdict.verifier})"
    )


@dataclass
class Tally:
    tests: int = 0
    failures: int = 0
    errors: int = 0
    skipped: int = 0
    time: float = 0.0

    def add(self, other: Tally) -> None:
        self.tests += other.tests
        self.failures += other.failures
        self.errors += other.errors
        self.skipped += other.skipped
        self.time += other.time

    def attributes(self) -> dict[str, str]:
        return {
            "tests": str(self.tests),
            "failures": str(self.failures),
            "errors": str(self.errors),
            "skipped": str(self.skipped),
            "time": f"{self.time:.3f}",
        }


def testsuite(
    report: ArticleReport,
    level: Severity | None,
    timestamp: str = "",
    properties: dict[str, str] | None = None,
) -> tuple[ET.Element, Tally]:
    """The ``<testsuite>`` for one article: a test case per finding, with its counts."""
    import xml.etree.ElementTree as ET

    path = xml_safe(report.path)
    suite = ET.Element("testsuite", {"name": path, "file": path})
    listed = ET.SubElement(suite, "properties")
    for name, value in {**(properties or {}), "statements": str(len(report.statements))}.items():
        ET.SubElement(listed, "property", {"name": name, "value": xml_safe(value)})
    tally = Tally(time=report.timings.get("total", 0.0))
    names: Counter[str] = Counter()

    def case(name: str, line: int | None = None) -> ET.Element:
        names[name] += 1
        unique = name if names[name] == 1 else f"{name} ({names[name]})"
        attributes = {"classname": path, "name": xml_safe(unique), "file": path}
        if line is not None:
            attributes["line"] = str(line)
        tally.tests += 1
        return ET.SubElement(suite, "testcase", attributes)

    for problem in report.problems:
        error = ET.SubElement(
            case(f"input at {problem.line}:{problem.column}", problem.line),
            "error",
            {"message": xml_safe(problem.message), "type": "input"},
        )
        error.text = xml_safe(problem.one_line())
        tally.errors += 1
    findings = [v for v in report.verdicts if v.status != Status.SUPPORTED]
    for verdict in findings:
        test = case(f"{verdict.rule} at {verdict.line or 1}:{verdict.column or 1}", verdict.line)
        text = xml_safe(_finding_line(report, verdict))
        if fails(verdict, level):
            message = xml_safe(f"{verdict.rule}: {verdict.message}")
            ET.SubElement(test, "failure", {"message": message, "type": verdict.rule}).text = text
            tally.failures += 1
        elif verdict.suppressed is not None:
            ET.SubElement(test, "skipped", {"message": xml_safe(f"suppressed: {verdict.suppressed}")})
            ET.SubElement(test, "system-out").text = text
            tally.skipped += 1
        else:
            ET.SubElement(test, "system-out").text = text
    if not findings and not report.problems:
        case("no findings")
    suite.attrib.update(tally.attributes())
    if timestamp:
        suite.set("timestamp", timestamp)
    return suite, tally


class JunitRenderer:
    name = "junit"
    description = "JUnit XML: a test suite per article, a test case per finding (failed at the fail level)."

    def render(self, stream: ReportStream, out: TextIO) -> None:
        import xml.etree.ElementTree as ET

        fail_on = stream.config.settings.check.fail_on
        level = fail_level(fail_on)
        properties = {"tool": f"{stream.tool.name} {stream.tool.version}", "fail_on": fail_on}
        suites: list[str] = []
        total = Tally()
        started = time.strftime("%Y-%m-%dT%H:%M:%S")
        for report in stream:
            suite, tally = testsuite(report, level, started, properties)
            suites.append(ET.tostring(suite, encoding="unicode"))
            total.add(tally)
        root = ET.Element("testsuites", {"name": stream.tool.name, **total.attributes()})
        root.text = " "
        head, _, tail = ET.tostring(root, encoding="unicode").rpartition("</testsuites>")
        out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
        out.write(head + "".join("\n  " + s for s in suites) + "\n</testsuites>" + tail + "\n")


@hookimpl(trylast=True)
def register_renderers(register: Callable[[Renderer], None]) -> None:
    register(JunitRenderer())
