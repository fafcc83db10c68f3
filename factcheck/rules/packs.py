"""Declarative rule packs: TOML data validated by pydantic, never code.

A rule file holds one rule: shared keys (``code``, ``name``, ``extends``, ``message``,
``description``, ``level``, ``link``, ``examples``) plus the keys of its ``extends`` type, which a
plugin registers through ``register_rule_types``. A *lexicon* file instead holds a named word
list (``[lexicon] name = …, entries = […]``) that code consults: attribution cues, titles,
anonymous-source phrases. Both are data a newsroom edits without touching Python.

Regexes in rules are compiled once, at load time, by ``factcheck.rules.safe_regex`` for RE2, a
linear-time engine, so no pattern in a rule file can hang a run; the metadata here is the single source for
``factcheck rule CODE``, the generated docs and SARIF's ``rules[]``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from factcheck.config.tomlfile import line_of, read_toml, validation_error
from factcheck.errors import RuleFileError
from factcheck.model.report import Severity, Status

if TYPE_CHECKING:
    from factcheck.rules.safe_regex import SafePattern

CODE_PATTERN = re.compile(r"^[A-Z]{1,3}[0-9]{3}$")
PREFIX_PATTERN = re.compile(r"^[A-Z]{1,3}$")
RuleT = TypeVar("RuleT", bound="RuleModel")


class Examples(BaseModel):
    """Text the rule flags (``bad``) and leaves alone (``good``); the docs show them and
    tests/test_rule_packs.py runs them through the whole pipeline.

    ``requires`` names what the examples need beyond the article itself (``"network"``, ``"archive"``,
    ``"sources"``, ``"facts"``); such examples are exercised by the owning plugin's own tests
    instead, because the generic runner cannot provide that context.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)
    bad: list[str] = Field(default_factory=list)
    good: list[str] = Field(default_factory=list)
    requires: str = ""


class RuleModel(BaseModel):
    """Keys every rule has. Rule types subclass this and add their own keys."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    code: str
    name: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    extends: str
    message: str
    description: str = Field(min_length=1)
    level: Severity = Severity.WARNING
    status: Status = Status.NEEDS_REVIEW
    link: str | None = None
    examples: Examples = Field(default_factory=Examples)
    #: ``false`` makes the rule opt-in: it runs only when ``--select``/``[check] select`` names it
    #: (or its prefix). For rules another rule supersedes when its plugin is installed.
    default_enabled: bool = True
    source: str = ""  # the file it came from; filled in by the loader

    @field_validator("code")
    @classmethod
    def _code_shape(cls, value: str) -> str:
        if not CODE_PATTERN.match(value):
            raise ValueError("rule codes are one to three capitals and three digits, like NUM001")
        return value

    @property
    def prefix(self) -> str:
        return self.code.rstrip("0123456789")

    def format_message(self, **values: object) -> str:
        """The message with ``{placeholders}`` filled; unknown placeholders are left as written."""
        return re.sub(r"\{(\w+)\}", lambda m: str(values.get(m.group(1), m.group(0))), self.message)


class VerifierRule(RuleModel):
    """Metadata for a rule whose logic lives in a Python verifier (``extends = "verifier"``)."""

    extends: Literal["verifier"] = "verifier"


class Lexicon(BaseModel):
    """A named list of words or phrases: data that verifiers and the extractor consult."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)
    name: str
    description: str = ""
    entries: list[str]


class _LexiconFile(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)
    lexicon: Lexicon


class RuleSet:
    """Every rule and lexicon loaded for a run, and which codes the run selects."""

    def __init__(
        self,
        rules: Iterable[RuleModel] = (),
        lexicons: dict[str, Lexicon] | None = None,
        select: Iterable[str] = (),
        ignore: Iterable[str] = (),
    ) -> None:
        self.rules: dict[str, RuleModel] = {r.code: r for r in rules}
        self.lexicons: dict[str, Lexicon] = dict(lexicons or {})
        self.select = tuple(select)
        self.ignore = tuple(ignore)

    def __iter__(self) -> Iterator[RuleModel]:
        return iter(sorted(self.rules.values(), key=lambda r: r.code))

    def __len__(self) -> int:
        return len(self.rules)

    def get(self, code: str) -> RuleModel | None:
        return self.rules.get(code)

    def of_type(self, cls: type[RuleT]) -> list[RuleT]:
        return [r for r in self if isinstance(r, cls) and self.enabled(r.code)]

    def lexicon(self, name: str) -> tuple[str, ...]:
        """A lexicon's entries, or an empty tuple when no pack defines it."""
        found = self.lexicons.get(name)
        return tuple(found.entries) if found else ()

    def enabled(self, code: str) -> bool:
        """``--select``/``--ignore`` by code or prefix; the longer match wins, as in ruff."""
        selected = _longest_match(code, self.select) if self.select else 0
        ignored = _longest_match(code, self.ignore)
        rule = self.rules.get(code)
        if rule is not None and not rule.default_enabled and selected == 0:
            return False
        if self.select and selected == 0:
            # Core codes (FC: a verifier failed) are reported unless ignored by name: a --select
            # must never hide that part of the check did not run.
            return code.startswith("FC") and not ignored
        return ignored <= selected if ignored else True


