"""Entity extraction: people with titles and roles, organisations, places, the stop-list."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.text.entities import extract_entities
from factcheck.text.speech_lexicons import Lexicons, default_lexicons, lexicons_from


def entities(text: str, lexicons: Lexicons | None = None) -> dict[str, tuple[str, str | None]]:
    found = extract_entities(text, 0, len(text), lexicons or default_lexicons())
    return {e.text: (e.label, e.role) for e in found}


def test_title_inside_the_name_run():
    assert entities("Ukrainian President Volodymyr Zelenskiy stated that Kyiv was ready.")[
        "Volodymyr Zelenskiy"
    ] == ("person", "Ukrainian President")


def test_lowercase_role_before_the_name():
    assert entities("“Good,” noted political analyst Tatiana Stanovaya.")["Tatiana Stanovaya"] == (
        "person",
        "political analyst",
    )
    assert entities("Trump envoy Steve Witkoff shared it.")["Steve Witkoff"] == ("person", "Trump envoy")


def test_appositive_role():
    text = "Nigel Gould-Davies, a Russia expert at the IISS, indicated that it was over."
    assert entities(text)["Nigel Gould-Davies"] == ("person", "a Russia expert at the IISS")


def test_multiword_title_with_connector():
    assert entities("Secretary of State John Kerry said so.")["John Kerry"] == (
        "person",
        "Secretary of State",
    )


def test_organisations_and_places():
    found = entities("He works at the International Institute for Strategic Studies in London with NATO.")
    assert found["International Institute for Strategic Studies"][0] == "organisation"
    assert found["London"][0] == "place"
    assert found["NATO"][0] == "organisation"


def test_possessive_is_trimmed_and_split():
    found = entities("He met Russia’s Foreign Minister Sergei Lavrov.")
    assert found["Russia"][0] == "place"
    assert found["Sergei Lavrov"] == ("person", "Russia’s Foreign Minister")


def test_stop_words_and_sentence_openers_are_not_names():
    found = entities("However, Andrei Kozyrev told them. Halting attacks would hurt. On Tuesday it rained.")
    assert "Andrei Kozyrev" in found
    assert "However" not in found and "Halting" not in found and "Tuesday" not in found


def test_sentence_initial_surname_known_from_elsewhere():
    found = entities("Andrei Kozyrev spoke first. Kozyrev remarked that it was vague.")
    assert found["Kozyrev"][0] == "person"


def test_lexicons_are_parameters():
    custom = lexicons_from({"person_titles": ["wizard"], "not_a_name": [], "organisation_words": []})
    assert entities("The wizard Harry Potter said so.", custom)["Harry Potter"] == ("person", "wizard")


def test_spans_match_text():
    text = "Ukrainian President Volodymyr Zelenskiy met Trump envoy Steve Witkoff in Kyiv."
    for e in extract_entities(text, 0, len(text), default_lexicons()):
        assert text[e.start : e.end] == e.text
        if e.role_start is not None and e.role_end is not None:
            assert e.role_start < e.role_end <= e.start or e.role_start >= e.end


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from([*"AbcDe Ff’'.,-\n“”", "Mr.", " of ", "President ", "Inc", "U.S."]), max_size=40
    ).map("".join),
    st.integers(0, 10),
)
def test_no_crash_and_spans_inside(text, offset):
    start = min(offset, len(text))
    for e in extract_entities(text, start, len(text), default_lexicons()):
        assert start <= e.start < e.end <= len(text)
        assert text[e.start : e.end] == e.text


def test_abbreviated_title_after_a_modifier_is_not_a_name():
    found = entities("Texas Sen. Ted Cruz named his favourite shows.")
    assert found["Ted Cruz"] == ("person", "Texas Sen.")
    assert "Texas Sen" not in found


def test_title_before_a_double_space():
    assert entities("He was beaten by President  Johnson.")["Johnson"] == ("person", "President")


def test_sentence_end_is_not_a_modifier_of_the_title():
    assert entities("He said it. Sen. Ron Johnson disagreed.")["Ron Johnson"] == ("person", "Sen.")


def test_heading_in_capitals_is_not_an_organisation():
    assert entities("CONGRESS HAS INVESTIGATED HIM — the doctor said.")["CONGRESS HAS INVESTIGATED HIM"][
        0
    ] == ("other")


def test_place_keeps_its_stop_word():
    assert entities("Voters in New Hampshire went to the polls.")["New Hampshire"] == ("place", None)


def test_first_name_and_title_genders():
    lexicons = default_lexicons()
    assert lexicons.gender_of("Hillary") == "f"
    assert lexicons.gender_of("Bernie") == "m"
    assert lexicons.gender_of("Jordan") is None  # used for both: deliberately not listed
    assert lexicons.gender_of_title("the congresswoman") == "f"
    assert lexicons.gender_of_title("Mr. Clarke") == "m"
    assert lexicons.gender_of_title("the senator") is None
    both = lexicons_from({"female_first_names": ["Sam"], "male_first_names": ["Sam"]})
    assert both.gender_of("Sam") is None  # on both lists: ambiguous, says nothing


def test_cue_pattern_prefix_tree_matches_whole_words_only():
    pattern = default_lexicons().cue_pattern
    text = "He said, unsaid, saying; According to her, she pointed  out the sayings."
    assert [m.group() for m in pattern.finditer(text)] == ["said", "saying", "According to", "pointed  out"]


def test_masthead_beside_a_bar_is_not_a_person():
    found = entities("Discover more from Defence Talks | Defense News Hub")
    assert found["Defence Talks"][0] == "other"
    assert entities("He spoke to Chris Matthews on air.")["Chris Matthews"][0] == "person"
