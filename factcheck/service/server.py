"""``factcheck serve``: start the review service on uvicorn, safely by default.

- binds to 127.0.0.1 unless told otherwise; any other address needs a bearer token
  (``FACTCHECK_SERVE_TOKEN`` or ``--token-file``), or the server refuses to start;
- request bodies above ``[serve] max_request_bytes`` get 413; a check past ``check_timeout`` is
  killed with its worker process (504) and the worker replaced;
- SIGTERM/SIGINT: stop accepting, let requests in flight finish (``shutdown_grace`` s), stop the
  workers, close the database.
"""

from __future__ import annotations

import argparse
import ipaddress
import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from factcheck.errors import UsageError

if TYPE_CHECKING:
    from fastapi import FastAPI

    from factcheck.config.settings import Config

TOKEN_ENV = "FACTCHECK_SERVE_TOKEN"
MIN_TOKEN = 16


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def read_token(token_file: str | None) -> str | None:
    """The bearer token: ``--token-file`` (first line), else ``$FACTCHECK_SERVE_TOKEN``."""
    if token_file:
        try:
            token = Path(token_file).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise UsageError(f"--token-file {token_file}: {exc.strerror or exc}") from None
    else:
        token = os.environ.get(TOKEN_ENV, "").strip()
    if token and len(token) < MIN_TOKEN:
        raise UsageError(f"the bearer token must be at least {MIN_TOKEN} characters")
    return token or None


def serve_config(args: argparse.Namespace) -> Config:
    """The configuration file's ``[serve]`` section with the command line's options on top."""
    from pydantic import ValidationError

    from factcheck.config.settings import ServeSettings, load_config

    config = load_config(getattr(args, "config", None))
    overrides = {
        key: value
        for key in ("host", "port", "workers", "database_url")
        if (value := getattr(args, key, None)) is not None
    }
    try:
        serve = ServeSettings.model_validate({**config.settings.serve.model_dump(), **overrides})
    except ValidationError as exc:
        first = exc.errors()[0]
        raise UsageError(f"--{str(first['loc'][0]).replace('_', '-')}: {first['msg']}") from None
    config.settings = config.settings.model_copy(update={"serve": serve})
    return config


def build_app(config: Config, blocked: list[str], token: str | None, strict_plugins: bool = False) -> FastAPI:
    """The app with its engine, store and worker pool (the workers are started here)."""
    from factcheck.engine.engine import Engine
    from factcheck.plugin_system.manager import get_plugin_manager
    from factcheck.service.app import Service, create_app
    from factcheck.service.store import open_store
    from factcheck.service.workers import EngineSpec, WorkerPool

    serve = config.settings.serve
    try:
        store = open_store(serve.database_url, serve.sqlite_path)
    except Exception as exc:
        raise UsageError(f"cannot open the database: {type(exc).__name__}: {exc}") from None
    pm = get_plugin_manager(blocked=blocked, strict=strict_plugins)
    for failure in pm.load_report.failed:
        logging.getLogger("factcheck.service").warning("%s", failure)
    engine = Engine(config, pm, use_baseline=False)
    spec = EngineSpec(
        settings=config.settings.model_dump(mode="json"),
        config_path=str(config.path) if config.path else None,
        config_text=config.text,
        config_prefix=config.prefix,
        blocked=tuple(blocked),
        strict_plugins=strict_plugins,
    )
    pool = WorkerPool(spec, serve.workers, serve.max_queue)
    service = Service(
        engine=engine,
        store=store,
        pool=pool,
        check_timeout=serve.check_timeout,
        token=token,
        max_request_bytes=serve.max_request_bytes,
    )
    return create_app(service)


def _logging() -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    access = logging.getLogger("factcheck.access")
    access.handlers[:] = [handler]
    access.setLevel(logging.INFO)
    access.propagate = False
    service = logging.getLogger("factcheck.service")
    service_handler = logging.StreamHandler(sys.stderr)
    service_handler.setFormatter(logging.Formatter("factcheck serve: %(levelname)s: %(message)s"))
    service.handlers[:] = [service_handler]
    service.setLevel(logging.INFO)
    service.propagate = False


def command_serve(args: argparse.Namespace, blocked: list[str]) -> int:
    try:
        import uvicorn
    except ImportError:
        raise UsageError(
            "factcheck serve needs the server packages: pip install 'factcheck[serve]'"
        ) from None
    config = serve_config(args)
    serve = config.settings.serve
    token = read_token(getattr(args, "token_file", None))
    if not is_loopback(serve.host) and token is None:
        raise UsageError(
            f"refusing to listen on {serve.host} without a bearer token: set {TOKEN_ENV} or "
            "--token-file (or bind to 127.0.0.1)"
        )
    _logging()
    app = build_app(config, blocked, token, bool(getattr(args, "strict_plugins", False)))
    where = serve.database_url.split("@")[-1] if serve.database_url else serve.sqlite_path
    logging.getLogger("factcheck.service").info(
        "http://%s:%d (database %s, %d check workers%s)",
        serve.host,
        serve.port,
        where,
        serve.workers,
        ", bearer token required" if token else "",
    )
    options: dict[str, Any] = {
        "host": serve.host,
        "port": serve.port,
        "access_log": False,  # the app writes one structured line per request instead
        "log_level": "warning",
        "timeout_graceful_shutdown": serve.shutdown_grace,
        "server_header": False,
        "proxy_headers": False,
    }
    uvicorn.run(app, **options)
    return 0
