"""In-article checks beyond names (bases, event dates, headline figures), the reported-speech
equivalence of the archive quote check, and the false-alarm guards of the name and role checks."""

from __future__ import annotations

import factcheck_plugins.xref as xref
import pytest
from factcheck_plugins.xref.speech import canonical, trivially_different
from factcheck_plugins.xref.within import event_dates, headline_figures, organisation_bases
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.cli.main import main
from factcheck.model.article import Article, Block, Statement
from factcheck.model.report import Status
from factcheck.plugin_system.manager import builtin_plugins

XREF = [] if "xref" in builtin_plugins() else [("xref", xref)]  # built in once registered


@pytest.fixture
def engine(make_engine):
    return make_engine(extra=XREF, settings={"check": {"date": "2025-03-01"}})


def found(engine, text: str, code: str, path: str = "<string>"):
    report = engine.check_text(text, path)
    return [v for v in report.verdicts if v.rule == code and v.status != Status.SUPPORTED]


# --- XRF004: one organisation, two bases -----------------------------------------------------------


def test_generic_noun_resolves_through_the_fact_pack(engine):
    text = "The Geneva-based ICRC sent doctors on Monday. The Zurich-based committee sent food."
    (verdict,) = found(engine, text, "XRF004")
    assert verdict.evidence[0].text == "Zurich-based committee"
    assert verdict.evidence[1].text == "Geneva-based ICRC"
    assert "Zurich" in verdict.message and "Geneva" in verdict.message


def test_same_name_two_towns_and_based_in(engine):
    text = (
        "Acme Foods, based in Leeds, said sales rose. Analysts expect the Bristol-based Acme Foods "
        "to hire staff."
    )
    assert len(found(engine, text, "XRF004")) == 1


def test_countries_regions_and_other_organisations_are_not_compared(engine):
    assert not found(engine, "The London-based Acme Foods grew. The UK-based Acme Foods hired.", "XRF004")
    assert not found(
        engine, "The London-based Acme Foods grew. The Yorkshire-based Acme Foods hired.", "XRF004"
    )
    text = "The Leeds-based Acme Foods grew. The Bristol-based Zenith Foods hired."
    assert not found(engine, text, "XRF004")
    # "company" is a word of neither name: it is not resolved to either organisation
    text = "The Leeds-based Acme Foods grew. The Bristol-based company hired."
    assert not found(engine, text, "XRF004")


# --- XRF005: one event, two dates ------------------------------------------------------------------


def test_event_given_two_days(engine):
    text = "The election on 4 July 2024 changed the government. Turnout at the 5 July election was low."
    (verdict,) = found(engine, text, "XRF005")
    assert verdict.evidence[0].text == "5 July" and verdict.evidence[1].text == "4 July 2024"


def test_event_dates_that_agree_or_name_other_events(engine):
    agree = "The election on 4 July 2024 changed the government. Turnout at the 4 July election was low."
    assert not found(engine, agree, "XRF005")
    other = "The summit on 3 March failed. A second summit on 5 March ended without a deal."
    assert not found(engine, other, "XRF005")
    modifiers = "The Paris summit on 3 March failed. The Rome summit on 5 March ended without a deal."
    assert not found(engine, modifiers, "XRF005")
    years = "The election on 4 July 2019 was close. The election on 4 July 2024 was not."
    assert len(found(engine, years, "XRF005")) == 1


# --- XRF006: headline against body -----------------------------------------------------------------


def test_markdown_title_figure_contradicted_by_body(engine):
    text = "# Floods kill 30 people in Italy\n\nFloods in northern Italy have killed 13 people, police say.\n"
    (verdict,) = found(engine, text, "XRF006", "story.md")
    assert verdict.evidence[0].text == "13 people"
    assert verdict.evidence[1].note == "headline"


def test_headline_rounding_hedges_and_unrelated_figures_agree(engine):
    def front(title: str, body: str) -> str:
        return f"---\ntitle: {title}\ndate: 2024-03-01\n---\n{body}\n"

    rounded = front("Ministry cuts spending by £3m", "The ministry cut spending by £2.95m this year.")
    assert not found(engine, rounded, "XRF006", "a.md")
    hedged = front("Floods kill more than 30 people", "Floods have killed 34 people, officials said.")
    assert not found(engine, hedged, "XRF006", "b.md")
    unrelated = front("Floods kill 30 people", "The concert drew 5,000 people to the stadium.")
    assert not found(engine, unrelated, "XRF006", "c.md")
    standfirst = (
        "---\ntitle: Italy floods\nstandfirst: Floods kill 30 people in the north\ndate: 2024-03-01\n---\n"
        "Floods in the north have killed 13 people, officials said.\n"
    )
    assert len(found(engine, standfirst, "XRF006", "d.md")) == 1


