"""Finding, loading and listing plugins; built-ins take exactly the path third parties take.

Every plugin, ours included, is an entry point in the ``factcheck`` group. Entry points are
loaded one at a time: one that fails to import is reported on one line and skipped (or, with
``--strict-plugins``, stops the run), so a broken third-party package never takes the tool down.
Nothing here runs at import time; ``get_plugin_manager`` builds a fresh manager on request.

Environment switches:

``FACTCHECK_LOAD_PLUGINS``   comma-separated allow-list of third-party plugins; empty loads none
``FACTCHECK_TRACE_PLUGINS``  ``1`` prints every hook call, its arguments and result on stderr
"""

from __future__ import annotations

import functools
import importlib
import os
import sys
import types
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, TextIO

import pluggy

from factcheck.errors import InputError, PluginLoadError
from factcheck.plugin_system import hookspecs
from factcheck.plugin_system.entrypoints import PluginEntry, entry_points

ENTRY_POINT_GROUP = "factcheck"
OWN_DISTRIBUTION = "newsroom-factcheck"  # the PyPI name; "factcheck" there is an unrelated QuickCheck port


@dataclass
class PluginInfo:
    """What ``factcheck plugins`` shows about one loaded plugin."""

    name: str
    module: str
    version: str
    distribution: str
    builtin: bool
    hooks: list[str] = field(default_factory=list)
    codes: list[str] = field(default_factory=list)


@dataclass
class LoadReport:
    loaded: list[str] = field(default_factory=list)
    failed: list[PluginLoadError] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)


class FactcheckPluginManager(pluggy.PluginManager):
    """A pluggy manager that remembers where each plugin came from, for listing and blocking."""

    def __init__(self) -> None:
        super().__init__(hookspecs.PROJECT_NAME)
        self.add_hookspecs(hookspecs)
        self.origins: dict[str, tuple[str, str, str]] = {}  # name -> (module, dist, version)
        self.single_calls: dict[tuple[object, ...], list[tuple[str, Callable[..., Any]]]] = {}
        self.load_report = LoadReport()
        #: ``plugin_infos``' last answer and the registered plugins it was made for.
        self.infos_cache: tuple[tuple[tuple[str, int], ...], list[PluginInfo]] | None = None

    #: Whether anything watches hook calls (``FACTCHECK_TRACE_PLUGINS``, a test's hook recorder):
    #: only then are single implementations called through pluggy rather than directly.
    monitored = False

    def add_hookcall_monitoring(self, before: Any, after: Any) -> Callable[[], None]:
        self.monitored = True
        self.single_calls.clear()
        return super().add_hookcall_monitoring(before, after)

    def parse_hookimpl_opts(self, plugin: Any, name: str) -> Any:
        """pluggy's own test, after a cheap one: a plugin module's classes, modules and unmarked
        functions (most of its names: everything it imports) are no hook implementations, and
        pluggy's static attribute lookup of each cost more than the rest of start-up's set-up."""
        if isinstance(plugin, types.ModuleType):
            value = plugin.__dict__.get(name)
            if isinstance(value, types.FunctionType):
                if self._impl_marker not in value.__dict__:
                    return None
            elif isinstance(value, type | types.ModuleType) or value is None:
                return None
        return super().parse_hookimpl_opts(plugin, name)

    @functools.cached_property
    def _impl_marker(self) -> str:
        return self.project_name + "_impl"

    def register_module(self, name: str, module: Any, dist: str, version: str) -> None:
        self.register(module, name=name)
        self.origins[name] = (getattr(module, "__name__", repr(module)), dist, version)


def _own_version() -> str:
    from factcheck._version import __version__

    return __version__


def _allow_list() -> set[str] | None:
    raw = os.environ.get("FACTCHECK_LOAD_PLUGINS")
    if raw is None:
        return None
    return {part.strip() for part in raw.split(",") if part.strip()}


def _entry_points() -> list[PluginEntry]:
    """A fresh look, sorted by name: a distribution may have been installed since."""
    return entry_points(ENTRY_POINT_GROUP)


@functools.cache
def builtin_plugins() -> dict[str, str]:
    """The plugins factcheck ships, by name: its own distribution's entry points, the one list
    (``pyproject.toml``). A source tree that was never installed has none, and says so."""
    found = {ep.name: ep.value for ep in _entry_points() if ep.dist == OWN_DISTRIBUTION}
    if not found:
        raise PluginLoadError(
            "factcheck", f"the {OWN_DISTRIBUTION} distribution is not installed (pip install -e .)"
        )
    return found


