"""What the service does with an article, apart from HTTP and storage: check it (in a worker
process), apply the desk's decisions, and render any format. Shared by the worker processes and
the server process, so a report reads the same whichever made it."""

from __future__ import annotations

import datetime as dt
import io
import re
import time
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from factcheck.engine.batch import RunStream
from factcheck.engine.engine import Engine
from factcheck.errors import InputError
from factcheck.model.report import ArticleReport, Verdict
from factcheck.workflow.review import DecisionBook

#: Article ids are the CMS's own keys: letters, digits and ``._:-``, no slash (they appear in
#: URLs and report paths, never as file paths).
ARTICLE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$")
SUFFIXES = {"text": ".txt", "markdown": ".md", "html": ".html"}
MEDIA_TYPES = {
    "json": "application/json",
    "sarif": "application/sarif+json",
    "html": "text/html; charset=utf-8",
    "markdown": "text/markdown; charset=utf-8",
    "junit": "application/xml",
}


def media_type(renderer: str) -> str:
    return MEDIA_TYPES.get(renderer, "text/plain; charset=utf-8")


def article_path(article_id: str, fmt: str) -> str:
    """The path the report shows for an article; its suffix picks the loader."""
    suffix = SUFFIXES[fmt]
    return article_id if article_id.lower().endswith(suffix) else article_id + suffix


@dataclass(frozen=True)
class CheckJob:
    """One check, as sent to a worker process (picklable)."""

    article_id: str
    text: str
    format: str = "text"
    title: str | None = None
    date: dt.date | None = None
    published: bool = False
    render: str = "json"
    decisions: dict[str, dict[str, Any]] = field(default_factory=dict)


@dataclass(frozen=True)
class CheckResult:
    report_json: str  # the report as the engine made it, before decisions (what is stored)
    rendered: str  # in the format asked for, with the decisions in force applied
    seconds: float  # the check itself, in the worker


def check_article(engine: Engine, job: CheckJob) -> ArticleReport:
    """Check one article text as ``Engine.check_text`` does, with the request's metadata on top.

    Embargo: the article counts as published only when the request says so *and* the article
    itself does not say otherwise (front matter ``published: false`` or ``draft: true``), so
    unpublished text reaches only the providers in ``[network] allowed_providers``.
    """
    path = article_path(job.article_id, job.format)
    try:
        article = engine.load(path, job.text)
        meta = article.meta
        update: dict[str, Any] = {"published": job.published and meta.published}
        if job.title:
            update["title"] = job.title
        if job.date is not None and meta.date is None:
            update["date"] = job.date
        article = article.model_copy(update={"meta": meta.model_copy(update=update)})
        return engine.check_article(article)
    except InputError as exc:
        return engine.problem_report(path, exc)
    except Exception as exc:
        detail = " ".join(f"{type(exc).__name__}: {exc}".split())
        return engine.problem_report(path, InputError(f"internal error: {detail}", path), True)


def apply_decisions(engine: Engine, report: ArticleReport, book: DecisionBook) -> ArticleReport:
    """The report with the decisions in force marked on its verdicts, and the statement and
    article outcomes combined again (a dismissed finding no longer counts), as the engine does."""
    if not book.entries:
        return report
    verdicts = book.apply(list(report.verdicts))
    by_statement: dict[str, list[Verdict]] = defaultdict(list)
    for verdict in verdicts:
        if verdict.suppressed is None:
            by_statement[verdict.statement_id].append(verdict)
    policy = engine.policy
    outcomes = tuple(policy.combine_statement(s, by_statement.get(s.id, [])) for s in report.statements)
    outcome = report.outcome
    if report.statements or verdicts:
        outcome = policy.combine_article(outcomes, verdicts, engine.fail_on)
    return report.model_copy(
        update={
            "verdicts": tuple(verdicts),
            "outcomes": outcomes if report.statements else report.outcomes,
            "outcome": outcome,
        }
    )


def render(engine: Engine, report: ArticleReport, fmt: str) -> str:
    """One article's report in a renderer's format (``json`` is ``factcheck check -f json``'s)."""
    renderer = engine.registry.renderer(fmt)
    out = io.StringIO()
    renderer.render(RunStream([report], engine.tool, engine.config, engine.registry.rules), out)
    return out.getvalue()


def run_job(engine: Engine, job: CheckJob) -> CheckResult:
    """What a worker process does with one job."""
    began = time.perf_counter()
    report = check_article(engine, job)
    seconds = time.perf_counter() - began
    final = apply_decisions(engine, report, DecisionBook(job.decisions))
    return CheckResult(report.model_dump_json(), render(engine, final, job.render), seconds)
