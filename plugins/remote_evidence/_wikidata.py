"""The wikidata evidence provider itself (see ``wikidata``): imported only when the provider is
switched on, since it needs the HTTP door."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from factcheck.plugin import (
    Capability,
    EntityFacts,
    EvidenceProvider,
    FetchResponse,
    Lookup,
    Position,
)

from .wikidata import NAME, WikidataSettings

HUMAN = "Q5"
_PRECISION: dict[int, Literal["day", "month", "year"]] = {11: "day", 10: "month", 9: "year"}


class WikidataProvider(EvidenceProvider):
    """Reads an entity's positions, countries and date of birth from the Wikidata API."""

    name = NAME
    capabilities: frozenset[Capability] = frozenset({"entities"})

    def __init__(self, settings: WikidataSettings) -> None:
        self.settings = settings

    def _api(self, lookup: Lookup, **params: str) -> tuple[Any, FetchResponse]:
        data, response = lookup.get_json(self.settings.endpoint, {**params, "format": "json"})
        if not isinstance(data, dict):
            raise ValueError("expected a JSON object")
        if "error" in data:
            raise ValueError(f"API error: {data['error']}")
        return data, response

    def entity_facts(self, name: str, lookup: Lookup) -> EntityFacts | None:
        language = self.settings.language
        found, _ = self._api(
            lookup,
            action="wbsearchentities",
            search=name,
            language=language,
            uselang=language,
            type="item",
            limit=str(self.settings.candidates),
        )
        ids = [str(hit["id"]) for hit in found.get("search", []) if isinstance(hit, dict) and "id" in hit]
        if not ids:
            return None
        data, response = self._api(
            lookup,
            action="wbgetentities",
            ids="|".join(ids),
            props="labels|descriptions|claims",
            languages=language,
        )
        entities = data.get("entities", {})
        items = [entities[i] for i in ids if isinstance(entities.get(i), dict)]
        if not items:
            return None
        item = next((e for e in items if HUMAN in _item_ids(e, "P31")), items[0])
        wanted = [*_item_ids(item, "P39"), *_item_ids(item, "P27"), *_item_ids(item, "P17")]
        labels: dict[str, str] = {}
        if wanted:
            named, _ = self._api(
                lookup,
                action="wbgetentities",
                ids="|".join(dict.fromkeys(wanted[:50])),
                props="labels",
                languages=language,
            )
            labels = {key: _label(value, language) or key for key, value in named.get("entities", {}).items()}
        return self._facts(item, labels, lookup, response)

    def _facts(
        self, item: dict[str, Any], labels: dict[str, str], lookup: Lookup, response: FetchResponse
    ) -> EntityFacts:
        language = self.settings.language
        qid = str(item.get("id", ""))
        label = _label(item, language) or qid
        description = _label(item, language, "descriptions")
        positions = []
        for statement in _statements(item, "P39"):
            target = _entity_id(statement.get("mainsnak", {}))
            if target is None:
                continue
            qualifiers = statement.get("qualifiers", {})
            start = _first_time(qualifiers.get("P580", []))
            end = _first_time(qualifiers.get("P582", []))
            positions.append(
                Position(labels.get(target, target), start[0] if start else None, end[0] if end else None)
            )
        countries = tuple(labels.get(c, c) for c in [*_item_ids(item, "P27"), *_item_ids(item, "P17")])
        birth = next((t for s in _statements(item, "P569") if (t := _time(s.get("mainsnak", {})))), None)
        url = self.settings.entity_url.format(id=qid)
        held = "; ".join(f"{p.title} ({p.start or '?'} – {p.end or 'present'})" for p in positions[:8])
        excerpt = f"{label}: {description or ''}. Positions: {held or 'none recorded'}."
        return EntityFacts(
            id=qid,
            label=label,
            description=description,
            is_human=HUMAN in _item_ids(item, "P31"),
            positions=tuple(positions),
            countries=tuple(dict.fromkeys(countries)),
            birth_date=birth[0] if birth else None,
            birth_precision=birth[1] if birth else None,
            evidence=lookup.source(url, label, excerpt, response),
        )


def _label(item: Any, language: str, kind: str = "labels") -> str | None:
    values = item.get(kind, {}) if isinstance(item, dict) else {}
    entry = values.get(language) if isinstance(values, dict) else None
    value = entry.get("value") if isinstance(entry, dict) else None
    return value if isinstance(value, str) and value else None


def _statements(item: dict[str, Any], prop: str) -> list[dict[str, Any]]:
    claims = item.get("claims", {})
    found = claims.get(prop, []) if isinstance(claims, dict) else []
    return [s for s in found if isinstance(s, dict) and s.get("rank") != "deprecated"]


def _entity_id(snak: Any) -> str | None:
    value = snak.get("datavalue", {}).get("value") if isinstance(snak, dict) else None
    found = value.get("id") if isinstance(value, dict) else None
    return found if isinstance(found, str) else None


def _item_ids(item: dict[str, Any], prop: str) -> list[str]:
    return [i for s in _statements(item, prop) if (i := _entity_id(s.get("mainsnak", {})))]


def _time(snak: Any) -> tuple[dt.date, Literal["day", "month", "year"]] | None:
    """A Wikidata time value (``+1952-10-07T00:00:00Z``, precision 9-11) as a date."""
    value = snak.get("datavalue", {}).get("value") if isinstance(snak, dict) else None
    if not isinstance(value, dict) or not isinstance(value.get("time"), str):
        return None
    precision = _PRECISION.get(int(value.get("precision", 11)))
    text = value["time"]
    if precision is None or not text.startswith("+"):
        return None  # centuries, or BCE: not a date an article's role or age can be checked against
    try:
        year, month, day = (int(part) for part in text[1:11].split("-"))
        return dt.date(year, max(month, 1), max(day, 1)), precision
    except ValueError:
        return None


def _first_time(snaks: Any) -> tuple[dt.date, str] | None:
    if not isinstance(snaks, list):
        return None
    return next((t for snak in snaks if (t := _time(snak))), None)
