"""Where verifiers run: each under the stage time limit, its output checked, its failures made
verdicts.

A verifier is third-party code. The engine runs it under a limit that stops it
(``factcheck.engine.deadline``), so an exception becomes an ``FC001`` verdict and a hang an
``FC002`` verdict, both naming the verifier, and the rest of the run goes on; what it yielded
before it failed is kept. What a verifier yields is checked too: anything but a ``Verdict``
about one of the article's statements, inside the article, is a failure of that verifier, not
of the article.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from factcheck.config.settings import Config
from factcheck.engine.deadline import Deadlines, StageTimeout
from factcheck.errors import PluginExecutionError
from factcheck.model.article import Article, Statement
from factcheck.model.report import Verdict
from factcheck.plugin_system.verifier import LazyEvidence, Verifier, VerifyContext
from factcheck.rules.packs import RuleSet

if TYPE_CHECKING:
    from factcheck.network.evidence import EvidenceService


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

    def __init__(
        self,
        config: Config,
        rules: RuleSet,
        deadlines: Deadlines,
        evidence: EvidenceService | LazyEvidence | None = None,
    ) -> None:
        self.config = config
        self.rules = rules
        self.deadlines = deadlines
        self.evidence = evidence

    def run(self, verifier: Verifier, article: Article, statements: list[Statement]) -> list[Verdict]:
        if not statements:
            return []
        context = VerifyContext(article, statements, self.config, self.rules, verifier.name, self.evidence)
        timeout = self.config.settings.check.timeout
        ids = {s.id for s in statements}
        length = len(article.source)
        produced: list[Verdict] = []
        try:
            with self.deadlines.limit(timeout):
                for item in verifier.verify_article(context):
                    produced.append(_check_verdict(item, ids, length))
            return produced
        except StageTimeout:
            where = self._where(statements, produced)
            failure = context.verdict(where, "FC002", verifier=verifier.name, seconds=f"{timeout:g}")
        except Exception as exc:  # the verifier's bug is a verdict about the verifier
            where = self._where(statements, produced)
            error = PluginExecutionError(verifier.name, where.id, exc)
            failure = context.verdict(where, "FC001", verifier=verifier.name, detail=error.detail)
        return [*produced, failure]

    @staticmethod
    def _where(statements: list[Statement], produced: list[Verdict]) -> Statement:
        """The statement a failure is reported on: where the verifier had got to."""
        where = produced[-1].statement_id if produced else statements[0].id
        return next((s for s in statements if s.id == where), statements[0])

    def close(self) -> None:
        """Nothing to release: verifiers run on the caller's thread."""
