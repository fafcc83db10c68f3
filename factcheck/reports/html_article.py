"""The article as a reader sees it, for the HTML report: blocks of styled runs, statements marked.

The source is re-read by factcheck's own loader (``parse_article``); its ``plain`` text (as long
as the source, markup blanked) says which characters a reader sees, so markup is dropped while
the emphasis, code and links it switched on are kept as styles, and every highlight is placed
from the statements' and verdicts' own offsets into the source. Without a source, statements are
drawn from their own text, by paragraph. Split out of ``html`` (the page and the renderer)
because this is the one part that reads offsets into the article.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from factcheck.plugin import (
    Article,
    ArticleReport,
    Block,
    Statement,
    StatementOutcome,
    Status,
    Verdict,
    parse_article,
)

from .common import is_finding

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


class InlineStyles:
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


class ArticlePage:
    """One article's statements, the ids and marks that tie them to their findings, and the
    article drawn around them; ``n`` keeps ids unique on a page."""

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
        self, article: Article, start: int, end: int, styles: InlineStyles, hits: list[tuple[int, int, str]]
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
        styles = InlineStyles(article.format)
        views = []
        for index, block in enumerate(blocks):
            views.append(self.block_view(article, block, by_block.get(index, []), styles))
        leftovers = [s for s in self.report.statements if s.id not in placed]
        return views, leftovers

    def block_view(
        self, article: Article, block: Block, statements: list[Statement], styles: InlineStyles
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
