"""Masking Markdown inline syntax inside one block, by linear scans over the revealed text.

markdown-it gives us block structure with line numbers but no character offsets for inline
tokens, so inline markup is found here with bounded, non-nested regexes and small stack
scanners (code spans, emphasis pairs). Each step blanks what it recognises, in an order that
mirrors CommonMark precedence: code spans first (nothing inside them is markup), then
backslash escapes, raw HTML and autolinks, images, links, and last the emphasis delimiters.
"""

from __future__ import annotations

import re
import unicodedata

from factcheck.formats.masking import ENTITY_RE, Masker, decode_entity

_BACKTICKS = re.compile(r"`+")
_ESCAPABLE = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_AUTOLINK = re.compile(r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[^\s<>@]{1,64}@[^\s<>]{1,255})>")
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]{0,31}(?:\s[^<>]{0,2000})?/?>")
_LINK_TEXT = r"\[(?:[^\[\]]|\[[^\[\]]*\])*\]"
_IMAGE = re.compile(r"!" + _LINK_TEXT + r"(?:\([^()\n]*(?:\([^()\n]*\)[^()\n]*)*\)|\[[^\[\]]*\])")
_LINK_TAIL = re.compile(r"\((?:[^()]|\([^()]*\))*\)|\[[^\[\]]*\]")
_LINK_OPEN = re.compile(_LINK_TEXT)
_FOOTNOTE = re.compile(r"\[\^[^\[\]\s]{1,100}\]")
_DELIMS = re.compile(r"\*+|_+|~~")


def _is_punct(char: str) -> bool:
    return unicodedata.category(char).startswith(("P", "S"))


class InlineMasker:
    """Masks inline markup in ``[start, end)``, which the caller has already revealed.

    ``work`` mirrors the plain text of the range but with escaped characters replaced by a
    neutral letter, so that ``\\*`` never pairs as emphasis and ``\\[`` never opens a link.
    """

    def __init__(self, masker: Masker, start: int, end: int) -> None:
        self.masker = masker
        self.start = start
        self._text = masker.segment(start, end)
        self.work = list(self._text)
        self._dirty = False

    def text(self) -> str:
        """The current work text (joined again only after something changed)."""
        if self._dirty:
            self._text = "".join(self.work)
            self._dirty = False
        return self._text

    def hide(self, a: int, b: int) -> None:
        """Blank ``[a, b)`` given relative to the range."""
        if b <= a:
            return
        self.masker.hide(self.start + a, self.start + b)
        self._dirty = True
        for i in range(a, b):
            if self.work[i] != "\n":
                self.work[i] = " "

    def run(self) -> None:
        self._code_spans()
        self._escapes()
        self._comments()
        text = self.text()
        for pattern in (_AUTOLINK, _HTML_TAG, _IMAGE, _FOOTNOTE):
            matches = [(m.start(), m.end()) for m in pattern.finditer(text)]
            for a, b in matches:
                self.hide(a, b)
            if matches:
                text = self.text()
        self._links(text)
        self._emphasis(self.text())
        self._entities()

    def _code_spans(self) -> None:
        text = self.text()
        runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(text)]
        next_same: list[int] = [-1] * len(runs)
        last_of: dict[int, int] = {}
        for index in range(len(runs) - 1, -1, -1):
            width = runs[index][1] - runs[index][0]
            next_same[index] = last_of.get(width, -1)
            last_of[width] = index
        index = 0
        while index < len(runs):
            closer = next_same[index]
            if closer == -1:
                index += 1
                continue
            self.hide(runs[index][0], runs[closer][1])
            index = closer + 1

    def _escapes(self) -> None:
        work = self.work
        text = self.text()
        i = text.find("\\")
        while i != -1 and i < len(work) - 1:
            following = work[i + 1]
            if following in _ESCAPABLE:
                self.hide(i, i + 1)
                work[i + 1] = "x"  # neutral: neither markup nor space
                self._dirty = True
                i = text.find("\\", i + 2)
                continue
            if following == "\n":  # a hard line break
                self.hide(i, i + 1)
            i = text.find("\\", i + 1)

    def _comments(self) -> None:
        text = self.text()
        pos = text.find("<!--")
        while pos != -1:
            end = text.find("-->", pos + 4)
            if end == -1:
                return
            self.hide(pos, end + 3)
            pos = text.find("<!--", end + 3)

    def _links(self, text: str) -> None:
        """``[text](url)`` and ``[text][ref]`` keep ``text``; the brackets and target go."""
        pos = text.find("[")
        while pos != -1:
            opened = _LINK_OPEN.match(text, pos)
            if opened is None:
                pos = text.find("[", pos + 1)
                continue
            tail = _LINK_TAIL.match(text, opened.end())
            if tail is None:
                pos = text.find("[", pos + 1)
                continue
            self.hide(pos, pos + 1)
            self.hide(opened.end() - 1, tail.end())
            pos = text.find("[", tail.end())

    def _emphasis(self, text: str) -> None:
        """Blank ``*``/``_``/``~~`` runs that pair as emphasis under CommonMark's flanking rules."""
        stacks: dict[str, list[tuple[int, int]]] = {"*": [], "_": [], "~": []}
        size = len(text)
        for match in _DELIMS.finditer(text):
            a, b = match.start(), match.end()
            char = text[a]
            before = text[a - 1] if a > 0 else " "
            after = text[b] if b < size else " "
            left = not after.isspace() and (not _is_punct(after) or before.isspace() or _is_punct(before))
            right = not before.isspace() and (not _is_punct(before) or after.isspace() or _is_punct(after))
            if char == "_":
                can_open = left and (not right or _is_punct(before))
                can_close = right and (not left or _is_punct(after))
            else:
                can_open, can_close = left, right
            stack = stacks[char]
            if can_close and stack:
                open_a, open_b = stack.pop()
                self.hide(open_a, open_b)
                self.hide(a, b)
            elif can_open:
                stack.append((a, b))

    def _entities(self) -> None:
        source = self.masker.source
        text = self.text()
        pos = text.find("&")
        while pos != -1:
            absolute = self.start + pos
            match = ENTITY_RE.match(source, absolute)
            if match is not None:
                width = match.end() - absolute
                if text[pos : pos + width] == match.group():
                    decoded = decode_entity(match.group())
                    if decoded is not None:
                        self.masker.entity(absolute, match.end(), decoded)
                        pos = text.find("&", pos + width)
                        continue
            pos = text.find("&", pos + 1)
