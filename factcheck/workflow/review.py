"""Review decisions: an editor accepts or dismisses a finding, and the decision persists.

Decisions live in a sidecar file next to the article, ``story.md.factcheck-review.yaml``:
human-readable, diffable, committed alongside the story, written atomically. Each decision is
keyed by the finding's fingerprint (rule + the statement's normalised text), so it carries over
across re-runs while the statement is unchanged and reopens by itself when the statement is
edited. ``dismiss`` means the finding is wrong; ``accept`` means it is right but the editor signs
off on publishing as is. Either way the finding stays in the report, marked with who decided
what and why, and no longer fails the run.

The rules (what a decision records, which verdicts it marks, when it reopens) are
``DecisionBook``, independent of storage; ``Decisions`` is the YAML sidecar store, and
``factcheck serve`` keeps the same entries in its database (``factcheck.service.store``).

Several editors may decide on one article at once: ``Decisions.save`` re-reads the sidecar
under its lock and writes this run's decisions over what it finds there, so none is lost.

The sidecar is hand-editable, so it is validated on load (YAML aliases and nesting bounded as in
front matter): a wrong type, a missing key or a
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
from factcheck.formats.frontmatter import MAX_YAML_NODES, YamlBombError, load_yaml
from factcheck.model.report import ArticleReport, ReviewDecision, Status, Verdict
from factcheck.workflow.atomic import locked, write_text_atomic

if TYPE_CHECKING:
    import yaml

SUFFIX = ".factcheck-review.yaml"
_LINE_RULE = re.compile(r"^(?P<line>\d+):(?P<rule>[A-Z]{1,3}[0-9]{3})$")


def sidecar_path(article_path: str) -> Path:
    return Path(article_path + SUFFIX)


Text = Annotated[str, Field(min_length=1)]


class DecisionEntry(BaseModel):
    """One decision as stored; ``statement`` and ``message`` are for the human reader."""

    model_config = ConfigDict(extra="forbid", defer_build=True)
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
    model_config = ConfigDict(extra="forbid", defer_build=True)
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


class DecisionBook:
    """The decisions recorded for one article, by fingerprint: the storage-independent core.

    ``factcheck review`` keeps them in a YAML sidecar (:class:`Decisions`); ``factcheck serve``
    keeps them in its database, with every decision ever made as the audit trail, and fills a
    book with the latest one per fingerprint. Either way, the same rules decide what a decision
    records, which verdicts it marks, and when it has reopened.
    """

    def __init__(self, entries: dict[str, dict[str, Any]] | None = None) -> None:
        self.entries = entries or {}

    def decision(self, fingerprint: str | None) -> ReviewDecision | None:
        item = self.entries.get(fingerprint or "")
        if item is None:
            return None
        return ReviewDecision(decision=item["decision"], by=item["by"], at=item["at"], reason=item["reason"])

    @staticmethod
    def entry(
        verdict: Verdict,
        statement: str,
        decision: Literal["accept", "dismiss"],
        reason: str,
        by: str,
        at: dt.datetime | None = None,
    ) -> dict[str, Any]:
        """What one decision records: the finding it is about, who, when, why."""
        if verdict.fingerprint is None:
            raise UsageError("this finding has no fingerprint and cannot be reviewed")
        return {
            "fingerprint": verdict.fingerprint,
            "rule": verdict.rule,
            "line": verdict.line,
            "decision": decision,
            "by": by,
            "at": at or dt.datetime.now(dt.UTC).replace(microsecond=0),
            "reason": reason,
            "statement": " ".join(statement.split()),
            "message": verdict.message,
        }

    def record(
        self, verdict: Verdict, statement: str, decision: Literal["accept", "dismiss"], reason: str, by: str
    ) -> dict[str, Any]:
        entry = self.entry(verdict, statement, decision, reason, by)
        self.entries[entry["fingerprint"]] = entry
        return entry

    def apply(self, verdicts: list[Verdict]) -> list[Verdict]:
        """Mark each verdict an editor decided on (passes are never marked): it stays in the
        report, with the decision, and no longer counts."""
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


class Decisions(DecisionBook):
    """The decisions of one article file, kept in its YAML sidecar (``factcheck review``)."""

    def __init__(self, path: Path, entries: dict[str, dict[str, Any]] | None = None) -> None:
        super().__init__(entries)
        self.path = path
        self._recorded: dict[str, dict[str, Any]] = {}  # this run's decisions, kept on save

    @classmethod
    def for_article(cls, article_path: str) -> Decisions:
        path = sidecar_path(article_path)
        if article_path == "-":
            return cls(path)
        return cls(path, cls._read(path))

    @staticmethod
    def _read(path: Path) -> dict[str, dict[str, Any]]:
        if not path.is_file():
            return {}
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise ArticleError(f"cannot read review file: {exc}", str(path)) from None
        import yaml  # only when a review file exists: most articles have none

        try:
            data = load_yaml(text, MAX_YAML_NODES)
        except YamlBombError as exc:
            raise ArticleError(f"review file {exc}", str(path), exc.line, exc.column) from None
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            line = mark.line + 1 if mark is not None else 1
            problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
            raise ArticleError(f"review file is not valid YAML: {problem}", str(path), line) from None
        except RecursionError:
            raise ArticleError("review file is nested too deeply", str(path)) from None
        if data is None:
            return {}
        if not isinstance(data, dict):
            raise ArticleError("review file must be a mapping with a 'decisions' list", str(path))
        try:
            parsed = ReviewFile.model_validate(data)
        except ValidationError as exc:
            raise _invalid(exc, text, path) from None
        return {e.fingerprint: e.model_dump() for e in parsed.decisions}

    def record(
        self, verdict: Verdict, statement: str, decision: Literal["accept", "dismiss"], reason: str, by: str
    ) -> dict[str, Any]:
        entry = super().record(verdict, statement, decision, reason, by)
        self._recorded[entry["fingerprint"]] = entry
        return entry

    def save(self) -> None:
        """Write the sidecar: under its lock, the file as it is now plus this run's decisions."""
        import yaml

        with locked(self.path):
            self.entries = {**self._read(self.path), **self._recorded}
            header = f"# factcheck review decisions for {Path(str(self.path)[: -len(SUFFIX)]).name}\n"
            header += "# Written by `factcheck review`; each entry is keyed by the finding's fingerprint.\n"
            entries = sorted(self.entries.values(), key=lambda e: (e.get("line") or 0, e["rule"]))
            write_text_atomic(
                self.path,
                header
                + yaml.safe_dump({"decisions": entries}, sort_keys=False, allow_unicode=True, width=100),
            )


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
