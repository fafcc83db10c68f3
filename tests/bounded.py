"""Hang guards for work that must stay linear, without timing it.

``finishes(code)`` runs ``code`` in a fresh interpreter and fails unless it ends, successfully,
within a generous limit. The adversarial inputs the tests give it take well under a second, so
no load on a shared machine makes the guard flake; a super-linear blow-up (quadratic on 200,000
characters, or a backtracking regex) takes hours on them and fails it. How fast the work is
belongs to ``benchmarks/``, as a measured figure, not to a test.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

from tests.conftest import REPO_ROOT

LIMIT = 120.0  # seconds: a hang guard, not a speed limit


def finishes(code: str, limit: float = LIMIT) -> str:
    """Run ``code`` (Python, dedented) with the repository importable; its stdout."""
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO_ROOT), os.environ.get("PYTHONPATH")])),
    }
    try:
        done = subprocess.run(
            [sys.executable, "-c", textwrap.dedent(code)],
            capture_output=True,
            text=True,
            timeout=limit,
            cwd=REPO_ROOT,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"did not finish within {limit:.0f} s: a hang or a super-linear blow-up")
    assert done.returncode == 0, done.stderr
    return done.stdout
