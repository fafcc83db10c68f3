"""Wikidata entity facts: positions held (with start/end qualifiers), country, date of birth.

Three dependent requests make one chain: ``wbsearchentities`` finds candidate items for a name,
``wbgetentities`` reads their claims (the first *human* candidate wins for a person, else the first
candidate), and a second ``wbgetentities`` turns the position and country item ids into labels.
The verifier compares those facts with the role and age an article states at its publication date.

Properties read: P31 instance of (Q5 human), P39 position held (qualifiers P580 start time,
P582 end time), P27 country of citizenship, P17 country, P569 date of birth. Deprecated
statements are ignored. Off unless ``[plugins.wikidata] enabled = true``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from pydantic import Field

from factcheck.plugin import Config, Section, hookimpl

from .lazy import forwarding

if TYPE_CHECKING:
    from factcheck.plugin import EvidenceProvider

NAME = "wikidata"


class WikidataSettings(Section):
    """``[plugins.wikidata]``."""

    enabled: bool = False
    endpoint: str = "https://www.wikidata.org/w/api.php"
    entity_url: str = "https://www.wikidata.org/wiki/{id}"
    language: str = "en"
    candidates: int = Field(default=3, ge=1, le=10)


@hookimpl
def register_evidence_providers(register: Callable[[EvidenceProvider], None], config: Config) -> None:
    settings = config.plugin_settings(NAME, WikidataSettings)
    if settings.enabled:
        from ._wikidata import WikidataProvider

        register(WikidataProvider(settings))


# The provider needs the HTTP door: it lives in ``_wikidata``, imported on first use.
__getattr__ = forwarding(__name__, f"{__package__}._wikidata", ["HUMAN", "WikidataProvider"])
