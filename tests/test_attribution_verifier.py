"""The source attribution verifier (plugins/attribution.py): each SRC rule on realistic copy."""

from __future__ import annotations

from typing import Any

import factcheck_plugins.attribution as attribution_plugin
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.config.settings import Config
from factcheck.engine.engine import Engine
from factcheck.errors import ConfigError
from factcheck.model.report import Severity, Status
from factcheck.plugin_system.manager import builtin_plugins, get_plugin_manager
from tests.conftest import REPO_ROOT

#: The verifier, unless the built-in table already registers it.
EXTRA = [] if "attribution" in builtin_plugins() else [("attribution", attribution_plugin)]


@pytest.fixture
def check(make_engine):
    def run(text: str, **policy):
        engine = make_engine(
            extra=EXTRA,
            settings={"plugins": {"attribution": policy}} if policy else None,
        )
        return engine.check_text(text + "\n", "article.txt")

    return run


def flagged(report, code: str) -> list[Any]:
    return [v for v in report.verdicts if v.rule == code and v.status != Status.SUPPORTED]


def flagged_text(report, code: str) -> list[str]:
    return [report_text(report, v) for v in flagged(report, code)]


def report_text(report, verdict) -> str:
    """The flagged passage: the verifier gives it as the first piece of evidence."""
    text: str = verdict.evidence[0].text
    return text


def test_example_article_flags_insider_and_analysts_and_attributes_every_quote(check):
    text = (REPO_ROOT / "examples" / "ceasefire-call.txt").read_text(encoding="utf-8")
    report = check(text)
    assert any("Russian insider" in t for t in flagged_text(report, "SRC002"))
    assert any(t.startswith("Analysts") for t in flagged_text(report, "SRC003"))
    assert flagged(report, "SRC001") == []
    speakers = {a.speaker for a in report.attributions if a.direct}
    for speaker in ("Gould-Davies", "Steve Witkoff", "Andrei Kozyrev", "Tatiana Stanovaya"):
        assert any(s and speaker in s for s in speakers), (speaker, speakers)
    assert any(a.speaker == "Andrei Kozyrev" and a.cue == "remarked" for a in report.attributions)


def test_an_attributed_quote_is_never_a_supported_verdict(check):
    """Who said it is not whether it is true: attributions stay out of the verdicts."""
    text = (REPO_ROOT / "examples" / "ceasefire-call.txt").read_text(encoding="utf-8")
    report = check(text)
    assert report.attributions
    assert not [v for v in report.verdicts if v.verifier == "attribution" and v.status == Status.SUPPORTED]


def test_quote_without_speaker_is_flagged_with_configured_severity(check):
    text = (
        "The minister left the building without comment on Tuesday.\n\n"
        "“We will not be bullied into a deal that hurts working families.”"
    )
    (verdict,) = flagged(check(text), "SRC001")
    assert verdict.severity == Severity.WARNING and verdict.status == Status.NEEDS_REVIEW
    (verdict,) = flagged(check(text, unattributed_quote_severity="error"), "SRC001")
    assert verdict.severity == Severity.ERROR


def test_follow_on_quote_paragraph_is_a_policy_choice(check):
    text = (
        "“We will not be bullied into a deal that hurts working families,” said Jane Ode, the finance"
        " minister.\n\n“Nor will we raise taxes on those who can least afford it.”"
    )
    assert flagged(check(text), "SRC001") == []
    (strict,) = flagged(check(text, followon_paragraph_attributed=False), "SRC001")
    assert "Nor will we" in strict.message


def test_unknown_policy_key_is_a_config_error(check):
    with pytest.raises(ConfigError):
        check("Jane Ode said so.", require_roles=True)


@pytest.mark.parametrize(
    "text",
    [
        "A senior official, speaking on condition of anonymity, said the deal was close.",
        "“The talks have stalled,” a diplomatic source told the BBC on Monday.",
        "Sources close to the prime minister said she would not resign.",
        "The bid will be raised next week, people familiar with the matter said.",
    ],
)
def test_anonymous_sources(check, text):
    assert flagged(check(text), "SRC002")


def test_named_spokesman_is_not_anonymous(check):
    report = check("Kremlin spokesman Dmitry Peskov told reporters the talks had stalled.")
    assert flagged(report, "SRC002") == []


