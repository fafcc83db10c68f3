"""Collecting what plugins register: rule types, rule packs, verifiers, renderers, policies.

Each hook implementation is called on its own (``call_each``), so the registry knows which plugin
contributed what: that is how ``factcheck plugins`` lists rule codes per plugin, and how a rule
prefix claimed by two plugins becomes a load error naming both.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from factcheck.config.settings import Config, Section
from factcheck.config.tomlfile import line_of
from factcheck.errors import ConfigError, InputError, PluginLoadError, UsageError
from factcheck.plugin_system.manager import FactcheckPluginManager, call_each
from factcheck.plugin_system.policy import CombinationPolicy
from factcheck.plugin_system.renderer import Renderer
from factcheck.plugin_system.verifier import Verifier
from factcheck.rules.packs import CORE_RULE_TYPES, Lexicon, RuleModel, RuleSet, load_rule_paths, shipped_rules

if TYPE_CHECKING:
    from factcheck.network.evidence import EvidenceProvider

#: Rule packs the core itself needs whatever plugins are loaded (FC: verifier failures, boilerplate).
CORE_RULE_FOLDERS = ("core", "boilerplate")


@dataclass
class Registry:
    """Everything the engine needs from plugins, gathered once per run."""

    rules: RuleSet
    verifiers: list[Verifier]
    renderers: dict[str, Renderer]
    policies: dict[str, CombinationPolicy]
    prefix_owner: dict[str, str] = field(default_factory=dict)
    codes_by_plugin: dict[str, list[str]] = field(default_factory=dict)

    def renderer(self, name: str) -> Renderer:
        try:
            return self.renderers[name]
        except KeyError:
            valid = ", ".join(sorted(self.renderers))
            raise UsageError(f"unknown format {name!r}; choose from: {valid}") from None

    def policy(self, name: str) -> CombinationPolicy:
        try:
            return self.policies[name]
        except KeyError:
            valid = ", ".join(sorted(self.policies))
            raise UsageError(f"unknown combination policy {name!r}; choose from: {valid}") from None


def _claim(owner: dict[str, str], prefix: str, plugin: str) -> None:
    holder = owner.setdefault(prefix, plugin)
    if holder != plugin:
        raise PluginLoadError(plugin, f"rule prefix {prefix} is already owned by plugin {holder!r}")


def _register_into(store: dict[str, Any], plugin: str, kind: str) -> Any:
    def register(item: Any) -> None:
        name = getattr(item, "name", "") or plugin
        if name in store:
            raise PluginLoadError(plugin, f"{kind} {name!r} is already registered")
        store[name] = item

    return register


def check_plugin_sections(pm: FactcheckPluginManager, config: Config) -> None:
    """A ``[plugins.NAME]`` table for a plugin nobody has heard of is a typo, not a no-op."""
    known = {name for name, _ in pm.list_name_plugin()}
    known |= set(pm.load_report.blocked) | {failure.plugin for failure in pm.load_report.failed}
    for name in config.settings.plugins:
        if name not in known:
            choices = ", ".join(sorted(n for n in known if n))
            line = line_of(config.text, [*config.prefix, "plugins", name])
            raise ConfigError(
                f"[plugins.{name}] names no installed plugin; known: {choices}", config.location, line
            )


def _declared_models(plugin: object) -> list[type[Section]]:
    """The settings models a plugin declares: ``Section`` subclasses in its namespace."""
    found: list[type[Section]] = []
    for name in dir(plugin):
        value = getattr(plugin, name, None)
        if isinstance(value, type) and issubclass(value, Section) and value is not Section:
            if value not in found:
                found.append(value)
    return found


def check_plugin_settings(pm: FactcheckPluginManager, config: Config) -> None:
    """A ``[plugins.NAME]`` key nobody reads is a typo or a wrong table, not a no-op.

    Called once every start-up hook has run. A plugin that read its table then validated it
    with its own model, and one with a ``configure`` hook may have read it there by hand. One
    that declares a settings model (a ``Section`` subclass) reads it later, as a renderer does
    when it renders: with one such model, the table is validated now, so a typo fails the run
    even when that plugin is not used. A plugin with no model that never read its table has no
    settings: any key is an error naming the file, line and key.
    """
    configuring = {impl.plugin_name for impl in pm.hook.configure.get_hookimpls()}
    for name, table in config.settings.plugins.items():
        if not table or name in config.settings_read or name in configuring:
            continue
        plugin = pm.get_plugin(name)
        if plugin is None:  # blocked, or failed to load: its settings cannot be judged
            continue
        models = _declared_models(plugin)
        if len(models) == 1:
            config.plugin_settings(name, models[0])
            continue
        if models:
            continue
        key = next(iter(table))
        line = line_of(config.text, [*config.prefix, "plugins", name, key])
        raise ConfigError(
            f"unknown key {key!r} in [plugins.{name}]: plugin {name!r} has no settings", config.location, line
        )


def _guarded(plugin: str, hook: str, call: Callable[..., Any], **kwargs: Any) -> Any:
    """Run one plugin's registration hook; its failure is a load error naming it (exit 2)."""
    try:
        return call(**kwargs)
    except (PluginLoadError, InputError):
        raise
    except Exception as exc:
        detail = " ".join(f"{type(exc).__name__}: {exc}".split())
        raise PluginLoadError(plugin, f"{hook} failed: {detail} (block it with -p no:{plugin})") from exc


