"""Throughput of the whole pipeline (``make bench``): articles per second over real corpora.

Articles of ../shared/data (BBC news by default) are written as ``.txt`` files to a temporary
folder (the data is never copied into the repository) and checked as a user would check them:

- ``factcheck check --offline -f json DIR`` as a fresh process, serially and with ``--jobs N``:
  articles/s from the wall clock (start-up included), the best of ``--repeat`` runs, and the
  peak resident memory of the process (of its workers too, with ``--jobs``);
- with ``--peer proselint``, ``proselint check --output-format json FILES`` on the same files in
  the same run, and the ratio of the two rates (the machine's load then hits both alike);
- in process, through ``Engine``: ms/article of each pipeline stage and each verifier (from the
  reports' timings), and what is left (loading, suppression, fingerprints);
- start-up: ``factcheck check`` on one short article, wall clock;
- ``--linear``: the ``--limit`` articles concatenated into one file against the same articles
  checked one by one: time per statement of each, and their ratio (1.0 is linear);
- ``--big``: one file of about 3 MB (BBC then Reuters articles) checked by a fresh process with
  the default stage limit (and the article size limit raised, since 2 MiB is the default):
  wall clock, peak memory, and whether any stage timed out (FC002/FC003).

Not a timed test (no gate in ``make test``): a number to watch. The machine may be shared, so
every figure is the best of ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from eval.common import data_dir

if TYPE_CHECKING:
    from factcheck.engine.engine import Engine

CORPORA = {
    "bbc_news": "bbc_news/bbc_news.jsonl",
    "reuters21578": "reuters21578/reuters21578.jsonl",
}
BIG_BYTES = 3_000_000


def _texts(corpora: Sequence[str], limit: int | None = None) -> list[str]:
    """Articles as ``title + blank line + text``, corpus by corpus, up to ``limit`` in all."""
    found: list[str] = []
    for corpus in corpora:
        with (data_dir() / CORPORA[corpus]).open(encoding="utf-8") as handle:
            for line in handle:
                if limit is not None and len(found) >= limit:
                    return found
                record = json.loads(line)
                found.append(f"{record.get('title') or ''}\n\n{record['text']}\n")
    return found


def materialise(texts: Sequence[str], folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index, text in enumerate(texts):
        path = folder / f"{index:05d}.txt"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


class Timed(NamedTuple):
    wall: float  # seconds
    cpu: float  # seconds of user + system time, the process's and its workers'
    peak: float  # MiB of resident memory, the process's or its largest worker's
    code: int
    out: bytes


def _run(command: Sequence[str], cwd: Path) -> Timed:
    """Run a command to completion: its wall and CPU time, peak memory, exit code and output."""
    began = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        process = subprocess.Popen(command, cwd=cwd, stdout=out, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        elapsed = time.perf_counter() - began
        out.seek(0)
        cpu = usage.ru_utime + usage.ru_stime
        return Timed(elapsed, cpu, usage.ru_maxrss / 1024, process.returncode, out.read())


def _best(command: Sequence[str], cwd: Path, repeat: int) -> Timed:
    """The fastest of ``repeat`` runs by wall clock (and the least CPU time of any run)."""
    runs = [_run(command, cwd) for _ in range(repeat)]
    best = min(runs, key=lambda r: r.wall)
    return best._replace(cpu=min(r.cpu for r in runs), peak=max(r.peak for r in runs))


def _factcheck(*args: str) -> list[str]:
    return [sys.executable, "-m", "factcheck", "check", "--offline", "--fail-on", "never", *args]


def cli_throughput(folder: Path, jobs: int, repeat: int) -> Timed:
    return _best(_factcheck("-f", "json", "--jobs", str(jobs), str(folder)), folder, repeat)


def peer_throughput(peer: str, paths: Sequence[Path], folder: Path, repeat: int) -> Timed:
    executable = shutil.which(peer) or str(Path(sys.executable).with_name(peer))
    if peer != "proselint":
        raise SystemExit(f"unknown peer {peer!r} (known: proselint)")
    command = [executable, "check", "--output-format", "json", *(p.name for p in paths)]
    return _best(command, folder, repeat)


def _engine() -> Engine:
    from factcheck.config.settings import Config
    from factcheck.engine.engine import Engine
    from factcheck.plugin_system.manager import get_plugin_manager

    config = Config()
    config.settings = config.settings.model_copy(
        update={"network": config.settings.network.model_copy(update={"offline": True})}
    )
    return Engine(config, get_plugin_manager())


def stage_times(paths: Sequence[Path], repeat: int) -> tuple[float, dict[str, float], int]:
    """In process: (articles/s, ms/article per stage, statements), the best of ``repeat`` passes."""
    engine = _engine()
    best: tuple[float, dict[str, float], int] | None = None
    for _ in range(repeat):
        stages: dict[str, float] = defaultdict(float)
        statements = 0
        began = time.perf_counter()
        for path in paths:
            report = engine.check_file(str(path))
            statements += len(report.statements)
            for stage, seconds in report.timings.items():
                stages[stage] += seconds
        elapsed = time.perf_counter() - began
        if best is None or elapsed < best[0]:
            best = (elapsed, dict(stages), statements)
    engine.close()
    assert best is not None
    elapsed, stages, statements = best
    per = {k: v * 1000 / len(paths) for k, v in stages.items()}
    per["other (load, suppress, fingerprints)"] = elapsed * 1000 / len(paths) - per.get("total", 0.0)
    return len(paths) / elapsed, per, statements


def linearity(texts: Sequence[str], repeat: int) -> tuple[float, float, float, int]:
    """(CPU µs per statement one by one, as one file, their ratio, FC002/FC003 verdicts).

    CPU time, not the wall clock: the ratio compares two runs, and a neighbour's load would land
    on one of them only."""
    engine = _engine()
    whole = "\n\n".join(t.strip() for t in texts) + "\n"
    one = concatenated = float("inf")
    failures = 0
    for _ in range(repeat):
        began = time.process_time()
        statements = sum(len(engine.check_text(t, f"{i}.txt").statements) for i, t in enumerate(texts))
        one = min(one, (time.process_time() - began) / statements)
        began = time.process_time()
        report = engine.check_text(whole, "all.txt")
        concatenated = min(concatenated, (time.process_time() - began) / len(report.statements))
        failures = sum(1 for v in report.verdicts if v.rule in ("FC002", "FC003"))
    engine.close()
    return one * 1e6, concatenated * 1e6, concatenated / one, failures


def big_file(folder: Path) -> tuple[float, float, float, int, int, int]:
    """(wall s, CPU s, peak MiB, size in bytes, statements, FC002/FC003 verdicts) of a ~3 MB article."""
    parts: list[str] = []
    size = 0
    for text in _texts(list(CORPORA)):
        parts.append(text + "\n")
        size += len(text.encode()) + 1
        if size >= BIG_BYTES:
            break
    path = folder / "big.txt"
    path.write_text("".join(parts), encoding="utf-8")
    # The default limits refuse an article over 2 MiB or 10,000 statements (an input error, exit
    # 2): the file is accepted by raising those limits alone; the stage time limit stays default.
    config = folder / "big-limits.toml"
    limits = f"[check]\nmax_article_bytes = {2 * BIG_BYTES}\nmax_statements = 100000\n"
    config.write_text(limits, encoding="utf-8")
    run = _run(_factcheck("-f", "json", "--config", str(config), str(path)), folder)
    if run.code not in (0, 1):
        raise SystemExit(f"factcheck failed on the 3 MB file (exit {run.code})")
    article = json.loads(run.out)["articles"][0]
    timeouts = sum(1 for v in article["verdicts"] if v["rule"] in ("FC002", "FC003"))
    return run.wall, run.cpu, run.peak, path.stat().st_size, len(article["statements"]), timeouts


def startup(folder: Path, text: str, repeat: int) -> Timed:
    path = folder / "short.txt"
    path.write_text(text, encoding="utf-8")
    return _best(_factcheck(str(path)), folder, repeat)


def _rates(label: str, count: int, run: Timed) -> str:
    return (
        f"{label:<30} {count / run.wall:7.1f} articles/s wall, {count / run.cpu:7.1f} articles/s CPU, "
        f"peak {run.peak:.0f} MiB"
    )


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.throughput")
    parser.add_argument("--corpus", choices=[*CORPORA, "all"], default="bbc_news")
    parser.add_argument("--limit", type=int, default=500, help="articles to check (default 500)")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes for the parallel run")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each measurement; the best counts")
    parser.add_argument("--peer", help="also time this linter on the same files (proselint)")
    parser.add_argument("--linear", action="store_true", help="concatenated articles vs one by one")
    parser.add_argument("--big", action="store_true", help="a 3 MB file: time, memory, time-outs")
    args = parser.parse_args(argv)
    corpora = list(CORPORA) if args.corpus == "all" else [args.corpus]
    texts = _texts(corpora, args.limit)
    words = sum(len(t.split()) for t in texts)
    with tempfile.TemporaryDirectory(prefix="factcheck-bench-") as tmp:
        folder = Path(tmp) / "articles"
        paths = materialise(texts, folder)
        count = len(paths)
        print(f"{args.corpus}: {count} articles, {words} words; best of {args.repeat} runs")
        print("articles/s by wall clock, and by CPU time (user + system: steadier on a shared machine)")
        one = cli_throughput(folder, 1, args.repeat)
        print(_rates("factcheck check (1 process)", count, one))
        if args.peer:
            peer = peer_throughput(args.peer, paths, folder, args.repeat)
            print(_rates(f"{args.peer} check", count, peer))
            label = f"ratio factcheck/{args.peer}"
            print(f"{label:<30} {peer.wall / one.wall:7.2f}x wall, {peer.cpu / one.cpu:.2f}x CPU")
        if args.jobs > 1:
            print(
                _rates(
                    f"factcheck check --jobs {args.jobs}",
                    count,
                    cli_throughput(folder, args.jobs, args.repeat),
                )
            )
        began = startup(Path(tmp), texts[0], args.repeat)
        label = "start-up (one short article)"
        print(f"{label:<30} {began.wall * 1000:7.0f} ms wall, {began.cpu * 1000:.0f} ms CPU")
        in_rate, stages, statements = stage_times(paths, args.repeat)
        print(f"in process: {in_rate:.1f} articles/s, {statements / len(paths):.1f} statements/article")
        total = stages.get("total", 0.0) or 1.0
        for stage in sorted(stages):
            share = 100 * stages[stage] / total
            print(f"    {stage:<38} {stages[stage]:7.3f} ms/article ({share:5.1f}% of total)")
        if args.linear:
            single, whole, ratio, failures = linearity(texts, args.repeat)
            print(
                f"linearity: {single:.0f} µs CPU/statement one by one, {whole:.0f} µs as one file "
                f"of {len(texts)} articles: ratio {ratio:.2f}; {failures} stage failures (FC002/FC003)"
            )
        if args.big:
            wall, cpu, peak, size, found, timeouts = big_file(Path(tmp))
            print(
                f"3 MB file: {size / 1e6:.1f} MB, {found} statements, {wall:.1f} s wall, {cpu:.1f} s CPU, "
                f"peak {peak:.0f} MiB, {timeouts} time-outs or hook failures (FC002/FC003)"
            )


if __name__ == "__main__":
    main()
