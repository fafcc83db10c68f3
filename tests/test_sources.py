"""Aligning direct quotes with source documents: verbatim, changed, absent, wrong speaker."""

from __future__ import annotations

import factcheck_plugins.xref as xref
from factcheck_plugins.xref.source_documents import SourceDocument, align_quote
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.model.report import Status
from factcheck.plugin_system.manager import builtin_plugins

XREF = [] if "xref" in builtin_plugins() else [("xref", xref)]  # built in once registered

TRANSCRIPT = """Interview, 18 March 2025

KOZYREV: Well, it is entirely in Putin's interest to prolong the war and manipulate America. That is obvious.
STANOVAYA: This represents a significant achievement for Putin, as he successfully shifts bilateral relations.
"""


def _doc(write, text=TRANSCRIPT):
    return [SourceDocument.read(write("src/interview.txt", text))]


def test_verbatim_and_trivial_differences_are_supported(write):
    docs = _doc(write)
    assert (
        align_quote("It is entirely in Putin’s interest to prolong the war", "Kozyrev", docs).code == "XRF030"
    )
    assert (
        align_quote("it is entirely in Putin's interest … manipulate America.", None, docs).code == "XRF030"
    )


def test_changed_words_are_refuted_with_passage_and_diff(write):
    found = align_quote(
        "It is clearly in Putin's interest to prolong the war and manipulate America", None, _doc(write)
    )
    assert found.code == "XRF031"
    assert "entirely" in (found.passage or "")
    assert "[-entirely-]" in (found.diff or "") and "{+clearly+}" in (found.diff or "")


def test_reordered_words_are_refuted(write):
    found = align_quote(
        "to prolong the war and manipulate America is entirely in Putin's interest", None, _doc(write)
    )
    assert found.code in {"XRF031", "XRF032"}


def test_absent_and_speaker(write):
    docs = _doc(write)
    assert align_quote("We will never surrender to anyone at any price", None, docs).code == "XRF032"
    wrong = align_quote("This represents a significant achievement for Putin", "Andrei Kozyrev", docs)
    assert wrong.code == "XRF033" and "STANOVAYA" in wrong.detail
    assert (
        align_quote("This represents a significant achievement for Putin", "Tatiana Stanovaya", docs).code
        == "XRF030"
    )


def test_end_to_end_with_front_matter_sources(make_engine, write):
    write("src/interview.txt", TRANSCRIPT)
    article = write(
        "story.md",
        """---
title: Talks
date: 2025-03-18
sources: [src]
---
"It is clearly in Putin's interest to prolong the war and manipulate America," Andrei Kozyrev said.

"This represents a significant achievement for Putin," said political analyst Tatiana Stanovaya.

"We will not give up a single metre of land to anyone," Kozyrev said.
""",
    )
    engine = make_engine(extra=XREF)
    report = engine.check_file(str(article))
    codes = {v.rule: v for v in report.verdicts if v.rule.startswith("XRF03")}
    assert codes["XRF031"].status == Status.REFUTED
    assert codes["XRF030"].status == Status.SUPPORTED
    assert codes["XRF032"].status == Status.UNVERIFIED
    assert any(e.kind == "note" and "{+clearly+}" in e.text for e in codes["XRF031"].evidence)


def test_no_sources_no_verdicts(make_engine):
    engine = make_engine(extra=XREF)
    report = engine.check_text('"It is clearly in his interest to prolong the war," Kozyrev said.')
    assert not [v for v in report.verdicts if v.rule.startswith("XRF03")]


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=120), st.text(max_size=300))
def test_alignment_never_crashes(tmp_path_factory, quote, source):
    path = tmp_path_factory.mktemp("s") / "doc.txt"
    path.write_text(source, encoding="utf-8")
    found = align_quote(quote, None, [SourceDocument.read(path)])
    assert found.code in {"XRF030", "XRF031", "XRF032", "XRF033"}
