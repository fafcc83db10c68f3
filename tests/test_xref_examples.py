"""The examples of XRF rules that need an archive or source documents, run end to end.

Such an example is the context (the archived article, or the source document), a line
``=== article ===``, then the article checked against it. The archive is built with the real
``factcheck index`` command and the sources are given through ``[plugins.xref] sources``, so the
examples shown in docs/rules.md come true exactly as a newsroom would run them.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import factcheck_plugins.xref as xref
import pytest

from factcheck.cli.main import main
from factcheck.model.report import Status
from factcheck.plugin_system.manager import builtin_plugins
from factcheck.rules.packs import CORE_RULE_TYPES, RuleModel, load_rule_file

XREF = [] if "xref" in builtin_plugins() else [("xref", xref)]  # built in once registered
SEPARATOR = "\n=== article ===\n"
RULES = [
    rule
    for p in sorted(Path(xref.__file__).with_name("rules").glob("XRF*.toml"))
    if isinstance(rule := load_rule_file(p, CORE_RULE_TYPES), RuleModel)
]
CONTEXT_RULES = [r for r in RULES if r.examples.requires in ("archive", "sources")]  # "config": its own test


def _cases():
    for rule in CONTEXT_RULES:
        for kind in ("bad", "good"):
            for index, text in enumerate(getattr(rule.examples, kind)):
                yield pytest.param(rule, kind, text, id=f"{rule.code}-{kind}{index}")


def _run(make_engine, tmp_path: Path, requires: str, text: str):
    context, article = text.split(SEPARATOR)
    folder = tmp_path / "context"
    folder.mkdir()
    (folder / "earlier.md").write_text(context + "\n", encoding="utf-8")
    if requires == "archive":
        db = tmp_path / "archive.db"
        assert main(["index", str(folder), "--archive", str(db)]) == 0
        settings: dict[str, Any] = {"plugins": {"xref": {"archive": str(db)}}}
    else:
        assert requires == "sources"
        settings = {"plugins": {"xref": {"sources": [str(folder)]}}}
    engine = make_engine(extra=XREF, settings=settings)
    target = tmp_path / "article.md"
    target.write_text(article + "\n", encoding="utf-8")
    return engine.check_file(str(target)).verdicts


def test_context_examples_exist():
    assert {r.examples.requires for r in CONTEXT_RULES} == {"archive", "sources"}
    for rule in CONTEXT_RULES:
        for text in [*rule.examples.bad, *rule.examples.good]:
            assert text.count(SEPARATOR) == 1, (rule.code, text)


@pytest.mark.parametrize(("rule", "kind", "text"), list(_cases()))
def test_context_example_comes_true(make_engine, tmp_path, rule, kind, text):
    found = [v for v in _run(make_engine, tmp_path, rule.examples.requires, text) if v.rule == rule.code]
    if rule.status == Status.SUPPORTED:
        # a confirmation rule: it appears for the good examples and not for the bad ones
        assert bool(found) == (kind == "good"), (kind, text, found)
        assert all(v.status == Status.SUPPORTED for v in found)
        return
    raised = [v for v in found if v.status != Status.SUPPORTED]
    assert bool(raised) == (kind == "bad"), (kind, text, [v.message for v in found])
    for verdict in raised:
        if verdict.status == Status.UNVERIFIED:
            continue  # absent from every source: there is nothing earlier to show
        assert len(verdict.evidence) >= 2, "a context finding shows the earlier text as evidence"
