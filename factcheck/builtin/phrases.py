"""Phrase rules: the prose linter's two workhorses, as declarative rule types.

``extends = "existence"`` flags any of a list of phrases (anonymous sourcing, weasel words);
``extends = "substitution"`` flags a phrase and proposes its replacement (a wrong apostrophe).
Both are data: a newsroom adds its own in TOML. Regexes run on the linear-time engine of
``factcheck.rules.safe_regex`` and are validated at load time exactly as they will run: with the rule's
case flag, and (for ``patterns``) joined into the one alternation the verifier uses. A regex
substitution key may mark the part to flag and replace with a group named ``flag``
(``[A-Za-z](?P<flag>‘)[a-z]``): the rest is context, standing in for the lookaround the engine
lacks. The starter pack lives in ``rules/style``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path

from pydantic import Field, ValidationInfo, field_validator, model_validator

from factcheck.config.settings import Config
from factcheck.model.article import Span, Statement
from factcheck.model.report import Verdict
from factcheck.plugin_system.hookspecs import hookimpl
from factcheck.plugin_system.verifier import Verifier, VerifyContext
from factcheck.rules.packs import RuleModel, shipped_rules
from factcheck.rules.safe_regex import SafePattern, UnsafePatternError, compile_any, compile_safe
from factcheck.text.phrase_index import PhraseIndex, words_of

#: The group of a regex substitution key that is flagged and replaced; the rest is context.
FLAG_GROUP = "flag"


class _PhraseRule(RuleModel):
    ignorecase: bool = True

    def _flags(self) -> int:
        return re.IGNORECASE if self.ignorecase else 0


def _flags_of(info: ValidationInfo) -> int:
    """The flags a rule's regexes will run with; ``ignorecase`` is declared (so validated) first."""
    return re.IGNORECASE if info.data.get("ignorecase", True) else 0


def _refuse_empty(compiled: SafePattern) -> None:
    if compiled.fullmatch("") is not None:
        raise UnsafePatternError(f"pattern {compiled.pattern!r} matches the empty string (flags everywhere)")


class ExistenceRule(_PhraseRule):
    """Flag every occurrence of ``tokens`` (literal phrases) or ``patterns`` (bounded regexes)."""

    tokens: list[str] = Field(default_factory=list)
    patterns: list[str] = Field(default_factory=list)

    @field_validator("patterns")
    @classmethod
    def _safe(cls, patterns: list[str], info: ValidationInfo) -> list[str]:
        # Validated as run: joined, with the rule's flags (each alone first, for a precise message).
        flags = _flags_of(info)
        for pattern in patterns:
            _refuse_empty(compile_safe(pattern, flags))
        if patterns:
            compile_any(patterns, flags)
        return patterns

    @model_validator(mode="after")
    def _something_to_find(self) -> ExistenceRule:
        if not self.tokens and not self.patterns:
            raise ValueError("an existence rule needs tokens or patterns")
        return self


class SubstitutionRule(_PhraseRule):
    """Flag each key of ``swap`` and suggest its value; ``{match}`` and ``{replacement}`` fill
    the message. Keys are literal unless ``regex = true``."""

    # ``regex`` before ``swap``: the keys' validator needs to know whether they are regexes.
    regex: bool = False
    swap: dict[str, str] = Field(min_length=1)

    @field_validator("swap")
    @classmethod
    def _safe(cls, swap: dict[str, str], info: ValidationInfo) -> dict[str, str]:
        if not info.data.get("regex", False):
            for key in swap:
                if not key.strip():
                    raise ValueError("a substitution key must not be blank")
            return swap  # literal phrases: "C++ (sic" is text, not a broken regex
        for key in swap:
            _refuse_empty(compile_safe(key, _flags_of(info)))
        return swap


_Finder = Callable[[str, list[re.Match[str]]], list[tuple[int, int]]]


