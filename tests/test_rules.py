from __future__ import annotations

import pytest

from factcheck.errors import RuleFileError
from factcheck.rules.packs import (
    CORE_RULE_TYPES,
    Lexicon,
    RuleSet,
    VerifierRule,
    load_rule_file,
    load_rule_paths,
)

RULE = """
code = "ABC001"
name = "an-example"
extends = "verifier"
message = "found {thing}"
description = "Why it matters."
"""


def test_rule_file_loads_with_source(write):
    path = write("ABC001-an-example.toml", RULE)
    rule = load_rule_file(path, CORE_RULE_TYPES)
    assert isinstance(rule, VerifierRule)
    assert rule.source == str(path)
    assert rule.prefix == "ABC"
    assert rule.format_message(thing="a comma") == "found a comma"
    assert rule.format_message() == "found {thing}"


def test_unknown_extends_lists_valid_types_at_its_line(write):
    path = write("r.toml", RULE.replace('extends = "verifier"', 'extends = "exsitence"'))
    with pytest.raises(RuleFileError) as caught:
        load_rule_file(path, CORE_RULE_TYPES)
    assert caught.value.line == 4
    assert "boilerplate, verifier" in caught.value.message


def test_unknown_key_is_an_error(write):
    path = write("r.toml", RULE + 'levle = "error"\n')
    with pytest.raises(RuleFileError, match="unknown key 'levle'"):
        load_rule_file(path, CORE_RULE_TYPES)


@pytest.mark.parametrize("code", ["NUM01", "num001", "ABCD001", "NUM0001"])
def test_bad_codes_are_rejected(write, code):
    path = write("r.toml", RULE.replace("ABC001", code))
    with pytest.raises(RuleFileError, match="code"):
        load_rule_file(path, CORE_RULE_TYPES)


def test_boilerplate_rule_rejects_patterns_the_linear_engine_cannot_run(write):
    text = RULE.replace('extends = "verifier"', 'extends = "boilerplate"') + 'patterns = ["(?<=a)b"]\n'
    with pytest.raises(RuleFileError, match="not supported"):
        load_rule_file(write("r.toml", text), CORE_RULE_TYPES)


def test_duplicate_codes_in_a_folder_are_an_error(write, tmp_path):
    write("a/ABC001-one.toml", RULE)
    write("a/ABC001-two.toml", RULE)
    with pytest.raises(RuleFileError, match="already defined"):
        load_rule_paths([tmp_path / "a"], CORE_RULE_TYPES)


def test_lexicons_with_one_name_merge(write, tmp_path):
    write("l/one.toml", '[lexicon]\nname = "cues"\nentries = ["said"]\n')
    write("l/two.toml", '[lexicon]\nname = "cues"\nentries = ["told"]\n')
    rules, lexicons = load_rule_paths([tmp_path / "l"], CORE_RULE_TYPES)
    assert rules == []
    assert lexicons["cues"] == Lexicon(name="cues", entries=["said", "told"])


def _ruleset(*codes: str, select=(), ignore=()) -> RuleSet:
    rules = [VerifierRule(code=c, name="x", message="m", description="d") for c in codes]
    return RuleSet(rules, select=select, ignore=ignore)


def test_select_and_ignore_by_prefix_longest_wins():
    rules = _ruleset("NUM001", "NUM002", "SRC001", "FC001", select=["NUM"], ignore=["NUM002"])
    assert rules.enabled("NUM001")
    assert not rules.enabled("NUM002")
    assert not rules.enabled("SRC001")
    assert rules.enabled("FC001"), "a verifier failure is never hidden by --select"
    assert _ruleset(select=["NUM002"], ignore=["NUM"]).enabled("NUM002")
    assert not _ruleset(ignore=["FC"]).enabled("FC001")
