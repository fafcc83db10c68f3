"""The cross-sentence numeric fixtures are well formed (runs now; the verifier tests that use them
are in test_numeric_cross_fixtures.py and wait for issue 11)."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from eval.numeric_cross_fixtures import FIXTURES, KIND_RULES, figure_spans, load_fixtures

FIXTURE_LIST = load_fixtures()
PLANTED = [f for f in FIXTURE_LIST if not f.negative]
NEGATIVE = [f for f in FIXTURE_LIST if f.negative]


def test_every_file_is_listed_and_every_listing_has_its_files():
    on_disk = {p.name for p in FIXTURES.glob("*.txt")}
    listed = {f.name for f in FIXTURE_LIST} | {f.twin for f in PLANTED if f.twin}
    assert on_disk == listed
    for fixture in PLANTED:
        assert fixture.name.endswith(".planted.txt")
    for fixture in NEGATIVE:
        assert fixture.name.endswith(".negative.txt")


def test_enough_fixtures_of_every_kind():
    kinds = Counter(f.kind for f in PLANTED)
    assert len(PLANTED) >= 36
    assert all(kinds[kind] >= 4 for kind in KIND_RULES), kinds
    assert len(NEGATIVE) >= 6


@pytest.mark.parametrize("fixture", FIXTURE_LIST, ids=lambda f: f.name)
def test_fields(fixture):
    assert re.fullmatch(r"\d\d-[a-z0-9-]+\.(planted|negative)\.txt", fixture.name)
    assert re.fullmatch(r"NUM0\d\d", fixture.rule)
    if not fixture.negative:
        assert fixture.kind in KIND_RULES
        assert fixture.rule in KIND_RULES[fixture.kind]
    assert fixture.figures and fixture.why
    assert 2 <= len(fixture.figures)


@pytest.mark.parametrize("fixture", FIXTURE_LIST, ids=lambda f: f.name)
def test_article_shape(fixture):
    texts = [fixture.text] + ([fixture.twin_text] if fixture.twin_text else [])
    for text in texts:
        headline, blank, *body = text.split("\n")
        assert headline.strip() and not blank, "headline line, then a blank line"
        paragraphs = [p for p in "\n".join(body).split("\n\n") if p.strip()]
        assert len(paragraphs) >= 4
        assert all("\n" not in p.strip() for p in paragraphs), "paragraphs separated by blank lines"
        assert 150 <= len(text.split()) <= 450


@pytest.mark.parametrize("fixture", FIXTURE_LIST, ids=lambda f: f.name)
def test_every_figure_is_where_it_says(fixture):
    for figure, (start, end) in zip(fixture.figures, fixture.spans, strict=True):
        assert fixture.text[start:end] == figure
        assert (start, end) in figure_spans(fixture.text, figure)


@pytest.mark.parametrize("fixture", PLANTED, ids=lambda f: f.name)
def test_twins_differ_only_at_the_wrong_figure(fixture):
    assert fixture.wrong_span is not None and fixture.clean and fixture.twin_text
    start, end = fixture.wrong_span
    assert fixture.clean != fixture.wrong
    assert fixture.twin_text == fixture.text[:start] + fixture.clean + fixture.text[end:]


@pytest.mark.parametrize("fixture", FIXTURE_LIST, ids=lambda f: f.name)
def test_the_relation_crosses_a_sentence(fixture):
    start = min(s for s, _ in fixture.spans)
    end = max(e for _, e in fixture.spans)
    assert re.search(r"[.!?\"”]\s|\n", fixture.text[start:end]), "figures all in one sentence"
