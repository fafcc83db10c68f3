"""The guarded HTTP door against a real loopback server: every guard and failure mode.

Nothing mocks ``requests``: pytest-httpserver listens on 127.0.0.1 and the tests allow exactly
that host. ``httpserver.log`` counts what really reached the server.
"""

from __future__ import annotations

import threading
import time

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from factcheck.config.settings import NetworkSettings
from factcheck.errors import FetchError
from factcheck.network.cache import FetchCache
from factcheck.network.fetch import (
    BlockedAddressError,
    EmbargoError,
    Fetcher,
    OfflineError,
    ReplayMissError,
    ResponseTooLargeError,
    canonical_url,
    is_public_address,
    retry_after,
)

LOOPBACK = ["localhost", "127.0.0.1"]


def make_fetcher(tmp_path, sleeps: list[float] | None = None, cache: bool = True, **network) -> Fetcher:
    settings = NetworkSettings(**{"allow_hosts": LOOPBACK, "timeout": 2.0, "backoff": 0.01, **network})
    store = FetchCache(tmp_path / "http.sqlite", settings.cache_ttl) if cache else False
    recorded = sleeps if sleeps is not None else []
    return Fetcher(settings, cache=store, sleep=recorded.append)


def test_get_json_then_warm_cache_makes_no_request(httpserver: HTTPServer, tmp_path):
    httpserver.expect_request("/search", query_string={"q": "ceasefire"}).respond_with_json({"hits": [1, 2]})
    fetcher = make_fetcher(tmp_path)
    first = fetcher.get(httpserver.url_for("/search"), provider="t", params={"q": "ceasefire"})
    assert first.json() == {"hits": [1, 2]} and not first.from_cache
    second = fetcher.get(httpserver.url_for("/search"), provider="t", params={"q": "ceasefire"})
    assert second.from_cache and second.json() == {"hits": [1, 2]}
    assert second.retrieved_at == first.retrieved_at.replace(microsecond=second.retrieved_at.microsecond)
    assert len(httpserver.log) == 1


def test_offline_makes_no_request(httpserver: HTTPServer, tmp_path):
    httpserver.expect_request("/x").respond_with_json({})
    fetcher = make_fetcher(tmp_path, offline=True)
    with pytest.raises(OfflineError, match="offline"):
        fetcher.get(httpserver.url_for("/x"), provider="t")
    assert httpserver.log == []


def test_embargo_blocks_unlisted_providers_only(httpserver: HTTPServer, tmp_path):
    httpserver.expect_request("/x").respond_with_json({"ok": 1})
    fetcher = make_fetcher(tmp_path, allowed_providers=["archive"])
    with pytest.raises(EmbargoError, match="unpublished"):
        fetcher.get(httpserver.url_for("/x"), provider="thirdparty", published=False)
    assert httpserver.log == []
    assert fetcher.get(httpserver.url_for("/x"), provider="archive", published=False).json() == {"ok": 1}


def test_loopback_refused_unless_allowed(httpserver: HTTPServer, tmp_path):
    httpserver.expect_request("/x").respond_with_json({})
    fetcher = make_fetcher(tmp_path, allow_hosts=[])
    with pytest.raises(BlockedAddressError, match=r"non-public address 127\.0\.0\.1"):
        fetcher.get(httpserver.url_for("/x").replace("localhost", "127.0.0.1"), provider="t")
    assert httpserver.log == []


def test_dns_answer_is_checked(tmp_path):
    fetcher = Fetcher(
        NetworkSettings(), cache=False, resolver=lambda host, port: ["93.184.216.34", "10.1.2.3"]
    )
    with pytest.raises(BlockedAddressError, match=r"10\.1\.2\.3"):
        fetcher.get("https://news.example/x", provider="t")
    with pytest.raises(BlockedAddressError, match="only http"):
        fetcher.get("file:///etc/passwd", provider="t")


@pytest.mark.parametrize(
    "target", ["http://10.0.0.7/admin", "http://169.254.169.254/latest/meta-data", "http://[::1]:9/"]
)
def test_redirect_to_private_address_is_refused(httpserver: HTTPServer, tmp_path, target):
    httpserver.expect_request("/go").respond_with_data("", status=302, headers={"Location": target})
    fetcher = make_fetcher(tmp_path)
    with pytest.raises(BlockedAddressError):
        fetcher.get(httpserver.url_for("/go"), provider="t")
    assert len(httpserver.log) == 1


