"""``--format markdown``: a report to paste into a pull-request comment or a CMS note.

A summary table first (one row per article: outcome, counts by combined status, failing
findings), then, per article, the findings grouped by statement: each statement with a
``path#Lline`` link (GitHub and GitLab both jump to a line with that fragment) and its verdicts
under it, suppressed ones marked as such. Statements where every verifier agreed the statement
is supported, or that no verifier spoke about, are left out: the comment is for what needs a
person. Each article ends with its attribution table (quote, speaker, cue, line), marking whether
the speaker is *stated* in the sentence or *inferred* (from a pronoun, a neighbouring sentence or
the quote before): inferred speakers are flagged ⚠️ so an editor checks those guesses first.
``[plugins.render_markdown] link_base`` prefixes links (e.g. a blob URL at the commit). The counts
are the ones every format prints, each labelled (``reports/common.py``).

Everything taken from articles is escaped: Markdown punctuation is backslash-escaped and ``<``,
``>`` and ``&`` become entities, since GitHub renders inline HTML in comments; table cells also
escape ``|``. The summary is needed first but known last, so article sections are buffered.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from typing import TextIO

from factcheck.plugin import (
    ArticleReport,
    NoteEvidence,
    Renderer,
    ReportStream,
    Section,
    SourceEvidence,
    SpanEvidence,
    Status,
    Verdict,
    hookimpl,
)

from .common import HOW_INFERRED, INFERRED, Counts, attribution_line, attribution_quote, speaker_basis

ICONS = {
    Status.SUPPORTED: "✅",
    Status.REFUTED: "❌",
    Status.NEEDS_REVIEW: "⚠️",
    Status.UNVERIFIED: "➖",
    Status.ERROR: "💥",
}
STATUS_ORDER = [Status.REFUTED, Status.ERROR, Status.NEEDS_REVIEW, Status.UNVERIFIED, Status.SUPPORTED]
FINDING_ORDER = STATUS_ORDER[:-1]
_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
_SPACE = re.compile(r"\s+")


class MarkdownSettings(Section):
    """``[plugins.render_markdown]`` in the config file."""

    link_base: str = ""  # prefix for file links, e.g. "https://github.com/org/repo/blob/SHA/"
    clip: int = 200  # statements longer than this are shortened (characters)


def escape(text: str) -> str:
    """``text`` as inert Markdown on one line: no formatting, links, HTML or table breaks."""
    one_line = _SPACE.sub(" ", text).strip()
    entities = one_line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _MD_SPECIAL.sub(r"\\\1", entities)


def code(text: str, in_table: bool = False) -> str:
    """``text`` as an inline code span (a path): backticks cannot be escaped inside one, so they
    become quotes; in a table cell ``|`` must still be escaped, as GFM splits cells first."""
    body = _SPACE.sub(" ", text).replace("`", "'")
    return "`" + (body.replace("|", "\\|") if in_table else body) + "`"


def clip(text: str, width: int) -> str:
    one_line = _SPACE.sub(" ", text).strip()
    return one_line if len(one_line) <= width else one_line[: max(width - 1, 1)] + "…"


def _link_target(path: str, line: int, base: str) -> str:
    target = base + path.replace(" ", "%20").replace("(", "%28").replace(")", "%29")
    return f"{target}#L{line}"


def is_finding(verdict: Verdict) -> bool:
    return verdict.status != Status.SUPPORTED


def _evidence_lines(verdict: Verdict) -> list[str]:
    lines = []
    for evidence in verdict.evidence:
        if isinstance(evidence, SpanEvidence):
            note = f" — {escape(evidence.note)}" if evidence.note else ""
            lines.append(f"    - in the article: “{escape(clip(evidence.text, 160))}”{note}")
        elif isinstance(evidence, SourceEvidence):
            label = escape(evidence.title or evidence.provider)
            url = evidence.url or ""
            linked = url.startswith(("http://", "https://"))
            shown = f"[{label}](<{url.replace('>', '%3E')}>)" if linked else label
            excerpt = f": “{escape(clip(evidence.excerpt, 160))}”" if evidence.excerpt else ""
            lines.append(f"    - source: {shown}{excerpt}")
        elif isinstance(evidence, NoteEvidence):
            lines.append(f"    - note: {escape(evidence.text)}")
    return lines


def _verdict_line(verdict: Verdict) -> str:
    text = (
        f"{ICONS[verdict.status]} **{verdict.status.value.replace('_', ' ')}** `{verdict.rule}` "
        f"{verdict.severity.value}: {escape(verdict.message)} _({escape(verdict.verifier)})_"
    )
    if verdict.suppressed:
        text = f"~~{text}~~ — suppressed ({escape(verdict.suppressed)})"
    return "  - " + text


def article_section(report: ArticleReport, settings: MarkdownSettings) -> str:
    """One article's findings grouped by statement, in article order."""
    heading = code(report.path) + (f" — {escape(report.title)}" if report.title else "")
    lines = [f"### {heading}", ""]
    for problem in report.problems:
        where = f"line {problem.line}, column {problem.column}"
        lines.append(f"- 💥 input problem at {where}: {escape(problem.message)}")
    by_statement: dict[str, list[Verdict]] = defaultdict(list)
    for verdict in report.verdicts:
        by_statement[verdict.statement_id].append(verdict)
    outcomes = {o.statement_id: o for o in report.outcomes}
    shown = 0
    for statement in report.statements:
        verdicts = by_statement.get(statement.id, [])
        if not any(is_finding(v) for v in verdicts):
            continue
        shown += 1
        outcome = outcomes.get(statement.id)
        status = outcome.status if outcome else Status.UNVERIFIED
        link = _link_target(report.path, statement.line, settings.link_base)
        conflict = " (verifiers disagree)" if outcome and outcome.conflict else ""
        lines.append(
            f"- {ICONS[status]} [L{statement.line}]({link}) **{statement.id}**{conflict}: "
            f"“{escape(clip(statement.text, settings.clip))}”"
        )
        for verdict in verdicts:
            lines.append(_verdict_line(verdict))
            if is_finding(verdict):
                lines.extend(_evidence_lines(verdict))
    if not shown and not report.problems:
        lines.append("No findings.")
    lines.extend(_attribution_table(report, settings))
    return "\n".join(lines) + "\n"


