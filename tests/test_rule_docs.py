from __future__ import annotations

from factcheck.cli.rule_docs import DOC_PATH, current


def test_docs_rules_md_is_up_to_date():
    assert DOC_PATH.read_text(encoding="utf-8") == current(), (
        "docs/rules.md is stale: run `python -m factcheck.cli.rule_docs --write`"
    )
