"""What a command-line command contributed by a plugin is, and what it may ask of factcheck.

A plugin adds ``factcheck NAME ...`` by registering a ``Command`` in ``register_commands``: the
command declares its arguments on its own argparse sub-parser and runs with a ``CommandContext``,
which reads articles exactly as ``factcheck check`` does (same loaders, splitter, extractor and
configuration) without the plugin touching the engine. ``factcheck index`` and ``factcheck facts``
are built this way by the xref plugin.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, ClassVar, Protocol

if TYPE_CHECKING:
    from factcheck.config.settings import Config
    from factcheck.errors import ArticleError
    from factcheck.plugin_system.verifier import VerifyContext


class ArticleReader(Protocol):
    """What a command's context reads with: the engine, seen from the plugin system's side."""

    config: Config

    def article_paths(self, paths: Iterable[str]) -> Iterator[str | ArticleError]: ...

    def analyse(self, path: str, data: bytes | None = None) -> VerifyContext: ...

    def close(self) -> None: ...


class Command:
    """Subclass this, set ``name`` and ``help``, implement ``add_arguments`` and ``run``.

    ``reads_articles = True`` gives the command the options every article-reading command has
    (``--config``, ``--date``, ``-p no:NAME``), so its ``CommandContext`` reads articles with the
    configuration the user pointed at.
    """

    name: ClassVar[str] = ""
    help: ClassVar[str] = ""
    reads_articles: ClassVar[bool] = False

    def add_arguments(self, parser: argparse.ArgumentParser) -> None:
        """Declare the command's arguments on its own sub-parser."""

    def run(self, args: argparse.Namespace, context: CommandContext) -> int:
        """Do the work; return the exit code (0 done, 1 findings, 2 bad input).

        Raise ``factcheck.plugin.UsageError`` or an ``InputError`` for a problem the user can
        fix: the command line prints it on one line and exits 2.
        """
        raise NotImplementedError


class CommandContext:
    """What a plugin's command may use: the run's configuration and the article reader.

    The engine is built on first use, so a command that reads no article (``facts import``)
    pays nothing for plugins and rule packs.
    """

    def __init__(self, make_reader: Callable[[], ArticleReader]) -> None:
        self._make_reader = make_reader
        self._reader: ArticleReader | None = None

    @property
    def _engine(self) -> ArticleReader:
        if self._reader is None:
            self._reader = self._make_reader()
        return self._reader

    @property
    def config(self) -> Config:
        """The configuration, with ``--config`` and ``--date`` applied."""
        return self._engine.config

    def article_paths(self, paths: Iterable[str]) -> Iterator[str | ArticleError]:
        """Files as given and folders searched for article suffixes, as ``check`` expands them;
        a missing path comes back as an ``ArticleError`` in its place."""
        return self._engine.article_paths(paths)

    def read(self, path: str, data: bytes | None = None) -> VerifyContext:
        """One article read, split and annotated as ``check`` would, as the view a verifier gets
        (``context.article``, ``context.statements``, ``context.attributions``).

        Raises ``ArticleError`` (an ``InputError``) for a file that cannot be read or parsed.
        """
        return self._engine.analyse(path, data)

    def close(self) -> None:
        if self._reader is not None:
            self._reader.close()
