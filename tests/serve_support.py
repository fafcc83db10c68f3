"""Helpers for the service tests: the real server in a subprocess on a free loopback port, and a
throwaway PostgreSQL server (initdb into a temp dir, started on a free loopback port).

PostgreSQL: the tests skip where its binaries are missing, except when
``FACTCHECK_REQUIRE_POSTGRES=1`` (set by .ci/run, which installs it): then they fail.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping
from pathlib import Path

import pytest
import requests

REPO_ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = REPO_ROOT / "examples" / "ceasefire-call.txt"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class Server:
    """``factcheck serve`` in a subprocess; ``url`` once healthy."""

    def __init__(self, folder: Path, serve: Mapping[str, object], env: dict[str, str] | None = None) -> None:
        self.folder = folder
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        lines = ["[serve]"]
        for key, value in {"workers": 2, **serve}.items():
            lines.append(f"{key} = {value!r}" if not isinstance(value, str) else f'{key} = "{value}"')
        lines += ["[network]", "offline = true"]
        (folder / "factcheck.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        self.log = folder / f"server-{self.port}.log"
        self.env = {**os.environ, **(env or {})}
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 90.0) -> Server:
        command = [sys.executable, "-m", "factcheck.cli.main", "serve", "--port", str(self.port)]
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                command, cwd=self.folder, env=self.env, stdout=log, stderr=subprocess.STDOUT
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"server exited {self.process.returncode}:\n{self.output()}")
            try:
                if requests.get(self.url + "/healthz", timeout=2).status_code == 200:
                    return self
            except requests.ConnectionError:
                pass
            time.sleep(0.2)
        self.stop()
        raise AssertionError(f"server did not become healthy:\n{self.output()}")

    def stop(self) -> int | None:
        if self.process is None:
            return None
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        code = self.process.returncode
        self.process = None
        return code

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace") if self.log.exists() else ""

    def __enter__(self) -> Server:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def check(server: Server, article_id: str, text: str, **extra: object) -> requests.Response:
    return requests.post(
        server.url + "/v1/check", json={"id": article_id, "text": text, **extra}, timeout=120
    )


# --- PostgreSQL ----------------------------------------------------------------------------------


def _pg_bin() -> Path | None:
    configured = os.environ.get("FACTCHECK_PG_BIN")
    if configured:
        return Path(configured)
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _unavailable(reason: str) -> None:
    if os.environ.get("FACTCHECK_REQUIRE_POSTGRES") == "1":
        pytest.fail(f"PostgreSQL is required here (FACTCHECK_REQUIRE_POSTGRES=1) but {reason}")
    pytest.skip(f"PostgreSQL not available: {reason} (apt-get install postgresql)")


@contextlib.contextmanager
def postgres() -> Iterator[str]:
    """A throwaway PostgreSQL server; yields the URL of an empty database on it."""
    pg_bin = _pg_bin()
    if pg_bin is None or not (pg_bin / "initdb").exists():
        _unavailable("initdb was not found")
        return
    root = Path(tempfile.mkdtemp(prefix="factcheck-pg-"))
    data, sockets = root / "data", root / "run"
    sockets.mkdir()
    prefix: list[str] = []
    if os.geteuid() == 0:  # initdb refuses to run as root: run the server as the postgres user
        if shutil.which("runuser") is None:
            _unavailable("running as root without runuser")
        prefix = ["runuser", "-u", "postgres", "--"]
        os.chmod(root, 0o755)
        shutil.chown(sockets, "postgres")
        data.mkdir(mode=0o700)
        shutil.chown(data, "postgres")
    port = free_port()
    run = lambda *cmd: subprocess.run([*prefix, *cmd], capture_output=True, text=True, check=False)  # noqa: E731
    done = run(
        str(pg_bin / "initdb"), "-D", str(data), "-U", "factcheck", "--auth=trust", "-E", "UTF8", "--no-sync"
    )
    if done.returncode != 0:
        shutil.rmtree(root, ignore_errors=True)
        _unavailable(f"initdb failed: {done.stderr.strip()[-300:]}")
    options = f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
    log = root / "run" / "postgres.log"
    done = run(
        str(pg_bin / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(log), "-w", "-t", "60", "start"
    )
    if done.returncode != 0:
        detail = log.read_text(errors="replace")[-500:] if log.exists() else done.stderr
        shutil.rmtree(root, ignore_errors=True)
        _unavailable(f"the server would not start: {detail}")
    try:
        import psycopg

        with psycopg.connect(f"postgresql://factcheck@127.0.0.1:{port}/postgres", autocommit=True) as conn:
            conn.execute("CREATE DATABASE factcheck_test")
        yield f"postgresql://factcheck@127.0.0.1:{port}/factcheck_test"
    finally:
        run(str(pg_bin / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop")
        shutil.rmtree(root, ignore_errors=True)
