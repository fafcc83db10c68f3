"""The hand-read BBC gold set scored through the engine (``bbc.handread`` rows of
``eval.attribution_engine``; the rules are in that module's docstring).

Kept apart from the PolNeAR scoring because its rules are its own: the judge of a predicted
speaker (aliases, shared surnames, fragments), quote runs, non-speech quotes and whether an
inferred speaker is shown as stated.
"""

from __future__ import annotations

import math
import tomllib
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eval.attribution import _names_match, _overlaps
from eval.attribution_report import (
    BBC,
    TASK,
    excerpt,
    presented_as,
    records_evidence,
    report_attributions,
)
from eval.common import REPO_ROOT, Row, read_jsonl
from factcheck import Attribution, Checker

GOLD = REPO_ROOT / "eval" / "data" / "attribution_handread.toml"

PRONOUNS = frozenset("i me my we us our you your he him his she her they them their it its".split())
HONORIFICS = frozenset("mr mrs ms miss dr sir lord lady".split())
FUNCTION_WORDS = frozenset("of and the for de da van von".split())


def load_gold(path: Path = GOLD) -> list[dict[str, Any]]:
    with path.open("rb") as handle:
        return list(tomllib.load(handle)["article"])


def bbc_text(record: dict[str, Any]) -> str:
    return f"{record['title']}\n\n{record['text']}\n"


def _is_fragment(name: str) -> bool:
    """A pronoun-holding phrase, a bare honorific or a text with no capital: not a speaker."""
    words = name.lower().replace(",", " ").split()
    return (
        any(w in PRONOUNS for w in words)
        or all(w.strip(".") in HONORIFICS for w in words)
        or not any(ch.isupper() for ch in name)
    )


def _is_description(name: str) -> bool:
    """A noun phrase such as "the England coach": a lower-case content word after the first."""
    return any(w.isalpha() and w.islower() and w not in FUNCTION_WORDS for w in name.split()[1:])


@dataclass(frozen=True)
class Judge:
    """Speaker rules of one gold article."""

    aliases: dict[str, list[str]]
    shared_surnames: frozenset[str]
    speakers: frozenset[str]

    @classmethod
    def of(cls, article: dict[str, Any]) -> Judge:
        speakers = frozenset(q["speaker"] for q in article["quotes"] if q["speech"] and q["speaker"])
        shared = frozenset(s.lower() for s in article.get("shared_surnames", []))
        return cls(dict(article.get("aliases", {})), shared, speakers)

    def accepted(self, quote: dict[str, Any]) -> list[str]:
        gold = quote["speaker"]
        return ([gold, *self.aliases.get(gold, [])] if gold else []) + list(quote.get("also", []))

    def right(self, predicted: str | None, quote: dict[str, Any], strict: bool = False) -> bool:
        if predicted is None or not predicted.strip():
            return not quote["speaker"]
        name = predicted.strip()
        accepted = self.accepted(quote)
        if any(name.lower() == a.lower() for a in accepted):
            return True
        if _is_fragment(name) or not any(_names_match(name, a) for a in accepted):
            return False
        gold = quote["speaker"]
        if strict and gold and gold.split()[-1].lower() in self.shared_surnames:
            return gold.split()[0].lower() in name.lower().split()
        return True

    def why_wrong(self, predicted: str | None, quote: dict[str, Any]) -> str:
        if predicted is None or not predicted.strip():
            return "no speaker"
        name = predicted.strip()
        words = name.lower().split()
        if any(w in PRONOUNS for w in words) or all(w.strip(".") in HONORIFICS for w in words):
            return "pronoun, honorific or fragment as speaker"
        if _is_description(name):
            return "description, not resolved to a name"
        if _is_fragment(name):
            return "pronoun, honorific or fragment as speaker"
        if self.right(predicted, quote):
            return "surname shared by two speakers"
        others = [s for s in self.speakers if s != quote["speaker"]]
        if any(
            _names_match(name, s) or name.lower() in (a.lower() for a in self.aliases.get(s, []))
            for s in others
        ):
            return "another speaker of the article"
        return "another name (not a speaker of the article)"


@dataclass
class Tally:
    """Counts over the hand-read set."""

    speech: int = 0
    found: int = 0
    right: int = 0
    strict: int = 0
    by_evidence: Counter[str] = field(default_factory=Counter)
    found_by_evidence: Counter[str] = field(default_factory=Counter)
    right_by_evidence: Counter[str] = field(default_factory=Counter)
    non_speech: int = 0
    false_attributions: int = 0
    runs: int = 0
    runs_right: int = 0
    runs_split: int = 0
    inferred_as_stated: int = 0
    stated_as_inferred: int = 0
    evidence_recorded: bool = False
    errors: Counter[str] = field(default_factory=Counter)


def _runs(quotes: list[dict[str, Any]]) -> list[list[int]]:
    runs: list[list[int]] = []
    current: list[int] = []
    for i, quote in enumerate(quotes):
        current.append(i)
        if not quote.get("continued"):
            if len(current) > 1:
                runs.append(current)
            current = []
    return runs


def _score_article(
    article: dict[str, Any], text: str, preds: tuple[Attribution, ...], tally: Tally, show: bool
) -> None:
    judge = Judge.of(article)
    quotes: list[dict[str, Any]] = article["quotes"]
    tally.evidence_recorded |= records_evidence(preds)
    hits_of = [[p for p in preds if _overlaps(p.start, p.end, q["start"], q["end"])] for q in quotes]
    for quote, hits in zip(quotes, hits_of, strict=True):
        if not quote["speech"]:
            _score_non_speech(article, text, quote, hits, tally, show)
            continue
        _score_speech(judge, article, text, quote, hits, tally, show)
    _score_runs(judge, article, quotes, hits_of, tally, show)


