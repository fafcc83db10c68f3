"""``--format html``: one self-contained page an editor can read, with every statement highlighted.

The page shows each article's text with its statements marked by their combined status
(``ArticleReport.outcomes``); clicking a statement, or tabbing to it and pressing Enter, opens
its verdicts and evidence in a side panel. Filters hide statements by status and verifier, and
suppressed verdicts can be shown or hidden. A summary panel leads the page and each article ends
with its attribution table (quote → speaker), so an editor can check who said what at a glance.

Safety, and why it is belt and braces: every piece of article text goes through
``html.escape``, so ``<script>`` in an article is shown as text. On top of that the page carries
a Content-Security-Policy that lets only the report's own ``<style>``/``<script>`` (by a per-page
random nonce) run and loads nothing from the network, so even a future escaping slip could not
execute injected script or leak a reader's IP.

Text and markup: text and Markdown articles are shown as written (``white-space: pre-wrap``),
with each statement's ``source[start:end]`` wrapped in a ``<mark>``. HTML articles, and reports
whose ``source`` is ``None`` (the engine did not keep it), are shown as their statements grouped
into paragraphs by ``Statement.block`` — raw HTML source would be unreadable. The CSS and JS
live in ``html_assets/`` as package data; without JavaScript every card is simply shown.
"""

from __future__ import annotations

import secrets
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from functools import cache
from html import escape
from importlib import resources
from typing import TextIO

from factcheck.plugin import (
    ArticleReport,
    Attribution,
    NoteEvidence,
    Renderer,
    ReportStream,
    SourceEvidence,
    SpanEvidence,
    Statement,
    StatementOutcome,
    Status,
    Summary,
    Verdict,
    hookimpl,
)

ICONS = {
    Status.SUPPORTED: "✓",
    Status.REFUTED: "✗",
    Status.NEEDS_REVIEW: "?",
    Status.UNVERIFIED: "·",
    Status.ERROR: "!",
}
STATUS_ORDER = [Status.REFUTED, Status.ERROR, Status.NEEDS_REVIEW, Status.UNVERIFIED, Status.SUPPORTED]


@cache
def asset(name: str) -> str:
    """A file of ``html_assets/`` (read once per process)."""
    return (resources.files("factcheck.reports") / "html_assets" / name).read_text("utf-8")


def label(status: Status) -> str:
    return status.value.replace("_", " ")


def badge(status: Status, text: str | None = None) -> str:
    return f'<span class="badge s-{status.value}">{ICONS[status]} {escape(text or label(status))}</span>'


def clip(text: str, width: int = 240) -> str:
    one_line = " ".join(text.split())
    return one_line if len(one_line) <= width else one_line[: width - 1] + "…"


