"""``--format codeclimate``: Code Climate JSON, what GitLab's code-quality widget reads.

An array of issues, one per live finding (unsuppressed and not ``supported``: Code Climate has no
notion of a silenced issue, so a suppressed one is simply left out). Each has GitLab's required
keys: ``description``, ``check_name`` (the rule code), ``fingerprint``, ``severity`` and
``location.path`` with ``location.lines.begin``; also ``type: issue``, ``categories`` and the
exact ``positions``. Paths are relative to the repository root, as GitLab matches them against
the merge request's diff, whichever folder factcheck ran in.

Severity maps error → ``major``, warning → ``minor``, info → ``info``. The fingerprint is the
finding's own (rule + normalised statement text, stable across edits elsewhere) with the path, so
GitLab can tell new findings from old ones between the target branch and the merge request; a
repeat within one file gets a counter, since GitLab needs them unique.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable
from typing import Any, TextIO

from factcheck.plugin import (
    ArticleReport,
    Renderer,
    ReportStream,
    Severity,
    Status,
    Verdict,
    hookimpl,
    project_root,
)

from .common import repo_path
from .sarif import Locator

SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def issue(
    verdict: Verdict,
    report: ArticleReport,
    path: str,
    locator: Locator,
    seen: Counter[str],
    rules: dict[str, str],
) -> dict[str, Any]:
    region = locator.region(verdict)
    begin = {
        "line": region.get("startLine", verdict.line or 1),
        "column": region.get("startColumn", verdict.column or 1),
    }
    end = {"line": region.get("endLine", begin["line"]), "column": region.get("endColumn", begin["column"])}
    base = f"{path}\0{verdict.rule}\0{verdict.fingerprint or verdict.message}"
    seen[base] += 1
    fingerprint = hashlib.md5(f"{base}\0{seen[base]}".encode(), usedforsecurity=False).hexdigest()
    name = rules.get(verdict.rule)
    return {
        "type": "issue",
        "check_name": verdict.rule,
        "description": f"{verdict.rule}{' ' + name if name else ''}: {verdict.message}",
        "categories": ["Bug Risk" if verdict.status == Status.REFUTED else "Clarity"],
        "severity": SEVERITIES[verdict.severity],
        "fingerprint": fingerprint,
        "location": {
            "path": path,
            "lines": {"begin": begin["line"], "end": end["line"]},
            "positions": {"begin": begin, "end": end},
        },
    }


class CodeClimateRenderer:
    name = "codeclimate"
    description = "Code Climate JSON for GitLab's code-quality widget (live findings, repo-relative paths)."

    def render(self, stream: ReportStream, out: TextIO) -> None:
        root = project_root()
        rules = {rule.code: rule.name for rule in stream.rules}
        out.write("[")
        written = 0
        for report in stream:
            path = repo_path(report.path, root) or "-"
            locator = Locator(report)
            seen: Counter[str] = Counter()
            for verdict in report.verdicts:
                if verdict.suppressed is not None or verdict.status == Status.SUPPORTED:
                    continue
                out.write(",\n  " if written else "\n  ")
                out.write(json.dumps(issue(verdict, report, path, locator, seen, rules), ensure_ascii=False))
                written += 1
        out.write("\n]\n" if written else "]\n")


@hookimpl(trylast=True)
def register_renderers(register: Callable[[Renderer], None]) -> None:
    register(CodeClimateRenderer())
