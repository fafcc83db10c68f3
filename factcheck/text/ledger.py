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
from dataclasses import dataclass, field, replace
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
    permanent temporary existing planned proposed remaining biggest largest greatest leading""".split()
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
    "series": "series", "species": "species", "buses": "bus", "gases": "gas", "bonuses": "bonus",
    "news": "news", "analyses": "analysis", "crises": "crisis",
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
    r"(?:\b(?P<pre>[A-Za-z][a-z'’-]+)\s+)??\b(?P<noun>[a-z][a-z'’-]+)"
    # "net profit for 2023 rose to", "sales in the first quarter were": the time between noun and verb
    r"(?:\s+(?:for|in)\s+(?:the\s+)?(?:(?:19|20)\d\d(?:/\d{1,4})?|(?:full\s+|fiscal\s+|financial\s+)?year|"
    r"(?:first|second|third|fourth|final|latest)\s+(?:quarter|half)|quarter|period))?"
    # "borrowing is tipped to fall to", "sales are expected to reach"
    r"(?:\s+(?:is|are|was|were)\s+(?:expected|forecast|tipped|set|likely|projected|due|predicted)\s+"
    r"to(?=\s+(?:rise|fall|reach|hit|grow|drop|climb|top|exceed|increase|decrease)\b))?"
    r"(?:\s+(?:of|was|were|is|are|totalled|totaled|totalling|reached|"
    r"stood\s+at|amounted\s+to|came\s+to|worth|valued\s+at|costing|cost|at|"
    r"(?:is|are|was|were|be)\s+(?:worth|valued\s+at)|"
    r"(?:rose|fell|increased|decreased|improved|declined|dropped|climbed|grew|jumped|slipped|"
    r"rise|fall|increase|decrease|reach|hit|grow|drop|climb|top|exceed|"
    r"totalled|totaled|reached|widened|narrowed|was\s+revised\s+(?:up|down))(?:\s+(?:to|by))?))\s+"
    r"(?:(?:an?|the|about|around|some|nearly|almost|over|more\s+than|less\s+than|roughly|just|"
    r"approximately|an\s+estimated|estimated)\s+)*$",
    re.I,
)
_VERB_BEFORE = re.compile(
    # "is to pay Fiat 1.55bn euros": a name between the verb and the sum is its indirect object
    r"\b(?P<verb>[a-z]+)\s+(?:(?-i:[A-Z][a-z]+)\s+)?"
    r"(?:(?:a|an|the|its|their|another|some|about|around|nearly|almost|over|"
    r"more\s+than|up\s+to|at\s+least|a\s+further|an\s+extra|a\s+total\s+of)\s+)*$",
    re.I,
)
_PERIOD = re.compile(
    r"\b(?:a\s+year\s+(?:earlier|ago|before)|year[-\s](?:ago|earlier)|(?:the\s+)?(?:prior|previous|"
    r"last|this|next|same)\s+(?:year|quarter|month|period|season)|(?:first|second|third|fourth)\s+"
    r"quarter|(?:fiscal|financial)\s+year|(?:in|for|during|since|by)\s+(?:19|20)\d\d|"
    r"(?:two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+years\s+(?:earlier|before|ago)|"
    r"now|currently|today|at\s+present|so\s+far|to\s+date)\b",
    re.I,
)
#: Periods that place a figure before the other figures of its kind ("a year earlier").
EARLIER_PERIODS = re.compile(
    r"^(?:a\s+year\s+(?:earlier|ago|before)|year[-\s](?:ago|earlier)|(?:the\s+)?(?:prior|previous)\s+year|"
    r"\w+\s+years\s+(?:earlier|before|ago)|(?:in\s+)?the\s+year[-\s](?:earlier|ago)\s+\w+)$"
)
#: Periods that place a figure at the time of writing ("there are now 19").
PRESENT_PERIODS = frozenset({"now", "currently", "today", "at present", "so far", "to date", "this year"})
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
    #: a bare figure's referent read from the figure before it ("There were eight charging points.
    #: There are now 19": 19 points), by ellipsis; ``referent`` stays empty, and :meth:`Ledger.link`
    #: uses it only when asked (``elided=True``)
    elided: tuple[str, ...] = ()

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

    @property
    def when(self) -> tuple[str, int] | None:
        """Its time, as the ledger orders times: ("year", 2010), ("earlier", 0) for "a year
        earlier" or "three years before", ("present", 0) for "now", ("last year", 0), or ``None``."""
        if self.year is not None:
            return ("year", self.year)
        period = self.period or ""
        written = re.match(r"(?:in|for|during)\s+((?:19|20)\d\d)$", period)
        if written:
            return ("year", int(written.group(1)))
        if EARLIER_PERIODS.match(period):
            return ("earlier", 0)
        if period in PRESENT_PERIODS:
            return ("present", 0)
        if period == "last year":
            return ("last year", 0)
        return None