def get_plugin_manager(
    *,
    load_entrypoints: bool = True,
    blocked: Iterable[str] = (),
    strict: bool = False,
    extra: Iterable[tuple[str, Any]] = (),
    trace: TextIO | None = None,
) -> FactcheckPluginManager:
    """A fresh plugin manager with the built-ins and (optionally) installed third-party plugins.

    :param load_entrypoints: ``False`` registers only the built-ins (factcheck's own entry points).
    :param blocked: plugin names to refuse (``-p no:NAME``), built-in or not.
    :param strict: raise ``PluginLoadError`` instead of skipping a plugin that fails to import.
    :param extra: ``(name, plugin)`` pairs to register as well, e.g. a test's inline plugin.
    :param trace: a stream to print every hook call to (``FACTCHECK_TRACE_PLUGINS=1``).
    """
    pm = FactcheckPluginManager()
    for name in blocked:
        pm.set_blocked(name)

    def fail(error: PluginLoadError, cause: BaseException | None = None) -> None:
        if strict:
            raise error from cause
        pm.load_report.failed.append(error)

    found_entry_points = _entry_points()
    seen = _load_entry_points(pm, found_entry_points, fail) if load_entrypoints else set()
    own = (ep.version for ep in found_entry_points if ep.dist == OWN_DISTRIBUTION)
    version = next(own, None) or _own_version()
    for name, module_path in builtin_plugins().items():
        if name in seen or pm.is_blocked(name):
            continue
        pm.register_module(name, importlib.import_module(module_path), OWN_DISTRIBUTION, version)
        pm.load_report.loaded.append(name)
    for name, plugin in extra:
        pm.register_module(name, plugin, "(inline)", "")
    if trace is None and os.environ.get("FACTCHECK_TRACE_PLUGINS") == "1":
        trace = sys.stderr
    if trace is not None:
        _enable_tracing(pm, trace)
    _drop_invalid(pm, fail)
    return pm


_Fail = Callable[[PluginLoadError, BaseException | None], None]


def _load_entry_points(pm: FactcheckPluginManager, found: Sequence[PluginEntry], fail: _Fail) -> set[str]:
    """Register each entry point's module (ours first, so a third party can never take a
    built-in's name); the names seen, loaded or not."""
    allow = _allow_list()
    seen: set[str] = set()
    for ep in sorted(found, key=lambda e: (e.dist != OWN_DISTRIBUTION, e.name)):
        if ep.name in seen:
            holder = pm.origins.get(ep.name, ("?", "?", "?"))[1]
            fail(
                PluginLoadError(
                    ep.name, f"distribution {ep.dist} reuses the plugin name that {holder} holds"
                ),
                None,
            )
            continue
        seen.add(ep.name)
        third_party = ep.dist != OWN_DISTRIBUTION
        if pm.is_blocked(ep.name) or (third_party and allow is not None and ep.name not in allow):
            pm.load_report.blocked.append(ep.name)
            continue
        try:
            pm.register_module(ep.name, ep.load(), ep.dist, ep.version)
        except Exception as exc:  # a broken plugin must not take the tool down
            fail(PluginLoadError(ep.name, f"failed to load: {type(exc).__name__}: {exc}"), exc)
            continue
        pm.load_report.loaded.append(ep.name)
    return seen


def _drop_invalid(pm: FactcheckPluginManager, fail: _Fail) -> None:
    """A plugin implementing a hook nobody declares is reported and dropped, not fatal."""
    while True:
        try:
            pm.check_pending()
            return
        except pluggy.PluginValidationError as exc:
            name = pm.get_name(exc.plugin) or "?"
            pm.unregister(exc.plugin)
            fail(PluginLoadError(name, str(exc).splitlines()[0]), exc)


def _enable_tracing(pm: pluggy.PluginManager, stream: TextIO) -> None:
    def before(hook_name: str, impls: Sequence[pluggy.HookImpl], kwargs: Mapping[str, Any]) -> None:
        names = ", ".join(i.plugin_name for i in impls)
        args = ", ".join(f"{k}={_short(v)}" for k, v in kwargs.items())
        print(f"[factcheck] {hook_name}({args}) -> [{names}]", file=stream)

    def after(
        outcome: pluggy.Result[Any],
        hook_name: str,
        impls: Sequence[pluggy.HookImpl],
        kwargs: Mapping[str, Any],
    ) -> None:
        shown = f"raised {outcome.exception!r}" if outcome.exception else _short(outcome.get_result())
        print(f"[factcheck] {hook_name} returned {shown}", file=stream)

    pm.add_hookcall_monitoring(before, after)


def _short(value: object, limit: int = 120) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _call_subset(subset: pluggy.HookCaller, firstresult: bool, **given: Any) -> Any:
    results = subset(**given)
    if firstresult:  # pluggy hands back the one result itself
        return results
    return results[0] if results else None


