"""What a report renderer is: something that streams article reports into a text stream.

Renderers consume articles one at a time as the engine produces them, so memory stays flat
however many articles a run checks; ``stream.summary`` is complete once iteration ends.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Protocol, TextIO

from factcheck.model.report import ArticleReport, Summary, ToolInfo

if TYPE_CHECKING:
    from factcheck.config.settings import Config
    from factcheck.rules.packs import RuleSet


class ReportStream(Protocol):
    """Article reports in input order, then the totals."""

    tool: ToolInfo
    config: Config
    rules: RuleSet

    def __iter__(self) -> Iterator[ArticleReport]: ...

    @property
    def summary(self) -> Summary: ...


class Renderer(Protocol):
    """A named output format; ``--format NAME`` picks it."""

    name: str
    description: str

    def render(self, stream: ReportStream, out: TextIO) -> None:
        """Write the whole report for ``stream`` to ``out``."""
        ...
