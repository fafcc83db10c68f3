"""Cross-sentence numeric relations (issue 11): the hand-written fixtures against the verifier.

Each planted article (``tests/fixtures/numeric_cross/*.planted.txt``) holds one error in a
relation between figures in different sentences or paragraphs; ``expected.toml`` says which rule
must report it and which figure was changed. The clean twins and the hard negatives must raise no
NUM finding at all. Only the public API is used (``factcheck.Checker``).
"""

from __future__ import annotations

import pytest

from eval.numeric_cross_fixtures import load_fixtures
from factcheck import Checker, SpanEvidence, Status, Verdict

FIXTURE_LIST = load_fixtures()
# Planted errors the ledger rules do not catch yet (issue 11 is open on them: see the numeric
# section of docs/evaluation.md). Strict: a fixture that starts passing must leave this list.
KNOWN_MISSES: frozenset[str] = frozenset()
PLANTED = [f for f in FIXTURE_LIST if not f.negative]
NEGATIVE = [f for f in FIXTURE_LIST if f.negative]
FLAGGED = (Status.REFUTED, Status.NEEDS_REVIEW)


@pytest.fixture(scope="module")
def checker():
    with Checker(offline=True) as instance:
        yield instance


def _num_findings(checker, text, name, date) -> list[Verdict]:
    report = checker.check_text(text, path=name, date=date)
    return [v for v in report.articles[0].verdicts if v.rule.startswith("NUM") and v.status in FLAGGED]


def _spans(verdict: Verdict) -> list[tuple[int, int]]:
    spans = [(e.start, e.end) for e in verdict.evidence if isinstance(e, SpanEvidence)]
    if verdict.start is not None and verdict.end is not None:
        spans.append((verdict.start, verdict.end))
    return spans


def _describe(verdicts: list[Verdict], text: str) -> str:
    return "; ".join(
        f"{v.rule} {v.status} {[text[s:e] for s, e in _spans(v)]}: {v.message}" for v in verdicts
    )


def _planted(fixture):
    if fixture.name in KNOWN_MISSES:
        return pytest.param(fixture, marks=pytest.mark.xfail(strict=True, reason="not caught yet (issue 11)"))
    return fixture


@pytest.mark.parametrize("fixture", [_planted(f) for f in PLANTED], ids=lambda f: f.name)
def test_planted_error_is_reported_at_the_wrong_figure(checker, fixture):
    found = _num_findings(checker, fixture.text, fixture.name, fixture.date)
    start, end = fixture.wrong_span
    hits = [v for v in found if v.rule == fixture.rule and any(s < end and start < e for s, e in _spans(v))]
    assert hits, (
        f"expected {fixture.rule} at {fixture.wrong!r} ({fixture.why}); "
        f"got: {_describe(found, fixture.text) or 'no NUM finding'}"
    )


@pytest.mark.parametrize("fixture", PLANTED, ids=lambda f: f.twin)
def test_clean_twin_raises_nothing(checker, fixture):
    found = _num_findings(checker, fixture.twin_text, fixture.twin, fixture.date)
    assert not found, _describe(found, fixture.twin_text)


@pytest.mark.parametrize("fixture", NEGATIVE, ids=lambda f: f.name)
def test_hard_negative_raises_nothing(checker, fixture):
    found = _num_findings(checker, fixture.text, fixture.name, fixture.date)
    assert not found, f"{fixture.why}; got: {_describe(found, fixture.text)}"
