from __future__ import annotations

import threading
import time

from factcheck.engine.isolation import DeadlineRunner


def test_value_error_and_timeout_are_reported_not_raised():
    runner = DeadlineRunner()
    assert runner.run("ok", lambda: 42, 1.0).value == 42
    failed = runner.run("bad", lambda: 1 / 0, 1.0)
    assert isinstance(failed.error, ZeroDivisionError)
    release = threading.Event()
    began = time.perf_counter()
    hung = runner.run("slow", release.wait, 0.2)
    assert hung.timed_out
    assert time.perf_counter() - began < 1.0
    # the stuck worker was abandoned: the same key runs again at once on a fresh worker
    assert runner.run("slow", lambda: "fresh", 1.0).value == "fresh"
    release.set()
    runner.close()


def test_workers_are_reused_between_jobs():
    runner = DeadlineRunner()
    names = {runner.run("v", lambda: threading.current_thread().ident, 1.0).value for _ in range(5)}
    assert len(names) == 1
    runner.close()
