"""Attribution *extractor* on PolNeAR dev, called directly: quote detection and speaker linking.

Not the product path, and no longer part of ``make eval``: ``eval.attribution_engine`` scores the
attribution table ``factcheck check`` reports (through ``Checker``: loader, statements, entities
per article, the extractor), which is what users get. This module keeps the matching rules both
share (``speaker_correct``, ``_score``) and the direct figures for debugging the extractor alone;
its task name is ``attribution_extractor`` so its rows cannot be mistaken for the product's.

Blocks are the article's non-empty lines. A predicted attribution *matches* a gold one when
their content spans overlap. Direct quotes (gold content holding a quotation mark; our
``direct`` flag): recall is the share of gold direct quotes overlapped by a predicted direct
attribution; precision the share of predicted direct attributions overlapping any gold
attribution. A speaker is right when the predicted speaker span (or the span where the
attribution mentions it: the pronoun) overlaps the gold source span, or the names match
(case-insensitive, surname enough). The same figures are reported for all attributions.

Two annotation habits the matching reads as the annotators meant them (both general rules, never
per case; each turned a right speaker into a miss):

* a gold source that is only the cue, all lower-case cue words and their prepositions ("said",
  "said in a statement": the annotator marked the verb, not who), points at the name written
  next to it: the speaker is right when its span or mention touches the gold span (whitespace
  between them only), as in "“…,” said Hester" or "Sinovic said in a statement";
* a gold source with an appositive or a bracketed affiliation ("Ben Jealous, the former
  president of the NAACP,", "Sen. Chuck Grassley (R-Iowa)") is compared by its name, the words
  before the first comma or bracket, as well as whole.
Run alone: ``.venv/bin/python -m eval.attribution``.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from eval.common import Row, data_dir, f1, read_jsonl
from factcheck.model.article import Attribution
from factcheck.text.attribution import attributions_in_text

TASK = "attribution_extractor"
DATASET = "polnear.dev"


predict = attributions_in_text


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def _names_match(predicted: str | None, gold: str | None) -> bool:
    if not predicted or not gold:
        return False
    p, g = predicted.lower().strip(), gold.lower().strip()
    if p == g:
        return True
    p_words, g_words = p.split(), g.split()
    return bool(p_words and g_words) and (p_words[-1] == g_words[-1]) and p_words[-1][0].isalpha()


#: Words a gold source made only of the cue holds besides the cue verb itself.
_CUE_COMPANIONS = frozenset("in a an the on to with of at for by statement interview email".split())


def _only_cue(source: str) -> bool:
    """A gold source that is the cue, not a source: "said", "said in a statement"."""
    words = source.split()
    if not words or any(not w.islower() for w in words):
        return False
    cues = _cue_words()
    return any(w in cues for w in words) and all(w in cues or w in _CUE_COMPANIONS for w in words)


@cache
def _cue_words() -> frozenset[str]:
    from factcheck.text.speech_lexicons import default_lexicons

    return frozenset(w for cue in default_lexicons().cues for w in cue.split())


def _touches(text: str, start: int, end: int, gold_start: int, gold_end: int) -> bool:
    """Whether ``text[start:end]`` and the gold span are neighbours, whitespace between them."""
    if end <= gold_start:
        return not text[end:gold_start].strip()
    if gold_end <= start:
        return not text[gold_end:start].strip()
    return True


def _name_part(source: str) -> str:
    """The name of a gold source, before an appositive or a bracket ("Ben Jealous, the …")."""
    cut = min((i for i in (source.find(","), source.find("(")) if i > 0), default=len(source))
    return source[:cut].strip()


def speaker_correct(
    pred: Attribution, gold: dict[str, Any], text: str | None = None, habits: bool = True
) -> bool:
    """Right speaker: spans overlap (speaker or mention), or the names match; with ``habits``
    (see the module docstring) a gold source that is only the cue (needs ``text``) or holds an
    appositive is read as meant; without, the gold span is taken literally (the older figure)."""
    if gold["speaker_start"] is None:
        return pred.speaker is None
    if not habits:
        text = None
    spans = [(pred.speaker_start, pred.speaker_end), (pred.mention_start, pred.mention_end)]
    gold_start, gold_end = gold["speaker_start"], gold["speaker_end"]
    cue_only = text is not None and _only_cue(gold["speaker"] or "")
    for start, end in spans:
        if start is None or end is None:
            continue
        if _overlaps(start, end, gold_start, gold_end):
            return True
        if cue_only and text is not None and _touches(text, start, end, gold_start, gold_end):
            return True
    name = _name_part(gold["speaker"] or "") if habits else gold["speaker"]
    return _names_match(pred.speaker, gold["speaker"]) or (
        name != gold["speaker"] and _names_match(pred.speaker, name)
    )


def _score(
    golds: list[dict[str, Any]],
    preds: list[Attribution],
    all_golds: list[dict[str, Any]],
    text: str | None = None,
    habits: bool = True,
) -> tuple[int, int, int, int, int]:
    """(gold found, gold total, predictions matching some gold, predictions, speakers right);
    ``text``, the article, lets a gold source that is only the cue be matched (module docstring);
    ``habits=False`` takes gold source spans literally."""
    found = right = 0
    for gold in golds:
        hits = [p for p in preds if _overlaps(p.start, p.end, gold["start"], gold["end"])]
        if hits:
            found += 1
            right += any(speaker_correct(p, gold, text, habits) for p in hits)
    matched = sum(any(_overlaps(p.start, p.end, g["start"], g["end"]) for g in all_golds) for p in preds)
    return found, len(golds), matched, len(preds), right


def _rows(label: str, totals: Iterable[int], n_articles: int) -> list[Row]:
    found, gold, matched, predicted, right = totals
    recall = found / gold if gold else 0.0
    precision = matched / predicted if predicted else 0.0
    return [
        Row(TASK, DATASET, f"{label} recall", recall, gold, f"{n_articles} articles"),
        Row(TASK, DATASET, f"{label} precision", precision, predicted),
        Row(TASK, DATASET, f"{label} F1", f1(precision, recall), gold),
        Row(TASK, DATASET, f"{label} speaker accuracy", right / found if found else 0.0, found),
    ]


def evaluate(data: Path) -> list[Row]:
    path = data / "polnear" / "polnear.dev.jsonl"
    direct_totals = [0, 0, 0, 0, 0]
    all_totals = [0, 0, 0, 0, 0]
    articles = 0
    seconds = 0.0
    words = 0
    # Warm up: lexicons are loaded and their patterns compiled once per process, not per article.
    predict("“Warm,” Smith said. Jones told Reuters that it was “fine.”")
    for record in read_jsonl(path):
        text: str = record["text"]
        began = time.perf_counter()
        preds = predict(text)
        seconds += time.perf_counter() - began
        words += len(text.split())
        articles += 1
        golds: list[dict[str, Any]] = record["quotes"]
        direct = _score([g for g in golds if g["direct"]], [p for p in preds if p.direct], golds, text)
        everything = _score(golds, preds, golds, text)
        direct_totals = [a + b for a, b in zip(direct_totals, direct, strict=True)]
        all_totals = [a + b for a, b in zip(all_totals, everything, strict=True)]
    per_900 = 1000 * seconds / words * 900 if words else 0.0
    return [
        *_rows("direct quote", direct_totals, articles),
        *_rows("all attributions", all_totals, articles),
        Row(TASK, DATASET, "ms per 900 words (quotes+entities+attribution)", per_900, articles),
    ]


def main() -> None:
    folder = data_dir()
    if not (folder / "polnear" / "polnear.dev.jsonl").exists():
        print(f"no PolNeAR data under {folder}")
        return
    for row in evaluate(folder):
        print(f"{row.dataset:12} {row.metric:48} {row.value:7.3f}  n={row.n} {row.note}")


if __name__ == "__main__":
    main()
