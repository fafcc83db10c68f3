"""Quantity extraction on realistic news phrasing, plus properties that hold for any text."""

from __future__ import annotations

import datetime as dt
import itertools
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eval.common import data_dir
from factcheck.model.article import Quantity
from factcheck.text.dates import dates_in_spans, extract_dates
from factcheck.text.quantities import extract_quantities, quantities_in_spans
from tests.conftest import needs_data


def only(text: str) -> Quantity:
    found = extract_quantities(text)
    assert len(found) == 1, [q.text for q in found]
    return found[0]


def summary(text: str) -> list[tuple[str, str, float, str | None]]:
    return [(q.text, q.kind, q.value, q.unit) for q in extract_quantities(text)]


# --- the seed article's phrases -------------------------------------------------------------


def test_seed_phrases() -> None:
    text = "a loss of 3.3 million tons—or 4%—of Russia’s capacity, after a 30-day ceasefire"
    assert summary(text) == [
        ("3.3 million tons", "measure", 3_300_000, "ton"),
        ("4%", "percent", 4, "percent"),
        ("30-day", "measure", 30, "day"),
    ]
    q = extract_quantities(text)[0]
    assert q.precision == 100_000
    assert q.approx is None and not q.spelled


def test_hedge_and_spelled_duration() -> None:
    q = only("the lull in over three years of conflict")
    assert (q.text, q.value, q.unit, q.approx, q.spelled) == ("over three years", 3, "year", "over", True)


# --- counts and counted nouns ---------------------------------------------------------------


def test_spelled_counts_and_counted_nouns() -> None:
    assert summary("Three of the five members voted") == [
        ("Three", "count", 3, None),
        ("five members", "count", 5, "members"),
    ]
    assert only("about 5,000 people were evacuated").unit == "people"
    assert only("two key elements").unit == "elements"  # an adjective between number and noun
    assert only("some 250 jobs were cut").approx == "some"


@pytest.mark.parametrize(
    ("text", "approx"),
    [
        ("nearly 70 homes", "nearly"),
        ("more than 1000 customers", "more than"),
        ("at least 12 people", "at least"),
        ("up to 40 percent", "up to"),
        ("an estimated 3,000 troops", "an estimated"),
        ("roughly 300 km", "roughly"),
        ("fewer than 3.5 seconds", "fewer than"),
    ],
)
def test_approximations(text: str, approx: str) -> None:
    q = only(text)
    assert q.approx == approx
    assert q.text == text


def test_uses_of_one_that_count_nothing() -> None:
    assert extract_quantities("no one knew, and the one who did said one another") == []


# --- percentages ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "unit", "precision"),
    [
        ("29%", 29, "percent", 1),
        ("28.6%", 28.6, "percent", 0.1),
        ("12 per cent", 12, "percent", 1),
        ("12 percent", 12, "percent", 1),
        ("12 pct", 12, "percent", 1),
        ("a 24pc discount", 24, "percent", 1),
        ("0.25 percentage points", 0.25, "percentage_point", 0.01),
        ("50 basis points", 50, "basis_point", 1),
        ("one per cent", 1, "percent", 1),
    ],
)
def test_percentages(text: str, value: float, unit: str, precision: float) -> None:
    q = only(text)
    assert (q.kind, q.unit) == ("percent", unit)
    assert q.value == pytest.approx(value)
    assert q.precision == pytest.approx(precision)


