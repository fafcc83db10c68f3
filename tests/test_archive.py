"""The archive index: incremental builds, figures that changed, quotes that read differently."""

from __future__ import annotations

import os

import factcheck_plugins.xref as xref
import pytest
from factcheck_plugins.xref.archive import Archive, shape
from factcheck_plugins.xref.source_documents import quote_text, word_diff

from factcheck.cli.main import main
from factcheck.model.report import Status
from factcheck.plugin_system.manager import builtin_plugins

XREF = [] if "xref" in builtin_plugins() else [("xref", xref)]  # built in once registered

OLD = """---
title: Refinery losses mount
date: 2025-03-10
---
Drone assaults on Russia's largest oil refineries have already resulted in a loss of
3.3 million tons of refining capacity since the beginning of the year, according to estimates from Reuters.

"It is entirely in Putin's interest to prolong the war and manipulate America," Andrei Kozyrev said.

The company was founded in 1998 and employs 400 people at its plant near Kazan.
"""

NEW = """---
title: Ceasefire talks
date: 2025-03-18
---
Drone assaults on Russia's largest oil refineries have already resulted in a loss of
3.5 million tons of refining capacity since the beginning of the year, according to estimates from Reuters.

"It is clearly in Putin's interest to prolong the war and manipulate America," Andrei Kozyrev said.

The company was founded in 1999 and employs 400 people at its plant near Kazan.
"""


@pytest.fixture
def archive_db(write, tmp_path):
    write("archive/old.md", OLD)
    db = tmp_path / "archive.db"
    assert main(["index", str(tmp_path / "archive"), "--archive", str(db)]) == 0
    return db


def _check(make_engine, write, db, text):
    engine = make_engine(extra=XREF, settings={"plugins": {"xref": {"archive": str(db)}}})
    return engine.check_file(str(write("new.md", text)))


def test_changed_figure_and_quote_need_review(make_engine, write, archive_db):
    report = _check(make_engine, write, archive_db, NEW)
    by_rule = {v.rule: v for v in report.verdicts if v.rule.startswith("XRF02")}
    figure = by_rule["XRF020"]
    assert figure.status == Status.NEEDS_REVIEW
    assert "'3.5 million tons' was '3.3 million tons'" in figure.message and "2025-03-10" in figure.message
    assert any(e.kind == "source" and "3.3 million tons" in (e.excerpt or "") for e in figure.evidence)
    quote = by_rule["XRF021"]
    assert any(e.kind == "note" and "[-entirely-] {+clearly+}" in e.text for e in quote.evidence)
    assert len([v for v in report.verdicts if v.rule == "XRF020"]) == 1, "a changed year is not a finding"


def test_explained_change_and_same_article_are_quiet(make_engine, write, archive_db, tmp_path):
    explained = NEW.replace("3.5 million tons of", "3.5 million tons, up from 3.3 million tons, of")
    report = _check(make_engine, write, archive_db, explained)
    assert not [v for v in report.verdicts if v.rule == "XRF020"]
    engine = make_engine(extra=XREF, settings={"plugins": {"xref": {"archive": str(archive_db)}}})
    again = engine.check_file(str(tmp_path / "archive" / "old.md"))
    assert not [v for v in again.verdicts if v.rule.startswith("XRF02")]


def test_index_is_incremental(write, tmp_path, archive_db, capsys):
    folder = tmp_path / "archive"
    capsys.readouterr()
    assert main(["index", str(folder), "--archive", str(archive_db)]) == 0
    assert "0 added or updated, 1 unchanged" in capsys.readouterr().out
    path = folder / "old.md"
    os.utime(path, (1, 1))  # touched, same content: re-stamped, not re-read into the index
    assert main(["index", str(folder), "--archive", str(archive_db)]) == 0
    assert "0 added or updated, 1 unchanged" in capsys.readouterr().out
    path.write_text(OLD.replace("3.3 million", "3.4 million"), encoding="utf-8")
    write("archive/other.md", "---\ntitle: Other\n---\nA second story about 12 ships in the Black Sea.\n")
    assert main(["index", str(folder), "--archive", str(archive_db)]) == 0
    assert "2 added or updated, 0 unchanged" in capsys.readouterr().out
    archive = Archive(archive_db, readonly=True)
    texts = [r[0] for r in archive.db.execute("SELECT text FROM statements")]
    assert len(archive) == 2
    assert any("3.4 million" in t for t in texts) and not any("3.3 million" in t for t in texts)
    archive.close()


def test_helpers():
    assert shape("3.3 million tons, 4% in 2024") == "# million tons, #% in #"
    assert quote_text("“It’s ‘no’,” he said…") == "it's no he said"
    assert word_diff("a b c", "a x c") == "a [-b-] {+x+} c"


def test_a_quote_spanning_two_statements_is_stored_once():
    from factcheck_plugins.xref.archive_index import quotes_of

    from factcheck.engine.engine import Engine

    text = "“We will not back down. We will win this year,” Ana Ruiz, the mayor, said on Monday.\n"
    engine = Engine()
    report = engine.check_text(text, "a.txt")
    engine.close()
    article_quotes = quotes_of(report.attributions, text, report.statements)
    assert article_quotes
    for _, words in article_quotes:
        assert words.count("We will not back down") == 1
