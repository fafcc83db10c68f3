"""Kind 7 (NUM008): figures of the same thing in different sentences written with the same
currency and scale (revenue "$3.7bn" ... "$3.4bn a year earlier"): a scale slip would
contradict them."""

from __future__ import annotations

import re

from eval.numeric_cross_finder.articles import Doc, Q
from eval.numeric_cross_finder.figures import (
    DEFINITE_BEFORE,
    STOP_WORDS,
    Instance,
    context_before,
    currency_of,
    figure_of,
    flat,
    lemma,
)

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
    at = [i for i, w in enumerate(words) if lemma(w.lower().removesuffix("'s")) in _LINE_ITEMS]
    if not at:
        return None
    i = at[-1]
    before = words[i - 1].lower().removesuffix("'s") if i > 0 else ""
    modifier = "" if before in _FUNCTION_WORDS or before in STOP_WORDS else before
    return lemma(words[i].lower().removesuffix("'s")), modifier


def _names(doc: Doc, sentence: int) -> set[str]:
    """Capitalised words inside a sentence (not its first word): the companies and places it is about."""
    text = doc.sentence_text(sentence)
    if sum(c.isupper() for c in text) > sum(c.islower() for c in text):
        return set()  # a wire headline in capitals
    words = re.findall(r"[A-Za-z][A-Za-z'-]*", text)[1:]
    return {w.removesuffix("'s") for w in words if w[0].isupper() and w.lower() not in STOP_WORDS}


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
        if m.group()[0].isupper()
        and m.group().lower() not in STOP_WORDS | _FUNCTION_WORDS | _SENTENCE_OPENERS
    }


def _noun_after(doc: Doc, q: Q) -> str | None:
    found = re.match(r"\s*(?:\([^()]*\)\s*)?([a-z]{3,})", doc.text[q.end : q.end + 40])
    return lemma(found.group(1)) if found else None


def _same_sum(doc: Doc, a: Q, b: Q, first: tuple[str, str] | None, second: tuple[str, str] | None) -> bool:
    """Two mentions of one amount are one sum when they name the same line item, count the same
    noun ("$280bn deal" ... "$280bn deal") or the later one points back ("the £50m fee")."""
    if first is not None and first == second:
        return True
    noun = _noun_after(doc, a)
    if noun is not None and noun not in STOP_WORDS and noun == _noun_after(doc, b):
        return True
    return bool(DEFINITE_BEFORE.search(context_before(doc, b, 20)))


def kind7(doc: Doc) -> list[Instance]:
    """Figures of one thing written with one currency and one scale in different sentences, so that
    a scale slip in one ("$3.2m" for "$3.2bn") would contradict the other: (a) the same sum
    restated, (b) the same line item of the same company in two periods (or actual and forecast),
    within a factor of three."""
    scaled = [
        q for q in doc.quantities if q.q.kind == "money" and currency_of(q) and _scale(q) and q.q.high is None
    ]
    candidates = []
    for i, a in enumerate(scaled):
        for b in scaled[i + 1 :]:
            if a.sentence == b.sentence or abs(a.sentence - b.sentence) > 3:
                continue
            if currency_of(a) != currency_of(b) or _scale(a) != _scale(b):
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
    figures = (figure_of(doc, "figure", a), figure_of(doc, "same thing, same scale", b))
    words = (
        f"{flat(a.q.text)} and {flat(b.q.text)}: {how}, both in {currency_of(a)} {_scale(a)} "
        f"(ratio {a.value / b.value:.2f})"
    )
    return [Instance(doc.corpus, doc.id, 7, "NUM008", figures, words, 1, doc.date)]
