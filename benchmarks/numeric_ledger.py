"""The speed cost of the article's quantity ledger and the cross-sentence numeric checks (issue 11).

500 BBC dev articles (read in place from ../shared/data, never copied) are checked in an inline
loop through ``factcheck.Checker`` (offline), three ways, interleaved and each timed three times
(the minimum is kept, as the machine is shared):

- ``full``: the pipeline as shipped;
- ``no ledger``: the core does not build the ledger and the numeric verifier runs its sentence
  checks only (the cross-sentence checks and the ledger are stubbed out);
- ``no numeric``: the numeric verifier blocked and the ledger not built.

Reported: ms per article for each, and the cost of the ledger and cross-sentence checks as a
share of ``no ledger``.

    .venv/bin/python -m benchmarks.numeric_ledger [--limit 500] [--repeat 3]
"""

from __future__ import annotations

import argparse
import contextlib
import time
from collections.abc import Callable, Iterator

from eval.common import data_dir, read_jsonl
from factcheck import Checker


def texts(limit: int) -> list[str]:
    found = []
    for record in read_jsonl(data_dir() / "bbc_news" / "bbc_news.jsonl"):
        found.append(f"{record.get('title') or ''}\n\n{record['text']}\n")
        if len(found) >= limit:
            break
    return found


@contextlib.contextmanager
def no_ledger() -> Iterator[None]:
    """The ledger is not built and the cross-sentence checks do not run."""
    import factcheck_plugins.numeric as numeric

    import factcheck.builtin.annotations as annotations
    from factcheck.plugin_system.verifier import VerifyContext

    saved = (
        annotations._keep_ledger,
        numeric.ledger_checks,
        numeric.calendar_cross_checks,
        VerifyContext.ledger,
    )
    replacements: list[tuple[object, str, object]] = [
        (annotations, "_keep_ledger", lambda *args, **kwargs: None),
        (numeric, "ledger_checks", lambda *args, **kwargs: []),
        (numeric, "calendar_cross_checks", lambda *args, **kwargs: []),
        (VerifyContext, "ledger", property(lambda self: None)),
    ]
    for owner, name, stand_in in replacements:
        setattr(owner, name, stand_in)
    try:
        yield
    finally:
        for (owner, name, _), original in zip(replacements, saved, strict=True):
            setattr(owner, name, original)


def run(checker: Checker, articles: list[str]) -> float:
    began = time.perf_counter()
    for number, text in enumerate(articles):
        checker.check_text(text, path=f"{number}.txt")
    return (time.perf_counter() - began) / len(articles) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.numeric_ledger")
    parser.add_argument("--limit", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    articles = texts(args.limit)
    variants: dict[str, Callable[[], contextlib.AbstractContextManager[None]]] = {
        "full": contextlib.nullcontext,
        "no ledger": no_ledger,
        "no numeric": no_ledger,
    }
    checkers = {
        "full": Checker(offline=True),
        "no ledger": Checker(offline=True),
        "no numeric": Checker(offline=True, blocked=["numeric"]),
    }
    best: dict[str, float] = {}
    try:
        for name, checker in checkers.items():  # warm up: rule packs, lexicons, caches
            with variants[name]():
                run(checker, articles[:20])
        for _ in range(args.repeat):
            for name, checker in checkers.items():
                with variants[name]():
                    best[name] = min(best.get(name, float("inf")), run(checker, articles))
    finally:
        for checker in checkers.values():
            checker.close()
    for name, ms in best.items():
        print(f"{name:<11} {ms:7.2f} ms/article  ({len(articles)} BBC articles, min of {args.repeat})")
    cost = best["full"] / best["no ledger"] - 1
    print(f"ledger + cross-sentence checks: {cost:+.1%} over 'no ledger'")


if __name__ == "__main__":
    main()
