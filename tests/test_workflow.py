"""Suppression, baselines, review decisions and --changed-since, end to end through the CLI."""

from __future__ import annotations

import json
import re
import subprocess

import pytest
import yaml

from factcheck.cli.commands import changed_since
from factcheck.cli.main import ExitCode, main
from factcheck.errors import ArticleError, ConfigError, UsageError
from factcheck.workflow.baseline import Baseline
from factcheck.workflow.review import Decisions

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


# --- inline directives that do not parse -----------------------------------------------------------


def test_a_malformed_directive_is_a_finding_and_suppresses_nothing(write, capsys):
    path = write(
        "story.md",
        "<!-- factcheck: ignore SRC003 reason=named -->\nCritics say the plan will fail.\n\n"
        "<!-- factcheck: ignore SRC003 reason='named as \"the critics\" in print' -->\n"
        "Experts say it will work.\n",
    )
    code, article = _report(capsys, str(path))
    by_line = {(v["line"], v["rule"]): v for v in article["verdicts"]}
    assert by_line[(2, "SRC003")]["suppressed"] is None
    assert "SRC003" in by_line[(1, "FC004")]["message"]
    assert by_line[(5, "SRC003")]["suppressed"] == 'inline: named as "the critics" in print'
    assert (4, "FC004") not in by_line
    assert code == ExitCode.FINDINGS


# --- baselines ------------------------------------------------------------------------------------


def test_first_baseline_can_be_created_when_the_config_names_it(write, tmp_path, capsys, monkeypatch):
    write("factcheck.toml", '[check]\nbaseline = "base.json"\n')
    write("story.md", "Critics say the plan will fail.\n")
    monkeypatch.chdir(tmp_path)
    assert main(["baseline", "story.md"]) == 0
    assert capsys.readouterr().out.rstrip().endswith("base.json")
    (counts,) = json.loads((tmp_path / "base.json").read_text())["articles"].values()
    assert list(counts.values()) == [1]
    code, article = _report(capsys, "story.md")
    assert [v["suppressed"] for v in article["verdicts"]] == ["baseline"]
    assert code == ExitCode.OK
    # Re-recording with the baseline in place records the findings again rather than skipping them.
    assert main(["baseline", "story.md"]) == 0
    assert "recorded 1 finding(s)" in capsys.readouterr().out


def test_rebaselining_a_subset_keeps_the_other_articles(write, tmp_path, capsys):
    a = write("a.md", "Critics say the plan will fail.\n")
    b = write("b.md", "Observers say nothing will change.\n")
    baseline = tmp_path / "baseline.json"
    assert main(["baseline", str(a), str(b), "--file", str(baseline)]) == 0
    assert sorted(json.loads(baseline.read_text())["articles"]) == ["a.md", "b.md"]
    a.write_text("Critics say the plan will fail.\n\nAnalysts say otherwise.\n")
    assert main(["baseline", str(a), "--file", str(baseline)]) == 0
    articles = json.loads(baseline.read_text())["articles"]
    assert sorted(articles) == ["a.md", "b.md"]
    assert sum(articles["a.md"].values()) == 2
    a.write_text("The council approved the budget on Monday.\n")
    assert main(["baseline", str(a), "--file", str(baseline)]) == 0
    assert "recorded 0 finding(s) from 1 article(s)" in capsys.readouterr().out
    assert list(json.loads(baseline.read_text())["articles"]) == ["b.md"], "no findings: key removed"


