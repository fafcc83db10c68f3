"""Load benchmark of ``factcheck serve`` (``make bench-serve``): articles per second and p50/p95
latency at 1, 8 and 32 concurrent clients, over real BBC articles from ../shared/data (read at
run time, never copied into the repository), against the real server on a loopback port.

Also: the single-client latency of a ~1,000-word article against the in-process
``Checker.check_text`` time for the same article (the service's overhead: HTTP, the worker
pipe, storing the report, rendering), which must stay within 1.5x.

Writes its table to docs/evaluation.md between ``<!-- begin:bench-serve -->`` and
``<!-- end:bench-serve -->`` (``--no-write`` to only print). Every request loop is bounded and
goes to 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

from eval.common import REPO_ROOT, data_dir
from factcheck.engine.checker import Checker

BEGIN, END = "<!-- begin:bench-serve -->", "<!-- end:bench-serve -->"


def articles(limit: int) -> list[tuple[str, str]]:
    found = []
    with (data_dir() / "bbc_news" / "bbc_news.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            found.append(
                (record["id"].replace("/", "-"), f"{record.get('title') or ''}\n\n{record['text']}\n")
            )
    long_one = min(found, key=lambda a: abs(len(a[1].split()) - 1000))
    return [long_one, *found[:limit]]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(folder: Path, workers: int) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    (folder / "factcheck.toml").write_text(
        f"[serve]\nworkers = {workers}\nmax_queue = 256\n[network]\noffline = true\n", encoding="utf-8"
    )
    log = (folder / "server.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "factcheck.cli.main", "serve", "--port", str(port)],
        cwd=folder,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            if requests.get(url + "/healthz", timeout=2).ok:
                return process, url
        except requests.ConnectionError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("the server did not start; see " + str(folder / "server.log"))


def compare(url: str, text: str, runs: int) -> tuple[float, float]:
    """Median seconds of one client's ``POST /v1/check`` and of in-process ``Checker.check_text``
    for the same article, measured alternately (A, B, A, B...) so that load from others on a
    shared machine falls on both alike; warm (plugins loaded, first runs discarded)."""
    served: list[float] = []
    local: list[float] = []
    with Checker(offline=True) as checker, requests.Session() as session:
        for n in range(-2, runs):
            began = time.perf_counter()
            checker.check_text(text, path="bench.txt")
            middle = time.perf_counter()
            answer = session.post(url + "/v1/check", json={"id": f"long-{n + 2}", "text": text}, timeout=120)
            end = time.perf_counter()
            answer.raise_for_status()
            if n >= 0:
                local.append(middle - began)
                served.append(end - middle)
    return statistics.median(served), statistics.median(local)


def load(url: str, corpus: list[tuple[str, str]], clients: int, total: int) -> dict[str, float]:
    latencies: list[float] = []
    errors = 0
    lock = threading.Lock()
    counter = iter(range(total))

    def client() -> None:
        nonlocal errors
        with requests.Session() as session:
            while True:
                with lock:
                    n = next(counter, None)
                if n is None:
                    return
                article_id, text = corpus[n % len(corpus)]
                began = time.perf_counter()
                answer = session.post(
                    url + "/v1/check", json={"id": f"{article_id}-{clients}-{n}", "text": text}, timeout=300
                )
                elapsed = time.perf_counter() - began
                with lock:
                    latencies.append(elapsed)
                    errors += answer.status_code != 200

    began = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - began
    return {
        "clients": clients,
        "requests": total,
        "errors": errors,
        "per_second": total / wall,
        "p50": percentile(latencies, 0.5),
        "p95": percentile(latencies, 0.95),
    }


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.serve")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2, help="check worker processes")
    parser.add_argument("--requests", type=int, default=160, help="requests per concurrency level")
    parser.add_argument("--no-write", action="store_true", help="print only; leave docs/evaluation.md alone")
    args = parser.parse_args()
    corpus = articles(200)
    long_id, long_text = corpus[0]
    long_words = len(long_text.split())
    with tempfile.TemporaryDirectory(prefix="factcheck-bench-serve-") as tmp:
        process, url = start_server(Path(tmp), args.workers)
        try:
            served, local = compare(url, long_text, 40)
            rows = [load(url, corpus[1:], clients, max(args.requests, clients * 4)) for clients in (1, 8, 32)]
        finally:
            process.send_signal(signal.SIGTERM)
            process.wait(60)
    ratio = served / local
    words = statistics.mean(len(t.split()) for _, t in corpus[1:])
    lines = [
        BEGIN,
        "## Service load (`make bench-serve`)",
        "",
        f"Measured {time.strftime('%Y-%m-%d')} on this 2-core machine while other engineers shared it, so "
        "the figures are indicative (the lead re-measures); `factcheck serve` with "
        f"{args.workers} check worker processes and SQLite, over the first {len(corpus) - 1} BBC "
        f"articles of `../shared/data` ({words:.0f} words on average), offline, every request a new "
        "article id (each report stored).",
        "",
        "| concurrent clients | requests | errors | articles/s | p50 latency | p95 latency |",
        "|---:|---:|---:|---:|---:|---:|",
        *(
            f"| {r['clients']} | {r['requests']} | {r['errors']} | {r['per_second']:.1f} | "
            f"{r['p50'] * 1000:.0f} ms | {r['p95'] * 1000:.0f} ms |"
            for r in rows
        ),
        "",
        f"A {long_words}-word article (BBC {long_id}), one client, median of 40 "
        "measured alternately with the in-process check: "
        f"{served * 1000:.1f} ms through the service against {local * 1000:.1f} ms for in-process "
        f"`Checker.check_text`: **{ratio:.2f}x** (limit 1.5x).",
        END,
    ]
    section = "\n".join(lines)
    print(section)
    if not args.no_write:
        path = REPO_ROOT / "docs" / "evaluation.md"
        text = path.read_text(encoding="utf-8")
        pattern = re.compile(re.escape(BEGIN) + ".*?" + re.escape(END), re.S)
        text = (
            pattern.sub(lambda _: section, text)
            if pattern.search(text)
            else text.rstrip("\n") + "\n\n" + section + "\n"
        )
        path.write_text(text, encoding="utf-8")
        print("wrote docs/evaluation.md")


if __name__ == "__main__":
    main()
