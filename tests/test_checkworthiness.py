"""Check-worthiness: realistic orderings, the direction of each cue, range and speed."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eval.checkworthiness import average_precision, evaluate, normalise, ranking_measures
from eval.common import data_dir
from factcheck.text.checkworthiness import (
    FEATURES,
    WEIGHTS,
    checkworthiness_features,
    score_checkworthiness,
)
from tests.bounded import finishes
from tests.conftest import needs_data

KINDS = ("quantity", "date", "entity", "quote", "attribution", "comparison")


def feature(text: str, name: str, kinds: tuple[str, ...] = ()) -> float:
    return checkworthiness_features(text, kinds)[FEATURES.index(name)]


# --- Realistic sentences -------------------------------------------------------------------------

CHECKABLE = [
    "Unemployment fell to 3.5 percent in 2019, the lowest rate in 50 years.",
    "The company said it had cut 1,200 jobs since January.",
    "Britain's budget deficit rose to £34.7 billion last year, according to the Office for "
    "National Statistics.",
    "Violent crime in the city has doubled over the past decade.",
    "The Senate voted 52 to 48 to pass the bill on Thursday.",
]

NOT_CHECKABLE = [
    "Thank you all for coming.",
    "Good evening, and welcome.",
    "I think he is a wonderful man.",
    "What are you going to do about it?",
    "We will make this country great again.",
    "Yes.",
    "Let me be clear.",
]


@pytest.mark.parametrize("text", CHECKABLE)
def test_factual_news_sentences_pass_the_cut(text):
    assert score_checkworthiness(text) > 0.5


@pytest.mark.parametrize("text", NOT_CHECKABLE)
def test_pleasantries_opinions_questions_and_promises_fall_below_the_cut(text):
    assert score_checkworthiness(text) < 0.5


def test_every_checkable_sentence_outranks_every_pleasantry():
    lowest_checkable = min(score_checkworthiness(t) for t in CHECKABLE)
    highest_other = max(score_checkworthiness(t) for t in NOT_CHECKABLE)
    assert lowest_checkable > highest_other


def test_statistic_beats_thanks():
    statistic = "Exports rose 12% to $4.2 billion in the first quarter, the highest since 2008."
    assert score_checkworthiness(statistic) > score_checkworthiness("Thank you all for coming.") + 0.5


# --- Direction of each cue (same sentence, one change) -------------------------------------------


@pytest.mark.parametrize(
    ("plain", "with_cue"),
    [
        ("The city hired new teachers.", "The city hired 300 new teachers."),
        ("The city hired teachers.", "The city hired three hundred teachers."),
        ("The plan costs money.", "The plan costs $40 million."),
        ("The town has a big hospital.", "The town has the biggest hospital in the region."),
        ("the minister visited the plant.", "Prime Minister Rishi Sunak visited the Nissan plant."),
        ("Crime is a problem here.", "Crime rose here."),
    ],
)
def test_factual_cues_raise_the_score(plain, with_cue):
    assert score_checkworthiness(with_cue) > score_checkworthiness(plain)


@pytest.mark.parametrize(
    ("plain", "with_cue"),
    [
        ("Taxes went up in 2015.", "I think taxes went up in 2015."),
        ("Taxes went up in 2015.", "Did taxes go up in 2015?"),
        ("Taxes went up in 2015.", "Thank you, taxes went up in 2015."),
        ("Taxes went up by 3 percent.", "We will make sure taxes go up by 3 percent."),
        ("Taxes went up by 3 percent.", "Taxes should go up by 3 percent."),
    ],
)
def test_opinion_question_greeting_promise_and_prescription_lower_the_score(plain, with_cue):
    assert score_checkworthiness(with_cue) < score_checkworthiness(plain)


@pytest.mark.parametrize("kind", ["quantity", "entity", "quote", "attribution", "comparison"])
def test_extractor_kinds_raise_the_score(kind):
    text = "it happened there again"
    assert score_checkworthiness(text, (kind,)) > score_checkworthiness(text)


def test_kinds_switch_on_the_matching_feature():
    text = "it happened there again"
    assert feature(text, "digit") == 0.0
    assert feature(text, "digit", ("quantity",)) == 1.0
    assert feature(text, "date", ("date",)) == 1.0
    assert feature(text, "entity", ("entity",)) > 0.0
    assert feature(text, "attribution", ("quote",)) == 1.0
    assert feature(text, "comparative", ("comparison",)) == 1.0


def test_kinds_accept_any_collection():
    text = "The mayor said 40 homes were lost."
    assert score_checkworthiness(text, {"quantity"}) == score_checkworthiness(text, ["quantity"])


# --- Individual features --------------------------------------------------------------------------


def test_all_capitals_heading_is_not_read_as_names():
    assert feature("DRONE ATTACKS ON THE CAPITAL", "entity") == 0.0
    assert feature("Drone attacks hit Kyiv and Odesa", "entity") > 0.0


def test_sentence_initial_capital_and_pronoun_i_are_not_names():
    assert feature("Yesterday I went home and I slept.", "entity") == 0.0


def test_first_person_promise_is_detected_with_curly_apostrophes():
    assert feature("We’ll cut your taxes.", "promise") == 1.0
    assert feature("I’m going to fix it.", "promise") == 1.0
    assert feature("They will cut taxes.", "promise") == 0.0


def test_question_mark_inside_closing_quote_counts():
    assert feature("“Where is the money?”", "question") == 1.0
    assert feature("He asked where the money was.", "question") == 0.0


def test_year_needs_four_digits_in_range():
    assert feature("It opened in 1998.", "date") == 1.0
    assert feature("It holds 12345 books.", "date") == 0.0


def test_short_fragments_score_low():
    for text in ("Yes.", "No, no.", "Right.", "Okay, sure."):
        assert score_checkworthiness(text) < 0.1


def test_weights_match_features():
    assert len(WEIGHTS) == len(FEATURES) + 1
    assert all(math.isfinite(w) for w in WEIGHTS)


# --- Invariants ----------------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400), st.lists(st.sampled_from(KINDS), max_size=6))
def test_score_is_a_probability_for_any_text(text, kinds):
    score = score_checkworthiness(text, kinds)
    assert 0.0 <= score <= 1.0
    values = checkworthiness_features(text, kinds)
    assert len(values) == len(FEATURES)
    assert all(0.0 <= v <= 1.0 for v in values)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=200))
def test_score_is_deterministic(text):
    assert score_checkworthiness(text) == score_checkworthiness(text)


def test_empty_and_blank_text():
    for text in ("", "   ", "\n\n", "***", "— — —"):
        assert score_checkworthiness(text) < 0.1


def test_long_adversarial_input_runs_in_linear_time():
    # Long runs of the characters the regexes key on: digits, capitals, apostrophes, "ed".
    # Their speed is measured in benchmarks/micro.py; here, that they end at all (a hang guard).
    finishes(
        """
        from factcheck.text.checkworthiness import score_checkworthiness
        for unit in ("1", "A", "'", "ed", "I'", " I", "19", "we'", "a" * 50 + " "):
            assert 0.0 <= score_checkworthiness(unit * (200_000 // len(unit))) <= 1.0, unit
        """
    )


# --- Evaluation helpers and the dev data ---------------------------------------------------------


def test_average_precision():
    assert average_precision([1, 0, 1, 0]) == pytest.approx((1 / 1 + 2 / 3) / 2)
    assert average_precision([0, 0]) == 0.0


def test_ranking_measures_ignore_documents_without_positives():
    mean_ap, p10, n = ranking_measures(["a", "a", "b"], [0.9, 0.1, 0.5], [1, 0, 0])
    assert (mean_ap, p10, n) == (1.0, 0.1, 1)


def test_normalise_ignores_case_and_punctuation():
    assert normalise("We cut taxes -- 19 times!") == normalise("we cut taxes 19 times")


@pytest.mark.slow
def test_dev_figures():
    root = data_dir()
    needs_data("claimbuster")
    needs_data("clef2019_checkworthy")
    figures = {(row.dataset, row.metric): row.value for row in evaluate(root)}
    # Measured 0.731 (in-sample), 0.157 and 0.228; floors leave room for small refits.
    assert figures[("claimbuster dev", "F1@0.5")] > 0.70
    assert figures[("clef2019 dev (dedup)", "MAP")] > 0.13
    assert figures[("clef2019 dev (dedup)", "P@10")] > 0.15
