"""What ``factcheck plugins``, ``rules``, ``rule CODE`` and ``schema`` print, from metadata only:
the rule files and the plugin manager are the single source, so listings cannot drift."""

from __future__ import annotations

import json
import sys
import textwrap

from factcheck.engine.engine import Engine
from factcheck.errors import UsageError
from factcheck.model.report import Report
from factcheck.plugin_system.manager import plugin_infos


def show_plugins(engine: Engine, fmt: str = "text") -> int:
    registry = engine.registry
    infos = plugin_infos(engine.pm)
    for info in infos:
        info.codes = sorted(registry.codes_by_plugin.get(info.name, []))
    verifiers = {v.name: v for v in registry.verifiers}
    if fmt == "json":
        rows = [
            {
                **vars(info),
                "verifiers": sorted(n for n in verifiers if n == info.name),
                "renderers": sorted(
                    n for n, r in registry.renderers.items() if type(r).__module__ == info.module
                ),
            }
            for info in infos
        ]
        print(
            json.dumps({"plugins": rows, "failed": [str(f) for f in engine.pm.load_report.failed]}, indent=2)
        )
        return 0
    for info in infos:
        origin = "built-in" if info.builtin else info.distribution
        print(f"{info.name} {info.version} ({origin}: {info.module})")
        print(f"    hooks: {', '.join(info.hooks) or '-'}")
        if info.codes:
            print(f"    rules: {', '.join(info.codes)}")
    print(f"\nformats: {', '.join(sorted(registry.renderers))}")
    print(f"policies: {', '.join(sorted(registry.policies))}")
    for failure in engine.pm.load_report.failed:
        print(f"not loaded: {failure}")
    return 0


def show_rules(engine: Engine, fmt: str = "text") -> int:
    rules = list(engine.registry.rules)
    owner = engine.registry.prefix_owner
    if fmt == "json":
        rows = [
            {
                **r.model_dump(
                    mode="json", include={"code", "name", "extends", "level", "status", "message"}
                ),
                "plugin": owner.get(r.prefix, "?"),
            }
            for r in rules
        ]
        print(json.dumps(rows, indent=2))
        return 0
    for rule in rules:
        plugin = owner.get(rule.prefix, "?")
        print(f"{rule.code}  {rule.name:<36} {rule.level.value:<8} {rule.extends:<12} {plugin}")
    return 0


def show_rule(engine: Engine, code: str) -> int:
    rule = engine.registry.rules.get(code.upper())
    if rule is None:
        raise UsageError(f"no rule {code!r}; `factcheck rules` lists them")
    out = sys.stdout
    out.write(
        f"{rule.code} {rule.name} ({rule.extends}, level {rule.level.value}, status {rule.status.value})\n"
    )
    out.write(f"plugin: {engine.registry.prefix_owner.get(rule.prefix, '?')}   file: {rule.source}\n\n")
    out.write(f"Message: {rule.message}\n\n")
    out.write(textwrap.dedent(rule.description).strip() + "\n")
    if rule.examples.bad:
        out.write("\nFlagged:\n" + "".join(f"  - {e}\n" for e in rule.examples.bad))
    if rule.examples.good:
        out.write("\nNot flagged:\n" + "".join(f"  - {e}\n" for e in rule.examples.good))
    if rule.link:
        out.write(f"\nMore: {rule.link}\n")
    return 0


def show_schema() -> int:
    print(json.dumps(Report.model_json_schema(), indent=2))
    return 0
