"""Atomic writes: the right contents, the right mode, nothing left behind; output-path checks."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from factcheck.errors import UsageError
from factcheck.workflow.atomic import atomic_writer, check_output_path, current_umask, write_text_atomic

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask_022():
    old = os.umask(0o022)
    yield
    os.umask(old)


@posix_only
def test_new_file_gets_the_mode_open_would_give_not_0600(tmp_path, umask_022):
    target = tmp_path / "report.json"
    write_text_atomic(target, "{}\n")
    assert target.read_text() == "{}\n"
    assert _mode(target) == 0o644


@posix_only
def test_umask_is_honoured(tmp_path):
    old = os.umask(0o077)
    try:
        assert current_umask() == 0o077
        write_text_atomic(tmp_path / "private.json", "x")
    finally:
        os.umask(old)
    assert _mode(tmp_path / "private.json") == 0o600


@posix_only
def test_replacing_a_file_keeps_its_mode(tmp_path, umask_022):
    target = tmp_path / "baseline.json"
    target.write_text("old")
    target.chmod(0o664)
    write_text_atomic(target, "new")
    assert target.read_text() == "new"
    assert _mode(target) == 0o664


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("old")
    with pytest.raises(RuntimeError), atomic_writer(target) as handle:
        handle.write("half")
        raise RuntimeError("boom")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.txt"]


def test_parents_are_created(tmp_path):
    target = tmp_path / "a" / "b" / "out.txt"
    write_text_atomic(target, "x")
    assert target.read_text() == "x"


@posix_only
def test_a_symlink_is_written_through(tmp_path):
    real = tmp_path / "shared" / "report.txt"
    real.parent.mkdir()
    real.write_text("old")
    link = tmp_path / "report.txt"
    link.symlink_to(real)
    write_text_atomic(link, "new")
    assert link.is_symlink()
    assert real.read_text() == "new"


def test_output_path_refuses_a_directory(tmp_path):
    with pytest.raises(UsageError, match="is a directory"):
        check_output_path(str(tmp_path), [])


def test_output_path_refuses_an_input_file_however_it_is_spelled(tmp_path, monkeypatch):
    article = tmp_path / "story.md"
    article.write_text("Text.\n")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(UsageError, match="one of the articles"):
        check_output_path("./story.md", [str(article)])
    with pytest.raises(UsageError, match="one of the articles"):
        check_output_path(str(article), ["-", "story.md"])


@posix_only
def test_output_path_refuses_a_hard_link_to_an_input(tmp_path):
    article = tmp_path / "story.md"
    article.write_text("Text.\n")
    os.link(article, tmp_path / "alias.md")
    with pytest.raises(UsageError, match="one of the articles"):
        check_output_path(str(tmp_path / "alias.md"), [str(article)])


def test_output_path_refuses_a_path_below_a_file(tmp_path):
    (tmp_path / "story.md").write_text("Text.\n")
    with pytest.raises(UsageError, match="is not a folder"):
        check_output_path(str(tmp_path / "story.md" / "out.json"), [])


def test_output_path_accepts_new_files_existing_reports_and_missing_folders(tmp_path):
    article = tmp_path / "story.md"
    article.write_text("Text.\n")
    (tmp_path / "old.json").write_text("{}")
    check_output_path(str(tmp_path / "old.json"), [str(article), str(tmp_path)])
    check_output_path(str(tmp_path / "new" / "deeper" / "r.json"), [str(article)])
