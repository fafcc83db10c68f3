"""The command line: a thin layer over ``factcheck.engine.engine`` and the registries.

Exit codes live here and nowhere else (see ``ExitCode``). Errors a user can fix print one line,
``path:line:col: message``, and exit 2; anything unexpected prints one line and exits 3 (set
``FACTCHECK_DEBUG=1`` for the traceback). Ended from outside, factcheck exits as Unix tools do,
quietly and with nothing half-written: 130 on Ctrl-C (``SIGINT``), 143 on ``SIGTERM``, 141 when
the reader of its output goes away (``factcheck check ... | head``). Heavy modules are imported
inside the commands, so ``factcheck --version`` loads no plugin and no pydantic.

This module is the entry point: exit codes, signals and dispatch. The parser is ``arguments``,
the engine a command runs on ``loading``, and ``factcheck check`` itself ``check_command``.
"""

from __future__ import annotations

import argparse
import enum
import os
import signal
import sys
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from factcheck.cli.arguments import (
    CORE_COMMANDS,
    add_plugin_flags,
    add_plugin_options,
    build_parser,
    plugin_commands,
)
from factcheck.cli.check_command import command_check
from factcheck.cli.loading import engine_for, plugin_manager

if TYPE_CHECKING:
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


def _dispatch(
    args: argparse.Namespace, pm: FactcheckPluginManager | None, commands: Mapping[str, Command]
) -> int:
    from factcheck.cli import listing

    if args.command == "check":
        assert pm is not None
        return command_check(args, pm)
    if args.command == "plugins":
        return listing.show_plugins(engine_for(args), args.format)
    if args.command == "rules":
        return listing.show_rules(engine_for(args), args.format)
    if args.command == "rule":
        return listing.show_rule(engine_for(args), args.code)
    if args.command == "schema":
        return listing.show_schema()
    from factcheck.cli.commands import dispatch

    handled = dispatch(args, lambda: engine_for(args))
    if handled is not None:
        return handled
    command = commands.get(args.command)
    if command is None:
        raise AssertionError(args.command)
    from factcheck.plugin_system.command import CommandContext

    context = CommandContext(lambda: engine_for(args, pm))
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
            add_plugin_flags(early)
            known, _ = early.parse_known_args(argv[1:])
            pm = plugin_manager(known)
            commands = plugin_commands(pm)
        if first == "check":
            assert pm is not None
            loaded = pm
            parser = build_parser(lambda check: add_plugin_options(loaded, check))
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
