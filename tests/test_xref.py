"""The cross-reference verifier end to end: in-article names and roles, fact-pack roles, and the
bad/good examples of every XRF rule file run as tests."""

from __future__ import annotations

from pathlib import Path

import factcheck_plugins.xref as xref
import pytest
from factcheck_plugins.xref.names import spelling_issues
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.model.article import Statement
from factcheck.model.report import Status
from factcheck.plugin_system.manager import builtin_plugins
from factcheck.rules.packs import CORE_RULE_TYPES, RuleModel, load_rule_file

XREF = [] if "xref" in builtin_plugins() else [("xref", xref)]  # built in once registered

DATE = {"check": {"date": "2025-03-01"}}
RULE_FILES = sorted(Path(xref.__file__).with_name("rules").glob("XRF*.toml"))


@pytest.fixture
def engine(make_engine):
    return make_engine(extra=XREF, settings=DATE)


def verdicts(engine, text: str, code: str | None = None):
    report = engine.check_text(text, "example.md" if text.startswith("---") else "<string>")
    return [v for v in report.verdicts if v.rule.startswith("XRF") and (code is None or v.rule == code)]


def flagged(found) -> bool:
    return any(v.status != Status.SUPPORTED for v in found)


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: p.stem)
def test_rule_examples(engine, path: Path):
    rule = load_rule_file(path, CORE_RULE_TYPES)
    assert isinstance(rule, RuleModel)
    assert path.stem.startswith(rule.code) and path.stem.endswith(rule.name)
    assert rule.examples.bad and rule.examples.good
    if rule.examples.requires:
        return  # an archive or sources: tests/test_xref_examples.py builds them
    for text in rule.examples.bad:
        assert flagged(verdicts(engine, text, rule.code)), text
    for text in rule.examples.good:
        assert not flagged(verdicts(engine, text, rule.code)), text


def test_respelled_surname_shows_both_spans(engine):
    text = (
        "Political analyst Tatiana Stanovaya spoke on Monday. "
        "Vladimir Putin has dismissed the truce, Stanovaya said. Stanovya added that he wants more."
    )
    found = verdicts(engine, text, "XRF001")
    assert len(found) == 1
    assert found[0].evidence[0].text == "Stanovya" and found[0].evidence[1].text == "Stanovaya"
    assert "'Stanovya' is spelled 'Stanovaya'" in found[0].message


def test_hyphen_drift(engine):
    text = "Nigel Gould-Davies spoke on Monday. Gould Davies added that Europe must act."
    found = verdicts(engine, text, "XRF001")
    assert [v.evidence[0].text for v in found] == ["Gould Davies"]


def test_inflections_and_other_people_are_not_respellings(engine):
    text = (
        "Prime Minister Tony Blair met Charles Clarke and Wesley Clark. The Blairs left early. "
        "Clarke and Clark spoke later. Russia and the Russians disagreed."
    )
    assert verdicts(engine, text, "XRF001") == []


def test_role_drift_within_article(engine):
    text = (
        "Foreign Minister Andrii Sybiha arrived in Kyiv on Monday. "
        "Defence Minister Sybiha later told reporters the talks were over."
    )
    found = verdicts(engine, text, "XRF003")
    assert len(found) == 1 and found[0].evidence[1].text.startswith("Foreign Minister")


def test_two_people_with_one_surname_keep_their_roles(engine):
    text = (
        "Energy Secretary Ed Miliband spoke first. Foreign Secretary David Miliband replied. "
        "Later Energy Secretary Ed Miliband left."
    )
    assert verdicts(engine, text, "XRF003") == []


def test_role_at_date_refuted_and_supported(make_engine):
    engine = make_engine(extra=XREF, settings={"check": {"date": "2005-03-01"}})
    found = verdicts(
        engine, "Chancellor Tony Blair said the budget would balance. Prime Minister Tony Blair agreed."
    )
    by_status = {v.status for v in found if v.rule == "XRF010"}
    assert by_status == {Status.REFUTED, Status.SUPPORTED}
    refuted = next(v for v in found if v.status == Status.REFUTED)
    assert "Gordon Brown" in refuted.message
    assert any(getattr(e, "url", None) for e in refuted.evidence), "the refutation cites the pack's source"


def test_no_date_no_role_judgement(make_engine):
    engine = make_engine(extra=XREF)
    assert verdicts(engine, "President Joe Biden signed the order.", "XRF010") == []


def test_unknown_people_are_not_judged(engine):
    assert verdicts(engine, "Chancellor Olaf Scholz and President Emmanuel Macron met.", "XRF010") == []


def test_settings_are_validated(make_engine):
    from factcheck.errors import ConfigError

    with pytest.raises(ConfigError):
        make_engine(extra=XREF, settings={"plugins": {"xref": {"archvie": "x.db"}}})


def _statement(text: str) -> Statement:
    return Statement(id="S1", start=0, end=len(text), text=text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("Aab Zelnsky-’'.\n")), max_size=200))
def test_spelling_never_crashes_and_spans_stay_inside(text):
    for issue in spelling_issues(text, [_statement(text)]):
        assert 0 <= issue.variant.start < issue.variant.end <= len(text)
        assert text[issue.variant.start : issue.variant.end] == issue.variant.text


def test_hyphen_drift_of_several_names_sharing_a_first_part():
    from factcheck_plugins.xref.names import _hyphen_drift

    from factcheck.plugin import Statement

    plain = (
        "Anna Lloyd-Webb met Ed Lloyd-Webber. Lloyd Webb spoke first; Lloyd Webber later. "
        "Lloyd Webber Lloyd Webber again."
    )
    statements = [
        Statement(id=f"S{i}", start=s, end=e, text=plain[s:e])
        for i, (s, e) in enumerate([(0, 36), (37, 80), (81, len(plain))], start=1)
    ]
    issues = _hyphen_drift(plain, statements, {"Lloyd-Webb", "Lloyd-Webber"})
    assert [(i.expected, i.variant.text, i.variant.start) for i in issues] == [
        ("Lloyd-Webb", "Lloyd Webb", 37),
        ("Lloyd-Webber", "Lloyd Webber", 61),
        ("Lloyd-Webber", "Lloyd Webber", 81),
        ("Lloyd-Webber", "Lloyd Webber", 94),
    ]
