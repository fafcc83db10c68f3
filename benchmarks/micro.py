"""Small measured figures that tests once asserted as time limits (``make bench-micro``).

A test that times code fails on a loaded machine and passes on a fast one whatever the code
does, so the speed of these parts is measured here instead, best of ``--repeat`` runs, and read
by a person; the tests keep only hang guards (``tests/bounded.py``). Needs no dataset:

- start-up: ``factcheck check`` of the example article and ``factcheck --version`` as fresh
  processes, wall clock and CPU time (the issue-13 budget is 0.15 s for one short article);
- the plain-text loader on the example article (ms per load);
- check-worthiness scoring of the example article's statements (µs per sentence);
- the HTML report of the example article (ms per render; docs/dependencies.md §7).
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = REPO_ROOT / "examples" / "ceasefire-call.txt"


def best(work: Callable[[], object], repeat: int, inner: int = 1) -> float:
    """Seconds per call of ``work``: the best of ``repeat`` rounds of ``inner`` calls."""
    work()  # warm: caches, lazily compiled patterns, assets
    rounds = []
    for _ in range(repeat):
        began = time.perf_counter()
        for _ in range(inner):
            work()
        rounds.append((time.perf_counter() - began) / inner)
    return min(rounds)


def process(command: Sequence[str], repeat: int) -> tuple[float, float]:
    """(wall, CPU) seconds of a fresh process running ``command``, each the best of ``repeat``."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(command, stdout=subprocess.DEVNULL, env=env, check=False)  # bytecode written
    walls, cpus = [], []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        began = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, env=env, check=False)
        walls.append(time.perf_counter() - began)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return min(walls), min(cpus)


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.micro")
    parser.add_argument("--repeat", type=int, default=15, help="rounds of each measurement; the best counts")
    args = parser.parse_args(argv)
    from factcheck.config.settings import Config
    from factcheck.engine.engine import Engine
    from factcheck.formats.plain import load_plain
    from factcheck.plugin_system.manager import get_plugin_manager
    from factcheck.text.checkworthiness import score_checkworthiness

    text = EXAMPLE.read_text(encoding="utf-8")
    check = [sys.executable, "-m", "factcheck", "check", "--offline", "--fail-on", "never", str(EXAMPLE)]
    for label, command in (
        ("start-up, check one article", check),
        ("start-up, --version", [*check[:3], "--version"]),
    ):
        wall, cpu = process(command, args.repeat)
        print(f"{label:<34} {wall * 1000:8.1f} ms wall  {cpu * 1000:8.1f} ms CPU")
    load = best(lambda: load_plain("x.txt", text), args.repeat, inner=20)
    print(f"{'plain loader, example article':<34} {load * 1000:8.3f} ms per load")
    engine = Engine(Config(), get_plugin_manager())
    report = engine.check_text(text, str(EXAMPLE))
    sentences = [s.text for s in report.statements]
    score = best(lambda: [score_checkworthiness(s) for s in sentences], args.repeat, inner=20)
    print(f"{'check-worthiness':<34} {score / len(sentences) * 1e6:8.1f} µs per sentence")
    html = engine.registry.renderer("html")
    with_source = report if report.source is not None else report.model_copy(update={"source": text})

    def render() -> None:
        from factcheck.engine.batch import RunStream

        html.render(
            RunStream(iter([with_source]), engine.tool, engine.config, engine.registry.rules), io.StringIO()
        )

    print(f"{'HTML report, example article':<34} {best(render, args.repeat) * 1000:8.2f} ms per render")
    engine.close()


if __name__ == "__main__":
    main()
