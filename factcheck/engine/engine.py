"""Where verdicts are made: one article in, one ``ArticleReport`` out.

``Engine`` owns a run's plugin manager, configuration and registry. For each article it loads
the file (``load_article``), makes statements (``factcheck.engine.pipeline``), calls every registered
verifier under a deadline (``factcheck.engine.isolation``), and combines the verdicts with the
configured policy. Input problems become a report with a one-line problem, never an exception,
so the other articles in a run are still checked.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import re
import stat
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from factcheck.config.settings import Config, Settings
from factcheck.engine.deadline import Deadlines
from factcheck.engine.pipeline import make_statements, mask_boilerplate
from factcheck.engine.verification import VerifierRunner
from factcheck.errors import ArticleError, InputError, PluginLoadError
from factcheck.model.article import Article, Span, Statement
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
from factcheck.workflow.paths import expand_paths, not_regular, shown
from factcheck.workflow.review import Decisions
from factcheck.workflow.suppress import (
    Directive,
    find_directives,
    mask_directives,
    suppressions,
    unreasoned,
    unused,
)

if TYPE_CHECKING:
    from factcheck.network.evidence import EvidenceService

_SPACE = re.compile(r"\s+")
_LINE_BREAK = re.compile(rb"\r\n|\r|\n")


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
        lines = _LINE_BREAK.split(data[: exc.start])  # \n, \r\n and a lone \r, as Article.line_col
        line, column = len(lines), len(lines[-1]) + 1
        bad = data[exc.start : exc.start + 1].hex()
        raise ArticleError(
            f"not valid UTF-8 (byte 0x{bad}); save the file as UTF-8", path, line, column
        ) from None


def read_bytes(path: str, limit: int | None = None) -> bytes:
    """A regular file's bytes, at most ``limit`` of them; anything else is an ``ArticleError``
    naming it: an unreadable file, one that is not a regular file (a FIFO would block for ever,
    ``/dev/zero`` would fill memory: opened without blocking and refused before any read), one
    over ``limit`` bytes (``[check] max_article_bytes``)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise _unreadable(path, exc) from None
    with open(fd, "rb") as handle:
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                raise not_regular(path, info.st_mode)
            data = handle.read() if limit is None else handle.read(limit + 1)
        except OSError as exc:
            raise _unreadable(path, exc) from None
    if limit is not None and len(data) > limit:
        size = max(info.st_size, len(data))
        raise ArticleError(
            f"file is {size} bytes, over the limit of {limit} bytes ([check] max_article_bytes)", shown(path)
        )
    return data


def _unreadable(path: str, exc: OSError) -> ArticleError:
    return ArticleError(f"cannot read file: {(exc.strerror or str(exc)).lower()}", shown(path))


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


class Engine:
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
                problem = directive.problem
                codes = ",".join(directive.codes)
                message = f"malformed factcheck directive for {codes}: {problem}" if problem else None
                found.append(context.verdict(statement, "FC004", span=span, message=message, codes=codes))
        return found

    def _suppress(
        self,
        article: Article,
        statements: list[Statement],
        verdicts: list[Verdict],
        directives: list[Directive],
    ) -> tuple[list[Verdict], list[InputProblem], dict[int, int]]:
        """Inline suppressions, then the editors' review decisions, then the baseline. A broken
        review file is a problem line; the article's findings are still reported. Also returns,
        per directive, how many findings it silenced."""
        spans = suppressions(directives, statements, len(article.source))
        used: dict[int, int] = {}
        if spans:
            by_id = {s.id: s for s in statements}
            marked = []
            for verdict in verdicts:
                offset = verdict.start if verdict.start is not None else by_id[verdict.statement_id].start
                hit = next((s for s in spans if s.applies(verdict.rule, offset)), None)
                if hit is not None and verdict.suppressed is None and verdict.rule != "FC004":
                    verdict = verdict.model_copy(update={"suppressed": f"inline: {hit.reason}"})
                    used[hit.directive] = used.get(hit.directive, 0) + 1
                marked.append(verdict)
            verdicts = marked
        problems: list[InputProblem] = []
        if Path(article.path).is_file():
            try:
                verdicts = Decisions.for_article(article.path).apply(verdicts)
            except InputError as exc:
                problems.append(
                    InputProblem(path=exc.path, line=exc.line, column=exc.column, message=exc.message)
                )
        if self.baseline is not None:
            verdicts = self.baseline.apply(article.path, verdicts)
        return verdicts, problems, used

    def _unused(
        self, article: Article, statements: list[Statement], directives: list[Directive], used: dict[int, int]
    ) -> list[Verdict]:
        """FC005 for each reasoned directive that silenced nothing: a stale comment would let an
        editor believe a finding is being silenced when there is none."""
        if not statements or not self.registry.rules.enabled("FC005"):
            return []
        context = VerifyContext(article, statements, self.config, self.registry.rules, "factcheck")
        found = []
        for directive in unused(directives, used):
            statement = next((s for s in statements if s.start >= directive.end), statements[-1])
            span = Span(start=directive.start, end=directive.end)
            found.append(context.verdict(statement, "FC005", span=span, codes=",".join(directive.codes)))
        return found

    def _hook_failures(
        self, article: Article, statements: list[Statement], failures: Sequence[HookFailure]
    ) -> list[Verdict]:
        if not statements:
            return []
        context = VerifyContext(article, statements, self.config, self.registry.rules, "")
        return [
            context.verdict(
                statements[0], "FC003", plugin=plugin, hook=hook, detail=f"{type(exc).__name__}: {exc}"
            ).model_copy(update={"verifier": plugin})
            for plugin, hook, exc in failures
        ]

    def _finish(
        self, article: Article, statements: list[Statement], verdicts: Iterable[Verdict]
    ) -> list[Verdict]:
        """Keep selected rules; add positions and fingerprints; order by position."""
        by_id = {s.id: s for s in statements}
        normalised: dict[str, str] = {}
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
                        or fingerprint(verdict.rule, _cached_normal(normalised, statement), detail),
                    }
                )
            )
        finished.sort(key=lambda v: (v.line or 0, v.column or 0, v.rule))
        return finished

    def close(self) -> None:
        self.verifiers.close()
        if self.lazy_evidence.service is not None:
            self.lazy_evidence.service.close()


def _cached_normal(cache: dict[str, str], statement: Statement) -> str:
    """A statement's whitespace-normalised text, computed once however many findings it has."""
    if statement.id not in cache:
        cache[statement.id] = _SPACE.sub(" ", statement.text).strip()
    return cache[statement.id]


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
