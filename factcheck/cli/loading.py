"""What a command runs on: the plugin manager, the configuration and the engine, each built from
the command line's options (``-p no:NAME``, ``--config`` and the options that override the
file's settings). An option's bad value is reported as the file's would be, naming the option.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from factcheck.cli.arguments import blocked_plugins

if TYPE_CHECKING:
    from factcheck.config.settings import Config
    from factcheck.engine.engine import Engine
    from factcheck.plugin_system.manager import FactcheckPluginManager


def plugin_manager(args: argparse.Namespace) -> FactcheckPluginManager:
    from factcheck.plugin_system.manager import get_plugin_manager

    blocked = blocked_plugins(args.plugin_flags)
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


def config_for(args: argparse.Namespace) -> Config:
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


def engine_for(args: argparse.Namespace, pm: FactcheckPluginManager | None = None) -> Engine:
    from factcheck.config.tomlfile import line_of
    from factcheck.engine.engine import Engine
    from factcheck.errors import CacheUnavailableError, ConfigError

    config = config_for(args)
    try:
        return Engine(config, pm or plugin_manager(args))
    except CacheUnavailableError as exc:
        cache_path = config.settings.network.cache_path
        message = f"[network] cache_path {cache_path!r}: {exc.reason}"
        if config.path is None:
            raise ConfigError(message, cache_path) from None
        line = line_of(config.text, [*config.prefix, "network", "cache_path"])
        raise ConfigError(message, config.location, line) from None
