"""The CI examples and the pre-commit hook definition work, and do not drift from the CLI."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from factcheck.cli.main import build_parser
from tests.conftest import REPO_ROOT

CI_FILES = sorted((REPO_ROOT / "examples" / "ci").glob("*.yml"))


def _factcheck_commands(node: object) -> list[str]:
    found: list[str] = []
    if isinstance(node, dict):
        for value in node.values():
            found += _factcheck_commands(value)
    elif isinstance(node, list):
        for value in node:
            found += _factcheck_commands(value)
    elif isinstance(node, str) and node.strip().startswith("factcheck "):
        found.append(" ".join(node.split()))
    return found


@pytest.mark.parametrize("path", CI_FILES, ids=lambda p: p.name)
def test_ci_example_commands_parse_with_the_real_cli(path):
    commands = _factcheck_commands(yaml.safe_load(path.read_text()))
    assert commands, f"{path.name} runs no factcheck command"
    parser = build_parser()
    formats = {"text", "json", "markdown", "html", "sarif", "junit", "github"}
    for command in commands:
        argv = shlex.split(re.sub(r"\$\{\{[^}]*\}\}|\$\w+", "REF", command))[1:]
        args = parser.parse_args(argv)
        assert args.command == "check"
        assert args.format in formats


def test_pre_commit_hook_definition_is_valid():
    (hook,) = yaml.safe_load((REPO_ROOT / ".pre-commit-hooks.yaml").read_text())
    assert hook["id"] == "factcheck"
    assert hook["language"] == "python"
    assert hook["entry"].split() == ["factcheck", "check"]
    assert re.search(hook["files"], "articles/story.md")
    assert not re.search(hook["files"], "src/app.py")


@pytest.mark.slow
def test_pre_commit_runs_the_hook_by_reference(tmp_path):
    """pre-commit from PyPI installs this repository as a hook and runs it on a story."""
    pre_commit = shutil.which("pre-commit") or str(Path(sys.executable).parent / "pre-commit")
    if not Path(pre_commit).exists():
        pytest.skip("pre-commit is not installed (it is in the dev extras)")
    work = tmp_path / "newsroom"
    work.mkdir()
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "cache"),
        "GIT_AUTHOR_NAME": "n",
        "GIT_AUTHOR_EMAIL": "a@b",
        "GIT_COMMITTER_NAME": "n",
        "GIT_COMMITTER_EMAIL": "a@b",
    }
    subprocess.run(["git", "init", "-q"], cwd=work, check=True, env=env)
    (work / "clean.md").write_text("The council met on Monday.\n")
    (work / "bad.md").write_text(
        "The council met. <!-- factcheck: ignore SRC003 -->\nCritics say it failed.\n"
    )
    subprocess.run(["git", "add", "."], cwd=work, check=True, env=env)

    head = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=REPO_ROOT, capture_output=True, text=True, check=True
    )
    config = {
        "repos": [
            {
                "repo": str(REPO_ROOT),
                "rev": head.stdout.strip(),
                "hooks": [{"id": "factcheck", "args": ["--fail-on", "warning"]}],
            }
        ]
    }
    (work / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config))

    def run(*files: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [pre_commit, "run", "--verbose", "--files", *files],
            cwd=work,
            capture_output=True,
            text=True,
            env=env,
            timeout=600,
        )

    passed = run("clean.md")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    failed = run("bad.md")
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "SRC003" in failed.stdout