def test_redirect_within_allowed_host_is_followed(httpserver: HTTPServer, tmp_path):
    httpserver.expect_request("/old").respond_with_data("", status=301, headers={"Location": "/new"})
    httpserver.expect_request("/new").respond_with_json({"moved": True})
    response = make_fetcher(tmp_path).get(httpserver.url_for("/old"), provider="t")
    assert response.json() == {"moved": True} and response.url.endswith("/new")


def test_slow_response_times_out(httpserver: HTTPServer, tmp_path):
    def slow(request: Request) -> Response:
        time.sleep(1.0)
        return Response("{}", content_type="application/json")

    httpserver.expect_request("/slow").respond_with_handler(slow)
    fetcher = make_fetcher(tmp_path, timeout=0.3)
    with pytest.raises(FetchError, match="timed out"):  # the answer would have come after 1 s
        fetcher.get(httpserver.url_for("/slow"), provider="t")
    time.sleep(0.8)  # let the server finish the abandoned response before the next test starts


def test_429_honours_retry_after(httpserver: HTTPServer, tmp_path):
    httpserver.expect_ordered_request("/rate").respond_with_data("", status=429, headers={"Retry-After": "2"})
    httpserver.expect_ordered_request("/rate").respond_with_json({"ok": True})
    sleeps: list[float] = []
    response = make_fetcher(tmp_path, sleeps).get(httpserver.url_for("/rate"), provider="t")
    assert response.json() == {"ok": True}
    assert sleeps == [2.0]
    assert [r.path for r, _ in httpserver.log].count("/rate") == 2


def test_retry_after_beyond_the_cap_gives_up_at_once(httpserver: HTTPServer, tmp_path):
    httpserver.expect_request("/rate").respond_with_data("", status=429, headers={"Retry-After": "3600"})
    sleeps: list[float] = []
    with pytest.raises(FetchError, match="retry after 3600s"):
        make_fetcher(tmp_path, sleeps, max_retry_wait=5).get(httpserver.url_for("/rate"), provider="t")
    assert sleeps == [] and len(httpserver.log) == 1


def test_500s_are_retried_a_bounded_number_of_times(httpserver: HTTPServer, tmp_path):
    httpserver.expect_request("/boom").respond_with_data("oops", status=500)
    sleeps: list[float] = []
    with pytest.raises(FetchError, match="HTTP 500"):
        make_fetcher(tmp_path, sleeps, retries=2, backoff=0.5).get(httpserver.url_for("/boom"), provider="p")
    assert len(httpserver.log) == 3
    assert sleeps == [0.5, 1.0]  # exponential backoff


def test_404_is_not_retried_or_cached(httpserver: HTTPServer, tmp_path):
    httpserver.expect_request("/none").respond_with_data("", status=404)
    fetcher = make_fetcher(tmp_path)
    for _ in range(2):
        with pytest.raises(FetchError, match="HTTP 404"):
            fetcher.get(httpserver.url_for("/none"), provider="p")
    assert len(httpserver.log) == 2


@pytest.mark.parametrize("body", [b'{"claims": [{"text": "trunc', b"<html>not json</html>", b"\xff\xfe"])
def test_truncated_and_malformed_json(httpserver: HTTPServer, tmp_path, body):
    httpserver.expect_request("/bad").respond_with_data(body, content_type="application/json")
    response = make_fetcher(tmp_path).get(httpserver.url_for("/bad"), provider="p")
    with pytest.raises(FetchError, match="malformed JSON"):
        response.json()


def test_huge_body_with_content_length(httpserver: HTTPServer, tmp_path):
    httpserver.expect_request("/huge").respond_with_data(b"x" * 300_000)
    with pytest.raises(ResponseTooLargeError, match="declares 300000 bytes"):
        make_fetcher(tmp_path, max_bytes=100_000).get(httpserver.url_for("/huge"), provider="p")


def test_huge_streamed_body_is_cut_while_reading(httpserver: HTTPServer, tmp_path):
    def endless(request: Request) -> Response:
        return Response((b"y" * 65_536 for _ in range(1000)), content_type="application/octet-stream")

    httpserver.expect_request("/stream").respond_with_handler(endless)
    with pytest.raises(ResponseTooLargeError, match="over max_bytes"):
        make_fetcher(tmp_path, max_bytes=200_000).get(httpserver.url_for("/stream"), provider="p")


