from __future__ import annotations

import pytest

from factcheck.config.settings import Config, Section, Settings, find_config, load_config_file
from factcheck.config.tomlfile import parse_toml
from factcheck.errors import ConfigError
from tests.conftest import REPO_ROOT


def test_documented_defaults_equal_builtin_defaults():
    documented = load_config_file(REPO_ROOT / "config.toml")
    defaults = Settings()
    # paths in a config file are anchored to its folder; everything else is the default as is
    anchored = str(REPO_ROOT / defaults.network.cache_path)
    assert documented.settings.network.cache_path == anchored
    assert documented.settings.serve.sqlite_path == str(REPO_ROOT / defaults.serve.sqlite_path)
    network = documented.settings.network.model_copy(update={"cache_path": defaults.network.cache_path})
    serve = documented.settings.serve.model_copy(update={"sqlite_path": defaults.serve.sqlite_path})
    assert documented.settings.model_copy(update={"network": network, "serve": serve}) == defaults


def test_relative_paths_in_a_config_file_are_relative_to_it(write, tmp_path):
    path = write("conf/factcheck.toml", "[check]\nbaseline = 'base.json'\n[rules]\npaths = ['missing']\n")
    config = load_config_file(path)
    assert config.settings.check.baseline == str(tmp_path / "conf" / "base.json")
    assert config.resolve("missing") == tmp_path / "conf" / "missing"


def test_every_setting_is_documented_in_config_toml():
    text = (REPO_ROOT / "config.toml").read_text(encoding="utf-8")
    for section_name, section in Settings.model_fields.items():
        assert f"[{section_name}]" in text, section_name
        model = section.annotation
        if isinstance(model, type) and issubclass(model, Section):
            for key in model.model_fields:
                assert f"{key} =" in text, f"{section_name}.{key} is not documented"


def test_unknown_key_names_file_line_and_key(write):
    path = write("factcheck.toml", "[check]\nfail_on = 'warning'\nfial_on = 'error'\n")
    with pytest.raises(ConfigError) as caught:
        load_config_file(path)
    assert caught.value.one_line() == f"{path}:3:1: unknown key 'check.fial_on'"


def test_wrong_type_is_an_error_at_its_line(write):
    path = write("factcheck.toml", "[network]\n\n\ntimeout = 'soon'\n")
    with pytest.raises(ConfigError) as caught:
        load_config_file(path)
    assert caught.value.line == 4
    assert "network.timeout" in caught.value.message


def test_bad_value_is_an_error(write):
    path = write("factcheck.toml", "[check]\nfail_on = 'sometimes'\n")
    with pytest.raises(ConfigError, match=r"check\.fail_on"):
        load_config_file(path)


def test_toml_syntax_error_has_line(write):
    path = write("factcheck.toml", "[check]\nfail_on = \n")
    with pytest.raises(ConfigError) as caught:
        load_config_file(path)
    assert caught.value.line == 2


def test_pyproject_tool_table_is_read_and_located(write):
    text = "[project]\nname='x'\n\n[tool.factcheck.check]\nfail_on='warning'\nbogus=1\n"
    path = write("pyproject.toml", text)
    with pytest.raises(ConfigError) as caught:
        load_config_file(path)
    assert caught.value.line == 6
    assert "tool.factcheck.check.bogus" in caught.value.message
    good = write("sub/pyproject.toml", "[tool.factcheck.check]\nfail_on='warning'\n")
    assert load_config_file(good).settings.check.fail_on == "warning"


def test_find_config_prefers_factcheck_toml_and_walks_up(write, tmp_path):
    write("pyproject.toml", "[tool.factcheck]\n")
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    assert find_config(nested) == tmp_path / "pyproject.toml"
    write("a/factcheck.toml", "")
    assert find_config(nested) == tmp_path / "a" / "factcheck.toml"


class _PluginSettings(Section):
    threshold: float = 0.5


def test_plugin_settings_are_validated_by_the_plugin_model(write):
    path = write("factcheck.toml", "[plugins.numeric]\nthreshold = 0.9\n\n[plugins.other]\nthreshhold = 1\n")
    config = load_config_file(path)
    assert config.plugin_settings("numeric", _PluginSettings).threshold == 0.9
    assert config.plugin_settings("absent", _PluginSettings).threshold == 0.5
    with pytest.raises(ConfigError) as caught:
        config.plugin_settings("other", _PluginSettings)
    assert caught.value.line == 5
    assert "plugins.other.threshhold" in caught.value.message


def test_parse_toml_reports_column():
    with pytest.raises(ConfigError) as caught:
        parse_toml("a = 1\nb = [1,\n", "x.toml", ConfigError)
    assert caught.value.path == "x.toml"


def test_defaults_without_file():
    assert Config().settings.check.fail_on == "error"


def test_unknown_plugin_section_is_an_error(write):
    from factcheck.engine.engine import Engine
    from factcheck.plugin_system.manager import get_plugin_manager

    path = write("factcheck.toml", "[check]\nfail_on = 'error'\n\n[plugins.phrasse]\nx = 1\n")
    with pytest.raises(ConfigError) as caught:
        Engine(load_config_file(path), get_plugin_manager(load_entrypoints=False))
    assert caught.value.line == 4
    assert "[plugins.phrasse] names no installed plugin" in caught.value.message
    blocked = write("b/factcheck.toml", "[plugins.phrases]\n")
    Engine(load_config_file(blocked), get_plugin_manager(load_entrypoints=False, blocked=["phrases"])).close()


def test_every_config_error_is_reported_one_line_each(tmp_path):
    import pytest

    from factcheck.errors import ConfigError

    path = tmp_path / "factcheck.toml"
    path.write_text('[check]\nfail_on = "sometimes"\njobs = 0\ncolour = true\n\n[network]\ntimeout = -1\n')
    with pytest.raises(ConfigError) as caught:
        load_config_file(path)
    lines = caught.value.one_line().splitlines()
    assert [line.split(":")[1] for line in lines] == ["2", "3", "4", "7"]
    assert "unknown key 'check.colour'" in lines[2]
