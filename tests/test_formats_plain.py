"""Plain-text loading: paragraph shapes (one per line, blank-separated, hard-wrapped), titles, headings."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from eval.common import REPO_ROOT
from factcheck.formats.plain import load_plain, looks_like_heading
from tests.conftest import needs_data

EXAMPLE = REPO_ROOT / "examples" / "ceasefire-call.txt"


def texts(article):
    return [article.source[b.start : b.end] for b in article.blocks]


def test_example_article_one_paragraph_per_line(tmp_path: Path):
    text = EXAMPLE.read_text(encoding="utf-8")
    article = load_plain(str(EXAMPLE), text)
    lines = [line for line in text.split("\n") if line.strip()]
    assert texts(article) == lines
    kinds = {article.source[b.start : b.end]: b.kind for b in article.blocks}
    assert kinds["DRONE ATTACKS"] == "heading"
    assert article.blocks[0].kind == "paragraph"  # first line is a sentence, not a headline
    assert article.meta.title is None
    assert article.plain == text  # nothing to mask in plain prose


def test_headline_then_blank_line_is_title():
    text = (
        "Ad sales boost Time Warner profit\n\n"
        "Quarterly profits at US media giant TimeWarner jumped 76%.\n\n"
        "The firm said more.\n"
    )
    article = load_plain("a.txt", text)
    assert article.meta.title == "Ad sales boost Time Warner profit"
    assert [b.kind for b in article.blocks] == ["title", "paragraph", "paragraph"]


def test_headline_directly_followed_by_paragraph_is_title():
    text = (
        "Putin moves closer to goal\n"
        "Vladimir Putin has moved closer to his objective of mending ties with the United States.\n"
    )
    article = load_plain("a.txt", text)
    assert article.meta.title == "Putin moves closer to goal"
    assert article.blocks[0].kind == "title"


def test_blank_line_paragraphs_join_their_lines():
    text = "First paragraph starts here and\ncontinues on a second line.\n\nSecond paragraph.\n"
    article = load_plain("a.txt", text)
    assert texts(article) == [
        "First paragraph starts here and\ncontinues on a second line.",
        "Second paragraph.",
    ]


def test_hard_wrapped_wire_copy_gives_one_block_per_paragraph():
    text = (
        "Standard Oil Co and BP North America\n"
        "Inc said they plan to form a venture to manage the money market\n"
        "borrowing and investment activities of both companies.\n"
        "    BP North America is a subsidiary of British Petroleum Co\n"
        "Plc, which also owns a 55 pct interest in Standard Oil.\n"
        "    The venture will be called BP/Standard Financial Trading\n"
        "and will be operated by Standard Oil under the oversight of a\n"
        "joint management committee.\n"
        " Reuter\n"
    )
    article = load_plain("wire.txt", text)
    assert len(article.blocks) == 3
    assert all(b.kind == "paragraph" for b in article.blocks)
    assert texts(article)[1].startswith("BP North America") and texts(article)[1].endswith("Standard Oil.")
    assert "Reuter" not in article.plain  # the wire sign-off is not prose


def test_bullets_and_quotes_are_masked():
    text = "Key points\n\n- Russia agreed to a limited truce.\n- Ukraine accepted.\n\n> Quoted email line.\n"
    article = load_plain("a.txt", text)
    kinds = [b.kind for b in article.blocks]
    assert kinds == ["title", "list_item", "list_item", "quote"]
    assert texts(article)[1] == "Russia agreed to a limited truce."
    assert article.plain[text.index("- Russia")] == " "
    assert article.plain[text.index("> Quoted")] == " "


def test_crlf_lines():
    text = "Headline Here\r\n\r\nA paragraph.\r\nAnother paragraph.\r\n"
    article = load_plain("a.txt", text)
    assert texts(article) == ["Headline Here", "A paragraph.", "Another paragraph."]


@pytest.mark.parametrize("text", ["", "   \n\n  ", "abc\x00def\nmore"])
def test_empty_and_binary_give_no_blocks(text: str):
    article = load_plain("a.txt", text)
    assert article.blocks == ()
    assert len(article.plain) == len(text)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("DRONE ATTACKS", True),
        ("Energy Talks Resume in Riyadh", True),
        ("Putin agreed to a limited ceasefire.", False),
        ("the talks continue without a deal", False),
        ("Wheat   2.55   2.40       IV     4.65", False),
        ("", False),
    ],
)
def test_looks_like_heading(line: str, expected: bool):
    assert looks_like_heading(line) is expected


def _reuters():
    path = needs_data("reuters21578", "reuters21578.jsonl")
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line)["text"] for _, line in zip(range(300), handle, strict=False)]


def test_reuters_paragraphs_follow_indents():
    """Across real wire stories, almost no block runs on past an indented paragraph start."""
    stories = _reuters()
    indented_start = re.compile(r"\n {2,}\S")
    blocks = [
        article.source[b.start : b.end]
        for article in (load_plain("wire.txt", text) for text in stories)
        for b in article.blocks
    ]
    merged = sum(1 for body in blocks if indented_start.search(body))
    assert len(blocks) > 3 * len(stories)  # paragraphs, not whole stories
    assert merged / len(blocks) < 0.01
    assert not any(body == "Reuter" for body in blocks)
