"""``--jobs N``: articles checked in N worker processes, supervised, in input order.

Each worker builds its own engine once and checks one article at a time, sent over a pipe. The
parent waits on every worker's pipe and on its process sentinel together, so it learns at once
when a worker dies (an out-of-memory kill, a segfault in a C extension, a plugin calling
``os._exit``): the article that worker held is reported as not checked, naming the cause, a
fresh worker takes its place, and the run finishes. A worker that holds one article far past
its time limits (a hang inside C code, where the in-process stage limit cannot reach) is killed
the same way. ``multiprocessing.Pool`` hangs for ever when a worker dies; that is why this is
not a Pool.

With ``-f json`` the workers also serialise each report, so the parent only concatenates text:
unpickling reports and dumping JSON in the parent made two workers barely faster than one.
"""

from __future__ import annotations

import os
import pickle
import signal
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from factcheck.model.report import ArticleOutcome, ArticleReport, InputProblem, Severity, Status

if TYPE_CHECKING:
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

    from factcheck.engine.engine import Engine

# multiprocessing (~10 ms to import) is imported when workers are started: a run of one
# process (no --jobs), such as checking one article, never needs it.


@dataclass(frozen=True, slots=True)
class ArticleJson:
    """An article's report as a worker serialised it (``article_json``), with what the parent
    needs for the totals and the stderr problem lines, so the parent never rebuilds the object."""

    path: str
    json: str
    statements: int
    failing: int
    problems: tuple[InputProblem, ...]
    verdicts: dict[str, int] = field(default_factory=dict)  # status -> unsuppressed verdicts

    @classmethod
    def of(cls, report: ArticleReport) -> ArticleJson:
        counts: dict[str, int] = {}
        for verdict in report.verdicts:
            if verdict.suppressed is None:
                counts[verdict.status.value] = counts.get(verdict.status.value, 0) + 1
        return cls(
            report.path,
            article_json(report),
            len(report.statements),
            report.outcome.failing,
            report.problems,
            counts,
        )

    def report(self) -> ArticleReport:
        """The full object again, for a consumer that needs one."""
        return ArticleReport.model_validate_json(self.json)


def article_json(report: ArticleReport) -> str:
    """An article's entry in the JSON report (``-f json``), without the timings and the source."""
    return report.model_dump_json(indent=2, exclude={"timings", "source"})


Result = ArticleReport | ArticleJson


