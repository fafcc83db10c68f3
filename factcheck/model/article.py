"""The article side of the data model: what a loader produces and what statements point into.

Every position in factcheck is a pair of Python ``str`` offsets into ``Article.source``, the
decoded text of the file exactly as it was read. Loaders never rewrite that text; instead they
build ``Article.plain``, a string of *the same length* in which markup, front matter, code and
boilerplate are blanked out with spaces (and an HTML entity such as ``&amp;`` becomes ``&``
followed by spaces). Everything downstream reads ``plain`` and reports offsets that are valid in
``source``, which is why ``source[start:end]`` of every statement is its text, whatever the format.

All models are frozen: hooks receive them and return new values, never mutate shared inputs.
"""

from __future__ import annotations

import bisect
import datetime as dt
import re
from collections.abc import Callable
from functools import cached_property
from typing import Annotated, Any, Literal, Self, TypeVar

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, model_validator

AnnotationT = TypeVar("AnnotationT")
ModelT = TypeVar("ModelT", bound=BaseModel)


class FrozenModel(BaseModel):
    """Base of every model: immutable, and unknown fields are an error rather than ignored.

    ``defer_build``: a model's validator is built when it first validates, not when its class is
    defined, so start-up pays only for the models a run uses (``trusted`` needs none)."""

    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)

    @classmethod
    def trusted(cls, **values: Any) -> Self:
        """An instance built from values the caller already guarantees valid, without running
        validation: for extractors' hot paths, which make tens of annotations per article from
        offsets they computed themselves. Equal to ``cls(**values)`` in every respect (fields,
        defaults, the set of fields given); anything else must use the validating constructor."""
        spec = _TRUSTED.get(cls)
        if spec is None:
            spec = _TRUSTED[cls] = _trusted_spec(cls)
        template, factories, private = spec
        data = template.copy()
        data.update(values)  # the template holds every field, in order: order is kept
        for name, factory in factories:
            if name not in values:
                data[name] = factory()
        made = cls.__new__(cls)
        object.__setattr__(made, "__dict__", data)
        object.__setattr__(made, "__pydantic_fields_set__", set(values))
        object.__setattr__(made, "__pydantic_extra__", None)
        object.__setattr__(made, "__pydantic_private__", dict(private) if private else None)
        return made


_TRUSTED: dict[type[BaseModel], tuple[dict[str, Any], list[tuple[str, Any]], dict[str, Any]]] = {}


def _trusted_spec(cls: type[BaseModel]) -> tuple[dict[str, Any], list[tuple[str, Any]], dict[str, Any]]:
    """Every field with its default (None for required ones, which the caller gives), the
    fields made by a factory, and the private attributes' defaults."""
    template = {name: info.default for name, info in cls.model_fields.items()}
    factories = [(n, i.default_factory) for n, i in cls.model_fields.items() if i.default_factory is not None]
    private = {name: attr.get_default() for name, attr in cls.__private_attributes__.items()}
    return template, factories, private


