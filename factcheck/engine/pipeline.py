"""Where statements are made: from a loaded article to annotated, scored statements.

The stages run in a fixed order, each a hook so plugins can replace or extend it:
boilerplate masking (rules of ``extends = "boilerplate"``), ``split_statements``,
``extract_annotations`` (every plugin contributes), ``score_checkworthiness``.
"""

from __future__ import annotations

import bisect
import weakref
from collections.abc import Sequence

from factcheck.config.settings import Config
from factcheck.engine.deadline import Deadlines, StageTimeout
from factcheck.errors import InputError
from factcheck.model.article import (
    Annotation,
    Article,
    Attribution,
    DateMention,
    Entity,
    Quantity,
    Quotation,
    Statement,
)
from factcheck.plugin_system.manager import FactcheckPluginManager, HookFailure, single_calls
from factcheck.rules.packs import BoilerplateRule, RuleSet
from factcheck.rules.safe_regex import SafePattern

_ANNOTATION_TYPES = (Quantity, DateMention, Entity, Quotation, Attribution)
_KIND_OF = {
    Quantity: "quantity",
    DateMention: "date",
    Entity: "entity",
    Quotation: "quote",
    Attribution: "attribution",
}


_BOILERPLATE: weakref.WeakKeyDictionary[RuleSet, list[SafePattern]] = weakref.WeakKeyDictionary()


def _boilerplate_patterns(rules: RuleSet) -> list[SafePattern]:
    """The enabled boilerplate patterns, compiled once per run (not once per article)."""
    found = _BOILERPLATE.get(rules)
    if found is None:
        found = _BOILERPLATE[rules] = [p for rule in rules.of_type(BoilerplateRule) for p in rule.compiled()]
    return found


def mask_boilerplate(article: Article, rules: RuleSet) -> Article:
    """Blank out blocks that boilerplate rules recognise, so they never become statements."""
    patterns = _boilerplate_patterns(rules)
    if not patterns:
        return article
    keep = []
    plain = article.plain
    pieces: list[str] = []
    cursor = 0
    for block in article.blocks:
        text = plain[block.start : block.end]
        if any(p.match(text) for p in patterns):
            pieces.append(plain[cursor : block.start])
            pieces.append("".join(ch if ch == "\n" else " " for ch in text))
            cursor = block.end
        else:
            keep.append(block)
    if len(keep) == len(article.blocks):
        return article
    pieces.append(plain[cursor:])
    return article.model_copy(update={"plain": "".join(pieces), "blocks": tuple(keep)})


def _span_of(item: Annotation) -> tuple[int, int]:
    return item.start, item.end


def _assign(statements: list[Statement], annotations: Sequence[Annotation]) -> list[list[Annotation]]:
    """Each statement's annotations: those whose span overlaps it, in text order."""
    starts = [s.start for s in statements]
    ends = [s.end for s in statements]
    count = len(statements)
    owned: list[list[Annotation]] = [[] for _ in statements]
    seen: set[tuple[str, int, int, str]] = set()
    for item in sorted(annotations, key=_span_of):
        start, end = item.start, item.end
        key = (item.type, start, end, getattr(item, "text", ""))
        if key in seen:
            continue
        seen.add(key)
        stop = end if end > start else start + 1
        index = bisect.bisect_right(starts, start) - 1
        if index < 0:
            index = 0
        while index < count:
            if starts[index] >= stop:
                break
            if start < ends[index] and stop > starts[index]:
                owned[index].append(item)
            index += 1
    return owned


def _kinds(annotations: Sequence[Annotation]) -> tuple[str, ...]:
    kinds = {_KIND_OF[type(a)] for a in annotations if type(a) in _KIND_OF}
    if any(isinstance(a, Quantity) and a.kind in ("multiplier", "fraction") for a in annotations):
        kinds.add("comparison")
    return tuple(sorted(kinds))


def _checked_statements(result: object, article: Article) -> list[Statement]:
    if not isinstance(result, list) or not all(isinstance(s, Statement) for s in result):
        raise TypeError(f"split_statements must return a list of Statement, not {type(result).__name__}")
    for statement in result:
        if not 0 <= statement.start < statement.end <= len(article.source):
            raise ValueError(
                f"statement {statement.id} span {statement.start}:{statement.end} is outside the article"
            )
    return result


