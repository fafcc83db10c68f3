"""``--format html``: one self-contained page an editor can act on at a glance.

What the page shows, per article:

* **The article as a reader sees it**: headings, paragraphs, list items and quotes, with emphasis
  and links drawn as text, never the Markdown or HTML source (no ``---``, ``#``, ``[..](..)`` or
  tags). The article is re-read by factcheck's own loader (``parse_article``): its ``blocks`` say
  where the visible text is and what kind it is, and ``plain`` (as long as the source, markup
  blanked) says which characters a reader sees, so every highlight is placed from the statements'
  and verdicts' own ``start``/``end`` offsets into the source. Plain-text articles are drawn as
  their paragraphs. Without a source (the engine did not keep it) statements are listed by
  paragraph. This drawing is ``html_article``; this module builds the page around it.
* **Statements painted by their combined status**, and the words a finding points at underlined.
  Clicking one, or Tab then Enter, opens its verdicts and evidence.
* **The findings list, visible without clicking**: every finding (a verdict other than
  ``supported``) with severity, rule, position and message. ``n``/``j`` and ``p``/``k`` move to the
  next and previous finding (the statement is scrolled to and its details opened); filters by
  severity, by rule and for suppressed findings apply to the list and the highlights alike. Each
  finding element carries ``data-fingerprint``, ``data-rule``, ``data-severity``, ``data-status``
  and a stable ``id`` (``a<article>-f-<fingerprint>``), for tools that add buttons to it.
* **Attributions as attributions**: quote, speaker, cue, and whether the speaker is *stated* in
  the sentence or *inferred* (pronoun, neighbouring sentence, quote run); inferred rows are marked
  so the guesses are checked first.
* **The counts every format prints** (``reports/common.py``), each labelled.

Safety, belt and braces: the page is built by Jinja2 with autoescaping on, so all article text is
escaped (``<script>`` in an article is shown as text); a Content-Security-Policy lets only the
page's own ``<style>``/``<script>`` run (a per-page nonce) and loads nothing from the network.
Jinja2 is imported only when an HTML report is written (docs/dependencies.md §7).
"""

from __future__ import annotations

import secrets
from collections import Counter
from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any, TextIO

from factcheck.plugin import (
    NoteEvidence,
    Renderer,
    ReportStream,
    Severity,
    SourceEvidence,
    SpanEvidence,
    Status,
    Verdict,
    hookimpl,
)

from .common import (
    HOW_INFERRED,
    INFERRED,
    SEVERITY_ORDER,
    Counts,
    attribution_quote,
    is_finding,
    speaker_basis,
)
from .html_article import ArticlePage, clip, label

if TYPE_CHECKING:
    from jinja2 import Template

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


@cache
def template() -> Template:
    from jinja2 import Environment, StrictUndefined

    environment = Environment(
        autoescape=True, trim_blocks=True, lstrip_blocks=True, undefined=StrictUndefined
    )
    environment.globals.update(ICONS=ICONS, label=label)
    return environment.from_string(asset("report.html.j2"))


