"""The machinery behind the ``factcheck_tester`` fixture: run the real pipeline, on strings, with
exactly the plugins a test chooses, and assert on what came out.

A plugin's test should fail because of the plugin, not because some other installed package
flagged the same sentence, so a tester never loads third-party entry points on its own. It
registers the *pipeline* built-ins (loaders, splitter, extractor, combination policy, renderers;
``PIPELINE_BUILTINS``), blocks every other built-in (the verifiers), and adds only the plugins the
test names. The run goes through the same ``Engine``, renderers and ``run_finished`` hook as
``factcheck check``, so exit codes and rendered output are the real ones. What a run returns, and
the assertions on it, are ``results``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import io
import json
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from importlib import metadata
from pathlib import Path
from types import ModuleType
from typing import Any

from factcheck.config.settings import Config, Settings
from factcheck.engine.batch import RunStream
from factcheck.engine.engine import Engine
from factcheck.plugin_system.manager import (
    ENTRY_POINT_GROUP,
    FactcheckPluginManager,
    builtin_plugins,
    get_plugin_manager,
)
from factcheck.rules.packs import RuleModel
from factcheck.testing.hooks import HookRecorder
from factcheck.testing.results import RunResult, check_invalid, check_valid


def _pipeline_builtins() -> tuple[str, ...]:
    """The built-ins that register no verifier: loaders, splitter, extractor, policies, renderers.

    Decided by what a module implements rather than by a list, so a new built-in renderer is
    available to tests and a new built-in verifier stays out of them without an edit here.
    """
    names = []
    for name, module_path in builtin_plugins().items():
        try:
            module = importlib.import_module(module_path)
        except Exception:  # reported when a plugin manager registers it
            continue
        if not hasattr(module, "register_verifiers"):
            names.append(name)
    return tuple(names)


#: Built-ins every run needs to turn text into a report; the others (verifiers) are opt-in.
PIPELINE_BUILTINS: tuple[str, ...] = _pipeline_builtins()

#: A plugin as a test names it: an entry-point or built-in name, a ``(name, plugin)`` pair, or
#: the plugin object itself (a module or an instance with ``@hookimpl`` methods).
PluginSpec = str | tuple[str, Any] | ModuleType | object
#: An article as a test gives it: its text, a ``(path, text)`` pair, or a file on disk.
ArticleSpec = str | tuple[str, str] | Path


def make_article(
    body: str,
    *,
    title: str | None = None,
    date: dt.date | str | None = None,
    author: str | None = None,
    url: str | None = None,
    **extra: str,
) -> str:
    """A Markdown article with YAML front matter; ``body`` is dedented, so triple quotes read well.

    Without any metadata the body comes back alone (dedented), as a plain-text article.
    """
    text = textwrap.dedent(body).strip("\n") + "\n"
    fields: dict[str, Any] = {"title": title, "date": date, "author": author, "url": url, **extra}
    lines = []
    for key, value in fields.items():
        if value is None:
            continue
        if isinstance(value, dt.date):
            lines.append(f"{key}: {value.isoformat()}")  # unquoted: YAML reads it as a date
        else:
            lines.append(f"{key}: {json.dumps(str(value))}")  # JSON strings are valid YAML
    if not lines:
        return text
    return "---\n" + "\n".join(lines) + "\n---\n\n" + text


def _suffix_for(text: str) -> str:
    return ".md" if text.startswith(("---\n", "+++\n", "# ")) else ".txt"


class FactcheckTester:
    """Checks articles given as strings with a chosen set of plugins and no others.

    ``plugins`` are added to the pipeline built-ins (``PIPELINE_BUILTINS``); pass ``builtins`` to
    choose a different set of built-ins (for example ``(*PIPELINE_BUILTINS, "phrases")``).
    Defaults given here apply to every ``run``; ``run``'s own arguments override them.
    """

    def __init__(
        self,
        tmp_path: Path | None = None,
        *,
        plugins: Iterable[PluginSpec] = (),
        builtins: Iterable[str] = PIPELINE_BUILTINS,
        settings: Mapping[str, Any] | None = None,
    ) -> None:
        self.tmp_path = tmp_path
        self.plugins = list(plugins)
        self.builtins = tuple(builtins)
        self.settings = dict(settings or {})
        self._engines: list[Engine] = []
        self._recorders: list[HookRecorder] = []

    # --- building blocks ---------------------------------------------------------------------

    article = staticmethod(make_article)

    def write(self, name: str, text: str) -> Path:
        """Write an article file under the test's temporary folder and return its path."""
        if self.tmp_path is None:
            raise RuntimeError("this tester has no tmp_path; construct it with one to write files")
        path = self.tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def plugin_manager(
        self, plugins: Iterable[PluginSpec] | None = None, builtins: Iterable[str] | None = None
    ) -> FactcheckPluginManager:
        """A manager with the chosen built-ins and plugins only; no entry point is scanned."""
        keep = set(self.builtins if builtins is None else builtins)
        extra: list[tuple[str, Any]] = []
        for spec in self.plugins if plugins is None else plugins:
            if isinstance(spec, str) and spec in builtin_plugins():
                keep.add(spec)
            else:
                extra.append(_resolve(spec))
        unknown = keep - set(builtin_plugins())
        if unknown:
            valid = ", ".join(sorted(builtin_plugins()))
            raise ValueError(f"unknown built-in plugin(s) {sorted(unknown)}; built-ins: {valid}")
        blocked = [name for name in builtin_plugins() if name not in keep]
        return get_plugin_manager(load_entrypoints=False, blocked=blocked, extra=extra)

    def engine(
        self,
        plugins: Iterable[PluginSpec] | None = None,
        builtins: Iterable[str] | None = None,
        settings: Mapping[str, Any] | None = None,
        options: Mapping[str, Any] | None = None,
    ) -> Engine:
        """An ``Engine`` over ``plugin_manager(...)``; closed when the tester is."""
        return self._build(plugins, builtins, settings, options)[0]

    def _build(
        self,
        plugins: Iterable[PluginSpec] | None,
        builtins: Iterable[str] | None,
        settings: Mapping[str, Any] | None,
        options: Mapping[str, Any] | None,
    ) -> tuple[Engine, HookRecorder]:
        merged = _merge(self.settings, settings or {})
        config = Config(Settings.model_validate(merged), options=argparse.Namespace(**(options or {})))
        pm = self.plugin_manager(plugins, builtins)
        recorder = HookRecorder(pm)  # attached first, so ``configure`` is recorded too
        self._recorders.append(recorder)
        engine = Engine(config, pm)
        self._engines.append(engine)
        return engine, recorder

    # --- running -----------------------------------------------------------------------------

    def run(
        self,
        *articles: ArticleSpec,
        plugins: Iterable[PluginSpec] | None = None,
        builtins: Iterable[str] | None = None,
        settings: Mapping[str, Any] | None = None,
        options: Mapping[str, Any] | None = None,
        format: str = "text",
        select: Sequence[str] | None = None,
        ignore: Sequence[str] | None = None,
        fail_on: str | None = None,
        date: dt.date | str | None = None,
    ) -> RunResult:
        """Check the articles as ``factcheck check`` would and return everything it produced.

        ``settings`` is a config document as a dict (``{"plugins": {"myplugin": {...}}}``);
        ``select``/``ignore``/``fail_on``/``date`` are the ``[check]`` keys of the same name.
        """
        given = {"select": select, "ignore": ignore, "fail_on": fail_on, "date": date}
        check: dict[str, Any] = {key: value for key, value in given.items() if value is not None}
        engine, recorder = self._build(plugins, builtins, _merge(settings or {}, {"check": check}), options)
        renderer = engine.registry.renderer(format)
        reports = []
        for index, item in enumerate(articles, start=1):
            if isinstance(item, Path):
                reports.append(engine.check_file(str(item)))
            elif isinstance(item, tuple):
                reports.append(engine.check_text(item[1], item[0]))
            else:
                reports.append(engine.check_text(item, f"article-{index}{_suffix_for(item)}"))
        stream = RunStream(reports, engine.tool, engine.config, engine.registry.rules)
        out = io.StringIO()
        renderer.render(stream, out)
        summary = stream.summary
        engine.pm.hook.run_finished(summary=summary, config=engine.config)
        return RunResult(reports, summary, out.getvalue(), format, recorder, engine)

    def assert_rule_examples(
        self,
        code: str | None = None,
        *,
        valid: Iterable[str] = (),
        invalid: Iterable[str | Mapping[str, Any]] = (),
        **run_options: Any,
    ) -> None:
        """textlint-tester style: ``valid`` texts must raise no finding, ``invalid`` ones must.

        With ``code``, only that code counts (plus ``FC`` codes: a crashing verifier is never a
        pass). An invalid case is a text (at least one finding) or a mapping with ``text`` and
        any of ``findings`` (``{"EXA001": 2}``, exact counts), ``message`` (a substring of the
        first finding's message), ``line`` and ``column`` (of the first finding). Every example
        is checked before failing, and the error lists all that misbehaved.
        """
        valid_texts = list(valid)
        cases = [{"text": case} if isinstance(case, str) else dict(case) for case in invalid]
        result = self.run(*valid_texts, *(str(case["text"]) for case in cases), **run_options)
        failures = [*check_valid(result.reports[: len(valid_texts)], valid_texts, code)]
        failures += check_invalid(result.reports[len(valid_texts) :], cases, code)
        if failures:
            raise AssertionError(f"{len(failures)} rule example(s) failed:\n" + "\n".join(map(str, failures)))

    def assert_documented_examples(self, codes: Iterable[str] | None = None, **run_options: Any) -> int:
        """Run the ``[examples]`` of rule files: each ``bad`` must raise its rule, no ``good`` may.

        By default every rule contributed by the plugins under test is checked (those named in
        ``plugins``, not the ``builtins`` the pipeline runs on), except rules whose examples
        declare ``requires`` (an archive, sources, the network: the plugin's own tests provide
        that); give ``codes`` to pick. Returns how many rules were checked, so a test can assert
        it found some.
        """
        get = run_options.get
        engine = self.engine(get("plugins"), get("builtins"), get("settings"), get("options"))
        if codes is None:
            chosen = get("builtins")
            pipeline = set(self.builtins if chosen is None else chosen)
            own = {name for name, plugin in engine.pm.list_name_plugin() if plugin is not None} - pipeline
            mine = (c for name in own for c in engine.registry.codes_by_plugin.get(name, []))
            codes = sorted(c for c in mine if not _requires(engine.registry.rules.get(c)))
        checked = 0
        for code in codes:
            rule = engine.registry.rules.get(code)
            if rule is None:
                raise AssertionError(f"no rule {code} is loaded")
            if not rule.examples.bad and not rule.examples.good:
                raise AssertionError(f"rule {code} ({rule.source}) has no examples")
            examples = rule.examples
            # Each rule is run on its own (``select``), so an opt-in rule is checked too.
            options = {"select": [code], **run_options}
            self.assert_rule_examples(code, valid=examples.good, invalid=examples.bad, **options)
            checked += 1
        return checked

    def close(self) -> None:
        for recorder in self._recorders:
            recorder.finish()
        for engine in self._engines:
            engine.close()
        self._engines.clear()
        self._recorders.clear()


def _resolve(spec: PluginSpec) -> tuple[str, Any]:
    """A ``(name, plugin)`` pair for a plugin as a test named it."""
    if isinstance(spec, tuple):
        name, plugin = spec
        return str(name), plugin
    if isinstance(spec, str):
        for ep in metadata.entry_points(group=ENTRY_POINT_GROUP, name=spec):
            return spec, ep.load()
        raise LookupError(f"no plugin {spec!r}: not a built-in and no installed entry point has that name")
    if isinstance(spec, ModuleType):
        for ep in metadata.entry_points(group=ENTRY_POINT_GROUP):
            if ep.value == spec.__name__:
                return ep.name, spec
        return spec.__name__, spec
    return type(spec).__name__.lower(), spec


def _merge(base: Mapping[str, Any], override: Mapping[str, Any]) -> dict[str, Any]:
    """Nested dict merge: tables merge key by key, anything else in ``override`` wins."""
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, Mapping) and isinstance(merged.get(key), Mapping):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _requires(rule: RuleModel | None) -> bool:
    return rule is not None and bool(rule.examples.requires)