def _config_rule_folders(config: Config) -> list[Path]:
    """``[rules] paths``, relative to the config file's folder; a missing folder is an error."""
    folders = []
    for raw in config.settings.rules.paths:
        folder = config.resolve(raw)
        if not folder.is_dir():
            line = line_of(config.text, [*config.prefix, "rules", "paths"])
            raise ConfigError(f"rule folder {raw!r} does not exist ({folder})", config.location, line)
        folders.append(folder)
    return folders


def _check_selection(ruleset: RuleSet, config: Config) -> None:
    """A code in select/ignore that matches no rule is a typo that would silently hide findings."""
    codes = list(ruleset.rules)
    for option in ("select", "ignore"):
        for pattern in getattr(config.settings.check, option):
            if not any(code.startswith(pattern) for code in codes):
                line = line_of(config.text, [*config.prefix, "check", option]) if config.text else 1
                raise ConfigError(
                    f"--{option}/[check] {option}: {pattern!r} matches no rule; `factcheck rules` lists them",
                    config.location if config.path else "",
                    line,
                )


def build_registry(pm: FactcheckPluginManager, config: Config) -> Registry:
    """Ask every plugin for its contributions; validate rule files and prefix ownership."""
    check_plugin_sections(pm, config)
    hook = pm.hook
    owner: dict[str, str] = {}
    codes_by_plugin: dict[str, list[str]] = {}
    ruleset = _load_rules(pm, config, _rule_types(pm), owner, codes_by_plugin)
    _check_selection(ruleset, config)

    verifiers: dict[str, Verifier] = {}
    for plugin, function, kwargs in call_each(pm, hook.register_verifiers, register=None, config=config):
        before = set(verifiers)
        register = _register_into(verifiers, plugin, "verifier")
        _guarded(plugin, "register_verifiers", function, **{**kwargs, "register": register})
        for name in set(verifiers) - before:
            for prefix in verifiers[name].prefixes:
                _claim(owner, prefix, plugin)
    renderers: dict[str, Renderer] = _collect(pm, hook.register_renderers, "renderer")
    policies: dict[str, CombinationPolicy] = _collect(pm, hook.register_policies, "policy")
    config.rules = ruleset
    return Registry(
        rules=ruleset,
        verifiers=list(verifiers.values()),
        renderers=renderers,
        policies=policies,
        prefix_owner=owner,
        codes_by_plugin=codes_by_plugin,
    )


