"""Real cross-sentence numeric relations in published news (issue 11), found independently.

The numeric verifier is being extended from relations inside one sentence to relations across
sentences and paragraphs. To measure it on real copy (``eval.numeric_cross_planted``) we need real
relations of each kind that HOLD as published. This finder looks for them in the two dev corpora
(BBC 2004-05, Reuters 1987) with its own rules; it never reads or imports the verifier
(``plugins/numeric``), only the shared quantity extractor ``factcheck.text.quantities`` for
number parsing, plus its own sentence splitter and patterns. Precision matters more than recall:
every rule below was tightened by reading what it found (``--show``), never by listing articles.

Kinds (issue 11) and the rule each is reported under:

1. NUM005 a total in one sentence and parts in the following ones that add up to it exactly, or
   a running total ("raised its stake to 653,600 shares" with "bought 68,000" elsewhere and
   "from 585,600"), in the same unit
2. NUM004 "A, or P%" whose whole is given in another sentence: A / whole matches P
3. NUM006 a definite restatement ("the 85 closures") of a count given in an earlier sentence
4. NUM009 one sum in two currencies: a conversion "£75m ($141m)" and the same sum restated in one
   of the currencies in another sentence, or two conversions whose exchange rates agree
5. NUM003/NUM001 a multiple or a percentage change in one sentence whose two figures are given
   in another ("a 40% drop in profits" ... "£75m compared with £125m a year earlier")
6. NUM011/NUM012/NUM013 an age against a birth year stated in another sentence; "N years
   later, in YEAR" against a year in an earlier sentence
7. NUM008 figures of the same thing in different sentences written with the same currency and
   scale (revenue "$3.7bn" ... "$3.4bn a year earlier"): a scale slip would contradict them

    .venv/bin/python -m eval.numeric_cross_finder              # counts per kind
    .venv/bin/python -m eval.numeric_cross_finder --show 3     # every instance of kind 3, in context
    .venv/bin/python -m eval.numeric_cross_finder --show 1 --sample 40
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import random
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from eval.common import data_dir, read_jsonl
from factcheck.model.article import Quantity
from factcheck.text.quantities import extract_quantities

# --- the article, split and parsed


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    paragraph: int


@dataclass(frozen=True)
class Q:
    """A quantity of the article, with the sentence it sits in."""

    q: Quantity
    sentence: int

    @property
    def start(self) -> int:
        return self.q.start

    @property
    def end(self) -> int:
        return self.q.end

    @property
    def value(self) -> float:
        return self.q.value


@dataclass
class Doc:
    corpus: str
    id: str
    text: str
    date: dt.date | None
    sentences: list[Sentence] = field(default_factory=list)
    quantities: list[Q] = field(default_factory=list)

    def sentence_text(self, index: int) -> str:
        s = self.sentences[index]
        return self.text[s.start : s.end]

    def sentence_of(self, offset: int) -> int:
        for i, s in enumerate(self.sentences):
            if s.start <= offset < s.end:
                return i
        return len(self.sentences) - 1


_ABBREVIATIONS = frozenset(
    "mr mrs ms dr st inc corp co cos ltd plc jr sr gen gov sen rep lt col maj capt prof no nos vs "
    "jan feb mar apr jun jul aug sep sept oct nov dec fig approx dept est".split()
)
_PARAGRAPH = re.compile(r"\n[ \t]*\n\s*|\n(?=[ \t]{2,}\S)")
_SENTENCE_END = re.compile(r"""[.!?]+["'”’)]*\s+(?=["“'(]?[A-Z0-9£$€])""")


def split_sentences(text: str) -> list[Sentence]:
    """Paragraphs (blank lines; Reuters' indented first lines), then sentences inside each."""
    sentences: list[Sentence] = []
    starts = [0] + [m.end() for m in _PARAGRAPH.finditer(text)]
    ends = [m.start() for m in _PARAGRAPH.finditer(text)] + [len(text)]
    for paragraph, (lo, hi) in enumerate(zip(starts, ends, strict=True)):
        begin = lo
        for m in _SENTENCE_END.finditer(text, lo, hi):
            word = re.search(r"([A-Za-z.]+)[.!?]*$", text[begin : m.start() + 1])
            token = word.group(1).lower().rstrip(".") if word else ""
            if token in _ABBREVIATIONS or len(token) == 1 or "." in token:
                continue  # "Inc.", "J. Smith", "U.S."
            sentences.append(Sentence(begin, m.end(), paragraph))
            begin = m.end()
        if text[begin:hi].strip():
            sentences.append(Sentence(begin, hi, paragraph))
    return sentences


def _reuters_date(text: str) -> dt.date | None:
    found = re.match(r"\s*(\d{1,2})-([A-Z]{3})-(\d{4})", text)
    if not found:
        return None
    month = "JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split().index(found[2]) + 1
    return dt.date(int(found[3]), month, int(found[1]))


def documents(root: Path) -> Iterator[Doc]:
    """The dev corpora as the harness checks them: ``f"{title}\\n\\n{text}\\n"``."""
    for record in read_jsonl(root / "bbc_news" / "bbc_news.jsonl"):
        yield parse("bbc", record["id"], f"{record['title']}\n\n{record['text']}\n", None)
    for record in read_jsonl(root / "reuters21578" / "reuters21578.jsonl"):
        text = f"{record['title']}\n\n{record['text']}\n"
        yield parse("reuters", record["id"], text, _reuters_date(record.get("date", "")))


def parse(corpus: str, ident: str, text: str, date: dt.date | None) -> Doc:
    doc = Doc(corpus, ident, text, date, split_sentences(text))
    for quantity in extract_quantities(text):
        unit = quantity.unit or ""
        if unit.endswith("/year") and quantity.text.endswith(" a year"):
            if re.match(r"\s+(?:earlier|ago|before)\b", text[quantity.end :]):
                # "£125m a year earlier" is £125m, a year before: not a rate per year
                trimmed = quantity.text[: -len(" a year")]
                update = {
                    "text": trimmed,
                    "end": quantity.start + len(trimmed),
                    "unit": unit[: -len("/year")],
                }
                quantity = quantity.model_copy(update=update)
        doc.quantities.append(Q(quantity, doc.sentence_of(quantity.start)))
    return doc


# --- what the finder reports


@dataclass(frozen=True)
class Figure:
    role: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Instance:
    corpus: str
    id: str
    kind: int
    rule: str
    figures: tuple[Figure, ...]
    relation: str  # in words, with the arithmetic
    target: int  # which figure to change when planting an error
    date: dt.date | None = None

    def spans(self) -> list[tuple[int, int]]:
        return [(f.start, f.end) for f in self.figures]


def _figure(doc: Doc, role: str, q: Q | Quantity | tuple[int, int]) -> Figure:
    if isinstance(q, tuple):
        start, end = q
    else:
        start, end = q.start, q.end
    return Figure(role, start, end, doc.text[start:end])


def _flat(text: str) -> str:
    return " ".join(text.split())


def _num(value: float) -> str:
    if value >= 1e9 and value % 1e7 == 0:
        return f"{value / 1e9:g}bn"
    if value >= 1e6 and value % 1e4 == 0:
        return f"{value / 1e6:g}m"
    return f"{value:,.10g}"


# --- shared helpers

_AMOUNT_KINDS = frozenset({"count", "money", "measure"})


def _is_amount(q: Q) -> bool:
    """A count, sum of money or measure; not a year, ordinal, percentage, multiplier or age."""
    quantity = q.q
    if quantity.kind not in _AMOUNT_KINDS or quantity.high is not None:
        return False
    if quantity.unit in ("year-old", "times", "way") or (quantity.unit and "/" in quantity.unit):
        return False
    if quantity.unit is None and quantity.value == int(quantity.value) and 1900 <= quantity.value <= 2030:
        return False  # a year the extractor left as a number
    return quantity.value > 0


def _unit(q: Q) -> tuple[str, str | None]:
    return q.q.kind, (q.q.unit or "").lower().rstrip("s") or None


def _same_unit(doc: Doc, a: Q, b: Q) -> bool:
    """Same kind and unit; a bare count takes the counted noun written a few words after it
    ("68,000 LDBrinkman common shares" counts shares)."""
    if _unit(a) == _unit(b):
        return True
    for bare, other in ((a, b), (b, a)):
        noun = _unit(other)[1]
        if bare.q.kind == "count" and bare.q.unit is None and other.q.kind == "count" and noun:
            after = doc.text[bare.end : bare.end + 60]
            if re.match(r"\s+(?:[\w<>.&'-]+\s+){0,3}?" + re.escape(noun) + r"s?\b", after, re.IGNORECASE):
                return True
    return False


def _close(total: float, parts: float, *figures: Q) -> bool:
    """``parts`` equals ``total`` within half the coarsest rounding step of the figures."""
    step = max(f.q.precision for f in figures)
    return abs(total - parts) <= step / 2 + 1e-9 * max(abs(total), 1.0)


def _context(doc: Doc, q: Q, before: int = 60) -> str:
    s = doc.sentences[q.sentence]
    return doc.text[max(s.start, q.start - before) : q.start].lower()


# --- kind 1: totals and parts (NUM005)


_BOUND = frozenset(
    {"below", "under", "up to", "more than", "over", "at least", "nearly", "almost", "less than"}
)
# A figure after these is a comparison base, a subset, a price or a change, not a part of a total.
_NOT_A_PART = re.compile(
    r"(?:\bfrom|\bagainst|\bvs\.?|\bversus|compared with|compared to|includ\w*|\beach|\bper|a share|"
    r"\bby|\bup|\bdown|\boff|\brose|\bfell|increased|decreased|declined|gained|dropped|\bwere|\bwas)\s+"
    r"(?:about |some |around |an estimated |a |the |a revised )?$"
)
_PRICE_AFTER = re.compile(
    r"\s*(?:[a-z]+\s+)?(?:a|per|each|an)\s+(?:share|tonne|ton|barrel|bushel|head|unit|ounce|lb|pound)\b|\s*each\b"
)
_TIME_UNITS = frozenset(
    {
        "year",
        "yr",
        "month",
        "mth",
        "mo",
        "week",
        "wk",
        "day",
        "hour",
        "hr",
        "minute",
        "min",
        "second",
        "quarter",
        "qtr",
    }
)


def _sum_figure(doc: Doc, q: Q) -> bool:
    """A figure that can be a total or a part: an amount with a counted noun, currency or unit, not
    a bound ("up to 10"), a comparison base ("from 585,600"), a change ("fell by 3.4 mln") or a price."""
    unit = _unit(q)[1]
    return (
        _is_amount(q)
        and unit is not None
        and unit not in _TIME_UNITS
        and (q.q.approx or "") not in _BOUND
        and not _NOT_A_PART.search(_context(doc, q, 30))
        and not _PRICE_AFTER.match(doc.text, q.end)
    )


def kind1(doc: Doc) -> list[Instance]:
    found: list[Instance] = []
    amounts = [q for q in doc.quantities if _sum_figure(doc, q)]
    for total in amounts:
        # a total worth summing: not tiny, written to at least two significant figures' precision
        if total.value < 10 or total.q.precision > 0.05 * total.value:
            continue
        window = [
            q
            for q in amounts
            if total.sentence < q.sentence <= total.sentence + 3
            and _unit(q) == _unit(total)
            and 0.02 * total.value <= q.value < total.value
            and q.q.precision <= total.q.precision
        ]
        hit = _run_summing_to(total, window)
        if hit:
            found.append(_sum_instance(doc, total, hit, "parts in the following sentences"))
    found.extend(_running_totals(doc))
    return _unique(found)


def _unique(found: list[Instance]) -> list[Instance]:
    """One instance per relation: the same parts (or the same figures) reported once."""
    seen: set[tuple[tuple[int, int], ...]] = set()
    kept = []
    for instance in found:
        key = tuple(sorted(instance.spans()[1:]))
        if key not in seen:
            seen.add(key)
            kept.append(instance)
    return kept


def _sums(total: Q, parts: list[Q]) -> bool:
    """The parts add up to the total within the coarsest rounding step of the figures."""
    slack = max([total.q.precision] + [p.q.precision for p in parts]) / 2
    return abs(total.value - sum(p.value for p in parts)) <= slack + 1e-9 * total.value


def _run_summing_to(total: Q, candidates: list[Q]) -> list[Q] | None:
    for i in range(len(candidates)):
        for j in range(i + 1, min(i + 5, len(candidates))):
            run = candidates[i : j + 1]
            if _sums(total, run):
                return run
            if sum(p.value for p in run) > total.value * 1.001:
                break
    return None


_RUNNING = re.compile(
    r"\b(?:bring|brings|brought|bringing|take|takes|taking|raise|raises|raised|raising|lift|lifts|lifted|"
    r"lifting|boost|boosts|boosted|boosting|increase|increases|increased|increasing)\b[^.;]{0,80}?"
    r"\b(?:total|holding|holdings|stake|combined|network|so far|to date)\b[^.;]{0,60}?\bto\s+"
    r"(?:about |some |around |a total of )?$",
    re.IGNORECASE,
)


def _running_totals(doc: Doc) -> list[Instance]:
    """ "... bringing its total to C" (or "raised its stake to C from B") where an earlier level B
    and an addition A, one of them in another sentence, add up to C exactly."""
    found = []
    amounts = [q for q in doc.quantities if _is_amount(q) and _unit(q)[1] not in _TIME_UNITS]
    for total in amounts:
        sentence = doc.sentences[total.sentence]
        if total.value < 10 or not _RUNNING.search(doc.text, sentence.start, total.start):
            continue
        same = [
            q
            for q in amounts
            if q is not total
            and _same_unit(doc, q, total)
            and q.value < total.value
            and abs(q.sentence - total.sentence) <= 4
            and q.q.precision <= total.q.precision
            and (q.q.approx or "") not in _BOUND
            and not _PRICE_AFTER.match(doc.text, q.end)
        ]
        for i, first in enumerate(same):
            partner = next(
                (
                    second
                    for second in same[i + 1 :]
                    if _sums(total, [first, second])
                    and not first.sentence == second.sentence == total.sentence
                ),
                None,
            )
            if partner is not None:
                found.append(_sum_instance(doc, total, [first, partner], "a running total"))
                break
    return found


def _sum_instance(doc: Doc, total: Q, parts: list[Q], how: str) -> Instance:
    figures = [_figure(doc, "total", total)] + [_figure(doc, "part", p) for p in parts]
    words = " + ".join(_flat(f.text) for f in figures[1:]) + f" = {_flat(figures[0].text)} ({how})"
    return Instance(doc.corpus, doc.id, 1, "NUM005", tuple(figures), words, 1, doc.date)


# --- kind 2: a share of an earlier whole (NUM004)

# Between a part and its share: "A, or P%", "A (P%)", "A - P% -", "A, accounting for P%".
_OR_SHARE = re.compile(
    r"^\s*(?:[,(\-–—]\s*|\s)(?:or\s+|accounting for\s+|representing\s+|equal to\s+|equivalent to\s+)?"
    r"(?:about |around |some |nearly |almost |roughly |just over |just under )?$"
)
_CHANGE_BEFORE = re.compile(
    r"\b(?:rose|rise|rising|fell|fall|falling|up|down|increased?|decreased?|increasing|gained?|lost|"
    r"dropped|declined?|climbed|jumped|added|shed|higher|lower|grew|growth|surged|slumped|by)\s+"
    r"(?:a revised |an estimated |about |some |nearly |almost |only |just )?$",
    re.IGNORECASE,
)


def _share_slack(share: Q, part: Q, whole: Q, ratio: float) -> float:
    """How far the stated share may be from part/whole (in percentage points)."""
    if share.q.kind == "fraction":
        slack = 3.0
    else:
        slack = share.q.precision / 2
    slack += ratio * (part.q.precision / 2 / part.value + whole.q.precision / 2 / whole.value)
    return slack + (2.0 if share.q.approx else 0.0)


def kind2(doc: Doc) -> list[Instance]:
    found = []
    quantities = doc.quantities
    for k, share in enumerate(quantities):
        worded = share.q.kind == "fraction" and "/" not in share.q.text  # "a third", not "1-3/8"
        is_share = worded or (share.q.kind == "percent" and share.q.high is None)
        if not is_share or k == 0:
            continue
        part = quantities[k - 1]
        if not _is_amount(part) or part.sentence != share.sentence or part.value < 2:
            continue
        if not _OR_SHARE.match(doc.text[part.end : share.start]) or _CHANGE_BEFORE.search(
            _context(doc, part, 40)
        ):
            continue
        stated = share.value * (100 if share.q.kind == "fraction" else 1)
        fits = []
        for whole in quantities:
            if whole.sentence == share.sentence or not _is_amount(whole) or whole.value <= part.value:
                continue
            if not _same_unit(doc, whole, part) or _CHANGE_BEFORE.search(_context(doc, whole, 40)):
                continue
            ratio = 100 * part.value / whole.value
            if abs(ratio - stated) <= _share_slack(share, part, whole, ratio) + 1e-9:
                fits.append(whole)
        if len(fits) != 1:
            continue  # no whole, or several that fit equally: not a relation we can be sure of
        whole = fits[0]
        figures = (_figure(doc, "whole", whole), _figure(doc, "part", part), _figure(doc, "share", share))
        words = (
            f"{_flat(part.q.text)} of {_flat(whole.q.text)} is "
            f"{100 * part.value / whole.value:.2f}%, stated as {_flat(share.q.text)}"
        )
        found.append(Instance(doc.corpus, doc.id, 2, "NUM004", figures, words, 2, doc.date))
    return found


# --- kind 3: a count restated (NUM006)

# Nouns that count the same thing under another name.
_SAME_COUNT = [
    frozenset({"job", "job cut", "job loss", "redundancy", "post", "layoff", "worker", "employee", "staff"}),
    frozenset({"branch", "closure", "office", "store", "shop", "outlet"}),
    frozenset({"home", "house", "homes", "dwelling"}),
    frozenset({"share", "common share", "stock"}),
]
_DEFINITE = re.compile(r"\b(?:the|those|these|all|its|their|his|her|our)\s+(?:[a-z-]+\s+)?$", re.IGNORECASE)
_NOUN_AFTER = re.compile(r"(?:\s+|-)((?:[a-z]+[ -])?[a-z]+)", re.IGNORECASE)


def _lemma(word: str) -> str:
    word = word.lower()
    if word.endswith(("ss", "us", "is", "series", "species")):
        return word
    for suffix, replacement in (("ies", "y"), ("ches", "ch"), ("shes", "sh"), ("sses", "ss"), ("s", "")):
        if word.endswith(suffix) and len(word) >= len(suffix) + 2:
            return word[: -len(suffix)] + replacement
    return word


def _counted(doc: Doc, q: Q) -> tuple[str, str] | None:
    """The counted noun of a count, singular, and the two-word phrase it may start ("job cuts")."""
    if q.q.kind != "count" or q.q.unit is None:
        return None
    unit = q.q.unit.lower()
    if (
        unit in _TIME_UNITS
        or _lemma(unit) in _TIME_UNITS
        or not unit.isalpha()
        or _lemma(unit) in _MODEL_NOUNS
    ):
        return None
    found = _NOUN_AFTER.match(doc.text, q.end)
    phrase = f"{_lemma(unit)} {_lemma(found.group(1).split()[0])}" if found else _lemma(unit)
    return _lemma(unit), phrase


def _same_thing(a: tuple[str, str], b: tuple[str, str]) -> bool:
    if a[0] == b[0]:
        return True
    names_a, names_b = {a[0], a[1]}, {b[0], b[1]}
    return any(names_a & group and names_b & group for group in _SAME_COUNT)


_MODEL_NOUNS = frozenset({"series", "model", "class", "type", "version", "generation", "edition"})
_ADDITION_BEFORE = re.compile(r"\b(?:further|another|additional|more|extra|other)\s+$", re.IGNORECASE)


def _plain_count(doc: Doc, q: Q) -> bool:
    """A count written in digits as a count: not "60m" (metres read as millions), not the "400" of
    "747-400", not a year."""
    return (
        q.value >= 3
        and q.value == int(q.value)
        and not 1900 <= q.value <= 2030
        and not q.q.spelled
        and not re.search(r"\d[a-zA-Z]", q.q.text)
        and not re.search(r"[\d/-]$", doc.text[max(0, q.start - 1) : q.start])
    )


def kind3(doc: Doc) -> list[Instance]:
    found = []
    counts = [
        (q, noun)
        for q in doc.quantities
        if _plain_count(doc, q)
        for noun in [_counted(doc, q)]
        if noun is not None
    ]
    used: set[int] = set()
    for i, (later, later_noun) in enumerate(counts):
        definite = _DEFINITE.search(_context(doc, later, 30))
        for earlier, earlier_noun in counts[:i]:
            if earlier.sentence == later.sentence or earlier.value != later.value:
                continue
            headline = earlier.sentence == 0 and doc.sentences[0].paragraph == 0
            if not (definite or headline) or not _same_thing(earlier_noun, later_noun):
                continue
            if earlier.start in used or _ADDITION_BEFORE.search(_context(doc, earlier, 20)):
                continue
            used.add(earlier.start)
            how = "the headline's count restated in the body" if headline else "a definite back-reference"
            figures = (_figure(doc, "first mention", earlier), _figure(doc, "restated", later))
            words = f"{_flat(later.q.text)} restates {_flat(earlier.q.text)} ({how})"
            found.append(Instance(doc.corpus, doc.id, 3, "NUM006", figures, words, 1, doc.date))
            break
    return found


# --- kind 4: one sum in two currencies (NUM009)

_CONVERSION_GAP = re.compile(
    r"^\s*(?:\(\s*(?:about |around |some |roughly |nearly |almost |or )?"
    r"|[,;]?\s*(?:or|about|some|around)\s+)$"
)


def _currency(q: Q) -> str | None:
    unit = q.q.unit
    if q.q.kind != "money" or not unit or "/" in unit or unit in ("cent", "pence", "penny"):
        return None
    return unit


def _conversions(doc: Doc) -> list[tuple[Q, Q]]:
    """ "£75m ($141m)": an amount and its conversion into another currency, side by side."""
    pairs = []
    quantities = doc.quantities
    for first, second in itertools.pairwise(quantities):
        a, b = _currency(first), _currency(second)
        if a and b and a != b and first.sentence == second.sentence:
            if _CONVERSION_GAP.match(doc.text[first.end : second.start]) and first.value >= 1000:
                pairs.append((first, second))
    return pairs


def _rate_slack(a: Q, b: Q) -> float:
    """Relative uncertainty of b / a from the rounding of both amounts."""
    return a.q.precision / 2 / a.value + b.q.precision / 2 / b.value


def kind4(doc: Doc) -> list[Instance]:
    found = []
    pairs = _conversions(doc)
    in_pair = {q.start for pair in pairs for q in pair}
    money = [q for q in doc.quantities if _currency(q) and q.value >= 1000]
    seen: set[tuple[int, int]] = set()
    for source, target in pairs:
        # (a) the converted sum restated alone, in the same currency, in another sentence
        for other in money:
            if other.sentence == source.sentence or other.start in in_pair:
                continue
            if _currency(other) != _currency(target):
                continue
            slack = min(other.q.precision, target.q.precision) / 2  # the same sum, as precisely written
            if (
                abs(other.value - target.value) <= slack + 1e-9 * other.value
                and (target.start, other.start) not in seen
            ):
                seen.add((target.start, other.start))
                figures: tuple[Figure, ...] = (
                    _figure(doc, "amount", source),
                    _figure(doc, "conversion", target),
                    _figure(doc, "restated conversion", other),
                )
                words = (
                    f"{_flat(source.q.text)} is {_flat(target.q.text)}; "
                    f"restated as {_flat(other.q.text)} in another sentence"
                )
                found.append(Instance(doc.corpus, doc.id, 4, "NUM009", figures, words, 2, doc.date))
    # (b) two conversions between the same currencies, in different sentences (preferably in
    # different paragraphs), at one rate: one instance per article
    agreeing = []
    for i, (a1, b1) in enumerate(pairs):
        for a2, b2 in pairs[i + 1 :]:
            if a2.sentence == a1.sentence or (_currency(a1), _currency(b1)) != (_currency(a2), _currency(b2)):
                continue
            if a1.value == a2.value:
                continue  # the same sum restated with its conversion: not a second rate
            r1, r2 = b1.value / a1.value, b2.value / a2.value
            if abs(r1 / r2 - 1) <= _rate_slack(a1, b1) + _rate_slack(a2, b2) + 0.01:
                apart = doc.sentences[a1.sentence].paragraph != doc.sentences[a2.sentence].paragraph
                agreeing.append((not apart, a1, b1, a2, b2))
    if agreeing:
        _, a1, b1, a2, b2 = min(agreeing, key=lambda row: row[0])
        figures = (
            _figure(doc, "amount", a1),
            _figure(doc, "conversion", b1),
            _figure(doc, "amount", a2),
            _figure(doc, "conversion", b2),
        )
        words = (
            f"{_flat(a1.q.text)} = {_flat(b1.q.text)} (rate {b1.value / a1.value:.4g}) and "
            f"{_flat(a2.q.text)} = {_flat(b2.q.text)} (rate {b2.value / a2.value:.4g}) agree"
        )
        found.append(Instance(doc.corpus, doc.id, 4, "NUM009", figures, words, 3, doc.date))
    return found


# --- kind 5: changes and multiples across sentences

# Between the new figure and the old one: "X, up from Y", "X compared with Y", "X vs Y".
_NEW_THEN_OLD = re.compile(
    r"^(?:\s*(?:in|for|during|over|last|this|the|a|year|quarter|month|week|period|first|second|third|"
    r"fourth|half|fiscal|\d{4}(?:/\d\d)?)\b)*"
    r"\s*,?\s*(?:(?:up|down|rising|falling|rose|fell)\s+from|compared\s+with|compared\s+to|against|"
    r"versus|vs\.?|from)\s+(?:a\s+revised\s+|an?\s+|about\s+|some\s+)?$",
    re.IGNORECASE,
)
_FROM_BEFORE = re.compile(r"\bfrom\s+(?:a\s+revised\s+|an?\s+|about\s+)?$", re.IGNORECASE)
_CHANGE_WORDS = re.compile(
    r"\b(?:rose|rise|rises|rising|risen|up|increase[sd]?|increasing|gain(?:ed|s)?|grew|growth|jump(?:ed|s)?|"
    r"climb(?:ed|s)?|surge[sd]?|boost(?:ed)?|higher|fell|fall|falls|falling|fallen|down|decrease[sd]?|"
    r"decline[sd]?|drop(?:ped|s)?|slump(?:ed|s)?|plunge[sd]?|lower|cut|loss|lost|slid|shrank|"
    r"reduc(?:ed|tion))\b",
    re.IGNORECASE,
)
_DOWN_WORDS = re.compile(
    r"\b(?:fell|fall|falls|falling|fallen|down|decrease[sd]?|decline[sd]?|drop(?:ped|s)?|slump(?:ed|s)?|"
    r"plunge[sd]?|lower|cut|slid|shrank|reduc(?:ed|tion))\b",
    re.IGNORECASE,
)
_UP_WORDS = re.compile(
    r"\b(?:rose|rise|rises|rising|risen|up|increase[sd]?|increasing|gain(?:ed|s)?|grew|growth|jump(?:ed|s)?|"
    r"climb(?:ed|s)?|surge[sd]?|boost(?:ed)?|higher)\b",
    re.IGNORECASE,
)


_LEVEL_BEFORE = re.compile(
    r"\b(?:from|to|at|was|were|is|are|stood|of just|only)\s+(?:about |around |some )?$", re.I
)


@dataclass(frozen=True)
class Pair:
    new: Q
    old: Q


def _comparison_pairs(doc: Doc) -> list[Pair]:
    """Two figures of one thing at two times, in one sentence: "£75m ($141m) compared with £125m",
    "rose to 4.5 mln from 4.2 mln", "Net 12.3 mln vs 10.1 mln", "from 6 to 14", "77m euros
    (£53m; $100m), up from 38m" (a bare "38m" after a sum of money is 38 million of it)."""
    pairs = []
    quantities = [q for q in doc.quantities if _is_amount(q)]
    for i, first in enumerate(quantities):
        for second in quantities[i + 1 : i + 5]:
            if second.sentence != first.sentence:
                break
            gap = doc.text[first.end : second.start]
            if gap.count("(") > gap.count(")"):
                continue  # inside a parenthesis after the first figure: its conversion
            second = _bare_scaled(doc, first, second)
            if not _same_unit(doc, first, second):
                continue
            between = re.sub(r"\([^()]*\)", " ", gap)  # skip "($141m)"
            if _NEW_THEN_OLD.match(between):
                pairs.append(Pair(first, second))
            elif re.match(r"^\s*to\s+$", between) and _FROM_BEFORE.search(_context(doc, first, 30)):
                pairs.append(Pair(second, first))
            break
    return pairs


def _bare_scaled(doc: Doc, first: Q, second: Q) -> Q:
    """ "38m" after "77m euros ... up from" is 38 million euros, not 38 metres."""
    bare = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(m|bn|mln|billion|million)", second.q.text)
    if bare is None or first.q.kind != "money" or second.q.unit == first.q.unit:
        return second
    scale = 1e9 if bare.group(2) in ("bn", "billion") else 1e6
    if abs(first.value / scale) < 1:
        return second
    decimals = len(bare.group(1).partition(".")[2])
    update = {
        "value": float(bare.group(1)) * scale,
        "unit": first.q.unit,
        "kind": "money",
        "precision": scale / 10**decimals,
    }
    return Q(second.q.model_copy(update=update), second.sentence)


_SCALED = re.compile(
    r"(?:\d\s*(?:m|bn|k|tn)\b|million|billion|trillion|thousand|\bmln\b|\bbln\b)", re.IGNORECASE
)


def _step(q: Q) -> float:
    """The rounding step of a figure as written: its precision when scaled or decimal ("£75m",
    "4.2"), a power of ten for round integers ("12,000" -> 1,000), none for other integers."""
    core = re.search(r"\d[\d,]*(?:\.\d+)?", q.q.text)
    if core is None or "." in core.group() or _SCALED.search(q.q.text):
        return q.q.precision
    digits = core.group().replace(",", "")
    zeros = len(digits) - len(digits.rstrip("0"))
    return float(10**zeros) if zeros and int(digits) >= 1000 else 0.0


def _change_slack(stated: Q, pair: Pair, change: float) -> float:
    """How far a stated percentage may be from the one the figures give (points)."""
    rel = _step(pair.new) / 2 / pair.new.value + _step(pair.old) / 2 / pair.old.value
    slack = stated.q.precision / 2 + (100 + abs(change)) * rel
    return slack + (1.0 if stated.q.approx else 0.0)


_TIME_MARKER = re.compile(
    r"\b(?:19\d\d|20\d\d|last year|a year (?:earlier|ago|before)|the year before|previous|prior|"
    r"earlier|ago|in the same (?:period|month|quarter)|since)\b",
    re.IGNORECASE,
)


def _claims(doc: Doc, exclude: set[int]) -> Iterator[tuple[Q, str]]:
    """Stated changes and multiples: ("12 pct", window) for "rose 12 pct", "doubled", "five-fold"."""
    for stated in doc.quantities:
        kind = stated.q.kind
        if stated.start in exclude or stated.q.high is not None:
            continue
        sentence = doc.sentences[stated.sentence]
        window = doc.text[max(sentence.start, stated.start - 60) : min(sentence.end, stated.end + 40)]
        if kind == "percent":
            if not _CHANGE_WORDS.search(window) or re.match(
                r"\s*(?:points?|percentage)", doc.text[stated.end :]
            ):
                continue
            if _LEVEL_BEFORE.search(_context(doc, stated, 25)):
                continue  # "up from 15 pct", "fell to 5%": a level, not the change
        elif kind != "multiplier":
            continue
        yield stated, window


def _fits(doc: Doc, stated: Q, window: str, pair: Pair) -> tuple[str, str] | None:
    """(rule, arithmetic) when the pair's figures give the stated change or multiple."""
    if pair.old.value <= 0:
        return None
    ratio = pair.new.value / pair.old.value
    if stated.q.kind == "percent":
        change = 100 * (ratio - 1)
        down, up = _DOWN_WORDS.search(window), _UP_WORDS.search(window)
        if (down and not up and change > 0) or (up and not down and change < 0):
            return None
        if abs(abs(change) - stated.value) > _change_slack(stated, pair, change):
            return None
        if _own_amount_differs(doc, stated, pair):
            return None
        return "NUM001", f"{_flat(pair.old.q.text)} to {_flat(pair.new.q.text)} is {change:+.2f}%"
    if not _multiple_fits(stated, ratio, pair):
        return None
    return "NUM003", f"{_flat(pair.new.q.text)} / {_flat(pair.old.q.text)} = {ratio:.3g} times"


_STOP = frozenset(
    "that this with from have were been said will would which their there than about also after "
    "into over some more most last year years month months week when while where other only such "
    "them they were what this these those each rate level total figure figures".split()
)


def _subject(doc: Doc, q: Q) -> set[str]:
    """Content words just before a figure, in its sentence ("operating profits fell 46% to")."""
    s = doc.sentences[q.sentence]
    words = re.findall(r"[a-z]{4,}", doc.text[max(s.start, q.start - 80) : q.start].lower())
    return {_lemma(w) for w in words[-8:] if w not in _STOP and not _CHANGE_WORDS.fullmatch(w)}


def _same_subject(doc: Doc, a: Q, b: Q) -> bool:
    if a.q.kind == "count" and a.q.unit and _unit(a) == _unit(b):
        return True  # "3.47 mln units" and "4.06 mln units"
    return bool(_subject(doc, a) & _subject(doc, b))


def kind5(doc: Doc) -> list[Instance]:
    found = []
    pairs = _comparison_pairs(doc)
    in_pair = {q.start for pair in pairs for q in (pair.new, pair.old)}
    pairs = [p for p in pairs if not {p.new.q.approx, p.old.q.approx} & _BOUND and not _explained(doc, p)]
    amounts = [
        q
        for q in doc.quantities
        if _is_amount(q) and q.start not in in_pair and not q.q.spelled and _unit(q)[1] not in _TIME_UNITS
    ]
    for stated, window in _claims(doc, in_pair):
        # (a) both figures in one other sentence: "a 40% drop" ... "£75m compared with £125m"
        matched: tuple[Pair, tuple[str, str], str] | None = None
        for pair in pairs:
            if pair.new.sentence != stated.sentence and abs(pair.new.sentence - stated.sentence) <= 3:
                fit = _fits(doc, stated, window, pair)
                if fit:
                    matched = (pair, fit, "its two figures in another sentence")
                    break
        # (b) the new figure beside the claim, the old one in another sentence with a time marker
        if matched is None:
            news = [q for q in amounts if q.sentence == stated.sentence]
            if len(news) == 1:
                olds = [
                    q
                    for q in amounts
                    if q.sentence != stated.sentence
                    and abs(q.sentence - stated.sentence) <= 3
                    and _same_unit(doc, q, news[0])
                    and (q.q.approx or "") not in _BOUND
                    and _TIME_MARKER.search(doc.sentence_text(q.sentence))
                    and _same_subject(doc, q, news[0])
                ]
                fits = [(Pair(news[0], old), _fits(doc, stated, window, Pair(news[0], old))) for old in olds]
                fitting = [(pair, fit) for pair, fit in fits if fit is not None]
                if len(fitting) == 1:
                    matched = (fitting[0][0], fitting[0][1], "the earlier figure in another sentence")
        if matched is None:
            continue
        pair, (rule, words), how = matched
        figures = (
            _figure(doc, "old", pair.old),
            _figure(doc, "new", pair.new),
            _figure(doc, "stated change", stated),
        )
        words += f", stated as {_flat(stated.q.text)!r} ({how})"
        found.append(Instance(doc.corpus, doc.id, 5, rule, figures, words, 2, doc.date))
    return _unique_pairs(found)


def _unique_pairs(found: list[Instance]) -> list[Instance]:
    """One instance per pair of figures (a headline and the body may state the same change)."""
    seen: set[tuple[tuple[int, int], ...]] = set()
    kept = []
    for instance in found:
        key = tuple(instance.spans()[:2])
        if key not in seen:
            seen.add(key)
            kept.append(instance)
    return kept


def _own_amount_differs(doc: Doc, stated: Q, pair: Pair) -> bool:
    """ "rose 3.6 billion dlrs, or 1.1 pct": the stated change comes with its own amount, and it is
    not the difference of the pair, so the two describe different things."""
    before = [q for q in doc.quantities if q.sentence == stated.sentence and q.end <= stated.start]
    if not before or not _is_amount(before[-1]) or not _same_unit(doc, before[-1], pair.new):
        return False
    if not _OR_SHARE.match(doc.text[before[-1].end : stated.start]):
        return False
    step = max(_step(pair.new), _step(pair.old), _step(before[-1]))
    return abs(before[-1].value - abs(pair.new.value - pair.old.value)) > step + 1e-9 * before[-1].value


def _explained(doc: Doc, pair: Pair) -> bool:
    """The pair's own sentence states a different change for it ("fell 14 pct to 43,521 from
    more than 50,000"): the pair belongs to that claim, not to one elsewhere."""
    change = 100 * (pair.new.value / pair.old.value - 1)
    for q in doc.quantities:
        if q.sentence == pair.new.sentence and q.q.kind == "percent" and q.q.high is None:
            if _CHANGE_WORDS.search(_context(doc, q, 40)) and abs(abs(change) - q.value) > _change_slack(
                q, pair, change
            ):
                return True
    return False


def _multiple_fits(stated: Q, ratio: float, pair: Pair) -> bool:
    text = stated.q.text.lower()
    factor = 1 / stated.value if "halv" in text else stated.value
    rel = _step(pair.new) / 2 / pair.new.value + _step(pair.old) / 2 / pair.old.value
    approx = stated.q.approx or ""
    if approx in ("more than", "over", "at least"):
        return factor * (1 - rel) < ratio < factor * 1.5 + 0.5
    if approx in ("nearly", "almost"):
        return factor * 0.85 - rel * factor <= ratio <= factor * (1 + rel)
    slack = 0.05 + rel + (0.1 if approx else 0.0)
    return abs(ratio / factor - 1) <= slack


# --- kind 6: dates, durations and ages across sentences

_NUMBER_WORDS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen twenty".split()
    )
}
_NUMBER_WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60})
_N = r"(\d{1,3}|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")"
_YEAR = re.compile(r"(?<![\d/-])(1[89]\d\d|20[0-2]\d)(?![\d/-]|s\b)")
_BORN = re.compile(
    r"\b[Bb]orn\s+(?:in\s+|on\s+)?(?:(?:\d{1,2}\s+)?[A-Z][a-z]+\s+(?:\d{1,2},?\s+)?)?(?:in\s+)?(1[89]\d\d)\b"
    r"|\(born\s+(1[89]\d\d)\)"
)
_AGE = re.compile(
    r"\b(?:aged|age of(?: just| only)?)\s+" + _N + r"\b|\b(\d{1,3})-year-old\b|\b" + _N + r" years old\b",
    re.IGNORECASE,
)
_LATER = re.compile(r"\b" + _N + r"\s+years\s+(?:later|after|on)\b", re.IGNORECASE)
_SPAN = re.compile(
    r"\b(?:from|between)\s+(?:[A-Z][a-z]+\s+)?(1[89]\d\d|20[0-2]\d)\s+(?:to|until|till|and)\s+"
    r"(?:[A-Z][a-z]+\s+)?(1[89]\d\d|20[0-2]\d)\b"
)
_DURATION = re.compile(
    r"\b(?:for|after|lasted|spent|spanning|during|in)\s+(?:his\s+|her\s+|its\s+|their\s+|almost\s+|nearly\s+)?"
    + _N
    + r"(?:\s+years|-year)\b(?!\s+(?:ago|later|after|old|since|before|earlier))",
    re.IGNORECASE,
)


