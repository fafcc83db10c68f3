"""Shared fixtures: a fresh engine with only the built-in plugins (no third-party entry points),
optionally with inline test plugins, and helpers to write articles to disk."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest

from factcheck.config.settings import Config, Settings
from factcheck.engine.engine import Engine
from factcheck.plugin_system.manager import get_plugin_manager

REPO_ROOT = Path(__file__).resolve().parent.parent
EXAMPLE_ARTICLE = REPO_ROOT / "examples" / "ceasefire-call.txt"
DATA_DIR = REPO_ROOT.parent / "shared" / "data"


@pytest.fixture
def make_engine() -> Callable[..., Engine]:
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


def needs_data(*parts: str) -> Path:
    """A dataset path, or skip the test when ../shared/data is not beside the checkout."""
    path = DATA_DIR.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"dataset not available: {path}")
    return path
