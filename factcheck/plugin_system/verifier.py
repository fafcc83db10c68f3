"""What a verifier is, and the context the engine hands it for each article.

A verifier is an object with a ``name`` (its plugin's name: what ``-p no:NAME`` and verdicts
show), the rule-code ``prefixes`` it owns, and a ``verify`` method that looks at one statement
with the whole article in view. The engine calls it under a deadline and turns an exception or a
time-out into an ``error`` verdict naming it, so a verifier never needs defensive try/except.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from factcheck.model.article import AnnotationT, Article, Attribution, Span, Statement
from factcheck.model.report import Evidence, Severity, SpanEvidence, Status, Verdict
from factcheck.text.ledger import Ledger, article_ledger
from factcheck.text.scanner import Scan, article_scan

if TYPE_CHECKING:
    from factcheck.config.settings import Config, NetworkSettings
    from factcheck.network.evidence import EvidenceProvider, EvidenceService
    from factcheck.network.fetch import Fetcher
    from factcheck.rules.packs import RuleSet

T = TypeVar("T")


def annotations_of(statements: Iterable[Statement], cls: type[AnnotationT]) -> list[AnnotationT]:
    """The article's annotations of one class, once each (an annotation that spans two statements
    is attached to both), in text order."""
    found: dict[tuple[int, int], AnnotationT] = {}
    for statement in statements:
        for item in statement.of_type(cls):
            span = item  # every annotation class is a Span
            found.setdefault((span.start, span.end), item)  # type: ignore[attr-defined]
    return [found[key] for key in sorted(found)]


def attributions_of(statements: Iterable[Statement]) -> list[Attribution]:
    """The article's attributions, once each, in text order."""
    return annotations_of(statements, Attribution)


class LazyEvidence:
    """A run's evidence service, built when a verifier first asks for it: a run with no provider
    and no verifier that fetches never builds one, so never imports the HTTP stack."""

    def __init__(self, providers: Sequence[EvidenceProvider], network: NetworkSettings) -> None:
        self.providers = list(providers)
        self.network = network
        self.service: EvidenceService | None = None

    def get(self) -> EvidenceService:
        if self.service is None:
            from factcheck.network.evidence import EvidenceService

            self.service = EvidenceService.for_providers(self.providers, self.network)
        return self.service


class VerifyContext:
    """Everything about the article that is not the statement: shared by all its statements."""

    def __init__(
        self,
        article: Article,
        statements: list[Statement],
        config: Config,
        rules: RuleSet,
        verifier: str,
        evidence: EvidenceService | LazyEvidence | None = None,
    ) -> None:
        self.article = article
        self.statements = statements
        self.config = config
        self.rules = rules
        self.verifier = verifier
        self._evidence = evidence
        self._memo: dict[str, Any] = {}

    @property
    def evidence(self) -> EvidenceService | None:
        """The run's evidence service (providers, guarded fetcher, thread pool), built on first use."""
        found = self._evidence
        return found.get() if isinstance(found, LazyEvidence) else found

    @evidence.setter
    def evidence(self, value: EvidenceService | LazyEvidence | None) -> None:
        self._evidence = value

    @property
    def evidence_providers(self) -> list[EvidenceProvider]:
        """The run's evidence providers, without building the service: none means nothing to ask."""
        found = self._evidence
        if isinstance(found, LazyEvidence):
            return found.providers
        return found.providers if found is not None else []

    @property
    def fetcher(self) -> Fetcher | None:
        """The guarded HTTP door (``factcheck.network.fetch``): a verifier's only way to the network."""
        return self.evidence.fetcher if self.evidence is not None else None

    @property
    def scan(self) -> Scan:
        """The article's words, scanned once and shared by every plugin (``factcheck.text.scanner``)."""
        return article_scan(self.article)

    @property
    def ledger(self) -> Ledger:
        """The article's ledger of quantities (``factcheck.text.ledger``): every figure with its
        referent, owner, time, hedge and scale, and the links between them; built once."""
        return article_ledger(self.article, self.statements)

    @property
    def publication_date(self) -> dt.date | None:
        """The article's date, else ``--date``/``[check] date``; ``None`` when nobody said."""
        return self.article.meta.date or self.config.settings.check.date

    @property
    def attributions(self) -> list[Attribution]:
        """Every attribution in the article, in text order (they may span statements)."""
        return attributions_of(self.statements)

    def memo(self, key: str, compute: Callable[[], T]) -> T:
        """Compute an article-wide analysis once and reuse it for every statement."""
        if key not in self._memo:
            self._memo[key] = compute()
        value: T = self._memo[key]
        return value

    def enabled(self, code: str) -> bool:
        return self.rules.enabled(code)

    def span(self, start: int, end: int, note: str | None = None) -> SpanEvidence:
        """Evidence pointing at a passage of this article."""
        return SpanEvidence(start=start, end=end, text=self.article.source[start:end], note=note)

    def verdict(
        self,
        statement: Statement,
        code: str,
        status: Status | None = None,
        *,
        message: str | None = None,
        severity: Severity | None = None,
        confidence: float = 1.0,
        evidence: Iterable[Evidence] = (),
        span: Span | None = None,
        **values: object,
    ) -> Verdict:
        """A verdict under ``code``, taking message template, level and status from the rule."""
        rule = self.rules.get(code)
        if rule is None:
            raise KeyError(f"verifier {self.verifier!r} used rule {code} that no rule file defines")
        final_status = status or rule.status
        default_severity = rule.level if final_status != Status.SUPPORTED else Severity.INFO
        return Verdict(
            statement_id=statement.id,
            verifier=self.verifier,
            rule=code,
            status=final_status,
            severity=severity or default_severity,
            confidence=confidence,
            message=message or rule.format_message(**values),
            evidence=tuple(evidence),
            start=span.start if span else None,
            end=span.end if span else None,
        )


class Verifier:
    """Subclass this, set ``name`` and ``prefixes``, implement ``verify``; register it in
    ``register_verifiers``."""

    name: str = ""
    prefixes: tuple[str, ...] = ()
    description: str = ""

    def verify(self, statement: Statement, context: VerifyContext) -> Iterable[Verdict]:
        """Verdicts about one statement. ``context.statements`` holds the rest of the article."""
        raise NotImplementedError

    def verify_article(self, context: VerifyContext) -> Iterable[Verdict]:
        """All verdicts for an article; override for checks that are naturally article-wide."""
        for statement in context.statements:
            yield from self.verify(statement, context)