def _n(text: str) -> int:
    return int(text) if text.isdigit() else _NUMBER_WORDS[text.lower()]


def _years_in(doc: Doc, sentence: int) -> list[re.Match[str]]:
    s = doc.sentences[sentence]
    return list(_YEAR.finditer(doc.text, s.start, s.end))


def kind6(doc: Doc) -> list[Instance]:
    return _ages(doc) + _years_later(doc) + _durations(doc) + _elapsed(doc)


_ELAPSED = re.compile(
    r"\b(?:(?:lapse|absence|gap) of (?:almost |nearly |about |some |more than )?" + _N + r" years"
    r"|" + _N + r" years (?:ago|since))\b",
    re.IGNORECASE,
)


def _elapsed(doc: Doc) -> list[Instance]:
    """ "After a lapse of almost nine years" against "which it left in 1978" in another sentence,
    counted to the publication date (only when the date is known: Reuters' dateline)."""
    if doc.date is None:
        return []
    found = []
    for elapsed in _ELAPSED.finditer(doc.text):
        group = next(g for g in (1, 2) if elapsed.group(g))
        sentence = doc.sentence_of(elapsed.start())
        if _years_in(doc, sentence):
            continue  # a year beside the count: a single-sentence relation
        window = range(max(0, sentence - 3), min(len(doc.sentences), sentence + 2))
        years = [
            y for s in window if s != sentence for y in _years_in(doc, s) if int(y.group(1)) < doc.date.year
        ]
        if len({y.group(1) for y in years}) != 1:
            continue  # no anchor, or several it could count from
        anchor = years[0]
        stated = _n(elapsed.group(group))
        gap = doc.date.year - int(anchor.group(1))
        if abs(gap - stated) > 1:
            continue
        figures = (
            _figure(doc, "from year", anchor.span(1)),
            _figure(doc, "stated duration", elapsed.span(group)),
        )
        words = f"{anchor.group(1)} to the dateline ({doc.date.year}) is {gap} years, stated as {stated}"
        found.append(Instance(doc.corpus, doc.id, 6, "NUM013", figures, words, 1, doc.date))
    return found


