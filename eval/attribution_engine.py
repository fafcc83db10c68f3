"""Attribution through the engine: the table ``factcheck check`` reports, scored on two gold sets.

Every article goes through the public API (``Checker.check_text`` -> report ->
``articles[0].attributions``), the path the CLI runs, so the figures include whatever the loader,
the segmenter and the engine do before and after the extractor. ``eval.attribution`` scores the
extractor function directly; this task reuses its matching rules so the two are comparable.

* ``polnear.dev`` (244 articles): exactly the rules and figures of ``eval.attribution`` (content
  spans overlap; speaker right when speaker spans overlap or the names match, surname enough;
  a gold source that is only the cue, "said", or holds an appositive is read as the annotators
  meant it, see that module), for direct quotes and for all attributions; the direct-quote
  speaker accuracy is also given with gold source spans taken literally, the older rule.
* ``bbc.flags``: how many findings of each SRC rule an editor gets per BBC article (all but the
  hand-read ten), read through the same report;
* ``bbc.handread``: the hand-read gold set ``eval/data/attribution_handread.toml`` (10 BBC
  articles, every span in quotation marks; see its header). For speech quotes:

  - recall: a quote is found when some attribution's content overlaps it;
  - speaker accuracy over found quotes: *every* attribution overlapping the quote must name the
    gold speaker (the report must not also show a wrong one). Names match as in PolNeAR (equal,
    or the same last word), against the gold name, the article's aliases for it and the quote's
    ``also`` list; a speaker that is a fragment (holds a pronoun, or has no capital letter and
    is no accepted alias) is wrong. For a gold speaker of "" only no speaker (or an ``also``
    name) is right. Split by gold evidence (stated / inferred). The strict variant also requires
    the first name when the gold surname is in the article's ``shared_surnames``;
  - quote runs (segments of one quote reopened after a break): how many get one speaker
    throughout, right;
  - non-speech quotes (scare quotes, titles, nicknames...) overlapped by an attribution that has a
    speaker: false attributions;
  - if attributions record how the speaker was found (a field ``stated``, ``evidence``, ``how``
    or ``resolved_by``; found with ``getattr``), the number of gold-inferred quotes presented as
    stated (and the converse); otherwise "n/a".

Run alone: ``.venv/bin/python -m eval.attribution_engine [--only polnear|handread] [--show]``;
``--show`` prints every wrong row with a little context (printed only: the data's licences keep
article text out of the repository).
"""

from __future__ import annotations

import argparse
import math
import time
import tomllib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from eval.attribution import _names_match, _overlaps, _score, speaker_correct
from eval.common import REPO_ROOT, Row, data_dir, f1, read_jsonl
from factcheck import Attribution, Checker

TASK = "attribution_engine"
POLNEAR = Path("polnear") / "polnear.dev.jsonl"
BBC = Path("bbc_news") / "bbc_news.jsonl"
GOLD = REPO_ROOT / "eval" / "data" / "attribution_handread.toml"
ARTICLE_PATH = "article.txt"  # the plain-text loader, as for `factcheck check article.txt`

PRONOUNS = frozenset("i me my we us our you your he him his she her they them their it its".split())
HONORIFICS = frozenset("mr mrs ms miss dr sir lord lady".split())
FUNCTION_WORDS = frozenset("of and the for de da van von".split())
EVIDENCE_FIELDS = ("stated", "evidence", "how", "resolved_by")
STATED_VALUES = frozenset({"stated", "name", "named"})


def report_attributions(checker: Checker, text: str) -> tuple[Attribution, ...]:
    """The attribution table of the report for ``text``, checked as a plain-text article."""
    article = checker.check_text(text, path=ARTICLE_PATH).articles[0]
    if article.source is not None and article.source != text:
        raise RuntimeError("the report's offsets do not index the text that was checked")
    return article.attributions


def presented_as(attribution: Attribution) -> str | None:
    """How the report says the speaker was found: "stated", "inferred", or None (not recorded)."""
    stated = getattr(attribution, "stated", None)
    if isinstance(stated, bool):
        return "stated" if stated else "inferred"
    for name in EVIDENCE_FIELDS[1:]:
        value = getattr(attribution, name, None)
        if isinstance(value, str) and value != "none":
            return "stated" if value in STATED_VALUES else "inferred"
    return None


def records_evidence(attributions: Iterable[Attribution]) -> bool:
    return any(hasattr(a, name) for a in attributions for name in EVIDENCE_FIELDS)


# --- PolNeAR dev, through the engine ---------------------------------------------------------


def _polnear_rows(label: str, totals: list[int], articles: int) -> list[Row]:
    found, gold, matched, predicted, right = totals
    recall = found / gold if gold else 0.0
    precision = matched / predicted if predicted else 0.0
    return [
        Row(TASK, "polnear.dev", f"{label} recall", recall, gold, f"{articles} articles, via Checker"),
        Row(TASK, "polnear.dev", f"{label} precision", precision, predicted),
        Row(TASK, "polnear.dev", f"{label} F1", f1(precision, recall), gold),
        Row(TASK, "polnear.dev", f"{label} speaker accuracy", right / found if found else 0.0, found),
    ]


