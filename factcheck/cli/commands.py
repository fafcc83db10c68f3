"""The newsroom's commands beyond ``check``: ``baseline``, ``review``, ``plugin new``, and the git
side of ``--changed-since``. (``index`` and ``facts`` come from the xref plugin.)

Kept apart from ``factcheck.cli.main`` so the core command line stays small; each command is a thin
layer over the module that does the work (``baseline``, ``review``, ``scaffold``), imported only
when the command runs.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from factcheck.errors import ArticleError, UsageError

if TYPE_CHECKING:
    from factcheck.engine.engine import Engine

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
        "--file",
        help=f"baseline file (default: the config's [check] baseline, else {DEFAULT_BASELINE})",
    )
    review = commands.add_parser("review", help="accept or dismiss a finding; list an article's decisions")
    review.add_argument("action", choices=["accept", "dismiss", "list"])
    review.add_argument("path", metavar="ARTICLE")
    review.add_argument("finding", nargs="?", help="LINE:RULE (e.g. 14:SRC002) or a fingerprint")
    review.add_argument("--reason", help="why (required for accept and dismiss)")
    review.add_argument("--by", help="who decides (required for accept and dismiss)")
    for sub in (baseline, review):
        sub.add_argument("--config", metavar="FILE")
        sub.add_argument(
            "--offline", action="store_true", help="make no network request at all (article text stays here)"
        )
        sub.add_argument("--date", metavar="YYYY-MM-DD", help="publication date for articles that give none")
        add_plugin_flags(sub)
    serve = commands.add_parser("serve", help="run the newsroom review service (docs/service.md)")
    serve.add_argument("--host", help="address to bind (default from [serve]: 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port (default from [serve]: 8765)")
    serve.add_argument("--workers", type=int, metavar="N", help="check worker processes")
    serve.add_argument("--database-url", metavar="URL", help="postgresql://... (default: SQLite)")
    serve.add_argument(
        "--token-file", metavar="FILE", help="bearer token clients must send (else $FACTCHECK_SERVE_TOKEN)"
    )
    serve.add_argument("--config", metavar="FILE")
    add_plugin_flags(serve)
    plugin = commands.add_parser("plugin", help="tools for plugin authors (see docs/plugins.md)")
    plugin_actions = plugin.add_subparsers(dest="plugin_command", metavar="ACTION", required=True)
    new = plugin_actions.add_parser("new", help="scaffold a plugin package that passes its own tests")
    new.add_argument("name", help="the plugin's name, e.g. house-style")
    new.add_argument("--dir", default=".", metavar="D", help="create the package folder in D (default: .)")
    new.add_argument("--prefix", metavar="ABC", help="rule-code prefix (default: from the name)")


def dispatch(args: argparse.Namespace, make_engine: Callable[[], Engine]) -> int | None:
    """Run one of these commands; ``None`` when ``args.command`` is not one of them."""
    if args.command == "baseline":
        return command_baseline(args, make_baseline_engine(args, make_engine))
    if args.command == "review":
        return command_review(args, make_engine())
    if args.command == "serve":
        from factcheck.service.server import command_serve

        bad = [flag for flag in args.plugin_flags if not flag.startswith("no:")]
        if bad:
            raise UsageError(f"-p takes no:NAME to block a plugin, not {bad[0]!r}")
        return command_serve(args, [flag[3:] for flag in args.plugin_flags])
    if args.command == "plugin":
        from factcheck.cli.scaffold import command_new

        return command_new(args.name, args.dir, args.prefix)
    return None


_GIT_TIMEOUT = 60


def _git(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run git in ``folder`` with pathspecs taken literally (a file named ``*.md`` is one file)."""
    command = ["git", "--literal-pathspecs", "-C", str(folder), *args]
    try:
        return subprocess.run(
            command,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="surrogateescape",
            check=False,
            timeout=_GIT_TIMEOUT,
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise UsageError(f"--changed-since needs git: {exc}") from None


def _last_line(done: subprocess.CompletedProcess[str]) -> str:
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    return lines[-1].strip() if lines else f"git exited with status {done.returncode}"


def _end_of_options() -> list[str]:
    """``--end-of-options`` where ``git rev-parse`` knows it (2.30+): belt and braces after the
    ``-`` check, since the revision the user typed is the one argument git must not read as an
    option. Later commands get the commit id ``rev-parse`` printed, never the user's text."""
    try:
        done = subprocess.run(
            ["git", "--version"], capture_output=True, text=True, check=False, timeout=_GIT_TIMEOUT
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise UsageError(f"--changed-since needs git: {exc}") from None
    found = re.search(r"(\d+)\.(\d+)", done.stdout)
    return ["--end-of-options"] if found and (int(found[1]), int(found[2])) >= (2, 30) else []


def _folder_of(raw: str) -> Path | None:
    """The existing folder git should run in for one command-line path (None: nothing there)."""
    path = Path(raw).resolve()
    if path.is_dir():
        return path
    return path.parent if path.parent.is_dir() else None


def changed_since(ref: str, paths: Iterable[str]) -> set[str]:
    """Files under ``paths`` changed since the branch left git ``ref`` (the merge base of ``ref``
    and ``HEAD``, as in ``git diff REF...HEAD``), committed, staged or not, and new files.

    Git runs in the articles' own repository (each path's folder, grouped by work tree), not in
    the current directory, so ``factcheck check ~/site/articles --changed-since main`` works from
    anywhere. ``ref`` is refused when it starts with ``-``: git would take it as an option.
    Returns resolved absolute paths, as ``keep_changed`` compares them.
    """
    if not ref or ref.startswith("-"):
        raise UsageError(f"--changed-since needs a git revision (a branch, tag or commit), not {ref!r}")
    folders = {folder for raw in paths if (folder := _folder_of(raw)) is not None}
    if not folders:
        folders = {Path.cwd().resolve()}
    repositories: dict[Path, set[Path]] = {}
    for folder in sorted(folders):
        done = _git(folder, "rev-parse", "--is-inside-work-tree", "--show-toplevel")
        if done.returncode != 0 or not done.stdout.startswith("true"):
            raise UsageError(f"--changed-since {ref}: {folder} is not inside a git work tree")
        top = Path(done.stdout.splitlines()[1]).resolve()
        repositories.setdefault(top, set()).add(folder)
    end = _end_of_options()
    changed: set[str] = set()
    for top, under in sorted(repositories.items()):
        commit = _git(top, "rev-parse", "--verify", "--quiet", *end, f"{ref}^{{commit}}")
        if commit.returncode != 0:
            raise UsageError(f"--changed-since {ref}: no such commit in {top}")
        # What this branch changed since it left REF (git's REF...HEAD), not the difference from
        # REF's tip, which would also list every article REF changed after the branch was made.
        base = _git(top, "merge-base", commit.stdout.strip(), "HEAD")
        if base.returncode != 0:
            raise UsageError(
                f"--changed-since {ref}: no common ancestor with HEAD in {top}"
                " (a shallow clone? fetch the whole history: fetch-depth: 0, GIT_DEPTH: 0)"
            )
        specs = sorted({Path(os.path.relpath(f, top)).as_posix() for f in under})
        for args in (
            ["diff", "--name-only", "-z", "--no-renames", "--diff-filter=ACM", base.stdout.strip()],
            ["ls-files", "-z", "--others", "--exclude-standard"],
        ):
            done = _git(top, *args, "--", *specs)
            if done.returncode != 0:
                raise UsageError(f"--changed-since {ref}: {_last_line(done)}")
            changed.update(str((top / name).resolve()) for name in done.stdout.split("\0") if name)
    return changed


def keep_changed(items: Iterable[str | ArticleError], changed: set[str]) -> Iterator[str | ArticleError]:
    """Only the items git says changed; errors (missing paths) and stdin always pass."""
    for item in items:
        if not isinstance(item, str) or item == "-" or str(Path(item).resolve()) in changed:
            yield item


def make_baseline_engine(args: argparse.Namespace, make_engine: Callable[[], Engine]) -> Engine:
    """The engine ``factcheck baseline`` records with, and the file it records to.

    The file is ``--file``, else the config's ``[check] baseline``, else the default; it is
    stored in ``args.file``. The engine must neither require that file (the first run creates
    it) nor apply it (a baseline records every finding, including those it already knows), so
    the configured baseline is overridden with none, as ``check --baseline`` overrides it.
    """
    if args.file is None:
        from factcheck.config.settings import load_config

        configured = load_config(getattr(args, "config", None)).settings.check.baseline
        args.file = configured or DEFAULT_BASELINE
    args.baseline = ""
    return make_engine()


def command_baseline(args: argparse.Namespace, engine: Engine) -> int:
    """Record the findings of the articles given, keeping the file's entries for all others."""
    from factcheck.engine.batch import check_all
    from factcheck.workflow.baseline import Baseline
    from factcheck.workflow.paths import find_articles

    baseline = Baseline.load_optional(Path(args.file or DEFAULT_BASELINE))
    items = find_articles(args.paths, engine.config)
    problems = 0
    reports = []
    for report in check_all(engine, items):
        for problem in report.problems:
            print(problem.one_line(), file=sys.stderr)
            problems += 1
        reports.append(report)
    recorded = baseline.update(reports)
    print(f"recorded {recorded} finding(s) from {len(reports)} article(s) in {baseline.path}")
    return 2 if problems else 0


def command_review(args: argparse.Namespace, engine: Engine) -> int:
    from factcheck.workflow.review import Decisions, select_findings

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
