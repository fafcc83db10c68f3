"""Phrase rules: the prose linter's two workhorses, as declarative rule types.

``extends = "existence"`` flags any of a list of phrases (anonymous sourcing, weasel words);
``extends = "substitution"`` flags a phrase and proposes its replacement (a wrong apostrophe).
Both are data: a newsroom adds its own in TOML, and every pattern passes ``compile_safe``.
The starter pack lives in ``rules/style``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path

from pydantic import Field, field_validator

from factcheck.config import Config
from factcheck.hookspecs import hookimpl
from factcheck.models import Span, Statement
from factcheck.report import Verdict
from factcheck.rules import RuleModel, shipped_rules
from factcheck.safe_regex import compile_safe
from factcheck.verifier import Verifier, VerifyContext


def _alternation(phrases: Iterable[str]) -> str:
    """Literal phrases as one word-bounded alternation, longest first so the fullest wins."""
    escaped = sorted((re.escape(p).replace(r"\ ", r"\s+") for p in phrases), key=len, reverse=True)
    return r"(?<!\w)(?:" + "|".join(escaped) + r")(?!\w)"


class _PhraseRule(RuleModel):
    ignorecase: bool = True

    def _flags(self) -> int:
        return re.IGNORECASE if self.ignorecase else 0


class ExistenceRule(_PhraseRule):
    """Flag every occurrence of ``tokens`` (literal phrases) or ``patterns`` (bounded regexes)."""

    tokens: list[str] = Field(default_factory=list)
    patterns: list[str] = Field(default_factory=list)

    @field_validator("patterns")
    @classmethod
    def _safe(cls, patterns: list[str]) -> list[str]:
        for pattern in patterns:
            compile_safe(pattern)
        return patterns

    def matcher(self) -> re.Pattern[str]:
        parts = [*([_alternation(self.tokens)] if self.tokens else []), *self.patterns]
        if not parts:
            raise ValueError(f"{self.code}: an existence rule needs tokens or patterns")
        return compile_safe("|".join(f"(?:{p})" for p in parts), self._flags())


class SubstitutionRule(_PhraseRule):
    """Flag each key of ``swap`` and suggest its value; ``{match}`` and ``{replacement}`` fill
    the message. Keys are literal unless ``regex = true``."""

    swap: dict[str, str] = Field(min_length=1)
    regex: bool = False

    @field_validator("swap")
    @classmethod
    def _safe(cls, swap: dict[str, str]) -> dict[str, str]:
        for key in swap:
            compile_safe(key)
        return swap

    def matchers(self) -> list[tuple[re.Pattern[str], str]]:
        flags = self._flags()
        if self.regex:
            return [(compile_safe(k, flags), v) for k, v in self.swap.items()]
        return [(compile_safe(_alternation([k]), flags), v) for k, v in self.swap.items()]


class PhraseVerifier(Verifier):
    """Runs every enabled existence and substitution rule over each statement's visible text."""

    name = "phrases"
    description = "Declarative phrase rules (existence, substitution) from rule packs."

    def __init__(self) -> None:
        self._compiled: dict[str, list[tuple[re.Pattern[str], str | None]]] = {}

    def _rules(
        self, context: VerifyContext
    ) -> list[tuple[RuleModel, list[tuple[re.Pattern[str], str | None]]]]:
        found: list[tuple[RuleModel, list[tuple[re.Pattern[str], str | None]]]] = []
        for rule in context.rules:
            if not isinstance(rule, ExistenceRule | SubstitutionRule) or not context.enabled(rule.code):
                continue
            if rule.code not in self._compiled:
                if isinstance(rule, ExistenceRule):
                    self._compiled[rule.code] = [(rule.matcher(), None)]
                else:
                    self._compiled[rule.code] = [(m, r) for m, r in rule.matchers()]
            found.append((rule, self._compiled[rule.code]))
        return found

    def verify(self, statement: Statement, context: VerifyContext) -> Iterable[Verdict]:
        text = context.article.plain[statement.start : statement.end]
        for rule, matchers in context.memo("phrase-rules", lambda: self._rules(context)):
            for pattern, replacement in matchers:
                for match in pattern.finditer(text):
                    span = Span(start=statement.start + match.start(), end=statement.start + match.end())
                    yield context.verdict(
                        statement,
                        rule.code,
                        span=span,
                        evidence=[context.span(span.start, span.end)],
                        match=match.group(0),
                        replacement=replacement or "",
                    )


@hookimpl
def register_rule_types(register: Callable[[str, type[RuleModel]], None]) -> None:
    register("existence", ExistenceRule)
    register("substitution", SubstitutionRule)


@hookimpl
def rule_paths(config: Config) -> list[Path]:
    return [shipped_rules("style")]


@hookimpl
def register_verifiers(register: Callable[[Verifier], None]) -> None:
    register(PhraseVerifier())
