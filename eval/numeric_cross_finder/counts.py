"""Kind 3 (NUM006): a definite restatement ("the 85 closures") of a count given in an earlier
sentence."""

from __future__ import annotations

import re

from eval.numeric_cross_finder.articles import Doc, Q
from eval.numeric_cross_finder.figures import (
    DEFINITE_BEFORE,
    TIME_UNITS,
    Instance,
    context_before,
    figure_of,
    flat,
    lemma,
)

# Nouns that count the same thing under another name.
_SAME_COUNT = [
    frozenset({"job", "job cut", "job loss", "redundancy", "post", "layoff", "worker", "employee", "staff"}),
    frozenset({"branch", "closure", "office", "store", "shop", "outlet"}),
    frozenset({"home", "house", "homes", "dwelling"}),
    frozenset({"share", "common share", "stock"}),
]
_NOUN_AFTER = re.compile(r"(?:\s+|-)((?:[a-z]+[ -])?[a-z]+)", re.IGNORECASE)


def _counted(doc: Doc, q: Q) -> tuple[str, str] | None:
    """The counted noun of a count, singular, and the two-word phrase it may start ("job cuts")."""
    if q.q.kind != "count" or q.q.unit is None:
        return None
    unit = q.q.unit.lower()
    if unit in TIME_UNITS or lemma(unit) in TIME_UNITS or not unit.isalpha() or lemma(unit) in _MODEL_NOUNS:
        return None
    found = _NOUN_AFTER.match(doc.text, q.end)
    phrase = f"{lemma(unit)} {lemma(found.group(1).split()[0])}" if found else lemma(unit)
    return lemma(unit), phrase


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
        definite = DEFINITE_BEFORE.search(context_before(doc, later, 30))
        for earlier, earlier_noun in counts[:i]:
            if earlier.sentence == later.sentence or earlier.value != later.value:
                continue
            headline = earlier.sentence == 0 and doc.sentences[0].paragraph == 0
            if not (definite or headline) or not _same_thing(earlier_noun, later_noun):
                continue
            if earlier.start in used or _ADDITION_BEFORE.search(context_before(doc, earlier, 20)):
                continue
            used.add(earlier.start)
            how = "the headline's count restated in the body" if headline else "a definite back-reference"
            figures = (figure_of(doc, "first mention", earlier), figure_of(doc, "restated", later))
            words = f"{flat(later.q.text)} restates {flat(earlier.q.text)} ({how})"
            found.append(Instance(doc.corpus, doc.id, 3, "NUM006", figures, words, 1, doc.date))
            break
    return found