@pytest.mark.parametrize(
    ("content", "line", "expected"),
    [
        ('{"version": 1, "articles": []}', 1, "bad baseline entry 'articles'"),
        ('{\n  "version": 1,\n  "articles": {\n    "a.txt": [1, 2]\n  }\n}', 4, "'articles.a.txt'"),
        ('{\n  "version": 1,\n  "articles": {\n    "a.txt": {"abc": 0}\n  }\n}', 4, "'articles.a.txt.abc'"),
        ('{"a.txt": 5}', 1, "not a factcheck baseline"),
        ('{\n  "version": 2\n}', 2, "baseline version 2 is not supported"),
        ('{\n  "version": 1,\n  "extra": true\n}', 3, "unknown key 'extra'"),
        ('{"version": 1,\n "articles": {', 2, "not valid JSON"),
        ("[1, 2]", 1, "not a factcheck baseline"),
    ],
)
def test_a_corrupt_baseline_is_one_line_naming_file_and_line(
    write, tmp_path, capsys, content, line, expected
):
    article = write("a.txt", "Critics say the plan will fail.\n")
    baseline = write("base.json", content)
    assert main(["check", str(article), "--baseline", str(baseline)]) == ExitCode.INPUT_ERROR
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert err.startswith(f"{baseline}:{line}:") and expected in err, err
    with pytest.raises(ConfigError, match=re.escape(expected)):
        Baseline.load(baseline)


def test_load_optional_gives_an_empty_baseline_for_a_missing_file(tmp_path):
    assert Baseline.load_optional(tmp_path / "none.json").articles == {}
    with pytest.raises(ConfigError, match="not found"):
        Baseline.load(tmp_path / "none.json")
    (tmp_path / "bad.json").write_text("{}")
    with pytest.raises(ConfigError):
        Baseline.load_optional(tmp_path / "bad.json")


# --- review sidecars ------------------------------------------------------------------------------

GOOD_ENTRY = """\
  - fingerprint: 0123456789abcdef
    rule: SRC003
    line: 1
    decision: dismiss
    by: Ana
    at: 2024-05-01 10:00:00+00:00
    reason: named in print
"""


@pytest.mark.parametrize(
    ("content", "line", "expected"),
    [
        ("decisions: 5\n", 1, "'decisions'"),
        (
            "decisions:\n" + GOOD_ENTRY.replace("decision: dismiss", "decision: maybe"),
            5,
            "'decisions.0.decision'",
        ),
        (
            "decisions:\n" + GOOD_ENTRY + GOOD_ENTRY.replace("    by: Ana\n", ""),
            9,
            "'decisions.1.by' is missing",
        ),
        ("decisions:\n" + GOOD_ENTRY.replace("reason:", "reson:"), 8, "unknown key 'decisions.0.reson'"),
        ("- just a list\n", 1, "must be a mapping"),
        ("decisions: [\n", 2, "not valid YAML"),
    ],
)
def test_a_corrupt_review_file_is_one_line_naming_file_and_line(write, content, line, expected):
    article = write("story.md", "Critics say the plan will fail.\n")
    sidecar = write("story.md.factcheck-review.yaml", content)
    with pytest.raises(ArticleError) as caught:
        Decisions.for_article(str(article))
    message = caught.value.one_line()
    assert "\n" not in message
    assert message.startswith(f"{sidecar}:{line}:") and expected in message, message


def test_a_valid_review_file_loads(write):
    article = write("story.md", "Critics say the plan will fail.\n")
    write("story.md.factcheck-review.yaml", "# a comment\ndecisions:\n" + GOOD_ENTRY)
    decision = Decisions.for_article(str(article)).decision("0123456789abcdef")
    assert decision is not None and (decision.decision, decision.by) == ("dismiss", "Ana")
    write("story.md.factcheck-review.yaml", "")
    assert Decisions.for_article(str(article)).entries == {}


# --- --changed-since --------------------------------------------------------------------------------


def _repo(tmp_path, write, files):
    for name, text in files.items():
        write(name, text)
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "-c", "user.email=a@b", "-c", "user.name=n", "commit", "-qm", "init")