def time_order(a: Entry, b: Entry) -> tuple[Entry, Entry] | None:
    """``(earlier, later)`` when the copy sets the two figures at two different times: two years
    ("in 2010" / "in 2024"), one figure "a year earlier" (or "the previous year", "three years
    before") and the other not, one "now" and the other in a past year or "last year"."""
    ta, tb = a.when, b.when
    if ta is not None and tb is not None and ta[0] == tb[0] == "year":
        if ta[1] == tb[1]:
            return None
        return (a, b) if ta[1] < tb[1] else (b, a)
    for x, y, tx, ty in ((a, b, ta, tb), (b, a, tb, ta)):
        if tx is not None and tx[0] == "earlier" and (ty is None or ty[0] != "earlier"):
            return x, y
        if tx is not None and tx[0] == "present" and ty is not None and ty[0] in ("year", "last year"):
            return y, x
        if tx is not None and tx[0] == "year" and tx[1] < 2100 and ty is not None and ty[0] == "last year":
            return x, y
        if tx is not None and tx[0] == "last year" and ty is None and x.statement == y.statement:
            return x, y  # "took $121.9m, compared with $165.8m last year"
    return None


@dataclass(frozen=True)
class Conversion:
    """One sum written in two currencies side by side: "$30.2m (£15.5m)", "£40m, or about $50m"."""

    source: Entry
    target: Entry
    #: what the sum is of: either figure's referent, or the noun after the brackets ("a £2.5bn
    #: ($3.2bn) deal")
    referent: tuple[str, ...] = ()

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
    #: one length, weight, area... written in two units side by side: "14-mile (23km)"
    unit_conversions: tuple[Conversion, ...] = ()
    #: the date mentions of each statement (index as ``statement_spans``)
    dates: tuple[tuple[DateMention, ...], ...] = ()
    #: the paragraph (``Article.blocks`` index) of each statement
    statement_blocks: tuple[int, ...] = ()
    #: the article's entities (sorted) and their starts, for :meth:`names_in`
    _entities: tuple[Sequence[Entity], Sequence[int]] = ((), ())
    _names: dict[int, frozenset[str]] = field(default_factory=dict)
    #: the sentence each statement belongs to (a statement may be one clause of a sentence)
    sentences: tuple[int, ...] = ()

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

    @staticmethod
    def unit_size(unit: str | None) -> tuple[str, float] | None:
        """A measure unit's dimension and size in that dimension's base unit ("km" ->
        ("length", 1000.0)); ``None`` for a unit the ledger does not convert."""
        return UNIT_SIZES.get(unit or "")

    def group(self, phrase: str) -> int | None:
        return self.synonyms.get(phrase)

    def order(self, a: Entry, b: Entry) -> tuple[Entry, Entry] | None:
        """``(earlier, later)`` of two figures set at two different times (:func:`time_order`)."""
        return time_order(a, b)

    def same_sentence(self, first: int, second: int) -> bool:
        """Whether two statements are clauses of one sentence."""
        if not self.sentences:
            return first == second
        return self.sentences[first] == self.sentences[second]

    def sentence_text(self, index: int) -> str:
        """The whole sentence statement ``index`` belongs to."""
        if not self.sentences:
            return self.statement_text(index)
        number = self.sentences[index]
        parts = [k for k, n in enumerate(self.sentences) if n == number]
        return self.plain[self.statement_spans[parts[0]][0] : self.statement_spans[parts[-1]][1]]

    def statement_text(self, index: int) -> str:
        lo, hi = self.statement_spans[index]
        return self.plain[lo:hi]

    def other_subject(self, first: int, second: int) -> bool:
        """Whether two statements are about different people or organisations: both name some,
        and none in common ("Carlsberg suffered a 3% fall" / "Heineken's net income fell")."""
        a, b = self.names_in(first), self.names_in(second)
        if not a or not b:
            return False
        words_a = {w for name in a for w in name.split() if len(w) >= 3}
        words_b = {w for name in b for w in name.split() if len(w) >= 3}
        return not (words_a & words_b)  # "Walgreen Co" and "Walgreen" are one

    def names_in(self, index: int) -> frozenset[str]:
        """The names (people, organisations; not places) statement ``index`` mentions."""
        found = self._names.get(index)
        if found is None:
            lo, hi = self.statement_spans[index]
            found = self._names[index] = _names_in(self.plain, lo, hi, *self._entities)
        return found

    def shared_referent(self, first: int, second: int) -> bool:
        """Whether statements ``first`` and ``second`` both name one thing the synonym lexicon
        knows ("earnings" in one, "profit" in the other)."""
        groups = []
        for index in (first, second):
            words = {lemma(w) for w in _WORD.findall(self.statement_text(index))}
            groups.append({g for w in words if (g := self.synonyms.get(w)) is not None})
        return bool(groups[0] & groups[1])

    def mentions(self, index: int, referent: Sequence[str]) -> bool:
        """Whether statement ``index`` names what ``referent`` counts: one of its words (not a
        modifier such as "new") is written there, in any number ("burglaries" for "burglary")."""
        words = {lemma(w) for w in _WORD.findall(self.statement_text(index))}
        if any(w in words for w in referent if w not in _MODIFIERS and len(w) >= 4):
            return True
        group = self._group(tuple(referent)) if referent else None
        return group is not None and any(self.synonyms.get(w) == group for w in words)

    def link(self, a: Entry, b: Entry, elided: bool = False) -> Link | None:
        """How surely ``a`` and ``b`` count the same kind of thing: "same" (one lemma and, when
        both say, one modifier), "synonym" (one synonym group: "redundancies" / "job cuts"),
        "action" (one was named by the verb that acted on the other: "close 85 branches" /
        "the 85 closures"), or ``None`` when nothing links them. With ``elided`` a bare figure
        counts what the figure before it counted (:attr:`Entry.elided`); a caller asks for that
        only where the copy's structure carries the link (two times, one clause)."""
        ra = a.referent or (a.elided if elided else ())
        rb = b.referent or (b.elided if elided else ())
        if ra and rb:
            if ra == rb:
                return "same"
            if ra[-1] == rb[-1]:
                mods_a, mods_b = set(ra[:-1]), set(rb[:-1])
                if not mods_a or not mods_b or mods_a & mods_b:
                    return "same"
                return None
            ga = self._group(ra)
            gb = self._group(rb)
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


