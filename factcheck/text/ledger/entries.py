"""What the ledger holds and how a verifier reads it: ``Entry`` (one figure with its referent,
time, hedge and scale), ``Conversion`` (one sum in two currencies or units side by side) and
``Ledger`` (every entry of one article, with the links between referents)."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from factcheck.model.article import DateMention, Entity, Quantity
from factcheck.text.ledger.times import EARLIER_PERIODS, PRESENT_PERIODS
from factcheck.text.ledger.words import MODIFIERS, WORD, lemma, verb_stem

Link = Literal["same", "synonym", "action"]


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
            words = {lemma(w) for w in WORD.findall(self.statement_text(index))}
            groups.append({g for w in words if (g := self.synonyms.get(w)) is not None})
        return bool(groups[0] & groups[1])

    def mentions(self, index: int, referent: Sequence[str]) -> bool:
        """Whether statement ``index`` names what ``referent`` counts: one of its words (not a
        modifier such as "new") is written there, in any number ("burglaries" for "burglary")."""
        words = {lemma(w) for w in WORD.findall(self.statement_text(index))}
        if any(w in words for w in referent if w not in MODIFIERS and len(w) >= 4):
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
            if x.action and y.head and verb_stem(x.action) == verb_stem(y.head):
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
