"""``--format text``: the review report for a person at a terminal.

Per article: every statement with its ``line:column``, kinds and check-worthiness, the verdicts
under it, then the article's outcome. Colour only when writing to a terminal and ``NO_COLOR`` is
unset; statements with nothing to say are listed compactly so findings stand out.

Everything taken from an article (its path, title, text, and the messages quoting it) is shown
with control characters escaped (``\\x1b``, ``\\u202e``): an article is untrusted input, and an
escape sequence in it must not clear an editor's terminal, retitle it, plant a hyperlink or
reorder what the report says. The only escape sequences written are the report's own colours.
"""

from __future__ import annotations

import os
import re
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


#: C0 and C1 controls, DEL, and the bidirectional overrides and isolates ("Trojan Source").
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def _escape(found: re.Match[str]) -> str:
    code = ord(found.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_controls(text: str) -> str:
    """``text`` with every control character written as an escape (``\\x1b``), so what it says
    reaches a terminal as text and never as a command; also for one-line messages on stderr."""
    return _CONTROLS.sub(_escape, text)


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
    clipped = one_line if len(one_line) <= width else one_line[: width - 1] + "…"
    return escape_controls(clipped)


def render_article(report: ArticleReport, style: _Style, out: TextIO) -> None:
    heading = escape_controls(report.path + (f" — {report.title}" if report.title else ""))
    out.write(style(heading, "1") + "\n")
    if report.date:
        out.write(f"  published {report.date.isoformat()}\n")
    for problem in report.problems:
        out.write(style(f"  error: {escape_controls(problem.one_line())}", "31") + "\n")
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
            flag = f" [{escape_controls(verdict.suppressed)}]" if verdict.suppressed else ""
            lead = f"{mark} {verdict.status.value} {verdict.rule} {verdict.severity.value}{flag}"
            body = escape_controls(textwrap.shorten(verdict.message, 160, placeholder="…"))
            where = escape_controls(f"{verdict.verifier}, {verdict.line}:{verdict.column}")
            out.write(f"{'':16}{style(lead, colour)}  {body}  ({where})\n")
    for note in report.skipped_checks:
        out.write(style(f"  skipped: {escape_controls(note)}", "2") + "\n")
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
