"""What a numeric check produces: one relation found in the text and whether its arithmetic holds.

The relation parsers (``_numeric_relations``, ``_numeric_calendar``) return these plain records;
the verifier turns them into verdicts. Keeping them free of the engine makes every parser a pure
function of (text, annotations) that tests call directly.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from factcheck.plugin import Quantity


@dataclass(frozen=True)
class Part:
    """One span a check rests on, with what it plays in the relation ("base", "stated change")."""

    start: int
    end: int
    role: str


@dataclass(frozen=True)
class Check:
    """One relation, checked: ``ok`` is whether the written claim agrees with its figures.

    ``detail`` is the arithmetic in words ("from $3 million to $3.6 million is an increase of
    20.0%, not 30%") and fills the rule message; ``note`` is the calculation itself, shown as
    evidence whether the check passed or failed.
    """

    code: str
    ok: bool
    detail: str
    note: str
    parts: tuple[Part, ...] = field(default_factory=tuple)
    #: why a failed check is only worth a look ("the figures are not named as one thing"): the
    #: verdict is then ``needs_review`` with this reason, not the rule's own status
    review: str | None = None

    @property
    def start(self) -> int:
        return min(p.start for p in self.parts)

    @property
    def end(self) -> int:
        return max(p.end for p in self.parts)


def part(q: Quantity, role: str) -> Part:
    return Part(q.start, q.end, role)