_OF_LAST_WORDS = frozenset(
    """of was were is are totalled totaled totalling reached at worth to by cost costing rose fell increased
    decreased improved declined dropped climbed grew jumped slipped widened narrowed rise fall increase
    decrease reach hit grow drop climb top exceed down up""".split()
)
_HEDGE_WORDS = frozenset(
    """a an the about around some nearly almost over more than less roughly just approximately
    estimated""".split()
)


def _maybe_of_before(plain: str, pos: int, lo: int) -> bool:
    """A cheap test before :data:`_OF_BEFORE`: the last word before the figure (past any hedge)
    must be one of the words that pattern ends with."""
    words = plain[max(lo, pos - 40) : pos].split()
    while words and words[-1].lower() in _HEDGE_WORDS:
        words.pop()
    return bool(words) and words[-1].lower() in _OF_LAST_WORDS


def _referent(plain: str, q: Quantity, lo: int, hi: int) -> tuple[tuple[str, ...], bool]:
    """What a figure counts (lemmas, head last) and whether it is an increment ("18 more")."""
    inside = [
        w
        for w in _WORD.findall(q.text)
        if w.lower() not in _STOP and w.lower() not in _SCALE_OF and w.lower() not in _NUMBER_WORDS
    ]
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
        if nouns and (low.endswith("ed") or low in _VERBISH):
            break  # "the £870m deal showed": the verb after the noun
        nouns.append(low)
        if len(nouns) == 2:
            break
    if q.kind == "count" and not q.unit:
        # a bare count: "holds 48" (its noun, if any, is the extractor's unit), unless a longer
        # noun phrase ends in a plural the extractor did not reach: "eight public charging points"
        nouns = []
        if (
            len(after) >= 3
            and after[0].lower() == "of"
            and after[1].lower() in ("its", "their", "the", "his", "her", "our", "these", "those")
            and after[2].islower()
            and after[2].endswith("s")
            and after[2].lower() not in _STOP
        ):
            return (lemma(after[2]),), increment  # "will close 41 of its shops"
        start = 1 if after and after[0].lower() in _INCREMENT else 0  # "seven more branches"
        after = after[start:]
        words = [w.lower() for w in after[:3]]
        if len(words) == 1 and start and words[0].endswith("s") and after[0].islower():
            nouns = [words[0]]
        for k in range(1, len(words)):
            head = words[k]
            if any(
                w in _STOP or not w.isalpha() or w in _VERBISH or w.endswith("ly") for w in words[: k + 1]
            ):
                break
            if head.endswith("s") and not head.endswith(("ss", "us", "is")) and not after[k][0].isupper():
                if all(after[i].islower() for i in range(k + 1)):
                    nouns = [w for w in words[: k + 1] if w not in _MODIFIERS]
                break
    if nouns and (nouns[0].endswith(("ed", "ing")) or nouns[0] in _VERBISH):
        nouns = []  # "$5m raised", "£3bn spending on", "$3.7bn rose": a verb, not a noun
    if not nouns and q.kind in ("measure", "money") and after and after[0].lower() == "of":
        # "9,500 tonnes of plastic packaging", "£3bn of debt": what the amount is of
        # (not "of the ...": "£3bn of the budget" is a part of something named elsewhere)
        for word in after[1:3]:
            low = word.lower()
            if low in _STOP or low.endswith("ly") or not word.islower() or low in _VERBISH:
                break
            nouns.append(low)
    if q.kind in ("money", "measure", "percent") and _maybe_of_before(plain, q.start, lo):
        before = _OF_BEFORE.search(plain, max(lo, q.start - 60), q.start)
        if (
            before is not None
            and before["noun"].lower() not in _STOP
            and before["noun"].lower() not in _VERBISH
        ):
            noun = lemma(before["noun"])
            if noun not in _PLACEHOLDERS:
                return (noun,), increment
            pre = (before["pre"] or "").lower()
            if pre and pre not in _STOP and pre not in _VERBISH and not pre.endswith("ly"):
                return (lemma(pre),), increment  # "Borrowing figures for 2003/4 are £35bn"
            return (), increment
    if nouns and q.kind in ("money", "measure", "count"):
        found = tuple(lemma(n) for n in nouns)
        return ((), increment) if found[-1] in _PLACEHOLDERS else (found, increment)
    return (), increment