@pytest.mark.parametrize(
    "text",
    [
        "Critics have charged that the scheme will cost more than planned.",
        "Some economists predicted that inflation would fall below 2% by the summer.",
        "It is understood that the minister will resign before the election.",
    ],
)
def test_weak_attribution(check, text):
    assert flagged(check(text), "SRC003")


def test_analysts_with_an_affiliation_are_not_weak(check):
    report = check("Analysts at Barclays noted that the ceasefire would not be a concession.")
    assert flagged(report, "SRC003") == []


def test_surname_before_full_name(check):
    text = (
        "Ode said the budget would be balanced by 2027.\n\n"
        "Finance Minister Jane Ode spoke in parliament on Tuesday."
    )
    assert flagged_text(check(text), "SRC004") == ["Ode"]
    fine = (
        "Finance Minister Jane Ode spoke in parliament on Tuesday.\n\n"
        "Ode said the budget would be balanced by 2027."
    )
    assert flagged(check(fine), "SRC004") == []


def test_pronoun_speaker_before_anyone_is_named(check):
    report = check("“The budget will be balanced by 2027,” she said.")
    assert flagged_text(report, "SRC004") == ["she"]
    assert flagged(report, "SRC001") == []  # one finding, the more specific one


def test_role_required_only_when_house_style_asks(check):
    bare = "Jane Ode said the plan was unaffordable and would be scrapped."
    assert flagged(check(bare), "SRC005") == []
    assert flagged_text(check(bare, require_role=True), "SRC005") == ["Jane Ode"]
    for introduced in (
        "Jane Ode, an economist at the IFS, said the plan was unaffordable.",
        "Finance Minister Jane Ode said the plan was unaffordable.",
    ):
        assert flagged(check(introduced, require_role=True), "SRC005") == [], introduced


def test_same_quote_two_speakers(check):
    text = (
        "Jane Ode said: “We will balance the budget by 2027.”\n\n"
        "Later, Tom Berry said: “We will balance the budget by 2027.”"
    )
    (verdict,) = flagged(check(text), "SRC006")
    assert verdict.status == Status.REFUTED and "Ode" in verdict.message and "Berry" in verdict.message


def test_unsourced_figure_listed_unless_sourced(check):
    bare = "Unemployment rose to 7.2% last year, the highest level in a decade, while wages fell 3%."
    (verdict,) = flagged(check(bare), "SRC007")
    assert verdict.severity == Severity.INFO
    sourced = "Unemployment rose to 7.2% last year, according to the Office for National Statistics."
    assert flagged(check(sourced), "SRC007") == []


def test_unclosed_quote_but_not_a_multi_paragraph_quote(check):
    assert flagged(check("“We will balance the budget by 2027, Jane Ode said on Tuesday."), "SRC008")
    text = "Jane Ode said: “We will balance the budget.\n\n“And we will do it by 2027.”"
    assert flagged(check(text), "SRC008") == []


PIECES = st.sampled_from(
    [
        "“",
        "”",
        '"',
        "’",
        " said ",
        " she ",
        " Jane Ode ",
        " Ode ",
        ", ",
        ". ",
        "\n\n",
        "analysts ",
        "a senior official ",
        "according to ",
        "7.2% ",
        ":",
        "It is understood ",
    ]
)


_ENGINE: list[Engine] = []


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(PIECES, st.text(max_size=4)), max_size=30).map("".join))
def test_any_text_gives_verdicts_inside_it(text):
    if not _ENGINE:
        plugins = get_plugin_manager(load_entrypoints=False, extra=EXTRA)
        _ENGINE.append(Engine(Config(), plugins))
    report = _ENGINE[0].check_text(text, "article.txt")
    for verdict in report.verdicts:
        assert verdict.rule.startswith("SRC") or verdict.verifier != "attribution"
        if verdict.start is not None and verdict.end is not None:
            assert 0 <= verdict.start <= verdict.end <= len(text)


def test_role_rule_examples_come_true_with_require_role(check):
    """SRC005's examples need ``require_role = true``, so the generic rule-pack runner skips them."""
    from factcheck.rules.packs import RuleModel, VerifierRule, load_rule_file

    path = REPO_ROOT / "plugins" / "attribution" / "rules" / "SRC005-person-without-role.toml"
    rule = load_rule_file(path, {"verifier": VerifierRule})
    assert isinstance(rule, RuleModel)
    for text in rule.examples.bad:
        assert flagged(check(text, require_role=True), "SRC005"), text
    for text in rule.examples.good:
        assert flagged(check(text, require_role=True), "SRC005") == [], text