# --- money --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("£5m", 5_000_000, "GBP"),
        ("£1.2bn", 1_200_000_000, "GBP"),
        ("$50k", 50_000, "USD"),
        ("€10M", 10_000_000, "EUR"),
        ("¥300", 300, "JPY"),
        ("US$58.24 per barrel", 58.24, "USD/barrel"),
        ("HK $5.4m", 5_400_000, "HKD"),
        ("USD10m", 10_000_000, "USD"),
        ("EUR 5 billion", 5_000_000_000, "EUR"),
        ("RM23.50", 23.5, "MYR"),
        ("3.4 mln dlrs", 3_400_000, "USD"),
        ("1.02 dlrs a share", 1.02, "USD/share"),
        ("87 cts", 87, "cent"),
        ("50p", 50, "pence"),
        ("10.5 million Australian dollars", 10_500_000, "AUD"),
        ("7,199 Chinese yuan", 7199, "CNY"),
        ("110 JPY", 110, "JPY"),
        ("1,200€", 1200, "EUR"),
        ("20 million pounds", 20_000_000, "GBP"),
        ("$US113 trillion", 113e12, "USD"),
    ],
)
def test_money(text: str, value: float, unit: str) -> None:
    q = only(text)
    assert (q.kind, q.unit, q.text) == ("money", unit, text)
    assert q.value == pytest.approx(value)


def test_reuters_style() -> None:
    text = "Net profit 3.4 mln dlrs vs 2.1 mln dlrs. Shr 1.02 dlrs vs 87 cts. Sales rose 12 pct."
    assert [(q.value, q.unit) for q in extract_quantities(text)] == [
        (3_400_000, "USD"),
        (2_100_000, "USD"),
        (1.02, "USD"),
        (87, "cent"),
        (12, "percent"),
    ]


def test_money_precision_from_scale() -> None:
    assert only("£1.2bn").precision == 100_000_000
    assert only("$7.5 million").precision == 100_000


# --- units --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("1,500,000 kilometres", 1_500_000, "km"),
        ("930,000 mi", 930_000, "mile"),
        ("10kg", 10, "kg"),
        ("256GB", 256, "GB"),
        ("155mph", 155, "mph"),
        ("a 15-year-old", 15, "year-old"),
        ("the 100m final", 100, "m"),
        ("52,000 barrels", 52_000, "barrel"),
        ("4,500 mAh", 4500, "mAh"),
        ("32 degrees Celsius", 32, "celsius"),
        ("570 sq m", 570, "m2"),
        ("1.2m tons", 1_200_000, "ton"),
    ],
)
def test_measures(text: str, value: float, unit: str) -> None:
    q = [q for q in extract_quantities(text) if q.kind == "measure"]
    assert [x.unit for x in q] == [unit]
    assert q[0].value == pytest.approx(value)


# --- ranges -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "high", "unit"),
    [
        ("between 20 and 30 people", 20, 30, "people"),
        ("20-30", 20, 30, None),
        ("20 to 30 million", 20_000_000, 30_000_000, None),
        ("four to five thousand people", 4000, 5000, "people"),
        ("5% to 10%", 5, 10, "percent"),
        ("between 5% and 6%", 5, 6, "percent"),
        ("$1 million to $1.25 million", 1_000_000, 1_250_000, "USD"),
        ("prices ranging from $200 to $4 million", 200, 4_000_000, "USD"),
        ("33-35 billion euros", 33e9, 35e9, "EUR"),
        ("44 mg to 50 mg", 44, 50, "mg"),
    ],
)
def test_ranges(text: str, value: float, high: float, unit: str | None) -> None:
    q = only(text)
    assert q.unit == unit
    assert (q.value, q.high) == pytest.approx((value, high))


def test_from_to_is_a_change_not_a_range() -> None:
    assert [(q.value, q.high) for q in extract_quantities("rose from 20 to 30 people")] == [
        (20, None),
        (30, None),
    ]


def test_scores_are_not_ranges() -> None:
    assert extract_quantities("Bristol beat Charlton 2-1 and tied at 89-89") == []


# --- kinds that are not counts ------------------------------------------------------------


def test_years_are_years() -> None:
    found = extract_quantities("In 1997 sales fell, and in 2016 the company listed.")
    assert [(q.text, q.kind) for q in found] == [("1997", "year"), ("2016", "year")]
    q = only("between 2014 and 2017")
    assert (q.kind, q.value, q.high) == ("year", 2014, 2017)
    q = only("the 2019-20 season")
    assert (q.kind, q.value, q.high) == ("year", 2019, 2020)


