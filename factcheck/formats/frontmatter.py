"""YAML (``---``) and TOML (``+++``) front matter: where it ends, what it says, where it is wrong.

Front matter is the editor's declaration about the article (title, date, sources, draft state),
so a malformed block is an error pointing at the offending line of the *article file*, not a
silent fallback: a date that does not parse would otherwise anchor every relative date in the
text to the wrong day.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass, field
from typing import Any

from factcheck.errors import ArticleError
from factcheck.model.article import ArticleMeta

_FENCES = {"---": "yaml", "+++": "toml"}
_TOML_POS = re.compile(r"\(at line (\d+), column (\d+)\)")
_FALSE_WORDS = frozenset({"false", "no", "off", "0", "draft"})

_TITLE_KEYS = ("title", "headline")
_DATE_KEYS = ("date", "pubdate", "publish_date", "publishdate", "published_at", "published_date")
_AUTHOR_KEYS = ("author", "authors", "byline")
_URL_KEYS = ("url", "link", "canonical", "canonical_url", "permalink")
_STANDFIRST_KEYS = ("standfirst", "summary", "description", "subtitle", "dek", "excerpt")
_KNOWN = frozenset(
    (*_TITLE_KEYS, *_DATE_KEYS, *_AUTHOR_KEYS, *_URL_KEYS, *_STANDFIRST_KEYS, "sources", "published", "draft")
)


@dataclass(frozen=True)
class FrontMatter:
    """A parsed front-matter block: ``source[0:end]`` is the block including both fences."""

    end: int
    syntax: str  # "yaml" or "toml"
    data: dict[str, Any] = field(default_factory=dict)
    text: str = ""  # the lines between the fences
    first_line: int = 2  # 1-based file line of the first line inside the fences


def _fence_at(text: str, pos: int) -> tuple[str, int] | None:
    """The fence (``---``/``+++``) occupying the line at ``pos`` and that line's end, if any."""
    newline = text.find("\n", pos)
    line_end = len(text) if newline == -1 else newline
    line = text[pos:line_end].rstrip(" \t\r")
    if line in _FENCES:
        return line, line_end
    return None


def split_front_matter(text: str, path: str) -> FrontMatter | None:
    """Find and parse front matter at the very start of ``text`` (after an optional BOM).

    Returns ``None`` when the file has none. Raises ``ArticleError`` for a block that never
    closes or does not parse.
    """
    start = 1 if text.startswith("\ufeff") else 0
    opening = _fence_at(text, start)
    if opening is None:
        return None
    fence, line_end = opening
    syntax = _FENCES[fence]
    if line_end >= len(text):
        raise ArticleError(f"{syntax.upper()} front matter opened with {fence!r} never closes", path, 1, 1)
    body_start = line_end + 1
    pos = body_start
    while pos <= len(text):
        newline = text.find("\n", pos)
        line_end = len(text) if newline == -1 else newline
        line = text[pos:line_end].rstrip(" \t\r")
        if line == fence or (syntax == "yaml" and line == "..."):
            inner = text[body_start:pos]
            data = _parse(inner, syntax, path)
            end = line_end + 1 if newline != -1 else line_end
            return FrontMatter(end=end, syntax=syntax, data=data, text=inner)
        if newline == -1:
            break
        pos = newline + 1
    raise ArticleError(f"{syntax.upper()} front matter opened with {fence!r} never closes", path, 1, 1)


def _parse(inner: str, syntax: str, path: str) -> dict[str, Any]:
    if syntax == "toml":
        try:
            return tomllib.loads(inner)
        except tomllib.TOMLDecodeError as exc:
            message = str(exc)
            found = _TOML_POS.search(message)
            line, column = (int(found.group(1)), int(found.group(2))) if found else (1, 1)
            detail = _TOML_POS.sub("", message).strip()
            raise ArticleError(f"invalid TOML front matter: {detail}", path, line + 1, column) from None
    import yaml  # only for an article with YAML front matter

    if "*" in inner and "&" in inner:
        _check_aliases(inner, path)
    try:
        data = yaml.safe_load(inner)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line, column = (mark.line + 2, mark.column + 1) if mark is not None else (2, 1)
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise ArticleError(f"invalid YAML front matter: {problem}", path, line, column) from None
    except RecursionError:
        raise ArticleError("invalid YAML front matter: nested too deeply", path, 2, 1) from None
    except (ValueError, OverflowError) as exc:  # YAML's timestamp constructor: "2025-13-45"
        line = _bad_timestamp_line(inner)
        raise ArticleError(f"invalid date in YAML front matter: {exc}", path, line + 1, 1) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ArticleError(
            f"YAML front matter must be a mapping of keys to values, not a {type(data).__name__}",
            path,
            2,
            1,
        )
    return {str(key): value for key, value in data.items()}