class _Article:
    """Renders one article; ``n`` makes element ids unique on a page holding many articles."""

    def __init__(self, report: ArticleReport, n: int) -> None:
        self.report = report
        self.n = n
        self.outcomes: dict[str, StatementOutcome] = {o.statement_id: o for o in report.outcomes}
        self.verdicts: dict[str, list[Verdict]] = defaultdict(list)
        for verdict in report.verdicts:
            self.verdicts[verdict.statement_id].append(verdict)
        self.number = {s.id: k for k, s in enumerate(report.statements)}

    def mark_id(self, statement: Statement) -> str:
        return f"a{self.n}-s{self.number[statement.id]}"

    def card_id(self, statement: Statement) -> str:
        return f"a{self.n}-c{self.number[statement.id]}"

    def status(self, statement: Statement) -> Status:
        outcome = self.outcomes.get(statement.id)
        return outcome.status if outcome else Status.UNVERIFIED

    # --- the text with its highlights ----------------------------------------------------------

    def mark(self, statement: Statement, text: str, offset: int | None = None) -> str:
        """A statement's ``<mark>``; with ``offset`` (where ``text`` starts in the source) the
        narrower spans verdicts point at are underlined inside it, so an editor sees which word."""
        status = self.status(statement)
        verdicts = self.verdicts.get(statement.id, [])
        verifiers = " ".join(sorted({v.verifier for v in verdicts}))
        quiet = " quiet" if not verdicts else ""
        conflict = " conflict" if (o := self.outcomes.get(statement.id)) and o.conflict else ""
        return (
            f'<mark class="st s-{status.value}{quiet}{conflict}" id="{self.mark_id(statement)}" '
            f'data-id="{escape(statement.id)}" data-status="{status.value}" '
            f'data-verifiers="{escape(verifiers)}" tabindex="0" role="button" aria-expanded="false" '
            f'aria-controls="{self.card_id(statement)}" '
            f'title="{escape(statement.id)}: {label(status)}">{self.hits(verdicts, text, offset)}</mark>'
        )

    @staticmethod
    def hits(verdicts: list[Verdict], text: str, offset: int | None) -> str:
        if offset is None:
            return escape(text)
        spans = sorted(
            (v.start - offset, v.end - offset, v.status)
            for v in verdicts
            if v.start is not None and v.end is not None and v.status != Status.SUPPORTED and v.end > v.start
        )
        parts: list[str] = []
        cursor = 0
        for start, end, status in spans:
            start, end = max(start, cursor), min(end, len(text))
            if start >= end:
                continue
            parts.append(escape(text[cursor:start]))
            parts.append(f'<span class="hit h-{status.value}">{escape(text[start:end])}</span>')
            cursor = end
        parts.append(escape(text[cursor:]))
        return "".join(parts)

    def full_text(self, source: str) -> tuple[str, list[Statement]]:
        """The whole source with marks; statements overlapping an earlier one are returned apart."""
        parts: list[str] = []
        leftovers: list[Statement] = []
        cursor = 0
        for statement in sorted(self.report.statements, key=lambda s: (s.start, -s.end)):
            start, end = max(statement.start, cursor), min(statement.end, len(source))
            if start >= end or statement.start < cursor:
                leftovers.append(statement)
                continue
            parts.append(_gap(source[cursor:start]))
            parts.append(self.mark(statement, source[start:end], start))
            cursor = end
        parts.append(_gap(source[cursor:]))
        return '<div class="text" lang="en">' + "".join(parts) + "</div>", leftovers

    def paragraphs(self) -> str:
        """Statements grouped into paragraphs by block, for HTML articles or a missing source."""
        blocks: dict[int, list[Statement]] = defaultdict(list)
        for statement in self.report.statements:
            blocks[statement.block].append(statement)
        paragraphs = [
            "<p>" + " ".join(self.mark(s, s.text) for s in sorted(group, key=lambda s: s.start)) + "</p>"
            for _, group in sorted(blocks.items())
        ]
        return '<div class="blocks" lang="en">' + "".join(paragraphs) + "</div>"

    def body(self) -> str:
        report = self.report
        if not report.statements:
            return '<p class="hint">No statements were found in this article.</p>'
        if report.source is not None and report.format != "html":
            text, leftovers = self.full_text(report.source)
            if leftovers:
                items = "".join(f'<li class="stmt">{self.mark(s, s.text)}</li>' for s in leftovers)
                text += f'<h3>Overlapping statements</h3><ul class="leftovers">{items}</ul>'
            return text
        return self.paragraphs()

    # --- the side panel ------------------------------------------------------------------------

    def card(self, statement: Statement) -> str:
        status = self.status(statement)
        outcome = self.outcomes.get(statement.id)
        verdicts = self.verdicts.get(statement.id, [])
        kinds = ", ".join(statement.kinds) or "none"
        parts = [
            f'<div class="card" id="{self.card_id(statement)}" data-for="{self.mark_id(statement)}" '
            f'tabindex="-1" role="region" aria-label="Statement {escape(statement.id)}">',
            f'<div class="card-head">{badge(status)} <b>{escape(statement.id)}</b> '
            f'<span class="where">line {statement.line}, column {statement.column}</span>'
            '<button type="button" class="close" aria-label="Close">×</button></div>',
            f"<blockquote>{escape(clip(statement.text, 600))}</blockquote>",
        ]
        if outcome is not None:
            conflict = ' <span class="conflict-note">Verifiers disagree.</span>' if outcome.conflict else ""
            parts.append(f'<p class="outcome">{escape(outcome.summary)}{conflict}</p>')
        parts.append(
            f'<p class="meta">kinds: {escape(kinds)} · check-worthiness {statement.checkworthiness:.2f}</p>'
        )
        if verdicts:
            parts.append('<ul class="verdicts">' + "".join(_verdict(v) for v in verdicts) + "</ul>")
        else:
            parts.append('<p class="meta">No verifier had anything to say about this statement.</p>')
        parts.append("</div>")
        return "".join(parts)

    def panel(self) -> str:
        hint = (
            '<p class="hint">Click a highlighted statement, or Tab to it and press Enter, to see its '
            "verdicts and evidence. Escape closes.</p>"
        )
        cards = "".join(self.card(s) for s in self.report.statements)
        return f'<aside class="panel" aria-live="polite">{hint}{cards}</aside>'

    # --- attributions and the whole section ----------------------------------------------------

    def quote_text(self, attribution: Attribution) -> str:
        source = self.report.source
        if source is not None:
            return source[attribution.start : attribution.end]
        for statement in self.report.statements:
            if statement.start <= attribution.start and attribution.end <= statement.end:
                return statement.text[attribution.start - statement.start : attribution.end - statement.start]
        return ""

    def attributions(self) -> str:
        rows = []
        for attribution in self.report.attributions:
            holder = next(
                (s for s in self.report.statements if s.start <= attribution.start < max(s.end, s.start + 1)),
                None,
            )
            go = (
                f'<button type="button" class="goto" data-target="{self.mark_id(holder)}">'
                f"{escape(holder.id)} · line {holder.line}</button>"
                if holder
                else ""
            )
            speaker = (
                escape(attribution.speaker)
                if attribution.speaker
                else '<span class="unknown">not found</span>'
            )
            kind = "direct" if attribution.direct else "indirect"
            rows.append(
                f'<tr><td class="quote">{escape(clip(self.quote_text(attribution)))}</td><td>{speaker}</td>'
                f"<td>{escape(attribution.cue or '')}</td><td>{kind}</td>"
                f"<td>{escape(attribution.resolved_by)}</td><td>{go}</td></tr>"
            )
        if not rows:
            return ""
        names = ("Quote", "Speaker", "Cue", "Kind", "Found by", "Statement")
        head = "<tr>" + "".join(f"<th>{name}</th>" for name in names) + "</tr>"
        return (
            f'<h3>Attributions ({len(rows)})</h3><table class="attributions"><thead>{head}</thead>'
            f"<tbody>{''.join(rows)}</tbody></table>"
        )

    def section(self) -> str:
        report = self.report
        outcome = report.outcome
        meta = [escape(report.title)] if report.title else []
        if report.date:
            meta.append(f"published {report.date.isoformat()}")
        meta.append(f"{len(report.statements)} statements · {outcome.failing} failing")
        meta.append(f"policy {escape(outcome.policy)}")
        problems = "".join(f"<li>{escape(p.one_line())}</li>" for p in report.problems)
        skipped = ", ".join(report.skipped_checks)
        return (
            f'<section class="article" id="a{self.n}" aria-labelledby="a{self.n}-h">'
            f'<div class="article-head"><h2 id="a{self.n}-h">{escape(report.path)}</h2>'
            f"{badge(outcome.status)}"
            f'<span class="meta">{" · ".join(meta)}</span></div>'
            + (f'<ul class="problems">{problems}</ul>' if problems else "")
            + (f'<p class="meta">Checks skipped: {escape(skipped)}</p>' if skipped else "")
            + f'<div class="cols">{self.body()}{self.panel()}</div>{self.attributions()}</section>'
        )


