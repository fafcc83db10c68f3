"""A run over many articles: expanding paths, checking them (serially or in worker processes),
and streaming reports in input order while the totals are kept.

With ``--jobs N`` each worker process builds its own ``Engine`` once and checks articles sent to
it; results come back in input order (``imap``), so a renderer can write article one before
article two hundred is done, and memory stays flat however many articles there are.
"""

from __future__ import annotations

import multiprocessing
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator

from factcheck.config.settings import Config
from factcheck.engine.engine import Engine
from factcheck.errors import ArticleError
from factcheck.model.report import (
    ArticleOutcome,
    ArticleReport,
    InputProblem,
    Severity,
    Status,
    Summary,
    ToolInfo,
)
from factcheck.rules.packs import RuleSet
from factcheck.workflow.paths import STDIN


class RunStream:
    """Article reports in input order, with totals that are complete once iteration ends."""

    def __init__(
        self,
        reports: Iterable[ArticleReport],
        tool: ToolInfo,
        config: Config,
        rules: RuleSet,
    ) -> None:
        self._reports = reports
        self.tool = tool
        self.config = config
        self.rules = rules
        self._counts: Counter[str] = Counter()
        self._articles = self._statements = self._failing = self._input_errors = self._internal = 0

    def __iter__(self) -> Iterator[ArticleReport]:
        for report in self._reports:
            self._articles += 1
            self._statements += len(report.statements)
            self._failing += report.outcome.failing
            self._input_errors += sum(1 for p in report.problems if not p.internal)
            self._internal += sum(1 for p in report.problems if p.internal)
            self._counts.update(v.status.value for v in report.verdicts if v.suppressed is None)
            yield report

    @property
    def summary(self) -> Summary:
        exit_code = 3 if self._internal else 2 if self._input_errors else 1 if self._failing else 0
        return Summary(
            articles=self._articles,
            statements=self._statements,
            verdicts=dict(sorted(self._counts.items())),
            failing=self._failing,
            input_errors=self._input_errors,
            internal_errors=self._internal,
            fail_on=self.config.settings.check.fail_on,
            exit_code=exit_code,
        )


# --- process-parallel checking -----------------------------------------------------------------

_worker_engine: Engine | None = None
_worker_failure: str = ""


def _init_worker(factory: Callable[[], Engine]) -> None:
    """Build the worker's engine. A failure is kept, not raised: a pool whose initialiser raises
    respawns workers for ever; instead every article sent here reports the failure."""
    global _worker_engine, _worker_failure
    try:
        _worker_engine = factory()
    except Exception as exc:
        _worker_failure = " ".join(f"{type(exc).__name__}: {exc}".split())


def _check_in_worker(path: str) -> ArticleReport:
    if _worker_engine is None:
        outcome = ArticleOutcome(status=Status.ERROR, worst_severity=Severity.ERROR)
        problem = InputProblem(path=path, message=f"worker could not start: {_worker_failure}", internal=True)
        return ArticleReport(path=path, outcome=outcome, problems=(problem,))
    return _worker_engine.check_file(path)


def check_all(
    engine: Engine,
    items: Iterable[str | ArticleError],
    jobs: int = 1,
    factory: Callable[[], Engine] | None = None,
    stdin: Callable[[], bytes] | None = None,
) -> Iterator[ArticleReport]:
    """Reports for every item, in order. ``factory`` rebuilds the engine inside worker processes."""
    if jobs <= 1 or factory is None:
        for item in items:
            yield _check_one(engine, item, stdin)
        return
    context = multiprocessing.get_context("fork" if sys.platform == "linux" else "spawn")
    with context.Pool(jobs, initializer=_init_worker, initargs=(factory,)) as pool:
        pending: list[str] = []
        for item in items:
            if isinstance(item, str) and item != STDIN:
                pending.append(item)
                continue
            yield from pool.imap(_check_in_worker, pending, chunksize=8)
            pending = []
            yield _check_one(engine, item, stdin)
        yield from pool.imap(_check_in_worker, pending, chunksize=8)


def _check_one(engine: Engine, item: str | ArticleError, stdin: Callable[[], bytes] | None) -> ArticleReport:
    if isinstance(item, ArticleError):
        return engine.problem_report(item.path, item)
    if item == STDIN:
        return engine.check_file(STDIN, (stdin or sys.stdin.buffer.read)())
    return engine.check_file(item)
