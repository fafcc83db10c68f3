"""The example plugin, installed the way a newsroom would install it, seen through the CLI.

The plugin is pip-installed (no index, no build isolation: offline, a few seconds) into a
temporary folder that only these subprocesses see on ``PYTHONPATH``, so the project's own venv
is never touched. Two more hand-made distributions test the host's robustness: one whose module
fails to import, and one that claims the example's rule prefix.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = REPO_ROOT / "examples" / "factcheck-example-plugin"
ARTICLE = "12 people were hurt when the roof fell in, police said. Turnout was 61%.\n"

Run = Callable[..., subprocess.CompletedProcess[str]]


def _can_build_offline() -> bool:
    # setuptools >= 70.1 builds wheels itself; older ones need the separate ``wheel`` package.
    return any(importlib.util.find_spec(m) for m in ("setuptools.command.bdist_wheel", "wheel"))


def pip_install_offline(project: Path, target: Path) -> None:
    """Install a plugin project into ``target`` without touching an index or the running venv."""
    if not _can_build_offline():
        pytest.skip("needs setuptools>=70.1 (the dev extras) to build a plugin without an index")
    build = target.parent / f"build-{project.name}"
    shutil.copytree(project, build, ignore=shutil.ignore_patterns("build", "*.egg-info", "__pycache__", ".*"))
    command = [
        sys.executable,
        "-m",
        "pip",
        "install",
        "--quiet",
        "--no-deps",
        "--no-index",
        "--no-build-isolation",
        "--target",
        str(target),
        str(build),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr


def fake_distribution(site: Path, name: str, module: str, source: str) -> None:
    """A minimal installed distribution: a module and a dist-info naming it as a plugin."""
    (site / f"{module}.py").write_text(textwrap.dedent(source), encoding="utf-8")
    info = site / f"{name.replace('-', '_')}-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n", encoding="utf-8")
    (info / "entry_points.txt").write_text(f"[factcheck]\n{name} = {module}\n", encoding="utf-8")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("plugin-env")
    target = root / "site"
    pip_install_offline(EXAMPLE, target)
    return target


@pytest.fixture
def run(site: Path, tmp_path: Path) -> Run:
    """``run(*args, env=..., extra_site=...)``: ``python -m factcheck`` with the example installed."""
    article = tmp_path / "story.txt"
    article.write_text(ARTICLE, encoding="utf-8")

    def invoke(
        *args: str, env: dict[str, str] | None = None, extra_site: Path | None = None, code: str | None = None
    ) -> subprocess.CompletedProcess[str]:
        environ = {k: v for k, v in os.environ.items() if not k.startswith("FACTCHECK_")}
        paths = [str(p) for p in (extra_site, site) if p is not None]
        environ["PYTHONPATH"] = os.pathsep.join(paths)
        environ.update(env or {})
        command = [sys.executable, "-c", code] if code else [sys.executable, "-m", "factcheck", *args]
        return subprocess.run(
            command, capture_output=True, text=True, cwd=tmp_path, env=environ, timeout=120, check=False
        )

    return invoke


def _verdict_rules(stdout: str) -> set[str]:
    report = json.loads(stdout)
    return {v["rule"] for article in report["articles"] for v in article["verdicts"]}


def test_plugins_lists_the_example_with_version_and_rules(run: Run) -> None:
    done = run("plugins", "--format", "json")
    assert done.returncode == 0, done.stderr
    plugins = {p["name"]: p for p in json.loads(done.stdout)["plugins"]}
    example = plugins["example"]
    assert (example["version"], example["distribution"], example["builtin"]) == (
        "0.1.0",
        "factcheck-example-plugin",
        False,
    )
    assert example["codes"] == ["EXA001", "EXA002", "EXA003"]
    assert {"register_commands", "register_verifiers", "rule_paths"} <= set(example["hooks"])
    text = run("plugins").stdout
    assert "example 0.1.0 (factcheck-example-plugin: factcheck_example.plugin)" in text


def test_its_verdicts_appear_in_the_json_report(run: Run) -> None:
    done = run("check", "story.txt", "--format", "json", "--fail-on", "warning")
    assert done.returncode == 1, done.stderr  # EXA001 is a warning
    report = json.loads(done.stdout)
    assert report["tool"]["plugins"]["example"] == "0.1.0"
    verdicts = [v for v in report["articles"][0]["verdicts"] if v["verifier"] == "example"]
    assert {v["rule"] for v in verdicts} == {"EXA001", "EXA002"}
    first = next(v for v in verdicts if v["rule"] == "EXA001")
    assert ARTICLE[first["start"] : first["end"]] == "12"


def test_rule_explains_a_plugin_rule(run: Run) -> None:
    done = run("rule", "EXA002")
    assert done.returncode == 0, done.stderr
    assert "plugin: example" in done.stdout and "Inflation rose to 3.2% in March." in done.stdout


def test_p_no_name_blocks_it(run: Run) -> None:
    done = run("check", "story.txt", "--format", "json", "-p", "no:example")
    assert done.returncode == 0, done.stderr
    assert not any(rule.startswith("EXA") for rule in _verdict_rules(done.stdout))
    assert "example" not in {
        p["name"]
        for p in json.loads(run("plugins", "--format", "json", "-p", "no:example").stdout)["plugins"]
    }


@pytest.mark.parametrize(("allow", "loaded"), [("", False), ("other", False), ("other, example", True)])
def test_load_plugins_allow_list(run: Run, allow: str, loaded: bool) -> None:
    done = run("check", "story.txt", "--format", "json", env={"FACTCHECK_LOAD_PLUGINS": allow})
    assert done.returncode == 0, done.stderr
    assert ("EXA001" in _verdict_rules(done.stdout)) is loaded
    # The allow-list is for third-party plugins only: the built-in pipeline still ran.
    assert json.loads(done.stdout)["articles"][0]["statements"]


def test_trace_plugins_prints_hook_calls_on_stderr(run: Run) -> None:
    done = run("check", "story.txt", env={"FACTCHECK_TRACE_PLUGINS": "1"})
    assert done.returncode == 0, done.stderr
    trace = [line for line in done.stderr.splitlines() if line.startswith("[factcheck] ")]
    assert any(line.startswith("[factcheck] load_article(path='story.txt'") for line in trace)
    assert any(line.startswith("[factcheck] run_finished returned") for line in trace)
    assert "[factcheck]" not in done.stdout  # the report itself stays clean


BROKEN = """
    raise ImportError("this plugin needs a package that is not installed")