def _longest_match(code: str, patterns: Iterable[str]) -> int:
    return max((len(p) for p in patterns if code.startswith(p)), default=0)


def load_rule_file(path: Path, rule_types: dict[str, type[RuleModel]]) -> RuleModel | Lexicon:
    """Load one rule or lexicon file, with errors naming the file, line and key."""
    text, raw = read_toml(path, RuleFileError)
    if "lexicon" in raw:
        try:
            return _LexiconFile.model_validate(raw).lexicon
        except ValidationError as exc:
            raise validation_error(exc, text, str(path), RuleFileError) from None
    extends = raw.get("extends")
    if not isinstance(extends, str) or extends not in rule_types:
        valid = ", ".join(sorted(rule_types))
        raise RuleFileError(
            f"unknown rule type extends={extends!r}; valid types: {valid}",
            str(path),
            line_of(text, ["extends"]),
        )
    data: dict[str, Any] = {**raw, "source": str(path)}
    try:
        return rule_types[extends].model_validate(data)
    except ValidationError as exc:
        raise validation_error(exc, text, str(path), RuleFileError) from None


def load_rule_paths(
    folders: Iterable[Path], rule_types: dict[str, type[RuleModel]]
) -> tuple[list[RuleModel], dict[str, Lexicon]]:
    """Load every ``*.toml`` below the folders; a code defined twice is an error naming both.
    Read from the cache on disk while no file or rule type has changed (``factcheck.rules.cache``)."""
    from factcheck.rules.cache import cached_load

    return cached_load(list(folders), rule_types, lambda files: _load_files(files, rule_types))


def _load_files(
    files: Iterable[Path], rule_types: dict[str, type[RuleModel]]
) -> tuple[list[RuleModel], dict[str, Lexicon]]:
    rules: dict[str, RuleModel] = {}
    lexicons: dict[str, Lexicon] = {}
    for path in files:
        loaded = load_rule_file(path, rule_types)
        if isinstance(loaded, Lexicon):
            if loaded.name in lexicons:
                merged = [*lexicons[loaded.name].entries, *loaded.entries]
                loaded = loaded.model_copy(update={"entries": merged})
            lexicons[loaded.name] = loaded
            continue
        if loaded.code in rules:
            raise RuleFileError(
                f"rule code {loaded.code} is already defined in {rules[loaded.code].source}",
                str(path),
            )
        rules[loaded.code] = loaded
    return list(rules.values()), lexicons


class BoilerplateRule(RuleModel):
    """Blocks matching these patterns (site footers, newsletter pitches) are not statements.

    ``patterns`` are regexes matched against the start of a block's text, case-insensitively, on
    the linear-time engine of ``factcheck.rules.safe_regex`` (every block of every article meets them, so
    one backtracking pattern would hang a run).
    """

    extends: Literal["boilerplate"] = "boilerplate"
    patterns: list[str] = Field(min_length=1)
    level: Severity = Severity.INFO

    def compiled(self) -> list[SafePattern]:
        """The patterns joined into one, so each block costs one engine call, not one per pattern."""
        from factcheck.rules.safe_regex import compile_any

        return [compile_any(self.patterns, re.IGNORECASE)]

    @field_validator("patterns")
    @classmethod
    def _safe(cls, patterns: list[str]) -> list[str]:
        from factcheck.rules.safe_regex import UnsafePatternError, compile_safe

        for pattern in patterns:
            if compile_safe(pattern, re.IGNORECASE).fullmatch("") is not None:
                raise UnsafePatternError(f"pattern {pattern!r} matches the empty string, so every block")
        return patterns


#: Rule types the core itself understands; plugins add theirs through ``register_rule_types``.
CORE_RULE_TYPES: dict[str, type[RuleModel]] = {
    "verifier": VerifierRule,
    "boilerplate": BoilerplateRule,
}


def shipped_rules(folder: str) -> Path:
    """A folder of the rule packs installed with factcheck (the ``rules/`` tree of the repo)."""
    from importlib import resources

    return Path(str(resources.files("factcheck_rules") / folder))