def _show_polnear(record: dict[str, Any], preds: tuple[Attribution, ...]) -> None:
    text = record["text"]
    for gold in (g for g in record["quotes"] if g["direct"]):
        hits = [p for p in preds if _overlaps(p.start, p.end, gold["start"], gold["end"])]
        if hits and any(speaker_correct(p, gold, text) for p in hits):
            continue
        said = ", ".join(f"{p.speaker!r}" for p in hits) if hits else "MISSED"
        print(f"polnear {record['id']}@{gold['start']}: gold {gold['speaker']!r}; got {said}")
        print(f"    {_excerpt(text, gold['start'], gold['end'])}")


def evaluate_polnear(checker: Checker, data: Path, show: bool = False) -> list[Row]:
    direct = [0, 0, 0, 0, 0]
    everything = [0, 0, 0, 0, 0]
    literal = 0  # direct quotes' speakers right with gold source spans taken literally
    articles = 0
    seconds = 0.0
    for record in read_jsonl(data / POLNEAR):
        began = time.perf_counter()
        preds = report_attributions(checker, record["text"])
        seconds += time.perf_counter() - began
        articles += 1
        golds: list[dict[str, Any]] = record["quotes"]
        text = record["text"]
        direct_golds, direct_preds = [g for g in golds if g["direct"]], [p for p in preds if p.direct]
        one = _score(direct_golds, direct_preds, golds, text)
        literal += _score(direct_golds, direct_preds, golds, habits=False)[4]
        two = _score(golds, list(preds), golds, text)
        direct = [a + b for a, b in zip(direct, one, strict=True)]
        everything = [a + b for a, b in zip(everything, two, strict=True)]
        if show:
            _show_polnear(record, preds)
    per_article = 1000 * seconds / articles if articles else 0.0
    return [
        *_polnear_rows("direct quote", direct, articles),
        Row(
            TASK,
            "polnear.dev",
            "direct quote speaker accuracy, gold spans literal",
            literal / direct[0] if direct[0] else 0.0,
            direct[0],
            "no reading of cue-only or appositive gold sources (eval.attribution)",
        ),
        *_polnear_rows("all attributions", everything, articles),
        Row(TASK, "polnear.dev", "ms per article (whole check, offline)", per_article, articles),
    ]


# --- the hand-read BBC set -------------------------------------------------------------------


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


def _excerpt(text: str, start: int, end: int, before: int = 90, width: int = 110) -> str:
    quote = text[start:end]
    if len(quote) > width:
        quote = quote[: width // 2] + " … " + quote[-width // 3 :]
    lead = text[max(0, start - before) : start]
    return ("…" + lead + "[[" + quote + "]]").replace("\n", " ¶ ")


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
            print(f"    {_excerpt(text, quote['start'], quote['end'])}")


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
            print(f"    {_excerpt(text, quote['start'], quote['end'])}")
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
            print(f"    {_excerpt(text, quote['start'], quote['end'])}")


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


# --- how often each attribution rule fires on real copy --------------------------------------

SRC_RULES = ("SRC001", "SRC002", "SRC003", "SRC004", "SRC006", "SRC007", "SRC008")


def evaluate_flags(checker: Checker, data: Path) -> list[Row]:
    """SRC findings per article over every BBC article but the hand-read ones, through the
    engine: how much an editor is asked to read (whether the flags are right is read by hand,
    docs/evaluation.md, "Attribution flags read by an editor")."""
    held_out = {a["id"] for a in load_gold()}
    counts: Counter[str] = Counter()
    articles = 0
    for record in read_jsonl(data / BBC):
        if record["id"] in held_out:
            continue
        report = checker.check_text(bbc_text(record), path=ARTICLE_PATH).articles[0]
        counts.update(v.rule for v in report.verdicts if v.rule.startswith("SRC"))
        articles += 1
    note = f"{articles} BBC articles, via Checker"
    return [
        Row(
            TASK,
            "bbc.flags",
            f"{rule} findings per article",
            counts[rule] / articles if articles else 0.0,
            counts[rule],
            note if i == 0 else "",
        )
        for i, rule in enumerate(SRC_RULES)
    ]


def evaluate(data: Path, show: bool = False, only: str | None = None) -> list[Row]:
    rows: list[Row] = []
    with Checker(offline=True) as checker:
        if only in (None, "polnear") and (data / POLNEAR).exists():
            rows += evaluate_polnear(checker, data, show)
        if only in (None, "handread") and (data / BBC).exists():
            rows += evaluate_handread(checker, data, show)[0]
        if only in (None, "flags") and (data / BBC).exists():
            rows += evaluate_flags(checker, data)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m eval.attribution_engine")
    parser.add_argument("--show", action="store_true", help="print every wrong row with context")
    parser.add_argument(
        "--only", choices=["polnear", "handread", "flags"], help="one gold set, or the flag rates"
    )
    args = parser.parse_args()
    folder = data_dir()
    if not folder.exists():
        print(f"no data under {folder}")
        return
    with Checker(offline=True) as checker:
        rows: list[Row] = []
        if args.only in (None, "polnear"):
            rows += evaluate_polnear(checker, folder, args.show)
        tally = None
        if args.only in (None, "handread"):
            found, tally = evaluate_handread(checker, folder, args.show)
            rows += found
        if args.only in (None, "flags"):
            rows += evaluate_flags(checker, folder)
    for row in rows:
        value = "    n/a" if math.isnan(row.value) else f"{row.value:7.3f}"
        print(f"{row.dataset:13} {row.metric:52} {value}  n={row.n} {row.note}")
    if tally is not None:
        print("hand-read error patterns (strict speaker rule):")
        for kind, count in tally.errors.most_common():
            print(f"  {count:4}  {kind}")


if __name__ == "__main__":
    main()
