"""HTML loading: site chrome dropped, block kinds, entities decoded in place, meta from <head>."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from factcheck.formats.html import load_html

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
  <title>Putin ceasefire | Defence Talks</title>
  <meta name="description" content="Putin agrees to a limited truce.">
  <meta property="og:title" content="Putin agrees limited ceasefire">
  <meta property="article:published_time" content="2025-03-19T10:00:00Z">
  <meta name="author" content="Jane Doe">
  <link rel="canonical" href="https://example.org/ceasefire">
  <style>p { color: red }</style>
  <script>var x = "<p>not prose</p>";</script>
  <script type="application/ld+json">{"headline": "not prose"}</script>
</head>
<body>
<header class="site-header"><a href="/">Defence Talks</a><nav><a href="/w">World</a></nav></header>
<article>
  <h1>Putin agrees &amp; limited ceasefire</h1>
  <p class="standfirst">A first step, says the &#8220;White House&#8221;.</p>
  <p>Russia lost 3.3 million tons&mdash;or 4%&mdash;of capacity.<br>A second line.</p>
  <div class="ad-slot">Buy our things</div>
  <figure><img src="a.jpg" alt="Putin"><figcaption>Putin in Moscow.</figcaption></figure>
  <blockquote><p>“It is entirely in Putin’s interest,” he said.</p></blockquote>
  <ul><li>One point<li>Two <b>bold</b> point</ul>
  <aside>Related: another story</aside>
  <p>An unclosed paragraph
  <h2>DRONE ATTACKS</h2>
  <p>Copyright &copy 2025 and &unknown; stay.</p>
  <!-- <p>commented out</p> -->
  <div class="share-buttons">Share on X</div>
</article>
<footer>Subscribe to get the latest posts</footer>
</body>
</html>
"""


@pytest.fixture
def article(tmp_path: Path):
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    return load_html(str(path), path.read_text(encoding="utf-8"))


def kinds_and_text(article):
    return [(b.kind, " ".join(article.plain[b.start : b.end].split())) for b in article.blocks]


def test_blocks(article):
    assert kinds_and_text(article) == [
        ("title", "Putin agrees & limited ceasefire"),
        ("standfirst", "A first step, says the “ White House” ."),
        ("paragraph", "Russia lost 3.3 million tons— or 4%— of capacity. A second line."),
        ("caption", "Putin in Moscow."),
        ("quote", "“It is entirely in Putin’s interest,” he said."),
        ("list_item", "One point"),
        ("list_item", "Two bold point"),
        ("paragraph", "An unclosed paragraph"),
        ("heading", "DRONE ATTACKS"),
        ("paragraph", "Copyright © 2025 and &unknown; stay."),
    ]


@pytest.mark.parametrize(
    "chrome",
    [
        "not prose",
        "Defence Talks</a>",
        "World",
        "Buy our things",
        "Related",
        "commented",
        "Share on",
        "Subscribe",
    ],
)
def test_chrome_is_blank(article, chrome: str):
    start = PAGE.index(chrome)
    assert article.plain[start : start + len(chrome)].strip() == ""


def test_entities_decoded_in_place(article):
    offset = PAGE.index("&amp;")
    assert article.plain[offset : offset + 5] == "&    "
    offset = PAGE.index("&#8220;")
    assert article.plain[offset : offset + 7] == "“      "
    title = article.blocks[0]
    assert article.source[title.start : title.end] == "Putin agrees &amp; limited ceasefire"


def test_br_ends_a_line_within_the_block(article):
    offset = PAGE.index("<br>")
    assert article.plain[offset] == "\n"
    block = next(b for b in article.blocks if b.start <= offset < b.end)
    assert article.source[block.start : block.end].endswith("A second line.")


def test_meta(article):
    meta = article.meta
    assert meta.title == "Putin agrees limited ceasefire"
    assert meta.date == dt.date(2025, 3, 19)
    assert meta.author == "Jane Doe"
    assert meta.url == "https://example.org/ceasefire"
    assert meta.standfirst == "Putin agrees to a limited truce."
    assert meta.extra["lang"] == "en"


def test_fragment_without_article_element():
    text = "<p>First paragraph &amp; more.</p>\n<p>Second <i>one</i>.</p>"
    article = load_html("-", text)
    assert [article.source[b.start : b.end] for b in article.blocks] == [
        "First paragraph &amp; more.",
        "Second <i>one</i>.",
    ]


def test_title_tag_is_fallback_title():
    article = load_html(
        "a.html", "<html><head><title>Only &amp; title</title></head><body><p>x</p></body></html>"
    )
    assert article.meta.title == "Only & title"


@pytest.mark.parametrize("text", ["", "   ", "<p>a\x00b</p>", "<", "<p", "</p></div>", "<!--", "&#99999999;"])
def test_degenerate_input(text: str):
    article = load_html("a.html", text)
    assert len(article.plain) == len(text)
    for block in article.blocks:
        assert 0 <= block.start < block.end <= len(text)
