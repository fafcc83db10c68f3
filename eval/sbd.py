"""Sentence-boundary evaluation on the pySBD / pragmatic_segmenter Golden Rules (dev part).

A case passes when the splitter returns exactly the expected sentences. Cases marked
``needs_cleaning`` were scored by pySBD after its ``clean=True`` repair, so whitespace is
normalised on both sides before comparing. Several of those cases assume behaviour our design
rejects on purpose (a single newline is a boundary, HTML tags are text, a quote holding several
sentences stays whole), so the rows also report the golden rules alone and the cases that need no
cleaning. Both splitters are measured: nupunkt plus post-fixes (the one in use) and the regex
oracle.

Run alone: ``python -m eval.sbd`` (add ``-v`` to list the failing cases).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from eval.common import Row, data_dir, read_jsonl
from factcheck.text.segment import _tokenizer, split_sentences
from factcheck.text.segment_rules import regex_sentences

TASK = "sentence-split"
DEV_FILE = Path("sbd_golden_rules") / "sbd_golden_rules.dev.jsonl"

Splitter = Callable[[str], list[tuple[int, int]]]
SPLITTERS: dict[str, Splitter] = {
    "nupunkt+rules": lambda text: split_sentences(text),
    "regex": lambda text: regex_sentences(text, 0, len(text)),
    "nupunkt-raw": lambda text: _raw_nupunkt(text),
}


def _raw_nupunkt(text: str) -> list[tuple[int, int]]:
    """nupunkt alone, without our post-fixes: the baseline the rules must beat."""
    tokenizer = _tokenizer()
    return list(tokenizer.span_tokenize(text)) if tokenizer is not None else []


def _norm(sentence: str) -> str:
    return " ".join(sentence.split())


def passes(splitter: Splitter, text: str, expected: list[str]) -> bool:
    """Exact match of the whole case after whitespace normalisation (empty sentences dropped)."""
    got = [_norm(text[a:b]) for a, b in splitter(text)]
    want = [_norm(s) for s in expected]
    return [s for s in got if s] == [s for s in want if s]


def evaluate(data_dir: Path, verbose: bool = False) -> list[Row]:
    path = data_dir / DEV_FILE
    if not path.exists():
        return []
    cases = list(read_jsonl(path))
    subsets: dict[str, Callable[[dict[str, object]], bool]] = {
        "all": lambda case: True,
        "golden-rules": lambda case: str(case["id"]).startswith("golden"),
        "no-cleaning": lambda case: not case["needs_cleaning"],
    }
    rows: list[Row] = []
    for name, splitter in SPLITTERS.items():
        results = {str(c["id"]): passes(splitter, str(c["text"]), list(c["expected"])) for c in cases}
        if verbose:
            failed = [case_id for case_id, ok in results.items() if not ok]
            print(f"{name}: failed {len(failed)}: {' '.join(failed)}", file=sys.stderr)
        for subset, keep in subsets.items():
            chosen = [str(c["id"]) for c in cases if keep(c)]
            passed = sum(results[case_id] for case_id in chosen)
            rows.append(
                Row(
                    task=TASK,
                    dataset=f"sbd_golden_rules.dev/{subset}",
                    metric=f"exact-match pass rate ({name})",
                    value=passed / len(chosen) if chosen else 0.0,
                    n=len(chosen),
                )
            )
    return rows


def main() -> None:
    for row in evaluate(data_dir(), verbose="-v" in sys.argv[1:]):
        print(f"{row.dataset:36} {row.metric:42} {row.value:.3f}  n={row.n}")


if __name__ == "__main__":
    main()
