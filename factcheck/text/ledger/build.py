"""Building an article's ledger: one entry per quantity with its referent, time and owner,
the sentence of each statement, the conversions written side by side, and the synonym groups
of the ``referent_synonyms`` lexicon. Built once per article by the core's annotator; a plugin
reads it through ``factcheck.plugin.article_ledger``."""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

from factcheck.model.article import DateMention, Entity, Quantity
from factcheck.rules.packs import Lexicon, load_rule_file
from factcheck.text.ledger.entries import UNIT_SIZES, Conversion, Entry, Ledger
from factcheck.text.ledger.referents import (
    action_of,
    elided_referent,
    referent_of,
    words_after,
    written_scale,
)
from factcheck.text.ledger.times import (
    EARLIER_PERIODS,
    PRESENT_PERIODS,
    leading_time,
    period_nearest,
    periods_in,
    year_gap,
    year_near,
)
from factcheck.text.ledger.words import STOP_WORDS, VERBISH, lemma

if TYPE_CHECKING:
    from factcheck.model.article import Article, Statement
_CONVERSION_GAP = re.compile(
    r"^\s*(?:\(\s*(?:or\s+|about\s+|around\s+|roughly\s+|some\s+)?|,\s*(?:or|about|around|roughly|some)\s+(?:about\s+|around\s+|roughly\s+|some\s+)?)$",
    re.I,
)


def synonym_groups(entries: Iterable[str]) -> dict[str, int]:
    """``referent_synonyms`` lexicon entries ("job cut | redundancy | job loss") -> phrase -> group."""
    groups: dict[str, int] = {}
    for number, entry in enumerate(entries):
        for phrase in entry.split("|"):
            words = [lemma(w) for w in phrase.split()]
            if words:
                groups.setdefault(" ".join(words), number)
    return groups


_INCREMENT_BEFORE = re.compile(
    r"\b(?:a\s+further|another|an\s+extra|an\s+additional|additional|further|extra)\s+"
    r"(?:(?:about|around|some|nearly|almost|over|more\s+than)\s+)?$",
    re.I,
)


def build_ledger(
    plain: str,
    statements: Sequence[Statement] | Sequence[tuple[int, int, int]],
    quantities: Sequence[Sequence[Quantity]],
    dates: Sequence[Sequence[DateMention]] = (),
    entities: Sequence[Entity] = (),
    synonyms: Mapping[str, int] | None = None,
) -> Ledger:
    """The ledger of an article: ``statements`` (or ``(start, end, block)`` triples) and, for
    each, its quantities (and date mentions, for times); ``entities`` give owners."""
    spans: list[tuple[int, int, int]] = [
        (s.start, s.end, s.block) if not isinstance(s, tuple) else s for s in statements
    ]
    names = sorted(entities, key=lambda e: e.start)
    name_starts = [e.start for e in names]
    entries: list[Entry] = []
    seen: set[tuple[int, int]] = set()
    for index, ((lo, hi, block), found) in enumerate(zip(spans, quantities, strict=True)):
        if not found:
            continue
        years = [q for q in found if q.kind == "year"]
        mentions = dates[index] if index < len(dates) else ()
        periods = periods_in(plain, lo, hi)
        leading: tuple[int | None, str | None, int] | None = None
        for q in sorted(found, key=lambda x: x.start):
            if (q.start, q.end) in seen or q.kind in ("year", "ordinal"):
                continue
            seen.add((q.start, q.end))
            referent, increment = referent_of(plain, q, lo, hi)
            increment = increment or bool(_INCREMENT_BEFORE.search(plain, max(lo, q.start - 24), q.start))
            owner = None
            k = bisect.bisect_left(name_starts, q.start) - 1
            if k >= 0 and names[k].start >= lo and names[k].label in ("organisation", "person", "place"):
                owner = names[k].text
            year = year_near(q, years, mentions)
            period_gap = period_nearest(periods, q)
            period_match = period_gap[1] if period_gap else None
            if (
                year is not None
                and period_gap is not None
                and (EARLIER_PERIODS.match(period_gap[1]) or period_gap[1] in PRESENT_PERIODS)
                and period_gap[0] < year_gap(q, years, mentions)
            ):
                year = None  # "537m euros during 2004, from 798m euro a year ago": 798m is 2003's
            if year is None and period_match is None:
                if leading is None:
                    leading = leading_time(plain, lo, hi)
                lead_year, lead_period, lead_end = leading
                if lead_end <= q.start:
                    year, period_match = lead_year, lead_period
            entries.append(
                Entry(
                    index=len(entries),
                    quantity=q,
                    statement=index,
                    block=block,
                    referent=referent,
                    action=action_of(plain, q, lo),
                    increment=increment,
                    scale=written_scale(q.text),
                    owner=owner,
                    year=year,
                    period=period_match,
                )
            )
    for k, e in enumerate(entries):
        elided = elided_referent(entries, e, spans, plain)
        if elided:
            entries[k] = replace(e, elided=elided)
    ledger = Ledger(
        plain,
        tuple(entries),
        tuple((lo, hi) for lo, hi, _ in spans),
        dict(synonyms or {}),
        dates=tuple(tuple(d) for d in dates) if dates else (),
        statement_blocks=tuple(block for _, _, block in spans),
        sentences=tuple(_sentence_numbers(plain, spans)),
    )
    ledger._entities = (names, name_starts)
    ledger.conversions = tuple(_conversions(plain, ledger.entries))
    ledger.unit_conversions = tuple(_unit_conversions(plain, ledger.entries))
    return ledger


