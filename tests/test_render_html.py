"""The HTML report, parsed back with the standard library: escaping, highlights, speed.

The browser behaviour (clicks, filters, console) is in ``test_html_browser.py``.
"""

from __future__ import annotations

from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.model.article import Statement
from factcheck.model.report import ArticleOutcome, ArticleReport, StatementOutcome, Status
from tests.test_render_samples import example_report, problem_report, render, rich_report, run_engine


class Page(HTMLParser):
    """Collects marks, tags and the visible text of ``div.text`` (a newline after each block)."""

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
        elif tag == "div" and attributes.get("class") == "text":
            self._depth = 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False
        if self._depth:
            self._depth -= 1
            if tag in ("p", "h3", "h4", "li", "blockquote"):
                self.text += "\n"

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)
        if self._depth:
            self.text += data


def check_markdown(source: str, path: str = "story.md") -> ArticleReport:
    return run_engine(source, path)


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
    assert report.source is not None
    assert " ".join(page.text.split()) == " ".join(report.source.split()), "plain text is shown whole"


def visible(page: Page) -> str:
    return " ".join(page.text.split())


def test_markdown_is_drawn_as_a_reader_sees_it() -> None:
    source = (
        '---\ntitle: "Budget row"\ndate: 2025-03-19\n---\n\n# Budget row\n\n'
        "The mayor *said* the plan cost **$40m**, [the council](https://example.org/x) said.\n\n"
        "## Reaction\n\n- Critics say it failed.\n\n> “We will win,” she said.\n"
    )
    report = check_markdown(source)
    page = parse(render("html", [report]))
    text = visible(page)
    for markup in ("---", "title:", "#", "](", "**", "*said*", "https://"):
        assert markup not in text, markup
    assert text.startswith("Budget row The mayor said the plan cost $40m, the council said.")
    assert "Reaction Critics say it failed." in text
    html = render("html", [report])
    assert "<em>said</em>" in html and "<strong>$40m</strong>" in html
    assert '<span class="link">the council</span>' in html
    assert '<h3 class="b-title">' in html and '<h4 class="b-heading">' in html
    assert [m["data-id"] for m in page.marks] == [s.id for s in report.statements]


def test_html_articles_show_no_tags_and_decoded_entities() -> None:
    source = (
        "<html><head><title>T</title></head><body><h1>Tax &amp; spend</h1>"
        "<p>The <em>mayor</em> said the plan cost &pound;40m.</p><p>Critics say it failed.</p></body></html>"
    )
    report = check_markdown(source, path="story.html")
    text = visible(parse(render("html", [report])))
    assert "<" not in text and "&amp;" not in text
    assert "Tax & spend" in text and "The mayor said the plan cost £40m." in text


def test_article_script_stays_text() -> None:
    html = render("html", [rich_report()])
    assert "<script>alert(1)</script>" not in html
    page = parse(html)
    assert len(page.scripts) == 1 and "alert(1)" not in page.scripts[0]
    # The sample is Markdown: inline HTML is markup a reader never sees, so it is not drawn.
    assert "Officials said alert(1) was found" in visible(page)
    plain = run_engine("Officials said <script>alert(1)</script> was found.\n", "story.txt")
    html = render("html", [plain])
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
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
    assert {("severity", s) for s in ("error", "warning", "info")} <= filters
    rules = {v.rule for v in report.verdicts if v.status != Status.SUPPORTED}
    assert {("rule", r) for r in rules} <= filters
    assert ("suppressed", None) in filters
    findings = [a for tag, a in page.tags if tag == "li" and "finding" in str(a.get("class")).split()]
    assert len(findings) == len([v for v in report.verdicts if v.status != Status.SUPPORTED])
    for finding in findings:
        assert finding["data-fingerprint"] and finding["data-rule"] and finding["data-severity"]
        assert finding["data-status"] and str(finding["id"]).startswith("a0-f-")
        assert finding["data-statement"] in ids
    assert len({f["id"] for f in findings}) == len(findings)
    again = parse(render("html", [report]))
    assert [a["id"] for tag, a in again.tags if tag == "li" and "finding" in str(a.get("class")).split()] == [
        f["id"] for f in findings
    ], "ids are stable across renders"
    verdicts = [a for tag, a in page.tags if tag == "li" and "verdict" in str(a.get("class"))]
    assert len(verdicts) == len(report.verdicts)
    assert sum("suppressed" in str(a.get("class")) for a in verdicts) == 2
    rows = [a for tag, a in page.tags if tag == "tr"]
    assert len(rows) == 1 + len(report.attributions)
    assert [r.get("class") for r in rows[1:]] == [
        "stated" if a.resolved_by == "name" and a.speaker else "inferred" for a in report.attributions
    ]
    targets = [a.get("data-target") for tag, a in page.tags if tag == "button" and a.get("class") == "goto"]
    assert targets == ["a0-s3", "a0-s1"]


def test_without_source_statements_are_listed_by_paragraph() -> None:
    report = rich_report(keep_source=False)
    page = parse(render("html", [report, problem_report()]))
    assert [m["data-id"] for m in page.marks] == [s.id for s in report.statements]
    assert visible(page) == " ".join(" ".join(s.text for s in report.statements).split())
    html = render("html", [problem_report()])
    assert "not valid UTF-8" in html and "No statements were found" in html


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
    # Plain text hides nothing: what the page shows is the text of the article's blocks.
    if statements:
        from factcheck.formats import load

        article = load("x.txt", source, "text")
        shown = "".join(source[b.start : b.end] for b in article.blocks)
        assert "".join(page.text.split()) == "".join(shown.split())


def test_the_words_a_verdict_points_at_are_marked_inside_the_statement() -> None:
    html = render("html", [rich_report()])
    assert '<span class="hit h-refuted">3.5 percent</span>' in html
    assert '<span class="hit h-needs_review">Officials said</span>' in html
    assert "Critics said</span>" in html  # suppressed, but still shown where it points
