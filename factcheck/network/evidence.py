"""Remote evidence providers: what they look up, what they return, and how one article's look-ups
run concurrently.

A provider (fact-check search, a knowledge base, a newsroom's archive) is an object registered
through the ``register_evidence_providers`` hook. It never opens a socket: it receives a
:class:`Lookup` bound to the run's guarded :class:`~factcheck.network.fetch.Fetcher`, to its own name and
to the article's publication state, so offline mode, the cache, the private-address block and the
embargo policy apply to every request it makes without the provider having to remember them.

Results are typed (:class:`ClaimReview`, :class:`EntityFacts`) and each carries the
``SourceEvidence`` (provider, url, title, excerpt, retrieved-at) a report needs to be re-checked.

:class:`EvidenceService` is the run-level object: the providers, the fetcher and a thread pool.
``gather`` runs a batch of look-ups for one article at once, so ten statements cost about one
round trip (per chain of dependent requests), not ten in a row. A look-up that fails yields its
``FetchError`` as data; nothing here raises into the engine. The pool's threads are daemons:
a look-up stuck in a provider's own code past every time-out is abandoned at exit, never joined
(``concurrent.futures`` would join it, and the run would end only when it does).
"""

from __future__ import annotations

import datetime as dt
import queue
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from factcheck.errors import FetchError
from factcheck.model.report import SourceEvidence
from factcheck.network.fetch import Fetcher, FetchResponse

if TYPE_CHECKING:
    from factcheck.config.settings import NetworkSettings

Capability = Literal["claims", "entities"]


# --- typed results -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ClaimReview:
    """An earlier fact-check of a claim (schema.org ClaimReview, as Fact Check Tools returns it)."""

    claim: str
    rating: str  # the publisher's own words: "False", "Mostly true", "Pants on Fire!"
    url: str | None
    publisher: str | None = None
    claimant: str | None = None
    claim_date: str | None = None
    title: str | None = None
    evidence: SourceEvidence | None = None


