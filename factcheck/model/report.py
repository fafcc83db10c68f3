"""The verdict side of the data model: findings, evidence, combined outcomes and the report.

The JSON report (``factcheck check --format json``) is ``Report.model_dump(mode="json")``; its
JSON Schema (``factcheck schema``) is generated from these classes, so the contract and the code
cannot drift. Field names here are a public contract: add fields freely, never rename one.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import Annotated, Literal

from pydantic import Field

from factcheck.model.article import Attribution, FrozenModel, Statement

SCHEMA_VERSION = 1


class Status(enum.StrEnum):
    """What a verifier concluded about a statement."""

    SUPPORTED = "supported"
    REFUTED = "refuted"
    NEEDS_REVIEW = "needs_review"
    UNVERIFIED = "unverified"
    ERROR = "error"


class Severity(enum.StrEnum):
    """How much a finding matters to an editor; ``--fail-on`` compares against it."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]


_SEVERITY_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


class SpanEvidence(FrozenModel):
    """A passage of the same article that the verdict rests on."""

    kind: Literal["span"] = "span"
    start: int
    end: int
    text: str
    note: str | None = None


class SourceEvidence(FrozenModel):
    """A passage of something outside the article: a fact pack, the archive, a web service."""

    kind: Literal["source"] = "source"
    provider: str
    url: str | None = None
    title: str | None = None
    excerpt: str | None = None
    retrieved_at: dt.datetime | None = None


class NoteEvidence(FrozenModel):
    """Reasoning the verifier wants shown, such as the arithmetic behind a number check."""

    kind: Literal["note"] = "note"
    text: str


Evidence = Annotated[SpanEvidence | SourceEvidence | NoteEvidence, Field(discriminator="kind")]


class ReviewDecision(FrozenModel):
    """An editor's recorded decision about one finding (``factcheck review``)."""

    decision: Literal["accept", "dismiss"]
    by: str
    at: dt.datetime
    reason: str


class Verdict(FrozenModel):
    """One verifier's conclusion about one statement under one rule."""

    statement_id: str
    verifier: str
    rule: str
    status: Status
    severity: Severity = Severity.INFO
    confidence: float = Field(default=1.0, ge=0.0, le=1.0)
    message: str
    evidence: tuple[Evidence, ...] = ()
    start: int | None = None  # a narrower span inside the statement, when the finding has one
    end: int | None = None
    line: int | None = None
    column: int | None = None
    fingerprint: str | None = None  # stable across edits elsewhere; filled in by the engine
    suppressed: str | None = None  # why it is not counted: "inline", "baseline", "dismissed", "accepted"
    decision: ReviewDecision | None = None  # who decided what, when a review decision applies


def fail_level(name: str) -> Severity | None:
    """The severity ``--fail-on NAME`` gates on; ``None`` for ``never``."""
    return None if name == "never" else Severity(name)


def fails(verdict: Verdict, level: Severity | None) -> bool:
    """Whether a verdict fails the run: unsuppressed, not a pass, at or above the fail level.
    The one rule behind ``outcome.failing``, the exit code and JUnit's failures."""
    return (
        level is not None
        and verdict.suppressed is None
        and verdict.status != Status.SUPPORTED
        and verdict.severity.rank >= level.rank
    )


class StatementOutcome(FrozenModel):
    """The combined verdict for one statement, after the combination policy has run."""

    statement_id: str
    status: Status
    severity: Severity
    rules: tuple[str, ...] = ()
    conflict: bool = False  # verifiers disagreed; both sides are kept in the verdict list
    summary: str = ""


class ArticleOutcome(FrozenModel):
    """The article's overall result, which the exit code and CI gates are computed from."""

    status: Status
    worst_severity: Severity | None = None
    counts: dict[str, int] = Field(default_factory=dict)  # by status
    failing: int = 0  # unsuppressed verdicts at or above the fail level
    policy: str = "strict"


class InputProblem(FrozenModel):
    """A problem with the input itself (unreadable file, bad front matter), with its position."""

    path: str
    line: int = 1
    column: int = 1
    message: str
    internal: bool = False  # a bug in factcheck or a plugin, not the user's input (exit code 3)

    def one_line(self) -> str:
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


class ArticleReport(FrozenModel):
    """Everything factcheck has to say about one article."""

    path: str
    title: str | None = None
    date: dt.date | None = None
    format: str = "text"
    statements: tuple[Statement, ...] = ()
    verdicts: tuple[Verdict, ...] = ()
    outcomes: tuple[StatementOutcome, ...] = ()
    attributions: tuple[Attribution, ...] = ()
    outcome: ArticleOutcome
    problems: tuple[InputProblem, ...] = ()
    skipped_checks: tuple[str, ...] = ()  # e.g. remote look-ups not made because of --offline
    timings: dict[str, float] = Field(default_factory=dict)  # seconds per stage and per verifier
    # The article text exactly as read (offsets index into it); the HTML report shows it. ``None``
    # when the engine did not keep it (input problems) — renderers must cope with that.
    source: str | None = None


class ToolInfo(FrozenModel):
    """Which factcheck and which plugins (with versions) made a report: for reproducing it."""

    name: str = "factcheck"
    version: str
    plugins: dict[str, str] = Field(default_factory=dict)  # plugin name -> version


class Summary(FrozenModel):
    """The run's totals and exit code, complete once every article has been checked."""

    articles: int = 0
    statements: int = 0
    verdicts: dict[str, int] = Field(default_factory=dict)  # by status
    failing: int = 0
    input_errors: int = 0
    internal_errors: int = 0
    fail_on: str = "error"
    exit_code: int = 0


class Report(FrozenModel):
    """The whole run: the document ``--format json`` prints."""

    schema_version: int = SCHEMA_VERSION
    tool: ToolInfo
    articles: tuple[ArticleReport, ...] = ()
    summary: Summary