def _ages(doc: Doc) -> list[Instance]:
    """An age at a dated event (or now) against a birth year given in another sentence."""
    births = list(_BORN.finditer(doc.text))
    if len(births) != 1:
        return []  # one person's birth year, or we cannot tell whose age is whose
    birth = births[0]
    born = int(birth.group(1) or birth.group(2))
    birth_span = birth.span(1) if birth.group(1) else birth.span(2)
    found = []
    for age in _AGE.finditer(doc.text):
        value_group = next(g for g in (1, 2, 3) if age.group(g))
        sentence = doc.sentence_of(age.start())
        if sentence == doc.sentence_of(birth.start()):
            continue
        years = [y for y in _years_in(doc, sentence) if int(y.group(1)) > born]
        if len(years) == 1:
            at, how = int(years[0].group(1)), "at the event dated in its sentence"
            event_span = years[0].span(1)
        elif not years and doc.date is not None:
            at, how, event_span = doc.date.year, "now (the publication date)", None
        else:
            continue
        stated = _n(age.group(value_group))
        if at - born - stated not in (0, 1):
            continue
        figures = [_figure(doc, "birth year", birth_span), _figure(doc, "stated age", age.span(value_group))]
        if event_span:
            figures.append(_figure(doc, "event year", event_span))
        words = f"born {born}, aged {stated} {how} ({at}): {at} - {born} = {at - born}"
        found.append(Instance(doc.corpus, doc.id, 6, "NUM012", tuple(figures), words, 1, doc.date))
    return found


