"""A cache on disk of loaded rule packs, so a run does not parse and validate ~70 TOML files.

Reading the shipped packs (TOML parsing, then pydantic validation and RE2 compiles of their
patterns) took ~25 ms of the ~0.4 s that ``factcheck check`` on one short article took; read
back from this cache they take ~2 ms. What is cached is exactly what ``load_rule_paths`` returns
for a list of folders, and it is used only while it is current. Its key holds:

- every ``*.toml`` file below the folders: path, size and modification time (nanoseconds);
- each rule type's class (its module and name) and the size and modification time of the
  source file of every class it inherits from (a changed model is a changed reading);
- the versions of factcheck, pydantic and Python.

Any difference, and a cache file that cannot be read, is from another version or is corrupt,
means the folders are read again and the cache rewritten. Files are written atomically (a
temporary file renamed over the old one), so concurrent runs (``--jobs``) read a whole file or
none. Rule files with errors are never cached: the error is reported on every run.

The cache lives in the user's cache folder: ``$FACTCHECK_CACHE_DIR``, else
``$XDG_CACHE_HOME/factcheck``, else ``~/.cache/factcheck``; ``FACTCHECK_CACHE_DIR=""`` turns it
off. It is a pickle, read only from a folder and file the current user owns that nobody else
may write (created ``0700`` and ``0600``); anything else is ignored and the packs are read from
the TOML files. A folder that cannot be created or written just means no cache.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from factcheck.rules.packs import Lexicon, RuleModel

Loaded = tuple[list["RuleModel"], dict[str, "Lexicon"]]

_FORMAT = 1  # bump when the layout of a cache file changes


def cache_dir() -> Path | None:
    """The folder for factcheck's caches, or None when caching is turned off."""
    configured = os.environ.get("FACTCHECK_CACHE_DIR")
    if configured is not None:
        return Path(configured).expanduser() if configured else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "factcheck"


def rule_files(folders: Iterable[Path]) -> list[Path]:
    """Every ``*.toml`` below the folders, in the order they are loaded."""
    found: list[Path] = []
    for folder in folders:
        found.extend(sorted(Path(folder).rglob("*.toml")))
    return found


def _stamp(path: Path) -> tuple[str, int, int]:
    info = path.stat()
    return (str(path), info.st_size, info.st_mtime_ns)


class _Uncacheable(Exception):
    """A rule type defined where no file says when it changed (``python -c``, a notebook)."""


def _class_stamps(rule_types: dict[str, type[RuleModel]]) -> list[tuple[str, str, Any]]:
    """Each rule type's class, and the size and modification time of each of its sources."""
    stamps: list[tuple[str, str, Any]] = []
    for name, cls in sorted(rule_types.items()):
        sources = []
        for base in cls.__mro__:
            if base.__module__.startswith(("pydantic", "builtins", "typing")):
                continue
            filename = getattr(sys.modules.get(base.__module__), "__file__", None)
            if not filename:
                raise _Uncacheable(base.__qualname__)
            sources.append(_stamp(Path(filename)))
        stamps.append((name, f"{cls.__module__}.{cls.__qualname__}", sources))
    return stamps


def _key(files: list[Path], rule_types: dict[str, type[RuleModel]]) -> tuple[Any, ...]:
    import pydantic

    from factcheck._version import __version__

    return (
        _FORMAT,
        __version__,
        pydantic.VERSION,
        sys.version,
        [_stamp(path) for path in files],
        _class_stamps(rule_types),
    )


def _private(path: Path) -> bool:
    """Owned by this user and writable by nobody else (``os.getuid`` is POSIX; elsewhere yes)."""
    info = path.stat()
    owner = getattr(os, "getuid", None)
    if owner is not None and info.st_uid != owner():
        return False
    return not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _read(path: Path, key: tuple[Any, ...]) -> Loaded | None:
    try:
        if not (_private(path.parent) and _private(path)):
            return None
        with path.open("rb") as handle:
            stored_key, value = pickle.load(handle)
    except Exception:  # missing, truncated, from another version: read the TOML files instead
        return None
    if stored_key != key:
        return None
    return value  # type: ignore[no-any-return]


def _write(path: Path, key: tuple[Any, ...], value: Loaded) -> None:
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(prefix=".rules-", dir=path.parent)  # created 0600
        try:
            with os.fdopen(fd, "wb") as handle:
                pickle.dump((key, value), handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
    except Exception:  # a read-only home, a full disk, an object that will not pickle:
        pass  # that costs the cache, never the run


def cached_load(
    folders: list[Path],
    rule_types: dict[str, type[RuleModel]],
    load: Callable[[list[Path]], Loaded],
) -> Loaded:
    """``load(files)``, or what it returned last time for the same files and rule types."""
    files = rule_files(folders)
    folder = cache_dir()
    if folder is None or not files:
        return load(files)
    try:
        key = _key(files, rule_types)
    except (OSError, _Uncacheable):  # a file vanished while we looked (the loader reports it),
        return load(files)  # or a rule type has no source file to date it
    name = hashlib.sha256(repr([str(f) for f in folders]).encode()).hexdigest()[:24]
    path = folder / f"rules-{name}.pickle"
    found = _read(path, key)
    if found is not None:
        return found
    loaded = load(files)
    _write(path, key, loaded)
    return loaded
