"""Invariants every loader keeps on any input: equal length, sane blocks, characters from source."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from factcheck.errors import ArticleError
from factcheck.formats import load
from factcheck.formats.masking import ENTITY_RE
from factcheck.model.article import Article

MARKUP = st.sampled_from(
    [
        "\n",
        "\n\n",
        "\r\n",
        "\r",
        "    ",
        "\t",
        "# ",
        "## ",
        "---\n",
        "+++\n",
        "> ",
        "- ",
        "* ",
        "1. ",
        "```\n",
        "`",
        "**",
        "*",
        "_",
        "~~",
        "[",
        "]",
        "(",
        ")",
        "![",
        "](http://x.org)",
        "<!--",
        "-->",
        "<p>",
        "</p>",
        "<br>",
        "<h1>",
        "</h1>",
        "<li>",
        "<script>",
        "</script>",
        "<nav>",
        "</nav>",
        "<article>",
        "<div class=ad>",
        "</div>",
        "&amp;",
        "&#8220;",
        "&#x201D;",
        "&copy",
        "&bogus;",
        "|",
        "\\",
        "title: x\n",
        "date: 2024-01-01\n",
        "DRONE ATTACKS",
        "Putin agreed.",
        "the talks",
        "\x00",
        "\u2028",
        "\x0c",
        "\ufeff",
        "“",
        "”",
    ]
)
TEXT = st.lists(st.one_of(MARKUP, st.text(max_size=8)), max_size=40).map("".join)


def entity_cover(source: str) -> set[int]:
    covered: set[int] = set()
    for match in ENTITY_RE.finditer(source):
        covered.update(range(match.start(), match.end()))
    # HTML's parser also accepts some references without ";" (``&copy``): cover up to the next space.
    for index, char in enumerate(source):
        if char == "&":
            end = index + 1
            while end < len(source) and (source[end].isalnum() or source[end] in "#;"):
                end += 1
            covered.update(range(index, end))
    return covered


def check_invariants(article: Article) -> None:
    source, plain = article.source, article.plain
    assert len(plain) == len(source)
    for index, char in enumerate(source):
        if char == "\n":
            assert plain[index] == "\n"
    last_end = 0
    covered = None
    for block in article.blocks:
        assert last_end <= block.start < block.end <= len(source)
        assert not plain[block.start].isspace()
        assert not source[block.end - 1].isspace()
        last_end = block.end
        for offset in range(block.start, block.end):
            char = plain[offset]
            if not char.isspace() and char != source[offset]:
                covered = entity_cover(source) if covered is None else covered
                assert offset in covered, (offset, source[offset], char)


def load_or_error(path: str, text: str) -> Article | None:
    try:
        return load(path, text)
    except ArticleError as exc:
        assert exc.line >= 1 and exc.column >= 1
        assert exc.line <= text.count("\n") + 1
        return None


FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(TEXT)
def test_plain_invariants(text: str):
    article = load_or_error("a.txt", text)
    assert article is not None  # plain text has no syntax to get wrong
    check_invariants(article)


@FAST
@given(TEXT)
def test_markdown_invariants(text: str):
    article = load_or_error("a.md", text)
    if article is not None:
        check_invariants(article)


@FAST
@given(TEXT)
def test_html_invariants(text: str):
    article = load_or_error("a.html", text)
    assert article is not None  # malformed HTML is still HTML
    check_invariants(article)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=200), st.sampled_from(["a.txt", "a.md", "a.html", "-"]))
def test_arbitrary_unicode_never_crashes(text: str, path: str):
    article = load_or_error(path, text)
    if article is not None:
        check_invariants(article)