def _call_direct(impl: pluggy.HookImpl, **given: Any) -> Any:
    return impl.function(**{name: given[name] for name in impl.argnames})


def single_calls(pm: pluggy.PluginManager, caller: pluggy.HookCaller) -> list[tuple[str, Callable[..., Any]]]:
    """``(plugin, call)`` for each implementation, in pluggy's call order; ``call(**kwargs)``
    returns that one plugin's result. Built once per set of implementations and cached on the
    manager, since some hooks run once per statement.

    Implementations are called directly (a plain function call, as cheap as it gets) unless hook
    calls are monitored, when they go through pluggy subset callers so that tracing and hook
    recorders see every call.
    """
    impls = caller.get_hookimpls()
    key = (caller.name, *(id(i.plugin) for i in impls))
    cache: dict[tuple[object, ...], list[tuple[str, Callable[..., Any]]]] = getattr(pm, "single_calls", {})
    found = cache.get(key)
    if found is not None:
        return found
    firstresult = bool(caller.spec and caller.spec.opts.get("firstresult"))
    monitored = getattr(pm, "monitored", True)
    hashable = all(isinstance(i.plugin, Hashable) for i in impls)  # pluggy looks plugins up in a set
    found = []
    for impl in reversed(impls):
        call: Callable[..., Any]
        if monitored and hashable:
            subset = pm.subset_hook_caller(
                caller.name, remove_plugins=[i.plugin for i in impls if i is not impl]
            )
            call = functools.partial(_call_subset, subset, firstresult)
        else:  # unwatched, or an unhashable plugin object (a SimpleNamespace): called directly
            call = functools.partial(_call_direct, impl)
        found.append((impl.plugin_name, call))
    cache[key] = found
    return found


def call_each(
    pm: pluggy.PluginManager, caller: pluggy.HookCaller, **kwargs: Any
) -> Iterator[tuple[str, Callable[..., Any], dict[str, Any]]]:
    """Each implementation of a hook, callable on its own, so the caller can run them one at a
    time and know which plugin produced (or broke) what; a plain 1:N pluggy call hides that.

    Yields ``(plugin_name, call, kwargs)`` in pluggy's call order; ``call(**kwargs)`` returns that
    plugin's result (see ``single_calls``).
    """
    for plugin, call in single_calls(pm, caller):
        yield plugin, call, kwargs


HookFailure = tuple[str, str, BaseException]  # (plugin, hook, exception)


def call_first(
    pm: pluggy.PluginManager, caller: pluggy.HookCaller, **kwargs: Any
) -> tuple[Any, str, list[HookFailure]]:
    """``firstresult`` semantics, one implementation at a time: an implementation that raises is
    recorded (plugin, hook, exception) and the next one is tried, so a broken third-party loader
    or splitter falls back to the built-in instead of costing the article. Returns the result,
    the plugin that gave it, and the failures. Input errors (``InputError``: the article itself
    is malformed) still propagate."""
    failures: list[HookFailure] = []
    for plugin, call in single_calls(pm, caller):
        try:
            result = call(**kwargs)
        except InputError:
            raise
        except Exception as exc:  # a plugin's bug is data about that plugin, not the end of the run
            failures.append((plugin, caller.name, exc))
            continue
        if result is not None:
            return result, plugin, failures
    return None, "", failures


def plugin_infos(pm: FactcheckPluginManager) -> list[PluginInfo]:
    """Name, version, origin and implemented hooks of every registered plugin.

    Every report names the tool's plugins, so this runs once per article; pluggy's
    ``get_hookcallers`` walks every hook for every plugin, so the answer is kept on the manager
    until a plugin is registered or removed (the key is the registered plugins themselves).
    """
    key = tuple((name, id(plugin)) for name, plugin in pm.list_name_plugin())
    cached = pm.infos_cache
    if cached is None or cached[0] != key:
        cached = pm.infos_cache = (key, _plugin_infos(pm))
    return [replace(i, hooks=list(i.hooks), codes=list(i.codes)) for i in cached[1]]  # callers may fill in


def _plugin_infos(pm: FactcheckPluginManager) -> list[PluginInfo]:
    infos = []
    for name, plugin in pm.list_name_plugin():
        if plugin is None:
            continue
        module, dist, version = pm.origins.get(name, ("?", "?", "?"))
        callers = pm.get_hookcallers(plugin) or []
        infos.append(
            PluginInfo(
                name=name,
                module=module,
                version=version,
                distribution=dist,
                builtin=dist == OWN_DISTRIBUTION,
                hooks=sorted(c.name for c in callers),
            )
        )
    return sorted(infos, key=lambda i: (not i.builtin, i.name))
