"""Phrase rules are validated exactly as they run, and run without surprises on any text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.builtin.phrases import ExistenceRule, SubstitutionRule, _finders
from factcheck.config.settings import Config, Settings
from factcheck.engine.engine import Engine
from factcheck.errors import RuleFileError
from factcheck.plugin_system.manager import get_plugin_manager
from factcheck.rules.packs import CORE_RULE_TYPES, BoilerplateRule, RuleModel, load_rule_file
from factcheck.text.phrase_index import words_of
from tests.bounded import finishes

TYPES: dict[str, type[RuleModel]] = {
    **CORE_RULE_TYPES,
    "existence": ExistenceRule,
    "substitution": SubstitutionRule,
}
HEAD = """
code = "ZZZ001"
name = "a-phrase-rule"
message = "'{match}' found"
description = "Why it matters."
"""


def _load(write, body: str):
    return load_rule_file(write("r/ZZZ001-a-phrase-rule.toml", HEAD + body), TYPES)


def _spans(rule, text: str) -> list[str]:
    words = words_of(text)
    return [text[s:e] for find, _ in _finders(rule) for s, e in find(text, words)]


def _check(tmp_path, write, body: str, text: str):
    write("r/ZZZ001-a-phrase-rule.toml", HEAD + body)
    config = Config(Settings.model_validate({"rules": {"paths": [str(tmp_path / "r")]}}))
    report = Engine(config, get_plugin_manager(load_entrypoints=True)).check_text(text + "\n", "x.txt")
    return report, [v for v in report.verdicts if v.rule == "ZZZ001"]


def test_patterns_sharing_a_group_name_load_and_run(tmp_path, write):
    # Validated one by one but joined at run time, this used to fail on every article.
    body = 'extends = "existence"\npatterns = ["(?P<who>insiders?) said", "(?P<who>aides?) said"]\n'
    report, verdicts = _check(tmp_path, write, body, "Insiders said no. Aides said yes.")
    assert not report.problems, report.problems
    assert [v.message for v in verdicts] == ["'Insiders said' found", "'Aides said' found"]


def test_literal_substitution_keys_are_not_regexes(write):
    rule = _load(write, 'extends = "substitution"\n[swap]\n"C++ (sic" = "C++"\n')
    assert _spans(rule, "He wrote C++ (sic) code.") == ["C++ (sic"]


def test_regex_substitution_keys_are_still_checked(write):
    with pytest.raises(RuleFileError, match="lookbehind is not supported"):
        _load(write, 'extends = "substitution"\nregex = true\n[swap]\n"(?<=a)b" = "c"\n')
    with pytest.raises(RuleFileError, match="invalid regular expression"):
        _load(write, 'extends = "substitution"\nregex = true\n[swap]\n"C++ (sic" = "C++"\n')


def test_patterns_are_validated_with_the_flags_they_run_with(write):
    # Case folding multiplies the engine program of a class; a pattern within the limits
    # case-sensitively can be over them case-insensitively, and must fail at load, not per article.
    big = "[a-zα-ω]{1000}" * 5
    _load(write, f'extends = "existence"\nignorecase = false\npatterns = ["{big}"]\n')
    with pytest.raises(RuleFileError, match="steps"):
        _load(write, f'extends = "existence"\npatterns = ["{big}"]\n')
    with pytest.raises(RuleFileError, match="steps"):
        _load(write, f'extends = "substitution"\nregex = true\n[swap]\n"{big}" = "x"\n')
    rule = _load(write, 'extends = "existence"\nignorecase = false\npatterns = ["[A-Z]{2}x"]\n')
    assert _spans(rule, "ABx abx") == ["ABx"]
    rule = _load(write, 'extends = "existence"\npatterns = ["[A-Z]{2}x"]\n')
    assert _spans(rule, "ABx abx") == ["ABx", "abx"]


def test_patterns_matching_nothing_are_refused(write):
    with pytest.raises(RuleFileError, match="empty string"):
        _load(write, 'extends = "existence"\npatterns = ["x*"]\n')
    with pytest.raises(RuleFileError, match="blank"):
        _load(write, 'extends = "substitution"\n[swap]\n" " = "x"\n')


def test_flag_group_narrows_the_span_to_the_part_replaced(write):
    rule = _load(
        write,
        'extends = "substitution"\nregex = true\nignorecase = false\n'
        '[swap]\n"[A-Za-z](?P<flag>‘)[a-z]" = "’"\n',
    )
    assert _spans(rule, "Russia‘s and Trump‘s; he said: ‘We agree.’") == ["‘", "‘"]


def test_shipped_apostrophe_rule_flags_only_the_quote_mark():
    engine = Engine(Config(Settings()), get_plugin_manager(load_entrypoints=True))
    text = "The U.S. wanted Russia‘s consent. He said: ‘We agree.’\n"
    verdicts = [v for v in engine.check_text(text, "x.txt").verdicts if v.rule == "STY003"]
    assert len(verdicts) == 1
    assert verdicts[0].message.startswith("'‘' uses an opening quotation mark")
    assert text[verdicts[0].start : verdicts[0].end] == "‘"


def test_a_catastrophic_pattern_cannot_hang_a_run(write):
    path = write(
        "r/ZZZ001-a-phrase-rule.toml",
        HEAD + 'extends = "existence"\npatterns = ["(a|a)*b", "(\\\\s*)*\\\\s*x"]\n',
    )
    finishes(
        f"""
        from pathlib import Path
        from factcheck.rules.packs import load_rule_file
        from tests.test_phrases import TYPES, _spans
        rule = load_rule_file(Path({str(path)!r}), TYPES)
        assert _spans(rule, "a" * 5000 + " " * 5000) == []
        """
    )


def test_boilerplate_pattern_cannot_hang_a_run(write):
    rule = load_rule_file(
        write(
            "b/FC900-x.toml",
            HEAD.replace("ZZZ001", "FC900").replace("a-phrase-rule", "x")
            + 'extends = "boilerplate"\npatterns = ["(a|a)*b", "subscribe now"]\n',
        ),
        TYPES,
    )
    assert isinstance(rule, BoilerplateRule)
    [pattern] = rule.compiled()
    assert pattern.match("Subscribe now to our newsletter") is not None
    finishes(
        """
        import re
        from factcheck.rules.safe_regex import compile_any
        assert compile_any(["(a|a)*b", "subscribe now"], re.IGNORECASE).match("a" * 10_000) is None
        """
    )


_RULES: list[ExistenceRule | SubstitutionRule] = [
    ExistenceRule.model_validate(
        {
            "code": "ZZZ001",
            "name": "e",
            "extends": "existence",
            "message": "m",
            "description": "d",
            "tokens": ["experts say", "U.S.-led"],
            "patterns": [r"\b[Aa] (?:[A-Z][a-z]+ )?insider\b"],
        }
    ),
    SubstitutionRule.model_validate(
        {
            "code": "ZZZ002",
            "name": "s",
            "extends": "substitution",
            "message": "m",
            "description": "d",
            "regex": True,
            "ignorecase": False,
            "swap": {"[A-Za-z](?P<flag>‘)[a-z]": "’"},
        }
    ),
]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aAeé Iinsder‘’'. \n-US")) | st.characters(), max_size=80))
def test_spans_lie_inside_the_text_and_are_non_empty(text):
    words = words_of(text)
    for rule in _RULES:
        for find, _ in _finders(rule):
            for start, end in find(text, words):
                assert 0 <= start < end <= len(text)
