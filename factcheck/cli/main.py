"""The command line: a thin layer over ``factcheck.engine.engine`` and the registries.

Exit codes live here and nowhere else (see ``ExitCode``). Errors a user can fix print one line,
``path:line:col: message``, and exit 2; anything unexpected prints one line and exits 3 (set
``FACTCHECK_DEBUG=1`` for the traceback). Ended from outside, factcheck exits as Unix tools do,
quietly and with nothing half-written: 130 on Ctrl-C (``SIGINT``), 143 on ``SIGTERM``, 141 when
the reader of its output goes away (``factcheck check ... | head``). Heavy modules are imported
inside the commands, so ``factcheck --version`` loads no plugin and no pydantic.
"""

from __future__ import annotations

import argparse
import enum
import os
import signal
import stat
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:
    from factcheck.config.settings import Config
    from factcheck.engine.engine import Engine
    from factcheck.engine.workers import Result
    from factcheck.errors import ArticleError
    from factcheck.model.report import ArticleReport, Summary
    from factcheck.plugin_system.command import Command
    from factcheck.plugin_system.manager import FactcheckPluginManager


class ExitCode(enum.IntEnum):
    """What ``factcheck`` returns; CI gates on these."""

    OK = 0  #: no finding at or above the fail level
    FINDINGS = 1  #: at least one finding at or above ``--fail-on``
    INPUT_ERROR = 2  #: bad input, usage or configuration (one line on stderr each)
    INTERNAL_ERROR = 3  #: a bug in factcheck: please report it
    INTERRUPTED = 130  #: Ctrl-C (128 + SIGINT), as shells report it
    BROKEN_PIPE = 141  #: the output's reader went away (128 + SIGPIPE): ``| head``
    TERMINATED = 143  #: ``SIGTERM`` (128 + SIGTERM): a supervisor or ``kill`` stopped the run


class Terminated(BaseException):
    """Raised in the main thread on ``SIGTERM``: unwinding removes temporary files and stops
    worker processes, like ``KeyboardInterrupt`` does for Ctrl-C."""


#: Signals received by this run, in order. Code between the handler and ``main`` may wrap the
#: exception it raised (pydantic turns one raised while serialising into its own error), so the
#: exit code comes from here, not from the exception that arrives.
_received: list[int] = []


def _on_signal(signum: int, frame: object) -> None:
    _received.append(signum)
    if signum == signal.SIGINT:
        raise KeyboardInterrupt
    raise Terminated


def _signal_exit() -> int:
    return ExitCode.INTERRUPTED if _received[0] == signal.SIGINT else ExitCode.TERMINATED


def _version() -> str:
    from factcheck._version import __version__

    return __version__


def _codes(value: str) -> list[str]:
    return [part.strip().upper() for part in value.split(",") if part.strip()]


def _add_plugin_flags(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-p",
        dest="plugin_flags",
        action="append",
        default=[],
        metavar="no:NAME",
        help="block a plugin by name (built-in or third-party), e.g. -p no:numeric",
    )
    parser.add_argument(
        "--strict-plugins",
        action="store_true",
        help="stop if any plugin fails to load, instead of skipping it",
    )


