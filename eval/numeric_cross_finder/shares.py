"""Kind 2 (NUM004): "A, or P%" whose whole is given in another sentence, A / whole matching P."""

from __future__ import annotations

import re

from eval.numeric_cross_finder.articles import Doc, Q
from eval.numeric_cross_finder.figures import (
    OR_SHARE,
    Instance,
    context_before,
    figure_of,
    flat,
    is_amount,
    same_unit,
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
        if not is_amount(part) or part.sentence != share.sentence or part.value < 2:
            continue
        if not OR_SHARE.match(doc.text[part.end : share.start]) or _CHANGE_BEFORE.search(
            context_before(doc, part, 40)
        ):
            continue
        stated = share.value * (100 if share.q.kind == "fraction" else 1)
        fits = []
        for whole in quantities:
            if whole.sentence == share.sentence or not is_amount(whole) or whole.value <= part.value:
                continue
            if not same_unit(doc, whole, part) or _CHANGE_BEFORE.search(context_before(doc, whole, 40)):
                continue
            ratio = 100 * part.value / whole.value
            if abs(ratio - stated) <= _share_slack(share, part, whole, ratio) + 1e-9:
                fits.append(whole)
        if len(fits) != 1:
            continue  # no whole, or several that fit equally: not a relation we can be sure of
        whole = fits[0]
        figures = (
            figure_of(doc, "whole", whole),
            figure_of(doc, "part", part),
            figure_of(doc, "share", share),
        )
        words = (
            f"{flat(part.q.text)} of {flat(whole.q.text)} is "
            f"{100 * part.value / whole.value:.2f}%, stated as {flat(share.q.text)}"
        )
        found.append(Instance(doc.corpus, doc.id, 2, "NUM004", figures, words, 2, doc.date))
    return found
