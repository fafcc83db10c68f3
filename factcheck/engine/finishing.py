"""What happens to an article's verdicts after the verifiers: the directives' own findings
(FC003 plugin failures, FC004 unreasoned and FC005 unused suppressions), inline suppressions,
the editors' review decisions and the baseline, then selected rules only, positions and
fingerprints, in text order.

A base class of ``Engine`` (which sets ``config``, ``registry`` and ``baseline``), kept apart so
the engine's own module reads as load, verify, combine.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from factcheck.config.settings import Config
from factcheck.errors import InputError
from factcheck.model.article import Article, Span, Statement
from factcheck.model.report import InputProblem, Verdict
from factcheck.plugin_system.manager import HookFailure
from factcheck.plugin_system.registry import Registry
from factcheck.plugin_system.verifier import VerifyContext
from factcheck.workflow.baseline import Baseline
from factcheck.workflow.review import Decisions
from factcheck.workflow.suppress import Directive, suppressions, unreasoned, unused

_SPACE = re.compile(r"\s+")


def fingerprint(rule: str, statement_text: str, finding_text: str = "") -> str:
    """A finding's identity that survives edits elsewhere: rule + normalised statement text."""
    normal = _SPACE.sub(" ", statement_text).strip().lower()
    detail = _SPACE.sub(" ", finding_text).strip().lower()
    return hashlib.sha1(f"{rule}\0{normal}\0{detail}".encode()).hexdigest()[:16]


class VerdictFinishing:
    """The steps between the verifiers' verdicts and the report's, for ``Engine``."""

    config: Config
    registry: Registry
    baseline: Baseline | None

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


def _cached_normal(cache: dict[str, str], statement: Statement) -> str:
    """A statement's whitespace-normalised text, computed once however many findings it has."""
    if statement.id not in cache:
        cache[statement.id] = _SPACE.sub(" ", statement.text).strip()
    return cache[statement.id]
