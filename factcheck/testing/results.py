"""What a tester's run produced, and the assertions on it: ``RunResult`` (reports, verdicts,
findings by code, exit code, rendered output, hook calls) and the checks behind
``FactcheckTester.assert_rule_examples``, which list every example that misbehaved.

Kept apart from ``runner`` (building engines and running them) so the assertions a plugin's
tests read are in one short module.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from factcheck.engine.engine import Engine
from factcheck.model.report import ArticleReport, Status, Summary, Verdict
from factcheck.testing.hooks import HookRecorder


@dataclass(frozen=True)
class RuleExampleFailure:
    """One example that did not behave as the test said it would."""

    kind: str  # "valid" or "invalid"
    text: str
    problem: str

    def __str__(self) -> str:
        return f"[{self.kind}] {self.text!r}: {self.problem}"


@dataclass
class RunResult:
    """What one run produced: reports, verdicts, exit code, rendered output and hook calls.

    *Verdicts* are every unsuppressed verdict; *findings* are the verdicts that are not
    ``supported`` (what an editor has to look at, and what ``assert_findings`` counts).
    """

    reports: list[ArticleReport]
    summary: Summary
    output: str
    format: str
    hooks: HookRecorder
    engine: Engine = field(repr=False)

    @property
    def report(self) -> ArticleReport:
        """The report of the only article checked (an error if there were several)."""
        if len(self.reports) != 1:
            raise AssertionError(f"run checked {len(self.reports)} articles; use .reports")
        return self.reports[0]

    @property
    def exit_code(self) -> int:
        return self.summary.exit_code

    @property
    def verdicts(self) -> list[Verdict]:
        return [v for r in self.reports for v in r.verdicts if v.suppressed is None]

    @property
    def findings(self) -> list[Verdict]:
        return [v for v in self.verdicts if v.status != Status.SUPPORTED]

    @property
    def findings_by_code(self) -> dict[str, list[Verdict]]:
        grouped: dict[str, list[Verdict]] = {}
        for verdict in self.findings:
            grouped.setdefault(verdict.rule, []).append(verdict)
        return dict(sorted(grouped.items()))

    @property
    def codes(self) -> Counter[str]:
        """How many findings each rule code produced."""
        return Counter(v.rule for v in self.findings)

    def json(self) -> Any:
        """The output parsed as JSON (run with ``format="json"``)."""
        return json.loads(self.output)

    def describe(self) -> str:
        """Findings one per line, ``line:col CODE message``, for assertion messages."""
        lines = [f"  {v.line}:{v.column} {v.rule} {v.status.value}: {v.message}" for v in self.findings]
        problems = [f"  {p.one_line()}" for r in self.reports for p in r.problems]
        return "\n".join([*problems, *lines]) or "  (no findings)"

    def assert_findings(self, exact: bool = True, **expected: int) -> None:
        """Assert how many findings each code produced: ``result.assert_findings(NUM001=2)``.

        With ``exact`` (the default) any code not named must have produced none, so a test also
        catches findings it did not expect; ``exact=False`` checks only the named codes.
        """
        actual = self.codes
        wrong = {code: actual.get(code, 0) for code, want in expected.items() if actual.get(code, 0) != want}
        if exact:
            wrong.update({code: count for code, count in actual.items() if code not in expected})
        if wrong:
            got = ", ".join(f"{code}={count}" for code, count in sorted(wrong.items()))
            want = ", ".join(f"{code}={expected.get(code, 0)}" for code in sorted(wrong))
            raise AssertionError(f"findings differ: got {got}, expected {want}\n{self.describe()}")


def _counted(report: ArticleReport, code: str | None) -> list[Verdict]:
    found = [v for v in report.verdicts if v.suppressed is None and v.status != Status.SUPPORTED]
    if code is None:
        return found
    return [v for v in found if v.rule == code or v.rule.startswith("FC")]


def check_valid(
    reports: Sequence[ArticleReport], texts: Sequence[str], code: str | None
) -> list[RuleExampleFailure]:
    failures = []
    for report, text in zip(reports, texts, strict=True):
        found = _counted(report, code)
        if report.problems:
            failures.append(RuleExampleFailure("valid", text, report.problems[0].message))
        elif found:
            shown = "; ".join(f"{v.rule}: {v.message}" for v in found)
            failures.append(RuleExampleFailure("valid", text, f"expected no finding, got {shown}"))
    return failures


def check_invalid(
    reports: Sequence[ArticleReport], cases: Sequence[dict[str, Any]], code: str | None
) -> list[RuleExampleFailure]:
    failures = []
    for report, case in zip(reports, cases, strict=True):
        text = str(case["text"])
        found = [v for v in _counted(report, code) if code is None or v.rule == code]
        counts = Counter(v.rule for v in _counted(report, None))
        problem = report.problems[0].message if report.problems else None
        if problem is None and not found:
            others = f" (other codes: {dict(counts)})" if counts else ""
            problem = f"expected a {code or 'finding'}, got none{others}"
        if problem is None and "findings" in case:
            expected = dict(case["findings"])
            if {k: counts.get(k, 0) for k in expected} != expected:
                problem = f"expected findings {expected}, got {dict(counts)}"
        if problem is None and "message" in case and str(case["message"]) not in found[0].message:
            problem = f"message {found[0].message!r} does not contain {case['message']!r}"
        for key in ("line", "column"):
            if problem is None and key in case and getattr(found[0], key) != case[key]:
                problem = f"first finding at {key} {getattr(found[0], key)}, expected {case[key]}"
        if problem is not None:
            failures.append(RuleExampleFailure("invalid", text, problem))
    return failures