def _gap(text: str) -> str:
    """Text between statements; a newline becomes a block break so paragraphs breathe."""
    return escape(text).replace("\n", '<span class="br"></span>')


def _verdict(verdict: Verdict) -> str:
    suppressed = " suppressed" if verdict.suppressed else ""
    tag = f' <span class="tag">suppressed: {escape(verdict.suppressed)}</span>' if verdict.suppressed else ""
    evidence = "".join(_evidence(e) for e in verdict.evidence)
    return (
        f'<li class="verdict s-{verdict.status.value}{suppressed}" '
        f'data-verifier="{escape(verdict.verifier)}" data-fingerprint="{escape(verdict.fingerprint or "")}" '
        f'data-status="{verdict.status.value}">{badge(verdict.status)} <code>{escape(verdict.rule)}</code> '
        f'<span class="by">{verdict.severity.value} · {escape(verdict.verifier)} · confidence '
        f"{verdict.confidence:.2f} · line {verdict.line or '?'}</span>{tag}"
        f'<span class="msg">{escape(verdict.message)}</span>'
        + (f'<ul class="evidence">{evidence}</ul>' if evidence else "")
        + "</li>"
    )


def _evidence(evidence: SpanEvidence | SourceEvidence | NoteEvidence) -> str:
    if isinstance(evidence, SpanEvidence):
        note = f" — {escape(evidence.note)}" if evidence.note else ""
        return f"<li>In the article: <q>{escape(clip(evidence.text))}</q>{note}</li>"
    if isinstance(evidence, SourceEvidence):
        name = escape(evidence.title or evidence.provider)
        url = evidence.url or ""
        if url.startswith(("https://", "http://")):
            name = f'<a href="{escape(url)}" rel="noreferrer noopener" target="_blank">{name}</a>'
        excerpt = f": <q>{escape(clip(evidence.excerpt))}</q>" if evidence.excerpt else ""
        return f"<li>Source ({escape(evidence.provider)}): {name}{excerpt}</li>"
    return f"<li>{escape(evidence.text)}</li>"


