"""The HTTP API and the review page (FastAPI). ``create_app`` builds the app around a
``Service``: the engine (renderers, policy, plugin list; checks run in the worker pool), the
store and the pool. Every route and the OpenAPI schema are here; docs/service.md has examples."""

from __future__ import annotations

import asyncio
import hmac
import json
import logging
import re
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, MutableMapping
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from html import escape
from importlib import resources
from typing import Annotated, Any

from fastapi import FastAPI, HTTPException, Query
from fastapi import Path as PathParam
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from factcheck.engine.engine import Engine
from factcheck.errors import UsageError
from factcheck.model.report import ArticleReport, Report, Status
from factcheck.plugin_system.manager import plugin_infos
from factcheck.service.core import (
    ARTICLE_ID,
    CheckJob,
    apply_decisions,
    media_type,
    render,
)
from factcheck.service.models import (
    CheckRequest,
    DecisionRecord,
    DecisionRequest,
    DecisionsResponse,
    Health,
    PluginInfoModel,
    PluginsResponse,
    Problem,
)
from factcheck.service.store import Store
from factcheck.service.workers import CheckTimeout, PoolBusy, WorkerFailed, WorkerPool
from factcheck.workflow.review import DecisionBook

access_log = logging.getLogger("factcheck.access")
log = logging.getLogger("factcheck.service")

ArticleId = Annotated[str, PathParam(pattern=ARTICLE_ID.pattern, max_length=200)]
Format = Annotated[str, Query(description="any renderer: json (default), html, sarif, markdown, ...")]
ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": Problem},
    401: {"model": Problem},
    404: {"model": Problem},
    413: {"model": Problem},
}
REPORT_RESPONSES: dict[int | str, dict[str, Any]] = {
    **ERRORS,
    200: {
        "model": Report,
        "description": "the report, as `factcheck check -f json` prints it (other formats as asked)",
    },
}


@dataclass
class Service:
    engine: Engine
    store: Store
    pool: WorkerPool
    check_timeout: float = 60.0
    token: str | None = None
    max_request_bytes: int = 2_000_000
    executor: ThreadPoolExecutor = field(init=False)

    def __post_init__(self) -> None:
        # Threads that wait for a worker: one per check in flight or queued (never the event loop).
        self.executor = ThreadPoolExecutor(
            self.pool.size + self.pool.max_queue + 1, thread_name_prefix="factcheck-check"
        )

    def close(self) -> None:
        self.pool.close()
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.store.close()


def _renderer_name(service: Service, fmt: str) -> str:
    if fmt not in service.engine.registry.renderers:
        valid = ", ".join(sorted(service.engine.registry.renderers))
        raise HTTPException(400, f"unknown format {fmt!r}; choose from: {valid}")
    return fmt


def _latest(service: Service, article_id: str) -> tuple[ArticleReport, str, DecisionBook]:
    found = service.store.load_report(article_id)
    if found is None:
        raise HTTPException(404, f"no report for article {article_id!r}: POST it to /v1/check first")
    raw, checked_at = found
    return ArticleReport.model_validate_json(raw), checked_at, service.store.book(article_id)


def _records(rows: list[dict[str, Any]]) -> list[DecisionRecord]:
    return [DecisionRecord.model_validate(row) for row in rows]


def create_app(service: Service) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        log.info("shutting down: stopping check workers")
        await run_in_threadpool(service.close)

    app = FastAPI(
        title="factcheck review service",
        version=service.engine.tool.version,
        description="Check articles from a CMS, keep the desk's decisions on findings, serve a review page.",
        docs_url=None,  # Swagger UI and ReDoc load from a CDN; /openapi.json is the schema
        redoc_url=None,
        lifespan=lifespan,
    )
    app.add_middleware(Guard, token=service.token, max_bytes=service.max_request_bytes)
    _operations(app, service)
    _checks(app, service)
    _articles(app, service)
    _pages(app, service)
    return app


