"""Recording hook calls, for tests that must prove a plugin was asked, with what, and what it said.

Built on pluggy's ``add_hookcall_monitoring`` (the same mechanism as ``FACTCHECK_TRACE_PLUGINS``),
so it sees exactly the calls made through ``pm.hook``: ``configure``, ``load_article``,
``split_statements``, ``extract_annotations``, ``score_checkworthiness``, ``run_finished`` and
``add_options``. The registration hooks (``register_verifiers``, ``rule_paths``...) are called one
implementation at a time by ``factcheck.plugin_system.registry`` so that a clash can name its
plugin; what they registered is visible on the engine's ``registry`` instead.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pluggy


@dataclass(frozen=True)
class HookCall:
    """One call of one hook: its arguments, the plugins that implement it, and the outcome."""

    name: str
    kwargs: dict[str, Any]
    plugins: tuple[str, ...]
    result: Any = None
    exception: BaseException | None = None

    def __getattr__(self, key: str) -> Any:
        # ``call.article`` reads an argument, as pytest's ``HookRecorder`` allows.
        kwargs = self.__dict__.get("kwargs", {})
        if key in kwargs:
            return kwargs[key]
        raise AttributeError(key)


@dataclass
class HookRecorder:
    """Records every call made through ``pm.hook`` until ``finish()``."""

    pm: pluggy.PluginManager
    calls: list[HookCall] = field(default_factory=list)
    _undo: Callable[[], None] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        def before(hook_name: str, impls: Sequence[pluggy.HookImpl], kwargs: Mapping[str, Any]) -> None:
            return None

        def after(
            outcome: pluggy.Result[Any],
            hook_name: str,
            impls: Sequence[pluggy.HookImpl],
            kwargs: Mapping[str, Any],
        ) -> None:
            error = outcome.exception
            self.calls.append(
                HookCall(
                    name=hook_name,
                    kwargs=dict(kwargs),
                    plugins=tuple(i.plugin_name for i in impls),
                    result=None if error else outcome.get_result(),
                    exception=error,
                )
            )

        self._undo = self.pm.add_hookcall_monitoring(before, after)

    def finish(self) -> None:
        """Stop recording (idempotent); the calls recorded so far stay available."""
        if self._undo is not None:
            self._undo()
            self._undo = None

    def names(self) -> list[str]:
        """Hook names in call order, repeats included."""
        return [call.name for call in self.calls]

    def getcalls(self, name: str) -> list[HookCall]:
        """Every recorded call of one hook (``name`` may list several, space-separated)."""
        wanted = set(name.split())
        return [call for call in self.calls if call.name in wanted]

    def getcall(self, name: str) -> HookCall:
        """The one call of ``name``; an ``AssertionError`` listing what was called otherwise."""
        found = self.getcalls(name)
        if len(found) != 1:
            raise AssertionError(f"expected one call of {name}, got {len(found)}; calls: {self.names()}")
        return found[0]

    def assert_called(self, name: str, times: int | None = None) -> list[HookCall]:
        """Assert ``name`` was called (exactly ``times`` times if given); return the calls."""
        found = self.getcalls(name)
        if not found or (times is not None and len(found) != times):
            expected = "at least once" if times is None else f"{times} time(s)"
            raise AssertionError(
                f"{name} called {len(found)} time(s), expected {expected}; calls: {self.names()}"
            )
        return found

    def clear(self) -> None:
        self.calls.clear()