def test_replay_answers_only_from_cache(httpserver: HTTPServer, tmp_path):
    httpserver.expect_request("/r").respond_with_json({"n": 1})
    url = httpserver.url_for("/r")
    make_fetcher(tmp_path, cache_ttl=0).get(url, provider="p")  # record
    replay = make_fetcher(tmp_path, replay=True, cache_ttl=0)
    assert replay.get(url, provider="p").json() == {"n": 1}  # stale for the TTL, fine for replay
    with pytest.raises(ReplayMissError):
        replay.get(url + "?other=1", provider="p")
    assert len(httpserver.log) == 1


def test_secret_params_stay_out_of_urls_and_cache(httpserver: HTTPServer, tmp_path):
    httpserver.expect_request("/api", query_string={"key": "s3cret", "q": "a"}).respond_with_json({})
    fetcher = make_fetcher(tmp_path)
    response = fetcher.get(
        httpserver.url_for("/api"), provider="p", params={"q": "a", "key": "s3cret"}, secret_params=["key"]
    )
    assert "s3cret" not in response.url
    assert b"s3cret" not in (tmp_path / "http.sqlite").read_bytes()
    # a replay without the key finds the same entry
    replayed = make_fetcher(tmp_path, replay=True).get(
        httpserver.url_for("/api"), provider="p", params={"q": "a"}
    )
    assert replayed.from_cache


def test_per_host_concurrency_limit(tmp_path):
    active = 0
    peak = 0
    lock = threading.Lock()

    def handler(request: Request) -> Response:
        nonlocal active, peak
        with lock:
            active += 1
            peak = max(peak, active)
        time.sleep(0.1)
        with lock:
            active -= 1
        return Response("{}", content_type="application/json")

    server = HTTPServer(threaded=True)
    server.expect_request("/c").respond_with_handler(handler)
    server.start()
    try:
        fetcher = make_fetcher(tmp_path, cache=False, per_host=2)
        threads = [
            threading.Thread(target=fetcher.get, args=(server.url_for("/c"),), kwargs={"provider": "p"})
            for _ in range(6)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert peak == 2 and len(server.log) == 6 and fetcher.requests_made == 6
    finally:
        server.clear()
        server.stop()


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("93.184.216.34", True),
        ("2606:2800:220:1::1", True),
        ("127.0.0.1", False),
        ("10.0.0.1", False),
        ("192.168.1.1", False),
        ("169.254.169.254", False),
        ("100.64.0.1", False),
        ("224.0.1.1", False),
        ("0.0.0.0", False),
        ("::1", False),
        ("fe80::1%eth0", False),
        ("::ffff:127.0.0.1", False),
        ("240.0.0.1", False),
        ("not-an-ip", False),
    ],
)
def test_is_public_address(address, public):
    assert is_public_address(address) is public


def test_retry_after_forms():
    assert retry_after("7") == 7.0
    assert retry_after("Wed, 21 Oct 2015 07:28:10 GMT", now=1445412480.0) == 10.0
    assert retry_after("soon") is None and retry_after(None) is None


def test_canonical_url_sorts_and_drops():
    url = canonical_url("https://a.example/s?z=1&key=k", {"b": "2"}, drop=["key"])
    assert url == "https://a.example/s?b=2&z=1"


def test_cached_answers_need_no_dns(httpserver: HTTPServer, tmp_path):
    """A replay in CI, with no network at all, must still answer from the cache."""
    httpserver.expect_request("/r").respond_with_json({"n": 1})
    url = httpserver.url_for("/r")
    make_fetcher(tmp_path).get(url, provider="p")

    def no_dns(host: str, port: int) -> list[str]:
        raise AssertionError("a cached answer must not resolve the host")

    settings = NetworkSettings(allow_hosts=LOOPBACK, replay=True)
    cache = FetchCache(tmp_path / "http.sqlite", settings.cache_ttl)
    replay = Fetcher(settings, cache=cache, resolver=no_dns)
    assert replay.get(url, provider="p").json() == {"n": 1}
    assert len(httpserver.log) == 1
