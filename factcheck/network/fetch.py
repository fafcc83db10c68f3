"""The one guarded door to the network: every remote call factcheck or a plugin makes goes here.

A newsroom runs factcheck on unpublished copy, inside its own network, and in CI. So the door
enforces, in this order, before a byte leaves the machine:

1. ``offline``: no call at all, a clear :class:`OfflineError` (``--offline``).
2. The embargo policy: text of an unpublished article (``ArticleMeta.published`` false) goes only
   to providers listed in ``[network] allowed_providers`` (:class:`EmbargoError`).
3. Only ``http``/``https``, and no credentials in the URL (``user:password@``: keys come from a
   provider's settings or the environment, never from a URL that would be sent and cached in
   clear); the host is resolved and refused if any address is private, loopback, link-local,
   reserved, multicast or unspecified, unless the host is in ``allow_hosts``
   (:class:`BlockedAddressError`). The connection then goes to an address that was checked,
   never to a second answer from DNS (a rebinding server's next answer may be ``127.0.0.1``):
   the connection classes under ``requests`` connect to the checked address while TLS still
   verifies, and SNI and ``Host`` still name, the host. Redirects are followed by hand and every
   hop is re-checked. These address checks are :mod:`factcheck.network.guard`.
4. The cache (:mod:`factcheck.network.cache`): a fresh entry answers with no request; in ``replay``
   mode only the cache answers, whatever its age (:class:`ReplayMissError` otherwise).
5. The request itself: a per-host concurrency limit; ``timeout`` seconds for the whole exchange,
   from DNS to the last byte (socket time-outs bound each wait, and a watchdog shuts the socket
   when the total is spent, so a server trickling one byte a second cannot hold a look-up past
   it); a body size cap enforced while reading (never trusting Content-Length alone); bounded
   retries with exponential backoff on 429, 5xx and connection errors, honouring
   ``Retry-After`` up to ``max_retry_wait``.

Why the retry loop is ours and not urllib3's ``Retry``: ``Retry`` would sleep as long as any
``Retry-After`` asks (an hour, if a server says so; here a wait over ``max_retry_wait`` fails at
once), it sleeps inside the connection pool while holding this host's concurrency slot (here
the slot is free while we back off), it cannot re-check redirect hops against the address
guard, and its sleeps are invisible to tests. Everything it would add (backoff, status list,
``Retry-After`` in both forms) is the thirty lines below.

Every failure is a :class:`~factcheck.errors.FetchError` with a one-line message; callers turn it
into an ``error`` verdict naming the provider and the run goes on.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

import requests

from factcheck.config.settings import NetworkSettings
from factcheck.errors import FetchError
from factcheck.network.cache import CachedResponse, FetchCache, request_key
from factcheck.network.guard import BlockedAddressError as BlockedAddressError  # callers catch it here
from factcheck.network.guard import (
    Guard,
    GuardedAdapter,
    Resolver,
    Watch,
    default_resolver,
    refuse_credentials,
)
from factcheck.network.guard import is_public_address as is_public_address  # and test addresses here

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
MAX_REDIRECTS = 5
_CHUNK = 65_536


class OfflineError(FetchError):
    """``--offline``: the request was not made."""


class EmbargoError(FetchError):
    """Unpublished text would have gone to a provider not listed in ``allowed_providers``."""


class ReplayMissError(FetchError):
    """Replay mode, and the cache holds no answer for this request."""


class ResponseTooLargeError(FetchError):
    """The body is larger than ``max_bytes``."""


@dataclass(frozen=True)
class FetchResponse:
    """A successful (2xx) response, from the network or the cache.

    ``url`` is the final URL after redirects with secret parameters removed, safe to show in a
    report; ``retrieved_at`` is when the network answered, even for a cache hit.
    """

    url: str
    status: int
    headers: Mapping[str, str]
    body: bytes
    retrieved_at: dt.datetime
    from_cache: bool = False

    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    def json(self) -> Any:
        """The body parsed as JSON; truncated, malformed or absurdly nested JSON (which would
        exhaust the parser's recursion) is a ``FetchError``."""
        try:
            return json.loads(self.body.decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError) as exc:
            raise FetchError(f"malformed JSON from {self.url}: {exc}") from None
        except RecursionError:
            raise FetchError(f"malformed JSON from {self.url}: nested too deeply") from None


def canonical_url(url: str, params: Mapping[str, str] | None = None, drop: Iterable[str] = ()) -> str:
    """``url`` with ``params`` merged in, sorted, and the ``drop`` names removed.

    Sorting makes the cache key independent of argument order; dropping secrets (API keys)
    keeps them out of the cache file, the report and the cache key, so a replay needs no key.
    """
    parts = urlsplit(url)
    hidden = set(drop)
    pairs = [*parse_qsl(parts.query, keep_blank_values=True), *(params or {}).items()]
    query = urlencode(sorted((k, v) for k, v in pairs if k not in hidden))
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, ""))