def _add_check_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="article files, folders (searched for .txt .md .markdown .html .htm) or - for stdin",
    )
    parser.add_argument("--format", "-f", default="text", help="report format (see `factcheck plugins`)")
    parser.add_argument("--output", "-o", metavar="FILE", help="write the report here (atomically)")
    parser.add_argument(
        "--config",
        metavar="FILE",
        help="configuration file (default: nearest factcheck.toml or pyproject.toml [tool.factcheck])",
    )
    parser.add_argument("--date", metavar="YYYY-MM-DD", help="publication date for articles that give none")
    parser.add_argument(
        "--fail-on",
        choices=["info", "warning", "error", "never"],
        help="lowest severity that makes the exit code 1 (default from config: error)",
    )
    parser.add_argument("--select", type=_codes, metavar="CODES", help="only these rule codes or prefixes")
    parser.add_argument("--ignore", type=_codes, metavar="CODES", help="skip these rule codes or prefixes")
    parser.add_argument("--offline", action="store_true", help="make no network request at all")
    parser.add_argument(
        "--replay", action="store_true", help="answer remote look-ups only from the cache (reproducible CI)"
    )
    parser.add_argument("--jobs", "-j", type=int, metavar="N", help="check articles in N worker processes")
    parser.add_argument("--policy", metavar="NAME", help="verdict-combination policy (default: strict)")
    parser.add_argument(
        "--timeout", type=float, metavar="SECONDS", help="time limit per verifier per article"
    )
    parser.add_argument(
        "--baseline", metavar="FILE", help="mark findings recorded by `factcheck baseline` as suppressed"
    )
    parser.add_argument(
        "--changed-since",
        metavar="REF",
        help="check only articles this branch changed since it left git REF (git diff REF...HEAD)",
    )
    parser.add_argument(
        "--stdin-filename",
        metavar="PATH",
        help="the path of the article read from stdin (-): picks its format and names it in reports",
    )
    parser.add_argument(
        "--quiet", "-q", action="store_true", help="only the findings: no progress bar, summary or warnings"
    )
    parser.add_argument(
        "--color",
        choices=["auto", "always", "never"],
        default="auto",
        help="colour the text report: auto (a terminal without NO_COLOR), always or never",
    )
    _add_plugin_flags(parser)


#: The commands factcheck itself provides; any other first word may be a plugin's command, so
#: only then are plugins loaded before parsing (``--version`` and ``plugins`` stay fast).
CORE_COMMANDS = frozenset(
    {"check", "plugins", "rules", "rule", "schema", "baseline", "review", "plugin", "serve"}
)