def _years_later(doc: Doc) -> list[Instance]:
    """ "Three years later, in 1990" (or "... also in 1990" in the same sentence) against the year
    of the earlier sentence it counts from."""
    found = []
    for later in _LATER.finditer(doc.text):
        sentence = doc.sentence_of(later.start())
        if sentence == 0:
            continue
        targets = [y for y in _years_in(doc, sentence) if y.start() > later.end() or y.end() < later.start()]
        anchors = [y for s in range(max(0, sentence - 1), sentence) for y in _years_in(doc, s)]
        anchors += [y for y in _years_in(doc, sentence) if y.end() < later.start()]
        if len(targets) != 1 or not anchors:
            continue
        target = targets[0]
        anchor = [y for y in anchors if y.start() != target.start()]
        if not anchor:
            continue
        anchor_year = anchor[-1]  # the last year written before the count starts
        if doc.sentence_of(anchor_year.start()) == sentence and anchor_year.end() > later.start():
            continue
        if doc.sentence_of(anchor_year.start()) == sentence:
            continue  # both dates beside the count: a single-sentence relation
        stated = _n(later.group(1))
        gap = int(target.group(1)) - int(anchor_year.group(1))
        if abs(gap - stated) > 1:
            continue
        figures = (
            _figure(doc, "from year", anchor_year.span(1)),
            _figure(doc, "stated duration", later.span(1)),
            _figure(doc, "to year", target.span(1)),
        )
        words = f"{anchor_year.group(1)} + {stated} years ~ {target.group(1)} (gap {gap})"
        found.append(Instance(doc.corpus, doc.id, 6, "NUM013", figures, words, 1, doc.date))
    return found


