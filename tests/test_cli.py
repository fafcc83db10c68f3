from __future__ import annotations

import json
import subprocess
import sys

import pytest

from factcheck.cli.main import ExitCode, main
from tests.conftest import EXAMPLE_ARTICLE, REPO_ROOT


def run_cli(*args: str, stdin: str | None = None, env: dict[str, str] | None = None):
    import os

    return subprocess.run(
        [sys.executable, "-m", "factcheck", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        env={**os.environ, "NO_COLOR": "1", **(env or {})},
        timeout=120,
    )


def test_check_example_prints_statements_verdicts_and_outcome(capsys):
    code = main(["check", str(EXAMPLE_ARTICLE), "--date", "2025-03-19", "--fail-on", "never"])
    out = capsys.readouterr().out
    assert code == ExitCode.OK
    assert "examples/ceasefire-call.txt" in out
    assert "1:1" in out and "cw=" in out
    assert "STY003" in out  # Russia‘s, with an opening quote as apostrophe
    assert "outcome:" in out and "Summary:" in out


def test_json_report_contract(capsys):
    main(["check", str(EXAMPLE_ARTICLE), "--format", "json", "--fail-on", "never"])
    report = json.loads(capsys.readouterr().out)
    assert report["schema_version"] == 1
    assert report["tool"]["name"] == "factcheck"
    (article,) = report["articles"]
    source = EXAMPLE_ARTICLE.read_text(encoding="utf-8")
    for statement in article["statements"]:
        assert source[statement["start"] : statement["end"]] == statement["text"]
        assert {"id", "line", "column", "kinds", "checkworthiness"} <= statement.keys()
    for verdict in article["verdicts"]:
        assert {
            "statement_id",
            "verifier",
            "rule",
            "status",
            "severity",
            "confidence",
            "message",
            "evidence",
        } <= verdict.keys()
    assert article["outcome"]["status"]
    assert report["summary"]["articles"] == 1


def test_exit_code_follows_fail_on(write):
    path = write("story.md", "Critics say the plan will fail.\n")
    assert main(["check", str(path), "--fail-on", "warning"]) == ExitCode.FINDINGS
    assert main(["check", str(path), "--fail-on", "error"]) == ExitCode.OK
    assert main(["check", str(path), "--fail-on", "warning", "--ignore", "SRC"]) == ExitCode.OK


def test_bad_input_is_one_line_exit_2_and_others_still_checked(write, capsys):
    bad = write("bad.txt", b"\xff\xfe broken")
    good = write("good.txt", "Critics say it is fine.\n")
    code = main(["check", str(bad), str(good), "missing.txt", "--format", "json"])
    captured = capsys.readouterr()
    assert code == ExitCode.INPUT_ERROR
    errors = captured.err.strip().splitlines()
    assert errors == [
        f"{bad}:1:1: not valid UTF-8 (byte 0xff); save the file as UTF-8",
        "missing.txt:1:1: no such file or directory",
    ]
    report = json.loads(captured.out)
    assert [a["path"] for a in report["articles"]] == [str(bad), str(good), "missing.txt"]
    assert report["articles"][1]["verdicts"], "the good article was still checked"
    assert "Traceback" not in captured.err


def test_bad_config_is_one_line_exit_2(write, capsys):
    config = write("factcheck.toml", "[check]\nfail_on = 'loud'\n")
    article = write("a.txt", "Text.\n")
    assert main(["check", str(article), "--config", str(config)]) == ExitCode.INPUT_ERROR
    assert (
        capsys.readouterr().err.strip()
        == f"{config}:2:1: bad value for 'check.fail_on': "
        + "Input should be 'info', 'warning', 'error' or 'never'"
    )


def test_unknown_format_and_bad_date_are_usage_errors(write, capsys):
    article = write("a.txt", "Text.\n")
    assert main(["check", str(article), "--format", "pdf"]) == ExitCode.INPUT_ERROR
    assert "unknown format 'pdf'; choose from:" in capsys.readouterr().err
    assert main(["check", str(article), "--date", "19/03/2025"]) == ExitCode.INPUT_ERROR
    assert "--date 19/03/2025: Input should be a valid date" in capsys.readouterr().err


def test_directory_recursion_and_stdin(write, tmp_path):
    write("articles/one.md", "Critics say one.\n")
    write("articles/deep/two.html", "<p>Critics say two.</p>")
    write("articles/notes.csv", "not an article")
    result = run_cli(
        "check", str(tmp_path / "articles"), "-", "--format", "json", stdin="Critics say three.\n"
    )
    report = json.loads(result.stdout)
    paths = [a["path"] for a in report["articles"]]
    assert paths == [str(tmp_path / "articles/deep/two.html"), str(tmp_path / "articles/one.md"), "-"]
    assert all(a["verdicts"] for a in report["articles"])


def test_output_file_is_written(tmp_path):
    target = tmp_path / "out" / "report.json"
    assert main(["check", str(EXAMPLE_ARTICLE), "-f", "json", "-o", str(target), "--fail-on", "never"]) == 0
    assert json.loads(target.read_text())["summary"]["articles"] == 1
    assert [p.name for p in target.parent.iterdir()] == ["report.json"]


def test_block_plugin_with_p_no(write, capsys):
    path = write("a.txt", "Critics say the minister admitted it.\n")
    main(["check", str(path), "-f", "json"])
    rules = {v["rule"] for v in json.loads(capsys.readouterr().out)["articles"][0]["verdicts"]}
    assert {"SRC003", "STY004"} <= rules
    main(["check", str(path), "-p", "no:phrases", "-p", "no:attribution", "-f", "json"])
    report = json.loads(capsys.readouterr().out)
    assert not report["articles"][0]["verdicts"]
    assert main(["check", str(path), "-p", "phrases"]) == ExitCode.INPUT_ERROR


def test_plugins_rules_rule_and_schema_commands(capsys):
    assert main(["plugins"]) == 0
    out = capsys.readouterr().out
    for name in ("loaders", "statements", "annotations", "phrases", "combine", "render_text", "render_json"):
        assert name in out
    assert "SRC003" in out
    assert main(["rules"]) == 0
    listed = capsys.readouterr().out
    assert "SRC003  weak-attribution" in listed and "STY001  weasel-attribution" in listed
    assert main(["rule", "sty001"]) == 0  # opt-in rules are explained too
    explained = capsys.readouterr().out
    flagged, not_flagged = explained.split("Flagged:")[1].split("Not flagged:")
    assert "Analysts noted that even a limited ceasefire" in flagged
    assert "Tatiana Stanovaya, a political analyst" in not_flagged
    assert main(["rule", "NOPE999"]) == ExitCode.INPUT_ERROR
    capsys.readouterr()
    assert main(["schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    assert schema["title"] == "Report"
    assert "articles" in schema["properties"]


def test_jobs_give_the_same_report_in_the_same_order(tmp_path, write):
    for index in range(6):
        write(f"batch/{index}.txt", f"Article {index}. Critics say {index} things.\n")
    serial = run_cli("check", str(tmp_path / "batch"), "-f", "json")
    parallel = run_cli("check", str(tmp_path / "batch"), "-f", "json", "--jobs", "2")
    assert parallel.returncode == serial.returncode == 0
    assert json.loads(parallel.stdout)["articles"] == json.loads(serial.stdout)["articles"]


def test_version_and_no_command():
    result = run_cli("--version")
    assert result.stdout.startswith("factcheck ")
    assert run_cli().returncode == ExitCode.INPUT_ERROR


@pytest.mark.parametrize("flag", ["--fail-on", "--format"])
def test_missing_option_value_is_usage_error(flag):
    result = run_cli("check", str(EXAMPLE_ARTICLE), flag)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr


def test_impossible_front_matter_date_is_an_input_error_at_its_line(write, capsys):
    path = write("story.md", "---\ntitle: A story\ndate: 2025-13-45\n---\nBody text.\n")
    assert main(["check", str(path)]) == ExitCode.INPUT_ERROR
    err = capsys.readouterr().err.strip()
    assert err.startswith(f"{path}:3:1: invalid date in YAML front matter")


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--jobs", "0", "--jobs 0: Input should be greater than or equal to 1"),
        ("--timeout", "nan", "--timeout nan: Input should be a finite number"),
        ("--timeout", "-1", "--timeout -1.0: Input should be greater than 0"),
        ("--select", "ZZZ", "'ZZZ' matches no rule"),
    ],
)
def test_bad_option_values_are_one_line_usage_errors(option, value, message, capsys):
    assert main(["check", str(EXAMPLE_ARTICLE), option, value]) == ExitCode.INPUT_ERROR
    err = capsys.readouterr().err.strip()
    assert message in err and len(err.splitlines()) == 1


def test_yaml_alias_bomb_and_recursion_are_input_errors(write, capsys):
    laughs = (
        "---\na: &a [x, x, x, x, x, x, x, x, x, x]\n"
        + "".join(
            f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n" for i in range(12)
        )
        + "---\nBody.\n"
    )
    bomb = write("bomb.md", laughs)
    loop = write("loop.md", "---\ntitle: &a [*a]\n---\nBody.\n")
    assert main(["check", str(bomb), str(loop)]) == ExitCode.INPUT_ERROR
    lines = capsys.readouterr().err.strip().splitlines()
    # the first node whose expansion alone is over the budget: "e: &e [*d, ...]", line 6, column 4
    assert lines[0].startswith(f"{bomb}:6:4: YAML front matter expands to more than 50000 nodes")
    assert lines[1].startswith(f"{loop}:2:")
    assert "refers to itself" in lines[1]
    assert "internal error" not in lines[1]


def test_blocking_an_unknown_plugin_warns(write, capsys):
    main(["check", str(write("a.txt", "Text.\n")), "-p", "no:numerc"])
    assert "-p no:numerc blocks nothing" in capsys.readouterr().err
