"""Golden reports: a digest of the JSON report of every dev article, so a change meant to keep
behaviour (a refactor, a speed-up) can prove it did, and a change meant to alter it shows exactly
which articles it altered.

    python -m tests.golden            # compare; lists the articles whose report changed
    python -m tests.golden --write    # after an intended change: record the new digests

The articles are the BBC (1,500), Reuters (1,855) and PolNeAR dev (244) corpora of
``../shared/data``, read in place (never copied); each is checked through ``factcheck.Checker``,
offline, with the publication date 2005-06-01, as ``title + blank line + text``. A digest is the
SHA-256 of the article's JSON report (sorted keys; without ``timings`` and ``source``), cut to 16
hex digits.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from eval.common import data_dir, read_jsonl

DIGESTS = Path(__file__).with_name("digests.txt")
CORPORA = {
    "bbc": "bbc_news/bbc_news.jsonl",
    "reuters": "reuters21578/reuters21578.jsonl",
    "polnear": "polnear/polnear.dev.jsonl",
}
DATE = dt.date(2005, 6, 1)


def articles(root: Path | None = None) -> Iterator[tuple[str, str]]:
    """``(key, text)`` of every golden article, in a fixed order."""
    root = root or data_dir()
    for corpus, relative in CORPORA.items():
        for record in read_jsonl(root / relative):
            yield f"{corpus}/{record['id']}", f"{record.get('title') or ''}\n\n{record['text']}\n"


def digest(report_json: dict[str, object]) -> str:
    canonical = json.dumps(report_json, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]


def current(root: Path | None = None) -> dict[str, str]:
    """Digest of today's report of every golden article."""
    from factcheck import Checker

    found: dict[str, str] = {}
    with Checker(offline=True) as checker:
        for key, text in articles(root):
            report = checker.check_text(text, path=f"{key}.txt", date=DATE).articles[0]
            found[key] = digest(report.model_dump(mode="json", exclude={"timings", "source"}))
    return found


def recorded() -> dict[str, str]:
    lines = DIGESTS.read_text(encoding="utf-8").splitlines()
    return dict(line.split(" ", 1) for line in lines if line and not line.startswith("#"))


def changed(now: dict[str, str], then: dict[str, str]) -> list[str]:
    return sorted(k for k in now.keys() | then.keys() if now.get(k) != then.get(k))


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.golden")
    parser.add_argument("--write", action="store_true", help="record today's digests")
    args = parser.parse_args()
    now = current()
    if args.write:
        body = "".join(f"{key} {value}\n" for key, value in now.items())
        DIGESTS.write_text("# python -m tests.golden --write; see tests/golden/__init__.py\n" + body)
        print(f"recorded {len(now)} digests in {DIGESTS}")
        return 0
    different = changed(now, recorded())
    for key in different:
        print(key)
    print(f"{len(different)} of {len(now)} reports differ from {DIGESTS.name}", file=sys.stderr)
    return 1 if different else 0
