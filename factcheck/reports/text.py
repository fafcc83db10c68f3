"""``--format text``: the review report for a person at a terminal.

Per article: every statement with its ``line:column``, kinds and check-worthiness, the verdicts
under it, the attribution table (who said what, and whether the speaker is *stated* in the
sentence or *inferred*: inferred ones are marked, since they are the guesses to check first),
then the article's counts. The counts are the ones every format prints, each labelled
(``reports/common.py``). ``--quiet`` lists only statements with verdicts and drops the summary.

Colour (``--color auto|always|never``): ``auto`` colours a terminal unless ``NO_COLOR`` is set;
``FORCE_COLOR`` forces it. Plain ANSI codes, written by hand: four styles do not justify importing
a terminal library on every run (docs/dependencies.md §8).

Everything taken from an article (its path, title, text, speakers, and the messages quoting it)
is shown with control characters escaped (``\\x1b``, ``\\u202e``): an article is untrusted
input, and an escape sequence in it must not clear an editor's terminal, retitle it, plant a
hyperlink or reorder what the report says. The only escape sequences written are the report's
own colours.
"""

from __future__ import annotations

import os
import textwrap
from collections import defaultdict
from collections.abc import Callable
from typing import TextIO

from factcheck.plugin import ArticleReport, Renderer, ReportStream, Status, Verdict, hookimpl

from .common import (
    HOW_INFERRED,
    INFERRED,
    Counts,
    attribution_line,
    attribution_quote,
    escape_controls,
    speaker_basis,
)

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


def use_colour(out: TextIO, choice: str = "auto") -> bool:
    """``--color``: ``always``/``never`` as said; ``auto`` for a terminal without ``NO_COLOR``."""
    if choice in ("always", "never"):
        return choice == "always"
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


def render_attributions(report: ArticleReport, style: _Style, out: TextIO) -> None:
    if not report.attributions:
        return
    inferred = sum(1 for a in report.attributions if speaker_basis(a) == INFERRED)
    note = f"; {inferred} speaker(s) inferred, check those first" if inferred else ""
    out.write(f"  attributions ({len(report.attributions)}{note}):\n")
    for attribution in report.attributions:
        line = attribution_line(attribution, report)
        quote = _clip(attribution_quote(attribution, report), 70)
        speaker = escape_controls(attribution.speaker or "?")
        cue = escape_controls(f" ({attribution.cue})") if attribution.cue else ""
        basis = speaker_basis(attribution)
        if basis == INFERRED:
            how = HOW_INFERRED.get(attribution.resolved_by, attribution.resolved_by)
            tag = style(f"inferred: {how}", "33")
        else:
            tag = "stated"
        where = f"{line}:" if line else "?:"
        out.write(f"  {where:>7}  {quote} → {speaker}{cue}  [{tag}]\n")


def render_article(
    report: ArticleReport, style: _Style, out: TextIO, quiet: bool = False, fail_on: str = "error"
) -> None:
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
        if quiet and statement.id not in by_statement:
            continue
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
    if not quiet:
        render_attributions(report, style, out)
    for note in report.skipped_checks:
        out.write(style(f"  skipped: {escape_controls(note)}", "2") + "\n")
    outcome = report.outcome
    mark, colour = MARKS[outcome.status]
    out.write(
        style(f"  outcome: {mark} {outcome.status.value}", colour)
        + f" — {Counts.of([report]).line(fail_on, articles=False)} (policy {outcome.policy})\n\n"
    )


class TextRenderer:
    name = "text"
    description = "The review report for a person at a terminal (colour on a TTY)."

    def render(self, stream: ReportStream, out: TextIO) -> None:
        options = stream.config.options
        style = _Style(use_colour(out, getattr(options, "color", None) or "auto"))
        quiet = bool(getattr(options, "quiet", False))
        fail_on = stream.config.settings.check.fail_on
        counts = Counts()
        for report in stream:
            counts.add(report)
            render_article(report, style, out, quiet, fail_on)
        if quiet:
            return
        summary = stream.summary
        out.write(
            style("Summary: ", "1")
            + counts.line(summary.fail_on)
            + (f" · {summary.input_errors} input error(s)" if summary.input_errors else "")
            + f"; exit code {summary.exit_code}\n"
        )


@hookimpl(trylast=True)
def register_renderers(register: Callable[[Renderer], None]) -> None:
    register(TextRenderer())
