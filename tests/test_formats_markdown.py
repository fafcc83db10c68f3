"""Markdown loading: front matter into meta, block kinds, inline masking, exact offsets, errors."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from factcheck.errors import ArticleError
from factcheck.formats.markdown import load_markdown

ARTICLE = """\
---
title: "Putin agrees limited ceasefire"
date: 2025-03-19
author: [Jane Doe, John Roe]
summary: A first step, says Washington.
sources:
  - https://example.org/call-readout
  - notes/interview.txt
section: World
wordcount: 812
---

# Putin agrees *limited* ceasefire

Russia lost **3.3 million tons** of capacity, [according to Reuters](https://reuters.com/x "R") &amp; others.
Run `grep -r` and see ![chart](chart.png) <span class="n">inline</span> <!-- editor note --> here.

> “It is entirely in Putin’s interest,” he *remarked*.
> Second quoted line.

- First point about the **truce**
  continued on the next line
- Second point

1. Ordered item

```python
print("not prose")
```

    indented code is not prose

| Country | Share |
|---------|-------|
| Russia  | 4%    |

DRONE ATTACKS
-------------

Escaped \\*stars\\* stay, snake_case_name stays, footnote[^1] goes and [a ref][ref] keeps its text.

[ref]: https://example.org/ref
"""


def block_texts(article):
    return [(b.kind, " ".join(article.plain[b.start : b.end].split())) for b in article.blocks]


@pytest.fixture
def article(tmp_path: Path):
    path = tmp_path / "story.md"
    path.write_text(ARTICLE, encoding="utf-8")
    return load_markdown(str(path), path.read_text(encoding="utf-8"))


def test_front_matter_meta(article):
    meta = article.meta
    assert meta.title == "Putin agrees limited ceasefire"
    assert meta.date == dt.date(2025, 3, 19)
    assert meta.author == "Jane Doe, John Roe"
    assert meta.standfirst == "A first step, says Washington."
    assert meta.sources == ("https://example.org/call-readout", "notes/interview.txt")
    assert meta.published is True
    assert meta.extra == {"section": "World", "wordcount": "812"}


def test_blocks_and_masking(article):
    assert block_texts(article) == [
        ("title", "Putin agrees limited ceasefire"),
        (
            "paragraph",
            "Russia lost 3.3 million tons of capacity, according to Reuters & others. "
            "Run and see inline here.",
        ),
        # Equal-length masking leaves a space where the closing ``*`` was: offsets never shift.
        ("quote", "“It is entirely in Putin’s interest,” he remarked . Second quoted line."),
        ("list_item", "First point about the truce continued on the next line"),
        ("list_item", "Second point"),
        ("list_item", "Ordered item"),
        ("paragraph", "Country"),
        ("paragraph", "Share"),
        ("paragraph", "Russia"),
        ("paragraph", "4%"),
        ("heading", "DRONE ATTACKS"),
        (
            "paragraph",
            "Escaped *stars * stay, snake_case_name stays, footnote goes and a ref keeps its text.",
        ),
    ]
    assert "not prose" not in article.plain
    assert "https://" not in article.plain
    assert "title:" not in article.plain
    assert article.plain.count("\n") == article.source.count("\n")


def test_offsets_point_into_source(article):
    for block in article.blocks:
        for offset in range(block.start, block.end):
            char = article.plain[offset]
            if not char.isspace():
                assert char == article.source[offset] or offset in _entity_region(article, offset)
    title = article.blocks[0]
    assert article.source[title.start : title.end] == "Putin agrees *limited* ceasefire"
    assert article.line_col(title.start) == (13, 3)


def _entity_region(article, offset):
    start = article.source.rfind("&", 0, offset + 1)
    return range(start, article.source.find(";", start) + 1)


def test_h1_becomes_title_without_front_matter():
    article = load_markdown("a.md", "# Talks resume\n\nThe talks resumed on Monday.\n")
    assert article.meta.title == "Talks resume"
    assert [b.kind for b in article.blocks] == ["title", "paragraph"]


def test_toml_front_matter():
    text = '+++\ntitle = "TOML story"\ndate = 2024-05-01\ndraft = true\n+++\nBody text.\n'
    article = load_markdown("a.md", text)
    assert article.meta.title == "TOML story"
    assert article.meta.date == dt.date(2024, 5, 1)
    assert article.meta.published is False
    assert [article.source[b.start : b.end] for b in article.blocks] == ["Body text."]


def test_published_false():
    article = load_markdown("a.md", "---\npublished: false\n---\nText.\n")
    assert article.meta.published is False


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("---\ntitle: ok\ndate: [unclosed\n---\nBody\n", 4, "YAML"),
        ("---\ntitle: ok\nauthor: Jane\ndate: next tuesday\n---\nBody\n", 4, "not a date"),
        ("---\ntitle: never closes\n\nBody text\n", 1, "never closes"),
        ('+++\ntitle = "x"\ndate = = 3\n+++\nBody\n', 3, "TOML"),
        ("---\n- a\n- b\n---\nBody\n", 2, "mapping"),
        ("---\nsources: {a: 1}\n---\nBody\n", 2, "sources"),
    ],
)
def test_front_matter_errors_point_at_the_line(tmp_path: Path, text: str, line: int, fragment: str):
    path = tmp_path / "bad.md"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ArticleError) as info:
        load_markdown(str(path), text)
    assert info.value.line == line
    assert info.value.path == str(path)
    assert fragment in info.value.message
    assert str(info.value).startswith(f"{path}:{line}:")


def test_thematic_break_is_not_prose():
    article = load_markdown("a.md", "Para one.\n\n***\n\nPara two.\n")
    assert [article.source[b.start : b.end] for b in article.blocks] == ["Para one.", "Para two."]


@pytest.mark.parametrize("text", ["", "\n\n", "a\x00b"])
def test_empty_and_binary(text: str):
    assert load_markdown("a.md", text).blocks == ()


def test_lone_carriage_returns_keep_line_numbers():
    text = "First line\rstill first.\n\nSecond para.\n"
    article = load_markdown("a.md", text)
    assert article.source[article.blocks[-1].start : article.blocks[-1].end] == "Second para."
