"""Quotations: text between quotation marks, found per paragraph with one linear scan.

News copy mixes curly (“ ” ‘ ’) and straight (" ') marks, nests ‘single’ quotes inside double
ones, writes apostrophes with the same characters as single quotes (Russia’s, Trump‘s, ‘90s,
students’) and sometimes forgets a closing mark. The scanner therefore decides each mark's role
from its neighbours (a mark between two letters is an apostrophe; one after a space opens; one
before a space or punctuation closes) and keeps a small stack of open quotes, so that nothing an
author mistypes makes it give up on the rest of the article:

* a double quote still open at the end of its paragraph ends there with ``closed=False``; by
  journalistic convention a quote that runs over several paragraphs leaves each paragraph open
  and re-opens the next one, so every paragraph yields its own quotation;
* a new opening double mark while one is already open ends the open one (``closed=False``);
* a single quote still open at the end of its paragraph was an apostrophe after all ('cause,
  ‘em) and is dropped; any double quote found inside it is promoted to the top level.

Only top-level quotations are returned: a nested ‘no’ belongs to the quote around it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from factcheck.model.article import Block, Quotation

_MARKS = re.compile("[\"“”‘’'«»]")
_DOUBLE_OPEN = "“«"
_DOUBLE_CLOSE = "”»"
_OPENING_CONTEXT = "([{—–-/\u2026"  # characters after which a mark starts a quote
_YEAR_ELISION = re.compile(r"\d\d(?:s\b|\b)")  # ‘90s, '16


@dataclass
class _Open:
    """One quotation mark waiting for its partner."""

    kind: str  # "d" double, "s" single
    pos: int
    top: bool  # opened at the top level
    children: list[Quotation] = field(default_factory=list)  # quotations found inside a single quote


def _is_space(ch: str) -> bool:
    return ch == "" or ch.isspace()


def _flanking(plain: str, i: int, start: int, end: int) -> tuple[bool, bool]:
    """Whether the mark at ``i`` can open (left-flanking) and whether it can close (right-flanking)."""
    prev = plain[i - 1] if i > start else ""
    nxt = plain[i + 1] if i + 1 < end else ""
    opens = (_is_space(prev) or prev in _OPENING_CONTEXT or prev in "“‘\"'") and not _is_space(nxt)
    closes = not _is_space(prev) and (_is_space(nxt) or not nxt.isalnum())
    return opens, closes


def _trim_end(plain: str, start: int, end: int) -> int:
    while end > start and plain[end - 1].isspace():
        end -= 1
    return end


class _Scanner:
    """The state of one paragraph's scan: the stack of open quotes and what has been found."""

    def __init__(self, plain: str, start: int, end: int) -> None:
        self.plain = plain
        self.start = start
        self.end = end
        self.stack: list[_Open] = []
        self.found: list[Quotation] = []

    def emit(self, opened: _Open, end: int, closed: bool) -> None:
        """Record a finished double/single quote if it sits at the top level (or in a single quote)."""
        quote_end = end if closed else _trim_end(self.plain, opened.pos + 1, end)
        content_end = end - 1 if closed else quote_end
        quotation = Quotation.trusted(
            start=opened.pos,
            end=quote_end,
            content_start=opened.pos + 1,
            content_end=max(content_end, opened.pos + 1),
            closed=closed,
        )
        if opened.top:
            self.found.append(quotation)
        elif self.stack and self.stack[-1].kind == "s" and self.stack[-1].top and opened.kind == "d":
            self.stack[-1].children.append(quotation)

    def push(self, kind: str, pos: int) -> None:
        self.stack.append(_Open(kind, pos, top=not self.stack))

    def close_to(self, kind: str, pos: int) -> bool:
        """Close the innermost open quote of ``kind``, abandoning any quotes opened inside it."""
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth].kind == kind:
                opened = self.stack[depth]
                del self.stack[depth:]
                self.emit(opened, pos + 1, closed=True)
                return True
        return False

    def abandon_double(self, pos: int) -> None:
        """A new double quote opens while one is open: the open one was never closed."""
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth].kind == "d":
                opened = self.stack[depth]
                del self.stack[depth:]
                self.emit(opened, pos, closed=False)
                return

    def double(self, ch: str, i: int) -> None:
        opens, closes = _flanking(self.plain, i, self.start, self.end)
        open_double = any(o.kind == "d" for o in self.stack)
        if ch in _DOUBLE_OPEN and not (open_double and closes and not opens):
            if open_double:
                if self._only_marks_since_open(i):
                    return  # `"“You…`: a doubled opening mark
                self.abandon_double(i)
            self.push("d", i)
        elif ch in _DOUBLE_OPEN or ch in _DOUBLE_CLOSE:
            if open_double:
                self.close_to("d", i)
            elif opens and not closes:
                self.push("d", i)  # a closing mark typed where an opening one belongs
        elif open_double:  # a straight " while a double quote is open
            if closes or not opens:
                self.close_to("d", i)
            elif not self._only_marks_since_open(i):
                self.abandon_double(i)
                self.push("d", i)
        elif opens or not closes:
            self.push("d", i)

    def _only_marks_since_open(self, i: int) -> bool:
        opened = next(o for o in reversed(self.stack) if o.kind == "d")
        return all(c.isspace() or c in "\"“”‘’'" for c in self.plain[opened.pos + 1 : i])

    def single(self, ch: str, i: int) -> None:
        prev = self.plain[i - 1] if i > self.start else ""
        nxt = self.plain[i + 1] if i + 1 < self.end else ""
        if prev.isalnum() and nxt.isalnum():
            return  # Russia’s, don't, Trump‘s
        opens, closes = _flanking(self.plain, i, self.start, self.end)
        if ch in "‘'" and opens and _YEAR_ELISION.match(self.plain, i + 1, self.end):
            return  # ‘90s, '16
        open_single = any(o.kind == "s" for o in self.stack)
        if ch in "’'" and open_single and closes:
            self.close_to("s", i)
        elif ch in "‘'" and opens and (nxt.isalnum() or nxt in '“"$£€('):
            self.push("s", i)
        # anything else is an apostrophe (students’, ’em) or a stray mark

    def finish(self) -> list[Quotation]:
        """End of paragraph: close open doubles as unclosed; drop open singles, keep their children."""
        while self.stack:
            opened = self.stack.pop()
            if opened.kind == "d":
                self.emit(opened, self.end, closed=False)
            elif opened.top:
                self.found.extend(opened.children)
        self.found.sort(key=lambda q: q.start)
        return self.found


def find_quotations(plain: str, blocks: Sequence[Block]) -> list[Quotation]:
    """Every top-level quotation in the blocks, in text order; spans include the marks.

    A quotation never crosses a block boundary; a quote left open at the end of its paragraph
    ends there with ``closed=False`` (see the module docstring for the continuation convention).
    """
    quotations: list[Quotation] = []
    for block in blocks:
        end = min(block.end, len(plain))
        scanner = _Scanner(plain, block.start, end)
        for match in _MARKS.finditer(plain, block.start, end):
            ch = match.group()
            if ch in '"“”«»':
                scanner.double(ch, match.start())
            else:
                scanner.single(ch, match.start())
        quotations.extend(scanner.finish())
    return quotations


def paragraph_blocks(text: str) -> list[Block]:
    """Blocks for plain text whose paragraphs are its non-empty lines (datasets, tests)."""
    blocks: list[Block] = []
    offset = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            lead = len(line) - len(line.lstrip())
            blocks.append(Block(start=offset + lead, end=offset + lead + len(stripped)))
        offset += len(line) + 1
    return blocks
