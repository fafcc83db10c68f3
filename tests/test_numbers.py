"""Number words and digit strings: values and the precision their written form implies."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from factcheck.text.numbers import (
    digits_precision,
    lower_aligned,
    lower_window,
    parse_digits,
    parse_number_prefix,
    parse_number_words,
    trie_source,
)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("three", 3),
        ("Three", 3),
        ("twenty-five", 25),
        ("twenty five", 25),
        ("twenty-five thousand", 25_000),
        ("a dozen", 12),
        ("two dozen", 24),
        ("half a million", 500_000),
        ("3.3 million", 3_300_000),
        ("a hundred and two", 102),
        ("one hundred and two", 102),
        ("two and a half", 2.5),
        ("three point three million", 3_300_000),
        ("two million three hundred thousand", 2_300_000),
        ("two thousand million", 2_000_000_000),
        ("a million", 1_000_000),
        ("zero", 0),
        ("ninety-nine", 99),
        ("1,500,000", 1_500_000),
    ],
)
def test_parse_number_words_values(text: str, value: float) -> None:
    assert parse_number_words(text) == pytest.approx(value)


@pytest.mark.parametrize(
    "text",
    ["", "a", "hundred", "three four", "nineteen ninety", "twenty twenty", "three apples", "5%", "and"],
)
def test_parse_number_words_rejects_non_numbers(text: str) -> None:
    assert parse_number_words(text) is None


def test_prefix_stops_at_first_word_that_cannot_continue() -> None:
    assert parse_number_prefix(["three", "four"]) == (3.0, 1.0, 1)
    assert parse_number_prefix(["nineteen", "ninety"]) == (19.0, 1.0, 1)
    # "and" is only kept when a number follows it
    assert parse_number_prefix(["one", "hundred", "and", "counting"]) == (100.0, 100.0, 2)


@pytest.mark.parametrize(
    ("words", "precision"),
    [
        ("3.3 million", 100_000),
        ("3 million", 1_000_000),
        ("twenty-five thousand", 1_000),
        ("three hundred", 100),
        ("three", 1),
        ("half a million", 100_000),
    ],
)
def test_precision_is_the_step_of_the_last_written_group(words: str, precision: float) -> None:
    parsed = parse_number_prefix(words.replace("-", " ").split())
    assert parsed is not None
    assert parsed[1] == pytest.approx(precision)


def test_digits() -> None:
    assert parse_digits("25,000") == 25_000
    assert parse_digits("3.3") == 3.3
    assert parse_digits("1 500") == 1500
    assert parse_digits("−5") == -5
    assert parse_digits("12,34") is None
    assert parse_digits("abc") is None
    assert digits_precision("28.6") == pytest.approx(0.1)
    assert digits_precision("29") == 1
    assert digits_precision("5,000") == 1  # trailing zeros are not read as rounding


def test_trie_source_matches_exactly_the_words() -> None:
    import re

    pattern = re.compile(r"\b" + trie_source(["one", "on", "thirteen", "thirty", "thir"]) + r"\b")
    found = [m.group() for m in pattern.finditer("one on thirteen thirty thir thirt ones")]
    assert found == ["one", "on", "thirteen", "thirty", "thir"]


def test_lower_aligned_keeps_length() -> None:
    text = "İstanbul SAID"
    assert len(lower_aligned(text)) == len(text)
    assert lower_aligned("ABC") == "abc"


@given(
    st.lists(
        st.sampled_from(
            [
                "one",
                "two",
                "twenty",
                "hundred",
                "thousand",
                "million",
                "and",
                "a",
                "half",
                "point",
                "dozen",
                "three",
                "x",
                "5",
                "3.3",
            ]
        ),
        max_size=12,
    )
)
def test_prefix_never_crashes_and_uses_a_valid_count(words: list[str]) -> None:
    parsed = parse_number_prefix(words)
    if parsed is not None:
        value, precision, used = parsed
        assert 1 <= used <= len(words)
        assert value >= 0
        assert precision > 0


@given(st.text(max_size=60))
def test_parse_number_words_total(text: str) -> None:
    value = parse_number_words(text)
    assert value is None or value == value  # never NaN, never raises


@given(st.text(max_size=40), st.integers(0, 45), st.integers(0, 45))
def test_lower_window_is_a_shifted_slice_of_lower_aligned(text: str, start: int, end: int) -> None:
    low, base = lower_window(text, start, end)
    assert base == max(0, min(start, end) - 1)  # one character of left context for \b
    assert len(low) == len(text[base:end])
    if text.isascii():
        assert low == lower_aligned(text)[base:end]
