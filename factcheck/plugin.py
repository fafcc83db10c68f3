"""The plugin API: every name a factcheck plugin may import, and the only module it imports from.

Built-in verifiers and renderers are held to this (an import-linter contract in ``make test``), so
whatever they do a third-party plugin can do too. Names are imported lazily, on first use, so a
plugin that needs no network pays nothing for the HTTP stack. ``docs/plugins.md`` lists every
name with its one-line purpose; a test keeps that list equal to ``__all__``.

    from factcheck.plugin import Statement, Verdict, Verifier, VerifyContext, hookimpl
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from factcheck.config.settings import Config, Section
    from factcheck.config.tomlfile import read_toml, validation_error
    from factcheck.errors import (
        ArticleError,
        ConfigError,
        FactcheckError,
        FetchError,
        InputError,
        PluginError,
        PluginExecutionError,
        PluginLoadError,
        RuleFileError,
        UsageError,
    )
    from factcheck.formats import parse_article
    from factcheck.model.article import (
        Annotation,
        Article,
        ArticleMeta,
        Attribution,
        Block,
        DateMention,
        Entity,
        Quantity,
        Quotation,
        Span,
        Statement,
    )
    from factcheck.model.report import (
        SCHEMA_VERSION,
        ArticleOutcome,
        ArticleReport,
        Evidence,
        NoteEvidence,
        Report,
        ReviewDecision,
        Severity,
        SourceEvidence,
        SpanEvidence,
        StatementOutcome,
        Status,
        Summary,
        ToolInfo,
        Verdict,
        fail_level,
        fails,
    )
    from factcheck.network.evidence import (
        Capability,
        ClaimReview,
        EntityFacts,
        EvidenceProvider,
        EvidenceService,
        Lookup,
        Outcome,
        Position,
        Request,
    )
    from factcheck.network.fetch import Fetcher, FetchResponse
    from factcheck.plugin_system.command import Command, CommandContext
    from factcheck.plugin_system.hookspecs import hookimpl, hookspec
    from factcheck.plugin_system.policy import CombinationPolicy
    from factcheck.plugin_system.renderer import Renderer, ReportStream
    from factcheck.plugin_system.verifier import Verifier, VerifyContext, annotations_of, attributions_of
    from factcheck.rules.packs import Lexicon, RuleModel, RuleSet
    from factcheck.text.quantities import extract_quantities
    from factcheck.text.scanner import Scan, article_scan
    from factcheck.workflow.atomic import atomic_writer, write_text_atomic
    from factcheck.workflow.paths import project_root

#: Where each name lives; the module is imported when the name is first used.
_EXPORTS: dict[str, str] = {
    # hooks
    "hookimpl": "factcheck.plugin_system.hookspecs",
    "hookspec": "factcheck.plugin_system.hookspecs",
    # the article side of the data model
    "Annotation": "factcheck.model.article",
    "Article": "factcheck.model.article",
    "ArticleMeta": "factcheck.model.article",
    "Attribution": "factcheck.model.article",
    "Block": "factcheck.model.article",
    "DateMention": "factcheck.model.article",
    "Entity": "factcheck.model.article",
    "Quantity": "factcheck.model.article",
    "Quotation": "factcheck.model.article",
    "Span": "factcheck.model.article",
    "Statement": "factcheck.model.article",
    # the verdict side of the data model
    "SCHEMA_VERSION": "factcheck.model.report",
    "ArticleOutcome": "factcheck.model.report",
    "ArticleReport": "factcheck.model.report",
    "Evidence": "factcheck.model.report",
    "NoteEvidence": "factcheck.model.report",
    "Report": "factcheck.model.report",
    "ReviewDecision": "factcheck.model.report",
    "Severity": "factcheck.model.report",
    "SourceEvidence": "factcheck.model.report",
    "SpanEvidence": "factcheck.model.report",
    "StatementOutcome": "factcheck.model.report",
    "Status": "factcheck.model.report",
    "Summary": "factcheck.model.report",
    "ToolInfo": "factcheck.model.report",
    "Verdict": "factcheck.model.report",
    "fail_level": "factcheck.model.report",
    "fails": "factcheck.model.report",
    # what plugins fill in
    "Verifier": "factcheck.plugin_system.verifier",
    "VerifyContext": "factcheck.plugin_system.verifier",
    "annotations_of": "factcheck.plugin_system.verifier",
    "attributions_of": "factcheck.plugin_system.verifier",
    "Renderer": "factcheck.plugin_system.renderer",
    "ReportStream": "factcheck.plugin_system.renderer",
    "CombinationPolicy": "factcheck.plugin_system.policy",
    "Command": "factcheck.plugin_system.command",
    "CommandContext": "factcheck.plugin_system.command",
    # remote evidence, always through the guarded door
    "Capability": "factcheck.network.evidence",
    "ClaimReview": "factcheck.network.evidence",
    "EntityFacts": "factcheck.network.evidence",
    "EvidenceProvider": "factcheck.network.evidence",
    "EvidenceService": "factcheck.network.evidence",
    "Lookup": "factcheck.network.evidence",
    "Outcome": "factcheck.network.evidence",
    "Position": "factcheck.network.evidence",
    "Request": "factcheck.network.evidence",
    "Fetcher": "factcheck.network.fetch",
    "FetchResponse": "factcheck.network.fetch",
    # configuration, rule packs and data files
    "Config": "factcheck.config.settings",
    "Section": "factcheck.config.settings",
    "read_toml": "factcheck.config.tomlfile",
    "validation_error": "factcheck.config.tomlfile",
    "Lexicon": "factcheck.rules.packs",
    "RuleModel": "factcheck.rules.packs",
    "RuleSet": "factcheck.rules.packs",
    "atomic_writer": "factcheck.workflow.atomic",
    "write_text_atomic": "factcheck.workflow.atomic",
    "project_root": "factcheck.workflow.paths",
    "parse_article": "factcheck.formats",
    # text analysis the core offers plugins
    "extract_quantities": "factcheck.text.quantities",
    "Scan": "factcheck.text.scanner",
    "article_scan": "factcheck.text.scanner",
    # errors
    "ArticleError": "factcheck.errors",
    "ConfigError": "factcheck.errors",
    "FactcheckError": "factcheck.errors",
    "FetchError": "factcheck.errors",
    "InputError": "factcheck.errors",
    "PluginError": "factcheck.errors",
    "PluginExecutionError": "factcheck.errors",
    "PluginLoadError": "factcheck.errors",
    "RuleFileError": "factcheck.errors",
    "UsageError": "factcheck.errors",
}

__all__ = [
    "SCHEMA_VERSION",
    "Annotation",
    "Article",
    "ArticleError",
    "ArticleMeta",
    "ArticleOutcome",
    "ArticleReport",
    "Attribution",
    "Block",
    "Capability",
    "ClaimReview",
    "CombinationPolicy",
    "Command",
    "CommandContext",
    "Config",
    "ConfigError",
    "DateMention",
    "Entity",
    "EntityFacts",
    "Evidence",
    "EvidenceProvider",
    "EvidenceService",
    "FactcheckError",
    "FetchError",
    "FetchResponse",
    "Fetcher",
    "InputError",
    "Lexicon",
    "Lookup",
    "NoteEvidence",
    "Outcome",
    "PluginError",
    "PluginExecutionError",
    "PluginLoadError",
    "Position",
    "Quantity",
    "Quotation",
    "Renderer",
    "Report",
    "ReportStream",
    "Request",
    "ReviewDecision",
    "RuleFileError",
    "RuleModel",
    "RuleSet",
    "Scan",
    "Section",
    "Severity",
    "SourceEvidence",
    "Span",
    "SpanEvidence",
    "Statement",
    "StatementOutcome",
    "Status",
    "Summary",
    "ToolInfo",
    "UsageError",
    "Verdict",
    "Verifier",
    "VerifyContext",
    "annotations_of",
    "article_scan",
    "atomic_writer",
    "attributions_of",
    "extract_quantities",
    "fail_level",
    "fails",
    "hookimpl",
    "hookspec",
    "parse_article",
    "project_root",
    "read_toml",
    "validation_error",
    "write_text_atomic",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'factcheck.plugin' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
