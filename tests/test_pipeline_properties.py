"""Invariants of the whole pipeline, for any input: statements are slices of the source, every
span lies inside the article, and nothing crashes (input problems are reports, not exceptions)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.config.settings import Config
from factcheck.engine.engine import Engine
from factcheck.plugin_system.manager import get_plugin_manager

_ENGINE = Engine(Config(), get_plugin_manager(load_entrypoints=True))

NEWSY = st.sampled_from(
    [
        "Sales rose 5% to $3.3 million",
        "“We agree,” she said.",
        "on Tuesday, March 18",
        "U.S.",
        "Mr. Smith",
        "according to Reuters",
        "“",
        "”",
        "‘",
        "’",
        '"',
        "\n",
        "\n\n",
        " ",
        ".",
        ",",
        "—",
        "three of the five",
        "<p>",
        "</p>",
        "<!-- x -->",
        "# ",
        "**",
        "[a](b)",
        "---\n",
        "&amp;",
        "1,200 jobs",
        "half",
        "doubled",
        "<!-- factcheck: ignore STY001 -->",
        "Critics say",
        "DRONE ATTACKS",
        "\t",
        "…",
        "2025-03-18",
    ]
)
TEXT = st.lists(st.one_of(NEWSY, st.text(max_size=8)), max_size=40).map("".join)


def _check_invariants(text: str, path: str) -> None:
    report = _ENGINE.check_text(text, path)
    if report.problems:
        assert not any(p.internal for p in report.problems), report.problems
        return
    source = text.removeprefix("\ufeff")
    for statement in report.statements:
        assert 0 <= statement.start < statement.end <= len(source)
        assert source[statement.start : statement.end] == statement.text
        for annotation in statement.annotations:
            assert 0 <= annotation.start <= annotation.end <= len(source)
    for verdict in report.verdicts:
        if verdict.start is not None:
            assert verdict.end is not None and 0 <= verdict.start <= verdict.end <= len(source)
        assert verdict.line is not None and verdict.line >= 1
    assert {v.statement_id for v in report.verdicts} <= {s.id for s in report.statements}


@pytest.mark.parametrize("path", ["a.txt", "a.md", "a.html"])
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXT)
def test_any_input_keeps_the_invariants(path, text):
    _check_invariants(text, path)


@settings(max_examples=40, deadline=None)
@given(text=st.text(max_size=300))
def test_arbitrary_unicode_never_crashes(text):
    _check_invariants(text, "a.txt")
