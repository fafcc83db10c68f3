"""``--format sarif``: SARIF 2.1.0 for code-scanning dashboards (GitHub, GitLab, Azure DevOps).

Choices, and why:

* ``tool.driver.rules[]`` comes from the rule metadata (``stream.rules``), so ``factcheck rule
  CODE``, the docs and the dashboard say the same thing. A verdict whose code has no metadata
  (a third-party verifier without a rule file) still gets a minimal rule, appended in order of
  first appearance, so every ``ruleIndex`` is valid.
* Results are streamed as articles arrive and ``tool`` is written *after* ``results`` (JSON
  member order carries no meaning), so memory stays flat and late-discovered rules still land.
* Only findings become results: ``supported`` verdicts are not problems, and listing thousands of
  passes would bury the findings in every dashboard. Statuses map to SARIF ``kind``: refuted and
  error are ``fail``, needs_review is ``review``, unverified is ``open`` (the tool could not decide).
* Severity maps to ``level`` for ``fail`` results: error → ``error``, warning → ``warning``, info
  → ``note``. A result whose ``kind`` is not ``fail`` must have ``level: none`` (SARIF §3.27.10),
  so review and open results carry their severity in ``properties.severity`` instead, and the rule's
  ``defaultConfiguration`` still says how serious the rule is.
* Each rule's ``helpUri`` is its section of docs/rules.md (``[plugins.render_sarif] rules_url``
  overrides the base, e.g. for a newsroom's own mirror of the docs).
* Artifact URIs are relative to the repository root (the git work tree holding the current
  folder; the current folder outside one) with ``uriBaseId: %SRCROOT%``, declared in
  ``originalUriBaseIds``: the same URIs whichever folder factcheck ran in. An article read from
  stdin is named by ``--stdin-filename``; without it, its location says "standard input".
* Columns are Python ``str`` offsets, i.e. Unicode code points, so the run says
  ``columnKind: unicodeCodePoints`` rather than SARIF's UTF-16 default.
* ``partialFingerprints`` carries ``Verdict.fingerprint`` (rule + normalised statement text), which
  survives edits elsewhere in the article, so dashboards keep an alert's history across commits.
* Suppressed verdicts stay in the log with ``suppressions``: inline comments
  (``suppressed: "inline: <reason>"``) are ``inSource``, baselines and editors' decisions are
  ``external``; a baselined one is also ``baselineState: unchanged``.
* Input problems (unreadable file, bad front matter) are *not* results: they are not findings
  about the article under any rule, and a result without a rule breaks dashboards. They become
  ``invocations[0].toolExecutionNotifications`` at level ``error`` with the file's location, and
  make ``executionSuccessful`` false, which is what SARIF defines that list for.
"""

from __future__ import annotations

import bisect
import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, TextIO
from urllib.parse import quote

from factcheck.plugin import (
    ArticleReport,
    Renderer,
    ReportStream,
    RuleModel,
    Section,
    Severity,
    SourceEvidence,
    SpanEvidence,
    Statement,
    Status,
    Verdict,
    hookimpl,
    project_root,
)

from .common import repo_path, uri_of

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
FINGERPRINT_KEY = "factcheck/v1"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
KINDS = {
    Status.REFUTED: "fail",
    Status.ERROR: "fail",
    Status.NEEDS_REVIEW: "review",
    Status.UNVERIFIED: "open",
}
ROOT_ID = "%SRCROOT%"
#: docs/rules.md of the version that made the report; ``{version}`` is filled in.
RULES_URL = "https://github.com/newsroom-factcheck/factcheck/blob/v{version}/docs/rules.md"

#: A line break as every loader counts it: ``\r\n``, a lone ``\r`` or ``\n``.
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class SarifSettings(Section):
    """``[plugins.render_sarif]`` in the config file."""

    rules_url: str = RULES_URL  # each rule's helpUri is this plus "#code"; {version} is filled in


def suppression_kind(suppressed: str) -> str:
    """``inSource`` for an inline directive, ``external`` for a baseline or an editor's decision."""
    return "inSource" if suppressed.split(":", 1)[0].strip() == "inline" else "external"


