"""The numeric consistency verifier: the figures of an article must agree with each other.

Newsroom corrections columns are full of arithmetic that does not add up: a percentage change
that does not match its own figures, parts that do not sum to their whole, a weekday that does
not match its date. None of this needs an outside source, only the article, so this verifier
reads the quantities and dates the core extractor attached to each statement, finds the
relations the sentence states between them (``_numeric_relations``, ``_numeric_compare``,
``_numeric_breakdown``, ``_numeric_calendar``, ``_numeric_relative``) and
checks the arithmetic with the writer's own precision (``_numeric_arith``).

A check that passes yields a ``supported`` verdict carrying the arithmetic, so an editor sees
what was verified; one that fails is ``refuted`` with the arithmetic in the message and every
span involved as evidence. Where the sentence does not tie its figures together unmistakably,
the verifier says nothing: a false alarm costs more trust than a missed error.

Registered through the ``factcheck`` entry-point group as ``numeric``, exactly as a third-party
plugin would be; its rules live beside it in ``rules/`` (prefix ``NUM``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from factcheck.plugin import (
    Config,
    DateMention,
    Evidence,
    NoteEvidence,
    Quantity,
    Span,
    Statement,
    Status,
    Verdict,
    Verifier,
    VerifyContext,
    hookimpl,
)

from .across.ledger_checks import calendar_cross_checks, ledger_checks
from .breakdown import breakdown_checks
from .calendar import age_checks, duration_checks, since_checks, weekday_checks
from .checks import Check
from .compare import comparison_checks
from .relations import relation_checks
from .relative import relative_checks
from .repeats import repeat_checks


def statement_checks(plain: str, statement: Statement, context_date: dt.date | None = None) -> list[Check]:
    """Every check of one statement; a pure function of the text and its annotations."""
    qs: list[Quantity] = []
    dates: list[DateMention] = []
    for item in statement.annotations:  # one pass; most statements have neither
        if isinstance(item, Quantity):
            qs.append(item)
        elif isinstance(item, DateMention):
            dates.append(item)
    if not qs and not dates:
        return []
    qs.sort(key=lambda q: q.start)
    checks: list[Check] = []
    if len(qs) >= 2:
        checks += relation_checks(plain, qs, statement.start)
        checks += comparison_checks(plain, qs)
        checks += breakdown_checks(plain, qs, statement.start, statement.end)
    if dates:
        checks += weekday_checks(plain, dates, context_date)
        checks += duration_checks(plain, qs, dates)
        checks += since_checks(plain, dates, qs, context_date)
        checks += relative_checks(plain, dates, context_date)
    if qs:
        checks += age_checks(plain, qs, statement.start, statement.end, context_date)
    seen: set[tuple[str, int, int]] = set()
    unique = []
    for check in checks:
        key = (check.code, check.start, check.end)
        if key not in seen:
            seen.add(key)
            unique.append(check)
    return unique


class NumericVerifier(Verifier):
    """Checks that an article's figures, dates and relations between them are consistent."""

    name = "numeric"
    prefixes = ("NUM",)
    description = "Internal consistency of figures: changes, shares, totals, multiples, dates, ages."

    def verify(self, statement: Statement, context: VerifyContext) -> Iterable[Verdict]:
        plain = context.article.plain
        for check in statement_checks(plain, statement, context.publication_date):
            yield from self._verdict(statement, check, context)

    def verify_article(self, context: VerifyContext) -> Iterable[Verdict]:
        plain = context.article.plain
        seen: set[tuple[str, int, int]] = set()
        claimed: set[tuple[int, int]] = set()  # every figure a sentence-level check already read
        for statement in context.statements:
            for check in statement_checks(plain, statement, context.publication_date):
                seen.add((check.code, check.start, check.end))
                claimed.update((p.start, p.end) for p in check.parts)
                yield from self._verdict(statement, check, context)
        by_id = {s.id: s for s in context.statements}
        for statement_id, check in repeat_checks(plain, context.statements):
            seen.add((check.code, check.start, check.end))
            yield from self._verdict(by_id[statement_id], check, context)
        # Relations across sentences and paragraphs, read from the article's ledger.
        statements = context.statements
        ledger = context.ledger
        found = [*ledger_checks(ledger, claimed), *calendar_cross_checks(ledger, context.publication_date)]
        for index, check in found:
            key = (check.code, check.start, check.end)
            if key in seen or not 0 <= index < len(statements):
                continue
            seen.add(key)
            yield from self._verdict(statements[index], check, context)

    @staticmethod
    def _verdict(statement: Statement, check: Check, context: VerifyContext) -> Iterator[Verdict]:
        if not context.enabled(check.code):
            return
        evidence: list[Evidence] = [context.span(p.start, p.end, p.role) for p in check.parts]
        note = " ".join(check.note.split())  # Reuters copy wraps lines inside figures
        evidence.append(NoteEvidence(text=note))
        inside = [p for p in check.parts if statement.start <= p.start and p.end <= statement.end]
        span = Span(start=min(p.start for p in inside), end=max(p.end for p in inside)) if inside else None
        if check.ok:
            message = f"checked: {note}"
            yield context.verdict(
                statement, check.code, Status.SUPPORTED, message=message, evidence=evidence, span=span
            )
        elif check.review:
            detail = f"{' '.join(check.detail.split())} (to review: {check.review})"
            yield context.verdict(
                statement, check.code, Status.NEEDS_REVIEW, evidence=evidence, span=span, detail=detail
            )
        else:
            yield context.verdict(
                statement, check.code, evidence=evidence, span=span, detail=" ".join(check.detail.split())
            )


@hookimpl
def rule_paths(config: Config) -> list[Path]:
    return [Path(__file__).with_name("rules")]


@hookimpl
def register_verifiers(register: Callable[[Verifier], None]) -> None:
    register(NumericVerifier())
