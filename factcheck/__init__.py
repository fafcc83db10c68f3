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
    from factcheck.api import Checker, check_paths, check_text
    from factcheck.config import Config, Section
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
    from factcheck.hookspecs import hookimpl, hookspec
    from factcheck.models import (
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
    from factcheck.report import (
        ArticleReport,
        NoteEvidence,
        Report,
        Severity,
        SourceEvidence,
        SpanEvidence,
        Status,
        Verdict,
    )
    from factcheck.rules import RuleModel, RuleSet
    from factcheck.verifier import Verifier, VerifyContext

_EXPORTS: dict[str, str] = {
    "Checker": "factcheck.api",
    "check_paths": "factcheck.api",
    "check_text": "factcheck.api",
    "Config": "factcheck.config",
    "Section": "factcheck.config",
    "ArticleError": "factcheck.errors",
    "ConfigError": "factcheck.errors",
    "FactcheckError": "factcheck.errors",
    "InputError": "factcheck.errors",
    "PluginError": "factcheck.errors",
    "PluginExecutionError": "factcheck.errors",
    "PluginLoadError": "factcheck.errors",
    "RuleFileError": "factcheck.errors",
    "hookimpl": "factcheck.hookspecs",
    "hookspec": "factcheck.hookspecs",
    "Article": "factcheck.models",
    "ArticleMeta": "factcheck.models",
    "Attribution": "factcheck.models",
    "Block": "factcheck.models",
    "DateMention": "factcheck.models",
    "Entity": "factcheck.models",
    "Quantity": "factcheck.models",
    "Quotation": "factcheck.models",
    "Span": "factcheck.models",
    "Statement": "factcheck.models",
    "ArticleReport": "factcheck.report",
    "NoteEvidence": "factcheck.report",
    "Report": "factcheck.report",
    "Severity": "factcheck.report",
    "SourceEvidence": "factcheck.report",
    "SpanEvidence": "factcheck.report",
    "Status": "factcheck.report",
    "Verdict": "factcheck.report",
    "RuleModel": "factcheck.rules",
    "RuleSet": "factcheck.rules",
    "Verifier": "factcheck.verifier",
    "VerifyContext": "factcheck.verifier",
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
