"""Where statements are made: from a loaded article to annotated, scored statements.

The stages run in a fixed order, each a hook so plugins can replace or extend it:
boilerplate masking (rules of ``extends = "boilerplate"``), ``split_statements``,
``extract_annotations`` (every plugin contributes), ``score_checkworthiness``.
"""

from __future__ import annotations

import bisect
import re
import weakref
from collections.abc import Sequence

from factcheck.config import Config
from factcheck.models import (
    Annotation,
    Article,
    Attribution,
    DateMention,
    Entity,
    Quantity,
    Quotation,
    Statement,
)
from factcheck.plugins import FactcheckPluginManager, call_each
from factcheck.rules import BoilerplateRule, RuleSet

_KIND_OF = {
    Quantity: "quantity",
    DateMention: "date",
    Entity: "entity",
    Quotation: "quote",
    Attribution: "attribution",
}


_BOILERPLATE: weakref.WeakKeyDictionary[RuleSet, list[re.Pattern[str]]] = weakref.WeakKeyDictionary()


def _boilerplate_patterns(rules: RuleSet) -> list[re.Pattern[str]]:
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


def make_statements(
    article: Article, pm: FactcheckPluginManager, config: Config
) -> tuple[list[Statement], list[tuple[str, BaseException]]]:
    """Split, annotate and score: the statements of one article, ready for verifiers.

    Each annotation plugin runs on its own: one that raises is returned as a failure (the engine
    reports it as an ``FC003`` verdict naming the plugin) and the others' annotations are kept.
    """
    hook = pm.hook
    statements: list[Statement] = hook.split_statements(article=article, config=config) or []
    annotations: list[Annotation] = []
    failures: list[tuple[str, BaseException]] = []
    calls = call_each(pm, hook.extract_annotations, article=article, statements=statements, config=config)
    for plugin, function, kwargs in calls:
        try:
            annotations.extend(function(**kwargs) or [])
        except Exception as exc:  # a plugin's bug must not cost the article its other checks
            failures.append((plugin, exc))
    owned = _assign(statements, annotations)
    result = []
    for statement, mine in zip(statements, owned, strict=True):
        annotated = statement.model_copy(update={"annotations": tuple(mine), "kinds": _kinds(mine)})
        score = hook.score_checkworthiness(statement=annotated, article=article, config=config)
        if score is not None:
            annotated = annotated.model_copy(update={"checkworthiness": min(max(float(score), 0.0), 1.0)})
        result.append(annotated)
    return result, failures