def _worker_main(factory: Callable[[], Engine], connection: Connection, as_json: bool) -> None:
    """A worker: build the engine once, then check what the parent sends until it sends None."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    try:
        engine: Engine | None = factory()
        failure = ""
    except Exception as exc:  # every article sent here then reports why the worker is unusable
        engine, failure = None, " ".join(f"{type(exc).__name__}: {exc}".split())
    while True:
        try:
            message = connection.recv()
        except (EOFError, OSError):
            return
        if message is None:
            return
        index, path = message
        report = (
            engine.check_file(path)
            if engine is not None
            else _lost(path, f"worker could not start: {failure}")
        )
        payload: Result = ArticleJson.of(report) if as_json else report
        connection.send_bytes(pickle.dumps((index, payload), protocol=pickle.HIGHEST_PROTOCOL))


def _lost(path: str, why: str) -> ArticleReport:
    outcome = ArticleOutcome(status=Status.ERROR, worst_severity=Severity.ERROR)
    problem = InputProblem(path=path, message=why)
    return ArticleReport(path=path, outcome=outcome, problems=(problem,))


def _cause(process: BaseProcess) -> str:
    code = process.exitcode
    if code is not None and code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exited with status {code}"


class _Worker:
    def __init__(self, context: Any, factory: Callable[[], Engine], as_json: bool) -> None:
        parent, child = context.Pipe()
        self.process: BaseProcess = context.Process(
            target=_worker_main, args=(factory, child, as_json), daemon=True, name="factcheck-worker"
        )
        self.process.start()
        child.close()
        self.connection: Connection = parent
        self.holding: tuple[int, str] | None = None
        self.since = 0.0

    def send(self, index: int, path: str) -> None:
        self.holding = (index, path)
        self.since = time.monotonic()
        self.connection.send((index, path))

    def stop(self, kill: bool = False) -> None:
        if kill:
            self.process.kill()
        else:
            try:
                self.connection.send(None)
            except OSError:
                pass
        self.process.join(timeout=5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.connection.close()


class _Supervisor:
    """N workers, each given one article at a time; learns of every finished, dead or stuck one."""

    def __init__(self, jobs: int, factory: Callable[[], Engine], hard_timeout: float, as_json: bool) -> None:
        import multiprocessing

        self.context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
        self.factory, self.hard_timeout, self.as_json = factory, hard_timeout, as_json
        self.workers = [self._new() for _ in range(max(1, jobs))]

    def _new(self) -> _Worker:
        return _Worker(self.context, self.factory, self.as_json)

    def _replace(self, worker: _Worker, kill: bool = False) -> _Worker:
        worker.stop(kill=kill or worker.process.is_alive())
        fresh = self._new()
        self.workers[self.workers.index(worker)] = fresh
        return fresh

    def dispatch(self, todo: Iterator[tuple[int, str]]) -> bool:
        """Give every idle worker its next article; ``False`` once there are no more."""
        for worker in list(self.workers):
            if worker.holding is not None:
                continue
            item = next(todo, None)
            if item is None:
                return False
            try:
                worker.send(*item)
            except OSError:  # it died while idle: a fresh worker takes the article
                self._replace(worker).send(*item)
        return True

    def busy(self) -> list[_Worker]:
        return [w for w in self.workers if w.holding is not None]

    def collect(self) -> Iterator[tuple[int, Result]]:
        """Wait for the next answers or deaths among busy workers (or the next deadline)."""
        busy = self.busy()
        by_handle: dict[Any, _Worker] = {}
        for worker in busy:
            by_handle[worker.connection] = worker
            by_handle[worker.process.sentinel] = worker
        from multiprocessing.connection import wait

        for handle in wait(list(by_handle), timeout=self._next_deadline(busy)):
            worker = by_handle[handle]
            if worker.holding is None:
                continue  # already dealt with through its other handle
            if handle is worker.connection and worker.connection.poll():
                try:
                    index, result = pickle.loads(worker.connection.recv_bytes())
                except (EOFError, OSError):
                    pass  # it died mid-send: its sentinel says so on the next turn
                else:
                    worker.holding = None
                    yield index, result
                    continue
            if not worker.process.is_alive():
                index, path = worker.holding
                worker.holding = None
                yield index, _lost(path, f"not checked: its worker process {_cause(worker.process)}")
                self._replace(worker)

    def expire(self) -> Iterator[tuple[int, Result]]:
        """Kill and replace workers that have held one article past the hard limit."""
        if self.hard_timeout <= 0:
            return
        now = time.monotonic()
        for worker in list(self.workers):
            if worker.holding is not None and now - worker.since > self.hard_timeout:
                index, path = worker.holding
                worker.holding = None
                why = f"not checked: still running after {self.hard_timeout:g} s; worker stopped"
                yield index, _lost(path, why)
                self._replace(worker, kill=True)

    def _next_deadline(self, busy: list[_Worker]) -> float | None:
        if self.hard_timeout <= 0:
            return None
        oldest = min(w.since for w in busy)
        return max(0.05, self.hard_timeout - (time.monotonic() - oldest))

    def close(self) -> None:
        for worker in self.workers:
            worker.stop(kill=worker.holding is not None)


def check_in_workers(
    paths: Iterable[tuple[int, str]],
    jobs: int,
    factory: Callable[[], Engine],
    hard_timeout: float,
    as_json: bool = False,
) -> Iterator[tuple[int, Result]]:
    """``(index, result)`` for every ``(index, path)``, in completion order; the caller orders.

    ``hard_timeout`` is how long a worker may hold one article before it is killed and replaced
    (0: never); ``as_json`` makes workers return ``ArticleJson`` instead of report objects.
    """
    supervisor = _Supervisor(jobs, factory, hard_timeout, as_json)
    todo = iter(paths)
    more = True
    try:
        while True:
            if more:
                more = supervisor.dispatch(todo)
            if not supervisor.busy():
                return
            yield from supervisor.collect()
            yield from supervisor.expire()
    finally:
        supervisor.close()


def in_order(results: Iterable[tuple[int, Result]], first: int = 0) -> Iterator[Result]:
    """Results re-ordered by index, each yielded as soon as all before it are."""
    waiting: dict[int, Result] = {}
    expected = first
    for index, result in results:
        waiting[index] = result
        while expected in waiting:
            yield waiting.pop(expected)
            expected += 1


def default_jobs() -> int:
    """The number of CPUs this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1