def _durations(doc: Doc) -> list[Instance]:
    """ "for nine years" against "from 1983 until 1992" in another sentence near it."""
    found = []
    spans = list(_SPAN.finditer(doc.text))
    for duration in _DURATION.finditer(doc.text):
        sentence = doc.sentence_of(duration.start())
        stated = _n(duration.group(1))
        near = [
            s
            for s in spans
            if doc.sentence_of(s.start()) != sentence and abs(doc.sentence_of(s.start()) - sentence) <= 3
        ]
        fits = [s for s in near if abs(int(s.group(2)) - int(s.group(1)) - stated) <= 1]
        if len(near) != 1 or len(fits) != 1:
            continue
        span = fits[0]
        figures = (
            _figure(doc, "from year", span.span(1)),
            _figure(doc, "to year", span.span(2)),
            _figure(doc, "stated duration", duration.span(1)),
        )
        gap = int(span.group(2)) - int(span.group(1))
        words = f"{span.group(1)} to {span.group(2)} is {gap} years, stated as {stated}"
        found.append(Instance(doc.corpus, doc.id, 6, "NUM011", figures, words, 2, doc.date))
    return found


# --- kind 7: one scale for one thing (NUM008)

_LINE_ITEMS = frozenset(
    "profit loss revenue sale turnover income earning debt budget deficit surplus spending cost "
    "asset output export import dividend investment bid offer deal valuation capital borrowing "
    "fund loan payment subsidy charge fine takeover price production stock reserve".split()
)
_SCALE_WORD = re.compile(r"(?:\d\s*(m|bn|tn)\b|\b(million|billion|trillion|mln|bln)\b)", re.IGNORECASE)


