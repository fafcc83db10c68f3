"""Which files a run checks: paths as given, folders searched for article suffixes.

A folder is searched the way the newsroom's repository sees it, as ruff and pre-commit do:

* inside a git work tree, only files git would show (``git ls-files --cached --others
  --exclude-standard``): every ``.gitignore``, ``.git/info/exclude`` and the global excludes
  apply, with git's own rules, so git-ignored drafts and ``node_modules/`` are never checked;
* outside one (or without git), the ``.gitignore`` files found on the way down are applied with
  pathspec's gitignore semantics (``respect_gitignore = false`` turns both off);
* hidden files and folders (``.git``, ``.cache``) are skipped;
* ``[check] exclude`` and ``extend_exclude`` hold gitignore-style patterns, relative to the
  config file's folder (``drafts/``, ``archive/**/*.html``); ``exclude`` has defaults
  (``node_modules``, virtual environments) that a newsroom rarely wants checked.

Files named on the command line are checked even when a pattern would exclude them, unless
``force_exclude = true`` (for pre-commit, which passes every changed file by name). pathspec is
imported only when a folder is searched or a pattern applies, so checking one file pays nothing.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from factcheck.errors import ArticleError

if TYPE_CHECKING:
    from pathspec import GitIgnoreSpec

    from factcheck.config.settings import Config

STDIN = "-"
DEFAULT_EXCLUDE = ("node_modules/", ".venv/", "venv/", "__pycache__/", "site-packages/")
_GIT_TIMEOUT = 60


def _spec(patterns: Iterable[str]) -> GitIgnoreSpec | None:
    lines = [p for p in patterns if p.strip()]
    if not lines:
        return None
    from pathspec import GitIgnoreSpec

    return GitIgnoreSpec.from_lines(lines)


class Excluder:
    """``exclude`` patterns, matched against paths relative to ``root`` (the config's folder)."""

    def __init__(self, patterns: Sequence[str], root: Path | None = None) -> None:
        self.root = (root or Path.cwd()).resolve()
        self.patterns = list(patterns)
        self._compiled: GitIgnoreSpec | None = None
        self._built = False

    def excludes(self, path: Path, is_dir: bool = False) -> bool:
        if not self.patterns:
            return False
        if not self._built:
            self._compiled, self._built = _spec(self.patterns), True
        if self._compiled is None:
            return False
        absolute = path if path.is_absolute() else Path.cwd() / path
        try:
            relative = Path(os.path.normpath(absolute)).relative_to(self.root).as_posix()
        except ValueError:
            relative = Path(os.path.normpath(absolute)).as_posix().lstrip("/")
        if relative in ("", "."):
            return False
        # Any leading folder excluded excludes what is inside it, as git treats an ignored folder.
        parts = relative.split("/")
        for depth in range(1, len(parts) + 1):
            candidate = "/".join(parts[:depth])
            folder = depth < len(parts) or is_dir
            if self._compiled.match_file(candidate + ("/" if folder else "")):
                return True
        return False


def _git_files(folder: Path) -> list[Path] | None:
    """Files git shows under ``folder`` (tracked, or new and not ignored); ``None`` when the
    folder is not in a git work tree or git cannot run."""
    command = ["git", "-C", str(folder), "ls-files", "-z", "--cached", "--others", "--exclude-standard"]
    try:
        done = subprocess.run(
            command,
            capture_output=True,
            check=False,
            timeout=_GIT_TIMEOUT,
            stdin=subprocess.DEVNULL,
            env={**os.environ, "GIT_OPTIONAL_LOCKS": "0"},
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if done.returncode != 0:
        return None
    names = done.stdout.decode("utf-8", "surrogateescape").split("\0")
    return [folder / name for name in dict.fromkeys(names) if name]


def _walk(folder: Path, gitignore: bool, excluder: Excluder) -> Iterator[Path]:
    """Files under ``folder``, pruning hidden and excluded folders and, with ``gitignore``, what
    the ``.gitignore`` files met on the way down ignore (each relative to its own folder)."""
    specs: dict[Path, list[tuple[Path, GitIgnoreSpec]]] = {}
    for current, dirs, files in os.walk(folder):
        here = Path(current)
        inherited = specs.get(here, [])
        if gitignore and ".gitignore" in files:
            try:
                lines = (here / ".gitignore").read_text(encoding="utf-8", errors="replace").splitlines()
            except OSError:
                lines = []
            compiled = _spec(lines)
            if compiled is not None:
                inherited = [*inherited, (here, compiled)]

        def ignored(path: Path, is_dir: bool, rules: list[tuple[Path, GitIgnoreSpec]] = inherited) -> bool:
            if excluder.excludes(path, is_dir):
                return True
            for base, spec in rules:
                relative = path.relative_to(base).as_posix() + ("/" if is_dir else "")
                if spec.match_file(relative):
                    return True
            return False

        kept = []
        for name in sorted(dirs):
            sub = here / name
            if name.startswith(".") or ignored(sub, True):
                continue
            specs[sub] = inherited
            kept.append(name)
        dirs[:] = kept
        for name in sorted(files):
            if not name.startswith(".") and not ignored(here / name, False):
                yield here / name


def _articles_in(folder: Path, suffixes: set[str], gitignore: bool, excluder: Excluder) -> list[str]:
    listed = _git_files(folder) if gitignore else None
    if listed is None:
        found = [p for p in _walk(folder, gitignore, excluder) if p.suffix.lower() in suffixes]
    else:
        found = [
            p
            for p in listed
            if p.suffix.lower() in suffixes
            and not any(part.startswith(".") for part in p.relative_to(folder).parts)
            and p.is_file()
            and not excluder.excludes(p)
        ]
    return [str(p) for p in sorted(found)]


def expand_paths(
    paths: Iterable[str],
    extensions: Iterable[str],
    *,
    exclude: Sequence[str] = DEFAULT_EXCLUDE,
    root: Path | None = None,
    respect_gitignore: bool = True,
    force_exclude: bool = False,
) -> Iterator[str | ArticleError]:
    """Files as given, directories searched for article suffixes (sorted), ``-`` kept for stdin.

    A path that does not exist comes back as an ``ArticleError`` in its place, so the rest of the
    run goes on and the report says which argument was wrong.
    """
    suffixes = {e.lower() for e in extensions}
    excluder = Excluder(exclude, root)
    for raw in paths:
        if raw == STDIN:
            yield raw
            continue
        path = Path(raw)
        if path.is_dir():
            yield from _articles_in(path, suffixes, respect_gitignore, excluder)
        elif path.exists():
            if not (force_exclude and excluder.excludes(path)):
                yield raw
        else:
            yield ArticleError("no such file or directory", raw)


def find_articles(paths: Iterable[str], config: Config) -> Iterator[str | ArticleError]:
    """``expand_paths`` with the run's ``[check]`` settings: suffixes, exclude patterns (relative
    to the config file's folder), .gitignore and ``force_exclude``."""
    check = config.settings.check
    return expand_paths(
        paths,
        check.extensions,
        exclude=[*check.exclude, *check.extend_exclude],
        root=config.path.parent if config.path is not None else None,
        respect_gitignore=check.respect_gitignore,
        force_exclude=check.force_exclude,
    )


def project_root(start: Path | None = None) -> Path:
    """The folder report paths are made relative to: the git work tree holding ``start`` (the
    current folder by default), else ``start`` itself. Found by looking for ``.git`` upwards, so
    no subprocess is needed."""
    here = (start or Path.cwd()).resolve()
    for folder in [here, *here.parents]:
        if (folder / ".git").exists():
            return folder
    return here
