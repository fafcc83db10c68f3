"""Reading TOML files so that every error can name the file, the line and the key.

``tomllib`` reports syntax errors with a line but forgets positions once parsed, and pydantic
reports a key path but no line. ``line_of`` maps a key path back to the line that sets it, by
following table headers the way a reader's eye does; good enough for config and rule files,
which are short and hand-written.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from factcheck.errors import InputError

_HEADER = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\-\".]+)\s*=")
_TOML_LINE = re.compile(r"at line (\d+), column (\d+)")


def _parts(dotted: str) -> list[str]:
    return [p.strip().strip('"') for p in dotted.split(".")]


def line_of(text: str, loc: Sequence[str | int]) -> int:
    """The 1-based line that sets the key at ``loc`` (best effort; 1 when not found)."""
    keys = [str(k) for k in loc if not isinstance(k, int)]
    if not keys:
        return 1
    table: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(line)
        if header:
            table = _parts(header.group(1))
            if table == keys:
                return number
            continue
        key = _KEY.match(line)
        if key:
            full = table + _parts(key.group(1))
            if full == keys[: len(full)]:
                return number
            if full[: len(keys)] == keys:
                return number
    return 1


def parse_toml(text: str, path: str, error: type[InputError]) -> dict[str, Any]:
    """Parse TOML text, turning a syntax error into ``error`` with the file, line and column."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = _TOML_LINE.search(str(exc))
        line, col = (int(found.group(1)), int(found.group(2))) if found else (1, 1)
        message = re.sub(r"\s*\(\s*\)\s*$", "", _TOML_LINE.sub("", str(exc))).strip().rstrip("(").strip()
        raise error(f"invalid TOML: {message}", path, line, col) from None


def read_toml(path: Path, error: type[InputError]) -> tuple[str, dict[str, Any]]:
    """Read and parse a TOML file; unreadable or undecodable files become ``error``."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise error(f"cannot read: {exc}", str(path)) from None
    return text, parse_toml(text, str(path), error)


def validation_error(
    exc: ValidationError,
    text: str,
    path: str,
    error: type[InputError],
    prefix: Sequence[str] = (),
) -> InputError:
    """Every complaint pydantic has, one error each at the offending key's line, in file order:
    the first is returned and the rest ride along in its ``more`` (a user fixes them all in one
    go instead of one per run)."""
    found: list[InputError] = []
    seen: set[tuple[str, int]] = set()
    for problem in exc.errors():
        loc = [*prefix, *(str(p) for p in problem["loc"] if not isinstance(p, int))]
        key = ".".join(loc) or "(top level)"
        if problem["type"] == "extra_forbidden":
            message = f"unknown key {key!r}"
        else:
            message = f"bad value for {key!r}: {problem['msg']}"
        line = line_of(text, loc)
        if (message, line) not in seen:
            seen.add((message, line))
            found.append(error(message, path, line))
    found.sort(key=lambda e: e.line)
    first, *rest = found
    first.more = rest
    return first
