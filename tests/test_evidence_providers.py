"""Each evidence provider against a loopback server speaking its service's documented format."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

import pytest
from factcheck_plugins.remote_evidence import factcheck_tools as evidence_factcheck_tools
from factcheck_plugins.remote_evidence.factcheck_tools import FactCheckToolsProvider, FactCheckToolsSettings
from factcheck_plugins.remote_evidence.json_search import JsonSearchProvider, JsonSearchSettings, dig
from factcheck_plugins.remote_evidence.wikidata import WikidataProvider, WikidataSettings
from pytest_httpserver import HTTPServer

from factcheck.config.settings import Config, NetworkSettings, Settings
from factcheck.errors import ConfigError, PluginLoadError
from factcheck.network.evidence import EvidenceService, Lookup, Request
from factcheck.network.fetch import Fetcher
from factcheck.plugin_system.hookspecs import hookimpl
from factcheck.plugin_system.manager import get_plugin_manager
from factcheck.plugin_system.registry import collect_providers

CLAIMS: dict[str, Any] = {
    "claims": [
        {
            "text": "Russia agreed to a full 30-day ceasefire in Ukraine",
            "claimant": "Social media posts",
            "claimDate": "2025-03-18T00:00:00Z",
            "claimReview": [
                {
                    "publisher": {"name": "Full Fact", "site": "fullfact.org"},
                    "url": "https://fullfact.org/online/ceasefire/",
                    "title": "No, Russia did not agree to a full ceasefire",
                    "reviewDate": "2025-03-19T00:00:00Z",
                    "textualRating": "False",
                    "languageCode": "en",
                }
            ],
        }
    ],
    "nextPageToken": "CAE",
}


def _snak_item(qid):
    return {"mainsnak": {"datavalue": {"value": {"id": qid}, "type": "wikibase-entityid"}}, "rank": "normal"}


def _time(value, precision=11):
    return {"datavalue": {"value": {"time": value, "precision": precision}, "type": "time"}}


ENTITY: dict[str, Any] = {
    "entities": {
        "Q1": {
            "id": "Q1",
            "labels": {"en": {"value": "Boris Johnson"}},
            "descriptions": {"en": {"value": "British politician"}},
            "claims": {
                "P31": [_snak_item("Q5")],
                "P39": [
                    {
                        **_snak_item("Q14211"),
                        "qualifiers": {
                            "P580": [_time("+2019-07-24T00:00:00Z")],
                            "P582": [_time("+2022-09-06T00:00:00Z")],
                        },
                    }
                ],
                "P27": [_snak_item("Q145")],
                "P569": [{"mainsnak": _time("+1964-06-19T00:00:00Z")}],
            },
        }
    }
}
LABELS: dict[str, Any] = {
    "entities": {
        "Q14211": {"labels": {"en": {"value": "Prime Minister of the United Kingdom"}}},
        "Q145": {"labels": {"en": {"value": "United Kingdom"}}},
    }
}


def lookup(tmp_path, name="p", **network) -> Lookup:
    settings = NetworkSettings(allow_hosts=["localhost"], backoff=0, **network)
    return Lookup(Fetcher(settings, cache=False), name, True)


def test_factcheck_tools_claims_search(httpserver: HTTPServer, tmp_path):
    httpserver.expect_request(
        "/v1alpha1/claims:search",
        query_string={"query": "ceasefire", "languageCode": "en", "pageSize": "5", "key": "k123"},
    ).respond_with_json(CLAIMS)
    settings = FactCheckToolsSettings(enabled=True, endpoint=httpserver.url_for("/v1alpha1/claims:search"))
    reviews = FactCheckToolsProvider(settings, "k123").search_claims(
        "ceasefire", lookup(tmp_path, "factcheck_tools")
    )
    assert len(reviews) == 1
    review = reviews[0]
    assert (review.rating, review.publisher, review.url) == (
        "False",
        "Full Fact",
        "https://fullfact.org/online/ceasefire/",
    )
    assert review.evidence is not None and review.evidence.provider == "factcheck_tools"
    assert review.evidence.retrieved_at is not None and "k123" not in str(review.evidence.model_dump())


def test_factcheck_tools_key_from_env_never_required_from_cli(monkeypatch):
    config = Config(Settings.model_validate({"plugins": {"factcheck_tools": {"enabled": True}}}))
    monkeypatch.delenv("FACTCHECK_TOOLS_API_KEY", raising=False)
    with pytest.raises(ConfigError, match="no api_key"):
        evidence_factcheck_tools.register_evidence_providers(lambda p: None, config)
    monkeypatch.setenv("FACTCHECK_TOOLS_API_KEY", "from-env")
    found: list[Any] = []
    evidence_factcheck_tools.register_evidence_providers(found.append, config)
    assert found[0]._key == "from-env"


def test_providers_are_off_unless_enabled():
    pm = get_plugin_manager(load_entrypoints=False)  # the three providers are built in
    assert {"factcheck_tools", "wikidata", "json_search"} <= {name for name, _ in pm.list_name_plugin()}
    assert collect_providers(pm, Config()) == []


def test_duplicate_provider_names_are_a_load_error():
    pm = get_plugin_manager(load_entrypoints=False)

    def register_evidence_providers(register, config):
        register(WikidataProvider(WikidataSettings()))

    pm.register(
        SimpleNamespace(register_evidence_providers=hookimpl(register_evidence_providers)), name="twin"
    )
    config = Config(Settings.model_validate({"plugins": {"wikidata": {"enabled": True}}}))
    with pytest.raises(PluginLoadError, match="already registered"):
        collect_providers(pm, config)


def test_wikidata_chain_reads_positions_country_and_birth(httpserver: HTTPServer, tmp_path):
    httpserver.expect_request(
        "/w/api.php",
        query_string={
            "action": "wbsearchentities",
            "search": "Boris Johnson",
            "language": "en",
            "uselang": "en",
            "type": "item",
            "limit": "3",
            "format": "json",
        },
    ).respond_with_json({"search": [{"id": "Q1", "label": "Boris Johnson"}]})
    httpserver.expect_request(
        "/w/api.php",
        query_string={
            "action": "wbgetentities",
            "ids": "Q1",
            "props": "labels|descriptions|claims",
            "languages": "en",
            "format": "json",
        },
    ).respond_with_json(ENTITY)
    httpserver.expect_request(
        "/w/api.php",
        query_string={
            "action": "wbgetentities",
            "ids": "Q14211|Q145",
            "props": "labels",
            "languages": "en",
            "format": "json",
        },
    ).respond_with_json(LABELS)
    provider = WikidataProvider(WikidataSettings(enabled=True, endpoint=httpserver.url_for("/w/api.php")))
    facts = provider.entity_facts("Boris Johnson", lookup(tmp_path, "wikidata"))
    assert facts is not None and facts.is_human and facts.label == "Boris Johnson"
    assert facts.positions[0].title == "Prime Minister of the United Kingdom"
    assert (facts.positions[0].start, facts.positions[0].end) == (dt.date(2019, 7, 24), dt.date(2022, 9, 6))
    assert facts.countries == ("United Kingdom",)
    assert (facts.birth_date, facts.birth_precision) == (dt.date(1964, 6, 19), "day")
    assert facts.evidence is not None and facts.evidence.url == "https://www.wikidata.org/wiki/Q1"
    assert len(httpserver.log) == 3


def test_wikidata_no_hit_is_none(httpserver: HTTPServer, tmp_path):
    httpserver.expect_request("/w/api.php").respond_with_json({"search": []})
    provider = WikidataProvider(WikidataSettings(enabled=True, endpoint=httpserver.url_for("/w/api.php")))
    assert provider.entity_facts("Nobody Atall", lookup(tmp_path)) is None


def test_json_search_mapping(httpserver: HTTPServer, tmp_path):
    httpserver.expect_request("/search", query_string={"q": "energy ceasefire"}).respond_with_json(
        {
            "data": {
                "items": [
                    {
                        "headline": "Energy truce explained",
                        "link": "https://archive.example/1",
                        "verdict": {"label": "Misleading"},
                    },
                    {"nothing": 1},
                ]
            }
        }
    )
    settings = JsonSearchSettings(
        enabled=True,
        url_template=httpserver.url_for("/search") + "?q={query}",
        results_path="data.items",
        fields={"claim": "headline", "url": "link", "rating": "verdict.label", "title": "headline"},
    )
    reviews = JsonSearchProvider(settings).search_claims("energy ceasefire", lookup(tmp_path, "json_search"))
    assert [(r.claim, r.rating, r.url) for r in reviews] == [
        ("Energy truce explained", "Misleading", "https://archive.example/1")
    ]


def test_json_search_settings_are_validated():
    with pytest.raises(ValueError, match="query"):
        JsonSearchSettings(url_template="https://x.example/search")
    with pytest.raises(ValueError, match="unknown field"):
        JsonSearchSettings(fields={"claim": "a", "colour": "b"})
    assert dig({"a": [{"b": 3}]}, "a.0.b") == 3 and dig({"a": 1}, "a.b") is None


@pytest.mark.parametrize("body", [b'{"claims": [', b'["a list"]', b'{"claims": "nope"}'])
def test_bad_responses_become_failed_lookups_naming_the_provider(httpserver: HTTPServer, tmp_path, body):
    httpserver.expect_request("/s").respond_with_data(body, content_type="application/json")
    settings = FactCheckToolsSettings(enabled=True, endpoint=httpserver.url_for("/s"))
    provider = FactCheckToolsProvider(settings, "k")
    fetcher = Fetcher(NetworkSettings(allow_hosts=["localhost"]), cache=False)
    service = EvidenceService([provider], fetcher)
    try:
        [outcome] = service.gather([Request(provider, "claims", "anything")])
    finally:
        service.close()
    assert outcome.error is not None and "factcheck_tools" in outcome.error
