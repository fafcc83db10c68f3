"""The Python API for CMS integrations and notebooks: the same pipeline as the CLI, returning the
pydantic ``Report`` instead of printing it.

    >>> from factcheck import check_text
    >>> report = check_text("Sales rose from $10m to $12m, an increase of 50%.")  # doctest: +SKIP
    >>> report.articles[0].verdicts[0].status  # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from factcheck.config import Config, Settings
from factcheck.engine import Engine
from factcheck.plugins import get_plugin_manager
from factcheck.report import Report
from factcheck.run import RunStream, check_all, expand_paths


def _engine(config: Config | Settings | None, blocked: Iterable[str], offline: bool) -> Engine:
    if isinstance(config, Settings):
        config = Config(config)
    elif config is not None:  # never change the caller's object: the run works on a copy
        config = Config(
            config.settings.model_copy(deep=True), config.path, config.text, config.options, config.prefix
        )
    config = config or Config()
    if offline:
        network = config.settings.network.model_copy(update={"offline": True})
        config.settings = config.settings.model_copy(update={"network": network})
    return Engine(config, get_plugin_manager(blocked=blocked))


def _collect(engine: Engine, stream: RunStream) -> Report:
    articles = tuple(stream)
    engine.close()
    return Report(tool=stream.tool, articles=articles, summary=stream.summary)


def check_text(
    text: str,
    *,
    path: str = "article.txt",
    date: dt.date | None = None,
    config: Config | Settings | None = None,
    blocked: Iterable[str] = (),
    offline: bool = False,
) -> Report:
    """Check one article given as a string; ``path``'s suffix picks the loader (.md, .html)."""
    engine = _engine(config, blocked, offline)
    if date is not None:
        check = engine.config.settings.check.model_copy(update={"date": date})
        engine.config.settings = engine.config.settings.model_copy(update={"check": check})
    reports = [engine.check_text(text, path)]
    return _collect(engine, RunStream(reports, engine.tool, engine.config, engine.registry.rules))


def check_paths(
    paths: Iterable[str | Path],
    *,
    config: Config | Settings | None = None,
    blocked: Iterable[str] = (),
    offline: bool = False,
) -> Report:
    """Check files and folders, as ``factcheck check`` does, and return the whole report."""
    engine = _engine(config, blocked, offline)
    items = expand_paths([str(p) for p in paths], engine.config.settings.check.extensions)
    stream = RunStream(check_all(engine, items), engine.tool, engine.config, engine.registry.rules)
    return _collect(engine, stream)
