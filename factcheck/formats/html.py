"""HTML articles: the stdlib parser, a skip-list for site chrome, offsets from ``getpos()``.

The stdlib ``html.parser`` is forgiving, dependency-free and fast (docs/dependencies.md §5); it
reports each event's line and column, which we turn into ``source`` offsets. Only text nodes
in visible, non-chrome context are revealed; tags, scripts, styles, navigation, asides, site
headers and footers, and elements whose class or id names them as ads, share bars or
newsletter boxes stay blank. When a page has ``<article>`` or ``<main>``, text outside them is
page furniture and stays blank too. Entities are decoded in place, padded to their width.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from factcheck.formats.masking import Masker, decode_entity, has_binary, line_starts, make_blocks
from factcheck.model.article import Article, ArticleMeta, BlockKind

#: Elements whose content is never article prose.
_SKIP_TAGS = frozenset(
    "script style noscript template nav aside form button select textarea svg iframe object "
    "canvas video audio map head footer pre code dialog menu".split()
)
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
#: Elements that start a new visible block (and close an open paragraph).
_BLOCKS: dict[str, BlockKind] = {
    "p": "paragraph",
    "div": "paragraph",
    "section": "paragraph",
    "article": "paragraph",
    "main": "paragraph",
    "body": "paragraph",
    "td": "paragraph",
    "th": "paragraph",
    "dd": "paragraph",
    "dt": "paragraph",
    "table": "paragraph",
    "tr": "paragraph",
    "ul": "paragraph",
    "ol": "paragraph",
    "dl": "paragraph",
    "figure": "paragraph",
    "header": "paragraph",
    "address": "paragraph",
    "li": "list_item",
    "blockquote": "quote",
    "figcaption": "caption",
    "caption": "caption",
    "h1": "heading",
    "h2": "heading",
    "h3": "heading",
    "h4": "heading",
    "h5": "heading",
    "h6": "heading",
}
_CLOSES_P = frozenset(_BLOCKS) - {"td", "th", "body", "main", "article", "section"}
#: Class/id words that mark boilerplate (matched against words of the attribute value).
_CHROME_WORDS = frozenset(
    "nav navbar navigation menu breadcrumb breadcrumbs share sharing social related newsletter "
    "subscribe subscription promo advert advertisement ad ads adslot sponsor sponsored cookie "
    "cookies consent comments comment sidebar footer masthead paywall popup modal byline "
    "tags widget outbrain taboola recirculation".split()
)
_CHROME_CLASSES = frozenset({"sr-only", "visually-hidden", "screen-reader-text"})
_CHROME_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search"})
_STANDFIRST_WORDS = frozenset(
    "standfirst dek strapline subtitle subheadline summary lede sub-headline".split()
)
_CAPTION_WORDS = frozenset({"caption", "figcaption"})
_WORDS = re.compile(r"[a-z0-9]+")
_CONTENT_ROOT = re.compile(r"<(?:article|main)[\s>]", re.IGNORECASE)


@dataclass
class _Open:
    tag: str
    skip: bool
    root: bool  # <article> / <main>
    kind: BlockKind | None  # the block kind it imposes, if it is a block element


def _class_words(attrs: dict[str, str]) -> set[str]:
    value = f"{attrs.get('class', '')} {attrs.get('id', '')}".lower()
    return set(_WORDS.findall(value)) | set(value.split())


def _parse_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    text = value.strip()
    for candidate in (text, text[:10]):
        try:
            return dt.datetime.fromisoformat(candidate).date()
        except ValueError:
            continue
    return None


class _Parser(HTMLParser):
    def __init__(self, source: str, masker: Masker) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        self.masker = masker
        self.starts = line_starts(source)
        self.stack: list[_Open] = []
        self.skip_depth = 0
        self.root_depth = 0
        self.require_root = _CONTENT_ROOT.search(source) is not None
        self.runs: list[tuple[int, int, BlockKind]] = []
        self.run_start = -1
        self.run_end = -1
        self.run_kind: BlockKind = "paragraph"
        self.meta: dict[str, str] = {}
        self.title_parts: list[str] | None = None
        self.h1_parts: list[str] | None = None
        self.h1_text: str | None = None
        self.seen_h1 = False
        self.first_time: str | None = None

    # --- positions and context ---------------------------------------------------------------

    def _offset(self) -> int:
        line, column = self.getpos()
        return min(self.starts[line - 1] + column, len(self.source))

    def _visible(self) -> bool:
        return not self.skip_depth and (self.root_depth > 0 or not self.require_root)

    def _kind(self) -> BlockKind:
        """The innermost distinctive block kind around the text (a ``<p>`` in a quote is a quote)."""
        for item in reversed(self.stack):
            if item.kind is not None and item.kind != "paragraph":
                return item.kind
        return "paragraph"

    def _flush(self) -> None:
        if self.run_start >= 0:
            self.runs.append((self.run_start, self.run_end, self.run_kind))
        self.run_start = self.run_end = -1

    def _shown(self, start: int, end: int, visible_text: str) -> None:
        """Record that ``source[start:end]`` (showing ``visible_text``) is now in the plain text."""
        if not visible_text.strip():
            return
        if self.run_start < 0:
            self.run_start = start
            self.run_kind = self._kind()
        self.run_end = end

    # --- parser events -------------------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        self._meta(tag, values)
        if tag in _VOID:
            if tag == "br" and self._visible():
                self.masker.put(self._offset(), "\n")
            return
        if tag in _BLOCKS:
            self._flush()
            if tag in _CLOSES_P or tag == "p":
                self._close_implied(tag)
        words = _class_words(values)
        skip = (
            tag in _SKIP_TAGS
            or (tag == "header" and self.root_depth == 0)
            or bool(words & _CHROME_WORDS)
            or bool(words & _CHROME_CLASSES)
            or values.get("role", "").lower() in _CHROME_ROLES
            or "hidden" in values
            or values.get("aria-hidden", "").lower() == "true"
        )
        kind = _BLOCKS.get(tag)
        if tag == "h1" and not self.seen_h1 and self._visible() and not skip:
            kind = "title"
            self.seen_h1 = True
            self.h1_parts = []
        elif kind in ("paragraph", "heading") and words & _STANDFIRST_WORDS:
            kind = "standfirst"
        elif kind == "paragraph" and words & _CAPTION_WORDS:
            kind = "caption"
        root = tag in ("article", "main")
        self.stack.append(_Open(tag, skip, root, kind))
        self.skip_depth += skip
        self.root_depth += root
        if tag == "title":
            self.title_parts = []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID:
            self.handle_starttag(tag, attrs)
        else:
            self.handle_starttag(tag, attrs)
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCKS or tag == "br":
            self._flush()
        if tag == "br" and self._visible():  # "</br>" is a line break too
            self.masker.put(self._offset(), "\n")
        if not any(item.tag == tag for item in self.stack):
            return
        while self.stack:
            item = self._pop()
            if item.tag == tag:
                break

    def _pop(self) -> _Open:
        item = self.stack.pop()
        self.skip_depth -= item.skip
        self.root_depth -= item.root
        if item.kind is not None:
            self._flush()
        if item.tag == "title" and self.title_parts is not None:
            self.meta.setdefault("title", " ".join("".join(self.title_parts).split()))
            self.title_parts = None
        if item.kind == "title" and self.h1_parts is not None:
            self.h1_text = " ".join("".join(self.h1_parts).split()) or None
            self.h1_parts = None
        return item

    def _close_implied(self, tag: str) -> None:
        """A block start closes an open ``<p>``; ``<li>`` closes the previous item (HTML rules)."""
        stop = {"ul", "ol", "table", "blockquote", "div", "section", "article", "main", "body"}
        for index in range(len(self.stack) - 1, -1, -1):
            item = self.stack[index]
            if item.tag in stop:
                return
            if item.tag == "p" or (tag == "li" and item.tag == "li"):
                while len(self.stack) > index:
                    self._pop()
                return

    def handle_data(self, data: str) -> None:
        if self.title_parts is not None:
            self.title_parts.append(data)
        if not self._visible():
            return
        if self.h1_parts is not None:
            self.h1_parts.append(data)
        start = self._offset()
        end = min(start + len(data), len(self.source))
        self.masker.reveal(start, end)
        self._shown(start, end, data)

    def _reference(self, prefix: str, name: str) -> None:
        start = self._offset()
        end = start + len(prefix) + len(name)
        if end < len(self.source) and self.source[end] == ";":
            end += 1
        raw = self.source[start:end]
        decoded = decode_entity(raw)
        text = decoded if decoded is not None else raw
        if self.title_parts is not None:
            self.title_parts.append(text)
        if not self._visible():
            return
        if self.h1_parts is not None:
            self.h1_parts.append(text)
        if decoded is None:
            self.masker.reveal(start, end)
        else:
            self.masker.entity(start, end, decoded)
        self._shown(start, end, text)

    def handle_entityref(self, name: str) -> None:
        self._reference("&", name)

    def handle_charref(self, name: str) -> None:
        self._reference("&#", name)

    # --- metadata ------------------------------------------------------------------------------

    def _meta(self, tag: str, values: dict[str, str]) -> None:
        if tag == "meta":
            key = (values.get("property") or values.get("name") or values.get("itemprop") or "").lower()
            content = values.get("content", "").strip()
            if key and content:
                self.meta.setdefault(key, content)
        elif tag == "link" and "canonical" in values.get("rel", "").lower().split():
            self.meta.setdefault("canonical", values.get("href", ""))
        elif tag == "time" and self.first_time is None and values.get("datetime"):
            self.first_time = values["datetime"]
        elif tag == "html" and values.get("lang"):
            self.meta.setdefault("lang", values["lang"])

    def article_meta(self) -> ArticleMeta:
        meta = self.meta
        date = None
        for key in ("article:published_time", "datepublished", "date", "pubdate", "publish-date", "dc.date"):
            date = _parse_date(meta.get(key))
            if date is not None:
                break
        date = date or _parse_date(self.first_time)
        title = meta.get("og:title") or self.h1_text or meta.get("title") or None
        extra = {"lang": meta["lang"]} if "lang" in meta else {}
        if meta.get("og:site_name"):
            extra["site_name"] = meta["og:site_name"]
        return ArticleMeta(
            title=title,
            date=date,
            author=meta.get("author") or meta.get("article:author") or None,
            url=meta.get("canonical") or meta.get("og:url") or None,
            standfirst=meta.get("description") or meta.get("og:description") or None,
            extra=extra,
        )


def load_html(path: str, text: str) -> Article:
    """Load an HTML article; never raises on malformed markup (browsers don't either)."""
    masker = Masker(text)
    if has_binary(text) or not text.strip():
        return Article(path=path, format="html", source=text, plain=masker.plain(), blocks=())
    parser = _Parser(text, masker)
    try:
        parser.feed(text)
        parser.close()
    except (AssertionError, ValueError, IndexError):  # the stdlib parser's rare internal failures
        pass
    parser._flush()
    return Article(
        path=path,
        format="html",
        source=text,
        plain=masker.plain(),
        blocks=make_blocks(masker, parser.runs),
        meta=parser.article_meta(),
    )
