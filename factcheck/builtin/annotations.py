"""The default extractor: quantities, dates, entities, quotations and attributions, and the
check-worthiness score. Each part is a plain function in ``factcheck.text``; this plugin only
wires them to the hooks. Other plugins add annotations through the same hook (an NER model, a
newsroom's own gazetteer) and the core merges them."""

from __future__ import annotations

import re
import weakref
from pathlib import Path

from factcheck.config.settings import Config
from factcheck.model.article import Annotation, Article, Statement
from factcheck.plugin_system.hookspecs import hookimpl
from factcheck.rules.packs import RuleSet, shipped_rules
from factcheck.text.attribution import extract_attributions
from factcheck.text.checkworthiness import score_checkworthiness as score_text
from factcheck.text.dates import extract_dates
from factcheck.text.entities import article_entities
from factcheck.text.quantities import extract_quantities
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
    count = 0
    for match in _WORD.finditer(text):
        word = match.group()
        if word[0].isupper():
            count += word.lower() not in _SMALL_WORDS
        elif word.lower() not in _SMALL_WORDS:
            return False  # one lower-case content word settles it (most sentences: the second)
    return count >= 4


@hookimpl
def rule_paths(config: Config) -> list[Path]:
    return [shipped_rules("lexicons")]


def speech_annotations(article: Article, statements: list[Statement], lexicons: Lexicons) -> list[Annotation]:
    """Entities, quotations and attributions of one article."""
    plain = article.plain
    spans = [(s.start, s.end) for s in statements if not _title_case(plain[s.start : s.end])]
    entities: list[Annotation] = list(article_entities(plain, spans, lexicons))
    quotations = find_quotations(plain, article.blocks)
    attributions = extract_attributions(
        plain,
        article.blocks,
        quotations,
        entities,  # type: ignore[arg-type]
        lexicons,
        article._scan,  # used when another reader has already built the article's scan
    )
    return [*entities, *quotations, *attributions]


@hookimpl(trylast=True)
def extract_annotations(article: Article, statements: list[Statement], config: Config) -> list[Annotation]:
    plain = article.plain
    reference = article.meta.date or config.settings.check.date
    found: list[Annotation] = []
    for statement in statements:
        dates = extract_dates(plain, statement.start, statement.end, reference)
        found.extend(dates)
        found.extend(extract_quantities(plain, statement.start, statement.end, dates=dates))
    found.extend(speech_annotations(article, statements, lexicons_for(config)))
    return found


@hookimpl(trylast=True)
def score_checkworthiness(statement: Statement, article: Article) -> float:
    return score_text(article.plain[statement.start : statement.end], statement.kinds)
