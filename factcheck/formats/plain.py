"""Plain-text articles: find the paragraphs, the headline and the headings in unmarked text.

Plain text comes in three shapes, and a block must be a paragraph in all of them, because a
sentence may never cross a block:

* one paragraph per line (what editors paste; ``examples/ceasefire-call.txt``);
* paragraphs separated by blank lines;
* hard-wrapped wire copy (Reuters: ~70-column lines, paragraphs opened by a 4-space indent,
  no blank lines), where a line break is *not* a paragraph break.

The shape is decided once per file from line statistics, never from one line, so a short
line inside a wrapped paragraph is not mistaken for a heading.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from factcheck.formats.masking import Masker, has_binary, make_blocks
from factcheck.model.article import Article, ArticleMeta, BlockKind, line_breaks

#: Characters that end a sentence or clause: a line ending with one is a complete unit.
_TERMINAL = frozenset(".!?…:;\"'”’»")
_BULLET = re.compile(r"[ \t]*(?:[-*•·–]|\d{1,3}[.)])[ \t]+(?=\S)")
_QUOTE_MARK = re.compile(r"[ \t]*(?:>[ \t]?)+")
#: Wire-service sign-offs closing a story: not prose, so they are left blank.
_SIGNOFFS = frozenset({"reuter", "reuters", "ap", "afp", "(end)", "end", "###", "-30-", "- 30 -", "ends"})
_SMALL_WORDS = frozenset(
    "a an and as at but by for from in into of on or over the to up with vs via per is are".split()
)
_COLUMNS = re.compile(r"\S {3,}\S")
_WORD = re.compile(r"[^\W\d_][\w'’.-]*")

HEADING_MAX_CHARS = 90
HEADING_MAX_WORDS = 14


@dataclass(frozen=True)
class _Line:
    start: int  # offset of the first character of the line
    end: int  # offset of the end of its content (before "\r\n" / "\n")
    text: str  # the content, right-stripped
    indent: int  # leading whitespace, tabs counted as 4

    @property
    def blank(self) -> bool:
        return not self.text.strip()


_BREAK = re.compile(r"\r\n?|\n")


def _lines(text: str) -> list[_Line]:
    """The lines of ``text``; a line ends at ``\\r\\n``, ``\\n`` or a lone ``\\r``."""
    lines: list[_Line] = []
    pos = 0
    for found in [*_BREAK.finditer(text), None]:
        stop = len(text) if found is None else found.start()
        content = text[pos:stop].rstrip()
        stripped = content.lstrip()
        lead = content[: len(content) - len(stripped)]
        lines.append(_Line(pos, pos + len(content), content, len(lead.expandtabs(4))))
        if found is not None:
            pos = found.end()
    return lines


def _ends_unit(text: str) -> bool:
    return bool(text) and text[-1] in _TERMINAL


def looks_like_heading(text: str) -> bool:
    """Short, no closing punctuation, and mostly capitals or title case (``DRONE ATTACKS``)."""
    text = text.strip()
    if not text or len(text) > HEADING_MAX_CHARS or text[-1] in _TERMINAL or text[-1] == ",":
        return False
    if _COLUMNS.search(text):  # a row of a table set in spaces, not a heading
        return False
    words: list[str] = _WORD.findall(text)
    if not words or len(text.split()) > HEADING_MAX_WORDS:
        return False
    letters = [ch for ch in text if ch.isalpha()]
    if letters and sum(ch.isupper() for ch in letters) >= 0.6 * len(letters):
        return True
    content = [word for word in words if word.lower() not in _SMALL_WORDS] or words
    capitalised = sum(word[0].isupper() for word in content)
    return capitalised >= 0.75 * len(content) and words[0][0].isupper()


def looks_like_headline(text: str) -> bool:
    """A first line that can be the article's title: short and without a final period."""
    text = text.strip()
    return (
        0 < len(text) <= 150
        and len(text.split()) <= 25
        and text[-1] not in ".,;:"
        and any(ch.isalpha() for ch in text)
    )


def _is_title(first: _Line, following: list[_Line], source: str) -> bool:
    """The first line is the headline when it reads as one and is set apart from the text: a
    blank line after it, title case, or a full paragraph following it."""
    text = first.text.strip()
    if not looks_like_headline(text) or following[0].text.lstrip()[:1].islower():
        return False
    if line_breaks(source, first.end, following[0].start) >= 2:  # a blank line follows
        return True
    body = " ".join(line.text.strip() for line in following)
    return looks_like_heading(text) or (len(body) >= 2 * len(text) and _ends_unit(body))


