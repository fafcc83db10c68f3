"""The article scanner: one pass, and every view of it agrees with the text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from factcheck.formats import load
from factcheck.text.scanner import DIGIT, Scan, article_scan


@given(st.text(alphabet=st.sampled_from(list("ab Zé1’'-.,\n\"“”")), max_size=80))
def test_tokens_are_slices_of_the_text_in_order(text):
    scan = Scan(text)
    for start, end, word, lower in zip(scan.starts, scan.ends, scan.words, scan.lower, strict=True):
        assert text[start:end] == word
        assert lower == word.lower().replace("’", "'")
    assert list(scan.starts) == sorted(scan.starts)
    for index in range(len(scan)):
        assert scan.at(scan.starts[index]) == index
        assert list(scan.between(scan.starts[index], scan.ends[index])) == [index]


def test_where_finds_every_occurrence_of_any_word():
    scan = Scan("The minister said. THE Minister SAID it, he said.")
    assert [scan.words[i] for i in scan.where(["said"])] == ["said", "SAID", "said"]
    assert scan.where(["nowhere"]) == []
    digits = Scan("in 2024")
    assert digits.kind[digits.at(3) or 0] == DIGIT


def test_an_article_is_scanned_once_and_a_masked_copy_again():
    article = load("a.txt", "Sales rose 10% in Leeds.\n")
    first = article_scan(article)
    assert article_scan(article) is first
    masked = article.model_copy(update={"plain": article.plain.replace("Leeds", "     ")})
    assert "Leeds" not in article_scan(masked).words


def test_where_agrees_before_and_after_the_index_is_built():
    scan = Scan("Said the minister, as he said; and ‘said’ they SAID it's so, it’s said.")
    words = {"said", "it's", "so"}
    first = [scan.where(words) for _ in range(4)]  # the first look-ups scan, later ones index
    assert all(found == first[0] for found in first)
    assert [scan.lower[i] for i in first[0]] == ["said", "said", "said", "said", "it's", "so", "it's", "said"]


def test_a_long_text_is_scanned_alike():
    text = "The U.S. said 2,400 O’Brien's men left. " * 8000  # past the one-pass size
    scan, short = Scan(text), Scan(text[:40])
    assert len(scan) == 8000 * len(short)
    assert scan.lower[: len(short)] == short.lower
    assert list(scan.ends[: len(short)]) == list(short.ends)
