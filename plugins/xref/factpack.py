"""Fact packs: the newsroom's reference facts as validated TOML data, never code.

A pack is what a style book and a research desk already keep: who is who (with the house
spelling and the spellings to avoid), which offices they held and when, where organisations are
based and when they were founded, and free key/value facts, each with its public source and the
date it was true as of. The cross-reference verifier (``plugins/xref.py``) judges statements
against it; a role is judged *at the publication date*, so a pack lists holders with start and
end dates rather than "the current president".

Every model forbids unknown keys so a typo (``aliasses``) is an error naming the file and line,
not a fact silently ignored. ``import_facts`` turns a CSV or JSON Lines export (a style book, a
Wikidata query) into a pack file, so nothing here has to be typed by hand.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from factcheck.plugin import ConfigError, read_toml, validation_error

_SPACE = re.compile(r"\s+")
_POSSESSIVE = re.compile(r"['’]s?$")


def normalise_name(text: str) -> str:
    """Lower case, single spaces, no possessive, hyphens as hyphens: the key names are compared by."""
    text = _POSSESSIVE.sub("", text.strip())
    return _SPACE.sub(" ", text).lower()


def normalise_role(text: str) -> str:
    """A role as written ("the Foreign Minister", "US President") reduced to its comparable form."""
    text = _SPACE.sub(" ", text.replace("’", "'").strip().lower())
    return re.sub(r"^(?:the|a|an) ", "", text).rstrip(",.")


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)  # built when a pack is read


class Office(_Data):
    """A position that one person holds at a time (or a few, for ``shared = true``)."""

    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    title: str
    aliases: list[str] = Field(default_factory=list)  # how articles write it before a name
    source: str | None = None
    # Kept for life by convention ("President Clinton" in 2016): a past holder is not refuted.
    honorific: bool = False

    def names(self) -> set[str]:
        return {normalise_role(a) for a in [self.title, *self.aliases]}


class Role(_Data):
    office: str
    start: dt.date
    end: dt.date | None = None  # None: still in office as of the pack's date
    source: str | None = None

    def holds(self, when: dt.date) -> bool:
        return self.start <= when and (self.end is None or when < self.end)

    @model_validator(mode="after")
    def _ordered(self) -> Role:
        if self.end is not None and self.end < self.start:
            raise ValueError(f"role {self.office}: end {self.end} is before start {self.start}")
        return self


class FactEntity(_Data):
    """A person or organisation: ``name`` is the house spelling; ``variants`` are spellings to avoid."""

    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    name: str
    kind: Literal["person", "organisation", "place"] = "person"
    aliases: list[str] = Field(default_factory=list)
    variants: list[str] = Field(default_factory=list)
    roles: list[Role] = Field(default_factory=list)
    place: str | None = None  # where an organisation is based
    founded: int | None = Field(default=None, ge=1, le=3000)  # year
    source: str | None = None


class KeyFact(_Data):
    """A free fact: ``subject``'s ``key`` is ``value``, according to ``source``, as of ``as_of``."""

    subject: str
    key: str
    value: str
    source: str
    as_of: dt.date


class FactPack(_Data):
    name: str = "facts"
    description: str = ""
    as_of: dt.date | None = None
    office: list[Office] = Field(default_factory=list)
    entity: list[FactEntity] = Field(default_factory=list)
    fact: list[KeyFact] = Field(default_factory=list)

    @model_validator(mode="after")
    def _offices_exist(self) -> FactPack:
        known = {o.id for o in self.office}
        for entity in self.entity:
            for role in entity.roles:
                if role.office not in known:
                    raise ValueError(f"entity {entity.id}: unknown office {role.office!r}")
        return self


def load_pack(path: Path) -> FactPack:
    """One pack file, validated; errors name the file, line and key."""
    text, raw = read_toml(path, ConfigError)
    try:
        return FactPack.model_validate(raw)
    except ValidationError as exc:
        raise validation_error(exc, text, str(path), ConfigError) from None


@dataclass
class Facts:
    """Every loaded pack merged, with the look-up tables the verifier needs built once."""

    offices: dict[str, Office] = field(default_factory=dict)
    entities: list[FactEntity] = field(default_factory=list)
    by_name: dict[str, list[FactEntity]] = field(default_factory=dict)
    by_variant: dict[str, FactEntity] = field(default_factory=dict)
    by_role_name: dict[str, list[Office]] = field(default_factory=dict)

    def add(self, pack: FactPack) -> None:
        for office in pack.office:
            self.offices[office.id] = office
            for name in office.names():
                self.by_role_name.setdefault(name, []).append(office)
        for entity in pack.entity:
            self.entities.append(entity)
            for name in {normalise_name(n) for n in [entity.name, *entity.aliases]}:
                self.by_name.setdefault(name, []).append(entity)
            for variant in entity.variants:
                self.by_variant[variant] = entity
            whole = [v for v in entity.variants if " " in v]  # "Volodymyr Zelenskiy" names him too
            first = entity.name.split()[:-1]
            whole += [" ".join([*first, v]) for v in entity.variants if " " not in v and first]
            for name in {normalise_name(n) for n in [*whole, *entity.variants]} - {
                normalise_name(entity.name)
            }:
                if entity not in self.by_name.get(name, []):
                    self.by_name.setdefault(name, []).append(entity)

    def person(self, mention: str) -> FactEntity | None:
        """The one entity a mention names, or ``None`` when it names none or several."""
        found = self.by_name.get(normalise_name(mention), [])
        return found[0] if len(found) == 1 else None

    def holders(self, office: str, when: dt.date) -> list[tuple[FactEntity, Role]]:
        return [(e, r) for e in self.entities for r in e.roles if r.office == office and r.holds(when)]


