"""Baselines: record today's findings so later runs report only new ones.

``factcheck baseline PATH... --file .factcheck-baseline.json`` stores, per article (its path
relative to the baseline file), how many times each finding fingerprint occurred. A later
``factcheck check --baseline FILE`` marks findings covered by the baseline as suppressed
("baseline"): they stay in JSON and SARIF, marked, but no longer fail the run. Fingerprints hash
the rule and the statement's normalised text, not its line, so edits elsewhere in the article
leave the baseline valid. The file is JSON, sorted, written atomically: diffable in review.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from factcheck.atomic import write_text_atomic
from factcheck.errors import ConfigError
from factcheck.report import ArticleReport, Status, Verdict

BASELINE_VERSION = 1


def _key(article_path: str, root: Path) -> str:
    try:
        return Path(os.path.relpath(Path(article_path).resolve(), root.resolve())).as_posix()
    except ValueError:  # another drive on Windows
        return Path(article_path).resolve().as_posix()


def counted(verdict: Verdict) -> bool:
    """Findings a baseline records: everything but passes."""
    return verdict.status != Status.SUPPORTED and verdict.fingerprint is not None


class Baseline:
    def __init__(self, path: Path, articles: dict[str, dict[str, int]] | None = None) -> None:
        self.path = path
        self.articles = articles or {}

    @classmethod
    def load(cls, path: Path) -> Baseline:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError(
                "baseline file not found; create it with `factcheck baseline`", str(path)
            ) from None
        except (OSError, ValueError) as exc:
            raise ConfigError(f"baseline file is not valid JSON: {exc}", str(path)) from None
        if not isinstance(data, dict) or data.get("version") != BASELINE_VERSION:
            raise ConfigError(f"not a factcheck baseline (version {BASELINE_VERSION})", str(path))
        return cls(path, {str(k): dict(v) for k, v in data.get("articles", {}).items()})

    def record(self, reports: Iterable[ArticleReport]) -> int:
        total = 0
        for report in reports:
            counts = Counter(v.fingerprint for v in report.verdicts if counted(v) and v.fingerprint)
            if counts:
                self.articles[_key(report.path, self.path.parent)] = dict(sorted(counts.items()))
                total += sum(counts.values())
        return total

    def save(self) -> None:
        document = {
            "version": BASELINE_VERSION,
            "created_at": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
            "articles": dict(sorted(self.articles.items())),
        }
        write_text_atomic(self.path, json.dumps(document, indent=2, sort_keys=False) + "\n")

    def apply(self, article_path: str, verdicts: list[Verdict]) -> list[Verdict]:
        """Mark findings the baseline knows as suppressed, up to the number recorded."""
        known = Counter(self.articles.get(_key(article_path, self.path.parent), {}))
        if not known:
            return verdicts
        marked = []
        for verdict in verdicts:
            if counted(verdict) and verdict.suppressed is None and known[verdict.fingerprint or ""] > 0:
                known[verdict.fingerprint or ""] -= 1
                verdict = verdict.model_copy(update={"suppressed": "baseline"})
            marked.append(verdict)
        return marked
