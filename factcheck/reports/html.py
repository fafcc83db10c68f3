"""``--format html``: one self-contained page an editor can act on at a glance.

What the page shows, per article:

* **The article as a reader sees it**: headings, paragraphs, list items and quotes, with emphasis
  and links drawn as text, never the Markdown or HTML source (no ``---``, ``#``, ``[..](..)`` or
  tags). The article is re-read by factcheck's own loader (``parse_article``): its ``blocks`` say
  where the visible text is and what kind it is, and ``plain`` (as long as the source, markup
  blanked) says which characters a reader sees, so every highlight is placed from the statements'
  and verdicts' own ``start``/``end`` offsets into the source. Plain-text articles are drawn as
  their paragraphs. Without a source (the engine did not keep it) statements are listed by
  paragraph.
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

import bisect
import re
import secrets
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING, Any, TextIO

from factcheck.plugin import (
    Article,
    ArticleReport,
    Block,
    NoteEvidence,
    Renderer,
    ReportStream,
    Severity,
    SourceEvidence,
    SpanEvidence,
    Statement,
    StatementOutcome,
    Status,
    Verdict,
    hookimpl,
    parse_article,
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
BLOCK_TAGS = {
    "title": "h3",
    "heading": "h4",
    "standfirst": "p",
    "paragraph": "p",
    "caption": "p",
    "list_item": "li",
    "quote": "blockquote",
}
_MD_MARKER = re.compile(r"\*\*\*|___|\*\*|__|\*|_|`+|\]\([^)]*\)|\]\[[^\]]*\]|\[|\]")
_HTML_TAG = re.compile(r"<\s*(/?)\s*([a-zA-Z][a-zA-Z0-9]*)[^>]*>")
_HTML_STYLE = {
    "em": "em",
    "i": "em",
    "cite": "em",
    "strong": "strong",
    "b": "strong",
    "code": "code",
    "a": "link",
}


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


def label(status: Status | str) -> str:
    return str(getattr(status, "value", status)).replace("_", " ")


def clip(text: str, width: int = 240) -> str:
    one_line = " ".join(text.split())
    return one_line if len(one_line) <= width else one_line[: width - 1] + "…"


# --- the article as a reader sees it ---------------------------------------------------------------


@dataclass
class Run:
    """Visible text with one set of inline styles."""

    text: str
    em: bool = False
    strong: bool = False
    code: bool = False
    link: bool = False
    hit: str = ""  # the status of a finding pointing at exactly these words


@dataclass
class Part:
    """A stretch of a block: a statement (``mark`` set) or the text between statements."""

    runs: list[Run] = field(default_factory=list)
    mark: dict[str, Any] | None = None


@dataclass
class BlockView:
    tag: str
    kind: str
    parts: list[Part]


class _Styles:
    """Inline styles switched on and off by the markup a reader does not see."""

    def __init__(self, format: str) -> None:
        self.format = format
        self.on: dict[str, bool] = {"em": False, "strong": False, "code": False, "link": False}

    def apply(self, markup: str) -> bool:
        """Update the styles from one masked stretch; True when it reads as a line break."""
        if self.format == "markdown":
            for token in _MD_MARKER.findall(markup):
                if token in ("***", "___"):
                    self.on["em"] = not self.on["em"]
                    self.on["strong"] = not self.on["strong"]
                elif token in ("**", "__"):
                    self.on["strong"] = not self.on["strong"]
                elif token in ("*", "_"):
                    self.on["em"] = not self.on["em"]
                elif token.startswith("`"):
                    self.on["code"] = not self.on["code"]
                elif token == "[":
                    self.on["link"] = True
                else:
                    self.on["link"] = False
            return False
        if self.format == "html":
            broke = False
            for closing, name in _HTML_TAG.findall(markup):
                style = _HTML_STYLE.get(name.lower())
                if style:
                    self.on[style] = not closing
                elif name.lower() == "br":
                    broke = True
            return broke
        return False


class _Page:
    """Renders one article into the template's data; ``n`` keeps ids unique on a page."""

    def __init__(self, report: ArticleReport, n: int) -> None:
        self.report = report
        self.n = n
        self.outcomes: dict[str, StatementOutcome] = {o.statement_id: o for o in report.outcomes}
        self.verdicts: dict[str, list[Verdict]] = defaultdict(list)
        for verdict in report.verdicts:
            self.verdicts[verdict.statement_id].append(verdict)
        self.number = {s.id: k for k, s in enumerate(report.statements)}
        self.finding_ids: dict[int, str] = {}
        used: Counter[str] = Counter()
        for k, verdict in enumerate(report.verdicts):
            if not is_finding(verdict):
                continue
            base = f"a{n}-f-{verdict.fingerprint or k}"
            used[base] += 1
            self.finding_ids[k] = base if used[base] == 1 else f"{base}-{used[base]}"
        self.finding_of = {
            id(v): self.finding_ids[k] for k, v in enumerate(report.verdicts) if k in self.finding_ids
        }

    def mark_id(self, statement: Statement) -> str:
        return f"a{self.n}-s{self.number[statement.id]}"

    def card_id(self, statement: Statement) -> str:
        return f"a{self.n}-c{self.number[statement.id]}"

    def status(self, statement: Statement) -> Status:
        outcome = self.outcomes.get(statement.id)
        return outcome.status if outcome else Status.UNVERIFIED

    def mark(self, statement: Statement) -> dict[str, Any]:
        verdicts = self.verdicts.get(statement.id, [])
        outcome = self.outcomes.get(statement.id)
        findings = [self.finding_of[id(v)] for v in verdicts if id(v) in self.finding_of]
        return {
            "id": self.mark_id(statement),
            "card": self.card_id(statement),
            "statement": statement.id,
            "status": self.status(statement).value,
            "quiet": not verdicts,
            "conflict": bool(outcome and outcome.conflict),
            "findings": " ".join(findings),
            "title": f"{statement.id}: {label(self.status(statement))}",
        }

    # --- drawing the blocks --------------------------------------------------------------------

    def hits(self, statement: Statement) -> list[tuple[int, int, str]]:
        return sorted(
            (v.start, v.end, v.status.value)
            for v in self.verdicts.get(statement.id, [])
            if v.start is not None
            and v.end is not None
            and is_finding(v)
            and v.end > v.start
            and (v.start, v.end) != (statement.start, statement.end)  # only words narrower than it
        )

    def runs(
        self, article: Article, start: int, end: int, styles: _Styles, hits: list[tuple[int, int, str]]
    ) -> list[Run]:
        """The visible text of ``source[start:end]`` as styled runs (markup dropped, styles kept)."""
        source, plain = article.source, article.plain
        runs: list[Run] = []
        buffer: list[str] = []
        state: tuple[bool, bool, bool, bool, str] | None = None

        def flush() -> None:
            if buffer and state is not None:
                em, strong, code, link, hit = state
                runs.append(Run("".join(buffer), em, strong, code, link, hit))
            buffer.clear()

        position = start
        while position < end:
            shown = plain[position]
            if shown == source[position] or not shown.isspace():
                hit = next((h[2] for h in hits if h[0] <= position < h[1]), "")
                current = (styles.on["em"], styles.on["strong"], styles.on["code"], styles.on["link"], hit)
                if current != state:
                    flush()
                    state = current
                buffer.append(shown)
                position += 1
                continue
            masked_end = position
            while (
                masked_end < end and plain[masked_end].isspace() and plain[masked_end] != source[masked_end]
            ):
                masked_end += 1
            if styles.apply(source[position:masked_end]):
                buffer.append(" ")
            position = masked_end
        flush()
        return runs

    def blocks(self, article: Article) -> tuple[list[BlockView], list[Statement]]:
        """Every block with its statements marked; statements outside any block come back apart."""
        placed: set[str] = set()
        by_block: dict[int, list[Statement]] = defaultdict(list)
        ordered = sorted(self.report.statements, key=lambda s: (s.start, -s.end))
        blocks = sorted(article.blocks, key=lambda b: b.start)
        starts = [b.start for b in blocks]
        for statement in ordered:
            index = bisect.bisect_right(starts, statement.start) - 1
            if index >= 0 and blocks[index].start <= statement.start and statement.end <= blocks[index].end:
                group = by_block[index]
                if not group or group[-1].end <= statement.start:
                    group.append(statement)
                    placed.add(statement.id)
        styles = _Styles(article.format)
        views = []
        for index, block in enumerate(blocks):
            views.append(self.block_view(article, block, by_block.get(index, []), styles))
        leftovers = [s for s in self.report.statements if s.id not in placed]
        return views, leftovers

    def block_view(
        self, article: Article, block: Block, statements: list[Statement], styles: _Styles
    ) -> BlockView:
        styles.on = dict.fromkeys(styles.on, False)
        parts: list[Part] = []
        cursor = block.start
        for statement in statements:
            if statement.start > cursor:
                parts.append(Part(self.runs(article, cursor, statement.start, styles, [])))
            parts.append(
                Part(
                    self.runs(article, statement.start, statement.end, styles, self.hits(statement)),
                    self.mark(statement),
                )
            )
            cursor = statement.end
        if cursor < block.end:
            parts.append(Part(self.runs(article, cursor, block.end, styles, [])))
        return BlockView(BLOCK_TAGS.get(block.kind, "p"), block.kind, parts)

    def statement_parts(self, statement: Statement) -> Part:
        """A statement drawn from its own text (no source): one run, findings' words underlined."""
        runs: list[Run] = []
        cursor = 0
        for start, end, status in self.hits(statement):
            start, end = max(start - statement.start, cursor), min(end - statement.start, len(statement.text))
            if start >= end:
                continue
            runs.append(Run(statement.text[cursor:start]))
            runs.append(Run(statement.text[start:end], hit=status))
            cursor = end
        runs.append(Run(statement.text[cursor:]))
        return Part([r for r in runs if r.text], self.mark(statement))

    @property
    def article(self) -> Article | None:
        if not hasattr(self, "_article"):
            found: Article | None = None
            if self.report.source is not None:
                try:
                    found = parse_article(self.report.source, self.report.format, self.report.path)
                except Exception:  # a report can outlive the loader that read it: fall back, never fail
                    found = None
            self._article = found if found is not None and found.source == self.report.source else None
        return self._article

    def shown(self, start: int, end: int, fallback: str) -> str:
        """What a reader sees of ``source[start:end]``: markup dropped, whitespace collapsed."""
        article = self.article
        if article is None:
            return clip(fallback, 600)
        pairs = zip(article.plain[start:end], article.source[start:end], strict=True)
        return clip("".join(p for p, c in pairs if p == c or not p.isspace()), 600)

    def body(self) -> dict[str, Any]:
        report = self.report
        article = self.article
        if article is not None:
            blocks, leftovers = self.blocks(article)
            return {"blocks": blocks, "leftovers": [self.statement_parts(s) for s in leftovers]}
        grouped: dict[int, list[Statement]] = defaultdict(list)
        for statement in report.statements:
            grouped[statement.block].append(statement)
        blocks = []
        for _, group in sorted(grouped.items()):
            parts: list[Part] = []
            for statement in sorted(group, key=lambda s: s.start):
                if parts:
                    parts.append(Part([Run(" ")]))
                parts.append(self.statement_parts(statement))
            blocks.append(BlockView("p", "paragraph", parts))
        return {"blocks": blocks, "leftovers": []}

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
