"""Review decisions: an editor accepts or dismisses a finding, and the decision persists.

Decisions live in a sidecar file next to the article, ``story.md.factcheck-review.yaml``:
human-readable, diffable, committed alongside the story, written atomically. Each decision is
keyed by the finding's fingerprint (rule + the statement's normalised text), so it carries over
across re-runs while the statement is unchanged and reopens by itself when the statement is
edited. ``dismiss`` means the finding is wrong; ``accept`` means it is right but the editor signs
off on publishing as is. Either way the finding stays in the report, marked with who decided
what and why, and no longer fails the run.

The sidecar is hand-editable, so it is validated on load: a wrong type, a missing key or a
decision other than accept/dismiss is a one-line ``ArticleError`` naming the sidecar and the
line of the offending entry. The engine reports it as the article's problem but still checks
the article, so a bad review file never hides findings.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from factcheck.errors import ArticleError, UsageError
from factcheck.model.report import ArticleReport, ReviewDecision, Status, Verdict
from factcheck.workflow.atomic import write_text_atomic

if TYPE_CHECKING:
    import yaml

SUFFIX = ".factcheck-review.yaml"
_LINE_RULE = re.compile(r"^(?P<line>\d+):(?P<rule>[A-Z]{1,3}[0-9]{3})$")


def sidecar_path(article_path: str) -> Path:
    return Path(article_path + SUFFIX)


Text = Annotated[str, Field(min_length=1)]


class DecisionEntry(BaseModel):
    """One decision as stored; ``statement`` and ``message`` are for the human reader."""

    model_config = ConfigDict(extra="forbid")
    fingerprint: Text
    rule: Text
    line: int | None = None
    decision: Literal["accept", "dismiss"]
    by: Text
    at: dt.datetime
    reason: Text
    statement: str = ""
    message: str = ""


class ReviewFile(BaseModel):
    model_config = ConfigDict(extra="forbid")
    decisions: list[DecisionEntry] = Field(default_factory=list)


def _node_line(node: yaml.Node | None, loc: Sequence[str | int]) -> int:
    """The 1-based line of the YAML node at ``loc`` (the deepest one that exists)."""
    import yaml  # only when a review file is read: most runs have none

    if node is None:
        return 1
    for key in loc:
        child: yaml.Node | None = None
        if isinstance(node, yaml.MappingNode):
            child = next((v for k, v in node.value if getattr(k, "value", None) == key), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            child = node.value[key]
        if child is None:
            break
        node = child
    return int(node.start_mark.line) + 1


def _invalid(exc: ValidationError, text: str, path: Path) -> ArticleError:
    # A misspelt key shows as both "unknown" and "missing"; the unknown one names the typo.
    first = min(exc.errors(), key=lambda e: e["type"] != "extra_forbidden")
    loc = first["loc"]
    where = ".".join(str(p) for p in loc) or "(top level)"
    if first["type"] == "extra_forbidden":
        message = f"review file: unknown key {where!r}"
    elif first["type"] == "missing":
        message = f"review file: {where!r} is missing"
    else:
        message = f"review file: bad value for {where!r}: {first['msg']}"
    import yaml

    try:
        root = yaml.compose(text)
    except yaml.YAMLError:
        root = None
    return ArticleError(message, str(path), _node_line(root, loc))


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
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ArticleError(f"cannot read review file: {exc}", str(path)) from None
        import yaml  # only when a review file exists: most articles have none

        try:
            data = yaml.safe_load(text)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + 1 if mark is not None else 1
            problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            raise ArticleError(f"review file is not valid YAML: {problem}", str(path), line) from None
        if data is None:
            return cls(path)
        if not isinstance(data, dict):
            raise ArticleError("review file must be a mapping with a 'decisions' list", str(path))
        try:
            parsed = ReviewFile.model_validate(data)
        except ValidationError as exc:
            raise _invalid(exc, text, path) from None
        entries = {e.fingerprint: e.model_dump() for e in parsed.decisions}
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
        import yaml

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
