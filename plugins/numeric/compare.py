"""Comparisons stated as a multiple: "300 cases, three times as many as the 100 a year earlier".

``_numeric_relations`` reads multiples that move one figure to another ("doubled from 120 to
240"). News copy just as often sets two figures side by side and names the ratio between them:
"Y, twice as many as the X", "Y, three times the X", "Y, double the X". The shape is tight: the
figure Y, then (after a comma, bracket or dash) the multiple, then the comparison words and the
figure X, with nothing else in between. Anything looser says nothing.

"N times more than" is read both ways, as many writers mean "N times as many" by it and
pedants mean "N + 1 times": only a ratio outside both readings is refuted.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from factcheck.plugin import Quantity

from .arith import Interval, claim_interval, clearly_apart, figure_interval, ratio
from .checks import Check, Part, part

_DET = r"(?:the|a|an|its|their|his|her|this|that|those|last|previous|year's|year’s|year-earlier|year-ago)"
# Between the multiple and the figure it multiplies.
_AS_MANY = re.compile(
    rf"^\s+(?P<how>as\s+(?:many|much|high|large|big|great|long|fast)\s+as|"
    rf"(?P<more>more|higher|larger|bigger|greater)\s+than|the\s+(?:number|amount|level|size|figure|total)\s+of|)"
    rf"\s*(?:{_DET}\s+){{0,3}}$",
    re.IGNORECASE,
)
# Between the figure Y and the multiple: apposition, maybe "which is" and a hedge.
_LEAD = re.compile(
    r"^[^\d;,()–—]{0,25}(?:,|\(|–|—|\s-)\s*(?:(?:which|that)\s+(?:is|was|are|were)\s+|or\s+)?"
    r"(?P<h>more\s+than|over|nearly|almost|about|roughly|around|some|just\s+over|just\s+under|"
    r"less\s+than|at\s+least|well\s+over|)\s*$",
    re.IGNORECASE,
)
_WORD_MULTIPLE = re.compile(
    r"^\s*(?:,|\(|–|—|-)\s*(?P<h>more\s+than|nearly|almost|about|roughly|around|)\s*"
    r"(?P<w>double|treble|triple|quadruple)\s+(?:the\s+|that\s+of\s+(?:the\s+)?)",
    re.IGNORECASE,
)
_WORD_VALUE = {"double": 2.0, "treble": 3.0, "triple": 3.0, "quadruple": 4.0}
_FIGURES = frozenset({"count", "money", "measure", "percent"})
_NUMBERY = re.compile(r"\d")
_TIMES = re.compile(r"\b(?:twice|thrice|times)\b", re.IGNORECASE)  # not "doubled", "halved"


def _same_kind(a: Quantity, b: Quantity) -> bool:
    if a.high is not None or b.high is not None or a.kind not in _FIGURES or b.kind not in _FIGURES:
        return False
    if a.kind == "percent" or b.kind == "percent":
        return a.kind == b.kind and a.unit == b.unit == "percent"
    if a.kind == "count" and (b.kind == "count" or a.unit is None):
        return True
    if b.kind == "count" and b.unit is None:
        return True
    return a.kind == b.kind and a.unit == b.unit


def comparison_checks(plain: str, qs: Sequence[Quantity]) -> Iterator[Check]:
    """NUM003 for side-by-side figures: "Y, N times as many as (the) X", "Y, double the X"."""
    for i in range(len(qs) - 1):
        new = qs[i]
        claim = qs[i + 1]
        if claim.kind == "multiplier" and i + 2 < len(qs):
            old = qs[i + 2]
            lead = _LEAD.match(plain[new.end : claim.start]) if claim.start - new.end <= 30 else None
            tail = plain[claim.end : old.start]
            how = _AS_MANY.match(tail) if len(tail) <= 45 and not _NUMBERY.search(tail) else None
            if lead is None or how is None or not _TIMES.search(claim.text):
                continue
            value, hedge, loose = claim.value, lead["h"], how["more"] is not None
            spans: tuple[Part, ...] = (
                part(old, "compared with"),
                part(new, "figure"),
                part(claim, "stated multiple"),
            )
            text = claim.text
        else:
            # "Y, double the X": "double" is a word the extractor leaves alone.
            old = claim
            gap = plain[new.end : old.start]
            word = _WORD_MULTIPLE.match(gap) if len(gap) <= 40 else None
            if word is None or _NUMBERY.search(gap):
                continue
            rest = gap[word.end() :]
            if rest.strip() and not re.fullmatch(rf"\s*(?:{_DET}\s+){{0,3}}", rest, re.IGNORECASE):
                continue
            value, hedge, loose, text = _WORD_VALUE[word["w"].lower()], word["h"], False, word["w"]
            at = new.end + word.start("w")
            spans = (
                part(old, "compared with"),
                part(new, "figure"),
                Part(at, at + len(word["w"]), "stated multiple"),
            )
        if not _same_kind(new, old):
            continue
        yield from _judge(new, old, value, hedge or None, loose, text, spans)


def _judge(
    new: Quantity,
    old: Quantity,
    value: float,
    hedge: str | None,
    loose: bool,
    text: str,
    spans: tuple[Part, ...],
) -> Iterator[Check]:
    computed = ratio(figure_interval(new), figure_interval(old))
    if computed is None or old.value <= 0:
        return
    hedge = " ".join(hedge.split()).lower() if hedge else None
    probe = Quantity(
        start=0, end=0, text=text, value=value, kind="multiplier", precision=value * 0.05, approx=hedge
    )
    stated = claim_interval(probe)
    if loose:  # "three times more than": 3× or 4×
        stated = Interval(stated.low, stated.high + 1)
    exact = new.value / old.value
    ok = not clearly_apart(stated, computed, value)
    note = f"{new.text} / {old.text} = {exact:.2f}×"
    detail = f"{new.text} is {exact:.2f} times {old.text}, not '{text}' (×{value:g})"
    yield Check("NUM003", ok, detail, note, spans)
