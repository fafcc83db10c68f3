"""The command line's argument parser: the core commands, their options, and what plugins add.

Plugins may add options to ``check`` (``add_options``) and whole commands
(``register_commands``); both go through here so that a plugin's failure is a load error naming
it, and a plugin command may not take a core command's name. Kept apart from ``main`` (the
entry point, exit codes and signals) so that either reads on its own.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from factcheck.plugin_system.command import Command
    from factcheck.plugin_system.manager import FactcheckPluginManager


def _version() -> str:
    from factcheck._version import __version__

    return __version__


def _codes(value: str) -> list[str]:
    return [part.strip().upper() for part in value.split(",") if part.strip()]


def add_plugin_flags(parser: argparse.ArgumentParser) -> None:
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
    add_plugin_flags(parser)


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
        add_plugin_flags(sub)
    rule = commands.add_parser("rule", help="explain one rule: what, why, examples")
    rule.add_argument("code")
    rule.add_argument("--config", metavar="FILE")
    add_plugin_flags(rule)
    commands.add_parser("schema", help="print the JSON Schema of the JSON report")
    from factcheck.cli.commands import add_commands

    add_commands(commands, add_plugin_flags)
    for name, command in (plugin_commands or {}).items():
        sub = commands.add_parser(name, help=command.help)
        command.add_arguments(sub)
        if command.reads_articles:
            sub.add_argument("--config", metavar="FILE")
            sub.add_argument(
                "--date", metavar="YYYY-MM-DD", help="publication date for articles that give none"
            )
        add_plugin_flags(sub)
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


def add_plugin_options(pm: FactcheckPluginManager, parser: argparse.ArgumentParser) -> None:
    """Each plugin's ``add_options``; a failure is a load error naming the plugin."""
    from factcheck.errors import PluginLoadError
    from factcheck.plugin_system.manager import call_each

    for plugin, call, kwargs in call_each(pm, pm.hook.add_options, parser=parser):
        try:
            call(**kwargs)
        except Exception as exc:
            raise PluginLoadError(plugin, f"add_options failed: {type(exc).__name__}: {exc}") from exc


def blocked_plugins(flags: Sequence[str]) -> list[str]:
    from factcheck.errors import UsageError

    names = []
    for flag in flags:
        if not flag.startswith("no:"):
            raise UsageError(f"-p takes no:NAME to block a plugin, not {flag!r}")
        names.append(flag[3:])
    return names