def _checked_annotations(result: object, article: Article) -> list[Annotation]:
    if result is None:
        return []
    if not isinstance(result, list) or not all(isinstance(a, _ANNOTATION_TYPES) for a in result):
        raise TypeError("extract_annotations must return a list of annotations (Quantity, DateMention, ...)")
    for item in result:
        if item.end > len(article.source):
            raise ValueError(f"{item.type} span {item.start}:{item.end} is outside the article")
    return result


def _score(value: object) -> float:
    score = float(value)  # type: ignore[arg-type]  # a plugin's number; checked right here
    if not 0.0 <= score <= 1.0:  # NaN fails this too
        raise ValueError(f"check-worthiness must be in [0, 1], not {score!r}")
    return score


class _Stage:
    """One plugin's hook implementation under the stage limit. Used as ``with guard.stage(...)``:
    an exception or a timeout inside is recorded against the plugin (the engine reports it as
    ``FC003``) and suppressed, and ``ok`` tells the caller whether the body finished. Input
    errors (the article itself is malformed) still propagate."""

    def __init__(self, guard: _Guard, plugin: str, hook: str) -> None:
        self.guard, self.plugin, self.hook = guard, plugin, hook
        self.ok = False
        self._limit = guard.deadlines.limit(guard.timeout)

    def __enter__(self) -> _Stage:
        self._limit.__enter__()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: object) -> bool:
        try:
            self._limit.__exit__(kind, error, tb)  # type: ignore[arg-type]
        except StageTimeout:  # the limit was passed while the body was finishing
            kind, error = StageTimeout, StageTimeout()
        if kind is None:
            self.ok = True
            return False
        if isinstance(error, StageTimeout):
            failure: BaseException = TimeoutError(f"did not finish within {self.guard.timeout:g} s")
        elif isinstance(error, Exception) and not isinstance(error, InputError):
            failure = error  # a plugin's bug must not cost the article its other checks
        else:
            return False
        self.guard.failures.append((self.plugin, self.hook, failure))
        return True


class _Guard:
    def __init__(self, deadlines: Deadlines, timeout: float) -> None:
        self.deadlines = deadlines
        self.timeout = timeout
        self.failures: list[HookFailure] = []

    def stage(self, plugin: str, hook: str) -> _Stage:
        return _Stage(self, plugin, hook)


def make_statements(
    article: Article, pm: FactcheckPluginManager, config: Config, deadlines: Deadlines | None = None
) -> tuple[list[Statement], list[HookFailure]]:
    """Split, annotate and score: the statements of one article, ready for verifiers.

    Every plugin runs on its own, under the stage time limit, and its output is checked: one that
    raises, hangs or returns junk is returned as a failure (the engine reports it as an ``FC003``
    verdict naming the plugin) and the next splitter or scorer is tried, the other annotators'
    results kept.
    """
    guard = _Guard(deadlines or Deadlines(), config.settings.check.timeout)
    hook = pm.hook
    statements: list[Statement] = []
    for plugin, call in single_calls(pm, hook.split_statements):
        with guard.stage(plugin, "split_statements") as stage:
            split = call(article=article, config=config)
            if split is not None:
                statements = _checked_statements(split, article)
        if stage.ok and split is not None:
            break
    annotations: list[Annotation] = []
    for plugin, call in single_calls(pm, hook.extract_annotations):
        with guard.stage(plugin, "extract_annotations"):
            found = _checked_annotations(call(article=article, statements=statements, config=config), article)
            annotations.extend(found)
    result = [
        statement.model_copy(update={"annotations": tuple(mine), "kinds": _kinds(mine)})
        for statement, mine in zip(statements, _assign(statements, annotations), strict=True)
    ]
    pending = list(range(len(result)))  # statements no scorer has scored yet
    for plugin, call in single_calls(pm, hook.score_checkworthiness):
        if not pending:
            break
        unscored: list[int] = []
        done = 0
        with guard.stage(plugin, "score_checkworthiness"):
            for index in pending:
                value = call(statement=result[index], article=article, config=config)
                if value is None:
                    unscored.append(index)
                else:  # our own fresh copy, not yet handed to a verifier: set in place
                    object.__setattr__(result[index], "checkworthiness", _score(value))
                done += 1
        pending = unscored + pending[done:]  # a scorer that failed leaves the rest to the next
    return result, guard.failures