# "Last year the figure was 27,800 tonnes": nouns that stand for whatever was counted before.
_PLACEHOLDERS = frozenset("figure total number tally count amount level sum equivalent".split())
_NUMBER_WORDS = frozenset(
    """one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
    sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred
    dozen""".split()
)
# A time written at the head of a statement holds for every figure in it: "In 2021, the council's
# figures show, there were eight public charging points"; "Three years earlier, ... it issued 410".
_LEADING_YEAR = re.compile(
    r"\W*(?:(?:and|but|by\s+contrast|meanwhile),?\s+)?(?:in|during|by)\s+((?:19|20)\d\d)\b", re.I
)
_LEADING_PERIOD = re.compile(
    r"\W*(?:(?:and|but|by\s+contrast|meanwhile),?\s+)?(?P<period>(?:last|this)\s+year|a\s+year\s+(?:earlier|ago|before)|"
    r"(?:the\s+)?(?:previous|prior)\s+year|(?:two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\s+years\s+"
    r"(?:earlier|before|ago)|in\s+the\s+year[-\s](?:earlier|ago)\s+(?:period|quarter|month|year)|now|today|"
    r"currently)\b",
    re.I,
)

_INCREMENT_BEFORE = re.compile(
    r"\b(?:a\s+further|another|an\s+extra|an\s+additional|additional|further|extra)\s+"
    r"(?:(?:about|around|some|nearly|almost|over|more\s+than)\s+)?$",
    re.I,
)
# Verbs that leave a bare figure counting what the figure before it counted.
_LINKING_VERBS = frozenset(
    "was were is are be been being had has have reached totalled totaled stood now".split()
)
# Words after which a bare number is not an amount of anything counted before it.
_NOT_ELIDED_BEFORE = re.compile(
    r"\b(?:aged|age|ages|No\.?|number|page|room|route|flight|chapter|platform|junction|gate|"
    r"seat|row|level|grade|size|version|article|section|clause|rule|round|stage|game|match|score)\s+$",
    re.I,
)


