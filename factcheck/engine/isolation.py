"""Running plugin code under a deadline, so one hanging verifier cannot stall a newsroom's run.

Python cannot kill a thread, so a verifier runs on a worker thread of its own; when it misses
its deadline the worker is abandoned (it is a daemon and dies with the process) and a fresh one
takes the next job. Workers are reused between articles, so the cost of isolation is one queue
hand-off per verifier per article, not a thread per statement.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")


@dataclass
class Outcome(Generic[T]):
    """What came of a job: a value, an exception, or a time-out (``timed_out``)."""

    value: T | None = None
    error: BaseException | None = None
    timed_out: bool = False


class _Job(Generic[T]):
    def __init__(self, function: Callable[[], T]) -> None:
        self.function = function
        self.done = threading.Event()
        self.outcome: Outcome[T] = Outcome()

    def run(self) -> None:
        try:
            self.outcome = Outcome(value=self.function())
        except BaseException as exc:  # the job's failure is data for the caller, whatever it is
            self.outcome = Outcome(error=exc)
        finally:
            self.done.set()


class _Worker(threading.Thread):
    def __init__(self, name: str) -> None:
        super().__init__(name=name, daemon=True)
        self.jobs: queue.SimpleQueue[_Job[object] | None] = queue.SimpleQueue()

    def run(self) -> None:
        while (job := self.jobs.get()) is not None:
            job.run()


class DeadlineRunner:
    """One reusable worker per key (a verifier's name); jobs past their deadline are abandoned."""

    def __init__(self) -> None:
        self._workers: dict[str, _Worker] = {}

    def run(self, key: str, function: Callable[[], T], timeout: float) -> Outcome[T]:
        worker = self._workers.get(key)
        if worker is None or not worker.is_alive():
            worker = _Worker(f"factcheck-{key}")
            worker.start()
            self._workers[key] = worker
        job: _Job[T] = _Job(function)
        worker.jobs.put(job)  # type: ignore[arg-type]  # the queue is agnostic of T
        if job.done.wait(timeout):
            return job.outcome
        del self._workers[key]  # abandon the stuck worker; the next job gets a fresh one
        return Outcome(timed_out=True)

    def close(self) -> None:
        for worker in self._workers.values():
            worker.jobs.put(None)
        self._workers.clear()
