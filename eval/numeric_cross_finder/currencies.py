"""Kind 4 (NUM009): one sum in two currencies: a conversion "£75m ($141m)" restated in one of
the currencies in another sentence, or two conversions whose exchange rates agree."""

from __future__ import annotations

import itertools
import re

from eval.numeric_cross_finder.articles import Doc, Q
from eval.numeric_cross_finder.figures import Figure, Instance, currency_of, figure_of, flat

_CONVERSION_GAP = re.compile(
    r"^\s*(?:\(\s*(?:about |around |some |roughly |nearly |almost |or )?"
    r"|[,;]?\s*(?:or|about|some|around)\s+)$"
)


def _conversions(doc: Doc) -> list[tuple[Q, Q]]:
    """ "£75m ($141m)": an amount and its conversion into another currency, side by side."""
    pairs = []
    quantities = doc.quantities
    for first, second in itertools.pairwise(quantities):
        a, b = currency_of(first), currency_of(second)
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
    money = [q for q in doc.quantities if currency_of(q) and q.value >= 1000]
    seen: set[tuple[int, int]] = set()
    for source, target in pairs:
        # (a) the converted sum restated alone, in the same currency, in another sentence
        for other in money:
            if other.sentence == source.sentence or other.start in in_pair:
                continue
            if currency_of(other) != currency_of(target):
                continue
            slack = min(other.q.precision, target.q.precision) / 2  # the same sum, as precisely written
            if (
                abs(other.value - target.value) <= slack + 1e-9 * other.value
                and (target.start, other.start) not in seen
            ):
                seen.add((target.start, other.start))
                figures: tuple[Figure, ...] = (
                    figure_of(doc, "amount", source),
                    figure_of(doc, "conversion", target),
                    figure_of(doc, "restated conversion", other),
                )
                words = (
                    f"{flat(source.q.text)} is {flat(target.q.text)}; "
                    f"restated as {flat(other.q.text)} in another sentence"
                )
                found.append(Instance(doc.corpus, doc.id, 4, "NUM009", figures, words, 2, doc.date))
    # (b) two conversions between the same currencies, in different sentences (preferably in
    # different paragraphs), at one rate: one instance per article
    agreeing = []
    for i, (a1, b1) in enumerate(pairs):
        for a2, b2 in pairs[i + 1 :]:
            if a2.sentence == a1.sentence or (currency_of(a1), currency_of(b1)) != (
                currency_of(a2),
                currency_of(b2),
            ):
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
            figure_of(doc, "amount", a1),
            figure_of(doc, "conversion", b1),
            figure_of(doc, "amount", a2),
            figure_of(doc, "conversion", b2),
        )
        words = (
            f"{flat(a1.q.text)} = {flat(b1.q.text)} (rate {b1.value / a1.value:.4g}) and "
            f"{flat(a2.q.text)} = {flat(b2.q.text)} (rate {b2.value / a2.value:.4g}) agree"
        )
        found.append(Instance(doc.corpus, doc.id, 4, "NUM009", figures, words, 3, doc.date))
    return found