def summary_panel(summary: Summary, statuses: Counter[Status], articles: list[tuple[str, Status]]) -> str:
    tiles = [
        ("articles", str(summary.articles), ""),
        ("statements", str(summary.statements), ""),
        (f"failing at '{summary.fail_on}'", str(summary.failing), " bad" if summary.failing else " ok"),
    ]
    if summary.input_errors:
        tiles.append(("input errors", str(summary.input_errors), " bad"))
    tiles += [(f"{ICONS[s]} {label(s)}", str(statuses.get(s, 0)), "") for s in STATUS_ORDER]
    tiles.append(("exit code", str(summary.exit_code), " bad" if summary.exit_code else " ok"))
    html = (
        '<section class="summary" aria-label="Summary">'
        + "".join(
            f'<div class="tile{cls}"><span class="n">{escape(n)}</span>'
            f'<span class="k">{escape(k)}</span></div>'
            for k, n, cls in tiles
        )
        + "</section>"
    )
    if len(articles) > 1:
        items = "".join(
            f'<li><a href="#a{i}">{escape(path)}</a> {badge(status)}</li>'
            for i, (path, status) in enumerate(articles)
        )
        html += f'<nav class="toc" aria-label="Articles"><ol>{items}</ol></nav>'
    return html


def filters_bar(statuses: Counter[Status], verifiers: Iterable[str], any_suppressed: bool) -> str:
    status_boxes = "".join(
        f'<label><input type="checkbox" data-filter="status" value="{s.value}" checked> '
        f"{badge(s)} {statuses.get(s, 0)}</label>"
        for s in STATUS_ORDER
    )
    verifier_boxes = "".join(
        f'<label><input type="checkbox" data-filter="verifier" value="{escape(v)}" checked> '
        f"{escape(v)}</label>"
        for v in sorted(verifiers)
    )
    parts = [
        '<div class="filters" role="group" aria-label="Filters">',
        f"<fieldset><legend>Status</legend>{status_boxes}</fieldset>",
    ]
    if verifier_boxes:
        parts.append(f"<fieldset><legend>Verifier</legend>{verifier_boxes}</fieldset>")
    if any_suppressed:
        parts.append(
            '<fieldset><label><input type="checkbox" data-filter="suppressed" checked> '
            "show suppressed verdicts</label></fieldset>"
        )
    parts.append('<span class="shown" id="shown-count" aria-live="polite"></span></div>')
    return "".join(parts)


def page(title: str, tool: str, content: str) -> str:
    nonce = secrets.token_urlsafe(18)
    policy = (
        f"default-src 'none'; style-src 'nonce-{nonce}'; script-src 'nonce-{nonce}'; img-src data:; "
        "base-uri 'none'; form-action 'none'"
    )
    return (
        '<!DOCTYPE html>\n<html lang="en" class="no-js"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="referrer" content="no-referrer"><link rel="icon" href="data:,">'
        f'<title>{escape(title)}</title><style nonce="{nonce}">{asset("report.css")}</style></head>\n'
        f'<body><header class="top"><h1>{escape(title)}</h1><span class="tool">{escape(tool)}</span></header>'
        f'<main>{content}</main>\n<script nonce="{nonce}">{asset("report.js")}</script></body></html>\n'
    )


class HtmlRenderer:
    name = "html"
    description = "A self-contained HTML page: the article with highlighted statements, filters, evidence."

    def render(self, stream: ReportStream, out: TextIO) -> None:
        sections: list[str] = []
        articles: list[tuple[str, Status]] = []
        statuses: Counter[Status] = Counter()
        verifiers: set[str] = set()
        any_suppressed = False
        for n, report in enumerate(stream):
            sections.append(_Article(report, n).section())
            articles.append((report.path, report.outcome.status))
            statuses.update(o.status for o in report.outcomes)
            verifiers.update(v.verifier for v in report.verdicts)
            any_suppressed = any_suppressed or any(v.suppressed for v in report.verdicts)
        title = "factcheck report" + (f": {articles[0][0]}" if len(articles) == 1 else "")
        content = (
            summary_panel(stream.summary, statuses, articles)
            + filters_bar(statuses, verifiers, any_suppressed)
            + "".join(sections)
        )
        out.write(page(title, f"{stream.tool.name} {stream.tool.version}", content))


@hookimpl(trylast=True)
def register_renderers(register: Callable[[Renderer], None]) -> None:
    register(HtmlRenderer())
