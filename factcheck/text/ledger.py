"""The article's ledger of quantities: every figure with what it counts, whose it is and when.

Relations between figures in real copy span sentences and paragraphs: a total in the second
paragraph and its parts in the fifth, a sum in dollars converted into pounds twice, "the 58
closures" restating "will close 85 branches". To check them a verifier needs more than the
quantity's value: it needs its **referent** (what it counts: "seats", "job cuts", "the budget"),
its **owner** (the name the clause is about), its **time** (a year or a period such as "last
year"), its **hedge** ("about", "more than") and its **scale** as written ("m", "billion"). The
ledger is built once per article by the core's annotator, from the quantities and dates it has
just extracted, and read by every plugin through ``factcheck.plugin.article_ledger`` (or
``VerifyContext.ledger``).

Referents are read with string operations from the few words around the figure: the counted
noun ("5,000 *jobs*", "1,500 *job cuts*", "the 460-*home* scheme"), the noun a sum is the amount
*of* ("*revenue* of £3bn", "a £12bn *programme*"), and the verb that acted on a count ("will
*close* 85 branches": the later "closures" may refer to it). Nouns are reduced to a lemma
(plural -> singular) and linked across sentences by lemma, head noun and the synonym groups of
the ``referent_synonyms`` lexicon (``rules/lexicons/referent-synonyms.toml``: "job cuts",
"jobs cut", "redundancies" are one thing). A link the ledger is not sure of is reported as
``None`` by :meth:`Ledger.link`, never as a guess: a verifier that needs a link then says nothing.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from factcheck.model.article import DateMention, Entity, Quantity
from factcheck.rules.packs import Lexicon, load_rule_file
from factcheck.text.units import CHANGE_VERBS

if TYPE_CHECKING:
    from factcheck.model.article import Article, Statement

Link = Literal["same", "synonym", "action"]

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_STOP = frozenset(
    """a an the and or but nor of to in on at for by from with without into onto over under about
    above below after before since until than as per via vs is are was were be been being has have
    had will would could should may might can must shall do does did not no that which who whom
    whose what when where why how this these those it its their his her our your my there here then
    so such also only just even still yet ago later earlier each every all both either neither any
    some more most less least many much few several other another same very too while if though
    because against among between through during including like near off out up down back around
    across along apiece times percent pct cent per said says say year years month months week weeks
    day days mln bln billion million thousand trillion bn m k dlrs dlr stg pounds dollars euros yen
    respectively""".split()
)
# Words written between a number and its noun that do not change what is counted.
_MODIFIERS = frozenset(
    """new more additional extra further other different separate key major minor small large big
    main top full whole successive young old senior junior former current local full-time part-time
    permanent temporary existing planned proposed remaining""".split()
)
_VERBISH = CHANGE_VERBS | frozenset(
    """took take takes made make makes went go goes came come comes saw see sees gave give gives
    paid pay pays spent spend spends earned earn earns raised raise raises will would has have had
    was were is are won win wins lost""".split()
)
_INCREMENT = frozenset("new more additional extra further another".split())
_IRREGULAR = {
    "people": "person", "men": "man", "women": "woman", "children": "child", "staff": "staff",
    "police": "police", "personnel": "personnel", "data": "data", "media": "media", "sheep": "sheep",
    "cattle": "cattle", "aircraft": "aircraft", "troops": "troop", "feet": "foot", "teeth": "tooth",
    "mice": "mouse", "geese": "goose", "lives": "life", "wives": "wife", "knives": "knife",
    "series": "series", "species": "species", "news": "news", "analyses": "analysis", "crises": "crisis",
}  # fmt: skip
_SCALE_OF = {
    "k": "thousand", "thousand": "thousand", "m": "million", "mn": "million", "mln": "million",
    "mil": "million", "million": "million", "b": "billion", "bn": "billion", "bln": "billion",
    "billion": "billion", "t": "trillion", "tn": "trillion", "trn": "trillion", "trln": "trillion",
    "trillion": "trillion",
}  # fmt: skip
_SCALE_TOKEN = re.compile(
    r"(?<=\d)(k|m|mn|bn|b|tn|t)\b|\b(thousand|million|mln|mn|mil|billion|bln|bn|trillion|tn|trn|trln)\b", re.I
)
# "revenue of £3bn", "a budget of", "sales were", "the deficit stood at": the noun a sum is of.
_OF_BEFORE = re.compile(
    r"\b(?P<noun>[a-z][a-z'’-]+)(?:\s+(?:of|was|were|is|are|totalled|totaled|totalling|reached|"
    r"stood\s+at|amounted\s+to|came\s+to|worth|valued\s+at|costing|cost|at|"
    r"(?:rose|fell|increased|decreased|improved|declined|dropped|climbed|grew|jumped|slipped|"
    r"totalled|totaled|reached|widened|narrowed|was\s+revised\s+(?:up|down))(?:\s+(?:to|by))?))\s+"
    r"(?:(?:an?|the|about|around|some|nearly|almost|over|more\s+than|less\s+than|roughly|just|"
    r"approximately|an\s+estimated|estimated)\s+)*$",
    re.I,
)
_VERB_BEFORE = re.compile(
    r"\b(?P<verb>[a-z]+)\s+(?:(?:a|an|the|its|their|another|some|about|around|nearly|almost|over|"
    r"more\s+than|up\s+to|at\s+least|a\s+further|an\s+extra|a\s+total\s+of)\s+)*$",
    re.I,
)
_PERIOD = re.compile(
    r"\b(?:a\s+year\s+(?:earlier|ago|before)|year[-\s](?:ago|earlier)|(?:the\s+)?(?:prior|previous|"
    r"last|this|next|same)\s+(?:year|quarter|month|period|season)|(?:first|second|third|fourth)\s+"
    r"quarter|(?:fiscal|financial)\s+year|(?:in|for|during|since|by)\s+(?:19|20)\d\d)\b",
    re.I,
)
_CONVERSION_GAP = re.compile(
    r"^\s*(?:\(\s*(?:or\s+|about\s+|around\s+|roughly\s+|some\s+)?|,\s*(?:or|about|around|roughly|some)\s+(?:about\s+|around\s+|roughly\s+|some\s+)?)$",
    re.I,
)


def lemma(word: str) -> str:
    """A noun's lemma as the ledger compares them: lower case, singular ("closures" -> "closure")."""
    low = word.lower().replace("’", "'").removesuffix("'s").strip("'-")
    if low in _IRREGULAR:
        return _IRREGULAR[low]
    if len(low) > 4 and low.endswith("ies"):
        return low[:-3] + "y"
    if len(low) > 4 and low.endswith(("ches", "shes", "sses", "xes", "zes")):
        return low[:-2]
    if len(low) > 3 and low.endswith("s") and not low.endswith(("ss", "us", "is")):
        return low[:-1]
    return low


