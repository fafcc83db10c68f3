"""Quantity extraction: precision and recall of values (and units) against two gold sets.

* ``newsquant.dev`` (414 news sentences, 641 quantities; no offsets): quantities are matched per
  sentence, one-to-one, by value.
* ``quantulum3_quantities.dev`` (83 sentences, many scientific units): the same matching; its
  ranges are gold as the midpoint, so a predicted range matches its low end, high end or midpoint.

Values match when equal within 1e-6 relative (a gold range "252-287" matches a predicted range
with the same ends). Predicted years and ordinals are left out of scoring because neither gold set
annotates them ("since listing in 2016" has no gold quantity), and we report them on purpose.

Value+unit: a match must also agree on the unit *when the gold has one*. Units are normalised on
both sides: the gold ``normalized_unit`` (newsquant) or ``unit`` (quantulum3) goes through
``GOLD_UNITS`` to our canonical names (``dollar`` -> ``USD``, ``percentage`` -> ``percent``,
``kilometre`` -> ``km``, ``dollar per barrel`` -> ``USD/barrel``), and counted nouns compare by
the singular of their last word (gold "different bosses" = ours "bosses"). Gold "-" (newsquant)
and "dimensionless" (quantulum3) mean no unit.

Run alone: ``python -m eval.quantities`` (``-v`` prints misses and false hits; ``--bench`` also
times the extractors on the seed article and on bbc_news / reuters21578).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from eval.common import REPO_ROOT, Row, data_dir, f1, read_jsonl
from factcheck.model.article import Quantity
from factcheck.text.quantities import MEASURE_UNITS, PER_UNITS, extract_quantities

TASK = "quantities"
NEWSQUANT = Path("newsquant") / "newsquant.dev.jsonl"
QUANTULUM = Path("quantulum3_quantities") / "quantulum3_quantities.dev.jsonl"
UNSCORED_KINDS = frozenset({"year", "ordinal"})
OUR_UNITS = frozenset(MEASURE_UNITS.values()) | frozenset(PER_UNITS.values())

GOLD_UNITS: dict[str, str] = {
    "dollar": "USD", "united states dollar": "USD", "us$": "USD", "percentage": "percent",
    "euro": "EUR", "pound sterling": "GBP", "japanese yen": "JPY", "chinese yuan": "CNY",
    "hong kong dollar": "HKD", "malaysian ringgit": "MYR", "australian dollar": "AUD",
    "canadian dollar": "CAD", "indian rupee": "INR", "shekel": "ILS", "penny": "pence",
    "kilometre": "km", "metre": "m", "centimetre": "cm", "millimetre": "mm", "foot": "ft",
    "kilogram": "kg", "gram": "g", "pound-mass": "lb", "tonne": "ton", "liter": "litre",
    "square kilometre": "km2", "square metre": "m2", "square mile": "sq mi",
    "square foot": "sq ft", "mile per hour": "mph", "kilometre per hour": "km/h",
    "mile per gallon": "mpg", "degree celsius": "celsius", "degree fahrenheit": "fahrenheit",
    "watt": "W", "kilowatt": "kW", "megawatt": "MW", "gigawatt": "GW", "kilowatt hour": "kWh",
    "megawatt hour": "MWh", "watt hour": "Wh", "revolutions per minute": "rpm",
    "milliampere-hour": "mAh", "hertz": "Hz", "gigahertz": "GHz", "megahertz": "MHz",
    "gigabyte": "GB", "megabyte": "MB", "terabyte": "TB", "year of age": "year-old",
    "parts-per-billion": "ppb", "parts-per-million": "ppm", "count": "times",
    "ton per day": "ton/day", "barrel per day": "barrel/day", "cent": "cent",
    "mile/hour": "mph", "km/hour": "km/h", "mile/gallon": "mpg", "horsepower": "hp",
    "micrometre": "μm", "nanometre": "nm", "millilitre": "ml", "milligram": "mg", "decibel": "dB",
    "revolution/minute": "rpm", "singaporean dollar": "SGD", "new zealand dollar": "NZD",
    "canadian dollar/share": "CAD/share",
}  # fmt: skip


def _singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "ches", "shes", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us")) and len(word) > 2:
        return word[:-1]
    return word


def canonical_unit(unit: str | None) -> str | None:
    """One spelling per unit, for either side: our canonical names, counted nouns singular."""
    if unit is None:
        return None
    text = " ".join(unit.strip().split())
    if text in ("", "-", "dimensionless"):
        return None
    low = text.lower()
    if text in OUR_UNITS:
        return text
    if low in GOLD_UNITS:
        return GOLD_UNITS[low]
    if " per " in low:
        parts = [GOLD_UNITS.get(p, p) for p in low.split(" per ")]
        return "/".join(canonical_unit(p) or p for p in parts)
    mapped = GOLD_UNITS.get(low, text)
    if mapped != text:
        return mapped
    if "/" in text:
        return "/".join(canonical_unit(p) or p for p in text.split("/"))
    return _singular(text.split()[-1].lower()) if text.lower() == text else text


def _gold_values(raw: Any) -> tuple[float, float | None] | None:
    if isinstance(raw, (int, float)):
        return float(raw), None
    text = str(raw)
    if "-" in text[1:]:
        head, _, tail = text[1:].partition("-")
        try:
            return float(text[0] + head), float(tail)
        except ValueError:
            return None
    try:
        return float(text), None
    except ValueError:
        return None


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b))


def _value_match(gold: tuple[float, float | None], pred: Quantity) -> bool:
    low, high = gold
    if high is not None:
        return pred.high is not None and _close(low, pred.value) and _close(high, pred.high)
    if pred.high is not None:
        return any(_close(low, v) for v in (pred.value, pred.high, (pred.value + pred.high) / 2))
    return _close(low, pred.value)


def score(gold: list[tuple[tuple[float, float | None], str | None]], preds: list[Quantity],
          with_unit: bool) -> int:  # fmt: skip
    """How many gold quantities find a distinct prediction (greedy, text order)."""
    used: set[int] = set()
    hits = 0
    for values, unit in gold:
        for i, pred in enumerate(preds):
            if i in used or not _value_match(values, pred):
                continue
            if with_unit and unit is not None and canonical_unit(pred.unit) != unit:
                continue
            used.add(i)
            hits += 1
            break
    return hits


def _dataset(path: Path, unit_field: str, verbose: bool) -> tuple[list[int], int, int]:
    totals = [0, 0]  # value hits, value+unit hits
    n_gold = n_pred = 0
    for case in read_jsonl(path):
        text = str(case["text"])
        preds = [q for q in extract_quantities(text) if q.kind not in UNSCORED_KINDS]
        gold = []
        for item in case["quantities"]:
            values = _gold_values(item["value"])
            if values is not None:
                gold.append((values, canonical_unit(str(item.get(unit_field) or "-"))))
        n_gold += len(gold)
        n_pred += len(preds)
        value_hits = score(gold, preds, with_unit=False)
        totals[0] += value_hits
        totals[1] += score(gold, preds, with_unit=True)
        if verbose and (value_hits < len(gold) or value_hits < len(preds)):
            print(case["id"], text, file=sys.stderr)
            print("   gold:", [(v, u) for v, u in gold], file=sys.stderr)
            print("   pred:", [(q.text, q.value, q.high, q.unit) for q in preds], file=sys.stderr)
    return totals, n_gold, n_pred


def evaluate(data_dir: Path, verbose: bool = False) -> list[Row]:
    rows: list[Row] = []
    for name, rel, unit_field in (("newsquant.dev", NEWSQUANT, "normalized_unit"),
                                  ("quantulum3.dev", QUANTULUM, "unit")):  # fmt: skip
        path = data_dir / rel
        if not path.exists():
            continue
        totals, n_gold, n_pred = _dataset(path, unit_field, verbose)
        for label, hits in (("value", totals[0]), ("value+unit", totals[1])):
            precision = hits / n_pred if n_pred else 0.0
            recall = hits / n_gold if n_gold else 0.0
            note = f"{hits} matched; {n_pred} predicted (years, ordinals unscored)"
            rows.append(Row(TASK, name, f"{label} precision", precision, n_pred, note))
            rows.append(Row(TASK, name, f"{label} recall", recall, n_gold, note))
            rows.append(Row(TASK, name, f"{label} F1", f1(precision, recall), n_gold))
    return rows


def benchmark(data_dir: Path) -> None:
    """CPU time of the extractors on the seed article and on whole corpora (``--bench``)."""
    import json
    import time

    from factcheck.text.dates import extract_dates

    seed = REPO_ROOT.parent / "shared" / "articles" / "ceasefire-call.txt"
    if seed.exists():
        text = seed.read_text(encoding="utf-8")
        dates = extract_dates(text)
        cases: dict[str, Callable[[], object]] = {
            "quantities (own date pass)": lambda: extract_quantities(text),
            "quantities (dates supplied)": lambda: extract_quantities(text, dates=dates),
            "dates": lambda: extract_dates(text),
        }
        for label, run in cases.items():
            best = float("inf")
            for _ in range(20):
                began = time.process_time()
                for _ in range(50):
                    run()
                best = min(best, (time.process_time() - began) / 50 * 1000)
            print(f"seed ({len(text.split())} words), {label}: {best:.3f} ms CPU (best of 20x50)")
    for rel in ("bbc_news/bbc_news.jsonl", "reuters21578/reuters21578.jsonl"):
        path = data_dir / rel
        if not path.exists():
            continue
        texts = [json.loads(line)["text"] for line in path.open(encoding="utf-8") if line.strip()]
        words = sum(len(t.split()) for t in texts)
        began = time.process_time()
        found = sum(len(extract_quantities(t)) for t in texts)
        spent = time.process_time() - began
        print(
            f"{rel}: {len(texts)} articles, {words} words, {found} quantities, {spent:.2f} s CPU, "
            f"{spent / len(texts) * 1000:.2f} ms/article, {words / spent / 1000:.0f} k words/s"
        )


if __name__ == "__main__":
    if "--bench" in sys.argv[1:]:
        benchmark(data_dir())
    for row in evaluate(data_dir(), verbose="-v" in sys.argv[1:]):
        print(f"{row.dataset:16} {row.metric:24} {row.value:.3f}  n={row.n}  {row.note}")
