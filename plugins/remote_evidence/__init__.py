"""The REM verifier: statements checked against remote evidence providers.

For one article it plans every look-up first (fact-check search for each check-worthy statement,
entity facts for each person whose role or age is written), runs them all at once through the
run's :class:`~factcheck.network.evidence.EvidenceService` (a thread pool over the guarded HTTP door), then
turns the results into verdicts:

- REM001 a statement like an earlier fact-check: ``needs_review`` with the rating and the link;
- REM002 a role contradicted by the positions held at the publication date: ``refuted``;
- REM003 an age contradicted by the date of birth: ``refuted``;
- REM004 a provider that failed: one ``error`` verdict naming it; the run goes on.

Nothing remote happens with ``--offline`` or for an unpublished article whose providers are not in
``allowed_providers``: the look-ups that were not made are recorded with
``EvidenceService.skip`` and the engine copies them to ``ArticleReport.skipped_checks``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import Field

from factcheck.plugin import (
    Config,
    Entity,
    Evidence,
    NoteEvidence,
    Section,
    Severity,
    Span,
    Statement,
    Status,
    Verdict,
    Verifier,
    VerifyContext,
    hookimpl,
)

from .match import age_matches, judge_role, parse_role, query_text, reads_as, similarity, stated_age

if TYPE_CHECKING:
    from factcheck.plugin import EvidenceService, Outcome, Request

NAME = "remote_evidence"


class RemoteEvidenceSettings(Section):
    """``[plugins.remote_evidence]``."""

    min_checkworthiness: float = Field(default=0.5, ge=0.0, le=1.0)
    max_claim_lookups: int = Field(default=20, ge=0, le=500)
    max_entity_lookups: int = Field(default=10, ge=0, le=200)
    min_similarity: float = Field(default=0.6, ge=0.0, le=1.0)
    query_chars: int = Field(default=200, ge=20, le=2000)


@dataclass(frozen=True)
class _Person:
    statement: Statement
    entity: Entity


class RemoteEvidenceVerifier(Verifier):
    name = NAME
    prefixes = ("REM",)
    description = "cross-checks statements against fact-check search and knowledge-base providers"

    def __init__(self, settings: RemoteEvidenceSettings) -> None:
        self.settings = settings

    def verify_article(self, context: VerifyContext) -> Iterator[Verdict]:
        if not context.evidence_providers:
            return  # nothing to ask: the HTTP door is never opened (nor ``requests`` imported)
        service = context.evidence
        if service is None:
            return
        plan = self._plan(service, context)
        outcomes = service.gather((request for _, request in plan), published=context.article.meta.published)
        failed: set[str] = set()
        for (subject, _), outcome in zip(plan, outcomes, strict=True):
            statement = subject.statement if isinstance(subject, _Person) else subject
            if outcome.error is not None:
                if outcome.request.provider.name not in failed:
                    failed.add(outcome.request.provider.name)
                    yield context.verdict(
                        statement, "REM004", provider=outcome.request.provider.name, detail=outcome.error
                    )
            elif isinstance(subject, _Person):
                yield from self._entity_verdicts(subject, outcome, context)
            else:
                yield from self._claim_verdicts(subject, outcome, context)

    # --- planning -------------------------------------------------------------------------------

    def _plan(
        self, service: EvidenceService, context: VerifyContext
    ) -> list[tuple[Statement | _Person, Request]]:
        """Each look-up to make, with the statement or person it is for: claims of check-worthy
        statements, roles and ages of people, from the providers that may be asked."""
        from factcheck.plugin import Request

        article = context.article
        usable = [p for p in service.providers if self._may_ask(p.name, service, context)]
        claims_for = [s for s in context.statements if s.checkworthiness >= self.settings.min_checkworthiness]
        claims_for = claims_for[: self.settings.max_claim_lookups]
        people = self._people(context)
        wants_facts = context.enabled("REM002") or context.enabled("REM003")
        plan: list[tuple[Statement | _Person, Request]] = []
        for provider in usable:
            if "claims" in provider.capabilities and context.enabled("REM001"):
                for statement in claims_for:
                    query = query_text(statement.text, self.settings.query_chars)
                    plan.append((statement, Request(provider, "claims", query)))
            if "entities" in provider.capabilities and wants_facts:
                if context.publication_date is None:
                    service.skip(
                        article.path, f"{provider.name}: role and age checks need a publication date"
                    )
                    continue
                plan.extend((person, Request(provider, "entities", person.entity.text)) for person in people)
        return plan

    def _may_ask(self, provider: str, service: EvidenceService, context: VerifyContext) -> bool:
        """False (and a skipped-check note) when offline or under embargo for this provider."""
        network = context.config.settings.network
        path = context.article.path
        if network.offline:
            service.skip(path, f"{provider}: remote look-ups skipped (offline)")
            return False
        if not context.article.meta.published and provider not in network.allowed_providers:
            service.skip(path, f"{provider}: not asked, the article is unpublished (embargo policy)")
            return False
        return True

    def _people(self, context: VerifyContext) -> list[_Person]:
        """Person entities (two words or more) with a written role or age, once per name."""
        seen: set[str] = set()
        found = []
        plain = context.article.plain
        for statement in context.statements:
            for entity in statement.of_type(Entity):
                if entity.label != "person" or len(entity.text.split()) < 2 or entity.text in seen:
                    continue
                if entity.role is None and stated_age(plain, entity.start, entity.end) is None:
                    continue
                seen.add(entity.text)
                found.append(_Person(statement, entity))
        return found[: self.settings.max_entity_lookups]

    # --- verdicts -------------------------------------------------------------------------------

    def _claim_verdicts(
        self, statement: Statement, outcome: Outcome, context: VerifyContext
    ) -> Iterator[Verdict]:
        scored = [(similarity(statement.text, c.claim), c) for c in outcome.claims]
        scored = [(score, c) for score, c in scored if score >= self.settings.min_similarity]
        if not scored:
            return
        score, review = max(scored, key=lambda pair: pair[0])
        reading = reads_as(
            review.rating,
            context.rules.lexicon("remote-ratings-refuted"),
            context.rules.lexicon("remote-ratings-supported"),
        )
        shown = "unclear" if reading == "unclear" else f"reads as {reading}"
        evidence: list[Evidence] = [
            *([review.evidence] if review.evidence else []),
            NoteEvidence(text=f"reviewed claim: “{review.claim}” (similarity {score:.2f})"),
        ]
        yield context.verdict(
            statement,
            "REM001",
            Status.NEEDS_REVIEW,
            severity=Severity.WARNING if reading == "refuted" else Severity.INFO,
            confidence=min(1.0, score),
            evidence=evidence,
            publisher=review.publisher or outcome.request.provider.name,
            rating=review.rating or "no rating",
            reads_as=shown,
            url=review.url or "(no link)",
        )

    def _entity_verdicts(
        self, person: _Person, outcome: Outcome, context: VerifyContext
    ) -> Iterator[Verdict]:
        facts, day = outcome.facts, context.publication_date
        if facts is None or day is None:
            return
        entity, statement = person.entity, person.statement
        evidence: list[Evidence] = [facts.evidence] if facts.evidence else []
        offices = context.rules.lexicon("remote-office-words")
        claim = parse_role(entity.role, offices) if entity.role else None
        if claim is not None and context.enabled("REM002"):
            finding = judge_role(entity.text, claim, facts, day)
            if finding is not None:
                start = entity.role_start if entity.role_start is not None else entity.start
                end = entity.role_end if entity.role_end is not None else entity.end
                yield context.verdict(
                    statement,
                    "REM002",
                    Status.SUPPORTED if finding.supported else Status.REFUTED,
                    evidence=evidence,
                    span=Span(start=min(start, entity.start), end=max(end, entity.end)),
                    name=entity.text,
                    detail=finding.detail,
                )
        age = stated_age(context.article.plain, entity.start, entity.end)
        if age is not None and context.enabled("REM003"):
            judged = age_matches(age[0], facts, day)
            if judged is not None:
                ok, expected = judged
                yield context.verdict(
                    statement,
                    "REM003",
                    Status.SUPPORTED if ok else Status.REFUTED,
                    message=f"{entity.text} was {expected} at publication, as stated" if ok else None,
                    evidence=evidence,
                    span=Span(start=age[1], end=age[2]),
                    name=entity.text,
                    expected=expected,
                    stated=age[0],
                    source=outcome.request.provider.name,
                )


@hookimpl
def register_verifiers(register: Callable[[Verifier], None], config: Config) -> None:
    register(RemoteEvidenceVerifier(config.plugin_settings(NAME, RemoteEvidenceSettings)))


@hookimpl
def rule_paths(config: Config) -> list[Path]:
    return [Path(__file__).with_name("rules")]
