"""Kind 1 (NUM005): a total and parts in the following sentences that add up to it exactly, and
running totals ("raised its stake to 653,600 shares" with "bought 68,000" and "from 585,600")."""

from __future__ import annotations

import re

from eval.numeric_cross_finder.articles import Doc, Q
from eval.numeric_cross_finder.figures import (
    BOUND_WORDS,
    TIME_UNITS,
    Instance,
    context_before,
    figure_of,
    flat,
    is_amount,
    same_unit,
    unit_of,
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


def _sum_figure(doc: Doc, q: Q) -> bool:
    """A figure that can be a total or a part: an amount with a counted noun, currency or unit, not
    a bound ("up to 10"), a comparison base ("from 585,600"), a change ("fell by 3.4 mln") or a price."""
    unit = unit_of(q)[1]
    return (
        is_amount(q)
        and unit is not None
        and unit not in TIME_UNITS
        and (q.q.approx or "") not in BOUND_WORDS
        and not _NOT_A_PART.search(context_before(doc, q, 30))
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
            and unit_of(q) == unit_of(total)
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
    amounts = [q for q in doc.quantities if is_amount(q) and unit_of(q)[1] not in TIME_UNITS]
    for total in amounts:
        sentence = doc.sentences[total.sentence]
        if total.value < 10 or not _RUNNING.search(doc.text, sentence.start, total.start):
            continue
        same = [
            q
            for q in amounts
            if q is not total
            and same_unit(doc, q, total)
            and q.value < total.value
            and abs(q.sentence - total.sentence) <= 4
            and q.q.precision <= total.q.precision
            and (q.q.approx or "") not in BOUND_WORDS
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
    figures = [figure_of(doc, "total", total)] + [figure_of(doc, "part", p) for p in parts]
    words = " + ".join(flat(f.text) for f in figures[1:]) + f" = {flat(figures[0].text)} ({how})"
    return Instance(doc.corpus, doc.id, 1, "NUM005", tuple(figures), words, 1, doc.date)
