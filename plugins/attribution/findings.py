"""What an attribution check found, and the article-wide view every check reads.

The checks in this package's other modules (``people``, ``sources`` and the rest) are pure
functions of an :class:`ArticleView` (the article's masked text, its blocks, and the entities,
quotations and attributions the core extractor attached to its statements). They return :class:`Finding`
values; only the package's ``__init__`` turns them into verdicts, so the checks can be tested
and benchmarked without an engine.
"""

from __future__ import annotations

import bisect
import weakref
from dataclasses import dataclass, field

from pydantic import BaseModel, ConfigDict, Field

from factcheck.plugin import Attribution, Block, Entity, Quotation, RuleSet, Severity, Statement


@dataclass(frozen=True)
class Finding:
    """One thing to report: the rule, where (``start``/``end`` in the source), the values its
    message template needs, and the passages that show it (``(start, end, note)``)."""

    code: str
    start: int
    end: int
    values: dict[str, str] = field(default_factory=dict)
    evidence: tuple[tuple[int, int, str], ...] = ()


@dataclass
class ArticleView:
    """The article as the checks see it: text, blocks and every annotation, each in text order."""

    plain: str
    blocks: tuple[Block, ...]
    statements: list[Statement]
    entities: list[Entity]
    quotations: list[Quotation]
    attributions: list[Attribution]
    #: Lower-case titles and roles (the ``person_titles`` lexicon): "a state geologist" is a role.
    titles: frozenset[str] = frozenset()
    #: Lower-case first names from the name lexicons: "George W Bush" introduces a person.
    first_names: frozenset[str] = frozenset()
    _starts: list[int] = field(default_factory=list)
    _entity_starts: list[int] = field(default_factory=list)
    _quote_starts: list[int] = field(default_factory=list)
    #: Where attributions to named sources start (``source_kinds.named_source_in``), made on first use.
    named_source_positions: list[int] | None = None
    #: Attributions with a speaker: their starts and the two reaching furthest so far
    #: (``sources._spoken_by_someone``), made on first use.
    speaker_reach: tuple[list[int], list[tuple[tuple[int, Attribution], ...]]] | None = None

    def __post_init__(self) -> None:
        self._entity_starts = [e.start for e in self.entities]
        self._quote_starts = [q.start for q in self.quotations]

    @classmethod
    def build(
        cls,
        plain: str,
        blocks: tuple[Block, ...],
        statements: list[Statement],
        rules: RuleSet | None = None,
    ) -> ArticleView:
        """Collect the annotations of every statement once (an annotation may span statements)."""
        entities: dict[tuple[int, int], Entity] = {}
        quotations: dict[tuple[int, int], Quotation] = {}
        attributions: dict[tuple[int, int], Attribution] = {}
        for statement in statements:
            for item in statement.annotations:
                key = (item.start, item.end)
                if isinstance(item, Entity):
                    entities.setdefault(key, item)
                elif isinstance(item, Quotation):
                    quotations.setdefault(key, item)
                elif isinstance(item, Attribution):
                    attributions.setdefault(key, item)
        ordered = sorted(statements, key=lambda s: s.start)
        return cls(
            plain=plain,
            blocks=blocks,
            statements=ordered,
            entities=sorted(entities.values(), key=lambda e: e.start),
            quotations=sorted(quotations.values(), key=lambda q: q.start),
            attributions=sorted(attributions.values(), key=lambda a: a.start),
            titles=_word_sets(rules)[0],
            first_names=_word_sets(rules)[1],
            _starts=[s.start for s in ordered],
        )

    def inside_quotation(self, offset: int) -> bool:
        """Whether ``offset`` lies inside a quotation (top-level quotations do not overlap)."""
        index = bisect.bisect_right(self._quote_starts, offset) - 1
        return index >= 0 and offset < self.quotations[index].end

    def statement_at(self, offset: int) -> Statement | None:
        """The statement holding ``offset``, else the last one starting before it."""
        index = bisect.bisect_right(self._starts, offset) - 1
        if index < 0:
            return self.statements[0] if self.statements else None
        return self.statements[index]

    def block_kind(self, offset: int) -> str:
        """The kind of the block holding ``offset`` ("paragraph" when none does)."""
        statement = self.statement_at(offset)
        if statement is None or not 0 <= statement.block < len(self.blocks):
            return "paragraph"
        return self.blocks[statement.block].kind

    def entities_in(self, start: int, end: int) -> list[Entity]:
        """Entities starting inside ``[start, end)``."""
        first = bisect.bisect_left(self._entity_starts, start)
        last = bisect.bisect_left(self._entity_starts, end)
        return self.entities[first:last]

    def quotations_in(self, start: int, end: int) -> list[Quotation]:
        """Quotations starting inside ``[start, end)``."""
        first = bisect.bisect_left(self._quote_starts, start)
        last = bisect.bisect_left(self._quote_starts, end)
        return self.quotations[first:last]

    def text(self, start: int, end: int) -> str:
        return self.plain[start:end]


_WORD_SETS: weakref.WeakKeyDictionary[RuleSet, tuple[frozenset[str], frozenset[str]]] = (
    weakref.WeakKeyDictionary()
)


def _word_sets(rules: RuleSet | None) -> tuple[frozenset[str], frozenset[str]]:
    """(titles, first names) of a run's lexicons, lower-cased once per run, not per article."""
    if rules is None:
        return frozenset(), frozenset()
    found = _WORD_SETS.get(rules)
    if found is None:
        titles = frozenset(t.lower() for t in rules.lexicon("person_titles"))
        names = frozenset(
            n.lower()
            for name in ("female_first_names", "male_first_names", "unisex_first_names")
            for n in rules.lexicon(name)
        )
        found = _WORD_SETS[rules] = (titles, names)
    return found


def shorten(text: str, limit: int = 60) -> str:
    """One line of at most ``limit`` characters, with an ellipsis when cut."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


class AttributionSettings(BaseModel):
    """``[plugins.attribution]`` in the newsroom's config: the house policy the checks apply."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    #: How loud a direct quote with no speaker is (SRC001).
    unattributed_quote_severity: Severity = Severity.WARNING
    #: Whether a quote paragraph straight after the same speaker's quote paragraph counts as
    #: attributed (the continuation convention); ``False`` asks for a speaker in every paragraph.
    followon_paragraph_attributed: bool = True
    #: Whether a quoted person must be introduced with a role or affiliation (SRC005).
    require_role: bool = False
    #: Check-worthiness from which a statement with a figure needs a source (SRC007).
    claim_threshold: float = Field(default=0.7, ge=0.0, le=1.0)
    #: Words that, in a sentence or paragraph, count as naming a source for a figure (SRC007).
    source_words: tuple[str, ...] = (
        "according to",
        "figures from",
        "data from",
        "figures show",
        "data show",
        "survey",
        "study",
        "report",
        "census",
        "statistics",
        "poll",
        "estimates",
        "estimated",
        "analysis",
        "research",
        "published",
        "office for national statistics",
        "ons",
    )
