"""Kind 5 (NUM003/NUM001): a multiple or a percentage change in one sentence whose two figures
are given in another ("a 40% drop in profits" ... "£75m compared with £125m a year earlier")."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from eval.numeric_cross_finder.articles import Doc, Q
from eval.numeric_cross_finder.figures import (
    BOUND_WORDS,
    OR_SHARE,
    STOP_WORDS,
    TIME_UNITS,
    Instance,
    context_before,
    figure_of,
    flat,
    is_amount,
    lemma,
    same_unit,
    unit_of,
)

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
    quantities = [q for q in doc.quantities if is_amount(q)]
    for i, first in enumerate(quantities):
        for second in quantities[i + 1 : i + 5]:
            if second.sentence != first.sentence:
                break
            gap = doc.text[first.end : second.start]
            if gap.count("(") > gap.count(")"):
                continue  # inside a parenthesis after the first figure: its conversion
            second = _bare_scaled(doc, first, second)
            if not same_unit(doc, first, second):
                continue
            between = re.sub(r"\([^()]*\)", " ", gap)  # skip "($141m)"
            if _NEW_THEN_OLD.match(between):
                pairs.append(Pair(first, second))
            elif re.match(r"^\s*to\s+$", between) and _FROM_BEFORE.search(context_before(doc, first, 30)):
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
            if _LEVEL_BEFORE.search(context_before(doc, stated, 25)):
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
        return "NUM001", f"{flat(pair.old.q.text)} to {flat(pair.new.q.text)} is {change:+.2f}%"
    if not _multiple_fits(stated, ratio, pair):
        return None
    return "NUM003", f"{flat(pair.new.q.text)} / {flat(pair.old.q.text)} = {ratio:.3g} times"


def _subject(doc: Doc, q: Q) -> set[str]:
    """Content words just before a figure, in its sentence ("operating profits fell 46% to")."""
    s = doc.sentences[q.sentence]
    words = re.findall(r"[a-z]{4,}", doc.text[max(s.start, q.start - 80) : q.start].lower())
    return {lemma(w) for w in words[-8:] if w not in STOP_WORDS and not _CHANGE_WORDS.fullmatch(w)}


def _same_subject(doc: Doc, a: Q, b: Q) -> bool:
    if a.q.kind == "count" and a.q.unit and unit_of(a) == unit_of(b):
        return True  # "3.47 mln units" and "4.06 mln units"
    return bool(_subject(doc, a) & _subject(doc, b))


def kind5(doc: Doc) -> list[Instance]:
    found = []
    pairs = _comparison_pairs(doc)
    in_pair = {q.start for pair in pairs for q in (pair.new, pair.old)}
    pairs = [
        p for p in pairs if not {p.new.q.approx, p.old.q.approx} & BOUND_WORDS and not _explained(doc, p)
    ]
    amounts = [
        q
        for q in doc.quantities
        if is_amount(q) and q.start not in in_pair and not q.q.spelled and unit_of(q)[1] not in TIME_UNITS
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
                    and same_unit(doc, q, news[0])
                    and (q.q.approx or "") not in BOUND_WORDS
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
            figure_of(doc, "old", pair.old),
            figure_of(doc, "new", pair.new),
            figure_of(doc, "stated change", stated),
        )
        words += f", stated as {flat(stated.q.text)!r} ({how})"
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
    if not before or not is_amount(before[-1]) or not same_unit(doc, before[-1], pair.new):
        return False
    if not OR_SHARE.match(doc.text[before[-1].end : stated.start]):
        return False
    step = max(_step(pair.new), _step(pair.old), _step(before[-1]))
    return abs(before[-1].value - abs(pair.new.value - pair.old.value)) > step + 1e-9 * before[-1].value


def _explained(doc: Doc, pair: Pair) -> bool:
    """The pair's own sentence states a different change for it ("fell 14 pct to 43,521 from
    more than 50,000"): the pair belongs to that claim, not to one elsewhere."""
    change = 100 * (pair.new.value / pair.old.value - 1)
    for q in doc.quantities:
        if q.sentence == pair.new.sentence and q.q.kind == "percent" and q.q.high is None:
            if _CHANGE_WORDS.search(context_before(doc, q, 40)) and abs(
                abs(change) - q.value
            ) > _change_slack(q, pair, change):
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
