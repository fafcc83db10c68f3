"""GitHub Actions annotations: one escaped workflow command per live finding."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from factcheck.reports.common import escape_controls
from factcheck.reports.github import command, escape_data, escape_property
from tests.test_render_samples import example_report, problem_report, render, rich_report

COMMAND = re.compile(r"^::(error|warning|notice) ([^:]*)::(.*)$")


def parse(line: str) -> tuple[str, dict[str, str], str]:
    match = COMMAND.match(line)
    assert match, line
    props = dict(part.split("=", 1) for part in match.group(2).split(","))
    return match.group(1), props, match.group(3)


def unescape(text: str) -> str:
    for code, char in (("%0D", "\r"), ("%0A", "\n"), ("%3A", ":"), ("%2C", ","), ("%25", "%")):
        text = text.replace(code, char)
    return text


def test_live_findings_become_annotations_with_positions() -> None:
    lines = render("github", [rich_report(), problem_report()]).splitlines()
    commands = [parse(line) for line in lines if line.startswith("::")]
    assert lines[-1].startswith("factcheck: 2 articles · ")
    kinds = [(kind, props["title"]) for kind, props, _ in commands]
    assert kinds == [
        ("warning", "STY002 anonymous-source"),
        ("error", "NUM001 percent-change-mismatch"),
        ("error", "NUM003 multiple-mismatch"),
        ("error", "factcheck%3A input problem"),
    ], "supported and suppressed verdicts are left out; severity picks the command"
    _, props, message = commands[1]
    assert props == {
        "file": "news/hostile%2C story%3A1.md",
        "line": "2",
        "col": "43",
        "endLine": "2",
        "endColumn": "54",
        "title": "NUM001 percent-change-mismatch",
    }
    assert unescape(props["file"]) == "news/hostile, story:1.md"
    _, wrapped, message = commands[2]
    assert wrapped["line"] == "3" and wrapped["endLine"] == "4" and "endColumn" not in wrapped
    assert message == "verifier numbers failed: ValueError%0Abad input"
    assert commands[0][2].endswith("| 100%25")


def test_example_article_annotations_point_into_the_file() -> None:
    report = example_report()
    assert report.source is not None
    lines = report.source.split("\n")
    for line in render("github", [report]).splitlines()[:-1]:
        _, props, _ = parse(line)
        assert 1 <= int(props["line"]) <= len(lines)
        assert 1 <= int(props["col"]) <= len(lines[int(props["line"]) - 1]) + 1


@given(st.text(max_size=80))
def test_escaping_round_trips_and_cannot_break_the_command(text: str) -> None:
    data = escape_data(text)
    prop = escape_property(text)
    assert "\n" not in data and "\r" not in data
    assert not set(prop) & {"\n", "\r", ",", ":"}
    assert unescape(data) == text and unescape(prop) == text
    kind, props, message = parse(command("notice", text, file=text, line=1))
    assert kind == "notice" and unescape(props["file"]) == text
    shown = unescape(message)
    plain = text.replace("\r", "").replace("\n", "")
    if escape_controls(plain) == plain:  # nothing a terminal would obey: the message is exact
        assert shown == text
    else:  # control characters reach the log as visible escapes, never raw
        assert escape_controls(shown.replace("\r", "").replace("\n", "")) == shown.replace("\r", "").replace(
            "\n", ""
        )
