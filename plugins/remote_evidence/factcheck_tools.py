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
from typing import TYPE_CHECKING

from pydantic import Field

from factcheck.plugin import Config, ConfigError, Section, hookimpl

from .lazy import forwarding

if TYPE_CHECKING:
    from factcheck.plugin import EvidenceProvider

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
    from ._factcheck_tools import FactCheckToolsProvider

    register(FactCheckToolsProvider(settings, key))


# The provider needs the HTTP door: it lives in ``_factcheck_tools``, imported on first use.
__getattr__ = forwarding(
    __name__, f"{__package__}._factcheck_tools", ["FactCheckToolsProvider", "parse_claims"]
)
