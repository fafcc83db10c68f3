"""``--format github``: GitHub Actions workflow commands, so findings show on the PR's diff.

One ``::error`` / ``::warning`` / ``::notice`` line per live finding (unsuppressed and not
``supported``), with ``file``, ``line``, ``col``, ``endLine``, ``endColumn`` and a ``title`` of
``CODE name``. Severity maps error → error, warning → warning, info → notice. Input problems are
``::error`` lines too, since a file that could not be read was not checked.

Escaping follows GitHub's runner (``ActionCommandManager``): in the message ``%``, ``\\r`` and
``\\n`` become ``%25``, ``%0D``, ``%0A``; in property values ``:`` and ``,`` also become ``%3A`` and
``%2C``, or a path or title containing them would cut the command short. GitHub only honours
``col``/``endColumn`` on a one-line annotation, so ``endColumn`` is left out when the span wraps.
A plain summary line ends the output so the job log says what was counted (the labelled counts
every format prints). ``file`` is relative to the repository root, which is what GitHub resolves
annotations against, whichever folder factcheck ran in.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

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

from .common import Counts, escape_controls, repo_path
from .sarif import Locator

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """Escape a workflow command's message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow command's property value."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(kind: str, message: str, **properties: str | int | None) -> str:
    """``::kind key=value,…::message`` with every part escaped; ``None`` properties are dropped."""
    props = ",".join(f"{k}={escape_property(str(v))}" for k, v in properties.items() if v is not None)
    return f"::{kind}{' ' + props if props else ''}::{escape_controls(escape_data(message))}"


def annotation(
    verdict: Verdict, report: ArticleReport, locator: Locator, title: str, path: str | None = None
) -> str:
    region = locator.region(verdict)
    line = region.get("startLine", verdict.line or 1)
    end_line = region.get("endLine", line)
    end_column = region.get("endColumn") if end_line == line else None
    return command(
        COMMANDS[verdict.severity],
        verdict.message,
        file=path or report.path,
        line=line,
        col=region.get("startColumn", verdict.column),
        endLine=end_line,
        endColumn=end_column,
        title=title,
    )


class GithubRenderer:
    name = "github"
    description = "GitHub Actions annotations (::error file=…,line=…::message)."

    def render(self, stream: ReportStream, out: TextIO) -> None:
        names = {rule.code: rule.name for rule in stream.rules}
        root = project_root()
        counts = Counts()
        for report in stream:
            counts.add(report)
            path = repo_path(report.path, root) or report.path
            for problem in report.problems:
                out.write(
                    command(
                        "error",
                        problem.message,
                        file=repo_path(problem.path, root) or problem.path,
                        line=problem.line,
                        col=problem.column,
                        title="factcheck: input problem",
                    )
                    + "\n"
                )
            locator = Locator(report)
            for verdict in report.verdicts:
                if verdict.suppressed is not None or verdict.status == Status.SUPPORTED:
                    continue
                title = f"{verdict.rule} {names[verdict.rule]}" if verdict.rule in names else verdict.rule
                out.write(annotation(verdict, report, locator, title, path) + "\n")
        summary = stream.summary
        out.write(f"factcheck: {counts.line(summary.fail_on)}; exit code {summary.exit_code}\n")


@hookimpl(trylast=True)
def register_renderers(register: Callable[[Renderer], None]) -> None:
    register(GithubRenderer())
