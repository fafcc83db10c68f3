from __future__ import annotations

import io

from factcheck.cli.progress import with_progress
from factcheck.model.report import ArticleOutcome, ArticleReport, Status


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _reports(count: int) -> list[ArticleReport]:
    outcome = ArticleOutcome(status=Status.UNVERIFIED)
    return [ArticleReport(path=f"story-{i}.md", outcome=outcome) for i in range(count)]


def test_progress_is_drawn_on_a_terminal_and_cleared():
    terminal = _Terminal()
    passed = list(with_progress(_reports(6), 6, terminal, every=0))
    assert [r.path for r in passed] == [f"story-{i}.md" for i in range(6)]
    drawn = terminal.getvalue()
    assert "1/6" in drawn and "6/6" in drawn and "story-5.md" in drawn
    assert drawn.endswith("\x1b[2K"), "the bar is removed at the end"


def test_no_progress_when_piped_or_for_small_batches():
    piped = io.StringIO()
    assert len(list(with_progress(_reports(50), 50, piped, every=0))) == 50
    assert piped.getvalue() == ""
    terminal = _Terminal()
    list(with_progress(_reports(3), 3, terminal, every=0))
    assert terminal.getvalue() == ""
    list(with_progress(_reports(9), 9, terminal, every=0, enabled=False))
    assert terminal.getvalue() == "", "--quiet"
