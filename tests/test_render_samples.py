"""Report samples shared by the renderer tests (``from test_render_samples import …``).

Two kinds: the example article checked by the real engine (whatever verifiers are installed
today), and a hand-built report that exercises every case a renderer must handle — each status,
a conflict, suppressed verdicts, every evidence kind, a statement spanning two lines, an
attribution without a speaker, and hostile text (``<script>``, ``|``, ``%``, ``:``, ``,``).
The tests at the bottom keep the hand-built sample honest: its offsets must match its text.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from factcheck.config.settings import Config, Settings
from factcheck.engine.batch import RunStream
from factcheck.engine.engine import Engine
from factcheck.model.article import Attribution, Statement
from factcheck.model.report import (
    ArticleOutcome,
    ArticleReport,
    InputProblem,
    NoteEvidence,
    Severity,
    SourceEvidence,
    SpanEvidence,
    StatementOutcome,
    Status,
    Verdict,
)
from factcheck.plugin_system.manager import get_plugin_manager
from factcheck.plugin_system.registry import Registry
from factcheck.plugin_system.renderer import ReportStream

REPO_ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = REPO_ROOT / "examples" / "ceasefire-call.txt"

HOSTILE = (
    "Officials said <script>alert(1)</script> was found | 100% sure: a, b.\n"
    "The minister claimed unemployment fell to 3.5 percent in 2024.\n"
    "Critics said the figure was 4.1 percent,\nnot 3.5.\n"
    "“We will win,” she said. Turnout rose.\n"
)


def _settings(fail_on: str = "error") -> Settings:
    return Settings.model_validate({"check": {"fail_on": fail_on, "date": "2025-03-19"}})


@cache
def _engine(fail_on: str = "error") -> Engine:
    return Engine(Config(_settings(fail_on)), get_plugin_manager(load_entrypoints=False))


def registry() -> Registry:
    return _engine().registry


def example_report() -> ArticleReport:
    """The example article through the real engine, with its source kept for the HTML view."""
    text = EXAMPLE.read_text(encoding="utf-8")
    report = _engine().check_text(text, "examples/ceasefire-call.txt")
    return report if report.source is not None else report.model_copy(update={"source": text})


def run_engine(text: str, path: str) -> ArticleReport:
    """Any article text through the real engine (the path's suffix picks the format)."""
    return _engine().check_text(text, path)


def _statement(sid: str, text: str, source: str, block: int, **extra: object) -> Statement:
    start = source.index(text)
    before = source[:start]
    line = before.count("\n") + 1
    column = start - (before.rfind("\n") + 1) + 1
    return Statement.model_validate(
        {
            "id": sid,
            "start": start,
            "end": start + len(text),
            "text": text,
            "block": block,
            "line": line,
            "column": column,
            **extra,
        }
    )


def _verdict(
    statement: Statement,
    rule: str,
    status: Status,
    severity: Severity,
    message: str,
    verifier: str,
    source: str,
    narrow: str | None = None,
    **extra: object,
) -> Verdict:
    start = end = None
    if narrow is not None:
        start = source.index(narrow, statement.start)
        end = start + len(narrow)
    offset = start if start is not None else statement.start
    before = source[:offset]
    return Verdict.model_validate(
        {
            "statement_id": statement.id,
            "verifier": verifier,
            "rule": rule,
            "status": status,
            "severity": severity,
            "message": message,
            "start": start,
            "end": end,
            "line": before.count("\n") + 1,
            "column": offset - (before.rfind("\n") + 1) + 1,
            "fingerprint": f"fp-{statement.id}-{rule}",
            **extra,
        }
    )


def rich_report(path: str = "news/hostile, story:1.md", keep_source: bool = True) -> ArticleReport:
    """A hand-built report with every case the renderers must handle (see the module docstring)."""
    src = HOSTILE
    s1 = _statement(
        "S1",
        "Officials said <script>alert(1)</script> was found | 100% sure: a, b.",
        src,
        0,
        kinds=("attribution",),
        checkworthiness=0.4,
    )
    s2 = _statement(
        "S2",
        "The minister claimed unemployment fell to 3.5 percent in 2024.",
        src,
        1,
        kinds=("quantity", "date"),
        checkworthiness=0.9,
    )
    s3 = _statement("S3", "Critics said the figure was 4.1 percent,\nnot 3.5.", src, 2, kinds=("quantity",))
    s4 = _statement("S4", "“We will win,” she said.", src, 3, kinds=("quote",))
    s5 = _statement("S5", "Turnout rose.", src, 3)
    statements = (s1, s2, s3, s4, s5)
    return ArticleReport(
        path=path,
        title="Jobs <b>story</b>",
        date=dt.date(2025, 3, 19),
        format="markdown",
        statements=statements,
        verdicts=_rich_verdicts(statements),
        outcomes=_rich_outcomes(),
        attributions=_rich_attributions(s2),
        outcome=ArticleOutcome(
            status=Status.REFUTED,
            worst_severity=Severity.ERROR,
            counts={"refuted": 1, "error": 1, "needs_review": 1},
            failing=2,
        ),
        timings={"total": 0.012},
        source=src if keep_source else None,
    )


def _rich_verdicts(statements: tuple[Statement, ...]) -> tuple[Verdict, ...]:
    src = HOSTILE
    s1, s2, s3, s4, _ = statements
    verdicts = [
        _verdict(
            s1,
            "STY002",
            Status.NEEDS_REVIEW,
            Severity.WARNING,
            "anonymous source 'Officials said': <b>say who</b> | 100%",
            "phrases",
            src,
            "Officials said",
            evidence=(SpanEvidence(start=0, end=14, text="Officials said", note="no name given"),),
        ),
        _verdict(
            s2,
            "NUM001",
            Status.REFUTED,
            Severity.ERROR,
            "unemployment was 4.1 percent in 2024, not 3.5",
            "numbers",
            src,
            "3.5 percent",
            evidence=(
                SourceEvidence(
                    provider="factpack",
                    url="https://example.org/stats?a=1&b=2",
                    title="Labour statistics <2024>",
                    excerpt="rate: 4.1%",
                ),
                NoteEvidence(text="3.5 ≠ 4.1 (difference 0.6 points)"),
            ),
        ),
        _verdict(s2, "NUM002", Status.SUPPORTED, Severity.INFO, "the year 2024 is consistent", "dates", src),
        _verdict(
            s3,
            "NUM003",
            Status.ERROR,
            Severity.ERROR,
            "verifier numbers failed: ValueError\nbad input",
            "numbers",
            src,
        ),
        _verdict(
            s3,
            "STY001",
            Status.NEEDS_REVIEW,
            Severity.WARNING,
            "weak attribution 'Critics said'",
            "phrases",
            src,
            "Critics said",
            suppressed="baseline",
        ),
        _verdict(
            s4,
            "QUO001",
            Status.UNVERIFIED,
            Severity.INFO,
            "quote not found in the archive",
            "quotes",
            src,
            suppressed="dismissed",
        ),
    ]
    return tuple(verdicts)


def _rich_outcomes() -> tuple[StatementOutcome, ...]:
    outcomes = (
        StatementOutcome(
            statement_id="S1",
            status=Status.NEEDS_REVIEW,
            severity=Severity.WARNING,
            rules=("STY002",),
            summary="needs_review (STY002)",
        ),
        StatementOutcome(
            statement_id="S2",
            status=Status.REFUTED,
            severity=Severity.ERROR,
            rules=("NUM001", "NUM002"),
            conflict=True,
            summary="refuted (NUM001); conflicting evidence: supported by NUM002",
        ),
        StatementOutcome(
            statement_id="S3",
            status=Status.ERROR,
            severity=Severity.ERROR,
            rules=("NUM003",),
            summary="error (NUM003)",
        ),
        StatementOutcome(
            statement_id="S4",
            status=Status.UNVERIFIED,
            severity=Severity.INFO,
            summary="no verifier had anything to say",
        ),
        StatementOutcome(
            statement_id="S5",
            status=Status.UNVERIFIED,
            severity=Severity.INFO,
            summary="no verifier had anything to say",
        ),
    )
    return outcomes


def _rich_attributions(s2: Statement) -> tuple[Attribution, ...]:
    src = HOSTILE
    quote = src.index("“We will win,”")
    attributions = (
        Attribution(
            start=quote + 1, end=quote + 13, cue="said", speaker=None, direct=True, resolved_by="none"
        ),
        Attribution(
            start=s2.start + len("The minister claimed "),
            end=s2.end - 1,
            cue="claimed",
            speaker="The minister",
            direct=False,
        ),
    )
    return attributions


def problem_report(path: str = "broken.txt") -> ArticleReport:
    return ArticleReport(
        path=path,
        outcome=ArticleOutcome(status=Status.ERROR, worst_severity=Severity.ERROR),
        problems=(InputProblem(path=path, line=3, column=7, message="not valid UTF-8 (byte 0xff)"),),
    )


def stream_of(reports: Iterable[ArticleReport], fail_on: str = "error") -> ReportStream:
    engine = _engine()
    return RunStream(list(reports), engine.tool, Config(_settings(fail_on)), engine.registry.rules)


def render(fmt: str, reports: Iterable[ArticleReport], fail_on: str = "error") -> str:
    """Render reports with the registered renderer for ``fmt``, exactly as the CLI would."""
    out = io.StringIO()
    registry().renderer(fmt).render(stream_of(reports, fail_on), out)
    return out.getvalue()


# --- the samples themselves are consistent ---------------------------------------------------------


def test_rich_report_offsets_index_its_source() -> None:
    report = rich_report()
    assert report.source is not None
    for statement in report.statements:
        assert report.source[statement.start : statement.end] == statement.text
    for verdict in report.verdicts:
        assert verdict.start is None or verdict.end is not None
    assert {o.statement_id for o in report.outcomes} == {s.id for s in report.statements}


def test_example_report_has_statements_and_source() -> None:
    report = example_report()
    assert report.statements, "the engine found no statements in the example article"
    assert report.source == EXAMPLE.read_text(encoding="utf-8")
