"""Quotation finding: mark roles, nesting, apostrophes, unclosed and multi-paragraph quotes."""

from __future__ import annotations

import itertools

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.text.quotes import find_quotations, paragraph_blocks


def quotes(text: str) -> list[tuple[str, bool]]:
    return [(text[q.start : q.end], q.closed) for q in find_quotations(text, paragraph_blocks(text))]


def test_curly_and_straight_quotes():
    text = 'He said “yes” and then "no" twice.'
    assert quotes(text) == [("“yes”", True), ('"no"', True)]


def test_content_span_excludes_marks():
    text = "A “quoted bit” here."
    (q,) = find_quotations(text, paragraph_blocks(text))
    assert text[q.content_start : q.content_end] == "quoted bit"


def test_nested_single_quote_stays_inside_double():
    text = "“This amounts to a ‘no’ in any other form,” she said."
    assert quotes(text) == [("“This amounts to a ‘no’ in any other form,”", True)]


def test_apostrophes_are_not_quote_marks():
    text = "Russia’s and Trump‘s plans for the ‘90s, the students’ union, don't."
    assert quotes(text) == []


def test_top_level_single_quotes():
    text = "Trump: 'I'm not going anywhere'"
    assert quotes(text) == [("'I'm not going anywhere'", True)]


def test_unclosed_quote_ends_at_paragraph_end():
    text = "“First paragraph of a long quote.\n“Second paragraph,” he said."
    assert quotes(text) == [("“First paragraph of a long quote.", False), ("“Second paragraph,”", True)]


def test_new_opening_mark_ends_an_unclosed_quote():
    text = "He said “one thing and “another thing” too."
    assert quotes(text) == [("“one thing and", False), ("“another thing”", True)]


def test_doubled_opening_mark_is_one_quote():
    text = '"“You don’t win the nomination,” Rubio responded.'
    assert quotes(text) == [('"“You don’t win the nomination,”', True)]


def test_real_article_quotes():
    with open("examples/ceasefire-call.txt", encoding="utf-8") as handle:
        text = handle.read()
    found = quotes(text)
    assert len(found) == 12
    assert all(closed for _, closed in found)
    assert ("“Hannity”", True) in found


MARKS = st.sampled_from(["“", "”", '"', "‘", "’", "'", "«", "»", " ", "\n", "a", "s", ".", ",", "9"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(MARKS, st.text(max_size=4)), max_size=60).map("".join))
def test_any_text_gives_spans_inside_blocks(text):
    blocks = paragraph_blocks(text)
    found = find_quotations(text, blocks)
    for q in found:
        assert 0 <= q.start < q.end <= len(text)
        assert q.start < q.content_start <= q.content_end <= q.end
        assert any(b.start <= q.start and q.end <= b.end for b in blocks)
    starts = [q.start for q in found]
    assert starts == sorted(starts)
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))
