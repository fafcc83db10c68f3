"""Every hook factcheck calls, in the order a check runs them. Each docstring is the contract.

Plugins implement hooks with ``@factcheck.hookimpl`` on module-level functions or methods, and
may accept any subset of a hook's arguments (pluggy's opt-in arguments), so hooks can gain
arguments without breaking plugins. Arguments are never renamed or removed.

Verifiers, renderers and combination policies are *registered objects*, not hooks called once per
statement: one raising implementation aborts a pluggy call and hides which plugin failed, while
the engine calls each registered verifier itself, under a deadline, and turns a failure into an
``error`` verdict that names it.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pluggy

if TYPE_CHECKING:
    from factcheck.config.settings import Config
    from factcheck.model.article import Annotation, Article, Statement
    from factcheck.model.report import Summary
    from factcheck.network.evidence import EvidenceProvider
    from factcheck.plugin_system.command import Command
    from factcheck.plugin_system.policy import CombinationPolicy
    from factcheck.plugin_system.renderer import Renderer
    from factcheck.plugin_system.verifier import Verifier
    from factcheck.rules.packs import RuleModel

PROJECT_NAME = "factcheck"

hookspec = pluggy.HookspecMarker(PROJECT_NAME)
hookimpl = pluggy.HookimplMarker(PROJECT_NAME)


# --- Start-up: options, configuration, rules -----------------------------------------------------


@hookspec
def add_options(parser: argparse.ArgumentParser) -> None:
    """Add command-line flags for ``factcheck check``.

    Called once, before the arguments are parsed. Add flags to a group named after your plugin
    (``parser.add_argument_group("myplugin")``); their values reach you as ``config.options``.

    :param parser: the ``check`` subcommand's parser.
    """


@hookspec(historic=True)
def configure(config: Config) -> None:
    """Configuration is loaded and validated; read your own settings here.

    Settings live in the ``[plugins.<name>]`` table. Read them with
    ``config.plugin_settings("<name>", MySettings)``, where ``MySettings`` is a pydantic model
    with ``extra="forbid"`` so a mistyped key is an error naming file, line and key.
    Historic: a plugin registered later still receives this call.

    :param config: the run's configuration.
    """


@hookspec
def register_rule_types(register: Callable[[str, type[RuleModel]], None]) -> None:
    """Declare the rule types (the ``extends`` values) your plugin understands.

    Call ``register(name, model)`` once per type; ``model`` subclasses ``factcheck.rules.packs.RuleModel``
    and validates the type's own keys. Rule files whose ``extends`` names no registered type are
    a load error listing the valid ones.

    :param register: the callback that records a rule type.
    """


@hookspec
def rule_paths(config: Config) -> list[Path]:
    """Folders of TOML rule files that your plugin ships (usually package data).

    The core loads and validates every ``*.toml`` below them. Return an empty list if you ship
    none.

    :param config: the run's configuration.
    :return: folders to load rule files from.
    """
    raise NotImplementedError


# --- Reading an article --------------------------------------------------------------------------


@hookspec(firstresult=True)
def load_article(path: str, text: str, config: Config) -> Article | None:
    """Parse one decoded file into an ``Article``, keeping ``text`` byte for byte as its source.

    Return ``None`` when the format is not yours (judge by the suffix of ``path``, or sniff
    ``text`` when ``path`` is ``"-"``). The built-in loaders are ``trylast``, so yours wins.
    Raise ``factcheck.ArticleError`` with a line and column for malformed input.
    Stops at first non-None result.

    :param path: the file's path as given on the command line, or ``"-"`` for stdin.
    :param text: the file's decoded contents.
    :param config: the run's configuration.
    :return: the article, or ``None`` to let another loader try.
    """


@hookspec(firstresult=True)
def split_statements(article: Article, config: Config) -> list[Statement] | None:
    """Cut the article's visible text into checkable statements (sentences and clauses).

    Statements carry ``start``/``end`` into ``article.source`` with ``text`` equal to that slice;
    annotations and scores are added by later hooks. Stops at first non-None result.

    :param article: the loaded article, boilerplate already masked.
    :param config: the run's configuration.
    :return: statements in text order, or ``None`` to defer to the next implementation.
    """


@hookspec
def extract_annotations(article: Article, statements: list[Statement], config: Config) -> list[Annotation]:
    """Find quantities, dates, entities, quotations and attributions in the article.

    Every implementation contributes; the core merges the lists, drops exact duplicates and hands
    each statement the annotations that fall inside it. Add an NER model this way without
    touching the core.

    :param article: the loaded article.
    :param statements: its statements, in text order.
    :param config: the run's configuration.
    :return: annotations with offsets into ``article.source``.
    """
    raise NotImplementedError


@hookspec(firstresult=True)
def score_checkworthiness(statement: Statement, article: Article, config: Config) -> float | None:
    """How much a statement deserves a fact-checker's time, in ``[0, 1]``.

    Called after annotation, so the score can use them. Stops at first non-None result.

    :param statement: an annotated statement.
    :param article: the article it belongs to.
    :param config: the run's configuration.
    :return: the score, or ``None`` to defer.
    """


# --- Registries ----------------------------------------------------------------------------------


@hookspec
def register_verifiers(register: Callable[[Verifier], None], config: Config) -> None:
    """Register your ``factcheck.Verifier`` objects with ``register(verifier)``.

    A verifier names the rule-code prefixes it owns; two plugins claiming one prefix is a load
    error naming both.

    :param register: the callback that records a verifier.
    :param config: the run's configuration.
    """


@hookspec
def register_policies(register: Callable[[CombinationPolicy], None]) -> None:
    """Register verdict-combination policies; ``[combine] policy`` in the config picks one.

    :param register: the callback that records a policy.
    """


@hookspec
def register_renderers(register: Callable[[Renderer], None]) -> None:
    """Register report renderers; their names become the choices of ``--format``.

    :param register: the callback that records a renderer.
    """


@hookspec
def register_evidence_providers(register: Callable[[EvidenceProvider], None], config: Config) -> None:
    """Register remote evidence providers: fact-check search, knowledge bases, an archive API.

    Providers never open sockets themselves: every request goes through the run's guarded HTTP
    door (``factcheck.network.fetch``), which applies ``--offline``, time-outs, size limits, the cache,
    the private-address block and the embargo policy for unpublished text.

    :param register: the callback that records a provider.
    :param config: the run's configuration.
    """


@hookspec
def register_commands(register: Callable[[Command], None]) -> None:
    """Add subcommands to the ``factcheck`` command line with ``register(command)``.

    A ``factcheck.plugin.Command`` names itself, declares its arguments and runs with a
    ``CommandContext`` that reads articles as ``check`` does. A name that is already taken (by
    factcheck or another plugin) is a load error naming both.

    :param register: the callback that records a command.
    """


# --- The end of a run ----------------------------------------------------------------------------


@hookspec
def run_finished(summary: Summary, config: Config) -> None:
    """Every article has been checked and the report written. A notification: return nothing.

    :param summary: the run's totals and exit code.
    :param config: the run's configuration.
    """