def load_facts(folders: Iterable[Path]) -> Facts:
    facts = Facts()
    for folder in folders:
        paths = [folder] if folder.is_file() else sorted(folder.rglob("*.toml"))
        for path in paths:
            facts.add(load_pack(path))
    return facts


# --- importing: CSV / JSON Lines -> a pack file -------------------------------------------------

_LIST_KEYS = ("aliases", "variants")


def _rows(path: Path) -> Iterator[dict[str, Any]]:
    if path.suffix.lower() in {".jsonl", ".ndjson", ".json"}:
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if line.strip():
                    try:
                        yield json.loads(line)
                    except json.JSONDecodeError as exc:
                        raise ConfigError(f"not JSON: {exc.msg}", str(path), number) from None
        return
    with path.open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def _clean(row: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in row.items():
        if value in (None, ""):
            continue
        if key in _LIST_KEYS and isinstance(value, str):
            value = [v.strip() for v in value.split("|") if v.strip()]
        out[key] = value
    return out


def import_facts(path: Path, name: str = "imported") -> FactPack:
    """Read rows from CSV or JSON Lines into a validated pack.

    A row with ``key`` and ``value`` is a key/value fact (``subject, key, value, source, as_of``);
    a row with ``office`` is a role (``entity, name, office, office_title, start, end, source``);
    any other row is an entity (``id, name, kind, aliases, variants, place, founded, source``,
    lists separated by ``|``). Rows for one entity id merge.
    """
    offices: dict[str, dict[str, Any]] = {}
    entities: dict[str, dict[str, Any]] = {}
    facts: list[dict[str, Any]] = []
    for raw in _rows(path):
        row = _clean(raw)
        if "key" in row and "value" in row:
            facts.append(row)
        elif "office" in row:
            office = row.pop("office")
            offices.setdefault(office, {"id": office, "title": row.pop("office_title", office)})
            row.pop("office_title", None)
            entity_id = row.pop("entity")
            entry = entities.setdefault(entity_id, {"id": entity_id, "name": row.pop("name", entity_id)})
            row.pop("name", None)
            entry.setdefault("roles", []).append({"office": office, **row})
        else:
            entity_id = row.get("id") or _slug(str(row.get("name", "")))
            entry = entities.setdefault(entity_id, {"id": entity_id})
            entry.update({**row, "id": entity_id})
    data = {"name": name, "office": list(offices.values()), "entity": list(entities.values()), "fact": facts}
    try:
        return FactPack.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(
            f"imported rows are not a valid fact pack: {exc.errors()[0]['msg']}", str(path)
        ) from None


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "entity"


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | dt.date):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_toml_value(v)}" for k, v in value.items()) + " }"
    return json.dumps(str(value), ensure_ascii=False)


def pack_to_toml(pack: FactPack) -> str:
    """A pack written back as TOML (what ``factcheck facts import`` saves)."""
    lines = [f"name = {_toml_value(pack.name)}"]
    if pack.description:
        lines.append(f"description = {_toml_value(pack.description)}")
    sections: list[tuple[str, list[BaseModel]]] = [
        ("office", list(pack.office)),
        ("entity", list(pack.entity)),
        ("fact", list(pack.fact)),
    ]
    for table, items in sections:
        for item in items:
            lines.append(f"\n[[{table}]]")
            dumped = item.model_dump(exclude_defaults=True)
            for key, value in dumped.items():
                lines.append(f"{key} = {_toml_value(value)}")
    return "\n".join(lines) + "\n"


def command_import(source: str, output: str, name: str) -> int:
    """``factcheck facts import FILE -o OUT.toml``: validate and write; 0 on success."""
    from factcheck.plugin import write_text_atomic

    pack = import_facts(Path(source), name)
    text = pack_to_toml(pack)
    write_text_atomic(output, text)
    load_pack(Path(output))  # what we wrote must load back
    print(
        f"wrote {len(pack.entity)} entities, {len(pack.office)} offices, {len(pack.fact)} facts to {output}"
    )
    return 0