def _elided(
    entries: Sequence[Entry], e: Entry, spans: Sequence[tuple[int, int, int]], plain: str
) -> tuple[str, ...]:
    """What a bare figure counts when the copy leaves its noun out because the figure before it
    named it: "There were eight charging points. There are now 19"; "The previous year's total was
    6,200". Read from the figures of the same kind and unit earlier in the same statement or in
    the one before; only when they all count one thing."""
    if e.referent or e.kind not in ("count", "money", "measure") or (e.kind == "count" and e.unit):
        return ()
    lo = spans[e.statement][0]
    if _NOT_ELIDED_BEFORE.search(plain, max(lo, e.start - 12), e.start):
        return ()
    if re.match(r"\s*(?:-|per\b|%|years?\b)", plain[e.end : e.end + 12]):
        return ()
    before = [
        x for x in entries[: e.index]
        if e.statement - 1 <= x.statement <= e.statement and x.kind == e.kind
        and (x.unit == e.unit or (e.kind == "count" and x.unit is not None))
    ]  # fmt: skip
    named = [x for x in before if x.referent]
    if not named:
        return ()
    heads = {x.referent[-1] for x in named}
    if len(heads) != 1:
        return ()
    last = named[-1]
    if (
        e.kind == "money"
        and e.action
        and e.action not in _LINKING_VERBS
        and _verb_stem(e.action) != _verb_stem(last.action or "")
    ):
        return ()  # "earnings were 77m euros ... fined 11m euros": a verb of its own, another sum
    return last.referent


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
        if not found:
            continue
        years = [q for q in found if q.kind == "year"]
        mentions = dates[index] if index < len(dates) else ()
        periods = _periods_in(plain, lo, hi)
        leading: tuple[int | None, str | None, int] | None = None
        for q in sorted(found, key=lambda x: x.start):
            if (q.start, q.end) in seen or q.kind in ("year", "ordinal"):
                continue
            seen.add((q.start, q.end))
            referent, increment = _referent(plain, q, lo, hi)
            increment = increment or bool(_INCREMENT_BEFORE.search(plain, max(lo, q.start - 24), q.start))
            owner = None
            k = bisect.bisect_left(name_starts, q.start) - 1
            if k >= 0 and names[k].start >= lo and names[k].label in ("organisation", "person", "place"):
                owner = names[k].text
            year = _year_near(q, years, mentions)
            period_gap = _nearest_of(periods, q)
            period_match = period_gap[1] if period_gap else None
            if (
                year is not None
                and period_gap is not None
                and (EARLIER_PERIODS.match(period_gap[1]) or period_gap[1] in PRESENT_PERIODS)
                and period_gap[0] < _year_gap(q, years, mentions)
            ):
                year = None  # "537m euros during 2004, from 798m euro a year ago": 798m is 2003's
            if year is None and period_match is None:
                if leading is None:
                    leading = _leading_time(plain, lo, hi)
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
                    action=_action(plain, q, lo),
                    increment=increment,
                    scale=_scale(q.text),
                    owner=owner,
                    year=year,
                    period=period_match,
                )
            )
    for k, e in enumerate(entries):
        elided = _elided(entries, e, spans, plain)
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


_POSSESSOR = re.compile(r"\b([A-Z][A-Za-z&-]{2,})(?:'s|’s)\b")


def _names_in(plain: str, lo: int, hi: int, names: Sequence[Entity], starts: Sequence[int]) -> frozenset[str]:
    """The people and organisations a statement names: its entities, and "Heineken's" (a name the
    entity finder may pass over at the head of a sentence)."""
    found = {
        e.text
        for e in names[bisect.bisect_left(starts, lo) : bisect.bisect_left(starts, hi)]
        if e.label != "place"
    }
    found.update(m.group(1) for m in _POSSESSOR.finditer(plain, lo, hi))
    return frozenset(found)


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


def _year_gap(q: Quantity, years: Sequence[Quantity], mentions: Sequence[DateMention]) -> int:
    gaps = [y.start - q.end if y.start >= q.end else q.start - y.end for y in years]
    gaps += [
        d.start - q.end if d.start >= q.end else q.start - d.end
        for d in mentions
        if d.year is not None and d.kind in ("year", "month", "absolute")
    ]
    return min(gaps, default=10**9)


