"""The service's check job without HTTP: the embargo default, request metadata, and decisions
applied with the outcome combined again, as the engine does for `factcheck review`."""

from __future__ import annotations

import datetime as dt

from factcheck.service.core import CheckJob, apply_decisions, article_path, check_article, render
from factcheck.workflow.review import DecisionBook

STORY = "Critics say the plan will fail.\n\nSales rose from $10m to $12m, an increase of 50%.\n"


def _capture(engine):
    seen = []
    original = engine.check_article

    def spy(article, *args):
        seen.append(article)
        return original(article, *args)

    engine.check_article = spy
    return seen


def test_a_check_request_is_unpublished_unless_it_says_otherwise(make_engine):
    engine = make_engine()
    seen = _capture(engine)
    check_article(engine, CheckJob("a", STORY))
    check_article(engine, CheckJob("b", STORY, published=True))
    draft = "---\ntitle: T\npublished: false\n---\n" + STORY
    check_article(engine, CheckJob("c", draft, format="markdown", published=True))
    assert [a.meta.published for a in seen] == [False, True, False]  # the article's own word wins


def test_request_metadata_and_paths(make_engine):
    engine = make_engine()
    job = CheckJob("x-1", STORY, title="Given title", date=dt.date(2025, 3, 19))
    report = check_article(engine, job)
    assert (report.path, report.title, report.date) == ("x-1.txt", "Given title", dt.date(2025, 3, 19))
    assert article_path("y.md", "markdown") == "y.md" and article_path("y", "html") == "y.html"
    bad = check_article(engine, CheckJob("z", "\x00\x00 not html", format="html"))
    assert bad.path == "z.html"


def test_decisions_apply_and_the_outcome_is_combined_again(make_engine):
    engine = make_engine(settings={"check": {"fail_on": "warning"}})
    report = check_article(engine, CheckJob("a", STORY))
    open_findings = [v for v in report.verdicts if v.status != "supported" and v.severity != "info"]
    assert open_findings and report.outcome.failing == len(open_findings)
    book = DecisionBook()
    statements = {s.id: s.text for s in report.statements}
    for verdict in open_findings:
        book.record(verdict, statements[verdict.statement_id], "dismiss", "checked", "Ana")
    decided = apply_decisions(engine, report, book)
    assert decided.outcome.failing == 0
    assert all(v.decision is not None for v in decided.verdicts if v.fingerprint in book.entries)
    assert apply_decisions(engine, report, DecisionBook()) is report
    assert '"dismissed by Ana"' in render(engine, decided, "json")