def _operations(app: FastAPI, service: Service) -> None:

    @app.get("/healthz", response_model=Health, tags=["operations"])
    def healthz() -> JSONResponse:
        alive = service.pool.alive
        ok = service.store.ping() and alive > 0
        body = Health(
            status="ok" if ok else "degraded",
            version=service.engine.tool.version,
            database=service.store.kind,
            schema_version=service.store.schema_version() if ok else 0,
            workers=service.pool.size,
            workers_alive=alive,
            checks_waiting=service.pool.waiting,
        )
        return JSONResponse(body.model_dump(), status_code=200 if ok else 503)

    @app.get("/v1/plugins", response_model=PluginsResponse, tags=["operations"])
    def plugins() -> PluginsResponse:
        engine = service.engine
        registry = engine.registry
        rows = [
            PluginInfoModel(
                name=i.name,
                version=i.version,
                module=i.module,
                builtin=i.builtin,
                hooks=list(i.hooks),
                codes=sorted(registry.codes_by_plugin.get(i.name, [])),
            )
            for i in plugin_infos(engine.pm)
        ]
        return PluginsResponse(
            plugins=rows,
            formats=sorted(registry.renderers),
            policies=sorted(registry.policies),
            failed=[str(f) for f in engine.pm.load_report.failed],
        )


def _checks(app: FastAPI, service: Service) -> None:
    @app.post("/v1/check", responses=REPORT_RESPONSES, tags=["checks"])
    async def check(body: CheckRequest, format: Format = "json") -> Response:
        """Check an article and keep the report as its latest; decisions already made on its
        findings carry over while their statements are unchanged."""
        fmt = _renderer_name(service, format)
        book = await run_in_threadpool(service.store.book, body.id)
        job = CheckJob(
            article_id=body.id,
            text=body.text,
            format=body.format,
            title=body.title,
            date=body.date,
            published=body.published,
            render=fmt,
            decisions=book.entries,
        )
        loop = asyncio.get_running_loop()
        try:
            result = await loop.run_in_executor(
                service.executor, service.pool.run, job, service.check_timeout
            )
        except PoolBusy as exc:
            raise HTTPException(503, f"busy: {exc}", headers={"Retry-After": "5"}) from None
        except CheckTimeout as exc:
            raise HTTPException(504, str(exc)) from None
        except WorkerFailed as exc:
            raise HTTPException(500, f"the check failed: {exc}") from None
        await run_in_threadpool(service.store.save_report, body.id, result.report_json)
        return Response(
            result.rendered,
            media_type=media_type(fmt),
            headers={"X-Factcheck-Check-Seconds": f"{result.seconds:.4f}"},
        )


def _articles(app: FastAPI, service: Service) -> None:
    @app.get("/v1/articles/{article_id}/report", responses=REPORT_RESPONSES, tags=["articles"])
    def report(article_id: ArticleId, format: Format = "json") -> Response:
        """The article's latest report, with the decisions in force shown on its verdicts."""
        fmt = _renderer_name(service, format)
        latest, checked_at, book = _latest(service, article_id)
        text = render(service.engine, apply_decisions(service.engine, latest, book), fmt)
        return Response(text, media_type=media_type(fmt), headers={"X-Factcheck-Checked-At": checked_at})

    @app.post(
        "/v1/articles/{article_id}/decisions",
        response_model=DecisionRecord,
        status_code=201,
        responses={**ERRORS, 200: {"model": DecisionRecord, "description": "already recorded"}},
        tags=["articles"],
    )
    def decide(article_id: ArticleId, body: DecisionRequest) -> JSONResponse:
        """Accept or dismiss a finding of the latest report (201). Posting the decision already
        in force again records nothing and answers 200 with it: retries are safe."""
        latest, _, _ = _latest(service, article_id)
        found = [
            v for v in latest.verdicts if v.fingerprint == body.fingerprint and v.status != Status.SUPPORTED
        ]
        if not found:
            raise HTTPException(
                404, f"no finding {body.fingerprint!r} in the latest report of {article_id!r}"
            )
        verdict = found[0]
        statement = next((s.text for s in latest.statements if s.id == verdict.statement_id), "")
        try:
            entry = DecisionBook.entry(verdict, statement, body.action, body.reason, body.by)
        except UsageError as exc:
            raise HTTPException(400, str(exc)) from None
        row, created = service.store.add_decision(article_id, entry)
        record = DecisionRecord.model_validate(row)
        return JSONResponse(record.model_dump(mode="json"), status_code=201 if created else 200)

    @app.get("/v1/articles/{article_id}/decisions", response_model=DecisionsResponse, tags=["articles"])
    def decisions(article_id: ArticleId) -> DecisionsResponse:
        """The decisions in force, those reopened because their statement changed, and the
        whole audit trail."""
        audit = service.store.audit(article_id)
        found = service.store.load_report(article_id)
        if found is None and not audit:
            raise HTTPException(404, f"nothing recorded for article {article_id!r}")
        book = DecisionBook({row["fingerprint"]: row for row in audit})
        if found is None:
            return DecisionsResponse(article=article_id, reopened=_records(list(book.entries.values())))
        latest = ArticleReport.model_validate_json(found[0])
        stale = book.stale(latest)
        stale_ids = {row["id"] for row in stale}
        live = [row for row in book.entries.values() if row["id"] not in stale_ids]
        return DecisionsResponse(
            article=article_id,
            checked_at=found[1],
            decisions=_records(live),
            reopened=_records(stale),
            audit=_records(audit),
        )


