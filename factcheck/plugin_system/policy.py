"""What a verdict-combination policy is. The policies themselves are plugins
(``factcheck.builtin.combine``); ``[combine] policy`` in the config picks one."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from factcheck.model.article import Statement
from factcheck.model.report import ArticleOutcome, Severity, StatementOutcome, Verdict


class CombinationPolicy(Protocol):
    """How one statement's verdicts combine into its outcome, and the outcomes into the article's;
    ``[combine] policy`` picks one by ``name``."""

    name: str
    description: str

    def combine_statement(self, statement: Statement, verdicts: Sequence[Verdict]) -> StatementOutcome:
        """One outcome for a statement from all verifiers' verdicts about it."""
        ...

    def combine_article(
        self,
        outcomes: Sequence[StatementOutcome],
        verdicts: Sequence[Verdict],
        fail_on: Severity | None,
    ) -> ArticleOutcome:
        """The article's outcome; ``fail_on`` is ``None`` when nothing should fail the run."""
        ...
