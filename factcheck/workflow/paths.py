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

A path that cannot be checked comes back as an ``ArticleError`` in its place, never as an
exception, so one bad argument costs one line on stderr and the rest of the run goes on: a path
that does not exist, a file name that is not valid UTF-8 (the report could not name it), a file
or folder factcheck may not read, anything that is not a regular file (a FIFO would block the
run for ever, ``/dev/zero`` would fill memory).
"""

from __future__ import annotations

import os
import stat
import subprocess
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from factcheck.errors import ArticleError

if TYPE_CHECKING:
    from pathspec import GitIgnoreSpec

    from factcheck.config.settings import Config

STDIN = "-"
_KINDS = (
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)
DEFAULT_EXCLUDE = ("node_modules/", ".venv/", "venv/", "__pycache__/", "site-packages/")
_GIT_TIMEOUT = 60


def shown(path: str) -> str:
    """``path`` as it can be printed and stored in a report: bytes that are not UTF-8 (which
    Python keeps as lone surrogates) are written ``\\xNN``."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return path


def _not_utf8(path: str) -> ArticleError | None:
    if shown(path) == path:
        return None
    return ArticleError("file name is not valid UTF-8; rename the file", shown(path))


def kind_of(mode: int) -> str:
    """What a non-regular file is, in words (``a FIFO``)."""
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def not_regular(path: str, mode: int) -> ArticleError:
    return ArticleError(
        f"not a regular file ({kind_of(mode)}); factcheck reads article files only", shown(path)
    )


def _strerror(exc: OSError) -> str:
    return (exc.strerror or str(exc)).lower()


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


_Rules = list[tuple[Path, "GitIgnoreSpec"]]


def _walk(folder: Path, gitignore: bool, excluder: Excluder) -> Iterator[Path | ArticleError]:
    """Files under ``folder``, pruning hidden and excluded folders and, with ``gitignore``, what
    the ``.gitignore`` files met on the way down ignore (each relative to its own folder). A
    folder that cannot be read is an ``ArticleError``, not silently skipped."""
    specs: dict[Path, _Rules] = {}
    unreadable: list[ArticleError] = []

    def failed(exc: OSError) -> None:
        where = exc.filename if isinstance(exc.filename, str) else str(folder)
        unreadable.append(ArticleError(f"cannot read folder: {_strerror(exc)}", shown(str(Path(where)))))

    for current, dirs, files in os.walk(folder, onerror=failed):
        yield from unreadable
        unreadable.clear()
        here = Path(current)
        rules = specs.get(here, [])
        if gitignore and ".gitignore" in files:
            rules = _with_gitignore(here, rules)
        kept = []
        for name in sorted(dirs):
            sub = here / name
            if name.startswith("."):
                continue
            if shown(name) != name:  # no pattern can be matched against it: say so, skip it
                unreadable.append(ArticleError("folder name is not valid UTF-8; rename it", shown(str(sub))))
                continue
            if _ignored(sub, True, excluder, rules):
                continue
            specs[sub] = rules
            kept.append(name)
        dirs[:] = kept
        for name in sorted(files):
            if name.startswith("."):
                continue
            if shown(name) != name or not _ignored(
                here / name, False, excluder, rules
            ):  # a bad name: reported later
                yield here / name
    yield from unreadable


def _with_gitignore(here: Path, rules: _Rules) -> _Rules:
    """The rules in force in ``here``: those inherited, and its own ``.gitignore``'s."""
    try:
        lines = (here / ".gitignore").read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        lines = []
    compiled = _spec(lines)
    return rules if compiled is None else [*rules, (here, compiled)]


def _ignored(path: Path, is_dir: bool, excluder: Excluder, rules: _Rules) -> bool:
    if excluder.excludes(path, is_dir):
        return True
    for base, spec in rules:
        relative = path.relative_to(base).as_posix() + ("/" if is_dir else "")
        if spec.match_file(relative):
            return True
    return False


def _articles_in(
    folder: Path, suffixes: set[str], gitignore: bool, excluder: Excluder
) -> list[str | ArticleError]:
    """Article files under ``folder``, sorted; unreadable folders and file names that are not
    UTF-8 as errors in their place."""
    listed = _git_files(folder) if gitignore else None
    problems: list[ArticleError] = []
    found: list[Path] = []
    if listed is None:
        for item in _walk(folder, gitignore, excluder):
            if isinstance(item, ArticleError):
                problems.append(item)
            elif item.suffix.lower() in suffixes and item.is_file():  # a FIFO is no article
                found.append(item)
    else:
        found = [
            p
            for p in listed
            if p.suffix.lower() in suffixes
            and not any(part.startswith(".") for part in p.relative_to(folder).parts)
            and p.is_file()
            and (_not_utf8(str(p)) is not None or not excluder.excludes(p))
        ]
    items: list[str | ArticleError] = list(problems)
    for path in found:
        problem = _not_utf8(str(path))
        items.append(problem if problem is not None else str(path))

    def key(item: str | ArticleError) -> tuple[str, ...]:
        return Path(item if isinstance(item, str) else item.path).parts

    return sorted(items, key=key)


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

    Anything that cannot be checked comes back as an ``ArticleError`` in its place (see the
    module docstring), so the rest of the run goes on and the report says which path was wrong.
    """
    suffixes = {e.lower() for e in extensions}
    excluder = Excluder(exclude, root)
    for raw in paths:
        if raw == STDIN:
            yield raw
            continue
        problem = _not_utf8(raw)
        if problem is not None:
            yield problem
            continue
        try:
            mode = os.stat(raw).st_mode
        except FileNotFoundError:
            yield ArticleError("no such file or directory", raw)
            continue
        except NotADirectoryError:
            yield ArticleError("no such file or directory (a parent is not a folder)", raw)
            continue
        except OSError as exc:
            yield ArticleError(f"cannot read file: {_strerror(exc)}", raw)
            continue
        path = Path(raw)
        if stat.S_ISDIR(mode):
            if not os.access(raw, os.R_OK | os.X_OK):
                yield ArticleError("cannot read folder: permission denied", raw)
                continue
            yield from _articles_in(path, suffixes, respect_gitignore, excluder)
        elif force_exclude and excluder.excludes(path):
            continue
        elif stat.S_ISREG(mode):
            yield raw
        else:
            yield not_regular(raw, mode)


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
