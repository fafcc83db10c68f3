"""Fact-check search in the Google Fact Check Tools ``claims:search`` format.

The API answers ``{"claims": [{"text", "claimant", "claimDate", "claimReview": [{"publisher":
{"name", "site"}, "url", "title", "reviewDate", "textualRating", "languageCode"}]}]}``; each
review becomes a :class:`~factcheck.network.evidence.ClaimReview` whose evidence links the publisher's
article. The API key comes from ``[plugins.factcheck_tools] api_key`` or the environment variable
named by ``api_key_env``: never from the article or the command line, which end up in shell
history and CI logs. The key is a *secret parameter* of the guarded door, so it is kept out of
the cache, the cache key and every report (a replay in CI needs no key).

Off unless ``enabled = true``: a plain ``factcheck check`` makes no network call.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Any

from pydantic import Field

from factcheck.plugin import (
    Capability,
    ClaimReview,
    Config,
    ConfigError,
    EvidenceProvider,
    FetchResponse,
    Lookup,
    Section,
    hookimpl,
)

NAME = "factcheck_tools"


class FactCheckToolsSettings(Section):
    """``[plugins.factcheck_tools]``."""

    enabled: bool = False
    api_key: str = ""
    api_key_env: str = "FACTCHECK_TOOLS_API_KEY"
    endpoint: str = "https://factchecktools.googleapis.com/v1alpha1/claims:search"
    language: str = "en"
    page_size: int = Field(default=5, ge=1, le=50)
    max_age_days: int | None = Field(default=None, ge=1)


class FactCheckToolsProvider(EvidenceProvider):
    """Searches published fact-checks for claims like a statement."""

    name = NAME
    capabilities: frozenset[Capability] = frozenset({"claims"})

    def __init__(self, settings: FactCheckToolsSettings, api_key: str) -> None:
        self.settings = settings
        self._key = api_key

    def search_claims(self, text: str, lookup: Lookup) -> list[ClaimReview]:
        settings = self.settings
        params = {"query": text, "languageCode": settings.language, "pageSize": str(settings.page_size)}
        if self.settings.max_age_days is not None:
            params["maxAgeDays"] = str(self.settings.max_age_days)
        if self._key:
            params["key"] = self._key
        data, response = lookup.get_json(self.settings.endpoint, params, secret_params=("key",))
        return parse_claims(data, lookup, response)


def parse_claims(data: Any, lookup: Lookup, response: FetchResponse) -> list[ClaimReview]:
    """ClaimReviews from a ``claims:search`` body; a body of the wrong shape is a ``ValueError``."""
    if not isinstance(data, dict):
        raise ValueError("expected a JSON object")
    claims = data.get("claims", [])
    if not isinstance(claims, list):
        raise ValueError("'claims' is not a list")
    found: list[ClaimReview] = []
    for claim in claims:
        if not isinstance(claim, dict):
            continue
        text = _string(claim.get("text"))
        reviews = claim.get("claimReview")
        if not text or not isinstance(reviews, list):
            continue
        for review in reviews:
            if not isinstance(review, dict):
                continue
            publisher = review.get("publisher")
            publisher_name = None
            if isinstance(publisher, dict):
                publisher_name = _string(publisher.get("name")) or _string(publisher.get("site"))
            rating = _string(review.get("textualRating")) or ""
            url = _string(review.get("url"))
            title = _string(review.get("title"))
            excerpt = f"{publisher_name or 'A fact-checker'} rated “{text}”: {rating or 'no rating'}"
            found.append(
                ClaimReview(
                    claim=text,
                    rating=rating,
                    url=url,
                    publisher=publisher_name,
                    claimant=_string(claim.get("claimant")),
                    claim_date=_string(claim.get("claimDate")),
                    title=title,
                    evidence=lookup.source(url, title, excerpt, response),
                )
            )
    return found


def _string(value: object) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


@hookimpl
def register_evidence_providers(register: Callable[[EvidenceProvider], None], config: Config) -> None:
    settings = config.plugin_settings(NAME, FactCheckToolsSettings)
    if not settings.enabled:
        return
    key = settings.api_key or os.environ.get(settings.api_key_env, "")
    if not key and not config.settings.network.replay:
        raise ConfigError(
            f"[plugins.{NAME}] is enabled but has no api_key and ${settings.api_key_env} is not set",
            config.location,
        )
    register(FactCheckToolsProvider(settings, key))
