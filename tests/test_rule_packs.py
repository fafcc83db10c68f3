"""Every shipped rule file validates, is named after its code, and its examples come true.

A rule's ``examples.bad`` must each produce a verdict under that rule (not ``supported``) when run
through the real pipeline with every built-in plugin; ``examples.good`` must produce none. An
example may be a whole Markdown document with front matter (``---`` first), for rules that need
a publication date.
"""

from __future__ import annotations

import re

import pytest

from factcheck.config.settings import Config, Settings
from factcheck.engine.engine import Engine
from factcheck.model.report import Status
from factcheck.plugin_system.manager import get_plugin_manager
from factcheck.rules.packs import CODE_PATTERN
from tests.conftest import REPO_ROOT

#: Rules whose trigger is a plugin's behaviour, not article text; tests/test_engine.py covers them.
BEHAVIOURAL = {"FC001", "FC002", "FC003"}

_ENGINES: dict[tuple[str, ...], Engine] = {}


def engine(select: tuple[str, ...] = ()) -> Engine:
    """The full built-in pipeline; ``select`` turns on opt-in rules (``default_enabled = false``)."""
    if select not in _ENGINES:
        settings = Settings.model_validate({"check": {"select": list(select)}})
        _ENGINES[select] = Engine(Config(settings), get_plugin_manager(load_entrypoints=True))
    return _ENGINES[select]


def all_rules():
    return list(engine().registry.rules)


def _examples(kind: str):
    for rule in all_rules():
        if rule.code in BEHAVIOURAL or rule.extends == "boilerplate" or rule.examples.requires:
            continue
        for index, text in enumerate(getattr(rule.examples, kind)):
            yield pytest.param(rule.code, text, id=f"{rule.code}-{kind}{index}")


def _findings(code: str, text: str):
    path = "example.md" if text.startswith("---") else "example.txt"
    rule = engine().registry.rules.get(code)
    opt_in = rule is not None and not rule.default_enabled
    report = engine((code,) if opt_in else ()).check_text(text + "\n", path)
    assert not report.problems, report.problems
    return [v for v in report.verdicts if v.rule == code and v.status != Status.SUPPORTED]


@pytest.mark.parametrize(("code", "text"), list(_examples("bad")))
def test_bad_examples_are_flagged(code, text):
    assert _findings(code, text), f"{code} did not flag its own bad example: {text!r}"


@pytest.mark.parametrize(("code", "text"), list(_examples("good")))
def test_good_examples_are_not_flagged(code, text):
    assert not _findings(code, text), f"{code} flagged its own good example: {text!r}"


def test_shipped_rule_files_are_named_after_code_and_name():
    for rule in all_rules():
        path = rule.source
        if not path.startswith((str(REPO_ROOT / "rules"), str(REPO_ROOT / "plugins"))):
            continue  # third-party packs name their files as they like
        stem = path.rsplit("/", 1)[-1].removesuffix(".toml")
        assert stem == f"{rule.code}-{rule.name}", path


def test_every_rule_is_documented():
    for rule in all_rules():
        assert CODE_PATTERN.match(rule.code)
        assert len(rule.description.split()) >= 15, f"{rule.code}: say why the rule exists"
        assert rule.examples.bad and rule.examples.good, f"{rule.code}: needs bad and good examples"
        placeholders = set(re.findall(r"\{(\w+)\}", rule.message))
        assert all(p.isidentifier() for p in placeholders)


def test_boilerplate_examples():
    for rule in all_rules():
        if rule.extends != "boilerplate":
            continue
        for text in rule.examples.bad:
            report = engine().check_text(f"A real sentence.\n\n{text}\n", "x.txt")
            assert all(text not in s.text for s in report.statements), text
        for text in rule.examples.good:
            report = engine().check_text(f"A real sentence.\n\n{text}\n", "x.txt")
            assert any(text in s.text for s in report.statements), text