def build_parser(
    add_check_options: Callable[[argparse.ArgumentParser], None] | None = None,
    plugin_commands: Mapping[str, Command] | None = None,
) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="factcheck",
        description="Check a news article's statements with pluggable verifiers and print a review report.",
    )
    parser.add_argument("--version", action="version", version=f"factcheck {_version()}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    check = commands.add_parser("check", help="check articles and print the review report")
    _add_check_options(check)
    if add_check_options is not None:
        add_check_options(check)
    for name, help_text in [
        ("plugins", "list loaded plugins with version, hooks and rule codes"),
        ("rules", "list every rule"),
    ]:
        sub = commands.add_parser(name, help=help_text)
        sub.add_argument("--format", choices=["text", "json"], default="text")
        sub.add_argument("--config", metavar="FILE")
        _add_plugin_flags(sub)
    rule = commands.add_parser("rule", help="explain one rule: what, why, examples")
    rule.add_argument("code")
    rule.add_argument("--config", metavar="FILE")
    _add_plugin_flags(rule)
    commands.add_parser("schema", help="print the JSON Schema of the JSON report")
    from factcheck.cli.commands import add_commands

    add_commands(commands, _add_plugin_flags)
    for name, command in (plugin_commands or {}).items():
        sub = commands.add_parser(name, help=command.help)
        command.add_arguments(sub)
        if command.reads_articles:
            sub.add_argument("--config", metavar="FILE")
            sub.add_argument(
                "--date", metavar="YYYY-MM-DD", help="publication date for articles that give none"
            )
        _add_plugin_flags(sub)
    return parser


def plugin_commands(pm: FactcheckPluginManager) -> dict[str, Command]:
    """Commands plugins register (``register_commands``); a name clash is a load error."""
    from factcheck.errors import PluginLoadError
    from factcheck.plugin_system.manager import call_each

    found: dict[str, Command] = {}
    owners: dict[str, str] = {}
    for plugin, call, kwargs in call_each(pm, pm.hook.register_commands, register=None):

        def register(command: Command, _plugin: str = plugin) -> None:
            name = command.name
            if not name or name in CORE_COMMANDS or name in found:
                holder = "factcheck" if name in CORE_COMMANDS else owners.get(name, "?")
                raise PluginLoadError(_plugin, f"command {name!r} is already provided by {holder}")
            found[name] = command
            owners[name] = _plugin

        try:
            call(**{**kwargs, "register": register})
        except PluginLoadError:
            raise
        except Exception as exc:
            raise PluginLoadError(plugin, f"register_commands failed: {type(exc).__name__}: {exc}") from exc
    return found


def _add_plugin_options(pm: FactcheckPluginManager, parser: argparse.ArgumentParser) -> None:
    """Each plugin's ``add_options``; a failure is a load error naming the plugin."""
    from factcheck.errors import PluginLoadError
    from factcheck.plugin_system.manager import call_each

    for plugin, call, kwargs in call_each(pm, pm.hook.add_options, parser=parser):
        try:
            call(**kwargs)
        except Exception as exc:
            raise PluginLoadError(plugin, f"add_options failed: {type(exc).__name__}: {exc}") from exc


def _blocked(flags: Sequence[str]) -> list[str]:
    from factcheck.errors import UsageError

    names = []
    for flag in flags:
        if not flag.startswith("no:"):
            raise UsageError(f"-p takes no:NAME to block a plugin, not {flag!r}")
        names.append(flag[3:])
    return names


def _plugin_manager(args: argparse.Namespace) -> FactcheckPluginManager:
    from factcheck.plugin_system.manager import get_plugin_manager

    blocked = _blocked(args.plugin_flags)
    pm = get_plugin_manager(blocked=blocked, strict=args.strict_plugins)
    for failure in pm.load_report.failed:
        print(f"factcheck: warning: {failure}", file=sys.stderr)
    from factcheck.plugin_system.manager import builtin_plugins

    known = {name for name, plugin in pm.list_name_plugin() if plugin is not None}
    known |= set(builtin_plugins()) | set(pm.load_report.blocked) | {f.plugin for f in pm.load_report.failed}
    for name in blocked:
        if name not in known:
            print(
                f"factcheck: warning: -p no:{name} blocks nothing: no plugin is called {name!r}",
                file=sys.stderr,
            )
    return pm


_OPTION_NAMES = {
    "fail_on": "--fail-on",
    "jobs": "--jobs",
    "timeout": "--timeout",
    "select": "--select",
    "ignore": "--ignore",
    "baseline": "--baseline",
    "date": "--date",
    "policy": "--policy",
}


def _config(args: argparse.Namespace) -> Config:
    """The config file's settings with the command line's options on top, validated like the file."""
    from pydantic import ValidationError

    from factcheck.config.settings import CheckSettings, CombineSettings, NetworkSettings, load_config
    from factcheck.errors import UsageError

    config = load_config(getattr(args, "config", None), args)
    settings = config.settings
    check = {
        k: getattr(args, k)
        for k in ("fail_on", "select", "ignore", "jobs", "timeout", "baseline", "date")
        if getattr(args, k, None) is not None
    }
    network = {key: True for key in ("offline", "replay") if getattr(args, key, False)}
    combine = {"policy": args.policy} if getattr(args, "policy", None) else {}
    try:
        config.settings = settings.model_copy(
            update={
                "check": CheckSettings.model_validate({**settings.check.model_dump(), **check}),
                "network": NetworkSettings.model_validate({**settings.network.model_dump(), **network}),
                "combine": CombineSettings.model_validate({**settings.combine.model_dump(), **combine}),
            }
        )
    except ValidationError as exc:
        first = exc.errors()[0]
        option = _OPTION_NAMES.get(str(first["loc"][0]), str(first["loc"][0]))
        value = getattr(args, str(first["loc"][0]), None)
        raise UsageError(f"{option} {value}: {first['msg']}") from None
    return config


def _engine(args: argparse.Namespace, pm: FactcheckPluginManager | None = None) -> Engine:
    from factcheck.config.tomlfile import line_of
    from factcheck.engine.engine import Engine
    from factcheck.errors import CacheUnavailableError, ConfigError

    config = _config(args)
    try:
        return Engine(config, pm or _plugin_manager(args))
    except CacheUnavailableError as exc:
        cache_path = config.settings.network.cache_path
        message = f"[network] cache_path {cache_path!r}: {exc.reason}"
        if config.path is None:
            raise ConfigError(message, cache_path) from None
        line = line_of(config.text, [*config.prefix, "network", "cache_path"])
        raise ConfigError(message, config.location, line) from None


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
    engine = _engine(args, pm)
    renderer = engine.registry.renderer(args.format)
    settings = engine.config.settings.check
    blocked = _blocked(args.plugin_flags)

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


def _dispatch(
    args: argparse.Namespace, pm: FactcheckPluginManager | None, commands: Mapping[str, Command]
) -> int:
    from factcheck.cli import listing

    if args.command == "check":
        assert pm is not None
        return command_check(args, pm)
    if args.command == "plugins":
        return listing.show_plugins(_engine(args), args.format)
    if args.command == "rules":
        return listing.show_rules(_engine(args), args.format)
    if args.command == "rule":
        return listing.show_rule(_engine(args), args.code)
    if args.command == "schema":
        return listing.show_schema()
    from factcheck.cli.commands import dispatch

    handled = dispatch(args, lambda: _engine(args))
    if handled is not None:
        return handled
    command = commands.get(args.command)
    if command is None:
        raise AssertionError(args.command)
    from factcheck.plugin_system.command import CommandContext

    context = CommandContext(lambda: _engine(args, pm))
    try:
        return command.run(args, context)
    finally:
        context.close()


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``factcheck`` command; returns the exit code."""
    _received.clear()
    previous = _catch_signals()
    try:
        code = _main(argv)
    except (KeyboardInterrupt, Terminated):
        code = ExitCode.INTERRUPTED
    except BrokenPipeError:
        _discard_stdout()
        code = ExitCode.BROKEN_PIPE
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    return _signal_exit() if _received else code


def _catch_signals() -> dict[int, Any]:
    """Handle ``SIGTERM`` and ``SIGINT`` (main thread only, and ``SIGINT`` only where Python's
    default handler is in place); the previous handlers, to put back."""
    import threading

    previous: dict[int, Any] = {}
    if threading.current_thread() is not threading.main_thread():
        return previous
    for signum in (signal.SIGTERM, signal.SIGINT):
        current = signal.getsignal(signum)
        if signum == signal.SIGINT and current is not signal.default_int_handler:
            continue
        previous[signum] = current if current is not None else signal.SIG_DFL
        signal.signal(signum, _on_signal)
    return previous


def _discard_stdout() -> None:
    """The reader of stdout is gone: point it at the null device, so the interpreter's last flush
    at exit does not complain about the pipe as well."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass


def _main(argv: Sequence[str] | None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        pm = None
        commands: dict[str, Command] = {}
        first = argv[0] if argv else ""
        if first == "check" or not (first in CORE_COMMANDS or first.startswith("--version")):
            # Plugins may add options to `check` and whole commands, so load them before parsing.
            early = argparse.ArgumentParser(add_help=False)
            _add_plugin_flags(early)
            known, _ = early.parse_known_args(argv[1:])
            pm = _plugin_manager(known)
            commands = plugin_commands(pm)
        if first == "check":
            assert pm is not None
            loaded = pm
            parser = build_parser(lambda check: _add_plugin_options(loaded, check))
        else:
            parser = build_parser(plugin_commands=commands)
        args = parser.parse_args(argv)
        if args.command is None:
            parser.print_help()
            return ExitCode.INPUT_ERROR
        return _dispatch(args, pm, commands)
    except (KeyboardInterrupt, Terminated, BrokenPipeError):
        raise
    except Exception as exc:
        if _received:  # the signal's exception, wrapped by the code it interrupted
            return _signal_exit()
        return _report_failure(exc)


def _report_failure(exc: Exception) -> int:
    from factcheck.errors import FactcheckError, InputError, PluginLoadError, UsageError
    from factcheck.reports.common import escape_controls

    if isinstance(exc, InputError):
        print(escape_controls(exc.one_line()), file=sys.stderr)
        return ExitCode.INPUT_ERROR
    if isinstance(exc, UsageError | PluginLoadError):
        print(escape_controls(f"factcheck: {exc}"), file=sys.stderr)
        return ExitCode.INPUT_ERROR
    if os.environ.get("FACTCHECK_DEBUG"):
        raise exc
    kind = "error" if isinstance(exc, FactcheckError) else "internal error"
    print(
        f"factcheck: {kind}: {type(exc).__name__}: {exc} (FACTCHECK_DEBUG=1 shows the traceback)",
        file=sys.stderr,
    )
    return ExitCode.INTERNAL_ERROR


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
