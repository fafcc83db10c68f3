"""docs/plugins.md cannot drift: every hook is documented with its exact signature and call
semantics, its code samples parse, and every rule that loads has a description and examples."""

from __future__ import annotations

import inspect
import re
import sys
import tomllib
from pathlib import Path

import pytest

from factcheck.cli.scaffold import plugin_names, render_plugin
from factcheck.config.settings import Config
from factcheck.engine.engine import Engine
from factcheck.plugin_system import hookspecs
from factcheck.plugin_system.manager import get_plugin_manager

REPO_ROOT = Path(__file__).resolve().parent.parent
DOC = REPO_ROOT / "docs" / "plugins.md"
EXAMPLE = REPO_ROOT / "examples" / "factcheck-example-plugin"
HEADING = re.compile(r"^### `(\w+)\((.*)\) -> (.+)`$", re.MULTILINE)


def hook_signature(function: object) -> str:
    """``name(arg: Type, ...) -> Return``, as the docs must show it (annotations as written)."""
    signature = inspect.signature(function)  # type: ignore[arg-type]
    params = ", ".join(f"{p.name}: {p.annotation}" for p in signature.parameters.values())
    return f"{function.__name__}({params}) -> {signature.return_annotation}"  # type: ignore[attr-defined]


def hookspec_functions() -> dict[str, object]:
    marker = f"{hookspecs.PROJECT_NAME}_spec"
    return {name: fn for name, fn in vars(hookspecs).items() if callable(fn) and hasattr(fn, marker)}


def documented() -> dict[str, tuple[str, str]]:
    """Hook name -> (its documented signature, the text of its section)."""
    text = DOC.read_text(encoding="utf-8")
    matches = list(HEADING.finditer(text))
    found = {}
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else text.find("\n## ", match.end())
        found[match.group(1)] = (
            f"{match.group(1)}({match.group(2)}) -> {match.group(3)}",
            text[match.end() : end],
        )
    return found


def test_signature_rendering():
    assert hook_signature(hookspecs.configure) == "configure(config: Config) -> None"


def test_every_hook_is_documented_with_its_exact_signature():
    specs = hookspec_functions()
    docs = documented()
    assert specs, "no hookspecs found"
    missing = sorted(set(specs) - set(docs))
    assert not missing, f"hooks missing from docs/plugins.md: {missing}"
    unknown = sorted(set(docs) - set(specs))
    assert not unknown, f"docs/plugins.md documents hooks that do not exist: {unknown}"
    drifted = [
        f"  docs: {docs[n][0]}\n  code: {hook_signature(f)}"
        for n, f in specs.items()
        if docs[n][0] != hook_signature(f)
    ]
    assert not drifted, "documented signatures differ from factcheck/hookspecs.py:\n" + "\n".join(drifted)


def test_hooks_are_documented_in_hookspecs_order():
    assert list(documented()) == list(hookspec_functions())


def test_call_semantics_are_documented():
    docs = documented()
    for name, function in hookspec_functions().items():
        options = getattr(function, f"{hookspecs.PROJECT_NAME}_spec")
        section = docs[name][1]
        if options.get("firstresult"):
            assert "*First non-`None` result.*" in section, name
        else:
            assert "*Each implementation" in section, name
        assert ("historic" in section) == bool(options.get("historic")), name
        assert "```python" in section, f"{name}: no example"


def _blocks(language: str) -> list[str]:
    text = DOC.read_text(encoding="utf-8")
    return re.findall(rf"^```{language}\n(.*?)^```$", text, re.MULTILINE | re.DOTALL)


def test_python_samples_are_valid_python():
    blocks = _blocks("python")
    assert len(blocks) >= 15
    for block in blocks:
        compile(block, str(DOC), "exec")


def test_toml_samples_parse():
    blocks = _blocks("toml")
    assert len(blocks) >= 3
    for block in blocks:
        tomllib.loads(block)


def test_documented_scaffold_matches_what_plugin_new_writes():
    text = DOC.read_text(encoding="utf-8")
    files = render_plugin(plugin_names("house-style"))
    assert "factcheck plugin new house-style" in text
    for path in files:
        if path.suffix in (".py", ".toml") and path.name != "__init__.py":
            assert path.name in text, f"docs do not mention {path}"
    assert 'house-style = "factcheck_house_style.plugin"' in files[Path("pyproject.toml")]
    assert 'house-style = "factcheck_house_style.plugin"' in text


@pytest.fixture
def every_rule(monkeypatch):
    """An engine with every installed plugin and the example plugin, and its rules."""
    monkeypatch.syspath_prepend(str(EXAMPLE))
    sys.modules.pop("factcheck_example", None)
    from factcheck_example import plugin

    engine = Engine(Config(), get_plugin_manager(extra=[("example", plugin)]))
    yield list(engine.registry.rules)
    engine.close()


def test_every_loaded_rule_has_a_description_and_examples(every_rule):
    codes = {rule.code for rule in every_rule}
    assert {"FC001", "STY001", "EXA001", "EXA002"} <= codes
    # A rule off by default may show only what passes (good) examples; none at all is a gap.
    lacking = [
        f"{rule.code} ({rule.source})"
        for rule in every_rule
        if not rule.description.strip() or not (rule.examples.bad or rule.examples.good)
    ]
    assert not lacking, "rules without a description or examples: " + ", ".join(lacking)


def test_the_plugin_api_table_lists_exactly_what_factcheck_plugin_exports():
    import factcheck.plugin as api
    from factcheck.cli.api_docs import DOC_PATH, current_page

    assert sorted(api.__all__) == sorted(api._EXPORTS), "__all__ and _EXPORTS must name the same things"
    assert DOC_PATH.read_text(encoding="utf-8") == current_page(), (
        "docs/plugins.md's plugin API table is stale: run `python -m factcheck.cli.api_docs --write`"
    )
    for name in api.__all__:
        assert getattr(api, name) is not None, name


def test_every_type_in_a_hook_signature_is_in_the_plugin_api():
    import factcheck.plugin as api

    builtin = {"None", "str", "float", "bool", "int", "list", "dict", "tuple", "type", "Path", "Callable"}
    builtin |= {"ArgumentParser"}  # argparse.ArgumentParser: the standard library
    for name, function in hookspec_functions().items():
        for word in re.findall(r"[A-Za-z_]\w*", hook_signature(function).split("(", 1)[1]):
            if word[0].isupper() and word not in builtin and word != "argparse":
                assert word in api.__all__, f"{name} uses {word}, which factcheck.plugin does not export"