# --- XRF021: reported speech against the archive ---------------------------------------------------


def test_backshift_and_person_shift_are_trivial():
    assert trivially_different("we will not give up the east", "they would not give up the east")
    assert trivially_different("i am confident we can win", "he was confident they could win")
    assert trivially_different("i'm sure it isn't over", "he was sure it wasn't over")
    assert not trivially_different("it is entirely in his interest", "it is clearly in his interest")
    assert not trivially_different("we will win the war", "we will lose the war")
    assert canonical("They'll say") == ["SUBJ", "WILL", "say"]


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=80), st.text(max_size=80))
def test_trivial_is_reflexive_and_symmetric(a, b):
    assert trivially_different(a, a) or not canonical(a)
    assert trivially_different(a, b) == trivially_different(b, a)


def test_archive_compares_only_the_quoted_words(make_engine, write, tmp_path):
    write(
        "archive/old.md",
        "The chairman, Guy Mansfield, warned there is a real risk that people on the margins of "
        "society “would be driven into the hands of extremists by the new powers”.\n",
    )
    db = tmp_path / "archive.db"
    assert main(["index", str(tmp_path / "archive"), "--archive", str(db)]) == 0
    engine = make_engine(extra=XREF, settings={"plugins": {"xref": {"archive": str(db)}}})
    paraphrase = (
        "The chairman, Guy Mansfield, warned there was a real risk that people on the margins of "
        "society “would be driven into the hands of extremists by the new powers”.\n"
    )
    assert not found(engine, paraphrase, "XRF021", str(write("a.md", paraphrase)))
    misquote = paraphrase.replace("extremists by", "terrorists by")
    assert len(found(engine, misquote, "XRF021", str(write("b.md", misquote)))) == 1


# --- XRF001 and XRF010/011 guards ------------------------------------------------------------------


def test_other_first_name_and_common_nouns_are_not_respellings(engine):
    text = "Pollster Kristen Soltis Anderson wrote first. Later David Andersen replied to her."
    assert not found(engine, text, "XRF001")
    text = (
        "His father fled the regime of Fulgencio Batista in 1957. He grew up in the fiery style of the "
        "Baptist church."
    )
    assert not found(engine, text, "XRF001")


def test_swapped_letters_after_an_article_are_still_a_respelling(engine):
    text = "Hillary Clinton spoke on Monday. Aides said the Clniton campaign would go on."
    assert [v.evidence[0].text for v in found(engine, text, "XRF001")] == ["Clniton"]


def test_future_honorific_and_predicate_titles_are_not_judged(make_engine):
    engine = make_engine(extra=XREF, settings={"check": {"date": "2016-02-28"}})
    assert not found(engine, "It is time to start worrying about President Donald Trump.", "XRF010")
    assert not found(engine, "That changes once Obama is former President Barack Obama.", "XRF011")
    assert found(engine, "Former President Barack Obama spoke on Monday.", "XRF011")
    # offices that are not honorific are still judged before a first term
    assert found(engine, "Chancellor Rishi Sunak presented the budget.", "XRF010")


# --- properties ------------------------------------------------------------------------------------

_ALPHABET = list("Aa Zb-based the on 4 July election Geneva ICRC committee. £30m\n")


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(_ALPHABET), max_size=200))
def test_within_checks_never_crash_and_spans_stay_inside(text):
    statement = Statement(id="S1", start=0, end=len(text), text=text)
    for pair in [*organisation_bases(text, [statement], None), *event_dates(text, [statement])]:
        assert 0 <= pair.now_start <= pair.now_end <= len(text)
        assert 0 <= pair.other_start <= pair.other_end <= len(text)
    article = Article(
        path="x", format="text", source=text, plain=text, blocks=(Block(start=0, end=len(text)),)
    )
    for headline, body in headline_figures(article, [statement]):
        assert 0 <= body.start <= body.end <= len(text)
        assert headline.end <= len(text)