class _RegexFinder:
    """Spans of ``pattern`` in a text: of its ``flag`` group when it has one, else the whole match."""

    # Anchors and word boundaries make a match depend on where the text is cut.
    _CONTEXT = re.compile(r"[$^]|\\[AzbB]")

    def __init__(self, pattern: SafePattern) -> None:
        self.pattern = pattern
        self.group = pattern.groupindex.get(FLAG_GROUP, 0)
        self.context_free = not self._CONTEXT.search(pattern.engine_pattern)
        self._seen: tuple[str, bool] | None = None

    def __call__(self, text: str, words: list[re.Match[str]]) -> list[tuple[int, int]]:
        spans = (m.span(self.group) for m in self.pattern.finditer(text))
        return [(start, end) for start, end in spans if start < end]

    def may_match(self, whole: str) -> bool:
        """False when no part of ``whole`` can match: a pattern with no anchor or word boundary
        matches inside a statement only where it matches in the whole article, so one search per
        article spares the statements of most articles a search each."""
        if not self.context_free:
            return True
        seen = self._seen
        if seen is None or seen[0] is not whole:
            seen = self._seen = (whole, self.pattern.search(whole) is not None)
        return seen[1]


def _finders(rule: ExistenceRule | SubstitutionRule) -> list[tuple[_Finder, str | None]]:
    """How to find a rule's matches: literal phrases through a word index, regexes directly."""
    if isinstance(rule, SubstitutionRule):
        if rule.regex:
            return [(_RegexFinder(compile_safe(k, rule._flags())), v) for k, v in rule.swap.items()]
        return [(PhraseIndex([k], rule.ignorecase).find, v) for k, v in rule.swap.items()]
    found: list[tuple[_Finder, str | None]] = []
    if rule.tokens:
        found.append((PhraseIndex(rule.tokens, rule.ignorecase).find, None))
    if rule.patterns:
        found.append((_RegexFinder(compile_any(rule.patterns, rule._flags())), None))
    return found


_Active = list[tuple[RuleModel, list[tuple[_Finder, str | None]]]]  # enabled rules, how to find them


class PhraseVerifier(Verifier):
    """Runs every enabled existence and substitution rule over each statement's visible text."""

    name = "phrases"
    description = "Declarative phrase rules (existence, substitution) from rule packs."

    def __init__(self) -> None:
        self._compiled: dict[str, list[tuple[_Finder, str | None]]] = {}
        # The active rules of the last rule set seen: a run's rule set is the same for every
        # article, and sorting and filtering 60 rules per article cost more than the rules ran.
        self._active: tuple[object, int, _Active] | None = None

    def _rules(self, context: VerifyContext) -> _Active:
        rules = context.rules
        active = self._active
        if active is not None and active[0] is rules and active[1] == len(rules):
            return active[2]
        found = self._find_rules(context)
        self._active = (rules, len(rules), found)
        return found

    def _find_rules(self, context: VerifyContext) -> _Active:
        found: _Active = []
        for rule in context.rules:
            if not isinstance(rule, ExistenceRule | SubstitutionRule) or not context.enabled(rule.code):
                continue
            if rule.code not in self._compiled:
                self._compiled[rule.code] = _finders(rule)
            found.append((rule, self._compiled[rule.code]))
        return found

    def verify(self, statement: Statement, context: VerifyContext) -> Iterable[Verdict]:
        plain = context.article.plain
        text = plain[statement.start : statement.end]
        scan = context.scan
        words: list[re.Match[str]] | None = None  # the statement's own words, only if needed
        for rule, finders in self._rules(context):
            for find, replacement in finders:
                spans: list[tuple[int, int]] | None = None
                if isinstance(find, _RegexFinder):
                    if not find.may_match(plain):
                        continue
                    spans = find(text, [])
                index = getattr(find, "__self__", None)  # literal phrases: read from the scan
                if isinstance(index, PhraseIndex):
                    spans = index.find_in_scan(scan, statement.start, statement.end)
                if spans is None:
                    words = words_of(text) if words is None else words
                    spans = find(text, words)
                for start, end in spans:
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
