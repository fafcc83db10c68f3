"""The source attribution verifier: who said it, and does the article say so properly.

Editors check, before anything else, that every quote and every contested claim is pinned to a
source a reader can weigh. The core extractor (``factcheck.text.attribution``) already finds who
said what; this verifier holds the result against the newsroom's policy
(``[plugins.attribution]``, see :class:`AttributionSettings`):

* SRC001 a direct quote with no speaker (a follow-on quote paragraph counts as attributed or
  not, per config). An attributed quote is not a verified statement, so it yields no verdict:
  the report's attribution table (``ArticleReport.attributions``) shows who said it, and how the
  speaker was found (named in the sentence, or reached through a pronoun or a quote run);
* SRC002 anonymous sources and SRC003 weak attribution, decided from the structure of the
  speaker phrase (determiner, head noun, a name or an affiliation: "a senior Treasury official",
  "a state geologist", "some campaigners", "Democrats think") rather than a phrase list, plus
  declared anonymity and hedges ("it is understood", "is said to", "reportedly");
* SRC004 a person called by surname (or "he"/"she") before being introduced by full name;
* SRC005 a quoted person introduced without role or affiliation (off unless house style asks);
* SRC006 the same quotation attributed to two speakers;
* SRC007 a check-worthy statistic no source governs (a source covers its paragraph and the
  following ones until a heading; years, ordinals, ages, names with numbers are no statistics;
  info level);
* SRC008 a quotation mark that never closes.

Policy, not truth, decides most of these, so they are ``needs_review``; the checks themselves
live in ``sources``, ``source_kinds``, ``quote_marks``, ``unsourced`` and ``people`` as pure
functions of the article.
Registered through the ``factcheck`` entry-point group as ``attribution``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from factcheck.plugin import Config, Evidence, Span, Verdict, Verifier, VerifyContext, hookimpl

from .findings import ArticleView, AttributionSettings, Finding
from .people import missing_roles, surname_first
from .quote_marks import duplicate_quotes, unbalanced_quotes
from .sources import phrase_checks, quote_checks
from .unsourced import unsourced_claims

__all__ = ["AttributionSettings", "AttributionVerifier", "article_findings"]


def article_findings(view: ArticleView, settings: AttributionSettings) -> list[Finding]:
    """Every finding of every check for one article, in text order; a pure function."""
    found: list[Finding] = [
        *quote_checks(view, settings),
        *phrase_checks(view),
        *surname_first(view),
        *duplicate_quotes(view),
        *unbalanced_quotes(view),
        *unsourced_claims(view, settings),
    ]
    if settings.require_role:
        found.extend(missing_roles(view))
    unique = {(f.code, f.start, f.end): f for f in reversed(found)}  # one per span
    return sorted(unique.values(), key=lambda f: (f.start, f.code))


class AttributionVerifier(Verifier):
    """Holds the article's attributions against the newsroom's sourcing policy."""

    name = "attribution"
    prefixes = ("SRC",)
    description = (
        "Sourcing: unattributed and anonymous quotes, weak attribution, introductions, unsourced figures."
    )

    def __init__(self, settings: AttributionSettings | None = None) -> None:
        self.settings = settings or AttributionSettings()

    def verify_article(self, context: VerifyContext) -> Iterable[Verdict]:
        if not context.statements:
            return
        settings = self.settings
        article = context.article
        view = ArticleView.build(article.plain, article.blocks, context.statements, context.rules)
        for finding in article_findings(view, settings):
            if context.enabled(finding.code):
                yield from self._verdict(view, finding, settings, context)

    @staticmethod
    def _verdict(
        view: ArticleView, finding: Finding, settings: AttributionSettings, context: VerifyContext
    ) -> Iterator[Verdict]:
        statement = view.statement_at(finding.start)
        if statement is None:
            return
        evidence: list[Evidence] = [context.span(s, e, note) for s, e, note in finding.evidence]
        start = max(finding.start, statement.start)
        end = min(finding.end, statement.end)
        span = Span(start=start, end=end) if start < end else None
        severity = settings.unattributed_quote_severity if finding.code == "SRC001" else None
        rule = context.rules.get(finding.code)
        yield context.verdict(
            statement,
            finding.code,
            severity=severity,
            evidence=[context.span(finding.start, finding.end), *evidence],
            span=span,
            message=rule.format_message(**finding.values) if rule is not None else None,
        )


@hookimpl
def rule_paths(config: Config) -> list[Path]:
    return [Path(__file__).with_name("rules")]


@hookimpl
def register_verifiers(register: Callable[[Verifier], None], config: Config) -> None:
    """Read ``[plugins.attribution]`` once: a mistyped key is a config error at start-up."""
    register(AttributionVerifier(config.plugin_settings("attribution", AttributionSettings)))
