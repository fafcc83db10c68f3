from __future__ import annotations

import io

from factcheck.config.settings import Config
from factcheck.engine.batch import RunStream
from factcheck.model.article import Statement
from factcheck.model.report import ArticleOutcome, ArticleReport, Severity, Status, ToolInfo, Verdict
from factcheck.reports.text import TextRenderer
from factcheck.rules.packs import RuleSet


def _report() -> ArticleReport:
    statement = Statement(
        id="S1",
        start=0,
        end=21,
        text="Sales rose 5% to 10.",
        line=1,
        column=1,
        kinds=("quantity",),
        checkworthiness=0.9,
    )
    verdict = Verdict(
        statement_id="S1",
        verifier="numeric",
        rule="NUM001",
        status=Status.REFUTED,
        severity=Severity.ERROR,
        message="5% of 10 is not what was written",
        line=1,
        column=7,
        suppressed="dismissed by Ana",
    )
    outcome = ArticleOutcome(status=Status.REFUTED, counts={"refuted": 1}, failing=0)
    return ArticleReport(
        path="story.md",
        title="Sales",
        statements=(statement,),
        verdicts=(verdict,),
        outcome=outcome,
        skipped_checks=("wikidata: offline",),
    )


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _render(out: io.StringIO) -> str:
    stream = RunStream([_report()], ToolInfo(version="0"), Config(), RuleSet())
    TextRenderer().render(stream, out)
    return out.getvalue()


def test_text_report_lists_statement_verdict_suppression_skips_and_outcome(monkeypatch):
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    text = _render(io.StringIO())
    assert "story.md — Sales" in text
    assert "1:1  S1    cw=0.90 [quantity] Sales rose 5% to 10." in text
    assert "✗ refuted NUM001 error [dismissed by Ana]" in text and "(numeric, 1:7)" in text
    assert "skipped: wikidata: offline" in text
    assert "outcome: ✗ refuted" in text
    assert "\x1b[" not in text, "no colour when not a terminal"


def test_colour_on_a_terminal_unless_no_color(monkeypatch):
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FACTCHECK_NO_COLOR", raising=False)
    assert "\x1b[31m" in _render(_Terminal())
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in _render(_Terminal())


def test_counts_are_labelled_and_attributions_marked_stated_or_inferred(monkeypatch):
    from factcheck.model.article import Attribution
    from tests.test_render_samples import render, rich_report

    report = rich_report()
    she = report.source.index("she said") if report.source else 0
    guessed = Attribution(
        start=she - 14, end=she - 2, speaker="The minister", cue="said", direct=True, resolved_by="pronoun"
    )
    report = report.model_copy(update={"attributions": (*report.attributions, guessed)})
    text = render("text", [report])
    assert "attributions (3; 2 speaker(s) inferred, check those first):" in text
    assert "→ The minister (claimed)  [stated]" in text
    assert "→ The minister (said)  [inferred: from a pronoun]" in text
    assert "[inferred: no speaker found]" in text
    summary = text.strip().splitlines()[-1]
    assert summary.startswith("Summary: 1 article · 5 statements · ")
    assert "findings (" in summary and "supported" in summary and "failing at 'error'" in summary


def test_color_option_and_quiet(monkeypatch):
    import argparse

    monkeypatch.delenv("NO_COLOR", raising=False)
    config = Config()
    config.options = argparse.Namespace(color="always", quiet=True)
    out = io.StringIO()
    TextRenderer().render(RunStream([_report()], ToolInfo(version="0"), config, RuleSet()), out)
    assert "\x1b[" in out.getvalue() and "Summary" not in out.getvalue()
    config.options = argparse.Namespace(color="never", quiet=False)
    out = _Terminal()
    TextRenderer().render(RunStream([_report()], ToolInfo(version="0"), config, RuleSet()), out)
    assert "\x1b[" not in out.getvalue() and "Summary" in out.getvalue()