_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s*$")


def _sentence_numbers(plain: str, spans: Sequence[tuple[int, int, int]]) -> Iterator[int]:
    """Number the sentences: a statement that does not end a sentence (a clause) shares its
    number with the next one, as does every statement of one paragraph line without a stop."""
    number = 0
    for k, (lo, hi, block) in enumerate(spans):
        yield number
        nxt = spans[k + 1] if k + 1 < len(spans) else None
        if nxt is None or nxt[2] != block or _SENTENCE_END.search(plain, lo, hi):
            number += 1


def _conversions(plain: str, entries: Sequence[Entry]) -> Iterable[Conversion]:
    for a, b in itertools.pairwise(entries):
        if a.kind != "money" or b.kind != "money" or a.statement != b.statement:
            continue
        if not a.unit or not b.unit or a.unit == b.unit or "/" in a.unit or "/" in b.unit:
            continue
        if a.unit in ("cent", "pence", "sen") or b.unit in ("cent", "pence", "sen"):
            continue
        if a.quantity.high is not None or b.quantity.high is not None or a.value <= 0 or b.value <= 0:
            continue
        gap = plain[a.end : b.start]
        if len(gap) <= 14 and _CONVERSION_GAP.match(gap):
            referent = a.referent or b.referent
            if not referent:
                closing = re.match(r"\s*\)[ \t]*(?:[-–][ \t]*)?", plain[b.end : b.end + 6])
                if closing:
                    words = words_after(plain, b.end + closing.end(), len(plain), 2)
                    nouns = []
                    for word in words:
                        if word.lower() in STOP_WORDS or not word.islower() or word.lower() in VERBISH:
                            break
                        nouns.append(lemma(word))
                    referent = tuple(nouns)
            yield Conversion(a, b, referent)


def _unit_conversions(plain: str, entries: Sequence[Entry]) -> Iterable[Conversion]:
    """ "a 14-mile (23km) path", "3,050 metres (10,000ft)": one measure in two units side by side."""
    for a, b in itertools.pairwise(entries):
        if a.kind != "measure" or b.kind != "measure" or a.statement != b.statement:
            continue
        da, db = UNIT_SIZES.get(a.unit or ""), UNIT_SIZES.get(b.unit or "")
        if da is None or db is None or da[0] != db[0] or a.unit == b.unit:
            continue
        if a.quantity.high is not None or b.quantity.high is not None or a.value <= 0 or b.value <= 0:
            continue
        gap = plain[a.end : b.start]
        if len(gap) <= 14 and _CONVERSION_GAP.match(gap):
            referent = a.referent or b.referent
            if not referent:
                closing = re.match(r"\s*\)[ \t]*(?:[-–][ \t]*)?", plain[b.end : b.end + 6])
                if closing:
                    words = words_after(plain, b.end + closing.end(), len(plain), 2)
                    nouns = []
                    for word in words:
                        if word.lower() in STOP_WORDS or not word.islower() or word.lower() in VERBISH:
                            break
                        nouns.append(lemma(word))
                    referent = tuple(nouns)
            yield Conversion(a, b, referent)


@cache
def shipped_synonyms() -> dict[str, int]:
    """The synonym groups of the shipped ``referent_synonyms`` lexicon, read once per process."""
    loaded = load_rule_file(Path(str(files("factcheck_rules") / "lexicons" / "referent-synonyms.toml")), {})
    return synonym_groups(loaded.entries) if isinstance(loaded, Lexicon) else {}


def lexicon_synonyms(lexicons: Mapping[str, object]) -> dict[str, int]:
    """The synonym groups of a run's ``referent_synonyms`` lexicon (empty when there is none)."""
    lexicon = lexicons.get("referent_synonyms")
    entries = getattr(lexicon, "entries", None)
    return synonym_groups(entries) if entries else {}


def article_ledger(article: Article, statements: Sequence[Statement] | None = None) -> Ledger:
    """The ledger of ``article``: the one the core's annotator built, else one built now from the
    statements' annotations (an article annotated by other plugins only) and kept with it."""
    found: Ledger | None = article._ledger
    if found is not None and found.plain is article.plain:
        return found
    chosen = list(statements or ())
    ledger = build_ledger(
        article.plain,
        chosen,
        [s.of_type(Quantity) for s in chosen],
        [s.of_type(DateMention) for s in chosen],
        [e for s in chosen for e in s.of_type(Entity)],
        shipped_synonyms(),
    )
    article._ledger = ledger
    return ledger
