"""A progress bar on stderr for long batches, for a person watching a terminal.

Shown only when stderr is a terminal (never in CI logs or when piped), the batch has at least
``MIN_ARTICLES`` articles and ``--quiet`` is not given. It is rich's progress bar (count, bar,
time left, current article), removed when the run ends; rich is imported only then, so a
plain run never pays for it (docs/dependencies.md §8).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Protocol, TextIO, TypeVar

MIN_ARTICLES = 5


class _Named(Protocol):
    @property
    def path(self) -> str: ...


R = TypeVar("R", bound=_Named)


def with_progress(
    reports: Iterable[R], total: int, stream: TextIO, every: float = 0.1, enabled: bool = True
) -> Iterator[R]:
    """Yield the reports unchanged, drawing a progress bar on ``stream`` if it is a terminal."""
    isatty = getattr(stream, "isatty", None)
    if not enabled or total < MIN_ARTICLES or not (isatty and isatty()):
        yield from reports
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    console = Console(file=stream, force_terminal=True, soft_wrap=False)
    columns = (
        TextColumn("["),
        MofNCompleteColumn(),
        TextColumn("]"),
        BarColumn(),
        TimeRemainingColumn(),
        TextColumn("{task.fields[path]}", markup=False),
    )
    refresh = 1 / every if every > 0 else 10.0
    with Progress(*columns, console=console, transient=True, refresh_per_second=refresh) as progress:
        task = progress.add_task("check", total=total, path="")
        for report in reports:
            progress.update(task, advance=1, path=report.path)
            if every == 0:
                progress.refresh()
            yield report
