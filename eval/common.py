"""Shared plumbing for evaluation tasks: where the data is, how to read it, how to report.

A task module exposes ``evaluate(data_dir: Path) -> list[Row]``; ``python -m eval`` runs them all
and prints one table. Data is read in place from ``../shared/data`` (never copied: several sets
are research-only); ``FACTCHECK_DATA`` points elsewhere.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    """The datasets folder: ``$FACTCHECK_DATA`` or ``../shared/data`` beside the checkout."""
    return Path(os.environ.get("FACTCHECK_DATA", REPO_ROOT.parent / "shared" / "data"))


def read_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


@dataclass(frozen=True)
class Row:
    """One measured figure: which task, on which data, what metric, its value and sample size."""

    task: str
    dataset: str
    metric: str
    value: float
    n: int
    note: str = ""


def f1(precision: float, recall: float) -> float:
    return 0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall)
