"""The address guard of the network door: which hosts may be reached, and at which address.

A URL's host is resolved once, within the time-out (DNS has none of its own), and refused if any
address is not public, unless the host is in ``allow_hosts``; the checked addresses are pinned,
and the connection classes mounted under ``requests`` connect only to a pinned address (a
rebinding DNS server's second answer is never asked for), while TLS still verifies, and SNI and
``Host`` still name, the host. Each exchange's deadline is watched here too: a watchdog shuts
the sockets an exchange uses when its time is spent. Split out of ``fetch`` (the client and its
retries) because this is the part that decides where a byte may go.
"""

from __future__ import annotations

import contextlib
import ipaddress
import socket
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar
from urllib.parse import urlsplit

from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import ConnectTimeoutError, NewConnectionError

from factcheck.errors import FetchError

Resolver = Callable[[str, int], list[str]]


class BlockedAddressError(FetchError):
    """The URL's scheme is not http(s), or its host resolves to a non-public address."""


def default_resolver(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (a failure is a ``FetchError``)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:
        raise FetchError(f"cannot resolve host {host!r}: {exc}") from None
    return [str(info[4][0]) for info in infos]


def _open_socket(address: tuple[str, int], timeout: float | None) -> socket.socket:
    """Connect to one checked address (tests replace this to see where a connection goes)."""
    return socket.create_connection(address, timeout)


def resolve_within(seconds: float, what: str, function: Callable[[], list[str]]) -> list[str]:
    """``function()``, given at most ``seconds``: it runs in a daemon thread, abandoned (never
    joined, not even at exit) if it overruns. For DNS, which no socket time-out reaches."""
    result: list[list[str]] = []
    failure: list[BaseException] = []

    def run() -> None:
        try:
            result.append(function())
        except BaseException as exc:
            failure.append(exc)

    worker = threading.Thread(target=run, name="factcheck-resolve", daemon=True)
    worker.start()
    worker.join(max(seconds, 0.0))
    if worker.is_alive():
        raise FetchError(f"{what} timed out after {seconds:g}s")
    if failure:
        raise failure[0]
    return result[0]


def is_public_address(address: str) -> bool:
    """False for private, loopback, link-local, reserved, multicast and unspecified addresses."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not (ip.is_multicast or ip.is_reserved or ip.is_link_local or ip.is_loopback)


def refuse_credentials(url: str) -> None:
    """``user:password@`` in a URL would be sent, and stored in the cache, in clear."""
    parts = urlsplit(url)
    if parts.username is not None or parts.password is not None:
        raise BlockedAddressError(
            "refusing a URL with credentials in it (user:password@host): give keys through the "
            "provider's settings or an environment variable"
        )


class Watch:
    """One HTTP exchange's deadline: the connections it uses, shut when time is up."""

    def __init__(self, seconds: float) -> None:
        self.deadline = time.monotonic() + seconds
        self.expired = False
        self._connections: list[HTTPConnection] = []
        self._lock = threading.Lock()

    def remaining(self) -> float:
        return max(0.0, self.deadline - time.monotonic())

    def add(self, connection: HTTPConnection) -> None:
        with self._lock:
            self._connections.append(connection)
            expired = self.expired
        if expired:
            _shut(connection)

    def expire(self) -> None:
        with self._lock:
            self.expired = True
            connections = list(self._connections)
        for connection in connections:
            _shut(connection)


def _shut(connection: HTTPConnection) -> None:
    """Wake a read blocked on the connection's socket: it sees end-of-file and fails."""
    sock = getattr(connection, "sock", None)
    if sock is not None:
        with contextlib.suppress(OSError):
            socket.socket.shutdown(sock, socket.SHUT_RDWR)  # the fd, under TLS too


class Guard:
    """What the connection classes of one ``Fetcher`` consult: the addresses each host was
    checked at (``pins``), the hosts that need no check, and the watch of the current thread."""

    def __init__(self, allowed: set[str]) -> None:
        self.allowed = allowed
        self.pins: dict[tuple[str, int], tuple[str, ...]] = {}
        self.local = threading.local()
        self._lock = threading.Lock()

    def pin(self, host: str, port: int, addresses: list[str]) -> None:
        """Remember the checked addresses under the host as written and as ``requests`` sends
        it (IDNA-encoded); a connection to a host not pinned is refused, never resolved anew."""
        names = {host}
        with contextlib.suppress(UnicodeError):
            names.add(host.encode("idna").decode("ascii"))
        with self._lock:
            for name in names:
                self.pins[(name, port)] = tuple(addresses)

    def check_target(self, url: str, resolver: Resolver, timeout: float) -> None:
        """Refuse non-http(s) URLs, credentials in URLs and hosts with a non-public address,
        unless allowed; pin the host to the addresses checked, for the connection to use.
        ``resolver`` is given ``timeout`` seconds (DNS has no socket time-out of its own)."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise BlockedAddressError(f"refusing {url!r}: only http and https URLs with a host")
        refuse_credentials(url)
        host = parts.hostname.lower()
        if host in self.allowed:
            return
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError:
            raise BlockedAddressError(f"refusing {url!r}: bad port") from None
        addresses = resolve_within(timeout, f"resolving {host}", lambda: resolver(host, port))
        if not addresses:
            raise FetchError(f"cannot resolve host {host!r}")
        for address in addresses:
            if not is_public_address(address):
                raise BlockedAddressError(
                    f"refusing {host}: it resolves to the non-public address {address} "
                    "(add the host to [network] allow_hosts to permit it)"
                )
        self.pin(host, port, addresses)

    def pinned(self, host: str, port: int) -> tuple[str, ...] | None:
        """The checked addresses for ``host``; ``None`` for an allowed host (normal DNS)."""
        host = host.lower().strip("[]")
        if host in self.allowed:
            return None
        with self._lock:
            return self.pins.get((host, port), ())

    def watch(self) -> Watch | None:
        found: Watch | None = getattr(self.local, "watch", None)
        return found

    def connect(self, connection: HTTPConnection) -> socket.socket:
        """A socket for ``connection``: to a checked address, within the exchange's time."""
        watch = self.watch()
        timeout = connection.timeout if isinstance(connection.timeout, int | float) else None
        if watch is not None:
            timeout = min(timeout, watch.remaining()) if timeout is not None else watch.remaining()
        addresses = self.pinned(connection.host, connection.port or 0)
        if addresses is None:
            targets = [(connection.host, connection.port or 0)]
        elif not addresses:
            raise NewConnectionError(connection, f"refusing {connection.host}: its address was not checked")
        else:
            targets = [(address, connection.port or 0) for address in addresses]
        last: OSError | None = None
        for target in targets:
            try:
                sock = _open_socket(target, timeout)
            except TimeoutError as exc:
                last = exc
                raise ConnectTimeoutError(connection, f"connection to {connection.host} timed out") from exc
            except OSError as exc:
                last = exc
                continue
            for option in connection.socket_options or ():
                sock.setsockopt(*option)
            connection.sock = sock
            if watch is not None:
                watch.add(connection)
            return sock
        raise NewConnectionError(connection, f"cannot connect to {connection.host}: {last}")

    def sending(self, connection: HTTPConnection) -> None:
        """A (possibly reused) connection carries a request of the current exchange."""
        watch = self.watch()
        if watch is not None:
            watch.add(connection)


_Connection = TypeVar("_Connection", bound=HTTPConnection)


def _connection_classes(guard: Guard) -> dict[str, type[HTTPConnectionPool]]:
    """Connection pools whose connections go where ``guard`` says, for ``requests`` to use."""

    def guarded(base: type[_Connection]) -> type[_Connection]:
        """``base`` (plain or TLS) connecting and sending only where ``guard`` allows."""

        class Guarded(base):  # type: ignore[valid-type,misc]
            def _new_conn(self) -> socket.socket:
                return guard.connect(self)

            def request(self, *args: Any, **kwargs: Any) -> None:
                guard.sending(self)
                super().request(*args, **kwargs)

        Guarded.__name__ = Guarded.__qualname__ = f"Guarded{base.__name__}"
        return Guarded

    GuardedHTTPConnection = guarded(HTTPConnection)
    GuardedHTTPSConnection = guarded(HTTPSConnection)

    class GuardedHTTPPool(HTTPConnectionPool):
        ConnectionCls = GuardedHTTPConnection

    class GuardedHTTPSPool(HTTPSConnectionPool):
        ConnectionCls = GuardedHTTPSConnection

    return {"http": GuardedHTTPPool, "https": GuardedHTTPSPool}


class GuardedAdapter(HTTPAdapter):
    """``requests``' adapter with the guarded connection pools."""

    def __init__(self, guard: Guard, **kwargs: Any) -> None:
        self._pool_classes = _connection_classes(guard)
        super().__init__(**kwargs)

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = self._pool_classes