def test_dates_times_phones_and_names_are_not_quantities() -> None:
    text = (
        "World War II ended. On March 18, 2025 at 5 p.m. and 10:30 GMT, call 555-1234. "
        "The F-16 and COVID-19 at No. 10; the iPhone 11 and the S&P 500; in the 1990s; 18 March 2025."
    )
    assert extract_quantities(text) == []


def test_ordinals() -> None:
    assert [(q.text, q.kind, q.value) for q in extract_quantities("the 21st century and the first time")] == [
        ("21st", "ordinal", 21),
        ("first", "ordinal", 1),
    ]
    assert only("its twenty-first birthday").value == 21


@pytest.mark.parametrize(
    ("text", "value"),
    [("prices doubled", 2), ("sales halved", 0.5), ("twice as many", 2), ("a threefold rise", 3),
     ("tripled", 3), ("a 10-fold increase", 10), ("three times as large", 3)],
)  # fmt: skip
def test_multipliers(text: str, value: float) -> None:
    q = only(text)
    assert (q.kind, q.value) == ("multiplier", value)


def test_times_as_a_count() -> None:
    q = only("he visited three times")
    assert (q.kind, q.unit) == ("count", "times")


@pytest.mark.parametrize(
    ("text", "value"),
    [("a quarter of voters", 0.25), ("two-thirds of MPs", 2 / 3), ("one in five adults", 0.2),
     ("half of them", 0.5), ("1 in 10 people", 0.1), ("three quarters of", 0.75), ("1/40 of", 0.025)],
)  # fmt: skip
def test_fractions(text: str, value: float) -> None:
    q = only(text)
    assert q.kind == "fraction"
    assert q.value == pytest.approx(value)


def test_vague_plurals() -> None:
    q = only("thousands of people")
    assert (q.value, q.high, q.approx) == (1000, 10_000, "thousands")


def test_negative_numbers() -> None:
    assert only("the index fell to -1.3%").value == pytest.approx(-1.3)
    assert only("minus 233 Celsius").value == -233


def test_scientific_notation() -> None:
    assert only("a factor of 2.48×10−5").value == pytest.approx(2.48e-5)
    assert only("at 4e14 hertz").value == pytest.approx(4e14)


def test_offsets_are_absolute_and_respect_the_range() -> None:
    plain = "Intro 5 jobs. About 7 people came. 9 cars"
    start = plain.index("About")
    end = plain.index(" 9 cars")
    found = extract_quantities(plain, start, end)
    assert [(q.text, q.start) for q in found] == [("About 7 people", start)]


# --- properties -----------------------------------------------------------------------------

_PIECES = [
    *"0123456789 ,.-%$£€/:",
    "million ",
    "bn ",
    "three ",
    "a ",
    "half ",
    "between ",
    "and ",
    "to ",
    "per cent ",
    "about ",
    "March ",
    "people ",
    "-fold",
    "times ",
    "in ",
    "one ",
]
_NEWSY = st.lists(st.sampled_from(_PIECES), max_size=30).map("".join)


def _check_spans(plain: str, start: int = 0, end: int | None = None) -> None:
    stop = len(plain) if end is None else end
    last = start
    for q in extract_quantities(plain, start, end):
        assert start <= q.start < q.end <= stop
        assert q.text == plain[q.start : q.end]
        assert q.start >= last  # in text order, never overlapping
        last = q.end
        if q.high is not None:
            assert q.high > q.value or q.kind == "count"


@given(st.text(max_size=200))
@settings(max_examples=200, deadline=None)
def test_any_text_gives_valid_spans(plain: str) -> None:
    _check_spans(plain)


@given(_NEWSY, st.integers(0, 40), st.integers(0, 90))
@settings(max_examples=300, deadline=None)
def test_newsy_text_gives_valid_spans_within_range(plain: str, a: int, b: int) -> None:
    start, end = sorted((min(a, len(plain)), min(b, len(plain))))
    _check_spans(plain, start, end)


