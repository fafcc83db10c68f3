"""Check-worthiness scoring measured on ClaimBuster dev and CLEF 2019 CheckThat! dev.

The weights were fitted on ClaimBuster dev (``eval/fit_checkworthiness.py``), so its figures are
in-sample. CLEF 2019 dev is the honest test, after dropping every sentence whose normalised text
also occurs in ClaimBuster dev (the two sets share the 2016 debates; data README §5). For CLEF we
report what CheckThat! 2019 ranked systems by — MAP (the mean over transcripts of the average
precision of the ranking by score) and P@10 — plus F1 of the positive class at the 0.5 cut.

Run alone with ``.venv/bin/python -m eval.checkworthiness``.
"""

from __future__ import annotations

import re
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from eval.common import Row, data_dir, f1, read_jsonl
from factcheck.text.checkworthiness import score_checkworthiness

TASK = "checkworthiness"
THRESHOLD = 0.5

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def normalise(text: str) -> str:
    """Lower-case words only, so punctuation and spacing differences do not hide a duplicate."""
    return _NON_ALNUM.sub(" ", text.lower()).strip()


def precision_recall_f1(scores: Sequence[float], labels: Sequence[int]) -> tuple[float, float, float]:
    """Precision, recall and F1 of the positive class when ``score >= THRESHOLD`` predicts it."""
    tp = fp = fn = 0
    for score, label in zip(scores, labels, strict=True):
        predicted = score >= THRESHOLD
        tp += predicted and label == 1
        fp += predicted and label != 1
        fn += (not predicted) and label == 1
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return precision, recall, f1(precision, recall)


def average_precision(ranked_labels: Sequence[int]) -> float:
    """Mean of the precision at the rank of each positive; 0 for a list with no positive."""
    hits = 0
    total = 0.0
    for rank, label in enumerate(ranked_labels, start=1):
        if label:
            hits += 1
            total += hits / rank
    return total / hits if hits else 0.0


def ranking_measures(
    docs: Sequence[str], scores: Sequence[float], labels: Sequence[int], k: int = 10
) -> tuple[float, float, int]:
    """MAP and mean P@k over documents that hold a positive, and how many documents counted.

    Ties in score keep transcript order (a stable sort), so the measure is deterministic.
    """
    by_doc: dict[str, list[tuple[float, int]]] = defaultdict(list)
    for doc, score, label in zip(docs, scores, labels, strict=True):
        by_doc[doc].append((score, label))
    aps: list[float] = []
    p_at_k: list[float] = []
    for items in by_doc.values():
        if not any(label for _, label in items):
            continue
        ranked = [label for _, label in sorted(items, key=lambda item: -item[0])]
        aps.append(average_precision(ranked))
        p_at_k.append(sum(ranked[:k]) / k)
    if not aps:
        return 0.0, 0.0, 0
    return sum(aps) / len(aps), sum(p_at_k) / len(p_at_k), len(aps)


def evaluate(data_dir: Path) -> list[Row]:
    rows: list[Row] = []
    claimbuster = list(read_jsonl(data_dir / "claimbuster" / "claimbuster.dev.jsonl"))
    cb_scores = [score_checkworthiness(r["text"]) for r in claimbuster]
    cb_labels = [int(r["label"]) for r in claimbuster]
    precision, recall, f = precision_recall_f1(cb_scores, cb_labels)
    note = "in-sample (weights fitted here); 5-fold CV F1 in eval/fit_checkworthiness.py"
    for metric, value in (("precision@0.5", precision), ("recall@0.5", recall), ("F1@0.5", f)):
        rows.append(Row(TASK, "claimbuster dev", metric, value, len(claimbuster), note))

    seen = {normalise(r["text"]) for r in claimbuster}
    clef = list(read_jsonl(data_dir / "clef2019_checkworthy" / "clef2019_checkworthy.dev.jsonl"))
    started = time.perf_counter()
    clef_scores = [score_checkworthiness(r["text"]) for r in clef]
    elapsed = time.perf_counter() - started
    keep = [i for i, r in enumerate(clef) if normalise(r["text"]) not in seen]
    dropped = len(clef) - len(keep)
    docs = [clef[i]["doc"] for i in keep]
    scores = [clef_scores[i] for i in keep]
    labels = [int(clef[i]["label"]) for i in keep]
    held_out = f"out-of-sample; {dropped} sentences also in ClaimBuster dev removed"
    mean_ap, p10, n_docs = ranking_measures(docs, scores, labels)
    rows.append(Row(TASK, "clef2019 dev (dedup)", "MAP", mean_ap, n_docs, held_out + "; n = transcripts"))
    rows.append(Row(TASK, "clef2019 dev (dedup)", "P@10", p10, n_docs, "mean over transcripts"))
    precision, recall, f = precision_recall_f1(scores, labels)
    for metric, value in (("precision@0.5", precision), ("recall@0.5", recall), ("F1@0.5", f)):
        rows.append(Row(TASK, "clef2019 dev (dedup)", metric, value, len(keep), held_out))
    rows.append(
        Row(TASK, "clef2019 dev", "µs/sentence", 1e6 * elapsed / len(clef), len(clef), "this machine")
    )
    return rows


def main() -> None:
    for row in evaluate(data_dir()):
        print(f"{row.dataset:22s} {row.metric:14s} {row.value:9.3f}  n={row.n:<6d} {row.note}")


if __name__ == "__main__":
    main()