_PERIOD_KEYS = (
    "year",
    "quarter",
    "month",
    "period",
    "season",
    "now",
    "current",
    "today",
    "present",
    "far",
    "date",
)
_PERIOD_YEAR = re.compile(r"\b(?:in|for|during|since|by)\s+(?:19|20)\d\d\b", re.I)


def _periods_in(plain: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    """The periods a statement writes (:data:`_PERIOD`), scanning only when a word of one is there."""
    low = plain[lo:hi].lower()
    pattern = _PERIOD if any(key in low for key in _PERIOD_KEYS) else _PERIOD_YEAR
    return [(m.start(), m.end(), m.group()) for m in pattern.finditer(plain, lo, hi)]


def _nearest_of(periods: Sequence[tuple[int, int, str]], q: Quantity) -> tuple[int, str] | None:
    """The period written nearest a figure (within 50 characters), from its statement's periods."""
    best: tuple[int, str] | None = None
    for start, end, text in periods:
        if end <= q.start - 50 or start >= q.end + 50:
            continue
        gap = start - q.end if start >= q.end else q.start - end
        if best is None or gap < best[0]:
            best = (gap, " ".join(text.lower().split()))
    return best


def _leading_time(plain: str, lo: int, hi: int) -> tuple[int | None, str | None, int]:
    """The year or period written at the head of a statement, and where it ends."""
    found = _LEADING_YEAR.match(plain, lo, hi)
    if found is not None:
        return int(found.group(1)), None, found.end()
    head = _LEADING_PERIOD.match(plain, lo, hi)
    if head is not None:
        return None, " ".join(head["period"].lower().split()), head.end()
    return None, None, hi + 1


def _nearest_period(plain: str, q: Quantity, lo: int, hi: int) -> str | None:
    found = _period_and_gap(plain, q, lo, hi)
    return found[1] if found else None


def _period_and_gap(plain: str, q: Quantity, lo: int, hi: int) -> tuple[int, str] | None:
    window_lo, window_hi = max(lo, q.start - 50), min(hi, q.end + 50)
    best: tuple[int, str] | None = None
    for m in _PERIOD.finditer(plain, window_lo, window_hi):
        gap = m.start() - q.end if m.start() >= q.end else q.start - m.end()
        if best is None or gap < best[0]:
            best = (gap, " ".join(m.group().lower().split()))
    return best


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
                    words = _words_after(plain, b.end + closing.end(), len(plain), 2)
                    nouns = []
                    for word in words:
                        if word.lower() in _STOP or not word.islower() or word.lower() in _VERBISH:
                            break
                        nouns.append(lemma(word))
                    referent = tuple(nouns)
            yield Conversion(a, b, referent)


#: Units of one dimension and their size in a common base unit, for unit conversions and slips.
UNIT_SIZES: dict[str, tuple[str, float]] = {
    "mm": ("length", 0.001), "cm": ("length", 0.01), "m": ("length", 1.0), "km": ("length", 1000.0),
    "mile": ("length", 1609.344), "ft": ("length", 0.3048), "inch": ("length", 0.0254),
    "yard": ("length", 0.9144), "g": ("mass", 0.001), "kg": ("mass", 1.0), "lb": ("mass", 0.45359237),
    "ounce": ("mass", 0.028349523), "mg": ("mass", 1e-6), "hectare": ("area", 1e4),
    "acre": ("area", 4046.8564), "km2": ("area", 1e6), "m2": ("area", 1.0), "sq ft": ("area", 0.09290304),
    "sq mi": ("area", 2589988.1), "W": ("power", 1.0), "kW": ("power", 1e3), "MW": ("power", 1e6),
    "GW": ("power", 1e9), "kWh": ("energy", 1e3), "MWh": ("energy", 1e6), "GWh": ("energy", 1e9),
    "TWh": ("energy", 1e12), "litre": ("volume", 1.0), "ml": ("volume", 0.001),
    "gallon": ("volume", 3.785411784), "mph": ("speed", 1.609344), "km/h": ("speed", 1.0),
    "KB": ("data", 1e3), "MB": ("data", 1e6), "GB": ("data", 1e9), "TB": ("data", 1e12),
}  # fmt: skip


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
                    words = _words_after(plain, b.end + closing.end(), len(plain), 2)
                    nouns = []
                    for word in words:
                        if word.lower() in _STOP or not word.islower() or word.lower() in _VERBISH:
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
