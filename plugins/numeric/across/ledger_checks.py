"""Every check across sentences, run over one article's ledger, each finding placed on the
statement of the figure it starts from (the later mention, the stated share, the new total);
and every calendar check across sentences (dates, durations, ages), placed the same way."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence

from factcheck.plugin import Ledger

from ..checks import Check
from .calendar_spans import absence_checks, span_checks
from .calendar_years import age_checks, later_checks
from .changes import cross_change_checks
from .conversions import conversion_checks, restated_conversion_checks, stated_rate_checks
from .parts import complete_count_checks, parts_checks
from .restated_counts import headline_checks, restatement_checks
from .running_totals import running_total_checks
from .scales import scale_checks
from .shares import share_checks


def ledger_checks(ledger: Ledger, statement_checked: set[tuple[int, int]]) -> list[tuple[int, Check]]:
    """Every cross-sentence check of an article, each with the index of the statement to report
    it on (the statement of the figure the check starts from: the later mention, the stated
    share, the new total)."""
    anchors: dict[tuple[int, int], int] = {(e.start, e.end): e.statement for e in ledger.entries}
    # Each kind of check with the roles whose figure places its finding, first found first. The
    # checks are generators: each runs only when its turn comes, in this order (the share checks
    # before the change checks, as both read ``statement_checked``).
    kinds: tuple[tuple[Iterator[Check], Sequence[str]], ...] = (
        (conversion_checks(ledger), ("converted amount",)),
        (stated_rate_checks(ledger), ("converted amount",)),
        (restated_conversion_checks(ledger), ("restated amount",)),
        (scale_checks(ledger), ("this figure",)),
        (restatement_checks(ledger), ("this mention",)),
        (headline_checks(ledger), ("this mention",)),
        (running_total_checks(ledger), ("new total",)),
        (parts_checks(ledger), ()),
        (complete_count_checks(ledger), ()),
        (share_checks(ledger, statement_checked), ("stated share",)),
        (cross_change_checks(ledger, statement_checked), ("stated multiple", "stated change")),
    )
    return [(_anchor(anchors, check, roles), check) for checks, roles in kinds for check in checks]


def _anchor(anchors: dict[tuple[int, int], int], check: Check, role_order: Sequence[str]) -> int:
    """The statement to report a finding on: that of its first part in one of ``role_order``'s
    roles (tried in that order), else the latest statement among its parts."""
    for role in role_order:
        for p in check.parts:
            if p.role == role and (p.start, p.end) in anchors:
                return anchors[(p.start, p.end)]
    return max(anchors.get((p.start, p.end), 0) for p in check.parts)


def calendar_cross_checks(ledger: Ledger, reference: dt.date | None) -> Iterator[tuple[int, Check]]:
    """Every cross-sentence calendar check, each with the statement to report it on."""
    yield from span_checks(ledger)
    yield from later_checks(ledger)
    yield from age_checks(ledger, reference)
    if reference is not None:
        yield from absence_checks(ledger, reference)
