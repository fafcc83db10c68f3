"""Interval arithmetic with the writer's precision: when do two written figures disagree?

A news figure is a rounded claim, not an exact value: "$3.6 million" stands for something
between roughly 3.55 and 3.65 million, "about 29%" for anything near 29. So every comparison
here works on intervals. A written figure becomes ``[low, high]`` from its rounding step and its
hedge ("more than 40" is ``[40, inf)``), derived values are computed over the corners of those
intervals, and a claim is refuted only when the claimed interval and the computed one are apart
by a clear margin. Bias is deliberate: a false alarm costs an editor's trust, a missed subtle
rounding error costs little.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from factcheck.plugin import Quantity

INF = math.inf

# Hedges, grouped by what they allow the true value to be.
_AT_LEAST = frozenset(
    {
        "over",
        "more than",
        "at least",
        "above",
        "just over",
        "well over",
        "well above",
        "upwards of",
        "in excess of",
        "no less than",
        "no fewer than",
    }
)
_AT_MOST = frozenset(
    {
        "under",
        "less than",
        "fewer than",
        "below",
        "up to",
        "at most",
        "no more than",
        "as many as",
        "as much as",
        "just under",
        "well below",
        "as few as",
        "as little as",
    }
)
_NEARLY = frozenset({"nearly", "almost"})

# Written figures are assumed good to at least this relative precision ("3 million" is read as
# 3.0 million, not "anything from 2.5 to 3.5 million"): news writers round to 2-3 significant
# figures, and without this no "3 million -> 3.6 million" relation could ever be checked.
MAX_RELATIVE_HALF_STEP = 0.025


@dataclass(frozen=True)
class Interval:
    """A closed range of values a written figure (or a computation on figures) can stand for."""

    low: float
    high: float

    def distance(self, other: Interval) -> float:
        """How far apart two intervals are (0 when they overlap)."""
        if self.high < other.low:
            return other.low - self.high
        if other.high < self.low:
            return self.low - other.high
        return 0.0


def figure_interval(q: Quantity) -> Interval:
    """Where the true value of a *figure* (an operand: a base, a total) lies."""
    value = q.value
    half = min(q.precision / 2, abs(value) * MAX_RELATIVE_HALF_STEP) if value else q.precision / 2
    return _hedged(value, half, q.approx)


def claim_interval(q: Quantity) -> Interval:
    """Where the true value of a *claimed result* (a stated percentage, a multiple) may lie.

    A full rounding step either side, since writers truncate as often as they round
    ("12.7%" reported as "12%").
    """
    return _hedged(q.value, q.precision, q.approx)


def _hedged(value: float, half: float, approx: str | None) -> Interval:
    if approx is None or approx == "or":
        return Interval(value - half, value + half)
    if approx in _AT_LEAST:
        return Interval(value - half, INF)
    if approx in _AT_MOST:
        return Interval(-INF, value + half)
    if approx in _NEARLY:
        return Interval(value - max(half, abs(value) * 0.15), value + half)
    # "about", "around", "some" and anything unknown: a generous symmetric band.
    spread = max(half, abs(value) * 0.1)
    return Interval(value - spread, value + spread)


def over_corners(fn: Callable[[float, float], float], a: Interval, b: Interval) -> Interval | None:
    """The range of ``fn`` over the corners of two finite intervals (fine for monotone ``fn``)."""
    if not all(math.isfinite(v) for v in (a.low, a.high, b.low, b.high)):
        return None
    try:
        values = [fn(x, y) for x in (a.low, a.high) for y in (b.low, b.high)]
    except ZeroDivisionError:
        return None
    return Interval(min(values), max(values))


def percent_change(old: Interval, new: Interval) -> Interval | None:
    """``(new - old) / old`` in per cent; ``None`` when the base can be zero or negative."""
    if old.low <= 0:
        return None
    return over_corners(lambda x, y: (y - x) / x * 100.0, old, new)


def ratio(numerator: Interval, denominator: Interval) -> Interval | None:
    if denominator.low <= 0 or numerator.low < 0:
        return None
    return over_corners(lambda x, y: x / y, numerator, denominator)


def clearly_apart(claimed: Interval, computed: Interval, scale: float, margin: float = 0.03) -> bool:
    """True when the claim misses the computation by more than ``margin`` of ``scale``.

    The margin is the last guard against false alarms: interval corners already absorb rounding,
    this absorbs the small liberties of real copy (a figure from a slightly different period).
    """
    return claimed.distance(computed) > max(abs(scale) * margin, 1e-9)


def fmt_percent(value: float) -> str:
    return f"{value:.1f}%"
