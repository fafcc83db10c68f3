"""The default extractor: quantities, dates, entities, quotations and attributions, and the
check-worthiness score. Each part is a plain function in ``factcheck.text``; this plugin only
wires them to the hooks. Other plugins add annotations through the same hook (an NER model, a
newsroom's own gazetteer) and the core merges them."""

from __future__ import annotations

import re
import weakref
from pathlib import Path

from factcheck.config.settings import Config
from factcheck.model.article import Annotation, Article, DateMention, Entity, Quantity, Statement
from factcheck.plugin_system.hookspecs import hookimpl
from factcheck.rules.packs import RuleSet, shipped_rules
from factcheck.text.attribution import extract_attributions
from factcheck.text.checkworthiness import score_checkworthiness as score_text
from factcheck.text.dates import dates_in_spans
from factcheck.text.entities import extract_entities
from factcheck.text.ledger import build_ledger, lexicon_synonyms, shipped_synonyms
from factcheck.text.numbers import lower_aligned
from factcheck.text.quantities import quantities_in_spans
from factcheck.text.quotes import find_quotations
from factcheck.text.speech_lexicons import Lexicons, default_lexicons, lexicons_from

_LEXICONS: weakref.WeakKeyDictionary[RuleSet, Lexicons] = weakref.WeakKeyDictionary()


def lexicons_for(config: Config) -> Lexicons:
    """The run's lexicons (shipped packs merged with the newsroom's), compiled once per run."""
    rules = config.rules
    if rules is None:
        return default_lexicons()
    found = _LEXICONS.get(rules)
    if found is None:
        found = _LEXICONS[rules] = lexicons_from(rules.lexicons)
    return found


_WORD = re.compile(r"[^\W\d_][\w’'-]*")
_SMALL_WORDS = frozenset("a an and as at but by for in of on or the to vs via with".split())


def _title_case(text: str) -> bool:
    """A Title Case Headline: capitals there mark headline style, not names, so a run like
    "America Ferrera Sent Donald Trump A Message" must not become one person."""
    words = [w for w in _WORD.findall(text) if w.lower() not in _SMALL_WORDS]
    if len(words) < 4:
        return False
    capitalised = sum(1 for w in words if w[0].isupper())
    return capitalised == len(words)


@hookimpl
def rule_paths(config: Config) -> list[Path]:
    return [shipped_rules("lexicons")]


@hookimpl(trylast=True)
def extract_annotations(article: Article, statements: list[Statement], config: Config) -> list[Annotation]:
    plain = article.plain
    reference = article.meta.date or config.settings.check.date
    lexicons = lexicons_for(config)
    found: list[Annotation] = []
    entities = []
    # Quantities and dates: one call each for the whole article, lower-cased once.
    spans = [(statement.start, statement.end) for statement in statements]
    low = lower_aligned(plain)
    dates = dates_in_spans(plain, spans, reference, low)
    quantities = quantities_in_spans(plain, spans, dates, low)
    for mentions, figures in zip(dates, quantities, strict=True):
        found.extend(mentions)
        found.extend(figures)
    for statement in statements:
        if not _title_case(plain[statement.start : statement.end]):
            entities.extend(extract_entities(plain, statement.start, statement.end, lexicons))
    _keep_ledger(article, statements, dates, quantities, entities, config)
    quotations = find_quotations(plain, article.blocks)
    found.extend(entities)
    found.extend(quotations)
    found.extend(extract_attributions(plain, article.blocks, quotations, entities, lexicons))
    return found


_SYNONYMS: weakref.WeakKeyDictionary[RuleSet, dict[str, int]] = weakref.WeakKeyDictionary()


def _keep_ledger(
    article: Article,
    statements: list[Statement],
    dates: list[list[DateMention]],
    quantities: list[list[Quantity]],
    entities: list[Entity],
    config: Config,
) -> None:
    """Build the article's ledger of quantities from what was just extracted and keep it with the
    article (``factcheck.text.ledger.article_ledger`` hands it to every plugin)."""
    rules = config.rules
    if rules is None:
        synonyms = shipped_synonyms()
    else:
        synonyms = _SYNONYMS.get(rules)  # type: ignore[assignment]
        if synonyms is None:
            synonyms = _SYNONYMS[rules] = lexicon_synonyms(rules.lexicons) or shipped_synonyms()
    article._ledger = build_ledger(article.plain, statements, quantities, dates, entities, synonyms)


@hookimpl(trylast=True)
def score_checkworthiness(statement: Statement, article: Article) -> float:
    return score_text(article.plain[statement.start : statement.end], statement.kinds)
