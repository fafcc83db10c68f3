"""SARIF 2.1.0: validated against the official schema, with regions, fingerprints, suppressions."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from factcheck.model.article import Statement
from factcheck.model.report import ArticleOutcome, ArticleReport, Status
from factcheck.reports.sarif import Locator, artifact_uri
from tests.test_render_samples import example_report, problem_report, registry, render, rich_report

#: The official SARIF 2.1.0 schema (OASIS, sarif-spec commit e0583813), vendored for the tests.
SCHEMA = Path(__file__).with_name("data") / "sarif-2.1.0.json"


@cache
def validator() -> jsonschema.Draft7Validator:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    return jsonschema.Draft7Validator(schema)


def sarif(*reports: ArticleReport) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(render("sarif", reports))
    validator().validate(document)
    return document


def test_example_article_validates_and_rules_come_from_metadata() -> None:
    run = sarif(example_report())["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    codes = [rule["id"] for rule in rules]
    known = {rule.code: rule for rule in registry().rules}
    assert set(known) <= set(codes)
    for descriptor in rules:
        rule = known[descriptor["id"]]
        assert descriptor["fullDescription"]["text"] == rule.description.strip()
        assert descriptor["name"] == rule.name
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["partialFingerprints"]["factcheck/v1"]
    assert run["columnKind"] == "unicodeCodePoints"
    assert run["invocations"][0]["executionSuccessful"] is True


def test_results_regions_levels_and_suppressions() -> None:
    report = rich_report()
    run = sarif(report)["runs"][0]
    by_rule = {r["ruleId"]: r for r in run["results"]}
    assert "NUM002" not in by_rule, "supported verdicts are not findings"
    assert set(by_rule) == {"STY002", "NUM001", "NUM003", "STY001", "QUO001"}
    refuted = by_rule["NUM001"]
    assert (refuted["level"], refuted["kind"]) == ("error", "fail")
    region = refuted["locations"][0]["physicalLocation"]["region"]
    assert report.source is not None
    start = report.source.index("3.5 percent")
    assert region == {
        "startLine": 2,
        "startColumn": 43,
        "endLine": 2,
        "endColumn": 54,
        "charOffset": start,
        "charLength": 11,
    }
    wrapped = by_rule["NUM003"]["locations"][0]["physicalLocation"]["region"]
    assert (wrapped["startLine"], wrapped["startColumn"], wrapped["endLine"], wrapped["endColumn"]) == (
        3,
        1,
        4,
        9,
    )  # "not 3.5." ends before column 9
    # SARIF §3.27.10: a result whose kind is not "fail" has level "none"; the severity stays.
    assert by_rule["STY002"]["level"] == "none" and by_rule["STY002"]["kind"] == "review"
    assert by_rule["STY002"]["properties"]["severity"] == "warning"
    assert by_rule["QUO001"]["level"] == "none" and by_rule["QUO001"]["kind"] == "open"
    assert by_rule["STY001"]["suppressions"] == [
        {"kind": "external", "status": "accepted", "justification": "baseline"}
    ]
    assert by_rule["STY001"]["baselineState"] == "unchanged"
    assert by_rule["QUO001"]["suppressions"][0]["justification"] == "dismissed"
    assert "suppressions" not in refuted
    assert refuted["properties"]["sources"][0]["url"] == "https://example.org/stats?a=1&b=2"
    related = by_rule["STY002"]["relatedLocations"][0]["physicalLocation"]["region"]
    assert related["startLine"] == 1 and related["charLength"] == len("Officials said")
    location = refuted["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "news/hostile%2C%20story%3A1.md", "uriBaseId": "%SRCROOT%"}


def test_unknown_rule_gets_a_descriptor_and_a_valid_index() -> None:
    run = sarif(rich_report())["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    assert len({rule["id"] for rule in rules}) == len(rules)


def test_input_problems_are_tool_notifications() -> None:
    run = sarif(problem_report(), rich_report())["runs"][0]
    invocation = run["invocations"][0]
    assert invocation["executionSuccessful"] is False
    [note] = invocation["toolExecutionNotifications"]
    assert note["level"] == "error" and "UTF-8" in note["message"]["text"]
    assert note["locations"][0]["physicalLocation"]["region"] == {"startLine": 3, "startColumn": 7}
    assert all(
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] != "broken.txt"
        for r in run["results"]
    )


def test_regions_without_the_source_match_those_with_it() -> None:
    with_source = sarif(rich_report())["runs"][0]["results"]
    without = sarif(rich_report(keep_source=False))["runs"][0]["results"]
    assert [r["locations"] for r in with_source] == [r["locations"] for r in without]


def test_empty_run_is_valid() -> None:
    document = sarif()
    assert document["runs"][0]["results"] == []


def test_absolute_paths_become_file_uris() -> None:
    assert artifact_uri("/tmp/a b.txt") == "file:///tmp/a%20b.txt"
    assert artifact_uri("dir/x.md") == "dir/x.md"


@settings(max_examples=150, deadline=None)
@given(text=st.text(alphabet=st.sampled_from("ab \n\r\u2028é😀"), max_size=60), data=st.data())
def test_locator_fallback_agrees_with_exact_positions(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    assume(text[start - 1 : start + 1] != "\r\n")  # a statement never starts inside a line break
    end = data.draw(st.integers(start, len(text)))
    lines = re.split(r"\r\n|\r|\n", text[:start])  # a line break as the loaders count it
    line, column = len(lines), len(lines[-1]) + 1
    statement = Statement(id="S1", start=start, end=end, text=text[start:end], line=line, column=column)
    outcome = ArticleOutcome(status=Status.UNVERIFIED)
    exact = Locator(ArticleReport(path="x", outcome=outcome, statements=(statement,), source=text))
    fallback = Locator(ArticleReport(path="x", outcome=outcome, statements=(statement,)))
    breaks = len(re.findall(r"\r\n|\r|\n", text))
    for offset in range(start, end + 1):
        if text[offset - 1 : offset + 1] == "\r\n":
            continue  # between the two characters of one line break: no finding starts there
        position = exact.position(offset)
        assert position is not None
        assert position == fallback.position(offset, statement)
        line_no, col = position
        assert 1 <= line_no <= breaks + 1 and col >= 1


def _results(*reports: ArticleReport) -> list[dict[str, Any]]:
    results: list[dict[str, Any]] = sarif(*reports)["runs"][0]["results"]
    return results


def test_level_is_none_unless_kind_is_fail() -> None:
    results = _results(rich_report(), example_report())
    assert results
    for result in results:
        assert (result["kind"] == "fail") == (result["level"] != "none"), result


def test_inline_suppressions_are_in_source() -> None:
    report = rich_report()
    verdicts = list(report.verdicts)
    verdicts[0] = verdicts[0].model_copy(update={"suppressed": "inline: named in print"})
    [result] = [
        r
        for r in _results(report.model_copy(update={"verdicts": tuple(verdicts)}))
        if r.get("suppressions") and r["suppressions"][0]["justification"].startswith("inline")
    ]
    assert result["suppressions"][0]["kind"] == "inSource"


def test_every_rule_has_a_help_uri_to_its_section_of_the_rules_doc() -> None:
    rules = sarif(example_report())["runs"][0]["tool"]["driver"]["rules"]
    doc = (Path(__file__).resolve().parent.parent / "docs" / "rules.md").read_text(encoding="utf-8")
    for rule in rules:
        if rule["id"] in doc:
            assert rule["helpUri"].endswith(f"/docs/rules.md#{rule['id'].lower()}"), rule
            assert f"## {rule['id']}\n" in doc


def test_uris_do_not_depend_on_the_working_folder(tmp_path, monkeypatch) -> None:
    """The same file gives the same URI from the repository root, a subfolder, or by absolute
    path; the root is declared in originalUriBaseIds."""
    repo = tmp_path / "newsroom"
    (repo / ".git").mkdir(parents=True)
    (repo / "articles").mkdir()
    report = rich_report()
    seen = []
    for cwd, path in [
        (repo, "articles/story.md"),
        (repo / "articles", "story.md"),
        (tmp_path, str(repo / "articles" / "story.md")),
    ]:
        monkeypatch.chdir(cwd if cwd != tmp_path else repo / "articles")
        run = sarif(report.model_copy(update={"path": path}))["runs"][0]
        location = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
        seen.append(location)
        assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == repo.as_uri() + "/"
    assert seen == [{"uri": "articles/story.md", "uriBaseId": "%SRCROOT%"}] * 3


def test_stdin_without_a_name_has_no_uri() -> None:
    run = sarif(rich_report().model_copy(update={"path": "-"}))["runs"][0]
    location = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert "uri" not in location and "stdin-filename" in location["description"]["text"]


def test_sarif_tools_reads_the_log(tmp_path) -> None:
    """sarif-tools (Microsoft's SARIF CLI/library) loads the log and counts what we wrote."""
    sarif_file = pytest.importorskip("sarif.loader", reason="sarif-tools is in the dev extras")
    path = tmp_path / "factcheck.sarif"
    document = sarif(rich_report(), example_report())
    path.write_text(json.dumps(document), encoding="utf-8")
    loaded = sarif_file.load_sarif_file(str(path))
    records = loaded.get_records()
    assert len(records) == len(document["runs"][0]["results"])
    assert {r["Code"].split()[0] for r in records} >= {"NUM001", "STY002"}