def _verb_stem(word: str) -> str:
    """A crude stem of a verb or its noun, for verb -> noun links ("close"/"closed"/"closure")."""
    low = word.lower()
    for suffix in ("ures", "ure", "ings", "ing", "ed", "es", "s", "e"):
        if low.endswith(suffix) and len(low) - len(suffix) >= 3:
            return low[: -len(suffix)]
    return low


@dataclass(frozen=True)
class Entry:
    """One quantity of the article, as the ledger reads it."""

    index: int  #: position in the ledger (text order)
    quantity: Quantity
    statement: int  #: index of the statement that holds it
    block: int  #: the paragraph (``Article.blocks`` index)
    referent: tuple[str, ...] = ()  #: lemmas of what it counts, head last: ("job", "cut")
    action: str | None = None  #: the verb that acted on it ("close" in "will close 85 branches")
    increment: bool = False  #: "18 more clinics", "23 new stores", "another 5"
    scale: str | None = None  #: the scale word as written: "thousand", "million", "billion"...
    owner: str | None = None  #: the nearest name before it in its sentence
    year: int | None = None  #: the year its clause gives ("in 2010", "2004's")
    period: str | None = None  #: "last year", "a year earlier", "first quarter"... as written (lower case)

    @property
    def start(self) -> int:
        return self.quantity.start

    @property
    def end(self) -> int:
        return self.quantity.end

    @property
    def value(self) -> float:
        return self.quantity.value

    @property
    def kind(self) -> str:
        return self.quantity.kind

    @property
    def unit(self) -> str | None:
        return self.quantity.unit

    @property
    def hedge(self) -> str | None:
        return self.quantity.approx

    @property
    def precision(self) -> float:
        return self.quantity.precision

    @property
    def head(self) -> str | None:
        """The head noun of the referent ("cut" in "job cuts")."""
        return self.referent[-1] if self.referent else None

    @property
    def text(self) -> str:
        return self.quantity.text