def _scale(q: Q) -> str | None:
    """The scale as written ("bn", "billion", "mln"), normalised to m/bn/tn; None when unscaled."""
    found = _SCALE_WORD.search(q.q.text)
    if not found:
        return None
    word = (found.group(1) or found.group(2)).lower()
    return {"million": "m", "mln": "m", "billion": "bn", "bln": "bn", "trillion": "tn"}.get(word, word)


def _line_item(doc: Doc, q: Q) -> tuple[str, str] | None:
    """What a sum of money is a figure of: the last line-item noun in the six words before it
    ("pre-tax profit of £75m" -> profit) and the word before that noun when it makes the item a
    different one ("pre-tax"); None when no line item is that close."""
    s = doc.sentences[q.sentence]
    words = re.findall(r"[A-Za-z][A-Za-z'-]*", doc.text[max(s.start, q.start - 60) : q.start])[-6:]
    at = [i for i, w in enumerate(words) if _lemma(w.lower().removesuffix("'s")) in _LINE_ITEMS]
    if not at:
        return None
    i = at[-1]
    before = words[i - 1].lower().removesuffix("'s") if i > 0 else ""
    modifier = "" if before in _FUNCTION_WORDS or before in _STOP else before
    return _lemma(words[i].lower().removesuffix("'s")), modifier