class Locator:
    """Offsets → 1-based (line, column) for one article.

    With ``ArticleReport.source`` it is exact for any offset. Without it, an offset inside a
    statement is placed by counting from the statement's own line and column through its text
    (``source[start:end]`` of a statement is its text), which covers every verdict span.
    """

    def __init__(self, report: ArticleReport) -> None:
        self.source = report.source
        self._starts: list[int] | None = None
        if self.source is not None:
            self._starts = [0, *(m.end() for m in _LINE_BREAK.finditer(self.source))]
        self.statements = {s.id: s for s in report.statements}

    def position(self, offset: int, statement: Statement | None = None) -> tuple[int, int] | None:
        if self._starts is not None and self.source is not None and 0 <= offset <= len(self.source):
            index = bisect.bisect_right(self._starts, offset) - 1
            return index + 1, offset - self._starts[index] + 1
        if statement is None or not statement.start <= offset <= statement.end:
            return None
        before = statement.text[: offset - statement.start]
        lines = _LINE_BREAK.split(before)
        if len(lines) > 1:
            return statement.line + len(lines) - 1, len(lines[-1]) + 1
        return statement.line, statement.column + len(before)

    def span(self, verdict: Verdict) -> tuple[int, int] | None:
        """The offsets a verdict points at: its own narrower span, else its statement's."""
        if verdict.start is not None and verdict.end is not None:
            return verdict.start, verdict.end
        statement = self.statements.get(verdict.statement_id)
        return (statement.start, statement.end) if statement else None

    def region(self, verdict: Verdict) -> dict[str, int]:
        """A SARIF region (1-based lines, end column exclusive) for a verdict; never empty."""
        statement = self.statements.get(verdict.statement_id)
        span = self.span(verdict)
        region: dict[str, int] = {}
        if span is not None:
            start, end = span
            first = self.position(start, statement)
            last = self.position(end, statement)
            if first is not None:
                region.update(startLine=first[0], startColumn=first[1])
            if first is not None and last is not None:
                region.update(endLine=last[0], endColumn=last[1])
            region.update(charOffset=start, charLength=end - start)
        elif verdict.line is not None:
            region.update(startLine=verdict.line, startColumn=verdict.column or 1)
        else:
            region["startLine"] = 1
        return region


def artifact_uri(path: str) -> str:
    """A path as a URI reference: relative paths stay relative, absolute ones become ``file://``."""
    posix = path.replace(os.sep, "/")
    if os.path.isabs(path):
        return "file://" + quote(posix if posix.startswith("/") else "/" + posix)
    return quote(posix)


def artifact_location(path: str, root: Path) -> dict[str, Any]:
    """An ``artifactLocation`` relative to ``%SRCROOT%`` (absolute ``file://`` when outside it)."""
    relative = repo_path(path, root)
    if relative is None:
        return {"description": {"text": "standard input (name it with --stdin-filename)"}}
    if relative.startswith("/"):
        return {"uri": uri_of(relative)}
    return {"uri": uri_of(relative), "uriBaseId": ROOT_ID}


def rule_descriptor(rule: RuleModel, rules_url: str = "") -> dict[str, Any]:
    examples = rule.examples
    help_md = rule.description.strip()
    if examples.bad or examples.good:
        lines = [help_md, ""]
        lines += [f"- Flagged: {text}" for text in examples.bad]
        lines += [f"- Fine: {text}" for text in examples.good]
        help_md = "\n".join(lines)
    descriptor: dict[str, Any] = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.name.replace("-", " ").capitalize()},
        "fullDescription": {"text": rule.description.strip()},
        "messageStrings": {"default": {"text": rule.message}},
        "help": {"text": rule.description.strip(), "markdown": help_md},
        "defaultConfiguration": {"level": LEVELS[rule.level]},
        "properties": {"tags": [rule.prefix, rule.extends], "status": rule.status.value},
    }
    if rule.link:
        descriptor["helpUri"] = rule.link
    elif rules_url:
        descriptor["helpUri"] = f"{rules_url}#{rule.code.lower()}"
    return descriptor


class _Rules:
    """Rule descriptors with stable indices: known rules first (sorted), unknown ones appended."""

    def __init__(self, stream: ReportStream, rules_url: str = "") -> None:
        self.descriptors = [rule_descriptor(rule, rules_url) for rule in stream.rules]
        self.index = {d["id"]: i for i, d in enumerate(self.descriptors)}

    def index_of(self, code: str) -> int:
        if code not in self.index:
            self.index[code] = len(self.descriptors)
            self.descriptors.append({"id": code, "shortDescription": {"text": code}})
        return self.index[code]


def _related(
    evidence: SpanEvidence, where: dict[str, Any], locator: Locator, number: int, statement: Statement | None
) -> dict[str, Any]:
    region: dict[str, int] = {"charOffset": evidence.start, "charLength": evidence.end - evidence.start}
    first = locator.position(evidence.start, statement)
    if first is not None:
        region.update(startLine=first[0], startColumn=first[1])
    return {
        "id": number,
        "physicalLocation": {"artifactLocation": where, "region": region},
        "message": {"text": evidence.note or evidence.text},
    }