@dataclass(frozen=True)
class Conversion:
    """One sum written in two currencies side by side: "$30.2m (£15.5m)", "£40m, or about $50m"."""

    source: Entry
    target: Entry

    @property
    def rate(self) -> float:
        """Units of the target currency per unit of the source currency."""
        return self.target.value / self.source.value


@dataclass
class Ledger:
    """Every quantity of one article, with referents, and the links between them."""

    plain: str
    entries: tuple[Entry, ...]
    statement_spans: tuple[tuple[int, int], ...]
    synonyms: Mapping[str, int] = field(default_factory=dict)
    conversions: tuple[Conversion, ...] = ()

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def in_statement(self, index: int) -> list[Entry]:
        return [e for e in self.entries if e.statement == index]

    def at(self, start: int, end: int) -> Entry | None:
        """The entry of the quantity spanning exactly ``start:end``."""
        starts = [e.start for e in self.entries]
        i = bisect.bisect_left(starts, start)
        if i < len(self.entries) and self.entries[i].start == start and self.entries[i].end == end:
            return self.entries[i]
        return None

    def before(self, entry: Entry, window: int) -> list[Entry]:
        """Entries of the ``window`` statements before ``entry``'s (not its own), nearest first."""
        lo = entry.statement - window
        return [e for e in reversed(self.entries[: entry.index]) if lo <= e.statement < entry.statement]

    def group(self, phrase: str) -> int | None:
        return self.synonyms.get(phrase)

    def link(self, a: Entry, b: Entry) -> Link | None:
        """How surely ``a`` and ``b`` count the same kind of thing: "same" (one lemma and, when
        both say, one modifier), "synonym" (one synonym group: "redundancies" / "job cuts"),
        "action" (one was named by the verb that acted on the other: "close 85 branches" /
        "the 85 closures"), or ``None`` when nothing links them."""
        if a.referent and b.referent:
            if a.referent == b.referent:
                return "same"
            if a.head == b.head:
                mods_a, mods_b = set(a.referent[:-1]), set(b.referent[:-1])
                if not mods_a or not mods_b or mods_a & mods_b:
                    return "same"
                return None
            ga = self._group(a.referent)
            gb = self._group(b.referent)
            if ga is not None and ga == gb:
                return "synonym"
        for x, y in ((a, b), (b, a)):
            if x.action and y.head and _verb_stem(x.action) == _verb_stem(y.head):
                return "action"
            if x.action and y.referent:
                gx, gy = self.synonyms.get(x.action), self._group(y.referent)
                if gx is not None and gx == gy:
                    return "action"
        return None

    def _group(self, referent: tuple[str, ...]) -> int | None:
        for n in range(len(referent), 0, -1):
            found = self.synonyms.get(" ".join(referent[-n:]))
            if found is not None:
                return found
        return None


def synonym_groups(entries: Iterable[str]) -> dict[str, int]:
    """``referent_synonyms`` lexicon entries ("job cut | redundancy | job loss") -> phrase -> group."""
    groups: dict[str, int] = {}
    for number, entry in enumerate(entries):
        for phrase in entry.split("|"):
            words = [lemma(w) for w in phrase.split()]
            if words:
                groups.setdefault(" ".join(words), number)
    return groups


def _scale(text: str) -> str | None:
    found = _SCALE_TOKEN.search(text)
    if found is None:
        return None
    return _SCALE_OF[(found.group(1) or found.group(2)).lower()]


def _words_after(plain: str, pos: int, stop: int, limit: int = 4) -> list[str]:
    """Up to ``limit`` words right after ``pos`` (no punctuation or number crossed)."""
    words: list[str] = []
    at = pos
    while len(words) < limit:
        while at < stop and plain[at] in " \t\n-":
            at += 1
        match = _WORD.match(plain, at, stop)
        if match is None:
            break
        words.append(match.group())
        at = match.end()
    return words


