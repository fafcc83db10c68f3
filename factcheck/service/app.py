"""The HTTP API and the review page (FastAPI). ``create_app`` builds the app around a
``Service``: the engine (renderers, policy, plugin list; checks run in the worker pool), the
store and the pool. Every route and the OpenAPI schema are here; docs/service.md has examples.
The review page's HTML is ``review_page``; the token, size limit and access log ``middleware``."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
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
from factcheck.service.middleware import Guard
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
from factcheck.service.review_page import STATIC, asset, review_html
from factcheck.service.store import Store
from factcheck.service.workers import CheckTimeout, PoolBusy, WorkerFailed, WorkerPool
from factcheck.workflow.review import DecisionBook

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
