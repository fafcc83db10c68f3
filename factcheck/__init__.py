"""factcheck: check a news article's statements with pluggable verifiers, and report for review.

The public API for plugin authors and integrations is what ``__all__`` lists. Names are imported
lazily, on first use, so that ``factcheck --version`` and a plugin-less start stay fast.

    >>> import factcheck
    >>> report = factcheck.check_text("Sales rose from 10 to 12, up 50%.")  # doctest: +SKIP
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from factcheck.config.settings import Config, Section
    from factcheck.engine.checker import Checker, check_paths, check_text
    from factcheck.errors import (
        ArticleError,
        ConfigError,
        FactcheckError,
        InputError,
        PluginError,
        PluginExecutionError,
        PluginLoadError,
        RuleFileError,
    )
    from factcheck.model.article import (
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
        ArticleReport,
        NoteEvidence,
        Report,
        Severity,
        SourceEvidence,
        SpanEvidence,
        Status,
        Verdict,
    )
    from factcheck.plugin_system.hookspecs import hookimpl, hookspec
    from factcheck.plugin_system.verifier import Verifier, VerifyContext
    from factcheck.rules.packs import RuleModel, RuleSet

_EXPORTS: dict[str, str] = {
    "Checker": "factcheck.engine.checker",
    "check_paths": "factcheck.engine.checker",
    "check_text": "factcheck.engine.checker",
    "Config": "factcheck.config.settings",
    "Section": "factcheck.config.settings",
    "ArticleError": "factcheck.errors",
    "ConfigError": "factcheck.errors",
    "FactcheckError": "factcheck.errors",
    "InputError": "factcheck.errors",
    "PluginError": "factcheck.errors",
    "PluginExecutionError": "factcheck.errors",
    "PluginLoadError": "factcheck.errors",
    "RuleFileError": "factcheck.errors",
    "hookimpl": "factcheck.plugin_system.hookspecs",
    "hookspec": "factcheck.plugin_system.hookspecs",
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
    "ArticleReport": "factcheck.model.report",
    "NoteEvidence": "factcheck.model.report",
    "Report": "factcheck.model.report",
    "Severity": "factcheck.model.report",
    "SourceEvidence": "factcheck.model.report",
    "SpanEvidence": "factcheck.model.report",
    "Status": "factcheck.model.report",
    "Verdict": "factcheck.model.report",
    "RuleModel": "factcheck.rules.packs",
    "RuleSet": "factcheck.rules.packs",
    "Verifier": "factcheck.plugin_system.verifier",
    "VerifyContext": "factcheck.plugin_system.verifier",
}

__all__ = [
    "Article",
    "ArticleError",
    "ArticleMeta",
    "ArticleReport",
    "Attribution",
    "Block",
    "Checker",
    "Config",
    "ConfigError",
    "DateMention",
    "Entity",
    "FactcheckError",
    "InputError",
    "NoteEvidence",
    "PluginError",
    "PluginExecutionError",
    "PluginLoadError",
    "Quantity",
    "Quotation",
    "Report",
    "RuleFileError",
    "RuleModel",
    "RuleSet",
    "Section",
    "Severity",
    "SourceEvidence",
    "Span",
    "SpanEvidence",
    "Statement",
    "Status",
    "Verdict",
    "Verifier",
    "VerifyContext",
    "__version__",
    "check_paths",
    "check_text",
    "hookimpl",
    "hookspec",
]


def __getattr__(name: str) -> Any:
    if name == "__version__":
        from factcheck._version import __version__

        return __version__
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'factcheck' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