def _referent(plain: str, q: Quantity, lo: int, hi: int) -> tuple[tuple[str, ...], bool]:
    """What a figure counts (lemmas, head last) and whether it is an increment ("18 more")."""
    inside = [w for w in _WORD.findall(q.text) if w.lower() not in _STOP and w.lower() not in _SCALE_OF]
    if q.kind == "count" and q.unit:
        words = [w.lower() for w in inside if w.lower() not in _INCREMENT]
        increment = any(w.lower() in _INCREMENT for w in inside)
        if words:
            return tuple(lemma(w) for w in words if w not in _MODIFIERS) or (lemma(words[-1]),), increment
    after = _words_after(plain, q.end, hi)
    increment = bool(after) and after[0].lower() in _INCREMENT
    # A compound written with the number ("the 460-home scheme") or the noun right after it.
    if q.kind in ("count", "money", "measure") and plain[q.end : q.end + 1] == "-" and after:
        return (lemma(after[0]),), increment
    nouns: list[str] = []
    for word in after:
        low = word.lower()
        if low in _INCREMENT or low in _MODIFIERS:
            if nouns:
                break
            continue
        if low in _STOP or low.endswith("ly") or not word.islower():
            break
        nouns.append(low)
        if len(nouns) == 2:
            break
    if q.kind == "count" and not q.unit:
        nouns = []  # a bare count: "holds 48" (its noun, if any, is the extractor's unit)
    if nouns and (nouns[0].endswith(("ed", "ing")) or nouns[0] in _VERBISH):
        nouns = []  # "$5m raised", "£3bn spending on", "$3.7bn rose": a verb, not a noun
    if q.kind in ("money", "measure", "percent"):
        before = _OF_BEFORE.search(plain, max(lo, q.start - 60), q.start)
        if (
            before is not None
            and before["noun"].lower() not in _STOP
            and before["noun"].lower() not in _VERBISH
        ):
            return (lemma(before["noun"]),), increment
    if nouns and q.kind in ("money", "measure", "count"):
        return tuple(lemma(n) for n in nouns), increment
    return (), increment


def _action(plain: str, q: Quantity, lo: int) -> str | None:
    found = _VERB_BEFORE.search(plain, max(lo, q.start - 40), q.start)
    if found is None:
        return None
    verb = found["verb"].lower()
    return None if verb in _STOP or len(verb) < 3 else verb


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
        years = [q for q in found if q.kind == "year"]
        mentions = dates[index] if index < len(dates) else ()
        for q in sorted(found, key=lambda x: x.start):
            if (q.start, q.end) in seen or q.kind in ("year", "ordinal"):
                continue
            seen.add((q.start, q.end))
            referent, increment = _referent(plain, q, lo, hi)
            owner = None
            k = bisect.bisect_left(name_starts, q.start) - 1
            if k >= 0 and names[k].start >= lo and names[k].label in ("organisation", "person", "place"):
                owner = names[k].text
            year = _year_near(q, years, mentions)
            period_match = _nearest_period(plain, q, lo, hi)
            entries.append(
                Entry(
                    index=len(entries),
                    quantity=q,
                    statement=index,
                    block=block,
                    referent=referent,
                    action=_action(plain, q, lo),
                    increment=increment,
                    scale=_scale(q.text),
                    owner=owner,
                    year=year,
                    period=period_match,
                )
            )
    ledger = Ledger(plain, tuple(entries), tuple((lo, hi) for lo, hi, _ in spans), dict(synonyms or {}))
    ledger.conversions = tuple(_conversions(plain, ledger.entries))
    return ledger


def _year_near(q: Quantity, years: Sequence[Quantity], mentions: Sequence[DateMention]) -> int | None:
    best: tuple[int, int] | None = None
    for y in years:
        gap = y.start - q.end if y.start >= q.end else q.start - y.end
        if gap <= 40 and (best is None or gap < best[0]):
            best = (gap, int(y.value))
    for d in mentions:
        if d.year is None or d.kind not in ("year", "month", "absolute"):
            continue
        gap = d.start - q.end if d.start >= q.end else q.start - d.end
        if gap <= 40 and (best is None or gap < best[0]):
            best = (gap, d.year)
    return best[1] if best else None


def _nearest_period(plain: str, q: Quantity, lo: int, hi: int) -> str | None:
    window_lo, window_hi = max(lo, q.start - 50), min(hi, q.end + 50)
    best: tuple[int, str] | None = None
    for m in _PERIOD.finditer(plain, window_lo, window_hi):
        gap = m.start() - q.end if m.start() >= q.end else q.start - m.end()
        if best is None or gap < best[0]:
            best = (gap, " ".join(m.group().lower().split()))
    return best[1] if best else None


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
            yield Conversion(a, b)


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
