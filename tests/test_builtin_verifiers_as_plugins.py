"""The built-in verifiers tested exactly as a third party's plugin is: through the
``factcheck_tester`` fixture, chosen by name, with nothing but the pipeline's built-ins beside
them. The modules' own unit tests (test_numeric.py, test_attribution_verifier.py, test_xref*.py)
go deeper; these prove the plugin path a plugin author has is enough."""

from __future__ import annotations

import pytest

from factcheck.testing import FactcheckTester

VERIFIERS = ["numeric", "attribution", "xref", "remote_evidence"]


@pytest.mark.parametrize("name", VERIFIERS)
def test_every_documented_example_holds_through_the_plugin_path(
    factcheck_tester: FactcheckTester, name: str
) -> None:
    checked = factcheck_tester.assert_documented_examples(plugins=[name])
    assert checked >= 1 or name == "remote_evidence"  # REM examples need the network: its own tests


def test_numeric_refutes_a_wrong_percent_change_and_passes_a_right_one(
    factcheck_tester: FactcheckTester,
) -> None:
    factcheck_tester.assert_rule_examples(
        "NUM001",
        valid=["Sales rose from 200 to 250, an increase of 25%."],
        invalid=[{"text": "Sales rose from 200 to 250, an increase of 35%.", "findings": {"NUM001": 1}}],
        plugins=["numeric"],
    )


def test_attribution_flags_an_unattributed_quote_and_never_passes_an_attributed_one(
    factcheck_tester: FactcheckTester,
) -> None:
    result = factcheck_tester.run(
        factcheck_tester.article(
            "“We will not raise taxes,” said Jane Ode, the finance minister.\n\n"
            "The minister left without comment.\n\n"
            "“Nobody asked us,” one voice in the crowd shouted back."
        ),
        plugins=["attribution"],
    )
    assert not [v for v in result.reports[0].verdicts if v.status.value == "supported"]
    assert any(a.speaker == "Jane Ode" for a in result.reports[0].attributions)


def test_xref_flags_a_name_spelt_two_ways(factcheck_tester: FactcheckTester) -> None:
    result = factcheck_tester.run(
        "Finance minister Jane Okonkwo spoke on Monday. Later, Ms Okonkow declined to comment.",
        plugins=["xref"],
    )
    assert "XRF001" in result.findings_by_code


def test_remote_evidence_offline_makes_no_call_and_says_what_was_skipped(
    factcheck_tester: FactcheckTester,
) -> None:
    settings = {"network": {"offline": True}, "plugins": {"wikidata": {"enabled": True}}}
    result = factcheck_tester.run(
        "Volodymyr Zelensky, the president of Ukraine, spoke on Monday.",
        plugins=["remote_evidence", "wikidata"],
        settings=settings,
    )
    assert not [v for v in result.reports[0].verdicts if v.rule.startswith("REM")]
    assert result.reports[0].skipped_checks
