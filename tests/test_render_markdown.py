"""Markdown for PR comments: parsed back with markdown-it-py (tables and strikethrough on)."""

from __future__ import annotations

import io
from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from factcheck.config.settings import Config, Settings
from factcheck.reports.markdown import MarkdownRenderer, escape
from tests.test_render_samples import example_report, problem_report, render, rich_report, stream_of


def tokens(text: str) -> list[Token]:
    md = MarkdownIt("commonmark").enable("table").enable("strikethrough")
    flat: list[Token] = []
    for token in md.parse(text):
        flat.append(token)
        flat.extend(token.children or [])
    return flat


def test_summary_table_has_a_row_per_article() -> None:
    text = render("markdown", [rich_report(), problem_report()])
    found = tokens(text)
    first_table = text[: text.index("\n\n", text.index("| Article"))]
    rows = [t for t in tokens(first_table) if t.type == "tr_open"]
    assert len(rows) == 3  # header + two articles
    cells = [t.content for t in found if t.type == "inline"]
    assert "`news/hostile, story:1.md`" in cells and "`broken.txt`" in cells
    assert "2 failing at 'error'" in text and "2 articles · 5 statements · " in text


def test_findings_are_grouped_by_statement_with_line_links() -> None:
    text = render("markdown", [rich_report()])
    findings = text[: text.index("**Attributions**")]
    links = [str(t.attrGet("href")) for t in tokens(findings) if t.type == "link_open"]
    assert [link for link in links if "#L" in link] == [
        "news/hostile,%20story:1.md#L1",
        "news/hostile,%20story:1.md#L2",
        "news/hostile,%20story:1.md#L3",
        "news/hostile,%20story:1.md#L5",
    ]
    assert "https://example.org/stats?a=1&b=2" in links
    assert "S5" not in text, "a statement nobody flagged is left out"
    struck = [t for t in tokens(text) if t.type == "s_open"]
    assert len(struck) == 2 and "suppressed (baseline)" in text and "suppressed (dismissed)" in text
    assert text.index("**S2**") < text.index("NUM001") < text.index("NUM002") < text.index("**S3**")


def test_article_text_cannot_inject_html_or_break_the_table() -> None:
    text = render("markdown", [rich_report()])
    kinds = {t.type for t in tokens(text)}
    assert not kinds & {"html_inline", "html_block"}
    assert "<script>" not in text and "&lt;script&gt;" in text
    table_rows = [t for t in tokens(text) if t.type == "tr_open"]
    assert len(table_rows) == 2 + 1 + len(rich_report().attributions)  # summary, attributions


def test_attributions_are_listed_as_attributions_with_inferred_speakers_marked() -> None:
    report = rich_report()
    text = render("markdown", [report])
    table = text[text.index("**Attributions**") :]
    assert "| Line | Quote | Speaker | Cue | Speaker is |" in table
    for attribution in report.attributions:
        inferred = attribution.resolved_by != "name" or not attribution.speaker
        assert ("⚠️ **inferred**" in table) or not inferred
    assert "supported" not in table.lower(), "an attribution is not a verdict"


def test_link_base_from_config() -> None:
    settings = Settings.model_validate(
        {"plugins": {"render_markdown": {"link_base": "https://git.example/blob/abc/"}}}
    )
    stream: Any = stream_of([rich_report()])
    stream.config = Config(settings)
    out = io.StringIO()
    MarkdownRenderer().render(stream, out)
    assert "](https://git.example/blob/abc/news/hostile,%20story:1.md#L2)" in out.getvalue()


def test_example_article_lists_every_live_finding() -> None:
    report = example_report()
    text = render("markdown", [report])
    for verdict in report.verdicts:
        if verdict.status != "supported":
            assert f"`{verdict.rule}`" in text


@given(st.text(max_size=60))
def test_escaped_text_is_inert(text: str) -> None:
    found = tokens("- message: " + escape(text))
    assert not {t.type for t in found} & {
        "html_inline",
        "html_block",
        "link_open",
        "em_open",
        "strong_open",
        "code_inline",
        "s_open",
        "image",
    }
