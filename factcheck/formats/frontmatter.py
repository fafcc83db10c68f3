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
from typing import TYPE_CHECKING, Any

from factcheck.errors import ArticleError
from factcheck.model.article import ArticleMeta, line_breaks

if TYPE_CHECKING:
    import yaml

_FENCES = {"---": "yaml", "+++": "toml"}
_TOML_POS = re.compile(r"\(at line (\d+), column (\d+)\)")
_FALSE_WORDS = frozenset({"false", "no", "off", "0", "draft"})
#: ``status`` values of a published article (WordPress "publish", Ghost "published"...); any
#: other status (draft, pending, review, scheduled, future, private, embargoed) is unpublished.
_PUBLISHED_STATUSES = frozenset({"publish", "published", "live", "public"})

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


#: Front matter larger than this is refused: it is a few lines of metadata, never a document.
MAX_FRONT_MATTER_BYTES = 65_536
#: YAML nodes a front-matter block may hold once every alias (``*name``) is expanded: more than
#: 64 KiB of YAML can spell without aliases, so only an alias "bomb" reaches it.
MAX_YAML_NODES = 50_000

_BREAK = re.compile(r"\r\n?|\n")


def _line_end(text: str, pos: int) -> tuple[int, int]:
    """The end of the line's content at ``pos`` and where the next line starts (``-1``: none).
    A line ends at ``\\r\\n``, ``\\n`` or a lone ``\\r``."""
    found = _BREAK.search(text, pos)
    if found is None:
        return len(text), -1
    return found.start(), found.end()


def _fence_at(text: str, pos: int) -> tuple[str, int, int] | None:
    """The fence (``---``/``+++``) occupying the line at ``pos``, that line's end and where the
    next line starts, if any."""
    line_end, following = _line_end(text, pos)
    line = text[pos:line_end].rstrip(" \t")
    if line in _FENCES:
        return line, line_end, following
    return None


def _too_large(path: str) -> ArticleError:
    return ArticleError(
        f"front matter is over the limit of {MAX_FRONT_MATTER_BYTES} bytes; keep it to metadata", path, 1, 1
    )


def split_front_matter(text: str, path: str) -> FrontMatter | None:
    """Find and parse front matter at the very start of ``text`` (after an optional BOM).

    Returns ``None`` when the file has none. Raises ``ArticleError`` for a block that never
    closes, is larger than ``MAX_FRONT_MATTER_BYTES`` or does not parse.
    """
    start = 1 if text.startswith("\ufeff") else 0
    opening = _fence_at(text, start)
    if opening is None:
        return None
    fence, _, body_start = opening
    syntax = _FENCES[fence]
    if body_start == -1:
        raise ArticleError(f"{syntax.upper()} front matter opened with {fence!r} never closes", path, 1, 1)
    pos = body_start
    while True:
        if pos - body_start > MAX_FRONT_MATTER_BYTES:  # characters: never more than its bytes
            raise _too_large(path)
        line_end, following = _line_end(text, pos)
        line = text[pos:line_end].rstrip(" \t")
        if line == fence or (syntax == "yaml" and line == "..."):
            inner = text[body_start:pos]
            if len(inner) * 4 > MAX_FRONT_MATTER_BYTES and len(inner.encode()) > MAX_FRONT_MATTER_BYTES:
                raise _too_large(path)
            data = _parse(inner, syntax, path)
            end = following if following != -1 else line_end
            return FrontMatter(end=end, syntax=syntax, data=data, text=inner)
        if following == -1:
            break
        pos = following
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

    try:
        data = load_yaml(inner, MAX_YAML_NODES)
    except YamlBombError as exc:
        raise ArticleError(f"YAML front matter {exc}", path, exc.line + 1, exc.column) from None
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


class YamlBombError(ValueError):
    """A YAML document whose aliases expand past the node budget, or refer to themselves.
    ``line``/``column`` (1-based, within the document) point at the node where it happened."""

    def __init__(self, message: str, line: int, column: int) -> None:
        super().__init__(message)
        self.line = line
        self.column = column


def load_yaml(text: str, max_nodes: int) -> Any:
    """``yaml.safe_load`` with a budget: the document is composed (aliases are references to one
    node, so this is linear in the text), its size *with every alias expanded* is counted over
    that graph without expanding anything, and only a document within ``max_nodes`` is turned
    into Python objects. A "billion laughs" of a few dozen aliases, or an alias that contains
    itself, is a ``YamlBombError`` in microseconds instead of gigabytes later, when something
    walks the objects. Deep nesting raises ``RecursionError`` (callers report it)."""
    import yaml  # only when there is YAML to read: most articles have none

    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        _check_expansion(node, max_nodes)
        return loader.construct_document(node)
    finally:
        loader.dispose()


def _children(node: yaml.Node) -> list[yaml.Node]:
    import yaml

    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def _check_expansion(root: yaml.Node, max_nodes: int) -> None:
    """Count the nodes of the document as if every alias were a copy (iteratively: no recursion
    limit), stopping at the first node whose expansion alone is over ``max_nodes``."""
    sizes: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, expanded = stack.pop()
        key = id(node)
        if expanded:
            on_path.discard(key)
            total = 1 + sum(sizes[id(child)] for child in _children(node))
            if total > max_nodes:
                mark = node.start_mark
                raise YamlBombError(
                    f"expands to more than {max_nodes} nodes through aliases (*name); refused as a "
                    "resource bomb",
                    mark.line + 1,
                    mark.column + 1,
                )
            sizes[key] = total
            continue
        if key in sizes:
            continue
        if key in on_path:
            mark = node.start_mark
            raise YamlBombError("refers to itself through an alias (*name)", mark.line + 1, mark.column + 1)
        on_path.add(key)
        stack.append((node, True))
        for child in reversed(_children(node)):
            if id(child) in on_path:
                mark = child.start_mark
                raise YamlBombError(
                    "refers to itself through an alias (*name)", mark.line + 1, mark.column + 1
                )
            if id(child) not in sizes:
                stack.append((child, False))


_TIMESTAMP = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")


def _bad_timestamp_line(inner: str) -> int:
    """The 1-based line (within the front matter) of the first impossible YYYY-MM-DD value."""
    for number, line in enumerate(_BREAK.split(inner), start=1):
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
    return front.first_line + line_breaks(front.text, 0, found.start())


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
    status = lowered.get("status")
    if isinstance(status, str) and status.strip().lower() not in _PUBLISHED_STATUSES:
        published = False  # unpublished text must not reach providers outside allowed_providers

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