class Fetcher:
    """The guarded HTTP client of one run; thread-safe, shared by every provider.

    :param settings: the ``[network]`` settings.
    :param cache: the response cache; ``None`` builds one from ``settings.cache_path`` (an empty
        path means no cache). Pass ``False`` to run without one.
    :param resolver: host name to addresses (tests substitute one to simulate DNS).
    :param sleep: how backoff waits (tests substitute one to record waits).
    """

    def __init__(
        self,
        settings: NetworkSettings | None = None,
        cache: FetchCache | bool | None = None,
        resolver: Resolver = default_resolver,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.settings = settings or NetworkSettings()
        if cache is None:
            path = self.settings.cache_path
            cache = FetchCache(path, self.settings.cache_ttl) if path and not self.settings.offline else False
        self.cache: FetchCache | None = cache if isinstance(cache, FetchCache) else None
        self.resolver = resolver
        self.sleep = sleep
        self.requests_made = 0  # requests sent over the network, retries and redirects included
        self._allowed = {h.lower().strip("[]") for h in self.settings.allow_hosts}
        self._guard = Guard(self._allowed)
        self._lock = threading.Lock()
        self._host_limits: dict[str, threading.BoundedSemaphore] = {}
        self._local = threading.local()
        self._sessions: list[requests.Session] = []

    # --- the public call ------------------------------------------------------------------------

    def get(
        self,
        url: str,
        *,
        provider: str,
        params: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
        secret_params: Iterable[str] = (),
        published: bool = True,
    ) -> FetchResponse:
        """GET ``url`` through every guard; a 2xx response or a ``FetchError``.

        :param provider: who is asking (the embargo policy and error messages name it).
        :param params: query parameters, merged with any already in ``url``.
        :param headers: extra request headers (dropped if a redirect leaves the host).
        :param secret_params: parameter names (API keys) never cached, shown or used as key.
        :param published: ``False`` when the request carries text of an unpublished article.
        """
        if self.settings.offline:
            raise OfflineError(f"{provider}: offline mode, no request made")
        refuse_credentials(url)
        if not published and provider not in self.settings.allowed_providers:
            raise EmbargoError(
                f"{provider}: the article is unpublished and {provider!r} is not in "
                "[network] allowed_providers"
            )
        secrets = tuple(secret_params)
        full_url = canonical_url(url, params)
        shown_url = canonical_url(url, params, secrets)
        key = request_key("GET", shown_url)
        if self.cache is not None:  # a cached answer needs no DNS look-up and no address check
            hit = self.cache.get(key, ignore_ttl=self.settings.replay)
            if hit is not None:
                return _from_cached(hit)
        if self.settings.replay:
            raise ReplayMissError(f"{provider}: replay mode and no cached answer for {shown_url}")
        self._check_target(full_url)  # before any socket opens; every redirect hop is checked too
        response = self._fetch_with_retries(full_url, dict(headers or {}), provider, secrets)
        if self.cache is not None:
            stored = CachedResponse(
                response.url,
                response.status,
                dict(response.headers),
                response.body,
                response.retrieved_at.timestamp(),
            )
            self.cache.put(key, stored)
        return response

    def close(self) -> None:
        with self._lock:
            for session in self._sessions:
                session.close()
            self._sessions.clear()
        if self.cache is not None:
            self.cache.close()

    # --- guards ---------------------------------------------------------------------------------

    def _check_target(self, url: str) -> None:
        """Refuse non-http(s) URLs, credentials in URLs and hosts with a non-public address,
        unless allowed; pin the host to the addresses checked, for the connection to use."""
        self._guard.check_target(url, self.resolver, self.settings.timeout)

    def _host_limit(self, netloc: str) -> threading.BoundedSemaphore:
        with self._lock:
            limit = self._host_limits.get(netloc)
            if limit is None:
                limit = self._host_limits[netloc] = threading.BoundedSemaphore(self.settings.per_host)
            return limit

    def _session(self) -> requests.Session:
        session: requests.Session | None = getattr(self._local, "session", None)
        if session is None:
            session = requests.Session()
            session.trust_env = False  # no proxy or .netrc from the environment: what we check is where we go
            adapter = GuardedAdapter(self._guard, pool_maxsize=self.settings.per_host, max_retries=0)
            session.mount("http://", adapter)
            session.mount("https://", adapter)
            session.headers["User-Agent"] = self.settings.user_agent
            self._local.session = session
            with self._lock:
                self._sessions.append(session)
        return session

    # --- sending --------------------------------------------------------------------------------

    def _fetch_with_retries(
        self, url: str, headers: dict[str, str], provider: str, secrets: tuple[str, ...]
    ) -> FetchResponse:
        settings = self.settings
        shown = canonical_url(url, drop=secrets)
        for attempt in range(settings.retries + 1):
            last = attempt == settings.retries
            try:
                status, final_url, response_headers, body = self._follow(url, headers)
            except (requests.ConnectionError, requests.exceptions.ChunkedEncodingError) as exc:
                if isinstance(exc, requests.ConnectTimeout) or last:
                    raise FetchError(f"{provider}: cannot reach {shown}: {type(exc).__name__}") from None
                self.sleep(min(settings.backoff * 2**attempt, settings.max_retry_wait))
                continue
            except requests.Timeout:
                raise FetchError(f"{provider}: {shown} timed out after {settings.timeout:g}s") from None
            except requests.RequestException as exc:
                raise FetchError(f"{provider}: request to {shown} failed: {type(exc).__name__}") from None
            if 200 <= status < 300:
                return FetchResponse(
                    url=canonical_url(final_url, drop=secrets),
                    status=status,
                    headers=response_headers,
                    body=body,
                    retrieved_at=dt.datetime.now(dt.UTC),
                )
            if status not in RETRY_STATUSES or last:
                raise FetchError(f"{provider}: HTTP {status} from {shown}")
            wait = settings.backoff * 2**attempt
            asked = retry_after(response_headers.get("retry-after"))
            if asked is not None:
                if asked > settings.max_retry_wait:
                    raise FetchError(
                        f"{provider}: HTTP {status} from {shown}; the server asks to retry after "
                        f"{asked:g}s, more than max_retry_wait ({settings.max_retry_wait:g}s)"
                    )
                wait = max(wait, asked)
            self.sleep(min(wait, settings.max_retry_wait))
        raise AssertionError("unreachable: the last attempt returns or raises")  # pragma: no cover

    def _follow(self, url: str, headers: dict[str, str]) -> tuple[int, str, dict[str, str], bytes]:
        """One request, following redirects by hand so every hop passes ``_check_target``."""
        current = url
        origin = urlsplit(url).netloc
        for _hop in range(MAX_REDIRECTS + 1):
            status, response_headers, body = self._send(current, headers)
            location = response_headers.get("location")
            if status not in REDIRECT_STATUSES or not location:
                return status, current, response_headers, body
            current = urljoin(current, location)
            self._check_target(current)
            if urlsplit(current).netloc != origin:
                headers = {}  # never carry a provider's headers (keys, tokens) to another host
        raise FetchError(f"more than {MAX_REDIRECTS} redirects from {canonical_url(url)}")

    def _send(self, url: str, headers: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        """One HTTP exchange under the host's concurrency limit, the deadline and the size cap.

        The deadline covers the whole exchange: connecting (each attempt gets what is left),
        the headers and every read of the body. A watchdog timer shuts the socket when it
        passes, which wakes a read that a trickling server keeps alive byte by byte.
        """
        settings = self.settings
        netloc = urlsplit(url).netloc
        with self._host_limit(netloc):
            with self._lock:
                self.requests_made += 1
            watch = Watch(settings.timeout)
            timer = threading.Timer(settings.timeout, watch.expire)
            timer.daemon = True  # never joined at exit
            self._guard.local.watch = watch
            timer.start()
            try:
                return self._exchange(url, headers, watch)
            except (requests.RequestException, OSError, ValueError):
                if watch.expired or watch.remaining() <= 0:
                    raise requests.Timeout("the exchange did not finish before the deadline") from None
                raise
            finally:
                timer.cancel()
                self._guard.local.watch = None

    def _exchange(self, url: str, headers: dict[str, str], watch: Watch) -> tuple[int, dict[str, str], bytes]:
        settings = self.settings
        netloc = urlsplit(url).netloc
        response = self._session().get(
            url, headers=headers, timeout=settings.timeout, allow_redirects=False, stream=True
        )
        try:
            found = {k.lower(): v for k, v in response.headers.items()}
            declared = found.get("content-length", "")
            if declared.isdigit() and int(declared) > settings.max_bytes:
                raise ResponseTooLargeError(
                    f"response from {netloc} declares {declared} bytes, over max_bytes ({settings.max_bytes})"
                )
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_content(_CHUNK):
                size += len(chunk)
                if size > settings.max_bytes:
                    raise ResponseTooLargeError(
                        f"response from {netloc} is over max_bytes ({settings.max_bytes})"
                    )
                if watch.expired or watch.remaining() <= 0:
                    raise requests.Timeout("body not received before the deadline")
                chunks.append(chunk)
            if watch.expired:  # the watchdog's shutdown can look like a clean end of the body
                raise requests.Timeout("body not received before the deadline")
            return response.status_code, found, b"".join(chunks)
        finally:
            response.close()


def retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds a ``Retry-After`` header asks us to wait (delta-seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def _from_cached(hit: CachedResponse) -> FetchResponse:
    return FetchResponse(
        url=hit.url,
        status=hit.status,
        headers=hit.headers,
        body=hit.body,
        retrieved_at=dt.datetime.fromtimestamp(hit.stored_at, dt.UTC),
        from_cache=True,
    )
