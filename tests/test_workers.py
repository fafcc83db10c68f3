"""``--jobs``: supervised worker processes. A worker that dies costs its article, not the run."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import cast

from factcheck import Statement, Verdict, Verifier, VerifyContext, hookimpl
from factcheck.config.settings import Config, Settings
from factcheck.engine.batch import check_all, check_all_results
from factcheck.engine.engine import Engine
from factcheck.engine.workers import ArticleJson
from factcheck.plugin_system.manager import get_plugin_manager
from tests.conftest import EXAMPLE_ARTICLE


class _Saboteur(Verifier):
    """Dies (os._exit) on an article that says CRASH; on one that says HANG, records its pid in
    ``HANG_PID_FILE`` and sleeps, so the test can kill it from outside."""

    name = "saboteur"

    def verify_article(self, context: VerifyContext) -> Iterable[Verdict]:
        text = context.article.source
        if "CRASH" in text:
            os._exit(7)
        if "HANG" in text:
            Path(os.environ["HANG_PID_FILE"]).write_text(str(os.getpid()))
            time.sleep(120)
        return []

    def verify(self, statement: Statement, context: VerifyContext) -> Iterable[Verdict]:
        return []


class _Plugin:
    @hookimpl
    def register_verifiers(self, register):
        register(_Saboteur())


def _engine() -> Engine:
    config = Config(Settings.model_validate({"check": {"timeout": 300}}))
    return Engine(config, get_plugin_manager(load_entrypoints=False, extra=[("saboteur", _Plugin())]))


def _articles(tmp_path: Path, bodies: list[str]) -> list[str]:
    paths = []
    for index, body in enumerate(bodies):
        path = tmp_path / f"{index:02d}.txt"
        path.write_text(f"Headline {index}\n\n{body}\n", encoding="utf-8")
        paths.append(str(path))
    return paths


def test_parallel_reports_equal_serial_ones_in_input_order(tmp_path, make_engine):
    bodies = [EXAMPLE_ARTICLE.read_text(encoding="utf-8")] + [
        f"Sales rose {n}% to £{n}m in 2020." for n in range(9)
    ]
    paths = [*_articles(tmp_path, bodies), str(tmp_path / "missing.txt")]
    engine = make_engine()
    serial = [r.model_dump(exclude={"timings"}) for r in check_all(engine, paths)]
    parallel = [
        r.model_dump(exclude={"timings"}) for r in check_all(engine, paths, jobs=2, factory=make_engine)
    ]
    assert parallel == serial
    as_json = list(check_all_results(engine, paths, jobs=2, factory=make_engine, as_json=True))
    assert all(isinstance(r, ArticleJson) for r in as_json)
    without_source = [{k: v for k, v in r.items() if k != "source"} for r in serial]
    assert [
        cast(ArticleJson, r).report().model_dump(exclude={"timings", "source"}) for r in as_json
    ] == without_source


def test_a_worker_that_exits_costs_only_its_article(tmp_path):
    paths = _articles(tmp_path, ["Fine one.", "This one will CRASH the worker.", "Fine two.", "Fine three."])
    engine = _engine()
    reports = list(check_all(engine, paths, jobs=2, factory=_engine))
    engine.close()
    assert [r.path for r in reports] == paths
    lost = reports[1]
    assert lost.problems and "worker process exited with status 7" in lost.problems[0].message
    assert all(not r.problems and r.statements for r in (reports[0], reports[2], reports[3]))


def test_a_worker_killed_from_outside_mid_run_is_reported_and_the_run_finishes(tmp_path, monkeypatch):
    pid_file = tmp_path / "hang.pid"
    monkeypatch.setenv("HANG_PID_FILE", str(pid_file))
    paths = _articles(
        tmp_path, ["Fine one.", "Fine two.", "This one will HANG.", "Fine three.", "Fine four."]
    )

    def kill_when_hanging() -> None:
        for _ in range(600):
            if pid_file.exists() and pid_file.read_text():
                os.kill(int(pid_file.read_text()), signal.SIGKILL)
                return
            time.sleep(0.05)

    import threading

    killer = threading.Thread(target=kill_when_hanging)
    killer.start()
    engine = _engine()
    reports = list(check_all(engine, paths, jobs=2, factory=_engine))
    engine.close()
    killer.join()
    assert [r.path for r in reports] == paths
    (lost,) = [r for r in reports if r.problems]
    assert lost.path == paths[2]
    assert "killed by SIGKILL" in lost.problems[0].message
    assert sum(1 for r in reports if r.statements) == 4


def test_the_cli_with_jobs_writes_the_same_json_as_without(tmp_path):
    paths = _articles(tmp_path, [f"Prices rose {n}% in March, the ONS said." for n in range(6)])
    command = [
        sys.executable,
        "-m",
        "factcheck",
        "check",
        *paths,
        "-f",
        "json",
        "--offline",
        "--fail-on",
        "never",
    ]
    one = subprocess.run(command, capture_output=True, text=True, timeout=120)
    two = subprocess.run([*command, "--jobs", "2"], capture_output=True, text=True, timeout=120)
    assert one.returncode == two.returncode == 0, two.stderr
    assert one.stdout == two.stdout
