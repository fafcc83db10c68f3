"""Where verdicts are made: one article in, one ``ArticleReport`` out.

``Engine`` owns a run's plugin manager, configuration and registry. For each article it loads
the file (``load_article``), makes statements (``factcheck.pipeline``), calls every registered
verifier under a deadline (``factcheck.isolation``), and combines the verdicts with the
configured policy. Input problems become a report with a one-line problem, never an exception,
so the other articles in a run are still checked.
"""

from __future__ import annotations

import hashlib
import re
import time
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from factcheck.baseline import Baseline
from factcheck.config import Config
from factcheck.errors import ArticleError, InputError, PluginExecutionError
from factcheck.evidence import install as install_evidence
from factcheck.isolation import DeadlineRunner
from factcheck.models import Article, Span, Statement
from factcheck.pipeline import make_statements, mask_boilerplate
from factcheck.plugins import FactcheckPluginManager, get_plugin_manager, plugin_infos
from factcheck.registry import Registry, build_registry
from factcheck.report import (
    ArticleOutcome,
    ArticleReport,
    InputProblem,
    Severity,
    Status,
    ToolInfo,
    Verdict,
)
from factcheck.review import Decisions
from factcheck.suppress import Directive, find_directives, mask_directives, suppressions, unreasoned
from factcheck.verifier import Verifier, VerifyContext

_SPACE = re.compile(r"\s+")


def fail_level(config: Config) -> Severity | None:
    """The severity at which a finding fails the run; ``None`` for ``--fail-on never``."""
    level = config.settings.check.fail_on
    return None if level == "never" else Severity(level)


def fingerprint(rule: str, statement_text: str, finding_text: str = "") -> str:
    """A finding's identity that survives edits elsewhere: rule + normalised statement text."""
    normal = _SPACE.sub(" ", statement_text).strip().lower()
    detail = _SPACE.sub(" ", finding_text).strip().lower()
    return hashlib.sha1(f"{rule}\0{normal}\0{detail}".encode()).hexdigest()[:16]