def test_changed_since_refuses_an_option_as_revision(tmp_path, write, capsys, monkeypatch):
    _repo(tmp_path, write, {"site/a.md": "Critics say so.\n"})
    monkeypatch.chdir(tmp_path)
    target = tmp_path / "pwned"
    assert main(["check", "site", f"--changed-since=--output={target}"]) == ExitCode.INPUT_ERROR
    assert not target.exists()
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "needs a git revision" in err
    with pytest.raises(UsageError):
        changed_since("-p", [str(tmp_path / "site")])


def test_changed_since_outside_a_repository_is_one_clear_line(tmp_path, write, capsys, monkeypatch):
    path = write("plain/a.md", "Critics say so.\n")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    assert main(["check", str(path), "--changed-since", "HEAD"]) == ExitCode.INPUT_ERROR
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "is not inside a git work tree" in err, err


def test_changed_since_runs_git_in_the_articles_repository(tmp_path, write, monkeypatch):
    _repo(tmp_path / "repo", write, {"repo/site/old.md": "x\n", "repo/site/été.md": "x\n"})
    write("repo/site/été.md", "changed\n")
    write("repo/site/new *.md", "new\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    changed = changed_since("HEAD", [str(tmp_path / "repo" / "site")])
    site = (tmp_path / "repo" / "site").resolve()
    assert changed == {str(site / "été.md"), str(site / "new *.md")}
    assert changed_since("HEAD", [str(site / "old.md")]) == {str(site / "été.md"), str(site / "new *.md")}
    with pytest.raises(UsageError, match="no such commit"):
        changed_since("no-such-ref", [str(site)])


def test_changed_since_handles_articles_in_two_repositories(tmp_path, write, monkeypatch):
    _repo(tmp_path / "one", write, {"one/a.md": "x\n"})
    _repo(tmp_path / "two", write, {"two/b.md": "x\n"})
    write("one/a.md", "changed\n")
    write("two/b.md", "changed\n")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    changed = changed_since("HEAD", [str(tmp_path / "one"), str(tmp_path / "two" / "b.md")])
    assert changed == {str((tmp_path / "one" / "a.md").resolve()), str((tmp_path / "two" / "b.md").resolve())}


def test_a_corrupt_review_file_is_reported_without_losing_the_findings(write, capsys):
    path = write("story.md", "Critics say the plan will fail.\n")
    sidecar = write("story.md.factcheck-review.yaml", "decisions: 5\n")
    main(["check", str(path), "-f", "json"])
    captured = capsys.readouterr()
    article = json.loads(captured.out)["articles"][0]
    assert [v["rule"] for v in article["verdicts"]] == ["SRC003"]
    assert captured.err.startswith(f"{sidecar}:1:") and captured.err.count("\n") == 1


def test_folders_skip_git_ignored_files_node_modules_and_excluded_patterns(tmp_path, monkeypatch):
    import subprocess

    from factcheck.workflow.paths import expand_paths

    site = tmp_path / "site"
    for name in ("a.md", "drafts/b.md", "node_modules/pkg/readme.md", "archive/old.html", "sub/c.txt"):
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text("Text.\n")
    (site / ".gitignore").write_text("drafts/\n")
    monkeypatch.chdir(tmp_path)
    exts = [".md", ".txt", ".html"]
    found = [
        str(p).removeprefix("site/")
        for p in expand_paths(["site"], exts, exclude=["node_modules/", "archive/"], root=site)
    ]
    assert found == ["a.md", "sub/c.txt"], "pathspec walk (not a git work tree)"
    subprocess.run(["git", "init", "-q"], cwd=site, check=True)
    found = [
        str(p).removeprefix("site/")
        for p in expand_paths(["site"], exts, exclude=["node_modules/", "archive/"], root=site)
    ]
    assert found == ["a.md", "sub/c.txt"], "git ls-files inside a work tree"
    assert list(expand_paths(["site/drafts/b.md"], exts)) == ["site/drafts/b.md"], "named files are checked"
    assert (
        list(
            expand_paths(["site/archive/old.html"], exts, exclude=["archive/"], root=site, force_exclude=True)
        )
        == []
    )