def _percentile(values: list[int], fraction: float) -> int:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def _is_hard_wrapped(lines: list[_Line]) -> tuple[bool, int]:
    """Whether line breaks are mere wraps, and the wrap width (90th percentile of line length).

    Wrapped copy has lines of similar length that mostly stop mid-sentence; one-per-line copy has
    lines of any length that mostly end a sentence. Indented paragraph starts are a second
    tell, and let wrapped copy with many short sentences still be recognised.
    """
    content = [line for line in lines if not line.blank]
    if len(content) < 3:
        return False, 0
    lengths = [len(line.text.strip()) for line in content]
    width = _percentile(lengths, 0.9)
    if not 30 <= width <= 100:
        return False, width
    followed = [lines[i] for i in range(len(lines) - 1) if not lines[i].blank and not lines[i + 1].blank]
    if not followed:
        return False, width
    open_ended = sum(not _ends_unit(line.text) for line in followed) / len(followed)
    long_lines = sum(length >= 0.6 * width for length in lengths) / len(lengths)
    min_indent = min(line.indent for line in content)
    indented = sum(
        1
        for i in range(1, len(lines))
        if not lines[i].blank and not lines[i - 1].blank and lines[i].indent > min_indent
    )
    indent_style = 0 < indented <= 0.5 * len(content)
    wrapped = long_lines >= 0.3 and (open_ended >= 0.5 or (indent_style and open_ended >= 0.25))
    return wrapped, width


def _continues(previous: _Line, line: _Line) -> bool:
    """A lone wrapped line in one-per-line text: the previous line stops mid-sentence at wrap
    length and this one carries on in lower case."""
    head = line.text.lstrip()[:1]
    return (
        head.islower()
        and line.indent <= previous.indent
        and len(previous.text.strip()) >= 30
        and not _ends_unit(previous.text)
    )


def _paragraphs(lines: list[_Line], wrapped: bool, width: int) -> list[list[_Line]]:
    """Group lines into paragraphs according to the file's shape."""
    has_blank = any(line.blank for line in lines[:-1])
    groups: list[list[_Line]] = []
    current: list[_Line] = []
    min_indent = min((line.indent for line in lines if not line.blank), default=0)
    for line in lines:
        if line.blank:
            if current:
                groups.append(current)
            current = []
            continue
        if current:
            previous = current[-1]
            if wrapped:
                breaks = line.indent > min_indent or (
                    _ends_unit(previous.text) and len(previous.text.strip()) < 0.6 * width
                )
            else:
                breaks = (not has_blank and not _continues(previous, line)) or (
                    _ends_unit(previous.text) or looks_like_heading(previous.text)
                )
            breaks = (
                breaks
                or _BULLET.match(line.text) is not None
                or (looks_like_heading(line.text) and _ends_unit(previous.text))
            )
            if breaks:
                groups.append(current)
                current = []
        current.append(line)
    if current:
        groups.append(current)
    return groups


def load_plain(path: str, text: str) -> Article:
    """Load a plain-text article; never raises on odd input (there is no syntax to get wrong)."""
    masker = Masker(text)
    if has_binary(text) or not text.strip():
        return Article(path=path, format="text", source=text, plain=masker.plain(), blocks=())
    lines = _lines(text)
    wrapped, width = _is_hard_wrapped(lines)
    groups = _paragraphs(lines, wrapped, width)

    if groups and len(groups[-1]) == 1 and len(groups) > 1:
        last = groups[-1][0].text.strip().lower()
        if last in _SIGNOFFS:
            groups.pop()

    runs: list[tuple[int, int, BlockKind]] = []
    title: str | None = None
    for index, group in enumerate(groups):
        start, end = group[0].start, group[-1].end
        masker.reveal(start, end)
        kind: BlockKind = "paragraph"
        first = group[0].text
        bullet = _BULLET.match(first)
        quote = _QUOTE_MARK.match(first) if first.lstrip().startswith(">") else None
        if bullet is not None:
            masker.hide(start, start + bullet.end())
            kind = "list_item"
        elif quote is not None:
            for line in group:
                mark = _QUOTE_MARK.match(line.text)
                if mark is not None:
                    masker.hide(line.start, line.start + mark.end())
            kind = "quote"
        elif len(group) == 1:
            single = first.strip()
            if index == 0 and len(groups) > 1 and _is_title(group[0], groups[1], text):
                kind = "title"
                title = " ".join(single.split())
            elif looks_like_heading(single) and index + 1 < len(groups):
                kind = "heading"
        runs.append((start, end, kind))

    blocks = make_blocks(masker, runs)
    return Article(
        path=path,
        format="text",
        source=text,
        plain=masker.plain(),
        blocks=blocks,
        meta=ArticleMeta(title=title),
    )
