"""The entry-point reader gives importlib.metadata's answer without importing it."""

from __future__ import annotations

import subprocess
import sys
import zipfile

import pytest

from factcheck.plugin_system import entrypoints
from factcheck.plugin_system.entrypoints import PluginEntry


def _key(ep: PluginEntry) -> tuple[str, str, str, str]:
    return (ep.name, ep.value, ep.dist, ep.version)


@pytest.mark.parametrize("group", ["factcheck", "pytest11", "console_scripts"])
def test_same_entry_points_as_importlib_metadata(group):
    mine = entrypoints._scan(group)
    theirs = entrypoints._from_importlib(group)
    assert sorted(map(_key, mine)) == sorted(map(_key, theirs))


def test_a_distribution_on_a_new_path_is_seen_and_the_first_of_two_wins(tmp_path, monkeypatch):
    for folder, version in (("a", "2.0"), ("b", "1.0")):
        info = tmp_path / folder / f"Some.Plugin-{version}.dist-info"
        info.mkdir(parents=True)
        (info / "METADATA").write_text(
            f"Metadata-Version: 2.1\nName: Some.Plugin\nVersion: {version}\n\nName: not a header\n",
            encoding="utf-8",
        )
        (info / "entry_points.txt").write_text(
            "[console_scripts]\nx = y\n\n[factcheck]\n# a comment\nsome = some_plugin.hooks:plugin\n",
            encoding="utf-8",
        )
    monkeypatch.syspath_prepend(str(tmp_path / "b"))
    monkeypatch.syspath_prepend(str(tmp_path / "a"))
    found = [ep for ep in entrypoints.entry_points("factcheck") if ep.name == "some"]
    assert found == [PluginEntry("some", "some_plugin.hooks:plugin", "Some.Plugin", "2.0")]
    assert sorted(map(_key, entrypoints._scan("factcheck"))) == sorted(
        map(_key, entrypoints._from_importlib("factcheck"))
    )


def test_a_zip_on_sys_path_is_left_to_importlib_metadata(tmp_path, monkeypatch):
    archive = tmp_path / "plugins.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("zipped-1.0.dist-info/METADATA", "Name: zipped\nVersion: 1.0\n")
        zipped.writestr("zipped-1.0.dist-info/entry_points.txt", "[factcheck]\nzipped = zipped_mod\n")
    monkeypatch.syspath_prepend(str(archive))
    found = [ep for ep in entrypoints.entry_points("factcheck") if ep.name == "zipped"]
    assert found == [PluginEntry("zipped", "zipped_mod", "zipped", "1.0")]


def test_load_follows_the_attribute_path():
    assert PluginEntry("x", "os.path:join", "?", "?").load() is __import__("os").path.join
    assert PluginEntry("x", "json", "?", "?").load() is __import__("json")


def test_reading_them_never_imports_importlib_metadata():
    code = (
        "import sys; from factcheck.plugin_system.entrypoints import entry_points; "
        "found = entry_points('factcheck'); "
        "print(len(found), 'importlib.metadata' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    count, imported = done.stdout.split()
    assert int(count) > 0 and imported == "False"