def _rule_types(pm: FactcheckPluginManager) -> dict[str, type[RuleModel]]:
    """The core's rule types and every plugin's (``register_rule_types``); a name twice is an error."""
    rule_types: dict[str, type[RuleModel]] = dict(CORE_RULE_TYPES)
    for plugin, function, kwargs in call_each(pm, pm.hook.register_rule_types, register=None):

        def register_type(name: str, model: type[RuleModel], _plugin: str = plugin) -> None:
            if name in rule_types:
                raise PluginLoadError(_plugin, f"rule type {name!r} is already registered")
            rule_types[name] = model

        _guarded(plugin, "register_rule_types", function, **{**kwargs, "register": register_type})
    return rule_types


def _load_rules(
    pm: FactcheckPluginManager,
    config: Config,
    rule_types: dict[str, type[RuleModel]],
    owner: dict[str, str],
    codes_by_plugin: dict[str, list[str]],
) -> RuleSet:
    """The core's rule packs, each plugin's (``rule_paths``) and the config's ``[rules] paths``;
    each rule prefix is claimed by the plugin whose pack defines it, and a code defined twice
    is a load error naming both files."""
    all_rules: list[RuleModel] = []
    lexicons: dict[str, Lexicon] = {}
    sources: list[tuple[str, list[Path]]] = [("factcheck", [shipped_rules(f) for f in CORE_RULE_FOLDERS])]
    for plugin, function, kwargs in call_each(pm, pm.hook.rule_paths, config=config):
        sources.append((plugin, [Path(p) for p in _guarded(plugin, "rule_paths", function, **kwargs) or []]))
    sources.append(("config", _config_rule_folders(config)))
    for plugin, folders in sources:
        rules, found_lexicons = load_rule_paths(folders, rule_types)
        for rule in rules:
            _claim(owner, rule.prefix, plugin)
            codes_by_plugin.setdefault(plugin, []).append(rule.code)
        all_rules.extend(rules)
        for name, lexicon in found_lexicons.items():
            if name in lexicons:
                lexicon = lexicon.model_copy(update={"entries": [*lexicons[name].entries, *lexicon.entries]})
            lexicons[name] = lexicon
    seen_codes: dict[str, str] = {}
    for rule in all_rules:
        if rule.code in seen_codes:
            raise PluginLoadError(
                "rules", f"{rule.code} defined in {seen_codes[rule.code]} and {rule.source}"
            )
        seen_codes[rule.code] = rule.source
    check = config.settings.check
    return RuleSet(all_rules, lexicons, select=check.select, ignore=check.ignore)


def _collect(pm: FactcheckPluginManager, hook: Any, kind: str) -> dict[str, Any]:
    """What each plugin registers through a ``register_*`` hook, by name; a name twice is an error."""
    store: dict[str, Any] = {}
    for plugin, function, kwargs in call_each(pm, hook, register=None):
        register = _register_into(store, plugin, kind)
        _guarded(plugin, hook.name, function, **{**kwargs, "register": register})
    return store


def collect_providers(pm: FactcheckPluginManager, config: Config) -> list[EvidenceProvider]:
    """Every evidence provider the plugins register; two with one name is a load error naming both."""
    found: dict[str, tuple[str, EvidenceProvider]] = {}
    hook = pm.hook.register_evidence_providers
    for plugin, function, kwargs in call_each(pm, hook, register=None, config=config):

        def register(provider: EvidenceProvider, _plugin: str = plugin) -> None:
            name = provider.name or _plugin
            if name in found:
                holder = found[name][0]
                raise PluginLoadError(_plugin, f"provider {name!r} is already registered by {holder}")
            found[name] = (_plugin, provider)

        function(**{**kwargs, "register": register})
    # The last start-up hook that reads settings has run: judge the tables nobody read.
    check_plugin_settings(pm, config)
    return [provider for _plugin, provider in found.values()]
