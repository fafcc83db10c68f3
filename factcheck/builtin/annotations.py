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
from factcheck.text.entities import article_entities
from factcheck.text.ledger import build_ledger, lexicon_synonyms, shipped_synonyms
from factcheck.text.numbers import lower_aligned
from factcheck.text.quantities import quantities_in_spans
from factcheck.text.quotes import find_quotations
from factcheck.text.scanner import Scan, article_scan
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


_JOINERS = "’'-"  # what a ``_WORD`` word runs on through, besides word characters


def _plainly_not_title_case(scan: Scan, start: int, end: int) -> bool:
    """A quick "no" for ``_title_case(plain[start:end])`` from the article's scan: a word of the
    scan inside the span that starts with a letter that is not a capital, is not a small word, and
    is a whole ``_WORD`` word (nothing it runs on through on either side). Nearly every sentence
    has one within its first few words; the rest take the full test."""
    text = scan.text
    first = scan.at(start)
    if first is not None and scan.starts[first] < start:
        return False  # the span starts inside a word: leave it to the full test
    starts, ends, lower = scan.starts, scan.ends, scan.lower
    for index in scan.between(start, end):
        a, b = starts[index], ends[index]
        head = text[a]
        if not head.isalpha() or head.isupper() or lower[index] in _SMALL_WORDS:
            continue
        if a > start and (text[a - 1] in _JOINERS or text[a - 1].isalnum() or text[a - 1] == "_"):
            continue
        if b < end and text[b] in _JOINERS:
            continue
        return True
    return False


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
    scan = article_scan(article)
    spans = [
        (s.start, s.end)
        for s in statements
        if _plainly_not_title_case(scan, s.start, s.end) or not _title_case(plain[s.start : s.end])
    ]
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
    # Quantities and dates: one call each for the whole article, lower-cased once.
    spans = [(statement.start, statement.end) for statement in statements]
    low = lower_aligned(plain)
    dates = dates_in_spans(plain, spans, reference, low)
    quantities = quantities_in_spans(plain, spans, dates, low)
    for mentions, figures in zip(dates, quantities, strict=True):
        found.extend(mentions)
        found.extend(figures)
    speech = speech_annotations(article, statements, lexicons_for(config))
    entities = [a for a in speech if isinstance(a, Entity)]
    _keep_ledger(article, statements, dates, quantities, entities, config)
    found.extend(speech)
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
