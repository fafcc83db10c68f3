"""The ``factcheck`` entry points of installed distributions, read without importlib.metadata.

``importlib.metadata.entry_points`` takes ~15 ms on the 2-core development machine (it parses
every distribution's entry points into objects, and our METADATA holds the whole README), and
importing it ~35 ms more where nothing else has (it pulls in ``email``, ``zipfile`` and ``csv``):
a large part of the 0.15 s that checking one article may take. The files it reads are simple, so
this module reads them itself, the way its path finder does: each folder on ``sys.path``, each
``*.dist-info`` or ``*.egg-info`` folder in it, its ``entry_points.txt`` (an INI file) and, for a
distribution that declares an entry point of the group, the ``Name`` and ``Version`` headers of
its metadata (~2 ms in all). As there, a distribution seen twice (the same normalised name in two
folders of ``sys.path``) counts once, the first.

A path entry this reader does not handle (a zip file on ``sys.path``, a meta path finder that
finds distributions of its own) sends the whole scan to ``importlib.metadata``, so the answer is
always the one it would give.
"""

from __future__ import annotations

import importlib
import os
import re
import sys
from dataclasses import dataclass
from typing import Any

_SUFFIXES = (".dist-info", ".egg-info")
_STANDARD_FINDERS = ("PathFinder",)  # importlib's own; it finds what this module reads


@dataclass(frozen=True)
class PluginEntry:
    """One entry point of the group: ``name = module[:attr]``, and its distribution."""

    name: str
    value: str
    dist: str
    version: str

    def load(self) -> Any:
        """Import the module and follow the attribute path, as ``EntryPoint.load`` does."""
        module, _, attrs = self.value.partition(":")
        found: Any = importlib.import_module(module.strip())
        for attr in filter(None, attrs.strip().split(".")):
            found = getattr(found, attr)
        return found


def _normalise(name: str) -> str:
    """PEP 503, as importlib.metadata compares distribution names (``Foo.Bar`` is ``foo_bar``)."""
    return re.sub(r"[-_.]+", "_", name).lower()


def _section(text: str, group: str) -> list[tuple[str, str]]:
    """``name = value`` lines of one ``[group]`` of an ``entry_points.txt``."""
    found: list[tuple[str, str]] = []
    inside = False
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            inside = line.strip("[]").strip() == group
            continue
        if inside and "=" in line:
            name, _, value = line.partition("=")
            found.append((name.strip(), value.strip()))
    return found


def _headers(folder: str) -> tuple[str, str]:
    """``(Name, Version)`` from a dist-info's ``METADATA`` or an egg-info's ``PKG-INFO``: the
    headers come before the first blank line, and the description after it is never read."""
    values = {"name": "?", "version": "?"}
    for filename in ("METADATA", "PKG-INFO"):
        try:
            with open(os.path.join(folder, filename), encoding="utf-8", errors="replace") as handle:
                for line in handle:
                    if not line.strip():
                        break
                    key, _, value = line.partition(":")
                    if key.strip().lower() in values and values[key.strip().lower()] == "?":
                        values[key.strip().lower()] = value.strip()
        except OSError:
            continue
        break
    return values["name"], values["version"]


def _stem_name(folder_name: str) -> str:
    """The distribution name a metadata folder's name carries (``foo_bar-1.0.dist-info``)."""
    stem = folder_name.rsplit(".", 1)[0]
    return stem.partition("-")[0]


class _Unsupported(Exception):
    """A path entry or finder this reader leaves to importlib.metadata."""


def _scan(group: str) -> list[PluginEntry]:
    if any(
        hasattr(finder, "find_distributions") and getattr(finder, "__name__", "") not in _STANDARD_FINDERS
        for finder in sys.meta_path
    ):
        raise _Unsupported
    seen: set[str] = set()
    found: list[PluginEntry] = []
    for entry in sys.path:
        root = entry or "."
        if not os.path.isdir(root):
            if os.path.exists(root):  # a zip file of packages: importlib.metadata reads those
                raise _Unsupported
            continue
        try:
            names = os.listdir(root)
        except OSError:
            continue
        for name in names:
            if not name.lower().endswith(_SUFFIXES):
                continue
            key = _normalise(_stem_name(name))
            if key in seen:
                continue
            seen.add(key)
            folder = os.path.join(root, name)
            try:
                with open(os.path.join(folder, "entry_points.txt"), encoding="utf-8") as handle:
                    lines = _section(handle.read(), group)
            except (OSError, UnicodeDecodeError):
                continue
            if lines:
                dist, version = _headers(folder)
                found.extend(PluginEntry(n, v, dist, version) for n, v in lines)
    return found


def _from_importlib(group: str) -> list[PluginEntry]:
    from importlib import metadata

    found = []
    for ep in metadata.entry_points(group=group):
        meta = ep.dist.metadata if ep.dist is not None else None
        dist, version = (meta["Name"], meta["Version"]) if meta is not None else ("?", "?")
        found.append(PluginEntry(ep.name, ep.value, dist, version))
    return found


def entry_points(group: str) -> list[PluginEntry]:
    """Every entry point of ``group`` on ``sys.path``, sorted by name."""
    try:
        found = _scan(group)
    except _Unsupported:
        found = _from_importlib(group)
    return sorted(found, key=lambda ep: ep.name)
