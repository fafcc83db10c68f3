"""Configuration: where it is found, what it may contain, and how plugins read their part.

Looked up in this order, first found wins: ``--config FILE``; ``factcheck.toml`` in the current
folder or any parent; ``[tool.factcheck]`` in the nearest ``pyproject.toml``; built-in defaults.
``config.toml`` at the repository root documents every default, and a test keeps it equal to the
models below. Unknown keys, wrong types and bad values are errors naming file, line and key.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from factcheck.config.tomlfile import line_of, read_toml, validation_error
from factcheck.errors import ConfigError

if TYPE_CHECKING:
    from factcheck.rules.packs import RuleSet

SettingsT = TypeVar("SettingsT", bound=BaseModel)
FailLevel = Literal["info", "warning", "error", "never"]


class Section(BaseModel):
    """Base of every settings table: a mistyped key fails instead of being silently ignored.

    Validators are built on first use (``defer_build``): a run validates few of the tables."""

    model_config = ConfigDict(extra="forbid", defer_build=True)


class CheckSettings(Section):
    fail_on: FailLevel = "error"
    select: list[str] = Field(default_factory=list)
    ignore: list[str] = Field(default_factory=list)
    timeout: float = Field(default=10.0, gt=0, le=3600, allow_inf_nan=False)
    jobs: int = Field(default=1, ge=1, le=256)
    date: dt.date | None = None
    min_checkworthiness: float = Field(default=0.0, ge=0.0, le=1.0)
    baseline: str = ""
    extensions: list[str] = Field(default_factory=lambda: [".txt", ".md", ".markdown", ".html", ".htm"])
    # Article files (and stdin) larger than this are refused with exit 2: 2 MiB is ~300,000 words.
    max_article_bytes: int = Field(default=2_097_152, ge=1, le=1_073_741_824)
    # Articles the built-in splitter finds more statements in are refused with exit 2.
    max_statements: int = Field(default=10_000, ge=1, le=1_000_000)
    exclude: list[str] = Field(
        default_factory=lambda: ["node_modules/", ".venv/", "venv/", "__pycache__/", "site-packages/"]
    )
    extend_exclude: list[str] = Field(default_factory=list)
    respect_gitignore: bool = True
    force_exclude: bool = False

    @field_validator("select", "ignore")
    @classmethod
    def _codes_upper(cls, codes: list[str]) -> list[str]:
        return [code.strip().upper() for code in codes if code.strip()]


class CombineSettings(Section):
    policy: str = "strict"


class NetworkSettings(Section):
    offline: bool = False
    timeout: float = Field(default=10.0, gt=0, le=300, allow_inf_nan=False)
    max_bytes: int = Field(default=2_000_000, gt=0)
    allow_hosts: list[str] = Field(default_factory=list)
    allowed_providers: list[str] = Field(default_factory=list)
    user_agent: str = "factcheck (+https://example.invalid/factcheck)"
    # The on-disk response cache (SQLite), its time-to-live, and replay mode (cache only).
    cache_path: str = ".factcheck_cache/http.sqlite"
    cache_ttl: float = Field(default=86_400.0, ge=0)
    replay: bool = False
    # Bounded retries on 429/5xx and connection errors, with exponential backoff; a server's
    # Retry-After is honoured up to max_retry_wait seconds.
    retries: int = Field(default=2, ge=0, le=10)
    backoff: float = Field(default=0.5, ge=0, le=60)
    max_retry_wait: float = Field(default=10.0, ge=0, le=300)
    # Concurrent requests per host, and look-ups in flight per article (a thread pool).
    per_host: int = Field(default=4, ge=1, le=64)
    workers: int = Field(default=8, ge=1, le=64)


class RulesSettings(Section):
    paths: list[str] = Field(default_factory=list)


class ServeSettings(Section):
    """``factcheck serve``: the newsroom review service (docs/service.md)."""

    host: str = "127.0.0.1"
    port: int = Field(default=8765, ge=0, le=65535)
    # "" is the embedded SQLite file below; "postgresql://user@host/db" shares one database
    # between several instances.
    database_url: str = ""
    sqlite_path: str = ".factcheck_serve/factcheck.sqlite"
    # Check worker processes; a check past check_timeout seconds is killed and its worker replaced.
    workers: int = Field(default=2, ge=1, le=64)
    check_timeout: float = Field(default=60.0, gt=0, le=3600, allow_inf_nan=False)
    # Checks waiting for a worker beyond this many are refused with 503 and Retry-After.
    max_queue: int = Field(default=64, ge=1, le=4096)
    max_request_bytes: int = Field(default=2_000_000, gt=0)
    # Seconds in-flight requests get to finish on SIGTERM before the server stops anyway.
    shutdown_grace: float = Field(default=30.0, ge=0, le=600)


class Settings(Section):
    check: CheckSettings = Field(default_factory=CheckSettings)
    combine: CombineSettings = Field(default_factory=CombineSettings)
    network: NetworkSettings = Field(default_factory=NetworkSettings)
    rules: RulesSettings = Field(default_factory=RulesSettings)
    serve: ServeSettings = Field(default_factory=ServeSettings)
    plugins: dict[str, dict[str, Any]] = Field(default_factory=dict)


class Config:
    """The run's configuration as hooks see it: settings, their file, CLI options, loaded rules."""

    def __init__(
        self,
        settings: Settings | None = None,
        path: Path | None = None,
        text: str = "",
        options: argparse.Namespace | None = None,
        prefix: tuple[str, ...] = (),
    ) -> None:
        self.settings = settings or Settings()
        self.path = path
        self.text = text
        self.options = options or argparse.Namespace()
        self.prefix = prefix
        self.rules: RuleSet | None = None
        #: Plugins that have read their ``[plugins.NAME]`` table (``plugin_settings``).
        self.settings_read: set[str] = set()

    @property
    def location(self) -> str:
        return str(self.path) if self.path else "<defaults>"

    def resolve(self, path: str | Path) -> Path:
        """A path from the configuration, relative to the config file's folder (as a reader of
        the file expects), or to the current folder when there is no file."""
        given = Path(path).expanduser()
        if given.is_absolute() or self.path is None:
            return given
        return self.path.parent / given

    def plugin_settings(self, name: str, model: type[SettingsT]) -> SettingsT:
        """Validate and return the ``[plugins.<name>]`` table with the plugin's own model."""
        raw = self.settings.plugins.get(name, {})
        self.settings_read.add(name)
        try:
            return model.model_validate(raw)
        except ValidationError as exc:
            raise validation_error(
                exc, self.text, self.location, ConfigError, (*self.prefix, "plugins", name)
            ) from None


