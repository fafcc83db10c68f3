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

from pydantic import Field, field_validator, model_validator

from factcheck.config import Config
from factcheck.hookspecs import hookimpl
from factcheck.models import Span, Statement
from factcheck.report import Verdict
from factcheck.rules import RuleModel, shipped_rules
from factcheck.safe_regex import compile_safe
from factcheck.text.phrase_index import PhraseIndex, words_of
from factcheck.verifier import Verifier, VerifyContext


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

    @model_validator(mode="after")
    def _something_to_find(self) -> ExistenceRule:
        if not self.tokens and not self.patterns:
            raise ValueError("an existence rule needs tokens or patterns")
        return self


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


_Finder = Callable[[str, list[re.Match[str]]], list[tuple[int, int]]]


def _regex_finder(pattern: re.Pattern[str]) -> _Finder:
    return lambda text, words: [m.span() for m in pattern.finditer(text)]


def _finders(rule: ExistenceRule | SubstitutionRule) -> list[tuple[_Finder, str | None]]:
    """How to find a rule's matches: literal phrases through a word index, regexes directly."""
    if isinstance(rule, SubstitutionRule):
        if rule.regex:
            return [(_regex_finder(compile_safe(k, rule._flags())), v) for k, v in rule.swap.items()]
        return [(PhraseIndex([k], rule.ignorecase).find, v) for k, v in rule.swap.items()]
    found: list[tuple[_Finder, str | None]] = []
    if rule.tokens:
        found.append((PhraseIndex(rule.tokens, rule.ignorecase).find, None))
    if rule.patterns:
        joined = "|".join(f"(?:{p})" for p in rule.patterns)
        found.append((_regex_finder(compile_safe(joined, rule._flags())), None))
    return found


class PhraseVerifier(Verifier):
    """Runs every enabled existence and substitution rule over each statement's visible text."""

    name = "phrases"
    description = "Declarative phrase rules (existence, substitution) from rule packs."

    def __init__(self) -> None:
        self._compiled: dict[str, list[tuple[_Finder, str | None]]] = {}

    def _rules(self, context: VerifyContext) -> list[tuple[RuleModel, list[tuple[_Finder, str | None]]]]:
        found: list[tuple[RuleModel, list[tuple[_Finder, str | None]]]] = []
        for rule in context.rules:
            if not isinstance(rule, ExistenceRule | SubstitutionRule) or not context.enabled(rule.code):
                continue
            if rule.code not in self._compiled:
                self._compiled[rule.code] = _finders(rule)
            found.append((rule, self._compiled[rule.code]))
        return found

    def verify(self, statement: Statement, context: VerifyContext) -> Iterable[Verdict]:
        text = context.article.plain[statement.start : statement.end]
        words = words_of(text)
        for rule, finders in context.memo("phrase-rules", lambda: self._rules(context)):
            for find, replacement in finders:
                for start, end in find(text, words):
                    span = Span(start=statement.start + start, end=statement.start + end)
                    yield context.verdict(
                        statement,
                        rule.code,
                        span=span,
                        evidence=[context.span(span.start, span.end)],
                        match=text[start:end],
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