MAX_ALIASES = 100


def _check_aliases(inner: str, path: str) -> None:
    """Refuse a "billion laughs" document: a few lines of aliases that expand to gigabytes."""
    import yaml

    try:
        aliases = sum(1 for token in yaml.scan(inner) if isinstance(token, yaml.AliasToken))
    except yaml.YAMLError:
        return  # the parser reports the syntax error with its position
    if aliases > MAX_ALIASES:
        message = (
            f"YAML front matter uses more than {MAX_ALIASES} aliases (*name); refused as a resource bomb"
        )
        raise ArticleError(message, path, 2, 1)


_TIMESTAMP = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def _bad_timestamp_line(inner: str) -> int:
    """The 1-based line (within the front matter) of the first impossible YYYY-MM-DD value."""
    for number, line in enumerate(inner.splitlines(), start=1):
        for found in _TIMESTAMP.finditer(line):
            try:
                dt.date(*(int(part) for part in found.groups()))
            except ValueError:
                return number
    return 1


def _key_line(front: FrontMatter, key: str) -> int:
    """The file line on which ``key`` is set, for error messages (first line if not found)."""
    pattern = re.compile(rf"^[ \t]*[\"']?{re.escape(key)}[\"']?[ \t]*[:=]", re.MULTILINE)
    found = pattern.search(front.text)
    if found is None:
        return front.first_line
    return front.first_line + front.text.count("\n", 0, found.start())


def _as_date(value: Any, front: FrontMatter, key: str, path: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
        try:
            return dt.datetime.fromisoformat(text).date()
        except ValueError:
            pass
    raise ArticleError(
        f"front matter {key!r} is not a date (use YYYY-MM-DD): {value!r}", path, _key_line(front, key), 1
    )


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, list | tuple):
        names = [_text(item) for item in value]
        joined = ", ".join(name for name in names if name)
        return joined or None
    if isinstance(value, dict):
        return _text(value.get("name"))
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    return text or None


def _first(data: dict[str, Any], keys: tuple[str, ...]) -> tuple[str, Any] | None:
    lowered = {key.lower(): key for key in data}
    for key in keys:
        if key in lowered and data[lowered[key]] is not None:
            return lowered[key], data[lowered[key]]
    return None


def _sources(value: Any, front: FrontMatter, path: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value.strip(),) if value.strip() else ()
    if isinstance(value, list | tuple):
        found: list[str] = []
        for item in value:
            if isinstance(item, dict):
                item = item.get("url") or item.get("path") or item.get("href")
            text = _text(item)
            if text:
                found.append(text)
        return tuple(found)
    raise ArticleError(
        "front matter 'sources' must be a list of paths or URLs", path, _key_line(front, "sources"), 1
    )


def _flag(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() not in _FALSE_WORDS
    return bool(value)


def meta_from_front_matter(front: FrontMatter, path: str) -> ArticleMeta:
    """Map front-matter keys onto ``ArticleMeta``; other scalar keys go into ``extra`` as text."""
    data = front.data
    title = _first(data, _TITLE_KEYS)
    date_item = _first(data, _DATE_KEYS)
    date = _as_date(date_item[1], front, date_item[0], path) if date_item else None
    author = _first(data, _AUTHOR_KEYS)
    url = _first(data, _URL_KEYS)
    standfirst = _first(data, _STANDFIRST_KEYS)
    lowered = {key.lower(): value for key, value in data.items()}

    published = True
    if "published" in lowered:
        value = lowered["published"]
        if isinstance(value, dt.date):
            date = date or (value.date() if isinstance(value, dt.datetime) else value)
        elif value is not None:
            published = _flag(value)
    if "draft" in lowered and lowered["draft"] is not None and _flag(lowered["draft"]):
        published = False

    extra: dict[str, str] = {}
    for key, value in data.items():
        if key.lower() in _KNOWN or isinstance(value, list | tuple | dict) or value is None:
            continue
        text = _text(value)
        if text is not None:
            extra[key] = text
    return ArticleMeta(
        title=_text(title[1]) if title else None,
        date=date,
        author=_text(author[1]) if author else None,
        url=_text(url[1]) if url else None,
        standfirst=_text(standfirst[1]) if standfirst else None,
        sources=_sources(lowered.get("sources"), front, path),
        published=published,
        extra=extra,
    )