def _attribution_table(report: ArticleReport, settings: MarkdownSettings) -> list[str]:
    if not report.attributions:
        return []
    inferred = sum(1 for a in report.attributions if speaker_basis(a) == INFERRED)
    note = f" — {inferred} inferred speaker(s): check those first" if inferred else ""
    lines = [
        "",
        f"**Attributions** ({len(report.attributions)}){note}",
        "",
        "| Line | Quote | Speaker | Cue | Speaker is |",
        "|--:|---|---|---|---|",
    ]
    for attribution in report.attributions:
        line = attribution_line(attribution, report)
        where = f"[L{line}]({_link_target(report.path, line, settings.link_base)})" if line else ""
        quote = escape(clip(attribution_quote(attribution, report), 120))
        speaker = escape(attribution.speaker) if attribution.speaker else "_not found_"
        if speaker_basis(attribution) == INFERRED:
            basis = f"⚠️ **inferred** ({HOW_INFERRED.get(attribution.resolved_by, attribution.resolved_by)})"
        else:
            basis = "stated"
        lines.append(f"| {where} | {quote} | {speaker} | {escape(attribution.cue or '')} | {basis} |")
    return lines


def _summary_row(report: ArticleReport) -> str:
    counts = Counts.of([report])
    cells = [str(counts.by_status[s.value]) for s in FINDING_ORDER]
    outcome = report.outcome
    return (
        f"| {code(report.path, in_table=True)} | {ICONS[outcome.status]} "
        f"{outcome.status.value.replace('_', ' ')} | {len(report.statements)} | {counts.findings} | "
        f"{' | '.join(cells)} | {counts.supported} | {outcome.failing} |"
    )


class MarkdownRenderer:
    name = "markdown"
    description = "Markdown for a pull-request comment or CMS note: summary table, findings by statement."

    def render(self, stream: ReportStream, out: TextIO) -> None:
        settings = stream.config.plugin_settings("render_markdown", MarkdownSettings)
        rows: list[str] = []
        sections: list[str] = []
        counts = Counts()
        for report in stream:
            counts.add(report)
            rows.append(_summary_row(report))
            sections.append(article_section(report, settings))
        summary = stream.summary
        header = " | ".join(f"{ICONS[s]} {s.value.replace('_', ' ')}" for s in FINDING_ORDER)
        out.write("## factcheck report\n\n")
        out.write(
            counts.line(summary.fail_on)
            + (f" · {summary.input_errors} input error(s)" if summary.input_errors else "")
            + f". Exit code {summary.exit_code}.\n\n"
        )
        if rows:
            out.write(f"| Article | Outcome | Statements | Findings | {header} | Supported | Failing |\n")
            out.write("|---|---|--:|--:|" + "--:|" * len(FINDING_ORDER) + "--:|--:|\n")
            out.write("\n".join(rows) + "\n\n")
            out.write(
                "Findings are verdicts other than *supported* that are not suppressed, by status; "
                "*supported* counts verdicts a verifier vouched for; *failing* counts findings at "
                f"or above `{summary.fail_on}`.\n\n"
            )
        for section in sections:
            out.write(section + "\n")


@hookimpl(trylast=True)
def register_renderers(register: Callable[[Renderer], None]) -> None:
    register(MarkdownRenderer())
