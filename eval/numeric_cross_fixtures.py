"""The hand-written fixtures of cross-sentence numeric errors (issue 11): loading and locating.

``tests/fixtures/numeric_cross/`` holds invented news articles, each with one planted error in a
relation between figures in *different* sentences (``NN-slug.planted.txt``), its clean twin with
the error corrected (``NN-slug.clean.txt``), and hard negatives whose figures only look related
(``NN-slug.negative.txt``). ``expected.toml`` lists, per planted or negative file, the relation's
kind (1-7 of the issue), the rule it must be reported under, the exact text of every figure, the
changed figure and what the clean twin writes instead, the publication date and the arithmetic.

Shared by ``eval.numeric_cross_planted`` (the measurement) and the tests.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from eval.common import REPO_ROOT

FIXTURES = REPO_ROOT / "tests" / "fixtures" / "numeric_cross"

# The rules each kind of relation is reported under (issue 11).
KIND_RULES: dict[int, frozenset[str]] = {
    1: frozenset({"NUM005"}),
    2: frozenset({"NUM004"}),
    3: frozenset({"NUM006"}),
    4: frozenset({"NUM009"}),
    5: frozenset({"NUM003", "NUM001"}),
    6: frozenset({"NUM011", "NUM012", "NUM013"}),
    7: frozenset({"NUM008"}),
}
KIND_NAMES: dict[int, str] = {
    1: "total and parts / running total",
    2: "share of an earlier total",
    3: "count restated",
    4: "currency conversion",
    5: "multiple or change across sentences",
    6: "durations, dates and ages",
    7: "unit or scale",
}

Span = tuple[int, int]


def figure_spans(text: str, figure: str) -> list[Span]:
    """Where ``figure`` occurs in ``text`` as a whole token: not inside a longer number or word
    ("6" is not found in "86" or "1.6", "£3.9m" not in "£3.9mn")."""
    pattern = re.compile(r"(?<!\w)(?<!\d[.,])" + re.escape(figure) + r"(?!\w)(?![.,]\d)")
    return [m.span() for m in pattern.finditer(text)]


@dataclass(frozen=True)
class Fixture:
    """One planted article (with its clean twin) or one hard negative."""

    name: str  # file name of the planted article or the negative
    kind: int | str  # 1-7, or "negative"
    rule: str
    date: dt.date
    figures: tuple[str, ...]
    spans: tuple[Span, ...]  # of each figure, in the planted (or negative) text
    text: str
    why: str
    wrong: str | None = None
    wrong_span: Span | None = None
    clean: str | None = None  # what the clean twin writes in place of ``wrong``
    twin: str | None = None  # file name of the clean twin
    twin_text: str | None = None

    @property
    def negative(self) -> bool:
        return self.kind == "negative"


class FixtureError(ValueError):
    pass


def _locate(text: str, figure: str, occurrence: dict[str, int], name: str) -> Span:
    found = figure_spans(text, figure)
    index = occurrence.get(figure)
    if index is None:
        if len(found) != 1:
            raise FixtureError(f"{name}: figure {figure!r} occurs {len(found)} times (give an occurrence)")
        return found[0]
    if index >= len(found):
        raise FixtureError(f"{name}: figure {figure!r} has no occurrence {index} ({len(found)} found)")
    return found[index]


def load_fixtures(root: Path = FIXTURES) -> list[Fixture]:
    """Every fixture listed in ``expected.toml``, its figures located; raises ``FixtureError``."""
    table = tomllib.loads((root / "expected.toml").read_text(encoding="utf-8"))
    fixtures = []
    for name, entry in table.items():
        text = (root / name).read_text(encoding="utf-8")
        occurrence = dict(entry.get("occurrence", {}))
        figures = tuple(entry["figures"])
        spans = tuple(_locate(text, figure, occurrence, name) for figure in figures)
        date = entry["date"]
        if not isinstance(date, dt.date) or isinstance(date, dt.datetime):
            raise FixtureError(f"{name}: date must be a TOML local date, not {date!r}")
        common = {
            "name": name,
            "kind": entry["kind"],
            "rule": entry["rule"],
            "date": date,
            "figures": figures,
            "spans": spans,
            "text": text,
            "why": entry["why"],
        }
        if entry["kind"] == "negative":
            fixtures.append(Fixture(**common))
            continue
        wrong = entry["wrong"]
        if wrong not in figures:
            raise FixtureError(f"{name}: the wrong figure {wrong!r} is not one of its figures")
        twin = name.replace(".planted.txt", ".clean.txt")
        fixtures.append(
            Fixture(
                **common,
                wrong=wrong,
                wrong_span=spans[figures.index(wrong)],
                clean=entry["clean"],
                twin=twin,
                twin_text=(root / twin).read_text(encoding="utf-8"),
            )
        )
    return fixtures
