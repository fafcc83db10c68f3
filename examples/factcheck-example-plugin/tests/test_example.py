"""The example plugin's own tests: the ``factcheck_tester`` fixture comes from factcheck itself
(its pytest plugin), so there is no conftest.py to copy."""

from __future__ import annotations

import pytest
from factcheck_example import plugin

from factcheck.testing import FactcheckTester

#: The plugin under test, and only it (plus the built-ins that turn text into statements). Named
#: as its entry point is, so that its ``[plugins.example]`` settings find it even before install.
PLUGINS = [(plugin.PLUGIN_NAME, plugin)]


def test_rule_files_examples_hold(factcheck_tester: FactcheckTester) -> None:
    # Every [examples] bad/good pair in rules/*.toml: bad ones flag their rule, good ones do not.
    assert factcheck_tester.assert_documented_examples(plugins=PLUGINS) == 2


def test_sentence_starting_with_figure(factcheck_tester: FactcheckTester) -> None:
    factcheck_tester.assert_rule_examples(
        "EXA001",
        valid=["Twelve people were hurt.", "1999 was a good year.", "He said 12 people were hurt."],
        invalid=[
            {"text": "12 people were hurt.", "message": "'12'", "line": 1, "column": 1},
            {"text": "It rained. 40,000 homes lost power.", "message": "'40,000'", "column": 12},
            "“45 of them were children,” she said.",
        ],
        plugins=PLUGINS,
    )


def test_percent_sign_uses_the_configured_word(factcheck_tester: FactcheckTester) -> None:
    text = factcheck_tester.article("Turnout fell to 61.2% from 67%.", title="Turnout", date="2024-05-03")
    settings = {"plugins": {"example": {"percent_word": "per cent"}}}
    result = factcheck_tester.run(text, plugins=PLUGINS, settings=settings)
    result.assert_findings(EXA002=2)
    assert result.findings_by_code["EXA002"][0].message.endswith("'61.2 per cent'")
    assert result.exit_code == 0  # EXA002 is level info: below the default fail level


def test_findings_fail_the_run_at_their_level(factcheck_tester: FactcheckTester) -> None:
    result = factcheck_tester.run("5 ministers resigned.", plugins=PLUGINS, fail_on="warning", format="json")
    result.assert_findings(EXA001=1)
    assert result.exit_code == 1
    verdict = result.json()["articles"][0]["verdicts"][0]
    found = (verdict["rule"], verdict["verifier"], verdict["start"], verdict["end"])
    assert found == ("EXA001", "example", 0, 1)


def test_unknown_setting_is_an_error(factcheck_tester: FactcheckTester) -> None:
    from factcheck import ConfigError

    with pytest.raises(ConfigError, match="percent_wrd"):
        factcheck_tester.run("x", plugins=PLUGINS, settings={"plugins": {"example": {"percent_wrd": "pc"}}})


def test_headlines_are_exempt(factcheck_tester: FactcheckTester) -> None:
    article = ("story.md", "# 5 things to know about the 2% cap\n\nNothing here.\n")
    factcheck_tester.run(article, plugins=PLUGINS).assert_findings()


def test_a_changed_figure_is_flagged_against_what_was_published(
    factcheck_tester: FactcheckTester, tmp_path: pytest.TempPathFactory
) -> None:
    from factcheck.cli.main import main

    published = tmp_path / "published"  # type: ignore[operator]
    published.mkdir()
    (published / "monday.txt").write_text("Storm\n\nThe toll rose to 12 on Monday, officials said.\n")
    store = str(tmp_path / "published.sqlite")  # type: ignore[operator]
    assert main(["published", "add", str(published), "--store", store]) == 0
    settings = {"plugins": {"example": {"published": store}}}
    changed = factcheck_tester.run(
        "The toll rose to 21 on Monday, officials said.", plugins=PLUGINS, settings=settings
    )
    changed.assert_findings(EXA003=1)
    assert "21" in changed.findings_by_code["EXA003"][0].message
    same = factcheck_tester.run(
        "The toll rose to 12 on Monday, officials said.", plugins=PLUGINS, settings=settings
    )
    same.assert_findings(EXA003=0)