class Span(FrozenModel):
    """A half-open ``[start, end)`` range of offsets into ``Article.source``."""

    start: int = Field(ge=0)
    end: int = Field(ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> Span:
        if self.end < self.start:
            raise ValueError(f"span end {self.end} is before start {self.start}")
        return self


BlockKind = Literal["title", "standfirst", "heading", "paragraph", "caption", "list_item", "quote"]


class Block(Span):
    """A run of visible text in the source: a paragraph, a heading, a caption.

    Sentences never cross a block boundary, which is what keeps a heading without a period
    (``DRONE ATTACKS``) from being glued to the paragraph after it.
    """

    kind: BlockKind = "paragraph"


class ArticleMeta(FrozenModel):
    """What front matter, HTML ``<meta>`` or the command line told us about the article."""

    title: str | None = None
    date: dt.date | None = None
    author: str | None = None
    url: str | None = None
    standfirst: str | None = None
    sources: tuple[str, ...] = ()
    published: bool = True
    extra: dict[str, str] = Field(default_factory=dict)


ArticleFormat = Literal["text", "markdown", "html"]


class Article(FrozenModel):
    """One loaded article: the original text, its masked twin and its visible blocks."""

    path: str
    format: ArticleFormat
    source: str
    plain: str
    blocks: tuple[Block, ...]
    meta: ArticleMeta = Field(default_factory=ArticleMeta)
    #: The word scan of ``plain`` (``factcheck.text.scanner.article_scan``), built once and shared.
    _scan: Any = PrivateAttr(default=None)
    #: The ledger of quantities (``factcheck.text.ledger.article_ledger``), built once and shared.
    _ledger: Any = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _aligned(self) -> Article:
        if len(self.plain) != len(self.source):
            raise ValueError("plain text must be exactly as long as the source it masks")
        for block in self.blocks:
            if block.end > len(self.source):
                raise ValueError(f"block {block.start}:{block.end} lies outside the article")
        return self

    @cached_property
    def _line_starts(self) -> list[int]:
        return line_starts(self.source)

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of an offset, as editors and SARIF count them: a line ends at
        ``\\r\\n``, ``\\n`` or a lone ``\\r`` (classic Mac files, and mixes of all three)."""
        starts = self._line_starts
        line_index = bisect.bisect_right(starts, offset) - 1
        return line_index + 1, offset - starts[line_index] + 1


_LINE_BREAK = re.compile(r"\r\n?|\n")


def line_starts(text: str) -> list[int]:
    """Offsets at which each line of ``text`` begins. A line ends at ``\\r\\n``, ``\\n`` or a lone
    ``\\r``; the one rule every loader and ``Article.line_col`` share."""
    starts = [0]
    if "\r" not in text:  # the common case, without a regex
        find = text.find
        position = find("\n")
        while position != -1:
            starts.append(position + 1)
            position = find("\n", position + 1)
        return starts
    starts.extend(found.end() for found in _LINE_BREAK.finditer(text))
    return starts


def line_breaks(text: str, start: int = 0, end: int | None = None) -> int:
    """How many line breaks (``\\r\\n``, ``\\n`` or a lone ``\\r``) lie in ``text[start:end]``."""
    part = text[start:end]
    if "\r" not in part:
        return part.count("\n")
    return sum(1 for _ in _LINE_BREAK.finditer(part))


# ---------------------------------------------------------------------------------------------
# Annotations: what the extractor found inside statements, shared by every verifier.
# ---------------------------------------------------------------------------------------------


class Quantity(Span):
    """A number as written, with its value normalised (``3.3 million tons`` -> 3300000, ``tons``)."""

    type: Literal["quantity"] = "quantity"
    text: str
    value: float
    high: float | None = None  # the upper end of a range ("between 20 and 30")
    unit: str | None = None  # normalised unit: "percent", "USD", "GBP", "ton", "people"...
    kind: Literal["count", "percent", "money", "measure", "ordinal", "year", "multiplier", "fraction"]
    approx: str | None = None  # the hedge the writer used: "about", "over", "nearly"...
    precision: float = 1.0  # the rounding step the written form implies (3.3 million -> 100000)
    spelled: bool = False  # written in words ("three")


class DateMention(Span):
    """A date, weekday or relative expression, resolved against the publication date if possible."""

    type: Literal["date"] = "date"
    text: str
    kind: Literal["absolute", "month", "year", "weekday", "relative", "decade", "duration"]
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None  # Monday = 0, as in the datetime module
    resolved: dt.date | None = None
    years: float | None = None  # for a duration: its length in years ("over three years" -> 3)


EntityLabel = Literal["person", "organisation", "place", "other"]


class Entity(Span):
    """A candidate named entity: a capitalised name, with the title or role written before it."""

    type: Literal["entity"] = "entity"
    text: str
    label: EntityLabel
    role: str | None = None  # "Foreign Minister", "a Russia expert at the IISS"
    role_start: int | None = None
    role_end: int | None = None


class Quotation(Span):
    """Text inside quotation marks; ``start``/``end`` include the marks themselves."""

    type: Literal["quotation"] = "quotation"
    content_start: int
    content_end: int
    closed: bool = True  # False: the mark never closes before the paragraph ends


Resolution = Literal["name", "pronoun", "adjacent", "previous_quote", "none"]
SpeakerEvidence = Literal["stated", "inferred", "none"]
#: What each way of finding a speaker tells the reader: only a name (or a description that fits
#: one person) in the quote's own sentence *states* who spoke; the rest is inferred.
EVIDENCE_OF: dict[str, SpeakerEvidence] = {
    "name": "stated",
    "pronoun": "inferred",
    "adjacent": "inferred",
    "previous_quote": "inferred",
    "none": "none",
}


class Attribution(Span):
    """Who said what: content (``start``/``end``), the cue word and the speaker, if found.

    ``speaker`` is the person as the article introduces them ("Alex Ferguson"), and
    ``speaker_start``/``speaker_end`` where that name is written; ``mention_start``/
    ``mention_end`` is where this attribution's own sentence refers to them ("Ferguson", "he",
    "the United boss"), when that is elsewhere. ``resolved_by`` says how the speaker was found:

    * ``name``: named in the quote's own sentence, by name or by a description that fits one
      person ("the England coach added"): the article *states* who spoke;
    * ``pronoun``: a pronoun in that sentence ("he said"), resolved to a person;
    * ``adjacent``: the sentence before or after (a colon sentence, a neighbour's speaker);
    * ``previous_quote``: the quote run it belongs to (a paragraph re-opening the quote, a
      segment after "he said");
    * ``none``: nobody is named.

    ``evidence`` is the same fact for a reader, in one word: ``stated`` (``resolved_by ==
    "name"``), ``inferred`` (pronoun, adjacent, previous_quote) or ``none``; reports show it so
    that an inferred speaker is never presented as if the article had said it.
    """

    type: Literal["attribution"] = "attribution"
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    direct: bool = False
    resolved_by: Resolution = "name"
    evidence: SpeakerEvidence = "stated"
    # Where this attribution itself refers to its speaker ("he" in "he remarked"), when that is
    # not the speaker span (a pronoun resolved to an earlier name, a quote's neighbour).
    mention_start: int | None = None
    mention_end: int | None = None

    @model_validator(mode="before")
    @classmethod
    def _evidence(cls, data: Any) -> Any:
        """``evidence`` follows from ``resolved_by``; given both, they must agree."""
        if not isinstance(data, dict):
            return data
        derived = EVIDENCE_OF.get(data.get("resolved_by", "name"), "none")
        given = data.get("evidence")
        if given is None:
            return {**data, "evidence": derived}
        if given != derived:
            raise ValueError(f"evidence {given!r} contradicts resolved_by {data.get('resolved_by')!r}")
        return data

    @classmethod
    def trusted(cls, **values: Any) -> Self:
        if "evidence" not in values:
            values["evidence"] = EVIDENCE_OF[values.get("resolved_by", "name")]
        return super().trusted(**values)


Annotation = Annotated[Quantity | DateMention | Entity | Quotation | Attribution, Field(discriminator="type")]


StatementKind = Literal["sentence", "clause", "heading", "title"]


class Statement(Span):
    """A checkable unit of the article, with everything verifiers need already extracted."""

    id: str
    text: str
    kind: StatementKind = "sentence"
    block: int = 0  # index into Article.blocks: the paragraph this statement belongs to
    line: int = 1
    column: int = 1
    checkworthiness: float = Field(default=0.0, ge=0.0, le=1.0)
    kinds: tuple[str, ...] = ()  # "quantity", "quote", "attribution", "date", "entity", "comparison"
    annotations: tuple[Annotation, ...] = ()

    def of_type(self, cls: type[AnnotationT]) -> list[AnnotationT]:
        """The annotations of one class, in text order: ``statement.of_type(Quantity)``."""
        return [a for a in self.annotations if isinstance(a, cls)]


def trusted_constructor(cls: type[ModelT]) -> Callable[..., ModelT]:
    """A constructor of ``cls`` that skips validation, for values the core itself computed.

    What ``cls.model_construct(**values)`` does (unset fields take their defaults, the fields set
    are recorded), about four times cheaper: the defaults are read once, here, and every
    instance's ``__dict__`` starts as a copy of them (so fields keep their declared order). Only
    for models whose defaults are immutable and whose values the caller has already typed
    exactly (a float field gets a float: validation would have turned 3 into 3.0, this does not).
    The quantity and date extractors build their annotations with it on the hot path.
    """
    template: dict[str, Any] = {}
    for name, info in cls.model_fields.items():
        if info.default_factory is not None:
            raise TypeError(f"{cls.__name__}.{name} has a default factory: use model_construct")
        template[name] = None if info.is_required() else info.default
    new = cls.__new__
    setter = object.__setattr__

    def make(**values: Any) -> ModelT:
        instance = new(cls)
        fields = template.copy()
        fields.update(values)
        setter(instance, "__dict__", fields)
        setter(instance, "__pydantic_fields_set__", set(values))
        setter(instance, "__pydantic_extra__", None)
        setter(instance, "__pydantic_private__", None)
        return instance

    return make
