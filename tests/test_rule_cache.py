"""The cache on disk of loaded rule packs: used while current, rebuilt when stale or corrupt,
never trusted when someone else could have written it, and never required."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from factcheck.errors import RuleFileError
from factcheck.rules import cache, packs
from factcheck.rules.packs import CORE_RULE_TYPES, load_rule_paths

RULE = """code = "ZZZ001"
name = "a-rule"
extends = "verifier"
message = "{text}"
description = "A test rule."
"""


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[list[Path]]:
    """The cache in a fresh folder, and each time the TOML files were really read."""
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(tmp_path / "cache"))
    calls: list[list[Path]] = []
    real = packs._load_files

    def counting(files, rule_types):
        calls.append(list(files))
        return real(files, rule_types)

    monkeypatch.setattr(packs, "_load_files", counting)
    return calls


def _folder(tmp_path: Path, message: str = "{text}") -> Path:
    folder = tmp_path / "rules"
    folder.mkdir(exist_ok=True)
    (folder / "ZZZ001-a-rule.toml").write_text(RULE.replace("{text}", message), encoding="utf-8")
    return folder


def _cache_files(tmp_path: Path) -> list[Path]:
    return sorted((tmp_path / "cache").glob("rules-*.pickle"))


def test_the_second_load_comes_from_the_cache_and_equals_the_first(tmp_path, reads):
    folder = _folder(tmp_path)
    first = load_rule_paths([folder], CORE_RULE_TYPES)
    second = load_rule_paths([folder], CORE_RULE_TYPES)
    assert len(reads) == 1
    assert second == first and second[0][0].code == "ZZZ001"
    [written] = _cache_files(tmp_path)
    assert written.stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "cache").stat().st_mode & 0o777 == 0o700


def test_a_changed_rule_file_is_read_again(tmp_path, reads):
    folder = _folder(tmp_path)
    load_rule_paths([folder], CORE_RULE_TYPES)
    _folder(tmp_path, "a longer message than before")
    rules, _ = load_rule_paths([folder], CORE_RULE_TYPES)
    assert len(reads) == 2 and rules[0].message == "a longer message than before"
    (folder / "ZZZ002-another.toml").write_text(
        RULE.replace("ZZZ001", "ZZZ002").replace("a-rule", "another"), encoding="utf-8"
    )
    rules, _ = load_rule_paths([folder], CORE_RULE_TYPES)
    assert len(reads) == 3 and [r.code for r in rules] == ["ZZZ001", "ZZZ002"]


def test_other_rule_types_are_another_reading(tmp_path, reads):
    folder = _folder(tmp_path)
    load_rule_paths([folder], CORE_RULE_TYPES)
    load_rule_paths([folder], {"verifier": packs.VerifierRule})
    assert len(reads) == 2


@pytest.mark.parametrize("garbage", [b"", b"not a pickle", b"\x80\x05K\x01."])
def test_a_corrupt_cache_is_rebuilt(tmp_path, reads, garbage):
    folder = _folder(tmp_path)
    load_rule_paths([folder], CORE_RULE_TYPES)
    [written] = _cache_files(tmp_path)
    written.write_bytes(garbage)
    assert load_rule_paths([folder], CORE_RULE_TYPES)[0][0].code == "ZZZ001"
    assert load_rule_paths([folder], CORE_RULE_TYPES)[0][0].code == "ZZZ001"
    assert len(reads) == 2  # rebuilt once, then read back


def test_a_cache_others_may_write_is_ignored(tmp_path, reads):
    folder = _folder(tmp_path)
    load_rule_paths([folder], CORE_RULE_TYPES)
    [written] = _cache_files(tmp_path)
    written.chmod(0o666)
    load_rule_paths([folder], CORE_RULE_TYPES)
    assert len(reads) == 2
    assert written.stat().st_mode & 0o777 == 0o600  # rewritten private


def test_rule_file_errors_are_never_cached(tmp_path, reads):
    folder = _folder(tmp_path)
    (folder / "ZZZ001-a-rule.toml").write_text(RULE + "colour = 'red'\n", encoding="utf-8")
    for _ in range(2):
        with pytest.raises(RuleFileError, match="colour"):
            load_rule_paths([folder], CORE_RULE_TYPES)
    assert _cache_files(tmp_path) == []


def test_turned_off_or_unwritable_it_still_loads(tmp_path, reads, monkeypatch):
    folder = _folder(tmp_path)
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", "")
    assert cache.cache_dir() is None
    load_rule_paths([folder], CORE_RULE_TYPES)
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(blocker / "cache"))
    assert load_rule_paths([folder], CORE_RULE_TYPES)[0][0].code == "ZZZ001"
    assert len(reads) == 2


def test_the_default_folder_follows_xdg(monkeypatch, tmp_path):
    monkeypatch.delenv("FACTCHECK_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.cache_dir() == tmp_path / "factcheck"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert cache.cache_dir() == Path(os.path.expanduser("~")) / ".cache" / "factcheck"


def test_a_rule_type_without_a_source_file_is_never_cached(tmp_path, reads):
    folder = _folder(tmp_path)
    typed = type("InlineRule", (packs.VerifierRule,), {"__module__": "defined_at_a_prompt"})
    for _ in range(2):
        load_rule_paths([folder], {"verifier": typed})
    assert len(reads) == 2 and _cache_files(tmp_path) == []
