"""What several renderers share: report paths relative to the repository, the counts every
format prints (one definition, one set of labels), and the attribution table's wording.

The counts, as every format labels them (docs/workflow.md, "What the numbers count"):

* **statements**: the checkable statements found (``summary.statements``);
* **findings**: verdicts that are *not* ``supported`` and not suppressed: what an editor must
  look at (``summary.verdicts`` without ``supported``), by severity and by status;
* **supported**: verdicts where a verifier vouched for the content (``summary.verdicts.supported``);
* **suppressed**: findings silenced inline, by a baseline or by an editor's decision;
* **failing**: findings at or above ``--fail-on`` (``summary.failing``), what the exit code gates on.

A statement's *combined status* (``outcomes``) is a different thing, and is only ever labelled
"statements by combined status".
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from factcheck.plugin import ArticleReport, Attribution, Severity, Status, Verdict

STDIN = "-"
SEVERITY_ORDER = (Severity.ERROR, Severity.WARNING, Severity.INFO)
FINDING_STATUSES = (Status.REFUTED, Status.ERROR, Status.NEEDS_REVIEW, Status.UNVERIFIED)


def is_finding(verdict: Verdict) -> bool:
    """A verdict an editor must look at: anything but ``supported``, suppressed or not."""
    return verdict.status != Status.SUPPORTED


@dataclass
class Counts:
    """The numbers every format prints, for one article or a whole run."""

    articles: int = 0
    statements: int = 0
    findings: int = 0
    supported: int = 0
    suppressed: int = 0
    failing: int = 0
    by_severity: Counter[str] = field(default_factory=Counter)
    by_status: Counter[str] = field(default_factory=Counter)

    def add(self, report: ArticleReport) -> None:
        self.articles += 1
        self.statements += len(report.statements)
        self.failing += report.outcome.failing
        for verdict in report.verdicts:
            if not is_finding(verdict):
                self.supported += verdict.suppressed is None
            elif verdict.suppressed is not None:
                self.suppressed += 1
            else:
                self.findings += 1
                self.by_severity[verdict.severity.value] += 1
                self.by_status[verdict.status.value] += 1

    @classmethod
    def of(cls, reports: Iterable[ArticleReport]) -> Counts:
        counts = cls()
        for report in reports:
            counts.add(report)
        return counts

    def severities(self) -> str:
        """``2 error, 1 warning`` (only the severities present), or empty."""
        return ", ".join(
            f"{self.by_severity[s.value]} {s.value}" for s in SEVERITY_ORDER if self.by_severity[s.value]
        )

    def line(self, fail_on: str, articles: bool = True) -> str:
        """The one-line summary every human format prints, each number labelled."""
        parts = [f"{self.articles} article{'s' if self.articles != 1 else ''}"] if articles else []
        parts.append(f"{self.statements} statement{'s' if self.statements != 1 else ''}")
        severities = self.severities()
        parts.append(
            f"{self.findings} finding{'s' if self.findings != 1 else ''}"
            + (f" ({severities})" if severities else "")
        )
        parts.append(f"{self.supported} supported")
        if self.suppressed:
            parts.append(f"{self.suppressed} suppressed")
        parts.append("no fail level" if fail_on == "never" else f"{self.failing} failing at '{fail_on}'")
        return " · ".join(parts)


# --- paths --------------------------------------------------------------------------------------


def repo_path(path: str, root: Path) -> str | None:
    """``path`` (as the run was given it) relative to the repository root, with ``/``; an
    absolute path when it lies outside; ``None`` for stdin. The same whatever folder factcheck
    ran in, so a dashboard matches a finding to the same file on every run."""
    if path == STDIN:
        return None
    absolute = Path(os.path.normpath(Path.cwd() / path))
    try:
        return absolute.relative_to(root).as_posix()
    except ValueError:
        return absolute.as_posix()


def uri_of(relative: str) -> str:
    """A relative POSIX path (or an absolute one) as a URI reference, percent-encoded."""
    if relative.startswith("/"):
        return "file://" + quote(relative)
    return quote(relative)


# --- attributions -------------------------------------------------------------------------------

STATED = "stated"
INFERRED = "inferred"
HOW_INFERRED = {
    "name": "named in the sentence",
    "pronoun": "from a pronoun",
    "adjacent": "from a neighbouring sentence",
    "previous_quote": "from the quote before",
    "none": "no speaker found",
}


def speaker_basis(attribution: Attribution) -> str:
    """``stated`` when the sentence names the speaker, else ``inferred`` (a guess to check)."""
    return STATED if attribution.resolved_by == "name" and attribution.speaker else INFERRED


def attribution_quote(attribution: Attribution, report: ArticleReport) -> str:
    """The attributed words, from the source (or the statement holding them)."""
    if report.source is not None:
        return report.source[attribution.start : attribution.end]
    for statement in report.statements:
        if statement.start <= attribution.start and attribution.end <= statement.end:
            return statement.text[attribution.start - statement.start : attribution.end - statement.start]
    return ""


def attribution_line(attribution: Attribution, report: ArticleReport) -> int | None:
    holder = next(
        (s for s in report.statements if s.start <= attribution.start < max(s.end, s.start + 1)), None
    )
    return holder.line if holder else None


#: C0 and C1 controls, DEL, and the bidirectional overrides and isolates ("Trojan Source").
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def _escape(found: re.Match[str]) -> str:
    code = ord(found.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_controls(text: str) -> str:
    """``text`` with every control character written as an escape (``\\x1b``), so what it says
    reaches a terminal as text and never as a command; also for one-line messages on stderr."""
    return _CONTROLS.sub(_escape, text)
