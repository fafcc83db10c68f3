"""Shared fixtures: a fresh engine with only the built-in plugins (no third-party entry points),
optionally with inline test plugins, and helpers to write articles to disk."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

from factcheck.config.settings import Config, Settings
from factcheck.engine.engine import Engine
from factcheck.plugin_system.manager import get_plugin_manager

REPO_ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_ARTICLE = REPO_ROOT / "examples" / "ceasefire-call.txt"
DATA_DIR = REPO_ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """factcheck's cache on disk (``factcheck.rules.cache``) in a folder of this session, for
    this process and the ones it starts: tests never read or fill the developer's own."""
    previous = os.environ.get("FACTCHECK_CACHE_DIR")
    os.environ["FACTCHECK_CACHE_DIR"] = str(tmp_path_factory.mktemp("factcheck-cache"))
    yield
    if previous is None:
        del os.environ["FACTCHECK_CACHE_DIR"]
    else:
        os.environ["FACTCHECK_CACHE_DIR"] = previous


@pytest.fixture
def make_engine() -> Iterator[Callable[..., Engine]]:
    """Build an engine from built-ins plus ``extra=[(name, plugin)]``, blocking ``blocked``."""
    made: list[Engine] = []

    def build(
        extra: Iterable[tuple[str, Any]] = (),
        blocked: Iterable[str] = (),
        settings: dict[str, Any] | None = None,
    ) -> Engine:
        config = Config(Settings.model_validate(settings or {}))
        engine = Engine(config, get_plugin_manager(load_entrypoints=False, blocked=blocked, extra=extra))
        made.append(engine)
        return engine

    yield build
    for engine in made:
        engine.close()


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str | bytes], Path]:
    def write_file(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return write_file


def skip_unless_required(message: str, variable: str) -> None:
    """Skip, except where ``variable`` is ``1`` (``.ci/run`` sets it): there the test fails,
    so a missing dataset or browser can never turn CI green by skipping."""
    if os.environ.get(variable) == "1":
        pytest.fail(f"{message} ({variable}=1)")
    pytest.skip(message)


def needs_data(*parts: str) -> Path:
    """A dataset path, or skip the test when ../shared/data is not beside the checkout.

    CI sets ``FACTCHECK_REQUIRE_DATA=1`` (``.ci/run``): there a missing dataset fails the test,
    so a green run can never mean "skipped"."""
    path = DATA_DIR.joinpath(*parts)
    if not path.exists():
        skip_unless_required(f"dataset not available: {path}", "FACTCHECK_REQUIRE_DATA")
    return path


@pytest.fixture
def shared_data() -> Path:
    """The datasets folder, for tests that read several corpora (skips or fails as needs_data)."""
    needs_data("bbc_news", "bbc_news.jsonl")
    return DATA_DIR
