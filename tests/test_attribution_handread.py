"""The hand-read attribution gold set (eval/data/attribution_handread.toml) against the BBC data.

The gold file holds offsets, speaker names and a short hash, never article text, so these tests
read ../shared/data to check that every entry still points at a quotation: offsets in range,
spans opening and closing on quotation marks (a ``continued`` run segment is instead followed by
its reopening mark), ``sha1_8`` matching, speech quotes carrying a speaker or an explicit "" with
a reason, and every double-quote character of each article covered by an entry.
"""

from __future__ import annotations

import hashlib
import tomllib
from pathlib import Path
from typing import Any

import pytest

from eval.common import REPO_ROOT, data_dir, read_jsonl

GOLD = REPO_ROOT / "eval" / "data" / "attribution_handread.toml"
BBC = data_dir() / "bbc_news" / "bbc_news.jsonl"
MARKS = "\"'“”‘’"
KINDS = {"scare", "title", "nickname", "acronym", "word", "imagined"}

needs_data = pytest.mark.skipif(not BBC.exists(), reason=f"BBC News data not found at {BBC}")


def _gold() -> dict[str, Any]:
    with GOLD.open("rb") as handle:
        return tomllib.load(handle)


def _texts() -> dict[str, str]:
    return {r["id"]: f"{r['title']}\n\n{r['text']}\n" for r in read_jsonl(Path(BBC))}


@pytest.fixture(scope="module")
def gold() -> dict[str, Any]:
    return _gold()


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    return _texts()


def _articles() -> list[dict[str, Any]]:
    return _gold()["article"] if GOLD.exists() else []


def test_shape(gold: dict[str, Any]) -> None:
    articles = gold["article"]
    ids = [a["id"] for a in articles]
    assert len(ids) == 10 and len(set(ids)) == 10
    speech = [q for a in articles for q in a["quotes"] if q["speech"]]
    assert len(speech) >= 150


@needs_data
@pytest.mark.parametrize("article", _articles(), ids=lambda a: a["id"])
def test_quotes_point_at_quotations(article: dict[str, Any], texts: dict[str, str]) -> None:
    assert article["id"] in texts, "unknown record id"
    text = texts[article["id"]]
    previous_end = 0
    for quote in article["quotes"]:
        start, end = quote["start"], quote["end"]
        where = f"{article['id']}@{start}"
        assert 0 <= start < end <= len(text), where
        assert start >= previous_end, f"{where}: entries overlap or are out of order"
        previous_end = end
        span = text[start:end]
        assert span[0] in MARKS, f"{where}: does not open on a quotation mark"
        if quote.get("continued"):
            rest = text[end:].lstrip()
            assert rest[:1] in MARKS, f"{where}: a continued segment must be followed by its reopening mark"
            assert not span[-1].isspace(), where
        else:
            assert span[-1] in MARKS, f"{where}: does not close on a quotation mark"
        assert hashlib.sha1(span.encode("utf-8")).hexdigest()[:8] == quote["sha1_8"], f"{where}: sha1_8"


@pytest.mark.parametrize("article", _articles(), ids=lambda a: a["id"])
def test_labels_are_complete(article: dict[str, Any]) -> None:
    for quote in article["quotes"]:
        where = f"{article['id']}@{quote['start']}"
        assert isinstance(quote["speech"], bool), where
        if not quote["speech"]:
            assert quote.get("kind") in KINDS, where
            assert "speaker" not in quote, f"{where}: non-speech quote with a speaker"
            continue
        assert isinstance(quote.get("speaker"), str), f"{where}: speech quote without a speaker field"
        if quote["speaker"]:
            assert quote.get("evidence") in {"stated", "inferred"}, where
            assert quote["speaker"] == quote["speaker"].strip(), where
        else:
            assert quote.get("reason"), f"{where}: empty speaker needs a reason"
            assert quote.get("evidence") == "none", where
    for name, aliases in article.get("aliases", {}).items():
        assert aliases and all(isinstance(a, str) and a for a in aliases), name


@needs_data
@pytest.mark.parametrize("article", _articles(), ids=lambda a: a["id"])
def test_every_double_quote_mark_is_covered(article: dict[str, Any], texts: dict[str, str]) -> None:
    text = texts[article["id"]]
    spans = [(q["start"], q["end"]) for q in article["quotes"]]
    ignored = set(article.get("ignored_marks", []))
    for offset in ignored:
        assert text[offset] == '"', f"{article['id']}@{offset}: ignored mark is not a double quote"
    missing = [
        i
        for i, ch in enumerate(text)
        if ch == '"' and i not in ignored and not any(s <= i < e for s, e in spans)
    ]
    assert not missing, f"{article['id']}: quotation marks outside every entry at {missing}"


@needs_data
def test_gold_holds_no_article_text(gold: dict[str, Any], texts: dict[str, str]) -> None:
    """Research licences: the file may name speakers but must not carry quoted text."""
    raw = GOLD.read_text(encoding="utf-8")
    for article in gold["article"]:
        text = texts[article["id"]]
        for quote in article["quotes"]:
            inner = text[quote["start"] + 1 : quote["end"] - 1].strip()
            if len(inner.split()) >= 3:
                assert inner not in raw, (
                    f"{article['id']}@{quote['start']}: quoted text found in the gold file"
                )


def test_scorer_speaker_rules() -> None:
    """The hand-read scorer's speaker rules, on made-up names (no data needed)."""
    from eval.attribution_handread import Judge

    article: dict[str, Any] = {
        "shared_surnames": ["Smith"],
        "aliases": {"Ann Smith": ["Annie"]},
        "quotes": [
            {"speech": True, "speaker": "Ann Smith"},
            {"speech": True, "speaker": "Bob Smith"},
            {"speech": True, "speaker": "Carl Jones"},
        ],
    }
    judge = Judge.of(article)
    ann, carl = article["quotes"][0], article["quotes"][2]
    unnamed = {"speech": True, "speaker": "", "also": ["the chair"]}
    assert judge.right("Ann Smith", ann) and judge.right("Annie", ann)
    assert judge.right("Smith", ann) and not judge.right("Smith", ann, strict=True)
    assert judge.right("Ms Ann Smith", ann, strict=True)
    assert not judge.right("Bob Smith", ann, strict=True)
    assert judge.right("Jones", carl) and judge.right("Mr Jones", carl, strict=True)
    assert not judge.right("At first he", carl) and not judge.right("Mr", carl)
    assert not judge.right(None, carl) and not judge.right("the club", carl)
    assert judge.right(None, unnamed) and judge.right("the chair", unnamed)
    assert not judge.right("Carl Jones", unnamed)
    assert judge.why_wrong("the home coach", carl) == "description, not resolved to a name"
    assert judge.why_wrong("Ann Smith", carl) == "another speaker of the article"
    assert judge.why_wrong("Smith", ann) == "surname shared by two speakers"