def _names(doc: Doc, sentence: int) -> set[str]:
    """Capitalised words inside a sentence (not its first word): the companies and places it is about."""
    text = doc.sentence_text(sentence)
    if sum(c.isupper() for c in text) > sum(c.islower() for c in text):
        return set()  # a wire headline in capitals
    words = re.findall(r"[A-Za-z][A-Za-z'-]*", text)[1:]
    return {w.removesuffix("'s") for w in words if w[0].isupper() and w.lower() not in _STOP}


# Words before a line item that do not make it a different one ("its profit", "annual sales").
_FUNCTION_WORDS = frozenset(
    "a an the its their his her our of in on for and to with at by from as annual full-year yearly "
    "total record group company firm overall".split()
)


_PERIOD = re.compile(
    r"\b(?:19\d\d|20\d\d|last year|a year (?:earlier|ago|before)|year-ago|previous|prior|forecast|"
    r"expected|estimate[sd]?|target|first (?:half|quarter)|(?:second|third|fourth) quarter|"
    r"this year|next year)\b",
    re.IGNORECASE,
)


_SENTENCE_OPENERS = frozenset("but it he she they we this that in on at for last first fourth".split())


def _window_names(doc: Doc, q: Q) -> set[str]:
    """Capitalised words among the eight before a figure ("Wimpey reported a 19% rise in profits
    to"): who the figure belongs to, when the writer says so."""
    s = doc.sentences[q.sentence]
    found = list(re.finditer(r"[A-Za-z][A-Za-z'-]*", doc.text[max(s.start, q.start - 80) : q.start]))[-8:]
    return {
        m.group().removesuffix("'s")
        for m in found
        if m.group()[0].isupper() and m.group().lower() not in _STOP | _FUNCTION_WORDS | _SENTENCE_OPENERS
    }


