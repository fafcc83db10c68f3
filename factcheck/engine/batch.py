"""A run over many articles: expanding paths, checking them (serially or in worker processes),
and streaming reports in input order while the totals are kept.

With ``--jobs N`` each worker process builds its own ``Engine`` once and checks articles sent to
it; results come back in input order (``imap``), so a renderer can write article one before
article two hundred is done, and memory stays flat however many articles there are.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator

from factcheck.config.settings import Config
from factcheck.engine.engine import Engine
from factcheck.engine.workers import ArticleJson, Result, article_json, check_in_workers
from factcheck.errors import ArticleError
from factcheck.model.report import (
    ArticleReport,
    Summary,
    ToolInfo,
)
from factcheck.rules.packs import RuleSet
from factcheck.workflow.paths import STDIN


class RunStream:
    """Article reports in input order, with totals that are complete once iteration ends.

    Iterate it for ``ArticleReport`` objects, or call ``json_articles()`` for each article's JSON
    text: with ``--jobs`` and ``-f json`` the workers send that text ready-made, and nothing is
    rebuilt in this process.
    """

    def __init__(
        self,
        reports: Iterable[Result],
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

    def _count(self, result: Result) -> None:
        self._articles += 1
        self._input_errors += sum(1 for p in result.problems if not p.internal)
        self._internal += sum(1 for p in result.problems if p.internal)
        if isinstance(result, ArticleJson):
            self._statements += result.statements
            self._failing += result.failing
            self._counts.update(result.verdicts)
        else:
            self._statements += len(result.statements)
            self._failing += result.outcome.failing
            self._counts.update(v.status.value for v in result.verdicts if v.suppressed is None)

    def __iter__(self) -> Iterator[ArticleReport]:
        for result in self._reports:
            self._count(result)
            yield result.report() if isinstance(result, ArticleJson) else result

    def json_articles(self) -> Iterator[str]:
        """Each article's entry of the JSON report, as text (see ``article_json``)."""
        for result in self._reports:
            self._count(result)
            yield result.json if isinstance(result, ArticleJson) else article_json(result)

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


# --- checking many articles -------------------------------------------------------------------


def check_all(
    engine: Engine,
    items: Iterable[str | ArticleError],
    jobs: int = 1,
    factory: Callable[[], Engine] | None = None,
    stdin: Callable[[], bytes] | None = None,
) -> Iterator[ArticleReport]:
    """Reports for every item, in input order. ``factory`` builds the engine of each worker
    process when ``jobs > 1`` (it must be picklable where processes are spawned, not forked:
    ``EngineRecipe`` is)."""
    for result in check_all_results(engine, items, jobs, factory, stdin):
        yield result if isinstance(result, ArticleReport) else result.report()


def check_all_results(
    engine: Engine,
    items: Iterable[str | ArticleError],
    jobs: int = 1,
    factory: Callable[[], Engine] | None = None,
    stdin: Callable[[], bytes] | None = None,
    as_json: bool = False,
) -> Iterator[Result]:
    """Like ``check_all``; with ``as_json`` the results may come already serialised
    (``ArticleJson``), as the JSON renderer can use them without rebuilding the objects."""

    def finish(report: ArticleReport) -> Result:
        return ArticleJson.of(report) if as_json else report

    if jobs <= 1 or factory is None:
        for item in items:
            yield finish(_check_one(engine, item, stdin))
        return
    done_here: dict[int, Result] = {}  # stdin and missing paths, checked in this process

    def paths() -> Iterator[tuple[int, str]]:
        for index, item in enumerate(items):
            if isinstance(item, str) and item != STDIN:
                yield index, item
            else:
                done_here[index] = finish(_check_one(engine, item, stdin))

    check = engine.config.settings.check
    hard = check.timeout * (len(engine.registry.verifiers) + 4) + 30 if check.timeout > 0 else 0.0
    waiting: dict[int, Result] = {}
    expected = 0
    for index, result in check_in_workers(paths(), jobs, factory, hard, as_json):
        waiting[index] = result
        waiting.update(done_here)
        done_here.clear()
        while expected in waiting:
            yield waiting.pop(expected)
            expected += 1
    waiting.update(done_here)
    for index in sorted(waiting):
        yield waiting[index]


def _check_one(engine: Engine, item: str | ArticleError, stdin: Callable[[], bytes] | None) -> ArticleReport:
    if isinstance(item, ArticleError):
        return engine.problem_report(item.path, item)
    if item == STDIN:
        return engine.check_file(STDIN, (stdin or sys.stdin.buffer.read)())
    return engine.check_file(item)
