from __future__ import annotations

import io
import tomllib

from factcheck.plugin_system.manager import builtin_plugins, get_plugin_manager, plugin_infos
from tests.conftest import REPO_ROOT


def test_builtin_table_matches_the_entry_points_in_pyproject():
    declared = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())["project"]["entry-points"][
        "factcheck"
    ]
    assert declared == builtin_plugins()


def test_builtins_load_through_entry_points_and_can_be_blocked():
    pm = get_plugin_manager(blocked=["numeric", "render_html"])
    names = {info.name for info in plugin_infos(pm)}
    assert names == set(builtin_plugins()) - {"numeric", "render_html"}
    assert all(info.builtin for info in plugin_infos(pm))
    assert "numeric" in pm.load_report.blocked


def test_tracing_prints_every_hook_call():
    stream = io.StringIO()
    pm = get_plugin_manager(load_entrypoints=False, trace=stream)
    pm.hook.register_policies(register=lambda policy: None)
    lines = stream.getvalue().splitlines()
    assert lines[0].startswith("[factcheck] register_policies(register=") and "combine" in lines[0]
    assert lines[1] == "[factcheck] register_policies returned []"


def test_allow_list_does_not_apply_to_builtins(monkeypatch):
    monkeypatch.setenv("FACTCHECK_LOAD_PLUGINS", "")
    pm = get_plugin_manager()
    assert {info.name for info in plugin_infos(pm)} == set(builtin_plugins())


def test_tracing_sees_hooks_called_one_plugin_at_a_time():
    from factcheck.config.settings import Config
    from factcheck.engine.engine import Engine

    stream = io.StringIO()
    engine = Engine(Config(), get_plugin_manager(load_entrypoints=False, trace=stream))
    engine.check_text("Sales rose 5% on Tuesday.\n")
    engine.close()
    traced = stream.getvalue()
    for hook in (
        "register_verifiers",
        "rule_paths",
        "extract_annotations",
        "split_statements",
        "load_article",
    ):
        assert f"[factcheck] {hook}(" in traced, hook