def test_huge_digit_runs_are_linear() -> None:
    from tests.bounded import finishes

    finishes(
        """
        from tests.test_quantities import _check_spans
        for text in ("9" * 200_000 + " people", "1," * 20_000, "one two three " * 3_000, "$1 to " * 5_000):
            _check_spans(text)
        """
    )


# --- real data (skipped when ../shared/data is absent) --------------------------------------


def test_newsquant_dev_figures_do_not_regress() -> None:
    needs_data("newsquant", "newsquant.dev.jsonl")
    from eval.quantities import evaluate

    rows = {(r.dataset, r.metric): r.value for r in evaluate(data_dir())}
    assert rows[("newsquant.dev", "value F1")] >= 0.85
    assert rows[("newsquant.dev", "value+unit F1")] >= 0.65


def test_reuters_spans_are_valid() -> None:
    path = needs_data("reuters21578", "reuters21578.jsonl")
    with path.open(encoding="utf-8") as handle:
        for line, _ in zip(handle, range(300), strict=False):
            _check_spans(json.loads(line)["text"])


# --- coverage the numeric verifier relies on -------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "value"),
    [
        ("Sales rose fourfold in a decade.", "multiplier", 4.0),
        ("a ten-fold increase in cases", "multiplier", 10.0),
        ("There are twice as many cars on the road.", "multiplier", 2.0),
        ("It costs three times as much as it did.", "multiplier", 3.0),
        ("A quarter of voters are undecided.", "fraction", 0.25),
        ("One in five adults smokes.", "fraction", 0.2),
        ("The risk is one-in-three for smokers.", "fraction", 1 / 3),
        ("nine out of 10 doctors agree", "fraction", 0.9),
        ("Two-thirds of the budget goes on staff.", "fraction", 2 / 3),
        ("half of all households", "fraction", 0.5),
    ],
)
def test_multipliers_and_fractions(text: str, kind: str, value: float) -> None:
    q = only(text)
    assert q.kind == kind
    assert q.value == pytest.approx(value, rel=1e-9)


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("The dividend is 3.5p a share.", 3.5, "pence/share"),
        ("Shares closed at 120p.", 120.0, "pence"),
        ("Unemployment is 5 per cent.", 5.0, "percent"),
        ("The bank took a 25pc stake.", 25.0, "percent"),
        ("Inflation is 2.5 pc.", 2.5, "percent"),
    ],
)
def test_pence_and_british_percentages(text: str, value: float, unit: str) -> None:
    q = only(text)
    assert (q.value, q.unit) == (value, unit)


def test_change_and_level_are_two_quantities_not_a_range() -> None:
    assert [(q.text, q.high) for q in extract_quantities("Underwoods shares rose 49p to 237p.")] == [
        ("49p", None),
        ("237p", None),
    ]
    found = extract_quantities("Inflation fell by 0.5% to 2.1% in May.")
    assert [(q.value, q.high, q.unit) for q in found] == [(0.5, None, "percent"), (2.1, None, "percent")]
    # A bare range after a change verb is still an estimate: "rose 3 to 4 pct".
    q = only("Prices rose 3 to 4 pct.")
    assert (q.value, q.high, q.unit) == (3.0, 4.0, "percent")
    # Without a change verb, "X to Y" with units on both ends stays a range.
    q = only("a range of 5% to 10%")
    assert (q.value, q.high) == (5.0, 10.0)


