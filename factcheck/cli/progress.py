"""A progress line on stderr for long batches, for a person watching a terminal.

Shown only when stderr is a terminal (never in CI logs or when piped) and the batch has at
least ``MIN_ARTICLES`` articles; redrawn at most ten times a second so it costs nothing.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from typing import Protocol, TextIO, TypeVar

MIN_ARTICLES = 5


class _Named(Protocol):
    @property
    def path(self) -> str: ...


R = TypeVar("R", bound=_Named)


def with_progress(reports: Iterable[R], total: int, stream: TextIO, every: float = 0.1) -> Iterator[R]:
    """Yield the reports unchanged, drawing ``[done/total] path`` on ``stream`` if it is a TTY."""
    isatty = getattr(stream, "isatty", None)
    if total < MIN_ARTICLES or not (isatty and isatty()):
        yield from reports
        return
    started = last = time.monotonic()
    width = 0
    done = 0
    for report in reports:
        done += 1
        now = time.monotonic()
        if now - last >= every or done == total:
            rate = done / max(now - started, 1e-9)
            line = f"[{done}/{total}] {rate:.0f} articles/s  {report.path}"[:100]
            stream.write("\r" + line.ljust(width))
            stream.flush()
            width = len(line)
            last = now
        yield report
    stream.write("\r" + " " * width + "\r")
    stream.flush()
