"""The report's attribution table as the attribution scorers read it: checking a text through
the public API, how the report says a speaker was found, and an excerpt for ``--show``.

Shared by ``eval.attribution_engine`` (PolNeAR dev, the flag rates) and
``eval.attribution_handread`` (the hand-read BBC set), so both read the report the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from factcheck import Attribution, Checker

TASK = "attribution_engine"
BBC = Path("bbc_news") / "bbc_news.jsonl"
ARTICLE_PATH = "article.txt"  # the plain-text loader, as for `factcheck check article.txt`
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


def excerpt(text: str, start: int, end: int, before: int = 90, width: int = 110) -> str:
    quote = text[start:end]
    if len(quote) > width:
        quote = quote[: width // 2] + " … " + quote[-width // 3 :]
    lead = text[max(0, start - before) : start]
    return ("…" + lead + "[[" + quote + "]]").replace("\n", " ¶ ")
