"""Shared plumbing for loaders: an equal-length masked copy of the source, and block spans.

Every loader works the same way: start from a *fully blank* twin of the source (newlines kept,
everything else a space), then *reveal* the runs of prose it recognises and decode entities in
place. Anything a loader does not understand therefore stays blank, which is the safe failure:
a missed paragraph costs a check, while leaked markup would be checked as if it were a claim.
Offsets never shift, because a decoded entity is written at its first character and padded
with spaces to its original width.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from factcheck.model.article import Block, BlockKind

#: A character or named reference. Bounded quantifiers keep the scan linear.
ENTITY_RE = re.compile(r"&(?:#[0-9]{1,7};?|#[xX][0-9a-fA-F]{1,6};?|[A-Za-z][A-Za-z0-9]{1,31};)")


def blank(text: str) -> str:
    """``text`` with every character except ``\\n`` replaced by a space."""
    if "\n" not in text:
        return " " * len(text)
    return "\n".join([" " * len(part) for part in text.split("\n")])


def line_starts(text: str) -> list[int]:
    """Offsets at which each line begins, lines ending at ``\\n`` only, as ``html.parser``'s
    ``getpos()`` counts them (``Article.line_col`` also ends lines at a lone ``\\r``)."""
    starts = [0]
    find = text.find
    pos = find("\n")
    while pos != -1:
        starts.append(pos + 1)
        pos = find("\n", pos + 1)
    return starts


def decode_entity(raw: str) -> str | None:
    """The text an HTML entity stands for, or ``None`` when ``raw`` is not a known entity."""
    decoded = html.unescape(raw)
    if decoded == raw or len(decoded) >= len(raw):
        return None
    return decoded


class Masker:
    """Builds ``plain`` for one source: blank by default, prose revealed range by range."""

    __slots__ = ("_chars", "entity_ends", "source")

    def __init__(self, source: str) -> None:
        self.source = source
        self._chars: list[str] = list(blank(source))
        #: start offset of every decoded entity -> its end, so trimming never cuts one in half.
        self.entity_ends: dict[int, int] = {}

    def reveal(self, start: int, end: int) -> None:
        """Copy ``source[start:end]`` into the plain text unchanged."""
        if end > start:
            self._chars[start:end] = self.source[start:end]

    def hide(self, start: int, end: int) -> None:
        """Blank ``[start, end)`` again (newlines stay)."""
        if end > start:
            self._chars[start:end] = blank(self.source[start:end])

    def put(self, offset: int, char: str) -> None:
        """Write one character (e.g. ``\\n`` for an HTML ``<br>``) at ``offset``."""
        self._chars[offset] = char

    def entity(self, start: int, end: int, decoded: str) -> None:
        """Write ``decoded`` at ``start`` and pad with spaces up to ``end`` (``decoded`` is shorter)."""
        width = end - start
        self._chars[start:end] = (decoded + " " * width)[:width]
        self.entity_ends[start] = end

    def segment(self, start: int, end: int) -> str:
        """The current plain text of ``[start, end)``."""
        return "".join(self._chars[start:end])

    def plain(self) -> str:
        return "".join(self._chars)

    def trimmed(self, start: int, end: int) -> tuple[int, int] | None:
        """``[start, end)`` shrunk to its first and last visible characters, or ``None`` if blank.

        The end is pushed out over an entity whose decoded character is the last visible one, so
        ``source[start:end]`` shows the whole ``&amp;`` rather than a stray ``&``.
        """
        chars = self._chars
        while start < end and chars[start].isspace():
            start += 1
        while end > start and chars[end - 1].isspace():
            end -= 1
        if start >= end:
            return None
        # The last visible char may be the head of a decoded entity (padded with spaces after).
        last = end - 1
        entity_end = self.entity_ends.get(last)
        if entity_end is not None:
            end = entity_end
        return start, end


def make_blocks(masker: Masker, runs: Iterable[tuple[int, int, BlockKind]]) -> tuple[Block, ...]:
    """Blocks for candidate runs: trimmed, empty ones dropped, sorted and made non-overlapping.

    Loaders emit runs in document order already; sorting and clipping here is the guarantee the
    statement splitter relies on (a sentence never crosses a block), whatever a loader got wrong.
    """
    trimmed: list[tuple[int, int, BlockKind]] = []
    for start, end, kind in runs:
        span = masker.trimmed(max(0, start), min(end, len(masker.source)))
        if span is not None:
            trimmed.append((span[0], span[1], kind))
    trimmed.sort(key=lambda run: (run[0], run[1]))
    blocks: list[Block] = []
    last_end = 0
    for start, end, kind in trimmed:
        if start < last_end:
            span = masker.trimmed(last_end, end)
            if span is None:
                continue
            start, end = span
        blocks.append(Block(start=start, end=end, kind=kind))
        last_end = end
    return tuple(blocks)


def has_binary(text: str) -> bool:
    """A NUL byte means a binary file decoded as text: there is no prose to check in it."""
    return "\x00" in text
