"""Suppression, baselines, review decisions and --changed-since, end to end through the CLI."""

from __future__ import annotations

import json
import subprocess

import yaml

from factcheck.cli import ExitCode, main

STORY = """Critics say the scheme will fail.

<!-- factcheck: ignore SRC003 reason="the critics are named in the next paragraph" -->
Experts say the scheme is sound.

<!-- factcheck: ignore SRC003 -->
Observers say nothing will change.

<!-- factcheck: disable SRC002 reason="anonymity approved by the desk" -->
A senior official said the deal was close. People familiar with the matter agreed.
<!-- factcheck: enable SRC002 -->
Sources close to the talks disagreed.
"""


def _report(capsys, *args):
    code = main(["check", *args, "-f", "json", "--fail-on", "warning"])
    return code, json.loads(capsys.readouterr().out)["articles"][0]


def test_inline_suppressions_need_reasons_and_cover_their_scope(write, capsys):
    path = write("story.md", STORY)
    code, article = _report(capsys, str(path))
    by_line = {(v["line"], v["rule"]): v for v in article["verdicts"]}
    assert by_line[(1, "SRC003")]["suppressed"] is None
    assert by_line[(4, "SRC003")]["suppressed"] == "inline: the critics are named in the next paragraph"
    assert by_line[(7, "SRC003")]["suppressed"] is None, "no reason given: nothing suppressed"
    assert by_line[(6, "FC004")]["status"] == "needs_review"
    assert by_line[(10, "SRC002")]["suppressed"].startswith("inline: anonymity approved")
    assert by_line[(12, "SRC002")]["suppressed"] is None, "after enable the rule is back"
    assert not any("factcheck:" in s["text"] for s in article["statements"])
    assert code == ExitCode.FINDINGS


def test_baseline_reports_only_new_findings_and_survives_edits_elsewhere(write, tmp_path, capsys):
    path = write("story.md", "Critics say the plan will fail.\n")
    baseline = tmp_path / "baseline.json"
    assert main(["baseline", str(path), "--file", str(baseline)]) == 0
    assert "recorded 1 finding(s)" in capsys.readouterr().out
    saved = json.loads(baseline.read_text())
    assert list(saved["articles"]) == ["story.md"]
    path.write_text(
        "A new opening paragraph.\n\nCritics say the plan will fail.\n\nAnalysts say otherwise.\n"
    )
    code, article = _report(capsys, str(path), "--baseline", str(baseline))
    states = {v["rule"] + ":" + str(v["line"]): v["suppressed"] for v in article["verdicts"]}
    assert states == {"SRC003:3": "baseline", "SRC003:5": None}
    assert code == ExitCode.FINDINGS
    assert article["outcome"]["failing"] == 1


def test_review_dismiss_persists_and_reopens_when_the_statement_changes(write, capsys):
    path = write("story.md", "Intro.\n\nCritics say the plan will fail.\n")
    assert (
        main(["review", "dismiss", str(path), "3:SRC003", "--reason", "named in print", "--by", "Ana"]) == 0
    )
    sidecar = path.parent / "story.md.factcheck-review.yaml"
    entry = yaml.safe_load(sidecar.read_text())["decisions"][0]
    assert (entry["rule"], entry["decision"], entry["by"]) == ("SRC003", "dismiss", "Ana")
    capsys.readouterr()
    code, article = _report(capsys, str(path))
    (verdict,) = [v for v in article["verdicts"] if v["rule"] == "SRC003"]
    assert verdict["suppressed"] == "dismissed by Ana"
    assert verdict["decision"]["reason"] == "named in print"
    assert code == ExitCode.OK
    path.write_text("A longer intro now.\n\nCritics say the plan will fail.\n")
    assert _report(capsys, str(path))[1]["verdicts"][0]["suppressed"] == "dismissed by Ana"
    path.write_text("Intro.\n\nCritics say the plan will fail badly.\n")
    code, article = _report(capsys, str(path))
    assert article["verdicts"][0]["suppressed"] is None
    assert code == ExitCode.FINDINGS
    assert main(["review", "list", str(path)]) == 0
    assert "reopened (statement changed): SRC003 dismiss by Ana" in capsys.readouterr().out


def test_review_needs_reason_and_by_and_an_existing_finding(write, capsys):
    path = write("story.md", "Critics say so.\n")
    assert main(["review", "accept", str(path), "1:SRC003"]) == ExitCode.INPUT_ERROR
    assert (
        main(["review", "accept", str(path), "9:SRC003", "--reason", "r", "--by", "b"])
        == ExitCode.INPUT_ERROR
    )
    assert "no finding '9:SRC003'" in capsys.readouterr().err


def _git(cwd, *args):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


def test_changed_since_checks_only_changed_articles(tmp_path, write, capsys, monkeypatch):
    write("site/old.md", "Critics say old things.\n")
    write("site/edited.md", "Critics say edited things.\n")
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "-c", "user.email=a@b", "-c", "user.name=n", "add", ".")
    _git(tmp_path, "-c", "user.email=a@b", "-c", "user.name=n", "commit", "-qm", "init")
    write("site/edited.md", "Critics say newly edited things.\n")
    write("site/new.md", "Critics say new things.\n")
    monkeypatch.chdir(tmp_path)
    assert main(["check", "site", "--changed-since", "HEAD", "-f", "json"]) == 0
    paths = [a["path"] for a in json.loads(capsys.readouterr().out)["articles"]]
    assert paths == ["site/edited.md", "site/new.md"]
    assert main(["check", "site", "--changed-since", "no-such-ref"]) == ExitCode.INPUT_ERROR
    assert "--changed-since no-such-ref" in capsys.readouterr().err
