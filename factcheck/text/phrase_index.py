"""Finding many literal phrases in text in one pass over its words.

Phrase rules and lexicons hold dozens of multi-word phrases ("speaking on condition of
anonymity", "experts say"). One big case-insensitive regex alternation tries every phrase at
every character; this index looks up each word once in a dict keyed by a phrase's first word,
so the cost is linear in the number of words, whatever the number of phrases. Phrases that are
not plain words separated by spaces (``U.S.-led``) fall back to a regex.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from factcheck.text.scanner import Scan

WORD = re.compile(r"\w+(?:['’]\w+)*")  # the scanner's word (``factcheck.text.scanner.WORD``)


def words_of(text: str) -> list[re.Match[str]]:
    """The words of ``text`` with their positions, as the index expects them."""
    return list(WORD.finditer(text))


class PhraseIndex:
    """Leftmost, longest-first, non-overlapping matches of literal phrases on word boundaries."""

    def __init__(self, phrases: Iterable[str], ignorecase: bool = True) -> None:
        self.ignorecase = ignorecase
        self._by_first: dict[str, list[tuple[str, ...]]] = {}
        irregular: list[str] = []
        for phrase in phrases:
            tokens = tuple(self._key(w) for w in WORD.findall(phrase))
            if not tokens or " ".join(phrase.split()) != " ".join(WORD.findall(phrase)):
                irregular.append(phrase)
                continue
            self._by_first.setdefault(tokens[0], []).append(tokens)
        for candidates in self._by_first.values():
            candidates.sort(key=len, reverse=True)
        self._firsts = frozenset(self._by_first)
        self._seen: tuple[Scan, list[int]] | None = None  # the last article's first-word positions
        self._fallback: re.Pattern[str] | None = None
        if irregular:
            escaped = sorted((re.escape(p).replace(r"\ ", r"\s+") for p in irregular), key=len, reverse=True)
            flags = re.IGNORECASE if ignorecase else 0
            self._fallback = re.compile(r"(?<!\w)(?:" + "|".join(escaped) + r")(?!\w)", flags)

    def _key(self, word: str) -> str:
        return word.lower().replace("’", "'") if self.ignorecase else word.replace("’", "'")

    def find(self, text: str, words: Sequence[re.Match[str]] | None = None) -> list[tuple[int, int]]:
        """``(start, end)`` of every match in ``text``, in order."""
        tokens = words if words is not None else words_of(text)
        found: list[tuple[int, int]] = []
        index = 0
        while index < len(tokens):
            candidates = self._by_first.get(self._key(tokens[index].group(0)))
            matched = 0
            for candidate in candidates or ():
                if self._matches(text, tokens, index, candidate):
                    matched = len(candidate)
                    break
            if matched:
                found.append((tokens[index].start(), tokens[index + matched - 1].end()))
                index += matched
            else:
                index += 1
        if self._fallback is not None:
            found.extend(m.span() for m in self._fallback.finditer(text))
            found.sort()
        return found

    def find_in_scan(self, scan: Scan, start: int, end: int) -> list[tuple[int, int]] | None:
        """``find(scan.text[start:end])`` from the article's scan, offsets relative to ``start``:
        only the positions where a phrase's first word occurs are looked at (the scan's inverted
        index), so a sentence without one costs a bisection. ``None`` when the scan cannot stand
        in for tokenising the span itself: a case-sensitive index, or a word cut by an edge."""
        if not self.ignorecase:
            return None
        first = scan.at(start)
        last = scan.at(end - 1) if end > start else None
        if (first is not None and scan.starts[first] < start) or (last is not None and scan.ends[last] > end):
            return None
        seen = self._seen
        if seen is None or seen[0] is not scan:
            seen = self._seen = (scan, scan.where(self._firsts))
        positions = seen[1]
        span = scan.between(start, end)
        lower, starts, ends, text = scan.lower, scan.starts, scan.ends, scan.text
        found: list[tuple[int, int]] = []
        free = span.start
        low, high = bisect.bisect_left(positions, span.start), bisect.bisect_left(positions, span.stop)
        for at in positions[low:high]:
            if at < free:
                continue
            for candidate in self._by_first[lower[at]]:
                size = len(candidate)
                if at + size > span.stop:
                    continue
                for offset in range(1, size):
                    index = at + offset
                    gap = text[ends[index - 1] : starts[index]]
                    if lower[index] != candidate[offset] or not gap or not gap.isspace():
                        break
                else:
                    found.append((starts[at] - start, ends[at + size - 1] - start))
                    free = at + size
                    break
        if self._fallback is not None:
            found.extend(m.span() for m in self._fallback.finditer(text[start:end]))
            found.sort()
        return found

    def _matches(
        self, text: str, tokens: Sequence[re.Match[str]], index: int, candidate: tuple[str, ...]
    ) -> bool:
        if index + len(candidate) > len(tokens):
            return False
        for offset in range(1, len(candidate)):
            before, word = tokens[index + offset - 1], tokens[index + offset]
            if self._key(word.group(0)) != candidate[offset]:
                return False
            gap = text[before.end() : word.start()]
            if not gap or not gap.isspace():
                return False
        return True