def _score_non_speech(
    article: dict[str, Any],
    text: str,
    quote: dict[str, Any],
    hits: list[Attribution],
    tally: Tally,
    show: bool,
) -> None:
    """A scare quote, title or nickname: wrong if an attribution gives it a speaker."""
    tally.non_speech += 1
    given = [h for h in hits if h.speaker]
    if given:
        tally.false_attributions += 1
        tally.errors["non-speech quote given a speaker"] += 1
        if show:
            print(f"{article['id']}@{quote['start']} non-speech ({quote['kind']}) given {given[0].speaker!r}")
            print(f"    {excerpt(text, quote['start'], quote['end'])}")


def _score_speech(
    judge: Judge,
    article: dict[str, Any],
    text: str,
    quote: dict[str, Any],
    hits: list[Attribution],
    tally: Tally,
    show: bool,
) -> None:
    """A speech quote: found, speaker right (and how it was presented)."""
    where = f"{article['id']}@{quote['start']}"
    tally.speech += 1
    evidence = quote["evidence"]
    tally.by_evidence[evidence] += 1
    if not hits:
        tally.errors["missed (no attribution)"] += 1
        if show:
            print(f"{where} MISSED; gold {quote['speaker']!r} ({evidence})")
            print(f"    {excerpt(text, quote['start'], quote['end'])}")
        return
    tally.found += 1
    tally.found_by_evidence[evidence] += 1
    right = all(judge.right(h.speaker, quote) for h in hits)
    tally.right += right
    tally.strict += all(judge.right(h.speaker, quote, strict=True) for h in hits)
    tally.right_by_evidence[evidence] += right
    shown = {presented_as(h) for h in hits}
    if evidence == "inferred" and "stated" in shown:
        tally.inferred_as_stated += 1
        if show:
            print(f"{where} gold inferred, presented as stated: {[h.speaker for h in hits]}")
    if evidence == "stated" and "stated" not in shown and "inferred" in shown:
        tally.stated_as_inferred += 1
        if show:
            print(f"{where} gold stated, presented as inferred: {[h.speaker for h in hits]}")
    if not all(judge.right(h.speaker, quote, strict=True) for h in hits):
        wrong = [h for h in hits if not judge.right(h.speaker, quote, strict=True)]
        kind = (
            "conflicting attributions" if len(wrong) < len(hits) else judge.why_wrong(wrong[0].speaker, quote)
        )
        tally.errors[kind] += 1
        if show:
            got = "; ".join(f"{h.speaker!r} ({getattr(h, 'resolved_by', '?')})" for h in hits)
            print(f"{where} {kind}: gold {quote['speaker']!r} ({evidence}); got {got}")
            print(f"    {excerpt(text, quote['start'], quote['end'])}")


def _score_runs(
    judge: Judge,
    article: dict[str, Any],
    quotes: list[dict[str, Any]],
    hits_of: list[list[Attribution]],
    tally: Tally,
    show: bool,
) -> None:
    """Quote runs: one right speaker throughout, or split between speakers."""
    for run in _runs(quotes):
        tally.runs += 1
        said = {(h.speaker or "").lower() for i in run for h in hits_of[i]} | (
            {"<missed>"} if any(not hits_of[i] for i in run) else set()
        )
        tally.runs_split += len(said) > 1
        if show and len(said) > 1:
            first = quotes[run[0]]
            where = f"{article['id']}@{first['start']}"
            print(f"{where} run of {len(run)} split: gold {first['speaker']!r}; got {sorted(said)}")
        tally.runs_right += all(
            hits_of[i] and all(judge.right(h.speaker, quotes[i], strict=True) for h in hits_of[i])
            for i in run
        )


def evaluate_handread(checker: Checker, data: Path, show: bool = False) -> tuple[list[Row], Tally]:
    gold = load_gold()
    wanted = {a["id"] for a in gold}
    texts = {r["id"]: bbc_text(r) for r in read_jsonl(data / BBC) if r["id"] in wanted}
    tally = Tally()
    for article in gold:
        text = texts[article["id"]]
        _score_article(article, text, report_attributions(checker, text), tally, show)

    def rate(a: int, b: int) -> float:
        return a / b if b else 0.0

    stated, inferred = tally.found_by_evidence["stated"], tally.found_by_evidence["inferred"]
    recorded = tally.evidence_recorded
    evidence_note = "count" if recorded else "n/a: attributions record no evidence field"

    def row(metric: str, value: float, n: int, note: str = "") -> Row:
        return Row(TASK, "bbc.handread", metric, value, n, note)

    rows = [
        row("speech quote recall", rate(tally.found, tally.speech), tally.speech, f"{len(gold)} articles"),
        row("speaker accuracy (found quotes)", rate(tally.right, tally.found), tally.found),
        row(
            "speaker accuracy, shared surnames need first name", rate(tally.strict, tally.found), tally.found
        ),
        row("speaker accuracy, found gold-stated", rate(tally.right_by_evidence["stated"], stated), stated),
        row(
            "speaker accuracy, found gold-inferred",
            rate(tally.right_by_evidence["inferred"], inferred),
            inferred,
        ),
        row("quote runs with one right speaker throughout", rate(tally.runs_right, tally.runs), tally.runs),
        row("quote runs split between speakers", tally.runs_split, tally.runs, "count"),
        row("non-speech quotes given a speaker", tally.false_attributions, tally.non_speech, "count"),
        row(
            "gold-inferred quotes presented as stated",
            tally.inferred_as_stated if recorded else math.nan,
            inferred,
            evidence_note,
        ),
        row(
            "gold-stated quotes presented as inferred",
            tally.stated_as_inferred if recorded else math.nan,
            stated,
            evidence_note,
        ),
    ]
    return rows, tally