def _noun_after(doc: Doc, q: Q) -> str | None:
    found = re.match(r"\s*(?:\([^()]*\)\s*)?([a-z]{3,})", doc.text[q.end : q.end + 40])
    return _lemma(found.group(1)) if found else None


def _same_sum(doc: Doc, a: Q, b: Q, first: tuple[str, str] | None, second: tuple[str, str] | None) -> bool:
    """Two mentions of one amount are one sum when they name the same line item, count the same
    noun ("$280bn deal" ... "$280bn deal") or the later one points back ("the £50m fee")."""
    if first is not None and first == second:
        return True
    noun = _noun_after(doc, a)
    if noun is not None and noun not in _STOP and noun == _noun_after(doc, b):
        return True
    return bool(_DEFINITE.search(_context(doc, b, 20)))


def kind7(doc: Doc) -> list[Instance]:
    """Figures of one thing written with one currency and one scale in different sentences, so that
    a scale slip in one ("$3.2m" for "$3.2bn") would contradict the other: (a) the same sum
    restated, (b) the same line item of the same company in two periods (or actual and forecast),
    within a factor of three."""
    scaled = [
        q for q in doc.quantities if q.q.kind == "money" and _currency(q) and _scale(q) and q.q.high is None
    ]
    candidates = []
    for i, a in enumerate(scaled):
        for b in scaled[i + 1 :]:
            if a.sentence == b.sentence or abs(a.sentence - b.sentence) > 3:
                continue
            if _currency(a) != _currency(b) or _scale(a) != _scale(b):
                continue
            first, second = _line_item(doc, a), _line_item(doc, b)
            step = min(a.q.precision, b.q.precision) / 2
            if abs(a.value - b.value) <= step + 1e-9 * a.value:
                if _same_sum(doc, a, b, first, second):
                    candidates.append((0, a, b, "the same sum restated"))
                continue
            if not 1 / 3 <= a.value / b.value <= 3 or first is None or first != second:
                continue
            if _window_names(doc, a) ^ _window_names(doc, b):
                continue  # "Wimpey reported ... profits": another company's (or unit's) figure
            if not _PERIOD.search(doc.sentence_text(b.sentence)):
                continue
            item = " ".join(filter(None, (first[1], first[0])))
            candidates.append((1, a, b, f"both {item}, in two periods"))
    if not candidates:
        return []
    _, a, b, how = min(candidates, key=lambda row: row[0])
    figures = (_figure(doc, "figure", a), _figure(doc, "same thing, same scale", b))
    words = (
        f"{_flat(a.q.text)} and {_flat(b.q.text)}: {how}, both in {_currency(a)} {_scale(a)} "
        f"(ratio {a.value / b.value:.2f})"
    )
    return [Instance(doc.corpus, doc.id, 7, "NUM008", figures, words, 1, doc.date)]


# --- all kinds, and the command line

FINDERS: dict[int, Callable[[Doc], list[Instance]]] = {
    1: kind1,
    2: kind2,
    3: kind3,
    4: kind4,
    5: kind5,
    6: kind6,
    7: kind7,
}


def find_in(doc: Doc, kinds: tuple[int, ...] = tuple(FINDERS)) -> list[Instance]:
    return [instance for kind in kinds for instance in FINDERS[kind](doc)]


def find_all(root: Path, kinds: tuple[int, ...] = tuple(FINDERS)) -> list[tuple[Doc, Instance]]:
    """Every instance in both dev corpora, with the article it was found in."""
    return [(doc, instance) for doc in documents(root) for instance in find_in(doc, kinds)]


def describe(doc: Doc, instance: Instance, width: int = 100) -> str:
    """The instance as one header line and its passage, figures in [[brackets]]."""
    spans = ", ".join(f"{f.role} {_flat(f.text)!r}@{f.start}-{f.end}" for f in instance.figures)
    lo = min(f.start for f in instance.figures)
    hi = max(f.end for f in instance.figures)
    start, end = max(0, lo - width), min(len(doc.text), hi + width // 2)
    passage = doc.text[start:end]
    for figure in sorted(instance.figures, key=lambda f: -f.start):
        a, b = figure.start - start, figure.end - start
        passage = passage[:a] + "[[" + passage[a:b] + "]]" + passage[b:]
    return (
        f"{instance.corpus} {instance.id} kind {instance.kind} {instance.rule}: {instance.relation}\n"
        f"    figures: {spans}\n    {_flat(passage)}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m eval.numeric_cross_finder")
    parser.add_argument("--show", type=int, choices=sorted(FINDERS), help="print the instances of this kind")
    parser.add_argument("--sample", type=int, help="with --show: a random sample of this many")
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    kinds = (args.show,) if args.show else tuple(FINDERS)
    found = find_all(data_dir(), kinds)
    counts = Counter((i.kind, i.corpus) for _, i in found)
    rules = Counter((i.kind, i.rule) for _, i in found)
    for kind in kinds:
        by_rule = ", ".join(f"{rule} {n}" for (k, rule), n in sorted(rules.items()) if k == kind)
        print(
            f"kind {kind}: {counts[(kind, 'bbc')] + counts[(kind, 'reuters')]:4d} "
            f"(bbc {counts[(kind, 'bbc')]}, reuters {counts[(kind, 'reuters')]})  {by_rule}"
        )
    if args.show:
        chosen = found
        if args.sample and len(found) > args.sample:
            chosen = sorted(
                random.Random(args.seed).sample(found, args.sample), key=lambda row: found.index(row)
            )
        for doc, instance in chosen:
            print()
            print(describe(doc, instance))


if __name__ == "__main__":
    main()