@dataclass(frozen=True)
class Position:
    """A position held, with its start and end (``None`` when open or unknown)."""

    title: str
    start: dt.date | None = None
    end: dt.date | None = None

    def held_on(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class EntityFacts:
    """What a knowledge base says about a named entity."""

    id: str
    label: str
    description: str | None = None
    is_human: bool = False
    positions: tuple[Position, ...] = ()
    countries: tuple[str, ...] = ()
    birth_date: dt.date | None = None
    birth_precision: Literal["day", "month", "year"] | None = None
    evidence: SourceEvidence | None = None


# --- the provider side ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Lookup:
    """What a provider is handed for one look-up: the guarded door, bound to who asks and about
    which article. ``get``/``get_json`` are the only way a provider reaches the network."""

    fetcher: Fetcher
    provider: str
    published: bool = True

    def get(
        self,
        url: str,
        params: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
        secret_params: Iterable[str] = (),
    ) -> FetchResponse:
        return self.fetcher.get(
            url,
            provider=self.provider,
            params=params,
            headers=headers,
            secret_params=secret_params,
            published=self.published,
        )

    def get_json(
        self,
        url: str,
        params: Mapping[str, str] | None = None,
        headers: Mapping[str, str] | None = None,
        secret_params: Iterable[str] = (),
    ) -> tuple[Any, FetchResponse]:
        """The parsed JSON body and the response it came from (for its URL and retrieval time)."""
        response = self.get(url, params, headers, secret_params)
        return response.json(), response

    def source(
        self, url: str | None, title: str | None, excerpt: str | None, response: FetchResponse
    ) -> SourceEvidence:
        """Evidence naming this provider, stamped with when the network answered."""
        return SourceEvidence(
            provider=self.provider,
            url=url,
            title=title,
            excerpt=_clip(excerpt),
            retrieved_at=response.retrieved_at,
        )


class EvidenceProvider:
    """Subclass this, set ``name`` and ``capabilities``, implement the matching methods.

    ``name`` is what verdicts, ``allowed_providers`` and error messages use (by convention the
    plugin's entry-point name). Methods raise ``FetchError`` for anything remote that went wrong,
    and may raise ``ValueError``/``KeyError`` on a response of the wrong shape: the service turns
    both into a failed look-up naming the provider.
    """

    name: str = ""
    capabilities: frozenset[Capability] = frozenset()

    def search_claims(self, text: str, lookup: Lookup) -> list[ClaimReview]:
        """Earlier fact-checks of claims like ``text`` (a statement of the article)."""
        raise NotImplementedError

    def entity_facts(self, name: str, lookup: Lookup) -> EntityFacts | None:
        """Facts about the entity called ``name``; ``None`` when the provider knows none."""
        raise NotImplementedError


# --- running look-ups ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Request:
    """One look-up to run: which provider, which capability, what to look up."""

    provider: EvidenceProvider
    capability: Capability
    query: str


@dataclass
class Outcome:
    """The result of one :class:`Request`: a value, or the error that stopped it."""

    request: Request
    claims: list[ClaimReview] = field(default_factory=list)
    facts: EntityFacts | None = None
    error: str | None = None


class EvidenceService:
    """The run's providers, guarded fetcher and thread pool (build one per engine/process)."""

    def __init__(self, providers: Sequence[EvidenceProvider], fetcher: Fetcher, workers: int = 8) -> None:
        self.providers = list(providers)
        self.fetcher = fetcher
        self._pool = DaemonPool(workers, "factcheck-evidence")
        self._skipped: dict[str, list[str]] = {}
        self._lock = threading.Lock()

    @classmethod
    def for_providers(
        cls, providers: Sequence[EvidenceProvider], network: NetworkSettings
    ) -> EvidenceService:
        """The service a run uses: no provider, no cache file (a plain ``check`` leaves nothing
        on disk)."""
        fetcher = Fetcher(network) if providers else Fetcher(network, cache=False)
        return cls(providers, fetcher, network.workers)

    def gather(
        self,
        requests: Iterable[Request],
        published: bool = True,
    ) -> list[Outcome]:
        """Run every request concurrently; outcomes come back in request order."""

        def run(request: Request) -> Outcome:
            lookup = Lookup(self.fetcher, request.provider.name, published)
            return _run_one(request, lookup)

        futures = [self._pool.submit(run, request) for request in list(requests)]
        return [future.result() for future in futures]

    # --- what was not checked ----------------------------------------------------------------------

    def skip(self, article_path: str, note: str) -> None:
        """Record a check not made for an article (offline, embargo); see ``pop_skipped``."""
        with self._lock:
            notes = self._skipped.setdefault(article_path, [])
            if note not in notes:
                notes.append(note)

    def pop_skipped(self, article_path: str) -> tuple[str, ...]:
        """The notes recorded for an article, once: the engine copies them to ``skipped_checks``."""
        with self._lock:
            return tuple(self._skipped.pop(article_path, []))

    def close(self) -> None:
        self._pool.shutdown()
        self.fetcher.close()


class DaemonPool:
    """A small thread pool of daemon threads, started on demand: ``submit`` returns a
    ``Future``; ``shutdown`` cancels what has not started and returns at once."""

    def __init__(self, workers: int, name: str) -> None:
        self._workers = workers
        self._name = name
        self._queue: queue.SimpleQueue[tuple[Future[Any], Callable[..., Any], tuple[Any, ...]] | None] = (
            queue.SimpleQueue()
        )
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()
        self._closed = False

    def submit(self, function: Callable[..., Any], *args: Any) -> Future[Any]:
        future: Future[Any] = Future()
        with self._lock:
            if self._closed:
                raise RuntimeError("the look-up pool is shut down")
            self._queue.put((future, function, args))
            if len(self._threads) < self._workers:
                thread = threading.Thread(
                    target=self._work, name=f"{self._name}-{len(self._threads)}", daemon=True
                )
                self._threads.append(thread)
                thread.start()
        return future

    def _work(self) -> None:
        while True:
            item = self._queue.get()
            if item is None:
                return
            future, function, args = item
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(function(*args))
            except BaseException as exc:
                future.set_exception(exc)

    def shutdown(self) -> None:
        with self._lock:
            self._closed = True
            while True:
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    break
                if item is not None:
                    item[0].cancel()
            for _ in self._threads:
                self._queue.put(None)


def _run_one(request: Request, lookup: Lookup) -> Outcome:
    provider = request.provider
    try:
        if request.capability == "claims":
            return Outcome(request, claims=list(provider.search_claims(request.query, lookup)))
        return Outcome(request, facts=provider.entity_facts(request.query, lookup))
    except FetchError as exc:
        message = str(exc)
        if not message.startswith(f"{provider.name}:"):
            message = f"{provider.name}: {message}"
        return Outcome(request, error=message)
    except (ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
        # A response of an unexpected shape: the provider's problem, never the run's.
        return Outcome(request, error=f"{provider.name}: unexpected response ({type(exc).__name__}: {exc})")
    except RecursionError:  # a provider walking an absurdly nested answer
        return Outcome(request, error=f"{provider.name}: unexpected response (nested too deeply)")


def _clip(text: str | None, limit: int = 500) -> str | None:
    if text is None:
        return None
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
