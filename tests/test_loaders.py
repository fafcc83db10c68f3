"""The built-in load_article hook: dispatch by suffix, sniffing stdin, and yielding to plugins."""

from __future__ import annotations

from pathlib import Path

import pluggy
import pytest

from factcheck.builtin import loaders
from factcheck.config.settings import Config
from factcheck.errors import ArticleError
from factcheck.formats import sniff_format
from factcheck.model.article import Article
from factcheck.plugin_system import hookspecs
from factcheck.plugin_system.hookspecs import hookimpl


@pytest.fixture
def manager():
    pm = pluggy.PluginManager(hookspecs.PROJECT_NAME)
    pm.add_hookspecs(hookspecs)
    pm.register(loaders, name="loaders")
    return pm


def call(pm, path: str, text: str) -> Article:
    article: Article = pm.hook.load_article(path=path, text=text, config=Config())
    return article


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("a.md", "markdown"),
        ("a.MARKDOWN", "markdown"),
        ("a.html", "html"),
        ("a.htm", "html"),
        ("a.txt", "text"),
        ("notes", "text"),
        ("a.rst", "text"),
    ],
)
def test_dispatch_by_suffix(manager, tmp_path: Path, name: str, fmt: str):
    path = tmp_path / name
    path.write_text("# Heading\n\n<p>Body text.</p>\n", encoding="utf-8")
    article = call(manager, str(path), path.read_text(encoding="utf-8"))
    assert article.format == fmt
    assert article.path == str(path)


@pytest.mark.parametrize(
    ("text", "fmt"),
    [
        ("<!DOCTYPE html><html><body><p>x</p></body></html>", "html"),
        ("  <p>Just a paragraph.</p>", "html"),
        ("---\ntitle: x\n---\nBody.\n", "markdown"),
        ("# Title\n\nBody.\n", "markdown"),
        ("Intro line.\n\n## Section\n\nMore.\n", "markdown"),
        ("Plain words, no markup.\nSecond line.\n", "text"),
        ("#hashtag is not a heading\n", "text"),
        ("", "text"),
    ],
)
def test_stdin_is_sniffed(manager, text: str, fmt: str):
    assert sniff_format("-", text) == fmt
    assert call(manager, "-", text).format == fmt


def test_a_plugin_loader_wins(manager):
    class Custom:
        @hookimpl
        def load_article(self, path: str, text: str):
            if path.endswith(".md"):
                return Article(path=path, format="text", source=text, plain=text, blocks=())
            return None

    manager.register(Custom())
    assert call(manager, "a.md", "# x").format == "text"  # the plugin's answer
    assert call(manager, "a.html", "<p>x</p>").format == "html"  # it declined: built-in loads it


def test_errors_propagate_with_location(manager, tmp_path: Path):
    path = tmp_path / "bad.md"
    text = "---\ntitle: x\ndate: someday\n---\nBody\n"
    with pytest.raises(ArticleError) as info:
        call(manager, str(path), text)
    assert (info.value.line, info.value.column) == (3, 1)


def test_entry_point_declared():
    """pyproject's entry point and the built-in table name this module."""
    from factcheck.plugin_system.manager import builtin_plugins

    assert builtin_plugins()["loaders"] == "factcheck.builtin.loaders"
