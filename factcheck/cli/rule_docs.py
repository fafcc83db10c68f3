"""``docs/rules.md`` is generated from the rule files' own metadata, so it cannot drift:
``python -m factcheck.cli.rule_docs --write`` regenerates it and tests/test_rule_docs.py fails when the
committed file differs from what the rules say now."""

from __future__ import annotations

import argparse
import textwrap
from pathlib import Path

from factcheck.config.settings import Config
from factcheck.engine.engine import Engine
from factcheck.plugin_system.manager import get_plugin_manager

DOC_PATH = Path(__file__).resolve().parents[2] / "docs" / "rules.md"


def render_rule_docs(engine: Engine) -> str:
    registry = engine.registry
    lines = [
        "# Rules",
        "",
        "Generated from the rule files by `python -m factcheck.cli.rule_docs --write`; do not edit by hand.",
        "`factcheck rule CODE` prints the same text for one rule.",
        "",
        "| code | name | plugin | type | level | status |",
        "|---|---|---|---|---|---|",
    ]
    rules = list(registry.rules)
    for rule in rules:
        owner = registry.prefix_owner.get(rule.prefix, "?")
        lines.append(
            f"| [{rule.code}](#{rule.code.lower()}) | {rule.name} | {owner} | {rule.extends} | "
            f"{rule.level.value} | {rule.status.value} |"
        )
    for rule in rules:
        lines += [
            "",
            f"## {rule.code}",
            "",
            f"**{rule.name}** — {rule.extends} rule, level `{rule.level.value}`.",
        ]
        lines += ["", f"Message: `{rule.message}`", "", textwrap.dedent(rule.description).strip()]
        if rule.examples.bad:
            lines += ["", "Flagged:", ""] + [f"- {_one_line(e)}" for e in rule.examples.bad]
        if rule.examples.good:
            lines += ["", "Not flagged:", ""] + [f"- {_one_line(e)}" for e in rule.examples.good]
        if rule.link:
            lines += ["", f"More: {rule.link}"]
    return "\n".join(lines) + "\n"


def _one_line(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def current() -> str:
    engine = Engine(Config(), get_plugin_manager())
    try:
        return render_rule_docs(engine)
    finally:
        engine.close()


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m factcheck.cli.rule_docs")
    parser.add_argument("--write", action="store_true", help=f"write {DOC_PATH.name} instead of printing")
    args = parser.parse_args()
    text = current()
    if args.write:
        DOC_PATH.parent.mkdir(exist_ok=True)
        DOC_PATH.write_text(text, encoding="utf-8")
    else:
        print(text, end="")


if __name__ == "__main__":
    main()