def test_reuters_wrapped_figures_keep_their_values() -> None:
    text = "Assets rose 356 mln dlrs to 66.19\nbillion dlrs, and borrowings were 131\nmln dlrs."
    found = extract_quantities(text)
    assert [(q.value, q.unit) for q in found] == [
        (356_000_000.0, "USD"),
        (66_190_000_000.0, "USD"),
        (131_000_000.0, "USD"),
    ]
    assert found[1].text == "66.19\nbillion dlrs"  # the wrap stays in the text; offsets stay exact
    for q in found:
        assert text[q.start : q.end] == q.text


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("between 20 and 30 people", 20.0, 30.0),
        ("20-30 people", 20.0, 30.0),
        ("between 5% and 7% of the vote", 5.0, 7.0),
        ("from 10 to 15 per cent", 10.0, None),
        ("prices ranging from $10 to $20", 10.0, 20.0),
    ],
)
def test_ranges_and_changes_in_prose(text: str, low: float, high: float | None) -> None:
    q = extract_quantities(text)[0]
    assert (q.value, q.high) == (low, high)


def test_statement_window_matches_whole_text() -> None:
    """Extracting per statement (a window of the article) finds what the whole-text pass finds."""
    from factcheck.text.segment import split_sentences

    text = "Intro here. About 5,000 jobs went, a quarter of them in Leeds. Twice as many left in 2019."
    whole = [(q.start, q.end, q.value) for q in extract_quantities(text)]
    windowed = [
        (q.start, q.end, q.value) for s, e in split_sentences(text) for q in extract_quantities(text, s, e)
    ]
    assert len(split_sentences(text)) == 3
    assert windowed == whole
    assert [v for _, _, v in whole] == [5000.0, 0.25, 2.0, 2019.0]


_SPAN_TEXT = (
    "Sales rose 12% to $3.3 million in March 2025, from 2.9 million dlrs a year earlier.\n\n"
    "About 5,000 jobs, a third of the staff, will go over the next two years; the firm was founded"
    " in 1997 and employs 15,000 people on Tuesday, June 3."
)


def test_spans_in_one_call_equal_one_call_per_span() -> None:
    """The article-at-once path (the core's annotator) gives each statement exactly what the
    per-statement functions give, and its trusted (unvalidated) objects equal validated ones."""
    reference = dt.date(2025, 6, 4)
    cuts = [0, 43, 84, 86, 170, len(_SPAN_TEXT)]
    spans = list(itertools.pairwise(cuts))
    dates = dates_in_spans(_SPAN_TEXT, spans, reference)
    quantities = quantities_in_spans(_SPAN_TEXT, spans, dates)
    for (start, end), mine, found in zip(spans, dates, quantities, strict=True):
        single = extract_dates(_SPAN_TEXT, start, end, reference)
        assert mine == single
        assert found == extract_quantities(_SPAN_TEXT, start, end, dates=single)
        for item in [*mine, *found]:
            validated = type(item).model_validate(item.model_dump())
            assert validated == item
            assert json.dumps(validated.model_dump(mode="json")) == json.dumps(item.model_dump(mode="json"))
    assert sum(len(q) for q in quantities) >= 8 and sum(len(d) for d in dates) >= 4


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "a year earlier" is a time, not "per year"; "a year" alone stays a rate
        ("profit fell to £75m from £125m a year earlier", [("£75m", "GBP"), ("£125m", "GBP")]),
        ("sales of 3.4bn dlrs a year ago", [("3.4bn dlrs", "USD")]),
        ("the scheme costs £5m a year", [("£5m a year", "GBP/year")]),
        # a glued "m" joined to a sum in millions is that currency's millions, not metres
        ("profits rose to 77m euros, up from 38m", [("77m euros", "EUR"), ("38m", "EUR")]),
        ("sales of £5bn against 4bn", [("£5bn", "GBP"), ("4bn", "GBP")]),
        # ... and right before a converted sum it is millions of a currency not written
        ("the 220m (£190m) project", [("220m", None), ("£190m", "GBP")]),
        # metres stay metres
        ("It ran 100m from the 200m mark", [("100m", "m"), ("200m", "m")]),
    ],
)
def test_time_references_and_millions_in_context(text: str, expected: list[tuple[str, str | None]]) -> None:
    found = extract_quantities(text)
    assert [(q.text, q.unit) for q in found] == expected
    if "38m" in text:
        assert found[1].value == 38_000_000 and found[1].kind == "money"
