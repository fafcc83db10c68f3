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

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from pydantic import Field, field_validator

from factcheck.plugin import Config, Section, hookimpl

from .lazy import forwarding

if TYPE_CHECKING:
    from factcheck.plugin import EvidenceProvider

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


@hookimpl
def register_evidence_providers(register: Callable[[EvidenceProvider], None], config: Config) -> None:
    settings = config.plugin_settings(NAME, JsonSearchSettings)
    if settings.enabled and settings.url_template:
        from ._json_search import JsonSearchProvider

        register(JsonSearchProvider(settings))


# The provider needs the HTTP door: it lives in ``_json_search``, imported on first use.
__getattr__ = forwarding(__name__, f"{__package__}._json_search", ["JsonSearchProvider"])
