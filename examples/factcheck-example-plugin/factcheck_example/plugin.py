"""The plugin module the ``factcheck`` entry point names: four hooks, one verifier, one command.

* ``rule_paths`` ships the rule pack (``rules/*.toml``: codes, messages, descriptions, examples).
* ``register_verifiers`` registers ``HouseStyleVerifier``, built with this plugin's settings.
* ``register_commands`` adds ``factcheck published add`` (``published.py``), which records
  published articles; EXA003 checks new copy against them.
* The verifier owns the ``EXA`` prefix; its verdicts take message, level and status from the
  rule files through ``context.verdict``, so an editor can retune them without touching code.
* Everything is imported from ``factcheck.plugin``, the declared plugin API, as a third party must.

Settings live in the ``[plugins.example]`` table of the project's config::

    [plugins.example]
    percent_word = "per cent"
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from importlib import resources
from pathlib import Path

from pydantic import Field

from factcheck.plugin import (
    Command,
    Config,
    Section,
    Span,
    Statement,
    Status,
    Verdict,
    Verifier,
    VerifyContext,
    hookimpl,
)

from .published import PublishedCommand, PublishedStore, figures

PLUGIN_NAME = "example"

#: A figure at the start of a sentence, after any opening quote or bracket.
_LEADING_FIGURE = re.compile(r"[\"'“‘(\[]*(\d[\d,.]*)")
#: A number followed by a percent sign: ``3.2%``, ``45 %``. Linear: no nested quantifiers.
_PERCENT = re.compile(r"(?<![\w.])(\d[\d,.]*)\s?%")
_SENTENCE_END = ".!?…"


class ExampleSettings(Section):
    """``[plugins.example]``: unknown keys are an error naming the file, line and key."""

    percent_word: str = Field(default="percent", min_length=1)
    #: The store ``factcheck published add`` writes; EXA003 is off without it.
    published: str | None = None


class HouseStyleVerifier(Verifier):
    """Two house-style checks on figures: EXA001 (a sentence starting with a figure) and EXA002
    (a ``%`` sign in running text)."""

    name = PLUGIN_NAME
    prefixes = ("EXA",)
    description = "House style for figures in running text."

    def __init__(self, settings: ExampleSettings) -> None:
        self.settings = settings
        self.store = PublishedStore(settings.published) if settings.published else None

    def verify(self, statement: Statement, context: VerifyContext) -> Iterable[Verdict]:
        if statement.kind in ("heading", "title"):
            return  # headlines follow their own style: figures and % are fine there
        plain = context.article.plain
        text = plain[statement.start : statement.end]
        if context.enabled("EXA001") and _starts_sentence(plain, statement):
            yield from self._leading_figure(statement, context, text)
        if context.enabled("EXA002"):
            for match in _PERCENT.finditer(text):
                span = Span(start=statement.start + match.start(), end=statement.start + match.end())
                yield context.verdict(
                    statement,
                    "EXA002",
                    span=span,
                    evidence=[context.span(span.start, span.end)],
                    match=match.group(0),
                    number=match.group(1),
                    word=self.settings.percent_word,
                )

    def verify_article(self, context: VerifyContext) -> Iterable[Verdict]:
        yield from super().verify_article(context)
        if self.store is not None and context.enabled("EXA003"):
            for statement in context.statements:
                yield from self._against_published(statement, context)

    def _against_published(self, statement: Statement, context: VerifyContext) -> Iterable[Verdict]:
        mine = figures(statement)
        if not mine or self.store is None:
            return
        for path, earlier, text in self.store.earlier(statement):
            if path != context.article.path and earlier != mine:
                yield context.verdict(
                    statement,
                    "EXA003",
                    Status.NEEDS_REVIEW,
                    evidence=[context.span(statement.start, statement.end)],
                    now=", ".join(mine),
                    before=", ".join(earlier),
                    path=path,
                    text=text,
                )
                return

    def _leading_figure(self, statement: Statement, context: VerifyContext, text: str) -> Iterable[Verdict]:
        offset = len(text) - len(text.lstrip())
        match = _LEADING_FIGURE.match(text, offset)
        if match is None:
            return
        figure = match.group(1).rstrip(".,")
        if len(figure) == 4 and figure.isdigit() and 1800 <= int(figure) <= 2099:
            return  # a year: the accepted exception
        start = statement.start + match.start(1)
        span = Span(start=start, end=start + len(figure))
        yield context.verdict(
            statement, "EXA001", span=span, evidence=[context.span(span.start, span.end)], figure=figure
        )


def _starts_sentence(plain: str, statement: Statement) -> bool:
    """A sentence, or a clause that opens its sentence (nothing but space since the last stop)."""
    if statement.kind == "sentence":
        return True
    before = plain[max(0, statement.start - 200) : statement.start].rstrip()
    return not before or before[-1] in _SENTENCE_END


@hookimpl
def rule_paths(config: Config) -> list[Path]:
    return [Path(str(resources.files("factcheck_example") / "rules"))]


@hookimpl
def register_commands(register: Callable[[Command], None]) -> None:
    register(PublishedCommand())


@hookimpl
def register_verifiers(register: Callable[[Verifier], None], config: Config) -> None:
    register(HouseStyleVerifier(config.plugin_settings(PLUGIN_NAME, ExampleSettings)))
