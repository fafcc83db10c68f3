"""``--format concise``: one line per finding, ``path:line:col: CODE message``, like ruff's
concise output, for editors' problem matchers, ``grep`` and quick looks.

Only live findings (unsuppressed and not ``supported``) are listed, in article order; paths are
as the run was given them, so a terminal or an editor opens them from the current folder. A last
line counts what was listed (``--quiet`` drops it); input problems go to stderr as always.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TextIO

from factcheck.plugin import Renderer, ReportStream, Status, hookimpl

from .common import Counts, escape_controls


class ConciseRenderer:
    name = "concise"
    description = "One line per finding: path:line:col: CODE message."

    def render(self, stream: ReportStream, out: TextIO) -> None:
        counts = Counts()
        for report in stream:
            counts.add(report)
            for verdict in report.verdicts:
                if verdict.suppressed is not None or verdict.status == Status.SUPPORTED:
                    continue
                message = escape_controls(" ".join(verdict.message.split()))
                out.write(
                    f"{report.path}:{verdict.line or 1}:{verdict.column or 1}: {verdict.rule} {message}\n"
                )
        if not getattr(stream.config.options, "quiet", False):
            out.write(f"Found {counts.line(stream.summary.fail_on)}.\n")


@hookimpl(trylast=True)
def register_renderers(register: Callable[[Renderer], None]) -> None:
    register(ConciseRenderer())
