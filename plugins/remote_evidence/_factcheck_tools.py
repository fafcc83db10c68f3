"""The factcheck_tools evidence provider itself (see ``factcheck_tools``): imported only when the provider is
switched on, since it needs the HTTP door."""

from __future__ import annotations

from typing import Any

from factcheck.plugin import (
    Capability,
    ClaimReview,
    EvidenceProvider,
    FetchResponse,
    Lookup,
)

from .factcheck_tools import NAME, FactCheckToolsSettings


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