def _validate(raw: dict[str, Any], text: str, path: Path, prefix: tuple[str, ...]) -> Settings:
    try:
        return Settings.model_validate(raw)
    except ValidationError as exc:
        raise validation_error(exc, text, str(path), ConfigError, prefix) from None


def load_config_file(path: Path, options: argparse.Namespace | None = None) -> Config:
    """Load ``factcheck.toml``/``config.toml`` or a ``pyproject.toml``'s ``[tool.factcheck]``."""
    if not path.is_file():
        raise ConfigError("config file not found", str(path))
    text, raw = read_toml(path, ConfigError)
    prefix: tuple[str, ...] = ()
    if path.name == "pyproject.toml":
        tool = raw.get("tool", {})
        raw = tool.get("factcheck", {}) if isinstance(tool, dict) else {}
        if not isinstance(raw, dict):
            raise ConfigError(
                "[tool.factcheck] must be a table", str(path), line_of(text, ["tool", "factcheck"])
            )
        prefix = ("tool", "factcheck")
    config = Config(_validate(raw, text, path, prefix), path, text, options, prefix)
    return _anchor_paths(config)


def _anchor_paths(config: Config) -> Config:
    """Paths written in a config file mean paths next to that file, wherever factcheck runs."""
    settings = config.settings
    check, network, serve = settings.check, settings.network, settings.serve
    updates_check = {"baseline": str(config.resolve(check.baseline))} if check.baseline else {}
    updates_network = {"cache_path": str(config.resolve(network.cache_path))} if network.cache_path else {}
    updates_serve = {"sqlite_path": str(config.resolve(serve.sqlite_path))} if serve.sqlite_path else {}
    config.settings = settings.model_copy(
        update={
            "check": check.model_copy(update=updates_check),
            "network": network.model_copy(update=updates_network),
            "serve": serve.model_copy(update=updates_serve),
        }
    )
    return config


def find_config(start: Path) -> Path | None:
    """The nearest ``factcheck.toml``, or ``pyproject.toml`` with a ``[tool.factcheck]`` table."""
    for folder in [start, *start.parents]:
        candidate = folder / "factcheck.toml"
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            try:
                if "[tool.factcheck" in pyproject.read_text(encoding="utf-8"):
                    return pyproject
            except (OSError, UnicodeDecodeError):
                continue
    return None


def load_config(explicit: str | None, options: argparse.Namespace | None = None) -> Config:
    """The configuration a run uses: the explicit file, the nearest one found, or the defaults."""
    if explicit:
        return load_config_file(Path(explicit), options)
    found = find_config(Path.cwd())
    if found is None:
        return Config(options=options)
    return load_config_file(found, options)