"""

CLASH = """
    from factcheck import Verifier, hookimpl

    class Clash(Verifier):
        name = "clash"
        prefixes = ("EXA",)

        def verify(self, statement, context):
            return []

    @hookimpl
    def register_verifiers(register):
        register(Clash())
"""


def test_a_plugin_that_fails_to_import_is_reported_on_one_line_and_skipped(run: Run, tmp_path: Path) -> None:
    extra = tmp_path / "extra-site"
    extra.mkdir()
    fake_distribution(extra, "broken", "factcheck_broken", BROKEN)
    done = run("check", "story.txt", "--format", "json", "--fail-on", "warning", extra_site=extra)
    assert done.returncode == 1, done.stderr  # the run went on, and the example still ran
    assert "EXA001" in _verdict_rules(done.stdout)
    lines = [line for line in done.stderr.splitlines() if "broken" in line]
    assert lines == [
        "factcheck: warning: plugin 'broken': failed to load: ImportError: "
        "this plugin needs a package that is not installed"
    ]
    strict = run("check", "story.txt", "--strict-plugins", extra_site=extra)
    assert strict.returncode == 2
    assert strict.stderr.strip().splitlines() == [
        "factcheck: plugin 'broken': failed to load: ImportError: "
        "this plugin needs a package that is not installed"
    ]
    assert strict.stdout == ""


def test_a_rule_prefix_claimed_by_two_plugins_is_a_load_error_naming_both(run: Run, tmp_path: Path) -> None:
    extra = tmp_path / "extra-site"
    extra.mkdir()
    fake_distribution(extra, "clash", "factcheck_clash", CLASH)
    done = run("check", "story.txt", extra_site=extra)
    assert done.returncode == 2
    message = done.stderr.strip()
    assert len(message.splitlines()) == 1
    assert "'clash'" in message and "'example'" in message and "EXA" in message
    assert run("check", "story.txt", "-p", "no:clash", extra_site=extra).returncode == 0


VERSION_PROBE = """
import sys
from factcheck.cli.main import main
try:
    main(["--version"])
except SystemExit as exit:
    code = exit.code
heavy = ["pluggy", "pydantic", "factcheck.builtin", "factcheck.plugin_system.manager", "factcheck_example"]
print(code, [m for m in heavy if any(n == m or n.startswith(m + ".") for n in sys.modules)])
"""


def test_version_imports_no_plugin(run: Run) -> None:
    done = run(code=VERSION_PROBE)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines() == ["factcheck 0.1.0", "0 []"]
    assert run("--version").stdout.strip() == "factcheck 0.1.0"


def test_the_examples_own_tests_pass_against_the_installed_copy(site: Path, tmp_path: Path) -> None:
    copy = tmp_path / "example"
    shutil.copytree(EXAMPLE, copy, ignore=shutil.ignore_patterns("build", "*.egg-info", "__pycache__", ".*"))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("FACTCHECK_", "PYTEST_"))}
    env["PYTHONPATH"] = str(site)
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "7 passed" in done.stdout