def _pages(app: FastAPI, service: Service) -> None:
    @app.get("/articles/{article_id}", response_class=Response, tags=["review page"])
    def review_page(article_id: ArticleId) -> Response:
        """The HTML report with accept/dismiss controls (``/static/review.js``)."""
        latest, _, book = _latest(service, article_id)
        page = render(service.engine, apply_decisions(service.engine, latest, book), "html")
        html, policy = review_html(page, article_id)
        return Response(
            html, media_type="text/html; charset=utf-8", headers={"Content-Security-Policy": policy}
        )

    @app.get("/static/{name}", include_in_schema=False)
    def static(name: str) -> Response:
        if name not in STATIC:
            raise HTTPException(404, "not found")
        return Response(
            asset(name), media_type=STATIC[name], headers={"Cache-Control": "public, max-age=300"}
        )


# --- the review page ---------------------------------------------------------------------------

STATIC = {"review.js": "text/javascript; charset=utf-8", "review.css": "text/css; charset=utf-8"}
_CSP_META = re.compile(r'<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"\s*/?>', re.I)
_DEFAULT_POLICY = "default-src 'none'; img-src data:"


def asset(name: str) -> str:
    return (resources.files("factcheck.service") / "static" / name).read_text("utf-8")


def extend_policy(policy: str) -> str:
    """The renderer's CSP with the service's own script, stylesheet and API allowed ('self')."""
    directives: dict[str, list[str]] = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            directives[words[0].lower()] = words[1:]
    for name in ("script-src", "style-src", "connect-src"):
        sources = directives.setdefault(name, [])
        if "'none'" in sources:
            sources.remove("'none'")
        if "'self'" not in sources:
            sources.append("'self'")
    directives["form-action"] = ["'none'"]
    directives["base-uri"] = ["'none'"]
    return "; ".join(" ".join([name, *sources]) for name, sources in directives.items())


def review_html(page: str, article_id: str) -> tuple[str, str]:
    """The renderer's page plus the review script and stylesheet (same origin, relative URLs so
    a path prefix in front of the service works); returns the page and its CSP."""
    found = _CSP_META.search(page)
    policy = extend_policy(found.group(1) if found else _DEFAULT_POLICY)
    if found:
        page = (
            page[: found.start()]
            + f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
            + page[found.end() :]
        )
    head = (
        f'<meta name="factcheck-article" content="{escape(article_id)}">'
        '<link rel="stylesheet" href="../static/review.css">'
    )
    script = '<script src="../static/review.js" defer></script>'
    page = page.replace("</head>", head + "</head>", 1) if "</head>" in page else head + page
    page = page.replace("</body>", script + "</body>", 1) if "</body>" in page else page + script
    return page, policy


# --- authentication, limits and the access log ---------------------------------------------------

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
