"""All kinds together (``FINDERS``, ``find_in``, ``find_all``) and the command line."""

from __future__ import annotations

import argparse
import random
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from eval.common import data_dir
from eval.numeric_cross_finder.articles import Doc, documents
from eval.numeric_cross_finder.changes import kind5
from eval.numeric_cross_finder.counts import kind3
from eval.numeric_cross_finder.currencies import kind4
from eval.numeric_cross_finder.dates_and_ages import kind6
from eval.numeric_cross_finder.figures import Instance, flat
from eval.numeric_cross_finder.scales import kind7
from eval.numeric_cross_finder.shares import kind2
from eval.numeric_cross_finder.totals import kind1

FINDERS: dict[int, Callable[[Doc], list[Instance]]] = {
    1: kind1,
    2: kind2,
    3: kind3,
    4: kind4,
    5: kind5,
    6: kind6,
    7: kind7,
}


def find_in(doc: Doc, kinds: tuple[int, ...] = tuple(FINDERS)) -> list[Instance]:
    return [instance for kind in kinds for instance in FINDERS[kind](doc)]


def find_all(root: Path, kinds: tuple[int, ...] = tuple(FINDERS)) -> list[tuple[Doc, Instance]]:
    """Every instance in both dev corpora, with the article it was found in."""
    return [(doc, instance) for doc in documents(root) for instance in find_in(doc, kinds)]


def describe(doc: Doc, instance: Instance, width: int = 100) -> str:
    """The instance as one header line and its passage, figures in [[brackets]]."""
    spans = ", ".join(f"{f.role} {flat(f.text)!r}@{f.start}-{f.end}" for f in instance.figures)
    lo = min(f.start for f in instance.figures)
    hi = max(f.end for f in instance.figures)
    start, end = max(0, lo - width), min(len(doc.text), hi + width // 2)
    passage = doc.text[start:end]
    for figure in sorted(instance.figures, key=lambda f: -f.start):
        a, b = figure.start - start, figure.end - start
        passage = passage[:a] + "[[" + passage[a:b] + "]]" + passage[b:]
    return (
        f"{instance.corpus} {instance.id} kind {instance.kind} {instance.rule}: {instance.relation}\n"
        f"    figures: {spans}\n    {flat(passage)}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m eval.numeric_cross_finder")
    parser.add_argument("--show", type=int, choices=sorted(FINDERS), help="print the instances of this kind")
    parser.add_argument("--sample", type=int, help="with --show: a random sample of this many")
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    kinds = (args.show,) if args.show else tuple(FINDERS)
    found = find_all(data_dir(), kinds)
    counts = Counter((i.kind, i.corpus) for _, i in found)
    rules = Counter((i.kind, i.rule) for _, i in found)
    for kind in kinds:
        by_rule = ", ".join(f"{rule} {n}" for (k, rule), n in sorted(rules.items()) if k == kind)
        print(
            f"kind {kind}: {counts[(kind, 'bbc')] + counts[(kind, 'reuters')]:4d} "
            f"(bbc {counts[(kind, 'bbc')]}, reuters {counts[(kind, 'reuters')]})  {by_rule}"
        )
    if args.show:
        chosen = found
        if args.sample and len(found) > args.sample:
            chosen = sorted(
                random.Random(args.seed).sample(found, args.sample), key=lambda row: found.index(row)
            )
        for doc, instance in chosen:
            print()
            print(describe(doc, instance))