def result_for(
    verdict: Verdict, report: ArticleReport, locator: Locator, rules: _Rules, root: Path | None = None
) -> dict[str, Any]:
    where = artifact_location(report.path, root or project_root())
    kind = KINDS.get(verdict.status, "fail")
    result: dict[str, Any] = {
        "ruleId": verdict.rule,
        "ruleIndex": rules.index_of(verdict.rule),
        "kind": kind,
        "level": LEVELS[verdict.severity] if kind == "fail" else "none",
        "message": {"text": verdict.message},
        "locations": [{"physicalLocation": {"artifactLocation": where, "region": locator.region(verdict)}}],
        "properties": {
            "severity": verdict.severity.value,
            "status": verdict.status.value,
            "verifier": verdict.verifier,
            "confidence": verdict.confidence,
            "statementId": verdict.statement_id,
        },
    }
    if verdict.fingerprint:
        result["partialFingerprints"] = {FINGERPRINT_KEY: verdict.fingerprint}
    related: list[dict[str, Any]] = []
    for evidence in verdict.evidence:
        if isinstance(evidence, SpanEvidence):
            statement = locator.statements.get(verdict.statement_id)
            related.append(_related(evidence, where, locator, len(related) + 1, statement))
    if related:
        result["relatedLocations"] = related
    notes = [e.text for e in verdict.evidence if e.kind == "note"]
    sources = [
        {k: v for k, v in (("provider", e.provider), ("url", e.url), ("title", e.title)) if v}
        for e in verdict.evidence
        if isinstance(e, SourceEvidence)
    ]
    if notes:
        result["properties"]["notes"] = notes
    if sources:
        result["properties"]["sources"] = sources
    if verdict.suppressed:
        result["suppressions"] = [
            {
                "kind": suppression_kind(verdict.suppressed),
                "status": "accepted",
                "justification": verdict.suppressed,
            }
        ]
        if verdict.suppressed == "baseline":
            result["baselineState"] = "unchanged"
    return result


def notification_for(report: ArticleReport, root: Path | None = None) -> list[dict[str, Any]]:
    return [
        {
            "level": "error",
            "message": {"text": problem.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": artifact_location(problem.path, root or project_root()),
                        "region": {"startLine": max(problem.line, 1), "startColumn": max(problem.column, 1)},
                    }
                }
            ],
        }
        for problem in report.problems
    ]


class SarifRenderer:
    name = "sarif"
    description = "SARIF 2.1.0 for code-scanning dashboards (GitHub, GitLab)."

    def render(self, stream: ReportStream, out: TextIO) -> None:
        settings = stream.config.plugin_settings("render_sarif", SarifSettings)
        rules = _Rules(stream, settings.rules_url.replace("{version}", stream.tool.version.split("+")[0]))
        root = project_root()
        notifications: list[dict[str, Any]] = []
        out.write('{\n  "$schema": ' + json.dumps(SARIF_SCHEMA) + ',\n  "version": "2.1.0",\n')
        out.write('  "runs": [\n    {\n      "columnKind": "unicodeCodePoints",\n      "results": [')
        written = 0
        for report in stream:
            notifications.extend(notification_for(report, root))
            locator = Locator(report)
            for verdict in report.verdicts:
                if verdict.status == Status.SUPPORTED:
                    continue
                result = result_for(verdict, report, locator, rules, root)
                out.write(",\n        " if written else "\n        ")
                out.write(json.dumps(result, ensure_ascii=False))
                written += 1
        out.write("\n      ],\n" if written else "],\n")
        summary = stream.summary
        invocation: dict[str, Any] = {
            "executionSuccessful": not notifications,
            "exitCode": summary.exit_code,
            "properties": {"summary": summary.model_dump(mode="json")},
        }
        if notifications:
            invocation["toolExecutionNotifications"] = notifications
        driver: dict[str, Any] = {
            "name": stream.tool.name,
            "version": stream.tool.version,
            "semanticVersion": stream.tool.version,
            "rules": rules.descriptors,
        }
        plugins = sorted(stream.tool.plugins.items())
        extensions = [{"name": name, "version": version} for name, version in plugins]
        tool: dict[str, Any] = {"driver": driver}
        if extensions:
            tool["extensions"] = extensions
        out.write('      "invocations": [' + json.dumps(invocation, ensure_ascii=False) + "],\n")
        base = {ROOT_ID: {"uri": root.as_uri() + "/", "description": {"text": "the repository root"}}}
        out.write('      "originalUriBaseIds": ' + json.dumps(base, ensure_ascii=False) + ",\n")
        out.write('      "tool": ' + json.dumps(tool, ensure_ascii=False) + "\n    }\n  ]\n}\n")


@hookimpl(trylast=True)
def register_renderers(register: Callable[[Renderer], None]) -> None:
    register(SarifRenderer())