def decode(data: bytes, path: str) -> str:
    """UTF-8 (a BOM is dropped); anything else is an ``ArticleError`` at the offending byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        bad = data[exc.start : exc.start + 1].hex()
        raise ArticleError(
            f"not valid UTF-8 (byte 0x{bad}); save the file as UTF-8", path, line, column
        ) from None


class Engine:
    """A configured checker: build once per run (or per worker process), check many articles."""

    def __init__(self, config: Config | None = None, pm: FactcheckPluginManager | None = None) -> None:
        self.config = config or Config()
        self.pm = pm or get_plugin_manager()
        self.pm.hook.configure.call_historic(kwargs={"config": self.config})
        self.registry: Registry = build_registry(self.pm, self.config)
        self.policy = self.registry.policy(self.config.settings.combine.policy)
        self.runner = DeadlineRunner()
        self.fail_on = fail_level(self.config)
        self.evidence = install_evidence(self.pm, self.config)
        baseline = self.config.settings.check.baseline
        self.baseline = Baseline.load(Path(baseline)) if baseline else None

    @property
    def tool(self) -> ToolInfo:
        from factcheck import __version__

        infos = plugin_infos(self.pm)
        return ToolInfo(version=__version__, plugins={i.name: i.version for i in infos})

    # --- loading --------------------------------------------------------------------------------

    def load(self, path: str, text: str) -> Article:
        """Parse decoded text with the first loader that accepts it."""
        article: Article | None = self.pm.hook.load_article(path=path, text=text, config=self.config)
        if article is None:
            raise ArticleError("no loader accepts this file", path)
        return article

    # --- checking -------------------------------------------------------------------------------

    def check_file(self, path: str, data: bytes | None = None) -> ArticleReport:
        """Check one file (``data`` given for stdin); input problems become a report, not a raise."""
        try:
            if data is None:
                try:
                    with open(path, "rb") as handle:
                        data = handle.read()
                except OSError as exc:
                    raise ArticleError(f"cannot read file: {exc.strerror or exc}", path) from None
            return self.check_article(self.load(path, decode(data, path)))
        except InputError as exc:
            return self.problem_report(path, exc)
        except Exception as exc:  # one article's crash must not cost the rest of the run
            return self.problem_report(
                path, InputError(f"internal error: {type(exc).__name__}: {exc}", path), True
            )

    def check_text(self, text: str, path: str = "<string>") -> ArticleReport:
        try:
            return self.check_article(self.load(path, text))
        except InputError as exc:
            return self.problem_report(path, exc)
        except Exception as exc:  # the API's callers get a report, as the CLI's do
            return self.problem_report(
                path, InputError(f"internal error: {type(exc).__name__}: {exc}", path), True
            )

    def problem_report(self, path: str, exc: InputError, internal: bool = False) -> ArticleReport:
        problem = InputProblem(
            path=exc.path or path, line=exc.line, column=exc.column, message=exc.message, internal=internal
        )
        outcome = ArticleOutcome(status=Status.ERROR, worst_severity=Severity.ERROR, policy=self.policy.name)
        return ArticleReport(path=path, outcome=outcome, problems=(problem,))

    def check_article(self, article: Article) -> ArticleReport:
        timings: dict[str, float] = {}
        started = time.perf_counter()
        directives = find_directives(article.source)
        article = mask_boilerplate(mask_directives(article, directives), self.registry.rules)
        statements, failures = make_statements(article, self.pm, self.config)
        timings["statements"] = time.perf_counter() - started
        verdicts = self._annotation_failures(article, statements, failures)
        for verifier in self.registry.verifiers:
            began = time.perf_counter()
            verdicts.extend(self._run_verifier(verifier, article, statements))
            timings[f"verifier:{verifier.name}"] = time.perf_counter() - began
        verdicts = self._finish(
            article, statements, [*verdicts, *self._unreasoned(article, statements, directives)]
        )
        verdicts = self._suppress(article, statements, verdicts, directives)
        began = time.perf_counter()
        by_statement: dict[str, list[Verdict]] = defaultdict(list)
        for verdict in verdicts:
            if verdict.suppressed is None:
                by_statement[verdict.statement_id].append(verdict)
        outcomes = tuple(self.policy.combine_statement(s, by_statement.get(s.id, [])) for s in statements)
        outcome = self.policy.combine_article(outcomes, verdicts, self.fail_on)
        timings["combine"] = time.perf_counter() - began
        timings["total"] = time.perf_counter() - started
        return ArticleReport(
            path=article.path,
            title=article.meta.title,
            date=article.meta.date or self.config.settings.check.date,
            format=article.format,
            source=article.source,
            statements=tuple(statements),
            verdicts=tuple(verdicts),
            outcomes=outcomes,
            attributions=tuple(
                VerifyContext(article, statements, self.config, self.registry.rules, "").attributions
            ),
            outcome=outcome,
            skipped_checks=self.evidence.pop_skipped(article.path),
            timings=timings,
        )

    def _unreasoned(
        self, article: Article, statements: list[Statement], directives: list[Directive]
    ) -> list[Verdict]:
        context = VerifyContext(article, statements, self.config, self.registry.rules, "factcheck")
        found = []
        for directive in unreasoned(directives):
            statement = next(
                (s for s in statements if s.start >= directive.end), statements[-1] if statements else None
            )
            if statement is not None:
                span = Span(start=directive.start, end=directive.end)
                found.append(context.verdict(statement, "FC004", span=span, codes=",".join(directive.codes)))
        return found

    def _suppress(
        self,
        article: Article,
        statements: list[Statement],
        verdicts: list[Verdict],
        directives: list[Directive],
    ) -> list[Verdict]:
        """Inline suppressions, then the editors' review decisions, then the baseline."""
        spans = suppressions(directives, statements, len(article.source))
        if spans:
            by_id = {s.id: s for s in statements}
            marked = []
            for verdict in verdicts:
                offset = verdict.start if verdict.start is not None else by_id[verdict.statement_id].start
                hit = next((s for s in spans if s.applies(verdict.rule, offset)), None)
                if hit is not None and verdict.suppressed is None and verdict.rule != "FC004":
                    verdict = verdict.model_copy(update={"suppressed": f"inline: {hit.reason}"})
                marked.append(verdict)
            verdicts = marked
        if Path(article.path).is_file():
            verdicts = Decisions.for_article(article.path).apply(verdicts)
        if self.baseline is not None:
            verdicts = self.baseline.apply(article.path, verdicts)
        return verdicts

    def _annotation_failures(
        self, article: Article, statements: list[Statement], failures: list[tuple[str, BaseException]]
    ) -> list[Verdict]:
        if not statements:
            return []
        context = VerifyContext(article, statements, self.config, self.registry.rules, "")
        return [
            context.verdict(
                statements[0], "FC003", plugin=plugin, detail=f"{type(exc).__name__}: {exc}"
            ).model_copy(update={"verifier": plugin})
            for plugin, exc in failures
        ]

    def _run_verifier(
        self, verifier: Verifier, article: Article, statements: list[Statement]
    ) -> list[Verdict]:
        if not statements:
            return []
        context = VerifyContext(
            article, statements, self.config, self.registry.rules, verifier.name, self.evidence.fetcher
        )
        produced: list[Verdict] = []

        def job() -> None:
            for verdict in verifier.verify_article(context):
                produced.append(verdict)

        timeout = self.config.settings.check.timeout
        outcome = self.runner.run(verifier.name, job, timeout)
        if outcome.error is None and not outcome.timed_out:
            return produced
        where = produced[-1].statement_id if produced else statements[0].id
        statement = next(s for s in statements if s.id == where)
        if outcome.timed_out:
            failure = context.verdict(statement, "FC002", verifier=verifier.name, seconds=f"{timeout:g}")
        else:
            assert outcome.error is not None
            error = PluginExecutionError(verifier.name, statement.id, outcome.error)
            failure = context.verdict(statement, "FC001", verifier=verifier.name, detail=error.detail)
        return [*produced, failure]

    def _finish(
        self, article: Article, statements: list[Statement], verdicts: Iterable[Verdict]
    ) -> list[Verdict]:
        """Keep selected rules; add positions and fingerprints; order by position."""
        by_id = {s.id: s for s in statements}
        rules = self.registry.rules
        finished = []
        for verdict in verdicts:
            if not rules.enabled(verdict.rule):
                continue
            statement = by_id.get(verdict.statement_id)
            if statement is None:
                continue
            start = verdict.start if verdict.start is not None else statement.start
            line, column = article.line_col(start)
            detail = article.source[verdict.start : verdict.end] if verdict.start is not None else ""
            finished.append(
                verdict.model_copy(
                    update={
                        "line": line,
                        "column": column,
                        "fingerprint": verdict.fingerprint
                        or fingerprint(verdict.rule, statement.text, detail),
                    }
                )
            )
        finished.sort(key=lambda v: (v.line or 0, v.column or 0, v.rule))
        return finished

    def close(self) -> None:
        self.runner.close()
        self.evidence.close()
