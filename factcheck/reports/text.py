"""``--format text``: the review report for a person at a terminal.

Per article: every statement with its ``line:column``, kinds and check-worthiness, the verdicts
under it, then the article's outcome. Colour only when writing to a terminal and ``NO_COLOR`` is
unset; statements with nothing to say are listed compactly so findings stand out.
"""

from __future__ import annotations

import os
import textwrap
from collections import defaultdict
from collections.abc import Callable
from typing import TextIO

from factcheck.plugin import ArticleReport, Renderer, ReportStream, Status, Verdict, hookimpl

MARKS = {
    Status.SUPPORTED: ("✓", "32"),
    Status.REFUTED: ("✗", "31"),
    Status.NEEDS_REVIEW: ("?", "33"),
    Status.UNVERIFIED: ("·", "2"),
    Status.ERROR: ("!", "35"),
}


class _Style:
    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def __call__(self, text: str, code: str) -> str:
        return f"\x1b[{code}m{text}\x1b[0m" if self.enabled else text


def _use_colour(out: TextIO) -> bool:
    if os.environ.get("NO_COLOR") or os.environ.get("FACTCHECK_NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(out, "isatty", None)
    return bool(isatty and isatty())


def _clip(text: str, width: int = 96) -> str:
    one_line = " ".join(text.split())
    return one_line if len(one_line) <= width else one_line[: width - 1] + "…"


def render_article(report: ArticleReport, style: _Style, out: TextIO) -> None:
    heading = report.path + (f" — {report.title}" if report.title else "")
    out.write(style(heading, "1") + "\n")
    if report.date:
        out.write(f"  published {report.date.isoformat()}\n")
    for problem in report.problems:
        out.write(style(f"  error: {problem.one_line()}", "31") + "\n")
    by_statement: dict[str, list[Verdict]] = defaultdict(list)
    for verdict in report.verdicts:
        by_statement[verdict.statement_id].append(verdict)
    for statement in report.statements:
        kinds = ",".join(statement.kinds) or "-"
        where = f"{statement.line}:{statement.column}"
        out.write(
            f"  {where:>7}  {statement.id:<5} cw={statement.checkworthiness:.2f} [{kinds}] "
            f"{_clip(statement.text)}\n"
        )
        for verdict in by_statement.get(statement.id, []):
            mark, colour = MARKS[verdict.status]
            flag = f" [{verdict.suppressed}]" if verdict.suppressed else ""
            lead = f"{mark} {verdict.status.value} {verdict.rule} {verdict.severity.value}{flag}"
            body = textwrap.shorten(verdict.message, 160, placeholder="…")
            where = f"{verdict.verifier}, {verdict.line}:{verdict.column}"
            out.write(f"{'':16}{style(lead, colour)}  {body}  ({where})\n")
    for note in report.skipped_checks:
        out.write(style(f"  skipped: {note}", "2") + "\n")
    outcome = report.outcome
    counts = ", ".join(f"{n} {status}" for status, n in sorted(outcome.counts.items())) or "no verdicts"
    mark, colour = MARKS[outcome.status]
    out.write(
        style(f"  outcome: {mark} {outcome.status.value}", colour)
        + f" — {len(report.statements)} statements; {counts}; {outcome.failing} at or above the fail level"
        + f" (policy {outcome.policy})\n\n"
    )


class TextRenderer:
    name = "text"
    description = "The review report for a person at a terminal (colour on a TTY)."

    def render(self, stream: ReportStream, out: TextIO) -> None:
        style = _Style(_use_colour(out))
        for report in stream:
            render_article(report, style, out)
        summary = stream.summary
        verdicts = ", ".join(f"{n} {s}" for s, n in summary.verdicts.items()) or "no verdicts"
        out.write(
            style("Summary: ", "1")
            + f"{summary.articles} article(s), {summary.statements} statements; {verdicts}; "
            + (
                "no fail level (--fail-on never)"
                if summary.fail_on == "never"
                else f"{summary.failing} finding(s) at or above '{summary.fail_on}'"
            )
            + (f"; {summary.input_errors} input error(s)" if summary.input_errors else "")
            + f"; exit code {summary.exit_code}\n"
        )


@hookimpl(trylast=True)
def register_renderers(register: Callable[[Renderer], None]) -> None:
    register(TextRenderer())
