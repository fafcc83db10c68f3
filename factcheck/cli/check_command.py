"""``factcheck check``: find the articles, check them (in worker processes with ``--jobs``) and
stream the report to stdout or, atomically, to ``--output``.

Stdin is read up front and bounded; input problems are echoed to stderr as they happen; the
exit code comes from the run's summary, read to the end even when a renderer stops early.
"""

from __future__ import annotations

import argparse
import os
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, cast

from factcheck.cli.arguments import blocked_plugins
from factcheck.cli.loading import engine_for

if TYPE_CHECKING:
    from factcheck.engine.engine import Engine
    from factcheck.engine.workers import Result
    from factcheck.errors import ArticleError
    from factcheck.model.report import ArticleReport, Summary
    from factcheck.plugin_system.manager import FactcheckPluginManager


def command_check(args: argparse.Namespace, pm: FactcheckPluginManager) -> int:
    from factcheck.cli.progress import with_progress
    from factcheck.engine.batch import RunStream, check_all_results
    from factcheck.engine.engine import EngineRecipe
    from factcheck.errors import ArticleError
    from factcheck.workflow.atomic import atomic_writer
    from factcheck.workflow.paths import find_articles

    if args.output:
        from factcheck.workflow.atomic import check_output_path

        check_output_path(args.output, args.paths)
    engine = engine_for(args, pm)
    renderer = engine.registry.renderer(args.format)
    settings = engine.config.settings.check
    blocked = blocked_plugins(args.plugin_flags)

    factory = EngineRecipe.of(engine.config, blocked, args.strict_plugins)

    items: Iterable[str | ArticleError] = find_articles(args.paths, engine.config)
    checker: Engine = engine
    if args.stdin_filename:
        checker = cast("Engine", _NamedStdin(engine, args.stdin_filename))
    if args.changed_since:
        from factcheck.cli.commands import changed_since, keep_changed

        changed = changed_since(args.changed_since, [p for p in args.paths if p != "-"])
        items = keep_changed(items, changed)
    listed, stdin = _with_stdin(list(items), settings.max_article_bytes)
    for folder in (p for p in args.paths if p != "-" and _is_dir(p)):
        if not args.quiet and not any(isinstance(i, str) and Path(i).is_relative_to(folder) for i in listed):
            if any(isinstance(i, ArticleError) and Path(i.path).is_relative_to(folder) for i in listed):
                continue  # the folder's problems are reported; "no articles" would say less
            suffixes = " ".join(settings.extensions)
            print(f"factcheck: warning: no articles ({suffixes}) to check in {folder}", file=sys.stderr)
    as_json = bool(getattr(renderer, "streams_json", False))  # workers serialise; we concatenate
    reports = check_all_results(
        checker, listed, jobs=settings.jobs, factory=factory, stdin=stdin, as_json=as_json
    )
    reports = with_progress(reports, len(listed), sys.stderr, enabled=not args.quiet)
    stream = RunStream(_echo_problems(reports), engine.tool, engine.config, engine.registry.rules)
    try:
        if args.output:
            with atomic_writer(args.output) as handle:
                renderer.render(stream, handle)
        else:
            renderer.render(stream, sys.stdout)
            sys.stdout.flush()
        for _ in stream:  # a renderer that stopped early must not make the exit code lie
            pass
        summary = stream.summary
        _notify_finished(engine, summary)
    finally:
        engine.close()
    return summary.exit_code


def _is_dir(path: str) -> bool:
    """``Path.is_dir`` without its exceptions (a path inside an unreadable folder is no folder)."""
    try:
        return stat.S_ISDIR(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def _with_stdin(
    items: list[str | ArticleError], limit: int
) -> tuple[list[str | ArticleError], Callable[[], bytes]]:
    """Read stdin up front, at most ``limit`` bytes: more is the ``-`` article's input error
    (the other articles are still checked), never a read that fills memory."""
    from factcheck.errors import ArticleError
    from factcheck.workflow.paths import STDIN

    if STDIN not in items:
        return items, lambda: b""
    data = sys.stdin.buffer.read(limit + 1)
    if len(data) <= limit:
        return items, lambda: data
    problem = ArticleError(
        f"input is over the limit of {limit} bytes ([check] max_article_bytes); check it as a file", STDIN
    )
    return [problem if item == STDIN else item for item in items], lambda: b""


class _NamedStdin:
    """The engine, with the article read from stdin given ``--stdin-filename`` as its path: its
    suffix picks the loader and reports name it (relative to the repository in SARIF)."""

    def __init__(self, engine: Engine, name: str) -> None:
        self._engine = engine
        self._name = name

    def check_file(self, path: str, data: bytes | None = None) -> ArticleReport:
        from factcheck.workflow.paths import STDIN

        return self._engine.check_file(self._name if path == STDIN else path, data)

    def __getattr__(self, name: str) -> object:
        return getattr(self._engine, name)


def _notify_finished(engine: Engine, summary: Summary) -> None:
    """``run_finished`` is a notification: a plugin failing in it gets one warning line."""
    from factcheck.plugin_system.manager import call_each

    calls = list(call_each(engine.pm, engine.pm.hook.run_finished, summary=summary, config=engine.config))
    if not calls:  # nobody listens; the call still shows in FACTCHECK_TRACE_PLUGINS output
        engine.pm.hook.run_finished(summary=summary, config=engine.config)
    for plugin, call, kwargs in calls:
        try:
            call(**kwargs)
        except Exception as exc:  # the report is written; one plugin's notification must not undo that
            print(
                f"factcheck: warning: plugin {plugin!r} failed in run_finished: {type(exc).__name__}: {exc}",
                file=sys.stderr,
            )


def _echo_problems(reports: Iterable[Result]) -> Iterator[Result]:
    """Input problems go to stderr as they happen, one line each, as well as into the report."""
    from factcheck.reports.common import escape_controls

    for report in reports:
        for problem in report.problems:
            print(escape_controls(problem.one_line()), file=sys.stderr)
        yield report
