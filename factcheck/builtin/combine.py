"""The verdict-combination policies. ``strict`` is the default; ``[combine] policy`` picks another.

``strict``: a refutation is never outvoted. A statement's status is the most serious status any
verifier gave it, in the order refuted > error > needs_review > supported > unverified; when one
verifier refutes what another supports, the statement is refuted *and* marked ``conflict`` so
the report shows both sides instead of averaging them away.

``confidence``: for newsrooms that trust some verifiers more. Refuting and supporting verdicts
are weighed by their summed confidence and the heavier side wins; a tie (within 0.1) becomes
``needs_review``. Conflicts are still marked. Error and review verdicts count as in ``strict``.

Both policies compute the article's outcome the same way: its status is the most serious status
among its statements, and ``failing`` counts the unsuppressed, non-supported verdicts at or above
the fail level (what the exit code gates on).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

from factcheck.model.article import Statement
from factcheck.model.report import ArticleOutcome, Severity, StatementOutcome, Status, Verdict, fails
from factcheck.plugin_system.hookspecs import hookimpl
from factcheck.plugin_system.policy import CombinationPolicy

SERIOUSNESS = [Status.REFUTED, Status.ERROR, Status.NEEDS_REVIEW, Status.SUPPORTED, Status.UNVERIFIED]


def _worst_status(statuses: Sequence[Status]) -> Status:
    for status in SERIOUSNESS:
        if status in statuses:
            return status
    return Status.UNVERIFIED


def _worst_severity(verdicts: Sequence[Verdict]) -> Severity:
    counted = [v.severity for v in verdicts if v.status != Status.SUPPORTED]
    return max(counted, key=lambda s: s.rank, default=Severity.INFO)


_NOTHING_SAID = "no verifier had anything to say"


def _summary(status: Status, verdicts: Sequence[Verdict], conflict: bool) -> str:
    if not verdicts:
        return _NOTHING_SAID
    deciding = sorted({v.rule for v in verdicts if v.status == status})
    text = f"{status.value} ({', '.join(deciding)})"
    if conflict:
        supporters = sorted({v.rule for v in verdicts if v.status == Status.SUPPORTED})
        text += f"; conflicting evidence: supported by {', '.join(supporters)}"
    return text


class _Policy:
    name = ""
    description = ""

    def decide(self, verdicts: Sequence[Verdict]) -> Status:
        raise NotImplementedError

    def combine_statement(self, statement: Statement, verdicts: Sequence[Verdict]) -> StatementOutcome:
        if not verdicts:  # most statements: nothing to weigh
            return StatementOutcome(
                statement_id=statement.id,
                status=self.decide(verdicts),
                severity=Severity.INFO,
                rules=(),
                conflict=False,
                summary=_NOTHING_SAID,
            )
        status = self.decide(verdicts)
        statuses = {v.status for v in verdicts}
        conflict = Status.REFUTED in statuses and Status.SUPPORTED in statuses
        return StatementOutcome(
            statement_id=statement.id,
            status=status,
            severity=_worst_severity(verdicts),
            rules=tuple(sorted({v.rule for v in verdicts})),
            conflict=conflict,
            summary=_summary(status, verdicts, conflict),
        )

    def combine_article(
        self, outcomes: Sequence[StatementOutcome], verdicts: Sequence[Verdict], fail_on: Severity | None
    ) -> ArticleOutcome:
        live = [v for v in verdicts if v.suppressed is None]
        failing = sum(1 for v in live if fails(v, fail_on))
        return ArticleOutcome(
            status=_worst_status([o.status for o in outcomes if o.rules]) if live else Status.UNVERIFIED,
            worst_severity=_worst_severity(live) if live else None,
            counts=dict(Counter(v.status.value for v in live)),
            failing=failing,
            policy=self.name,
        )


class StrictPolicy(_Policy):
    name = "strict"
    description = "The most serious verdict wins; a refutation is never outvoted by a support."

    def decide(self, verdicts: Sequence[Verdict]) -> Status:
        return _worst_status([v.status for v in verdicts])


class ConfidencePolicy(_Policy):
    name = "confidence"
    description = "Refuting and supporting verdicts weighed by confidence; near ties need review."

    def decide(self, verdicts: Sequence[Verdict]) -> Status:
        refuting = sum(v.confidence for v in verdicts if v.status == Status.REFUTED)
        supporting = sum(v.confidence for v in verdicts if v.status == Status.SUPPORTED)
        others = [v.status for v in verdicts if v.status not in (Status.REFUTED, Status.SUPPORTED)]
        if refuting and supporting:
            if abs(refuting - supporting) <= 0.1:
                return Status.NEEDS_REVIEW
            return _worst_status([Status.REFUTED if refuting > supporting else Status.SUPPORTED, *others])
        return _worst_status([v.status for v in verdicts])


@hookimpl(trylast=True)
def register_policies(register: Callable[[CombinationPolicy], None]) -> None:
    register(StrictPolicy())
    register(ConfidencePolicy())
