from __future__ import annotations

from factcheck.builtin.combine import ConfidencePolicy, StrictPolicy
from factcheck.model.article import Statement
from factcheck.model.report import Severity, Status, Verdict

STATEMENT = Statement(id="S1", start=0, end=4, text="Text")


def _verdict(
    status: Status, rule: str = "NUM001", confidence: float = 1.0, severity=Severity.ERROR
) -> Verdict:
    return Verdict(
        statement_id="S1",
        verifier="v",
        rule=rule,
        status=status,
        severity=severity,
        confidence=confidence,
        message="m",
    )


def test_strict_refutation_is_not_outvoted_and_conflict_is_surfaced():
    verdicts = [
        _verdict(Status.SUPPORTED, "XRF001"),
        _verdict(Status.SUPPORTED, "XRF002"),
        _verdict(Status.REFUTED, "NUM001", confidence=0.6),
    ]
    outcome = StrictPolicy().combine_statement(STATEMENT, verdicts)
    assert outcome.status == Status.REFUTED
    assert outcome.conflict
    assert "conflicting evidence" in outcome.summary
    assert "XRF001" in outcome.summary


def test_strict_order_of_seriousness():
    policy = StrictPolicy()
    assert policy.combine_statement(STATEMENT, []).status == Status.UNVERIFIED
    mixed = [_verdict(Status.NEEDS_REVIEW), _verdict(Status.ERROR), _verdict(Status.SUPPORTED)]
    assert policy.combine_statement(STATEMENT, mixed).status == Status.ERROR


def test_confidence_policy_weighs_and_ties_need_review():
    policy = ConfidencePolicy()
    heavy_support = [
        _verdict(Status.SUPPORTED, confidence=0.9),
        _verdict(Status.SUPPORTED, confidence=0.8),
        _verdict(Status.REFUTED, confidence=0.6),
    ]
    outcome = policy.combine_statement(STATEMENT, heavy_support)
    assert outcome.status == Status.SUPPORTED
    assert outcome.conflict
    tie = [_verdict(Status.SUPPORTED, confidence=0.5), _verdict(Status.REFUTED, confidence=0.55)]
    assert policy.combine_statement(STATEMENT, tie).status == Status.NEEDS_REVIEW


def test_article_outcome_counts_failing_at_fail_level():
    verdicts = [
        _verdict(Status.REFUTED, severity=Severity.WARNING),
        _verdict(Status.NEEDS_REVIEW, severity=Severity.INFO),
        _verdict(Status.SUPPORTED, severity=Severity.ERROR),
    ]
    policy = StrictPolicy()
    outcomes = [policy.combine_statement(STATEMENT, verdicts)]
    assert policy.combine_article(outcomes, verdicts, Severity.ERROR).failing == 0
    assert policy.combine_article(outcomes, verdicts, Severity.WARNING).failing == 1
    assert policy.combine_article(outcomes, verdicts, Severity.INFO).failing == 2
    assert policy.combine_article(outcomes, verdicts, None).failing == 0
    assert policy.combine_article(outcomes, verdicts, None).status == Status.REFUTED
    suppressed = [v.model_copy(update={"suppressed": "baseline"}) for v in verdicts]
    assert policy.combine_article(outcomes, suppressed, Severity.INFO).failing == 0
