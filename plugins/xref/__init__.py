"""The cross-reference verifier (XRF): statements against other statements and what the newsroom
already holds — the article itself, its fact packs, its archive and the reporter's sources.

Everything works offline. The article-wide analyses (name clusters, the source documents, the
archive connection) run once per article through ``context.memo``; per statement the work is a
few dictionary look-ups and, for the archive, indexed SQLite queries. The principle throughout is
to say nothing rather than guess, and every refutation carries its evidence: both spans of the
article, or the fact with its source, or the earlier article with its date and sentence.

Settings (``[plugins.xref]`` in factcheck.toml): ``archive`` (a database built by ``factcheck
index``), ``sources`` (folders of source documents; ``--sources DIR`` adds one), ``fact_packs``
(folders or files; the shipped starter pack is used unless ``starter_pack = false``),
``spelling_threshold`` and ``similarity`` (rapidfuzz scores, 0–100).

The verifier below runs each group of checks; the archive's (``against_archive``) and the source
documents' (``against_sources``) are imported only when configured.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from pydantic import Field

from factcheck.plugin import (
    Command,
    Config,
    Entity,
    Evidence,
    Section,
    SourceEvidence,
    Span,
    Statement,
    Status,
    Verdict,
    Verifier,
    VerifyContext,
    hookimpl,
)

from .commands import FactsCommand, IndexCommand
from .factpack import Facts, load_facts, normalise_name
from .facts import judge_organisations, judge_role, variants_in, variants_present
from .names import spelling_issues
from .owners import owners, role_start
from .roles import role_issues
from .within import Pair, event_dates, headline_figures, organisation_bases

#: The starter fact pack shipped with this plugin (checked dates; ``starter_pack = false`` drops it).
STARTER_FACTS = Path(__file__).with_name("facts")


class XrefSettings(Section):
    """``[plugins.xref]``: where the archive, sources and fact packs are, and how strict to be."""

    archive: str | None = None
    sources: list[str] = Field(default_factory=list)
    fact_packs: list[str] = Field(default_factory=list)
    starter_pack: bool = True
    spelling_threshold: float = Field(default=85.0, ge=50, le=100)
    similarity: float = Field(default=85.0, ge=50, le=100)


class XrefVerifier(Verifier):
    name = "xref"
    prefixes = ("XRF",)
    description = "Cross-references: the article against itself, fact packs, the archive and sources."

    def __init__(self, settings: XrefSettings | None = None, extra_sources: Iterable[str] = ()) -> None:
        self.settings = settings or XrefSettings()
        folders = [Path(p) for p in self.settings.fact_packs]
        if self.settings.starter_pack:
            folders.insert(0, STARTER_FACTS)
        self.facts: Facts = load_facts(folders)
        self.house = {
            normalise_name(e.name.split()[-1]): e.name.split()[-1] for e in self.facts.entities if e.variants
        }
        self.source_dirs = [*self.settings.sources, *extra_sources]
        self._archive: object | None = None

    # --- shared per-article analyses ------------------------------------------------------------

    def _archive_db(self) -> object | None:
        if self._archive is None and self.settings.archive and Path(self.settings.archive).exists():
            from .archive import Archive

            self._archive = Archive(self.settings.archive, readonly=True)
        return self._archive

    def verify_article(self, context: VerifyContext) -> Iterator[Verdict]:
        statements = context.statements
        plain = context.article.plain
        yield from self._names(context, plain, statements)
        yield from self._within(context, plain, statements)
        when = context.publication_date
        for statement in statements:
            yield from self._facts(context, statement, plain, when)
        archive = self._archive_db()
        if archive is not None:
            from .archive import Archive

            assert isinstance(archive, Archive)
            yield from self._archived(context, archive)
        yield from self._sources(context)

    # --- 1. the article against itself ----------------------------------------------------------

    def _names(self, context: VerifyContext, plain: str, statements: list[Statement]) -> Iterator[Verdict]:
        if context.enabled("XRF001"):
            for issue in spelling_issues(plain, statements, self.settings.spelling_threshold, self.house):
                statement = owners(context).of(issue.variant.start)
                if statement is None:
                    continue
                written = context.article.source[issue.variant.start : issue.variant.end]
                yield context.verdict(
                    statement,
                    "XRF001",
                    span=Span(start=issue.variant.start, end=issue.variant.end),
                    evidence=[
                        context.span(issue.variant.start, issue.variant.end, "this spelling"),
                        context.span(
                            issue.reference.start,
                            issue.reference.end,
                            "house spelling" if issue.house else "spelling used elsewhere",
                        ),
                    ],
                    written=written,
                    expected=issue.expected,
                )
        if context.enabled("XRF003"):
            for role in role_issues(statements):
                statement = owners(context).of(role.entity.start)
                if statement is None:
                    continue
                yield context.verdict(
                    statement,
                    "XRF003",
                    span=Span(start=role_start(role.entity), end=role.entity.end),
                    evidence=[
                        context.span(role_start(role.entity), role.entity.end),
                        context.span(role_start(role.other), role.other.end, "role given earlier"),
                    ],
                    name=role.entity.text,
                    role=role.entity.role,
                    other=role.other.role,
                )

    def _within(self, context: VerifyContext, plain: str, statements: list[Statement]) -> Iterator[Verdict]:
        """XRF004 bases, XRF005 event dates, XRF006 headline figures (``within``)."""
        pairs: list[tuple[str, Pair]] = []
        if context.enabled("XRF004"):
            pairs.extend(("XRF004", p) for p in organisation_bases(plain, statements, self.facts))
        if context.enabled("XRF005"):
            pairs.extend(("XRF005", p) for p in event_dates(plain, statements))
        for code, pair in pairs:
            statement = owners(context).of(pair.now_start)
            if statement is None:
                continue
            yield context.verdict(
                statement,
                code,
                span=Span(start=pair.now_start, end=pair.now_end),
                evidence=[
                    context.span(pair.now_start, pair.now_end),
                    context.span(pair.other_start, pair.other_end, "given earlier"),
                ],
                subject=pair.subject,
                now=pair.now,
                other=pair.other,
            )
        if not context.enabled("XRF006"):
            return
        for headline, body in headline_figures(context.article, statements):
            statement = owners(context).of(body.start)
            if statement is None:
                continue
            evidence: list[Evidence] = [context.span(body.start, body.end)]
            if headline.end > headline.start:
                evidence.append(context.span(headline.start, headline.end, "headline"))
            yield context.verdict(
                statement,
                "XRF006",
                span=Span(start=body.start, end=body.end),
                evidence=evidence,
                headline=headline.quantity.text,
                body=body.text,
            )

    # --- 2. the fact pack -----------------------------------------------------------------------

    def _facts(
        self, context: VerifyContext, statement: Statement, plain: str, when: object
    ) -> Iterator[Verdict]:
        import datetime as dt

        text = plain[statement.start : statement.end]
        present = context.memo("xref-variants", lambda: variants_present(plain, self.facts))
        if present and context.enabled("XRF002"):
            for start, end, entity, variant in variants_in(text, statement.start, self.facts):
                house = entity.name.split()[-1] if len(variant.split()) == 1 else entity.name
                yield context.verdict(
                    statement,
                    "XRF002",
                    span=Span(start=start, end=end),
                    evidence=[
                        context.span(start, end),
                        SourceEvidence(
                            provider="fact pack",
                            title=entity.name,
                            url=entity.source,
                            excerpt=f"house spelling: {entity.name}; avoid: {', '.join(entity.variants)}",
                        ),
                    ],
                    written=variant,
                    expected=house,
                )
        findings = judge_organisations(text, statement.start, self.facts)
        if isinstance(when, dt.date):
            for mention in statement.of_type(Entity):
                finding = judge_role(mention, when, self.facts, plain)
                if finding is not None:
                    findings.append(finding)
        for finding in findings:
            if not context.enabled(finding.code):
                continue
            yield context.verdict(
                statement,
                finding.code,
                Status(finding.status),
                span=Span(start=finding.start, end=finding.end),
                evidence=[
                    context.span(finding.start, finding.end),
                    SourceEvidence(provider="fact pack", url=finding.source, excerpt=finding.excerpt),
                ],
                detail=finding.message,
            )

    # --- 3. the archive -------------------------------------------------------------------------

    def _archived(self, context: VerifyContext, archive: object) -> Iterator[Verdict]:
        from .against_archive import archive_verdicts
        from .archive import Archive

        assert isinstance(archive, Archive)
        yield from archive_verdicts(context, archive, self.settings.similarity)

    # --- 4. the reporter's sources --------------------------------------------------------------

    def _sources(self, context: VerifyContext) -> Iterator[Verdict]:
        folders = [*self.source_dirs, *context.article.meta.sources]
        if not folders:
            return
        from .against_sources import source_verdicts

        yield from source_verdicts(context, folders, self.settings.similarity)


# --- hooks ---------------------------------------------------------------------------------------


@hookimpl
def add_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("xref")
    group.add_argument(
        "--sources",
        action="append",
        default=[],
        metavar="DIR",
        help="folder of source documents (transcripts, reports) to align direct quotes with",
    )


@hookimpl
def rule_paths(config: Config) -> list[Path]:
    return [Path(__file__).with_name("rules")]


@hookimpl
def register_verifiers(register: Callable[[Verifier], None], config: Config) -> None:
    settings = config.plugin_settings("xref", XrefSettings)
    # Paths written in the config file are relative to that file, like every path in it.
    anchored = settings.model_copy(
        update={
            "fact_packs": [str(config.resolve(p)) for p in settings.fact_packs],
            "sources": [str(config.resolve(p)) for p in settings.sources],
            "archive": str(config.resolve(settings.archive)) if settings.archive else settings.archive,
        }
    )
    register(XrefVerifier(anchored, getattr(config.options, "sources", None) or ()))


__all__ = ["XrefSettings", "XrefVerifier"]


@hookimpl
def register_commands(register: Callable[[Command], None]) -> None:
    register(IndexCommand())
    register(FactsCommand())
