"""The Python API for CMS integrations and notebooks: the same pipeline as the CLI, returning the
pydantic ``Report`` instead of printing it.

Configuration is found exactly as ``factcheck check`` finds it: with no ``config`` argument, the
nearest ``factcheck.toml`` (or ``[tool.factcheck]`` in ``pyproject.toml``) from the current folder
up, else the defaults; a path (``config="site/factcheck.toml"``) is ``--config FILE``; a ``Config``
or ``Settings`` object is used as given, and ``Settings()`` means the built-in defaults only.

    >>> from factcheck import check_text
    >>> report = check_text("Sales rose from $10m to $12m, an increase of 50%.")  # doctest: +SKIP
    >>> report.articles[0].verdicts[0].status  # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from factcheck.config.settings import Config, Settings, load_config
from factcheck.engine.batch import RunStream, check_all
from factcheck.engine.engine import Engine
from factcheck.model.report import Report
from factcheck.plugin_system.manager import get_plugin_manager
from factcheck.workflow.paths import find_articles

ConfigArg = Config | Settings | str | Path | None


def _engine(config: ConfigArg, blocked: Iterable[str], offline: bool) -> Engine:
    if config is None or isinstance(config, str | Path):
        config = load_config(str(config) if config is not None else None)
    elif isinstance(config, Settings):
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


class Checker:
    """A reusable checker for CMS integrations: plugins and rules load once, then any number of
    articles are checked. Use it as a context manager, or call ``close()``.

        >>> with Checker(offline=True) as checker:  # doctest: +SKIP
        ...     report = checker.check_text(draft, path="draft.md", date=dt.date(2025, 3, 19))
    """

    def __init__(
        self, config: ConfigArg = None, *, blocked: Iterable[str] = (), offline: bool = False
    ) -> None:
        self.engine = _engine(config, blocked, offline)

    def check_text(self, text: str, *, path: str = "article.txt", date: dt.date | None = None) -> Report:
        """Check one article given as a string; ``path``'s suffix picks the loader (.md, .html);
        ``date`` is the publication date when the article's front matter gives none."""
        engine = self.engine
        reports = [engine.check_text(text, path, date=date)]
        return _report(RunStream(reports, engine.tool, engine.config, engine.registry.rules))

    def check_paths(self, paths: Iterable[str | Path]) -> Report:
        """Check files and folders, as ``factcheck check`` does, and return the whole report."""
        engine = self.engine
        items = find_articles([str(p) for p in paths], engine.config)
        return _report(RunStream(check_all(engine, items), engine.tool, engine.config, engine.registry.rules))

    def close(self) -> None:
        self.engine.close()

    def __enter__(self) -> Checker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _report(stream: RunStream) -> Report:
    articles = tuple(stream)
    return Report(tool=stream.tool, articles=articles, summary=stream.summary)


def check_text(
    text: str,
    *,
    path: str = "article.txt",
    date: dt.date | None = None,
    config: ConfigArg = None,
    blocked: Iterable[str] = (),
    offline: bool = False,
) -> Report:
    """Check one article given as a string (a one-off ``Checker``)."""
    with Checker(config, blocked=blocked, offline=offline) as checker:
        return checker.check_text(text, path=path, date=date)


def check_paths(
    paths: Iterable[str | Path],
    *,
    config: ConfigArg = None,
    blocked: Iterable[str] = (),
    offline: bool = False,
) -> Report:
    """Check files and folders, as ``factcheck check`` does (a one-off ``Checker``)."""
    with Checker(config, blocked=blocked, offline=offline) as checker:
        return checker.check_paths(paths)
