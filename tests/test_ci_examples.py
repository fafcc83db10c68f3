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

from factcheck.cli.arguments import build_parser
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
    formats = {"text", "json", "markdown", "html", "sarif", "junit", "github", "codeclimate", "concise"}
    for command in commands:
        argv = shlex.split(re.sub(r"\$\{\{[^}]*\}\}|\$\w+", "REF", command))[1:]
        args = parser.parse_args(argv)
        assert args.command == "check"
        assert args.format in formats


def _install_lines(node: object) -> list[str]:
    found: list[str] = []
    if isinstance(node, dict):
        for value in node.values():
            found += _install_lines(value)
    elif isinstance(node, list):
        for value in node:
            found += _install_lines(value)
    elif isinstance(node, str) and re.match(r"\s*(python3? -m )?pip install ", node):
        found.append(node.strip())
    return found


@pytest.mark.parametrize("path", CI_FILES, ids=lambda p: p.name)
def test_ci_examples_install_the_right_distribution(path):
    """No bare ``pip install factcheck``: that name on PyPI is an unrelated package."""
    document = yaml.safe_load(path.read_text())
    lines = _install_lines(document)
    assert lines == ['pip install "$FACTCHECK"'], lines
    spec = _find_key(document, "FACTCHECK")
    assert spec.startswith("newsroom-factcheck @ git+https://"), spec
    assert re.search(r"@v\d+\.\d+\.\d+$", spec), "pinned to a release tag"


def _find_key(node: object, key: str) -> str:
    if isinstance(node, dict):
        if key in node:
            return str(node[key])
        for value in node.values():
            if found := _find_key(value, key):
                return found
    elif isinstance(node, list):
        for value in node:
            if found := _find_key(value, key):
                return found
    return ""


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


# --- the examples, run for real ------------------------------------------------------------------

CLEAN = "The council met on Monday and approved the budget.\n"
CHANGED = (
    "The mayor said the city had hired 40 new teachers. Critics say it failed.\n\n"
    "A senior official, speaking on condition of anonymity, said the deal was close.\n"
)


def _git(cwd: Path, *args: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "n",
        "GIT_AUTHOR_EMAIL": "a@b",
        "GIT_COMMITTER_NAME": "n",
        "GIT_COMMITTER_EMAIL": "a@b",
    }
    subprocess.run(["git", *args], cwd=cwd, check=True, env=env, capture_output=True)


@pytest.fixture(scope="module")
def fresh_venv(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A wheel built from this checkout and a new venv without it; the environment to run an
    example's lines in, offline: no index, no config, dependencies visible from this venv."""
    root = tmp_path_factory.mktemp("ci-examples")
    source = root / "src"
    shutil.copytree(
        REPO_ROOT,
        source,
        ignore=shutil.ignore_patterns(
            ".venv", ".git", "build", "dist", "*.egg-info", "__pycache__", ".*cache*"
        ),
    )
    wheels = root / "wheels"
    built = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-index",
            "--no-build-isolation",
            "-w",
            str(wheels),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if built.returncode != 0:
        pytest.skip(f"cannot build the wheel offline: {built.stderr[-500:]}")
    (wheel,) = wheels.glob("newsroom_factcheck-*.whl")
    venv = root / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=300)
    # The new venv sees this venv's third-party packages (not factcheck itself) through a .pth
    # file, so the install resolves its dependencies without an index.
    deps = root / "deps"
    deps.mkdir()
    import sysconfig

    ours = Path(sysconfig.get_paths()["purelib"])
    skip = ("newsroom_factcheck", "__editable__", "factcheck", "pip", "_virtualenv")
    for entry in ours.iterdir():
        if entry.name.endswith(".pth") or entry.name.startswith(skip):
            continue
        (deps / entry.name).symlink_to(entry)
    purelib = subprocess.run(
        [str(venv / "bin" / "python"), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    (Path(purelib) / "zz-factcheck-test-deps.pth").write_text(str(deps) + "\n")
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "VIRTUAL_ENV", "PYTHON"))},
        "PATH": f"{venv / 'bin'}:{os.environ['PATH']}",
        "PIP_CONFIG_FILE": os.devnull,
        "PIP_NO_INDEX": "1",
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        "FACTCHECK": str(wheel),
        "NO_COLOR": "1",
    }


def _newsroom(tmp_path: Path) -> Path:
    """A newsroom repository: main (as origin/main) with a clean article, and a branch that
    edits one and adds another, plus a git-ignored draft and a node_modules file."""
    repo = tmp_path / "newsroom"
    (repo / "articles").mkdir(parents=True)
    _git(repo, "init", "-q", "-b", "main")
    (repo / "articles" / "clean.md").write_text("# Budget\n\n" + CLEAN)
    (repo / "articles" / "old.md").write_text(CLEAN)
    (repo / ".gitignore").write_text("drafts/\n")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "base")
    _git(repo, "update-ref", "refs/remotes/origin/main", "HEAD")
    _git(repo, "checkout", "-q", "-b", "story")
    (repo / "articles" / "new.md").write_text(CHANGED)
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "story")
    # main moves on after the branch was made: only the branch's own change must be checked.
    _git(repo, "checkout", "-q", "main")
    (repo / "articles" / "old.md").write_text(CLEAN + "Unemployment rose 4 percent.\n")
    _git(repo, "commit", "-q", "-am", "later on main")
    _git(repo, "update-ref", "refs/remotes/origin/main", "HEAD")
    _git(repo, "checkout", "-q", "story")
    (repo / "articles" / "drafts").mkdir()
    (repo / "articles" / "drafts" / "ignored.md").write_text(CHANGED)
    return repo


def _run_lines(path: Path) -> list[str]:
    """The example's shell lines in order: the install line and every factcheck command, with
    the CI system's variables filled in."""
    document = yaml.safe_load(path.read_text())
    lines = [*_install_lines(document), *_factcheck_commands(document)]
    return [
        re.sub(r"\$\{\{\s*github\.base_ref\s*\}\}|\$CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "main", line)
        for line in lines
    ]


@pytest.mark.slow
@pytest.mark.parametrize("path", CI_FILES, ids=lambda p: p.name)
def test_ci_example_runs_in_a_fresh_venv(path, fresh_venv, tmp_path):
    """The example's install line installs the wheel into a new venv, offline; its commands then
    check only the branch's changed article and write reports the CI system can read."""
    repo = _newsroom(tmp_path)
    lines = _run_lines(path)
    install, commands = lines[0], lines[1:]
    done = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", install],
        cwd=repo,
        env=fresh_venv,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    located = subprocess.run(
        ["bash", "-c", "command -v factcheck"], env=fresh_venv, capture_output=True, text=True
    )
    assert located.stdout.strip().startswith(str(Path(fresh_venv["FACTCHECK"]).parent.parent / "venv"))
    for command in commands:
        ran = subprocess.run(
            ["bash", "-euo", "pipefail", "-c", command],
            cwd=repo,
            env=fresh_venv,
            capture_output=True,
            text=True,
            timeout=600,
        )
        gate = re.search(r"--fail-on (\w+)", command)
        assert ran.returncode in ((0, 1) if gate and gate[1] != "never" else (0,)), ran.stderr
        output = ran.stdout
        if "--output" in command:
            output = (repo / command.split("--output ")[1].split()[0]).read_text()
        assert "new.md" in output, command
        assert "old.md" not in output and "clean.md" not in output, "only the branch's change"
        assert "ignored.md" not in output, "git-ignored drafts are not checked"
