"""Check worker processes: one slow article never blocks the others, and a check past its time
limit is killed with its process and the worker replaced.

Each worker is a spawned process holding one ``Engine`` (plugins and rules load once per
worker), talking to the server over a pipe: a ``CheckJob`` in, a ``CheckResult`` out. The pool
hands a job to an idle worker; a caller blocks (in a thread, never on the event loop) until one
is free. A worker that misses the deadline, crashes or closes its pipe is killed and a fresh one
started in its place, so the pool keeps its size.
"""

from __future__ import annotations

import logging
import multiprocessing
import queue
import signal
import threading
import time
from dataclasses import dataclass
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from typing import Any

from factcheck.service.core import CheckJob, CheckResult

log = logging.getLogger("factcheck.service")
_START_TIMEOUT = 120.0


class CheckTimeout(Exception):
    """The check ran past its time limit; its worker was killed and replaced."""


class WorkerFailed(Exception):
    """The worker died or answered with an error."""


class PoolBusy(Exception):
    """Too many checks are waiting for a worker."""


@dataclass(frozen=True)
class EngineSpec:
    """How a worker builds its engine: the server's own configuration, picklable."""

    settings: dict[str, Any]
    config_path: str | None = None
    config_text: str = ""
    config_prefix: tuple[str, ...] = ()
    blocked: tuple[str, ...] = ()
    strict_plugins: bool = False

    def build(self) -> Any:
        from pathlib import Path

        from factcheck.config.settings import Config, Settings
        from factcheck.engine.engine import Engine
        from factcheck.plugin_system.manager import get_plugin_manager

        settings = Settings.model_validate(self.settings)
        path = Path(self.config_path) if self.config_path else None
        config = Config(settings, path, self.config_text, prefix=self.config_prefix)
        # The service keeps decisions in its database: a file baseline keyed by path means nothing here.
        return Engine(
            config, get_plugin_manager(blocked=self.blocked, strict=self.strict_plugins), use_baseline=False
        )


def _worker_main(conn: Connection, spec: EngineSpec) -> None:
    """A worker process: build the engine, then answer jobs until told to stop (``None``)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    from factcheck.service.core import run_job

    try:
        engine = spec.build()
    except Exception as exc:
        conn.send(("failed", f"{type(exc).__name__}: {exc}"))
        return
    conn.send(("ready", None))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            break
        if job is None:
            break
        try:
            conn.send(("ok", run_job(engine, job)))
        except Exception as exc:
            conn.send(("error", f"{type(exc).__name__}: {exc}"))
    engine.close()


class Worker:
    def __init__(self, spec: EngineSpec) -> None:
        context = multiprocessing.get_context("spawn")
        self.conn, child = context.Pipe()
        self.process: BaseProcess = context.Process(
            target=_worker_main, args=(child, spec), name="factcheck-check-worker", daemon=True
        )
        self.process.start()
        child.close()
        self.jobs = 0

    def wait_ready(self) -> None:
        if not self.conn.poll(_START_TIMEOUT):
            self.kill()
            raise WorkerFailed(f"a check worker did not start within {_START_TIMEOUT:g} s")
        try:
            kind, detail = self.conn.recv()
        except (EOFError, OSError):
            self.kill()
            raise WorkerFailed("a check worker exited while starting") from None
        if kind != "ready":
            self.kill()
            raise WorkerFailed(f"a check worker could not build its engine: {detail}")

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()

    def stop(self, grace: float) -> None:
        try:
            self.conn.send(None)
        except (OSError, ValueError):
            pass
        self.process.join(grace)
        self.kill()


class WorkerPool:
    """``size`` worker processes; ``run`` is blocking and thread-safe."""

    def __init__(self, spec: EngineSpec, size: int, max_queue: int) -> None:
        self.spec = spec
        self.size = size
        self.max_queue = max_queue
        self._idle: queue.Queue[Worker] = queue.Queue()
        self._lock = threading.Lock()
        self._waiting = 0
        self._closed = False
        self.replaced = 0
        self.timeouts = 0
        started = [Worker(spec) for _ in range(size)]  # start all, then wait: they load in parallel
        try:
            for worker in started:
                worker.wait_ready()
        except WorkerFailed:
            for worker in started:
                worker.kill()
            raise
        self._workers = set(started)
        for worker in started:
            self._idle.put(worker)

    @property
    def alive(self) -> int:
        with self._lock:
            return sum(1 for w in self._workers if w.process.is_alive())

    @property
    def waiting(self) -> int:
        return self._waiting

    def run(self, job: CheckJob, timeout: float) -> CheckResult:
        """Check ``job`` in a free worker; waits up to ``timeout`` s for one, then up to
        ``timeout`` s for the check. Raises ``PoolBusy``, ``CheckTimeout`` or ``WorkerFailed``."""
        with self._lock:
            if self._closed:
                raise WorkerFailed("the service is shutting down")
            if self._waiting >= self.size + self.max_queue:
                raise PoolBusy(f"{self._waiting} checks are already waiting")
            self._waiting += 1
        try:
            try:
                worker = self._idle.get(timeout=timeout)
            except queue.Empty:
                raise PoolBusy(f"no check worker became free within {timeout:g} s") from None
            return self._run_on(worker, job, timeout)
        finally:
            with self._lock:
                self._waiting -= 1

    def _run_on(self, worker: Worker, job: CheckJob, timeout: float) -> CheckResult:
        began = time.monotonic()
        try:
            worker.conn.send(job)
            if not worker.conn.poll(timeout):
                self.timeouts += 1
                log.warning(
                    "check of %s passed its %g s limit; killing worker pid %s",
                    job.article_id,
                    timeout,
                    worker.process.pid,
                )
                self._replace(worker)
                raise CheckTimeout(f"the check took longer than {timeout:g} s and was stopped")
            kind, payload = worker.conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            self._replace(worker)
            raise WorkerFailed("the check worker died during the check; it has been replaced") from None
        worker.jobs += 1
        self._idle.put(worker)
        if kind != "ok":
            raise WorkerFailed(str(payload))
        log.debug("checked %s in %.3f s", job.article_id, time.monotonic() - began)
        assert isinstance(payload, CheckResult)
        return payload

    def _replace(self, worker: Worker) -> None:
        worker.kill()
        with self._lock:
            self._workers.discard(worker)
            if self._closed:
                return
        self.replaced += 1
        for attempt in range(3):
            fresh = Worker(self.spec)
            try:
                fresh.wait_ready()
            except WorkerFailed as exc:
                log.error("could not start a replacement check worker (attempt %d): %s", attempt + 1, exc)
                continue
            with self._lock:
                if self._closed:
                    fresh.stop(1.0)
                    return
                self._workers.add(fresh)
            self._idle.put(fresh)
            return

    def close(self, grace: float = 5.0) -> None:
        """Stop every worker: idle ones at once, busy ones when their check ends or ``grace`` s."""
        with self._lock:
            self._closed = True
            workers = list(self._workers)
            self._workers.clear()
        for worker in workers:
            worker.stop(grace)
