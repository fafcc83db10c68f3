"""The service's ASGI middleware: the bearer token, the request size limit, security headers
on every response, and one structured access-log line per request (never a body).

Pure ASGI rather than FastAPI middleware so that the size limit applies while the body arrives
(a chunked upload has no Content-Length) and the app never sees more than ``max_bytes``.
"""

from __future__ import annotations

import hmac
import json
import logging
import re
import time
import uuid
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

access_log = logging.getLogger("factcheck.access")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]
_OPEN_PATHS = ("/healthz", "/openapi.json")
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")


class _TooLarge(Exception):
    pass


class Guard:
    """Pure ASGI middleware: the bearer token, the request size limit, security headers, and one
    structured access-log line per request (method, path, status, timings; never a body)."""

    def __init__(self, app: ASGIApp, token: str | None, max_bytes: int) -> None:
        self.app = app
        self.token = token
        self.max_bytes = max_bytes

    def _authorised(self, headers: dict[str, str]) -> bool:
        if not self.token:
            return True
        expected = f"Bearer {self.token}".encode()
        given = headers.get("authorization", "").encode()
        if hmac.compare_digest(given, expected):
            return True
        for part in headers.get("cookie", "").split(";"):
            name, _, value = part.strip().partition("=")
            if name == "factcheck_token" and hmac.compare_digest(value.encode(), self.token.encode()):
                return True
        return False

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        exchange = _Exchange(scope, send)
        try:
            await self._guarded(scope, receive, exchange)
        except _TooLarge:
            await exchange.plain(413, f"request body larger than {self.max_bytes} bytes")
        finally:
            exchange.log()

    async def _guarded(self, scope: Scope, receive: Receive, exchange: _Exchange) -> None:
        path, headers = exchange.path, exchange.headers
        declared = headers.get("content-length", "")
        if path not in _OPEN_PATHS and not path.startswith("/static/") and not self._authorised(headers):
            await exchange.plain(401, "a bearer token is required", [(b"www-authenticate", b"Bearer")])
        elif declared.isdigit() and int(declared) > self.max_bytes:
            await exchange.plain(413, f"request body larger than {self.max_bytes} bytes")
        elif scope.get("method") in ("POST", "PUT", "PATCH"):
            body = await self._read_body(receive, exchange)
            if body is None:
                return
            replay: list[Message] = [{"type": "http.request", "body": body, "more_body": False}]

            async def receive_body() -> Message:
                return replay.pop() if replay else await receive()

            await self.app(scope, receive_body, exchange.send)
        else:
            await self.app(scope, receive, exchange.send)

    async def _read_body(self, receive: Receive, exchange: _Exchange) -> bytes | None:
        """The whole request body, counted as it arrives (chunked uploads have no Content-Length),
        so the app never sees more than ``max_bytes``; None when the client left before sending it."""
        chunks: list[bytes] = []
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                exchange.status = 499  # the client left before sending its request
                return None
            chunks.append(message.get("body", b""))
            exchange.received += len(chunks[-1])
            if exchange.received > self.max_bytes:
                raise _TooLarge
            if not message.get("more_body", False):
                return b"".join(chunks)


class _Exchange:
    """One request as the guard sees it: the security headers added to its response, what went
    in and out, and its access-log line."""

    def __init__(self, scope: Scope, send: Send) -> None:
        self.began = time.perf_counter()
        self.scope = scope
        self.path: str = scope.get("path", "")
        self.headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        given_id = self.headers.get("x-request-id", "")
        self.request_id = given_id if _REQUEST_ID.match(given_id) else uuid.uuid4().hex
        self.status = 0
        self.sent = 0
        self.received = 0
        self._send = send

    async def send(self, message: Message) -> None:
        if message["type"] == "http.response.start":
            self.status = message["status"]
            extra = [
                (b"x-request-id", self.request_id.encode()),
                (b"x-content-type-options", b"nosniff"),
                (b"referrer-policy", b"no-referrer"),
                (b"cache-control", b"no-store"),
            ]
            present = {k.lower() for k, _ in message.get("headers", [])}
            message["headers"] = [*message.get("headers", []), *(h for h in extra if h[0] not in present)]
        elif message["type"] == "http.response.body":
            self.sent += len(message.get("body", b""))
        await self._send(message)

    async def plain(self, status: int, detail: str, extra: list[tuple[bytes, bytes]] | None = None) -> None:
        body = json.dumps({"detail": detail}).encode()
        headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
        await self.send(
            {"type": "http.response.start", "status": status, "headers": [*headers, *(extra or [])]}
        )
        await self.send({"type": "http.response.body", "body": body})

    def log(self) -> None:
        client = self.scope.get("client")
        access_log.info(
            json.dumps(
                {
                    "ts": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                    "event": "request",
                    "request_id": self.request_id,
                    "method": self.scope.get("method"),
                    "path": self.path,
                    "status": self.status,
                    "ms": round((time.perf_counter() - self.began) * 1000, 2),
                    "bytes_in": self.received,
                    "bytes_out": self.sent,
                    "client": client[0] if client else None,
                }
            )
        )
