"""A generic JSON search provider: a newsroom's own archive or CMS search, configured, not coded.

``url_template`` holds ``{query}`` (URL-encoded for you); ``results_path`` is the dotted path to
the list of hits in the response (``"data.items"``; empty when the body *is* the list); ``fields``
maps our names (``claim``, ``rating``, ``url``, ``title``, ``publisher``, ``date``, ``excerpt``) to
dotted paths inside one hit. Secrets for headers come from environment variables
(``headers_from_env = {Authorization = "ARCHIVE_TOKEN"}``), never from the config file itself.

A hit becomes a :class:`~factcheck.network.evidence.ClaimReview`; without a ``rating`` it means "covered
before in the archive", which the verifier reports for review with the link.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

from pydantic import Field, field_validator

from factcheck.plugin import Capability, ClaimReview, Config, EvidenceProvider, Lookup, Section, hookimpl

NAME = "json_search"
FIELD_NAMES = frozenset({"claim", "rating", "url", "title", "publisher", "date", "excerpt"})


class JsonSearchSettings(Section):
    """``[plugins.json_search]``."""

    enabled: bool = False
    url_template: str = ""
    results_path: str = "results"
    fields: dict[str, str] = Field(default_factory=lambda: {"claim": "title", "url": "url", "title": "title"})
    headers_from_env: dict[str, str] = Field(default_factory=dict)
    max_results: int = Field(default=5, ge=1, le=100)

    @field_validator("url_template")
    @classmethod
    def _has_query(cls, value: str) -> str:
        if value and "{query}" not in value:
            raise ValueError("url_template must contain {query}")
        return value

    @field_validator("fields")
    @classmethod
    def _known_fields(cls, value: dict[str, str]) -> dict[str, str]:
        unknown = set(value) - FIELD_NAMES
        if unknown:
            raise ValueError(f"unknown field names {sorted(unknown)}; use {sorted(FIELD_NAMES)}")
        if "claim" not in value:
            raise ValueError("fields must map 'claim'")
        return value


def dig(data: Any, path: str) -> Any:
    """The value at a dotted path (``"a.b.0.c"``); ``None`` where the path does not lead."""
    for part in path.split(".") if path else []:
        if isinstance(data, dict):
            data = data.get(part)
        elif isinstance(data, list) and part.isdigit() and int(part) < len(data):
            data = data[int(part)]
        else:
            return None
    return data


class JsonSearchProvider(EvidenceProvider):
    """Searches any JSON API by URL template and field mapping."""

    name = NAME
    capabilities: frozenset[Capability] = frozenset({"claims"})

    def __init__(self, settings: JsonSearchSettings) -> None:
        self.settings = settings

    def search_claims(self, text: str, lookup: Lookup) -> list[ClaimReview]:
        settings = self.settings
        url = settings.url_template.replace("{query}", quote(text, safe=""))
        headers = {h: os.environ.get(var, "") for h, var in settings.headers_from_env.items()}
        data, response = lookup.get_json(url, headers={k: v for k, v in headers.items() if v})
        hits = dig(data, settings.results_path)
        if not isinstance(hits, list):
            raise ValueError(f"results_path {settings.results_path!r} does not lead to a list")
        found = []
        for hit in hits[: settings.max_results]:
            values = {name: _text(dig(hit, path)) for name, path in settings.fields.items()}
            claim = values.get("claim")
            if not claim:
                continue
            url_value = values.get("url")
            title = values.get("title")
            found.append(
                ClaimReview(
                    claim=claim,
                    rating=values.get("rating") or "",
                    url=url_value,
                    publisher=values.get("publisher"),
                    claim_date=values.get("date"),
                    title=title,
                    evidence=lookup.source(url_value, title, values.get("excerpt") or claim, response),
                )
            )
        return found


def _text(value: Any) -> str | None:
    if isinstance(value, (str, int, float)) and not isinstance(value, bool):
        return str(value).strip() or None
    return None


@hookimpl
def register_evidence_providers(register: Callable[[EvidenceProvider], None], config: Config) -> None:
    settings = config.plugin_settings(NAME, JsonSearchSettings)
    if settings.enabled and settings.url_template:
        register(JsonSearchProvider(settings))
