"""The exceptions factcheck raises, and which of them a user ever sees.

    FactcheckError
    ├── InputError            one line, ``path:line:col: message``; exit code 2
    │   ├── ArticleError      an article cannot be read or parsed
    │   ├── ConfigError       a config file has an unknown key, a wrong type or a bad value
    │   └── RuleFileError     a rule file is malformed or names an unknown rule type
    ├── UsageError            a command line that makes no sense; exit code 2
    └── PluginError
        ├── PluginLoadError       a plugin failed to import or clashes with another; reported
        │                         and skipped unless ``--strict-plugins``
        └── PluginExecutionError  a verifier raised or timed out; never reaches the user as an
                                  exception: the engine turns it into an ``error`` verdict
    FetchError                a remote call refused or failed (offline, private address, size)

Every user-facing message fits on one line and names the file (and where known the line) it is
about, so an editor can jump to it and a CI log stays readable.
"""

from __future__ import annotations


class FactcheckError(Exception):
    """Base of every error factcheck raises on purpose."""


class InputError(FactcheckError):
    """Bad input from the user: printed as one line and mapped to exit code 2."""

    def __init__(self, message: str, path: str = "", line: int = 1, column: int = 1) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.column = column
        # Further problems found in the same pass (every bad key of a config file, not only the
        # first): ``one_line`` prints them too, one line each.
        self.more: list[InputError] = []

    def one_line(self) -> str:
        where = f"{self.path}:{self.line}:{self.column}: " if self.path else ""
        return "\n".join([f"{where}{self.message}", *(other.one_line() for other in self.more)])

    def __str__(self) -> str:
        return self.one_line()


class ArticleError(InputError):
    """An article cannot be decoded or parsed (bad UTF-8, malformed front matter...)."""


class ConfigError(InputError):
    """A configuration file is wrong: unknown key, wrong type, bad value."""


class CacheUnavailableError(ConfigError):
    """The response cache file cannot be created or opened (``factcheck.network.cache``);
    ``reason`` says why, in a few words."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"cannot open the response cache: {reason}", path)
        self.reason = reason


class RuleFileError(InputError):
    """A rule file is wrong: bad TOML, unknown ``extends``, a regex too risky to run."""


class UsageError(FactcheckError):
    """The command line asks for something impossible (unknown format, missing file)."""


class PluginError(FactcheckError):
    """Something went wrong inside or around a plugin."""

    def __init__(self, plugin: str, message: str) -> None:
        super().__init__(f"plugin {plugin!r}: {message}")
        self.plugin = plugin


class PluginLoadError(PluginError):
    """A plugin failed to import, or claims a rule prefix another plugin already owns."""


class PluginExecutionError(PluginError):
    """A verifier raised or exceeded its deadline while checking a statement."""

    def __init__(self, plugin: str, statement_id: str, exc: BaseException | str) -> None:
        detail = exc if isinstance(exc, str) else f"{type(exc).__name__}: {exc}"
        super().__init__(plugin, f"failed on {statement_id}: {detail}")
        self.statement_id = statement_id
        self.detail = str(detail)


class FetchError(FactcheckError):
    """A remote request was refused by policy or failed; never fatal to a run."""
