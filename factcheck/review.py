"""Review decisions: an editor accepts or dismisses a finding, and the decision persists.

Decisions live in a sidecar file next to the article, ``story.md.factcheck-review.yaml``:
human-readable, diffable, committed alongside the story, written atomically. Each decision is
keyed by the finding's fingerprint (rule + the statement's normalised text), so it carries over
across re-runs while the statement is unchanged and reopens by itself when the statement is
edited. ``dismiss`` means the finding is wrong; ``accept`` means it is right but the editor signs
off on publishing as is. Either way the finding stays in the report, marked with who decided
what and why, and no longer fails the run.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any, Literal

import yaml

from factcheck.atomic import write_text_atomic
from factcheck.errors import ArticleError, UsageError
from factcheck.report import ArticleReport, ReviewDecision, Status, Verdict

SUFFIX = ".factcheck-review.yaml"
_LINE_RULE = re.compile(r"^(?P<line>\d+):(?P<rule>[A-Z]{1,3}[0-9]{3})$")


def sidecar_path(article_path: str) -> Path:
    return Path(article_path + SUFFIX)


class Decisions:
    """The decisions recorded for one article, by fingerprint."""

    def __init__(self, path: Path, entries: dict[str, dict[str, Any]] | None = None) -> None:
        self.path = path
        self.entries = entries or {}

    @classmethod
    def for_article(cls, article_path: str) -> Decisions:
        path = sidecar_path(article_path)
        if article_path == "-" or not path.is_file():
            return cls(path)
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError) as exc:
            line = getattr(getattr(exc, "problem_mark", None), "line", 0) + 1
            raise ArticleError(
                f"review file is not valid YAML: {exc}".splitlines()[0], str(path), line
            ) from None
        entries = {}
        for item in data.get("decisions", []) if isinstance(data, dict) else []:
            if isinstance(item, dict) and isinstance(item.get("fingerprint"), str):
                entries[item["fingerprint"]] = item
        return cls(path, entries)

    def decision(self, fingerprint: str | None) -> ReviewDecision | None:
        item = self.entries.get(fingerprint or "")
        if item is None:
            return None
        return ReviewDecision(decision=item["decision"], by=item["by"], at=item["at"], reason=item["reason"])

    def record(
        self, verdict: Verdict, statement: str, decision: Literal["accept", "dismiss"], reason: str, by: str
    ) -> None:
        if verdict.fingerprint is None:
            raise UsageError("this finding has no fingerprint and cannot be reviewed")
        self.entries[verdict.fingerprint] = {
            "fingerprint": verdict.fingerprint,
            "rule": verdict.rule,
            "line": verdict.line,
            "decision": decision,
            "by": by,
            "at": dt.datetime.now(dt.UTC).replace(microsecond=0),
            "reason": reason,
            "statement": " ".join(statement.split()),
            "message": verdict.message,
        }

    def save(self) -> None:
        header = f"# factcheck review decisions for {Path(str(self.path)[: -len(SUFFIX)]).name}\n"
        header += "# Written by `factcheck review`; each entry is keyed by the finding's fingerprint.\n"
        body = {"decisions": sorted(self.entries.values(), key=lambda e: (e.get("line") or 0, e["rule"]))}
        write_text_atomic(
            self.path, header + yaml.safe_dump(body, sort_keys=False, allow_unicode=True, width=100)
        )

    def apply(self, verdicts: list[Verdict]) -> list[Verdict]:
        if not self.entries:
            return verdicts
        marked = []
        for verdict in verdicts:
            found = self.decision(verdict.fingerprint)
            if found is not None and verdict.status != Status.SUPPORTED:
                label = "dismissed" if found.decision == "dismiss" else "accepted"
                verdict = verdict.model_copy(
                    update={"suppressed": verdict.suppressed or f"{label} by {found.by}", "decision": found}
                )
            marked.append(verdict)
        return marked

    def stale(self, report: ArticleReport) -> list[dict[str, Any]]:
        """Decisions whose finding no longer occurs: the statement changed, so they reopened."""
        live = {v.fingerprint for v in report.verdicts}
        return [e for e in self.entries.values() if e["fingerprint"] not in live]


def select_findings(report: ArticleReport, finding: str) -> list[Verdict]:
    """Findings named as ``LINE:RULE`` or by fingerprint (a unique prefix of 6+ characters)."""
    candidates = [v for v in report.verdicts if v.status != Status.SUPPORTED]
    by_position = _LINE_RULE.match(finding)
    if by_position:
        line, rule = int(by_position.group("line")), by_position.group("rule")
        chosen = [v for v in candidates if v.line == line and v.rule == rule]
    elif len(finding) >= 6:
        chosen = [v for v in candidates if (v.fingerprint or "").startswith(finding.lower())]
    else:
        raise UsageError(f"name a finding as LINE:RULE (14:SRC002) or by fingerprint, not {finding!r}")
    if not chosen:
        raise UsageError(f"no finding {finding!r} in {report.path}; `factcheck check` lists them")
    return chosen
