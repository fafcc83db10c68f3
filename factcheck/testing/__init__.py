"""pytest fixtures for plugin authors: check an article with exactly the plugins you choose.

Installing factcheck registers this module as a pytest plugin (the ``pytest11`` entry point), so
any project that has factcheck installed gets these fixtures without a ``conftest.py``:

``factcheck_tester``
    A :class:`~factcheck.testing.runner.FactcheckTester`: build articles from strings (with front
    matter), run the pipeline with a chosen set of plugins and no others, and get a
    :class:`~factcheck.testing.results.RunResult` back (``.verdicts``, ``.findings_by_code``,
    ``.exit_code``, ``.output``, ``.assert_findings(EXA001=1)``); check valid/invalid examples
    with ``assert_rule_examples`` (the textlint-tester idea).
``factcheck_recorder``
    Attach a :class:`~factcheck.testing.hooks.HookRecorder` to a plugin manager and see every
    hook call with its arguments and result.

Why the modules behind this one: pytest imports every ``pytest11`` plugin in *every* session of
anyone who has factcheck installed, even sessions that never check an article. So this module
imports nothing heavy at the top (no pydantic, no engine, no built-in plugins); the fixtures and
the names re-exported below import their machinery on first use.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from factcheck.plugin_system.manager import FactcheckPluginManager

    # ``X as X``: an explicit re-export, so ``from factcheck.testing import X`` type-checks.
    from factcheck.testing.hooks import HookCall as HookCall
    from factcheck.testing.hooks import HookRecorder as HookRecorder
    from factcheck.testing.results import RuleExampleFailure as RuleExampleFailure
    from factcheck.testing.results import RunResult as RunResult
    from factcheck.testing.runner import PIPELINE_BUILTINS as PIPELINE_BUILTINS
    from factcheck.testing.runner import FactcheckTester as FactcheckTester
    from factcheck.testing.runner import make_article as make_article

_EXPORTS: dict[str, str] = {
    "FactcheckTester": "factcheck.testing.runner",
    "RunResult": "factcheck.testing.results",
    "RuleExampleFailure": "factcheck.testing.results",
    "PIPELINE_BUILTINS": "factcheck.testing.runner",
    "make_article": "factcheck.testing.runner",
    "HookRecorder": "factcheck.testing.hooks",
    "HookCall": "factcheck.testing.hooks",
}

__all__ = sorted([*_EXPORTS, "factcheck_recorder", "factcheck_tester"])


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'factcheck.testing' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


@pytest.fixture
def factcheck_tester(tmp_path: Path) -> Iterator[FactcheckTester]:
    """A tester that checks articles with only the plugins a test names (see ``FactcheckTester``)."""
    from factcheck.testing.runner import FactcheckTester

    tester = FactcheckTester(tmp_path)
    yield tester
    tester.close()


@pytest.fixture
def factcheck_recorder() -> Iterator[Callable[[FactcheckPluginManager], HookRecorder]]:
    """``recorder = factcheck_recorder(pm)``: record every hook call made through ``pm.hook``.

    Recording stops when the test ends, so a manager shared between tests is left as it was.
    """
    from factcheck.testing.hooks import HookRecorder

    made: list[HookRecorder] = []

    def attach(pm: FactcheckPluginManager) -> HookRecorder:
        recorder = HookRecorder(pm)
        made.append(recorder)
        return recorder

    yield attach
    for recorder in made:
        recorder.finish()