class _Page(ArticlePage):
    """Renders one article into the template's data: the article, its findings list, a card per
    statement and the attribution table."""

    # --- findings, cards, attributions ---------------------------------------------------------

    def findings(self) -> list[dict[str, Any]]:
        found = []
        for k, verdict in enumerate(self.report.verdicts):
            if k not in self.finding_ids:
                continue
            statement = next((s for s in self.report.statements if s.id == verdict.statement_id), None)
            found.append(
                {
                    "id": self.finding_ids[k],
                    "verdict": verdict,
                    "where": f"{verdict.line or '?'}:{verdict.column or '?'}",
                    "mark": self.mark_id(statement) if statement else "",
                }
            )
        return found

    def cards(self) -> list[dict[str, Any]]:
        return [
            {
                "id": self.card_id(s),
                "mark": self.mark_id(s),
                "statement": s,
                "status": self.status(s),
                "outcome": self.outcomes.get(s.id),
                "text": self.shown(s.start, s.end, s.text),
                "verdicts": [
                    (v, self.finding_of.get(id(v), ""), evidence(v)) for v in self.verdicts.get(s.id, [])
                ],
            }
            for s in self.report.statements
        ]

    def attributions(self) -> list[dict[str, Any]]:
        rows = []
        for attribution in self.report.attributions:
            holder = next(
                (s for s in self.report.statements if s.start <= attribution.start < max(s.end, s.start + 1)),
                None,
            )
            basis = speaker_basis(attribution)
            rows.append(
                {
                    "quote": clip(
                        self.shown(
                            attribution.start, attribution.end, attribution_quote(attribution, self.report)
                        )
                    ),
                    "speaker": attribution.speaker,
                    "cue": attribution.cue or "",
                    "direct": attribution.direct,
                    "basis": basis,
                    "how": HOW_INFERRED.get(attribution.resolved_by, attribution.resolved_by)
                    if basis == INFERRED
                    else "named in the sentence",
                    "target": self.mark_id(holder) if holder else "",
                    "where": f"{holder.id} · line {holder.line}" if holder else "",
                }
            )
        return rows

    def view(self) -> dict[str, Any]:
        report = self.report
        counts = Counts.of([report])
        return {
            "n": self.n,
            "report": report,
            "counts": counts,
            "body": self.body() if report.statements else None,
            "findings": self.findings(),
            "cards": self.cards(),
            "attributions": self.attributions(),
            "inferred": sum(1 for a in report.attributions if speaker_basis(a) == INFERRED),
        }


def evidence(verdict: Verdict) -> list[dict[str, str]]:
    items = []
    for item in verdict.evidence:
        if isinstance(item, SpanEvidence):
            items.append({"kind": "span", "text": clip(item.text), "note": item.note or ""})
        elif isinstance(item, SourceEvidence):
            url = item.url or ""
            items.append(
                {
                    "kind": "source",
                    "provider": item.provider,
                    "name": item.title or item.provider,
                    "url": url if url.startswith(("https://", "http://")) else "",
                    "excerpt": clip(item.excerpt) if item.excerpt else "",
                }
            )
        elif isinstance(item, NoteEvidence):
            items.append({"kind": "note", "text": item.text})
    return items


class HtmlRenderer:
    name = "html"
    description = (
        "A self-contained HTML page: the article as a reader sees it, findings list, filters, evidence."
    )

    def render(self, stream: ReportStream, out: TextIO) -> None:
        articles: list[dict[str, Any]] = []
        statuses: Counter[str] = Counter()
        rules: Counter[str] = Counter()
        severities: Counter[str] = Counter()
        counts = Counts()
        for n, report in enumerate(stream):
            counts.add(report)
            articles.append(_Page(report, n).view())
            statuses.update(o.status.value for o in report.outcomes)
            for verdict in report.verdicts:
                if is_finding(verdict):
                    rules[verdict.rule] += 1
                    severities[verdict.severity.value] += 1
        summary = stream.summary
        nonce = secrets.token_urlsafe(18)
        title = "factcheck report" + (f": {articles[0]['report'].path}" if len(articles) == 1 else "")
        names = {rule.code: rule.name for rule in stream.rules}
        from markupsafe import Markup

        out.write(
            template().render(
                title=title,
                tool=f"{stream.tool.name} {stream.tool.version}",
                nonce=nonce,
                css=Markup(asset("report.css")),
                js=Markup(asset("report.js")),
                summary=summary,
                counts=counts,
                statuses=[(s, statuses.get(s.value, 0)) for s in STATUS_ORDER],
                severities=[(s.value, severities.get(s.value, 0)) for s in SEVERITY_ORDER],
                rules=[(code, rules[code], names.get(code, "")) for code in sorted(rules)],
                articles=articles,
                Severity=Severity,
            )
        )


@hookimpl(trylast=True)
def register_renderers(register: Callable[[Renderer], None]) -> None:
    register(HtmlRenderer())
