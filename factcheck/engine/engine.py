"""Where verdicts are made: one article in, one ``ArticleReport`` out.

``Engine`` owns a run's plugin manager, configuration and registry. For each article it loads
the file (``load_article``), makes statements (``factcheck.engine.pipeline``), calls every registered
verifier under a deadline (``factcheck.engine.verification``), and combines the verdicts with the
configured policy. Input problems become a report with a one-line problem, never an exception,
so the other articles in a run are still checked. Reading the file is ``article_files``; what
happens to the verdicts between the verifiers and the report (suppressions, review decisions,
baseline, positions, fingerprints) is ``finishing``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from factcheck.config.settings import Config, Settings
from factcheck.engine.article_files import decode, read_bytes
from factcheck.engine.deadline import Deadlines
from factcheck.engine.finishing import VerdictFinishing
from factcheck.engine.pipeline import make_statements, mask_boilerplate
from factcheck.engine.verification import VerifierRunner
from factcheck.errors import ArticleError, InputError, PluginLoadError
from factcheck.model.article import Article, Statement
from factcheck.model.report import (
    ArticleOutcome,
    ArticleReport,
    InputProblem,
    Severity,
    Status,
    ToolInfo,
    Verdict,
    fail_level,
)
from factcheck.plugin_system.manager import (
    FactcheckPluginManager,
    HookFailure,
    call_first,
    get_plugin_manager,
    plugin_infos,
)
from factcheck.plugin_system.registry import Registry, build_registry, collect_providers
from factcheck.plugin_system.verifier import LazyEvidence, VerifyContext, attributions_of
from factcheck.workflow.baseline import Baseline
from factcheck.workflow.paths import expand_paths
from factcheck.workflow.suppress import (
    Directive,
    find_directives,
    mask_directives,
)

if TYPE_CHECKING:
    from factcheck.network.evidence import EvidenceService


@dataclass(frozen=True)
class EngineRecipe:
    """How to build the same engine again in a worker process: picklable, unlike a closure, so
    ``--jobs`` works where processes are spawned (macOS, Windows) as well as forked."""

    settings: Settings
    path: Path | None = None
    text: str = ""
    options: argparse.Namespace = field(default_factory=argparse.Namespace)
    prefix: tuple[str, ...] = ()
    blocked: tuple[str, ...] = ()
    strict: bool = False

    @classmethod
    def of(cls, config: Config, blocked: Iterable[str] = (), strict: bool = False) -> EngineRecipe:
        return cls(
            config.settings, config.path, config.text, config.options, config.prefix, tuple(blocked), strict
        )

    def __call__(self) -> Engine:
        config = Config(self.settings, self.path, self.text, self.options, self.prefix)
        return Engine(config, get_plugin_manager(blocked=self.blocked, strict=self.strict))


class Engine(VerdictFinishing):
    """A configured checker: build once per run (or per worker process), check many articles."""

    def __init__(
        self,
        config: Config | None = None,
        pm: FactcheckPluginManager | None = None,
        use_baseline: bool = True,
    ) -> None:
        self.config = config or Config()
        self.pm = pm or get_plugin_manager()
        configure_plugins(self.pm, self.config)
        self.registry: Registry = build_registry(self.pm, self.config)
        self.policy = self.registry.policy(self.config.settings.combine.policy)
        self.deadlines = Deadlines()
        self.fail_on = fail_level(self.config.settings.check.fail_on)
        providers = collect_providers(self.pm, self.config)
        # Built on first use: a run without providers never imports the HTTP stack.
        self.lazy_evidence = LazyEvidence(providers, self.config.settings.network)
        if providers:  # configured providers will run: open the cache now, so a bad path is a config error
            self.lazy_evidence.get()
        self.verifiers = VerifierRunner(self.config, self.registry.rules, self.deadlines, self.lazy_evidence)
        baseline = self.config.settings.check.baseline
        self.baseline = Baseline.load(Path(baseline)) if baseline and use_baseline else None

    @property
    def max_bytes(self) -> int:
        """``[check] max_article_bytes``: the largest article file ``read_bytes`` accepts."""
        return self.config.settings.check.max_article_bytes

    @property
    def evidence(self) -> EvidenceService:
        """The run's evidence service (providers, guarded fetcher), built on first use."""
        return self.lazy_evidence.get()

    @property
    def tool(self) -> ToolInfo:
        from factcheck import __version__

        infos = plugin_infos(self.pm)
        return ToolInfo(version=__version__, plugins={i.name: i.version for i in infos})

    # --- loading --------------------------------------------------------------------------------

    def load(self, path: str, text: str) -> Article:
        """Parse decoded text with the first loader that accepts it."""
        return self._load(path, text)[0]

    def _load(self, path: str, text: str) -> tuple[Article, list[HookFailure]]:
        found, loader, failures = call_first(
            self.pm, self.pm.hook.load_article, path=path, text=text, config=self.config
        )
        if not isinstance(found, Article):
            if found is not None:
                failures.append(
                    (loader, "load_article", TypeError(f"returned {type(found).__name__}, not an Article"))
                )
            detail = "; ".join(f"plugin {p} failed: {type(e).__name__}: {e}" for p, _, e in failures)
            raise ArticleError(f"no loader accepts this file{'; ' + detail if detail else ''}", path)
        return found, failures

    # --- checking -------------------------------------------------------------------------------

    def check_file(self, path: str, data: bytes | None = None) -> ArticleReport:
        """Check one file (``data`` given for stdin); input problems become a report, not a raise."""
        try:
            text = decode(read_bytes(path, self.max_bytes) if data is None else data, path)
        except InputError as exc:
            return self.problem_report(path, exc)
        return self.check_text(text, path)

    def article_paths(self, paths: Iterable[str]) -> Iterator[str | ArticleError]:
        """Files as given, folders searched for the configured article suffixes."""
        return expand_paths(paths, self.config.settings.check.extensions)

    def analyse(self, path: str, data: bytes | None = None) -> VerifyContext:
        """Read one file into the view a verifier gets, without verifying: what a plugin's
        command (``factcheck index``) reads articles with. Input problems raise ``InputError``."""
        text = decode(read_bytes(path, self.max_bytes) if data is None else data, path)
        article = mask_boilerplate(self.load(path, text), self.registry.rules)
        statements = make_statements(article, self.pm, self.config, self.deadlines)[0]
        return VerifyContext(article, statements, self.config, self.registry.rules, "", self.lazy_evidence)

    def check_text(self, text: str, path: str = "<string>", date: dt.date | None = None) -> ArticleReport:
        """Check decoded text; input problems and crashes become a report, never a raise, so one
        article's trouble never costs the rest of the run. ``date`` is the publication date for an
        article whose front matter gives none."""
        try:
            article, failures = self._load(path, text)
            if date is not None and article.meta.date is None:
                article = article.model_copy(update={"meta": article.meta.model_copy(update={"date": date})})
            return self.check_article(article, failures)
        except InputError as exc:
            return self.problem_report(path, exc)
        except Exception as exc:
            detail = " ".join(f"{type(exc).__name__}: {exc}".split())
            return self.problem_report(path, InputError(f"internal error: {detail}", path), True)

    def problem_report(self, path: str, exc: InputError, internal: bool = False) -> ArticleReport:
        problem = InputProblem(
            path=exc.path or path, line=exc.line, column=exc.column, message=exc.message, internal=internal
        )
        outcome = ArticleOutcome(status=Status.ERROR, worst_severity=Severity.ERROR, policy=self.policy.name)
        return ArticleReport(path=path, outcome=outcome, problems=(problem,))

    def _statements(
        self, article: Article, directives: list[Directive]
    ) -> tuple[Article, list[Statement], list[HookFailure]]:
        """The article's plugin pipeline; each hook implementation runs under the stage limit."""
        masked = mask_boilerplate(mask_directives(article, directives), self.registry.rules)
        return (masked, *make_statements(masked, self.pm, self.config, self.deadlines))

    def check_article(self, article: Article, load_failures: Sequence[HookFailure] = ()) -> ArticleReport:
        timings: dict[str, float] = {}
        started = time.perf_counter()
        directives = find_directives(article.source)
        article, statements, failures = self._statements(article, directives)
        timings["statements"] = time.perf_counter() - started
        verdicts = self._hook_failures(article, statements, [*load_failures, *failures])
        for verifier in self.registry.verifiers:
            began = time.perf_counter()
            verdicts.extend(self.verifiers.run(verifier, article, statements))
            timings[f"verifier:{verifier.name}"] = time.perf_counter() - began
        verdicts = self._finish(
            article, statements, [*verdicts, *self._unreasoned(article, statements, directives)]
        )
        verdicts, problems, used = self._suppress(article, statements, verdicts, directives)
        verdicts.extend(
            self._finish(article, statements, self._unused(article, statements, directives, used))
        )
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
            attributions=tuple(attributions_of(statements)),
            outcome=outcome,
            problems=tuple(problems),
            skipped_checks=self._skipped(article.path),
            timings=timings,
        )

    def _skipped(self, path: str) -> tuple[str, ...]:
        service = self.lazy_evidence.service
        return service.pop_skipped(path) if service is not None else ()

    def close(self) -> None:
        self.verifiers.close()
        if self.lazy_evidence.service is not None:
            self.lazy_evidence.service.close()


def configure_plugins(pm: FactcheckPluginManager, config: Config) -> None:
    """Call every ``configure`` implementation on its own: a failure is a load error naming the
    plugin (one line, exit 2), not a traceback."""
    for impl in reversed(pm.hook.configure.get_hookimpls()):
        try:
            impl.function(**{name: config for name in impl.argnames})
        except InputError:
            raise
        except Exception as exc:
            raise PluginLoadError(impl.plugin_name, f"configure failed: {type(exc).__name__}: {exc}") from exc
