"""The newsroom's commands beyond ``check``: ``baseline``, ``review``, ``index``, ``facts import``,
``plugin new``, and the git side of ``--changed-since``.

Kept apart from ``factcheck.cli`` so the core command line stays small; each command is a thin
layer over the module that does the work (``baseline``, ``review``, ``archive``, ``factpack``,
``scaffold``), imported only when the command runs.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from factcheck.errors import ArticleError, UsageError

if TYPE_CHECKING:
    from factcheck.engine import Engine

DEFAULT_BASELINE = ".factcheck-baseline.json"


def add_commands(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
    add_plugin_flags: Callable[[argparse.ArgumentParser], None],
) -> None:
    """Add the subcommands; ``add_plugin_flags`` gives those that check articles ``-p no:NAME``."""
    baseline = commands.add_parser(
        "baseline", help="record today's findings; later runs report only new ones"
    )
    baseline.add_argument("paths", nargs="+", metavar="PATH")
    baseline.add_argument(
        "--file", default=DEFAULT_BASELINE, help=f"baseline file (default {DEFAULT_BASELINE})"
    )
    review = commands.add_parser("review", help="accept or dismiss a finding; list an article's decisions")
    review.add_argument("action", choices=["accept", "dismiss", "list"])
    review.add_argument("path", metavar="ARTICLE")
    review.add_argument("finding", nargs="?", help="LINE:RULE (e.g. 14:SRC002) or a fingerprint")
    review.add_argument("--reason", help="why (required for accept and dismiss)")
    review.add_argument("--by", help="who decides (required for accept and dismiss)")
    index = commands.add_parser("index", help="build or update the archive index of published articles")
    index.add_argument("paths", nargs="+", metavar="PATH", help="article files or folders")
    index.add_argument(
        "--archive", required=True, metavar="DB", help="the SQLite archive file to create or update"
    )
    for sub in (baseline, review, index):
        sub.add_argument("--config", metavar="FILE")
        sub.add_argument("--date", metavar="YYYY-MM-DD", help="publication date for articles that give none")
        add_plugin_flags(sub)
    facts = commands.add_parser("facts", help="fact packs: import a CSV/JSONL export")
    facts_actions = facts.add_subparsers(dest="facts_command", metavar="ACTION", required=True)
    imported = facts_actions.add_parser(
        "import", help="convert CSV or JSON Lines rows into a validated fact pack"
    )
    imported.add_argument("file", metavar="FILE")
    imported.add_argument("--output", "-o", required=True, metavar="OUT.toml")
    imported.add_argument("--name", default="imported", help="the pack's name")
    plugin = commands.add_parser("plugin", help="tools for plugin authors (see docs/plugins.md)")
    plugin_actions = plugin.add_subparsers(dest="plugin_command", metavar="ACTION", required=True)
    new = plugin_actions.add_parser("new", help="scaffold a plugin package that passes its own tests")
    new.add_argument("name", help="the plugin's name, e.g. house-style")
    new.add_argument("--dir", default=".", metavar="D", help="create the package folder in D (default: .)")
    new.add_argument("--prefix", metavar="ABC", help="rule-code prefix (default: from the name)")


def dispatch(args: argparse.Namespace, make_engine: Callable[[], Engine]) -> int | None:
    """Run one of these commands; ``None`` when ``args.command`` is not one of them."""
    if args.command == "baseline":
        return command_baseline(args, make_engine())
    if args.command == "review":
        return command_review(args, make_engine())
    if args.command == "index":
        from factcheck.archive import command_index

        return command_index(make_engine(), args.archive, args.paths)
    if args.command == "facts":
        from factcheck.factpack import command_import

        return command_import(args.file, args.output, args.name)
    if args.command == "plugin":
        from factcheck.scaffold import command_new

        return command_new(args.name, args.dir, args.prefix)
    return None


def changed_since(ref: str, paths: Iterable[str]) -> set[str]:
    """Files under ``paths`` that differ from git ``ref`` (committed, staged or not) or are new."""
    listed = list(paths)
    commands = [
        ["git", "diff", "--name-only", "--diff-filter=ACMR", "--relative", ref, "--", *listed],
        ["git", "ls-files", "--others", "--exclude-standard", "--", *listed],
    ]
    changed: set[str] = set()
    for command in commands:
        try:
            done = subprocess.run(command, capture_output=True, text=True, check=False, timeout=60)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise UsageError(f"--changed-since needs git: {exc}") from None
        if done.returncode != 0:
            message = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "git failed"
            raise UsageError(f"--changed-since {ref}: {message}")
        changed.update(str(Path(line).resolve()) for line in done.stdout.splitlines() if line)
    return changed


def keep_changed(items: Iterable[str | ArticleError], changed: set[str]) -> Iterator[str | ArticleError]:
    """Only the items git says changed; errors (missing paths) and stdin always pass."""
    for item in items:
        if not isinstance(item, str) or item == "-" or str(Path(item).resolve()) in changed:
            yield item


def command_baseline(args: argparse.Namespace, engine: Engine) -> int:
    from factcheck.baseline import Baseline
    from factcheck.run import check_all, expand_paths

    baseline = Baseline(Path(args.file))
    items = expand_paths(args.paths, engine.config.settings.check.extensions)
    problems = 0
    reports = []
    for report in check_all(engine, items):
        for problem in report.problems:
            print(problem.one_line(), file=sys.stderr)
            problems += 1
        reports.append(report)
    recorded = baseline.record(reports)
    baseline.save()
    print(f"recorded {recorded} finding(s) from {len(reports)} article(s) in {args.file}")
    return 2 if problems else 0


def command_review(args: argparse.Namespace, engine: Engine) -> int:
    from factcheck.review import Decisions, select_findings

    report = engine.check_file(args.path)
    if report.problems:
        raise UsageError(report.problems[0].one_line())
    decisions = Decisions.for_article(args.path)
    if args.action == "list":
        for verdict in report.verdicts:
            if verdict.decision is not None:
                d = verdict.decision
                print(
                    f"{verdict.line}:{verdict.rule} {d.decision}ed by {d.by} at {d.at:%Y-%m-%d}: {d.reason}"
                )
        for entry in decisions.stale(report):
            print(
                f"reopened (statement changed): {entry['rule']} {entry['decision']} by {entry['by']}: "
                f"{entry['statement'][:80]}"
            )
        return 0
    if not args.finding or not args.reason or not args.by:
        raise UsageError("review accept/dismiss needs FINDING, --reason and --by")
    statements = {s.id: s.text for s in report.statements}
    for verdict in select_findings(report, args.finding):
        decisions.record(verdict, statements.get(verdict.statement_id, ""), args.action, args.reason, args.by)
        print(f"{args.action}: {verdict.line}:{verdict.column} {verdict.rule} {verdict.message}")
    decisions.save()
    print(f"saved in {decisions.path}")
    return 0
