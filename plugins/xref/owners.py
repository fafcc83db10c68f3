"""The statement that holds an offset, for turning a finding's position into a verdict: found by
bisection when the statements are in text order without overlap, shared by every XRF check
through ``context.memo``.
"""

from __future__ import annotations

import bisect
import itertools

from factcheck.plugin import Entity, Statement, VerifyContext


def _in(statement: Statement, start: int) -> bool:
    return statement.start <= start < statement.end


class StatementOwners:
    """The statement holding an offset: the first in list order that covers it, found by bisection
    when the statements are in text order without overlap (the built-in splitter's), else by a
    walk; a search per finding through every statement made long articles quadratic."""

    def __init__(self, statements: list[Statement]) -> None:
        self.statements = statements
        self.starts = [s.start for s in statements]
        self.ordered = all(a.end <= b.start for a, b in itertools.pairwise(statements))

    def of(self, offset: int) -> Statement | None:
        if not self.ordered:
            return next((s for s in self.statements if _in(s, offset)), None)
        index = bisect.bisect_right(self.starts, offset) - 1
        if index >= 0 and _in(self.statements[index], offset):
            return self.statements[index]
        return None


def owners(context: VerifyContext) -> StatementOwners:
    return context.memo("xref-owners", lambda: StatementOwners(context.statements))


def role_start(entity: Entity) -> int:
    """Where a person's mention starts, with the role written before the name."""
    return entity.start if entity.role_start is None else min(entity.role_start, entity.start)
