"""The HTML report, parsed back with the standard library: escaping, highlights, speed.

The browser behaviour (clicks, filters, console) is in ``test_html_browser.py``.
"""

from __future__ import annotations

import statistics
import time
from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st
from test_render_samples import example_report, problem_report, render, rich_report

from factcheck.model.article import Statement
from factcheck.model.report import ArticleOutcome, ArticleReport, StatementOutcome, Status


class Page(HTMLParser):
    """Collects marks, tags and the reconstructed text of ``div.text`` (``span.br`` is a newline)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.marks: list[dict[str, str | None]] = []
        self.text = ""
        self._depth = 0  # > 0 inside div.text
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag == "mark":
            self.marks.append(attributes)
        if tag == "script":
            self._in_script = True
        if self._depth:
            self._depth += 1
            if tag == "span" and attributes.get("class") == "br":
                self.text += "\n"
        elif tag == "div" and attributes.get("class") == "text":
            self._depth = 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False
        if self._depth:
            self._depth -= 1

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)
        if self._depth:
            self.text += data


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    page.close()
    return page


def test_every_statement_is_highlighted_with_its_combined_status() -> None:
    report = example_report()
    page = parse(render("html", [report]))
    expected = [(o.statement_id, o.status.value) for o in report.outcomes]
    assert [(m["data-id"], m["data-status"]) for m in page.marks] == expected
    assert page.text == report.source, "the article is shown exactly as written"


def test_article_script_stays_text() -> None:
    html = render("html", [rich_report()])
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    page = parse(html)
    assert len(page.scripts) == 1 and "alert(1)" not in page.scripts[0]
    assert page.text == rich_report().source
    assert "<b>say who</b>" not in html and "Jobs <b>" not in html


def test_page_is_self_contained_with_a_strict_policy() -> None:
    page = parse(render("html", [rich_report(), example_report()]))
    sources = [
        (tag, a) for tag, a in page.tags if "src" in a or (tag == "link" and a.get("href") != "data:,")
    ]
    assert sources == [], "no external scripts, images, styles or fonts"
    [policy] = [a["content"] for tag, a in page.tags if tag == "meta" and a.get("http-equiv")]
    assert policy is not None and "default-src 'none'" in policy and "script-src 'nonce-" in policy
    nonces = {a.get("nonce") for tag, a in page.tags if tag in ("script", "style")}
    assert len(nonces) == 1 and None not in nonces
    links = [a for tag, a in page.tags if tag == "a" and str(a.get("href", "")).startswith("http")]
    assert links and all(a.get("rel") == "noreferrer noopener" for a in links)


def test_details_cards_filters_and_attributions() -> None:
    report = rich_report()
    page = parse(render("html", [report]))
    ids = {a.get("id") for _, a in page.tags}
    for mark in page.marks:
        assert mark["aria-controls"] in ids and mark["tabindex"] == "0" and mark["role"] == "button"
    filters = {(a.get("data-filter"), a.get("value")) for tag, a in page.tags if tag == "input"}
    assert {("status", s.value) for s in Status} <= filters
    assert {("verifier", v) for v in ("phrases", "numbers", "dates", "quotes")} <= filters
    assert ("suppressed", None) in filters
    verdicts = [a for tag, a in page.tags if tag == "li" and "verdict" in str(a.get("class"))]
    assert len(verdicts) == len(report.verdicts)
    assert sum("suppressed" in str(a.get("class")) for a in verdicts) == 2
    rows = [a for tag, a in page.tags if tag == "tr"]
    assert len(rows) == 1 + len(report.attributions)
    targets = [a.get("data-target") for tag, a in page.tags if tag == "button" and a.get("class") == "goto"]
    assert targets == ["a0-s3", "a0-s1"]


def test_without_source_statements_are_listed_by_paragraph() -> None:
    report = rich_report(keep_source=False)
    page = parse(render("html", [report, problem_report()]))
    assert [m["data-id"] for m in page.marks] == [s.id for s in report.statements]
    assert page.text == ""
    html = render("html", [problem_report()])
    assert "not valid UTF-8" in html and "No statements were found" in html


def test_example_article_renders_in_a_few_milliseconds() -> None:
    report = example_report()
    render("html", [report])  # warm: assets read once per process
    times = []
    for _ in range(15):
        started = time.perf_counter()
        render("html", [report])
        times.append(time.perf_counter() - started)
    median = statistics.median(times)
    print(f"HTML report for the example article: median {median * 1000:.2f} ms over 15 runs")
    assert median < 0.05


@settings(max_examples=80, deadline=None)
@given(source=st.text(max_size=120), data=st.data())
def test_any_text_and_spans_round_trip(source: str, data: st.DataObject) -> None:
    cuts = sorted(data.draw(st.lists(st.integers(0, len(source)), max_size=8)))
    statements = []
    for n, (start, end) in enumerate(zip(cuts[::2], cuts[1::2], strict=False)):
        statements.append(Statement(id=f"S{n}<&\"'", start=start, end=end, text=source[start:end]))
    outcomes = tuple(
        StatementOutcome(statement_id=s.id, status=Status.REFUTED, severity="error") for s in statements
    )
    report = ArticleReport(
        path="<x>.txt",
        statements=tuple(statements),
        outcomes=outcomes,
        outcome=ArticleOutcome(status=Status.REFUTED),
        source=source,
    )
    page = parse(render("html", [report]))
    assert sorted(str(m["data-id"]) for m in page.marks) == sorted(s.id for s in statements)
    assert all(m["data-status"] == "refuted" for m in page.marks)
    if statements:
        assert page.text == source


def test_the_words_a_verdict_points_at_are_marked_inside_the_statement() -> None:
    html = render("html", [rich_report()])
    assert '<span class="hit h-refuted">3.5 percent</span>' in html
    assert '<span class="hit h-needs_review">Officials said</span>' in html
    assert "Critics said</span>" in html  # suppressed, but still shown where it points
