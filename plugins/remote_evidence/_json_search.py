"""The json_search evidence provider itself (see ``json_search``): imported only when the provider is
switched on, since it needs the HTTP door."""

from __future__ import annotations

import os
from typing import Any
from urllib.parse import quote

from factcheck.plugin import Capability, ClaimReview, EvidenceProvider, Lookup

from .json_search import NAME, JsonSearchSettings, dig


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
