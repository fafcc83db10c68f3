from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from factcheck.text.phrase_index import PhraseIndex

PHRASES = [
    "experts say",
    "experts say that",
    "critics argue",
    "it is understood",
    "a senior official",
    "U.S.-led",
]


def _regex_oracle(text: str, phrases: list[str]) -> list[tuple[int, int]]:
    escaped = sorted((re.escape(p).replace(r"\ ", r"\s+") for p in phrases), key=len, reverse=True)
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(escaped) + r")(?!\w)", re.IGNORECASE)
    return [m.span() for m in pattern.finditer(text)]


def test_longest_first_case_insensitive_on_word_boundaries():
    index = PhraseIndex(PHRASES)
    text = "Experts say that it\nis understood; inexperts say no. A senior officials. The U.S.-led force."
    spans = [text[s:e] for s, e in index.find(text)]
    assert spans == ["Experts say that", "it\nis understood", "U.S.-led"]


def test_case_sensitive_index():
    assert PhraseIndex(["Critics argue"], ignorecase=False).find("critics argue") == []


def test_curly_and_straight_apostrophes_are_the_same_word():
    index = PhraseIndex(["who didn't want to be named"])
    assert index.find("an aide, who didn’t want to be named, said") == [(9, 36)]


words = st.sampled_from(
    ["experts", "say", "that", "critics", "argue", "it", "is", "understood", "Experts", "x"]
)
separators = st.sampled_from([" ", "  ", "\n", ", ", "-", ""])


@given(st.lists(st.tuples(words, separators), max_size=30))
def test_agrees_with_the_regex_it_replaces(pieces):
    text = "".join(w + s for w, s in pieces)
    phrases = PHRASES[:4]
    assert PhraseIndex(phrases).find(text) == _regex_oracle(text, phrases)


@given(
    st.text(alphabet=st.sampled_from(list("aAeE Iinsdrxptou‘’'.,\n-S")), max_size=120),
    st.integers(min_value=0, max_value=120),
    st.integers(min_value=0, max_value=120),
)
def test_reading_the_article_scan_finds_what_tokenising_the_span_finds(text, a, b):
    from factcheck.text.scanner import Scan

    index = PhraseIndex([*PHRASES, "said", "it is", "is it", "don't say", "senior official said"])
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    found = index.find_in_scan(Scan(text), start, end)
    if found is not None:  # None: a word is cut by an edge, and the caller tokenises the span
        assert found == index.find(text[start:end])
