"""``factcheck plugin new``: names are checked, nothing is overwritten, and the package it writes
installs, loads, and passes its own tests straight away."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from factcheck.cli.main import main
from factcheck.cli.scaffold import plugin_names, render_plugin, scaffold_plugin, taken_prefixes
from factcheck.errors import UsageError

# pytest puts this folder on sys.path (rootdir-relative "prepend" imports): share the installer.
from tests.test_example_plugin import pip_install_offline


@pytest.mark.parametrize(
    ("name", "dist", "module", "class_name", "prefix"),
    [
        ("house-style", "factcheck-house-style", "factcheck_house_style", "HouseStyleVerifier", "HOU"),
        ("elections_db", "factcheck-elections-db", "factcheck_elections_db", "ElectionsDbVerifier", "ELE"),
        ("factcheck-tk", "factcheck-tk", "factcheck_tk", "TkVerifier", "TK"),
        ("x2", "factcheck-x2", "factcheck_x2", "X2Verifier", "X"),
    ],
)
def test_names_are_derived_from_the_plugin_name(name, dist, module, class_name, prefix):
    names = plugin_names(name)
    assert (names.name, names.dist, names.module, names.class_name, names.prefix) == (
        name,
        dist,
        module,
        class_name,
        prefix,
    )


@pytest.mark.parametrize("bad", ["House", "1abc", "a b", "a--b", "", "trailing-", "é"])
def test_bad_names_are_refused(bad):
    with pytest.raises(UsageError, match="plugin name"):
        plugin_names(bad)


def test_prefix_is_checked_and_factcheck_own_prefixes_refused():
    assert {"STY", "FC"} <= taken_prefixes()
    assert plugin_names("anything", prefix="abc").prefix == "ABC"
    with pytest.raises(UsageError, match="one to three capital letters"):
        plugin_names("anything", prefix="ABCD")
    with pytest.raises(UsageError, match="factcheck's own"):
        plugin_names("style-guide", prefix="STY")


def test_rendered_package_mirrors_the_example_layout():
    files = render_plugin(plugin_names("house-style"))
    assert sorted(map(str, files)) == [
        "README.md",
        "factcheck_house_style/__init__.py",
        "factcheck_house_style/plugin.py",
        "factcheck_house_style/py.typed",
        "factcheck_house_style/rules/HOU001-placeholder-left-in-copy.toml",
        "pyproject.toml",
        "tests/test_plugin.py",
    ]
    assert 'house-style = "factcheck_house_style.plugin"' in files[Path("pyproject.toml")]
    assert not any("$" in text for text in files.values()), "an unfilled template placeholder"


def test_existing_folder_is_never_overwritten(tmp_path):
    root = scaffold_plugin("house-style", tmp_path)
    (root / "pyproject.toml").write_text("mine", encoding="utf-8")
    with pytest.raises(UsageError, match="already exists"):
        scaffold_plugin("house-style", tmp_path)
    assert (root / "pyproject.toml").read_text(encoding="utf-8") == "mine"


def test_cli_plugin_new(tmp_path, capsys):
    assert main(["plugin", "new", "house-style", "--dir", str(tmp_path), "--prefix", "HS"]) == 0
    out = capsys.readouterr().out
    assert "plugin 'house-style', rules HS001" in out and "pytest" in out
    assert (
        tmp_path
        / "factcheck-house-style"
        / "factcheck_house_style"
        / "rules"
        / "HS001-placeholder-left-in-copy.toml"
    ).is_file()
    assert main(["plugin", "new", "Bad Name", "--dir", str(tmp_path)]) == 2
    assert "plugin name 'Bad Name'" in capsys.readouterr().err


def test_scaffolded_plugin_installs_and_passes_its_own_tests(tmp_path):
    root = scaffold_plugin("newsroom-tk", tmp_path)
    site = tmp_path / "site"
    pip_install_offline(root, site)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FACTCHECK_", "PYTEST_"))}
    env["PYTHONPATH"] = str(site)
    tests = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert tests.returncode == 0, tests.stdout + tests.stderr
    assert "3 passed" in tests.stdout
    listed = subprocess.run(
        [sys.executable, "-m", "factcheck", "plugins", "--format", "json"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    plugins = {p["name"]: p for p in json.loads(listed.stdout)["plugins"]}
    assert plugins["newsroom-tk"]["codes"] == ["NEW001"]
    assert plugins["newsroom-tk"]["distribution"] == "factcheck-newsroom-tk"
