"""Stage limits stop the work: a looping stage is interrupted, not abandoned on a thread."""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
import time

import pytest

from factcheck.engine.deadline import Deadlines, StageTimeout

LOOP_FOREVER = """
import sys, threading
from factcheck.engine.deadline import Deadlines, StageTimeout
deadlines = Deadlines()
caught = 0
for _ in range(3):
    try:
        with deadlines.limit(0.2):
            while True:
                pass
    except StageTimeout:
        caught += 1
print(caught, threading.active_count())
"""


def test_a_looping_stage_is_stopped_on_the_main_thread():
    # In a subprocess, so that a regression cannot hang the test run itself.
    done = subprocess.run([sys.executable, "-c", LOOP_FOREVER], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["3", "1"]  # stopped three times, and no thread left behind


def test_no_limit_and_a_fast_stage_pass_through_and_the_handler_is_put_back():
    before = signal.getsignal(signal.SIGALRM)
    deadlines = Deadlines()
    with deadlines.limit(0):
        pass
    with deadlines.limit(5.0):
        value = sum(range(10))
    assert value == 45
    assert signal.getsignal(signal.SIGALRM) is before
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_an_error_inside_the_stage_propagates_unchanged():
    with pytest.raises(ZeroDivisionError), Deadlines().limit(5.0):
        _ = 1 / 0


def test_off_the_main_thread_an_overrun_is_detected_when_the_stage_returns():
    outcome: list[str] = []

    def work() -> None:
        deadlines = Deadlines()
        assert not deadlines.preemptive()
        try:
            with deadlines.limit(0.01):
                time.sleep(0.05)
            outcome.append("finished")
        except StageTimeout:
            outcome.append("timed out")

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert outcome == ["timed out"]
