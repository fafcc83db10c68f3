"""Time limits for plugin code that stop the work, not just stop waiting for it.

An article is checked in one go on the calling thread: loading, statements, then each verifier.
Each plugin stage gets ``[check] timeout`` seconds. On the main thread of a POSIX process (the
command line, each ``--jobs`` worker, each worker of ``factcheck serve``) the limit is enforced
by a real-time interval timer: when it fires, ``StageTimeout`` is raised inside whatever Python
code the stage is running, so a looping verifier stops there and then, and the engine reports
it as an error verdict naming the plugin. Code inside one long C call (a regex engine, a fuzzy
matcher) is interrupted when that call returns; input size limits keep such calls short.

Elsewhere (a thread of an application embedding ``Checker``) signals cannot be used: the limit
is then checked when the stage returns, and a stage that overran is reported as timed out all
the same, but a stage that never returns cannot be stopped from inside the process. Such
applications should check in worker processes, as ``factcheck serve`` does.

One timer is armed per stage, not a thread per call: a hand-off to a worker thread per stage
cost 14% of a run, and an abandoned thread kept running and holding the GIL.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

_CAN_SIGNAL = hasattr(signal, "setitimer") and hasattr(signal, "SIGALRM")


class StageTimeout(BaseException):
    """Raised inside a stage that ran past its limit.

    A ``BaseException``, like ``KeyboardInterrupt``, so a plugin's ``except Exception`` cannot
    swallow it by accident.
    """


class Deadlines:
    """Arms one limit at a time for the stages of an article."""

    @staticmethod
    def preemptive() -> bool:
        """Whether a stage past its limit is interrupted (main thread, POSIX) or only detected."""
        return _CAN_SIGNAL and threading.current_thread() is threading.main_thread()

    @contextmanager
    def limit(self, seconds: float) -> Iterator[None]:
        """Run the body under a limit of ``seconds``; raises ``StageTimeout`` when it is passed.

        ``seconds <= 0`` means no limit. The SIGALRM handler is set for the stage and the one
        before it put back afterwards (a few microseconds), so an application's own use of the
        signal between checks is left alone.
        """
        if seconds <= 0:
            yield
            return
        if not self.preemptive():
            began = time.monotonic()
            yield
            if time.monotonic() - began > seconds:
                raise StageTimeout
            return
        previous = signal.signal(signal.SIGALRM, _interrupt)
        signal.setitimer(signal.ITIMER_REAL, seconds)
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise StageTimeout
