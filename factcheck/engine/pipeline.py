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
from factcheck.plugin_system.manager import FactcheckPluginManager, HookFailure, call_each, call_first
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


def _assign(statements: list[Statement], annotations: Sequence[Annotation]) -> list[list[Annotation]]:
    """Each statement's annotations: those whose span overlaps it, in text order."""
    starts = [s.start for s in statements]
    owned: list[list[Annotation]] = [[] for _ in statements]
    seen: set[tuple[str, int, int, str]] = set()
    for item in sorted(annotations, key=lambda a: (a.start, a.end)):
        key = (item.type, item.start, item.end, getattr(item, "text", ""))
        if key in seen:
            continue
        seen.add(key)
        first = max(bisect.bisect_right(starts, item.start) - 1, 0)
        for index in range(first, len(statements)):
            statement = statements[index]
            if statement.start >= max(item.end, item.start + 1):
                break
            if item.start < statement.end and max(item.end, item.start + 1) > statement.start:
                owned[index].append(item)
    return owned


def _kinds(annotations: Sequence[Annotation]) -> tuple[str, ...]:
    kinds = {_KIND_OF[type(a)] for a in annotations if type(a) in _KIND_OF}
    if any(isinstance(a, Quantity) and a.kind in ("multiplier", "fraction") for a in annotations):
        kinds.add("comparison")
    return tuple(sorted(kinds))


class Progress:
    """Which plugin hook an article's pipeline is in, so a hang can be blamed on the right plugin."""

    def __init__(self) -> None:
        self.where: tuple[str, str] = ("", "")  # (hook, plugin)


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


def make_statements(
    article: Article, pm: FactcheckPluginManager, config: Config, progress: Progress | None = None
) -> tuple[list[Statement], list[HookFailure]]:
    """Split, annotate and score: the statements of one article, ready for verifiers.

    Every plugin runs on its own and its output is checked: one that raises or returns junk is
    returned as a failure (the engine reports it as an ``FC003`` verdict naming the plugin) and
    the next splitter or scorer is tried, the other annotators' results kept.
    """
    progress = progress or Progress()
    hook = pm.hook
    failures: list[HookFailure] = []
    progress.where = ("split_statements", "")
    split, splitter, failed = call_first(pm, hook.split_statements, article=article, config=config)
    failures += failed
    statements: list[Statement] = []
    try:
        statements = _checked_statements(split or [], article)
    except (TypeError, ValueError) as exc:
        failures.append((splitter, "split_statements", exc))
    annotations: list[Annotation] = []
    for plugin, call, kwargs in call_each(
        pm, hook.extract_annotations, article=article, statements=statements, config=config
    ):
        progress.where = ("extract_annotations", plugin)
        try:
            annotations.extend(_checked_annotations(call(**kwargs), article))
        except Exception as exc:  # a plugin's bug must not cost the article its other checks
            failures.append((plugin, "extract_annotations", exc))
    owned = _assign(statements, annotations)
    result = []
    failed_scorers: set[str] = set()
    for statement, mine in zip(statements, owned, strict=True):
        annotated = statement.model_copy(update={"annotations": tuple(mine), "kinds": _kinds(mine)})
        progress.where = ("score_checkworthiness", "")
        score, scorer, failed = call_first(
            pm, hook.score_checkworthiness, statement=annotated, article=article, config=config
        )
        for failure in failed:
            if failure[0] not in failed_scorers:
                failed_scorers.add(failure[0])
                failures.append(failure)
        if score is not None:
            try:
                annotated = annotated.model_copy(update={"checkworthiness": _score(score)})
            except (TypeError, ValueError) as bad_score:
                if scorer not in failed_scorers:
                    failed_scorers.add(scorer)
                    failures.append((scorer, "score_checkworthiness", bad_score))
        result.append(annotated)
    return result, failures
