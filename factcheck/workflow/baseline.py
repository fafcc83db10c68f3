"""Baselines: record today's findings so later runs report only new ones.

``factcheck baseline PATH... --file .factcheck-baseline.json`` stores, per article (its path
relative to the baseline file), how many times each finding fingerprint occurred. A later
``factcheck check --baseline FILE`` marks findings covered by the baseline as suppressed
("baseline"): they stay in JSON and SARIF, marked, but no longer fail the run. Fingerprints hash
the rule and the statement's normalised text, not its line, so edits elsewhere in the article
leave the baseline valid. The file is JSON, sorted, written atomically: diffable in review.

Re-recording updates only the articles checked this time, so ``factcheck baseline one.md``
does not forget the rest of the site, and ``update`` does it under a lock on a fresh read of
the file, so runs recording into one file at the same time all keep their articles. The file
is validated on load: a hand-edited, truncated or absurdly nested baseline is a one-line
``ConfigError`` at the offending line, never a crash mid-run.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt, ValidationError

from factcheck.errors import ConfigError
from factcheck.model.report import ArticleReport, Status, Verdict
from factcheck.workflow.atomic import locked, write_text_atomic

BASELINE_VERSION = 1

Count = Annotated[StrictInt, Field(ge=1)]


class BaselineFile(BaseModel):
    """The baseline file's schema: ``{"version": 1, "articles": {path: {fingerprint: count}}}``."""

    model_config = ConfigDict(extra="forbid", defer_build=True)
    version: Literal[1]
    created_at: str | None = None
    articles: dict[str, dict[str, Count]] = Field(default_factory=dict)


def _key(article_path: str, root: Path) -> str:
    try:
        return Path(os.path.relpath(Path(article_path).resolve(), root.resolve())).as_posix()
    except ValueError:  # another drive on Windows
        return Path(article_path).resolve().as_posix()


def counted(verdict: Verdict) -> bool:
    """Findings a baseline records: everything but passes."""
    return verdict.status != Status.SUPPORTED and verdict.fingerprint is not None


def json_line(text: str, loc: Sequence[str | int]) -> int:
    """The 1-based line of the JSON key at ``loc`` (best effort: keys are searched in order)."""
    position = 0
    for key in loc:
        if isinstance(key, int):
            continue
        found = re.compile(re.escape(json.dumps(key)) + r"\s*:").search(text, position)
        if found is None:
            break
        position = found.start()
    return text.count("\n", 0, position) + 1


def _invalid(exc: ValidationError, text: str, path: Path) -> ConfigError:
    first = exc.errors()[0]
    loc = first["loc"]
    key = ".".join(str(p) for p in loc) or "(top level)"
    if first["type"] == "extra_forbidden":
        message = f"unknown key {key!r} in baseline file"
    else:
        message = f"bad baseline entry {key!r}: {first['msg']}"
    return ConfigError(message, str(path), json_line(text, loc))


class Baseline:
    def __init__(self, path: Path, articles: dict[str, dict[str, int]] | None = None) -> None:
        self.path = path
        self.articles = articles or {}

    @classmethod
    def load(cls, path: Path) -> Baseline:
        """Read and validate a baseline; a missing or malformed file is a one-line ``ConfigError``."""
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise ConfigError(
                "baseline file not found; create it with `factcheck baseline`", str(path)
            ) from None
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(f"cannot read baseline file: {exc}", str(path)) from None
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ConfigError(
                f"baseline file is not valid JSON: {exc.msg}", str(path), exc.lineno, exc.colno
            ) from None
        except RecursionError:
            raise ConfigError("baseline file is nested too deeply to be a baseline", str(path)) from None
        if not isinstance(data, dict) or "version" not in data:
            raise ConfigError(
                f'not a factcheck baseline (expected {{"version": {BASELINE_VERSION}, "articles": {{…}}}})',
                str(path),
            )
        if data["version"] != BASELINE_VERSION:
            raise ConfigError(
                f"baseline version {data['version']!r} is not supported (expected {BASELINE_VERSION})",
                str(path),
                json_line(text, ["version"]),
            )
        try:
            parsed = BaselineFile.model_validate(data)
        except ValidationError as exc:
            raise _invalid(exc, text, path) from None
        return cls(path, {k: dict(v) for k, v in parsed.articles.items()})

    @classmethod
    def load_optional(cls, path: Path) -> Baseline:
        """Like ``load``, but a file that does not exist yet is an empty baseline."""
        if not path.exists() and not path.is_symlink():
            return cls(path)
        return cls.load(path)

    def record(self, reports: Iterable[ArticleReport]) -> int:
        """Replace the entries of the articles in ``reports``; others are kept as they were.

        An article checked now without findings loses its entry; one that could not be read
        (a report with problems) keeps its old entry, since nothing new is known about it.
        """
        total = 0
        for report in reports:
            if report.problems:
                continue
            key = _key(report.path, self.path.parent)
            counts = Counter(v.fingerprint for v in report.verdicts if counted(v) and v.fingerprint)
            if counts:
                self.articles[key] = dict(sorted(counts.items()))
                total += sum(counts.values())
            else:
                self.articles.pop(key, None)
        return total

    def update(self, reports: Iterable[ArticleReport]) -> int:
        """``record`` then ``save``, on the file as it is now: read again under the file's lock,
        so another run's articles recorded since this one started are kept, not overwritten."""
        reports = list(reports)
        with locked(self.path):
            current = Baseline.load_optional(self.path)
            recorded = current.record(reports)
            current.save()
        self.articles = current.articles
        return recorded

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
