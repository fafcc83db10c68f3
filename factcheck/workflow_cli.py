"""The editorial and CI commands: ``baseline``, ``review`` and ``--changed-since``.

Kept apart from ``factcheck.cli`` so the core command line stays small; each command is a thin
layer over ``factcheck.baseline``, ``factcheck.review`` and git.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from factcheck.errors import ArticleError, UsageError

if TYPE_CHECKING:
    from factcheck.engine import Engine

DEFAULT_BASELINE = ".factcheck-baseline.json"


def add_commands(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
) -> list[argparse.ArgumentParser]:
    """Add ``baseline`` and ``review``; returns their parsers so the caller adds common flags."""
    baseline = commands.add_parser(
        "baseline", help="record today's findings; later runs report only new ones"
    )
    baseline.add_argument("paths", nargs="+", metavar="PATH")
    baseline.add_argument(
        "--file", default=DEFAULT_BASELINE, help=f"baseline file (default {DEFAULT_BASELINE})"
    )
    baseline.add_argument("--config", metavar="FILE")
    baseline.add_argument("--date", metavar="YYYY-MM-DD")
    review = commands.add_parser("review", help="accept or dismiss a finding; list an article's decisions")
    review.add_argument("action", choices=["accept", "dismiss", "list"])
    review.add_argument("path", metavar="ARTICLE")
    review.add_argument("finding", nargs="?", help="LINE:RULE (e.g. 14:SRC002) or a fingerprint")
    review.add_argument("--reason", help="why (required for accept and dismiss)")
    review.add_argument("--by", help="who decides (required for accept and dismiss)")
    review.add_argument("--config", metavar="FILE")
    review.add_argument("--date", metavar="YYYY-MM-DD")
    return [baseline, review]


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
