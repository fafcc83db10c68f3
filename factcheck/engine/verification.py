"""Where verifiers run: each under a deadline, its output checked, its failures made verdicts.

A verifier is third-party code. The engine runs it on a worker thread of its own
(``factcheck.engine.isolation``), so an exception becomes an ``FC001`` verdict and a hang an ``FC002``
verdict, both naming the verifier, and the rest of the run goes on. A verifier that timed out
once is not called again in the same run (its later articles get ``FC002`` at once): a hanging
thread cannot be killed, and every further call would leak another. What a verifier yields is
checked too: anything but a ``Verdict`` about one of the article's statements, inside the
article, is a failure of that verifier, not of the article.
"""

from __future__ import annotations

from factcheck.config.settings import Config
from factcheck.engine.isolation import DeadlineRunner
from factcheck.errors import PluginExecutionError
from factcheck.model.article import Article, Statement
from factcheck.model.report import Verdict
from factcheck.network.evidence import EvidenceService
from factcheck.plugin_system.verifier import Verifier, VerifyContext
from factcheck.rules.packs import RuleSet


def _check_verdict(item: object, ids: set[str], length: int) -> Verdict:
    if not isinstance(item, Verdict):
        raise TypeError(f"yielded a {type(item).__name__}, not a Verdict")
    if item.statement_id not in ids:
        raise ValueError(f"yielded a verdict about unknown statement {item.statement_id!r}")
    if (item.start is None) != (item.end is None):
        raise ValueError("yielded a verdict with only one of start and end")
    if item.start is not None and item.end is not None and not 0 <= item.start <= item.end <= length:
        raise ValueError(f"yielded a verdict span {item.start}:{item.end} outside the article")
    return item


class VerifierRunner:
    """Runs the registered verifiers over one article at a time."""

    def __init__(self, config: Config, rules: RuleSet, evidence: EvidenceService | None = None) -> None:
        self.config = config
        self.rules = rules
        self.evidence = evidence
        self.deadlines = DeadlineRunner()
        self.timed_out: set[str] = set()

    def run(self, verifier: Verifier, article: Article, statements: list[Statement]) -> list[Verdict]:
        if not statements:
            return []
        context = VerifyContext(article, statements, self.config, self.rules, verifier.name, self.evidence)
        timeout = self.config.settings.check.timeout
        if verifier.name in self.timed_out:
            skipped = f"verifier {verifier.name} was not run: it timed out earlier in this run"
            return [context.verdict(statements[0], "FC002", message=skipped)]
        ids = {s.id for s in statements}
        produced: list[Verdict] = []

        def job() -> None:
            for item in verifier.verify_article(context):
                produced.append(_check_verdict(item, ids, len(article.source)))

        outcome = self.deadlines.run(verifier.name, job, timeout)
        if outcome.error is None and not outcome.timed_out:
            return produced
        where = produced[-1].statement_id if produced else statements[0].id
        statement = next((s for s in statements if s.id == where), statements[0])
        if outcome.timed_out:
            self.timed_out.add(verifier.name)
            failure = context.verdict(statement, "FC002", verifier=verifier.name, seconds=f"{timeout:g}")
        else:
            assert outcome.error is not None
            error = PluginExecutionError(verifier.name, statement.id, outcome.error)
            failure = context.verdict(statement, "FC001", verifier=verifier.name, detail=error.detail)
        return [*produced, failure]

    def close(self) -> None:
        self.deadlines.close()
