"""One pass over an article's text: the words every extractor and verifier reads.

Before this scanner each statement was tokenised again by every reader (check-worthiness, the
title-case test, entities, cue words, phrase rules, cross-reference mentions): about fifty regex
calls per statement. Now the article's visible text (``Article.plain``) is cut into words once,
into parallel arrays, and readers work on slices of them: ``scan.between(start, end)`` gives the
token indices of a statement by bisection, ``scan.lower[i]`` the word's case-folded form, and
``scan.where(words)`` every position of any of a lexicon's words through an inverted index built
on first use. Python then works per candidate, not per character per reader.

A word is a run of word characters, with inner apostrophes (``don't``, ``O’Brien``). Digits count
as word characters, so ``2,400`` is the two tokens ``2`` and ``400``: numbers have their own
reader (``factcheck.text.numbers``), and a token's ``kind`` says what it is made of.
"""

from __future__ import annotations

import bisect
import operator
import re
import sys
from array import array
from collections.abc import Iterable
from itertools import compress
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from factcheck.model.article import Article

WORD = re.compile(r"\w+(?:['’]\w+)*")
_FOLDED = re.compile(r"[^ ]+")  # the folded words, as they were joined
_LONG = 256 * 1024  # characters: a text whose folded words are read one at a time and interned

ALPHA, DIGIT, MIXED = 0, 1, 2


class Scan:
    """The words of one text with their offsets, forms and kinds (parallel arrays, one per token:
    ``starts`` and ``ends`` are ``array('q')``, the rest lists).

    Build it with ``Scan(text)``, or get the article's own with ``article_scan(article)``, which
    is built once per article and shared by every plugin.
    """

    __slots__ = ("_capitalised", "_index", "_kind", "_lookups", "_words", "ends", "lower", "starts", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        # Built with C-level maps (a Python loop per word cost more than all the readers it
        # spares) and lean, since a 3 MB article has about 900,000 words: offsets are machine
        # integers (``array``: 8 bytes each, not 40), taken from the matches as they come rather
        # than from a list of them; no list of every word outlives the build.
        self.starts: array[int]
        self.ends: array[int]
        if len(text) < _LONG:  # one regex pass
            matches = list(WORD.finditer(text))
            self.starts = array("q", map(re.Match.start, matches))
            self.ends = array("q", map(re.Match.end, matches))
            words = list(map(re.Match.group, matches))
            del matches
        else:  # two passes, never holding every match object
            self.starts = array("q", map(re.Match.start, WORD.finditer(text)))
            words = WORD.findall(text)
            self.ends = array("q", map(operator.add, self.starts, map(len, words)))
        # Case-folded, with the typographic apostrophe read as the plain one. Words hold no space,
        # and folding one string folds each word as on its own: one call, not one a word.
        folded = " ".join(words).lower().replace("’", "'")
        del words
        self.lower: list[str]
        if len(text) < _LONG:
            self.lower = folded.split(" ") if folded else []
        else:  # one word at a time, interned: an article repeats its words, each is kept once
            self.lower = list(map(sys.intern, map(re.Match.group, _FOLDED.finditer(folded))))
        self._words: list[str] | None = None
        self._capitalised: list[bool] | None = None
        self._kind: list[int] | None = None
        self._index: dict[str, list[int]] | None = None
        self._lookups = 0

    @property
    def words(self) -> list[str]:
        """Each word as written (``text[starts[i]:ends[i]]``), made when first read."""
        if self._words is None:
            text = self.text
            self._words = [text[s:e] for s, e in zip(self.starts, self.ends, strict=True)]
        return self._words

    @property
    def capitalised(self) -> list[bool]:
        """Whether each word starts with a capital letter (a name, a sentence start, a headline)."""
        if self._capitalised is None:
            text = self.text
            self._capitalised = [text[s].isupper() for s in self.starts]
        return self._capitalised

    @property
    def kind(self) -> list[int]:
        """What each word is made of: ``DIGIT``, ``ALPHA`` (no digit at all) or ``MIXED``."""
        if self._kind is None:
            self._kind = [
                DIGIT if w.isdigit() else ALPHA if w.isalpha() or not any(c.isdigit() for c in w) else MIXED
                for w in self.words
            ]
        return self._kind

    def __len__(self) -> int:
        return len(self.starts)

    def between(self, start: int, end: int) -> range:
        """Indices of the tokens that lie wholly inside ``text[start:end]``."""
        first = bisect.bisect_left(self.starts, start)
        last = bisect.bisect_right(self.ends, end, lo=first)
        return range(first, max(first, last))

    def at(self, offset: int) -> int | None:
        """The index of the token covering ``offset``, if any."""
        index = bisect.bisect_right(self.starts, offset) - 1
        if index >= 0 and offset < self.ends[index]:
            return index
        return None

    def index(self) -> dict[str, list[int]]:
        """Case-folded word -> the token indices where it occurs (built on first use)."""
        if self._index is None:
            found: dict[str, list[int]] = {}
            for position, word in enumerate(self.lower):
                found.setdefault(word, []).append(position)
            self._index = found
        return self._index

    def where(self, words: Iterable[str]) -> list[int]:
        """Sorted token indices of every occurrence of any of ``words`` (case-folded forms).

        The first few look-ups of an article test each word against the set in C (``compress``),
        which costs less than building the inverted index; from the third on, the index is built
        and used, so a reader with many lexicons pays for it once."""
        if self._index is None and self._lookups < 2:
            self._lookups += 1
            wanted = words if isinstance(words, set | frozenset) else set(words)
            return list(compress(range(len(self.lower)), map(wanted.__contains__, self.lower)))
        index = self.index()
        found: list[int] = []
        for word in set(words):
            found.extend(index.get(word, ()))
        found.sort()
        return found


def article_scan(article: Article) -> Scan:
    """The scan of ``article.plain``, built on first use and kept with the article, so the core's
    extractor and every verifier read one token stream. A copy of the article with other visible
    text (boilerplate masked) gets its own."""
    found: Scan | None = article._scan
    if found is None or found.text is not article.plain:
        found = Scan(article.plain)
        article._scan = found
    return found
