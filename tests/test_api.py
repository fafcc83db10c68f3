from __future__ import annotations

import datetime as dt

import factcheck
from factcheck import Checker, check_paths, check_text
from factcheck.config.settings import Config, Settings
from tests.conftest import EXAMPLE_ARTICLE


def test_public_api_names_are_all_importable():
    for name in factcheck.__all__:
        assert getattr(factcheck, name) is not None, name


def test_check_text_returns_the_pydantic_report_with_the_date_applied():
    text = "On Tuesday, March 18, the council met. Sales rose from 10 to 12, an increase of 50%.\n"
    report = check_text(text, date=dt.date(2025, 3, 19), offline=True)
    (article,) = report.articles
    assert article.date == dt.date(2025, 3, 19)
    assert {v.rule for v in article.verdicts} >= {"NUM001"}
    assert report.summary.articles == 1


def test_checker_is_reusable_and_does_not_change_the_callers_config():
    config = Config(Settings())
    with Checker(config, offline=True) as checker:
        first = checker.check_text("Critics say it will fail.\n", path="a.md")
        second = checker.check_text("<p>Critics say it will fail.</p>", path="b.html")
    assert [a.path for a in (*first.articles, *second.articles)] == ["a.md", "b.html"]
    assert first.articles[0].format == "markdown" and second.articles[0].format == "html"
    assert config.settings.network.offline is False


def test_check_paths_checks_files_like_the_cli(tmp_path):
    (tmp_path / "one.md").write_text("Critics say one thing.\n", encoding="utf-8")
    report = check_paths([tmp_path, EXAMPLE_ARTICLE], blocked=["xref"])
    assert [a.path.rsplit("/", 1)[-1] for a in report.articles] == ["one.md", "ceasefire-call.txt"]
    assert "xref" not in report.tool.plugins


def test_the_api_finds_the_config_file_like_the_cli(tmp_path, monkeypatch):
    (tmp_path / "factcheck.toml").write_text('[check]\nignore = ["SRC"]\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    text = "Critics say it will fail.\n"
    found = check_text(text, offline=True)
    assert not [v for v in found.articles[0].verdicts if v.rule.startswith("SRC")]
    defaults = check_text(text, offline=True, config=Settings())
    assert [v for v in defaults.articles[0].verdicts if v.rule.startswith("SRC")]
    explicit = check_text(text, offline=True, config=tmp_path / "factcheck.toml")
    assert not [v for v in explicit.articles[0].verdicts if v.rule.startswith("SRC")]
