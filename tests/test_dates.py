"""Dates, weekdays, relative dates and durations, resolved against a publication date."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.model.article import DateMention
from factcheck.text.dates import extract_dates

REF = dt.date(2025, 3, 19)  # a Wednesday


def only(text: str, reference: dt.date | None = REF) -> DateMention:
    found = extract_dates(text, reference=reference)
    assert len(found) == 1, [d.text for d in found]
    return found[0]


@pytest.mark.parametrize(
    "text",
    ["March 18, 2025", "18 March 2025", "2025-03-18", "Tuesday, March 18, 2025", "the 18th of March 2025"],
)
def test_absolute_dates(text: str) -> None:
    d = next(d for d in extract_dates(text, reference=REF) if d.kind == "absolute")
    assert (d.year, d.month, d.day, d.resolved) == (2025, 3, 18, dt.date(2025, 3, 18))


def test_weekday_folded_into_the_date() -> None:
    d = only("on Tuesday, March 18, 2025, he said")
    assert (d.text, d.weekday) == ("Tuesday, March 18, 2025", 1)


def test_abbreviated_month_without_year_takes_the_nearest_year() -> None:
    d = only("the report dated Jan. 5 said")
    assert (d.text, d.resolved) == ("Jan. 5", dt.date(2025, 1, 5))
    d = only("on Dec. 28", reference=dt.date(2025, 1, 3))
    assert d.resolved == dt.date(2024, 12, 28)
    assert only("on Jan. 5", reference=None).resolved is None


def test_month_and_year() -> None:
    d = only("in November 2019 she moved")
    assert (d.kind, d.year, d.month, d.day, d.resolved) == ("month", 2019, 11, None, dt.date(2019, 11, 1))


def test_may_the_modal_is_not_a_month() -> None:
    assert extract_dates("May I ask? Prices may rise. March on, they said.", reference=REF) == [] or all(
        d.month != 5 for d in extract_dates("May I ask? Prices may rise.", reference=REF)
    )
    assert only("in May the vote").month == 5


@pytest.mark.parametrize(
    ("text", "resolved"),
    [
        ("on Tuesday", dt.date(2025, 3, 18)),
        ("on Wednesday", dt.date(2025, 3, 19)),  # the publication day itself
        ("on Thursday", dt.date(2025, 3, 13)),
        ("last Tuesday", dt.date(2025, 3, 18)),
        ("next Friday", dt.date(2025, 3, 21)),
    ],
)
def test_weekdays_resolve_relative_to_publication(text: str, resolved: dt.date) -> None:
    d = only(text)
    assert (d.kind, d.resolved) == ("weekday", resolved)
    assert d.text == text.removeprefix("on ")


@pytest.mark.parametrize(
    ("text", "resolved", "year", "month"),
    [
        ("yesterday", dt.date(2025, 3, 18), 2025, 3),
        ("tomorrow", dt.date(2025, 3, 20), 2025, 3),
        ("last August", dt.date(2024, 8, 1), 2024, 8),
        ("last year", dt.date(2024, 1, 1), 2024, None),
        ("next year", dt.date(2026, 1, 1), 2026, None),
        ("last month", dt.date(2025, 2, 1), 2025, 2),
        ("last week", dt.date(2025, 3, 10), None, None),
        ("a month ago", dt.date(2025, 2, 1), 2025, 2),
        ("three years ago", dt.date(2022, 1, 1), 2022, None),
        ("10 days ago", dt.date(2025, 3, 9), 2025, 3),
    ],
)
def test_relative_dates(text: str, resolved: dt.date, year: int | None, month: int | None) -> None:
    d = only(f"It happened {text}.")
    assert (d.kind, d.text, d.resolved, d.year, d.month) == ("relative", text, resolved, year, month)


def test_relative_dates_without_reference_stay_unresolved() -> None:
    d = only("last August", reference=None)
    assert (d.kind, d.month, d.resolved) == ("relative", 8, None)


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("over three years", 3),
        ("for six years", 6),
        ("for a month", 1 / 12),
        ("a 30-day", 30 / 365.25),
        ("within two weeks", 14 / 365.25),
        ("the past decade", 10),
    ],
)
def test_durations(text: str, years: float) -> None:
    d = next(d for d in extract_dates(f"It lasted {text}.", reference=REF) if d.kind == "duration")
    assert d.years == pytest.approx(years)
    assert d.text == text.removeprefix("a ").removeprefix("the ") or d.text == text


def test_frequency_is_not_a_duration() -> None:
    assert extract_dates("It meets once a month.", reference=REF) == []


def test_decades_and_years() -> None:
    found = extract_dates("from the 1990s and the '80s until 2019", reference=REF)
    assert [(d.text, d.kind, d.year) for d in found] == [
        ("the 1990s", "decade", 1990),
        ("the '80s", "decade", 1980),
        ("2019", "year", 2019),
    ]


def test_numbers_that_are_not_years() -> None:
    assert extract_dates("2000 people and 1998 pct and $2015 and 2,016", reference=REF) == []


def test_seed_article_mentions() -> None:
    text = (
        "Prior to the lengthy phone conversation between the two leaders on Tuesday, the U.S. had "
        "expressed its intention to secure a 30-day ceasefire. Over three years of conflict, a surprise "
        "incursion last August; a former minister from the 1990s."
    )
    kinds = [(d.text, d.kind) for d in extract_dates(text, reference=REF)]
    assert kinds == [
        ("Tuesday", "weekday"),
        ("30-day", "duration"),
        ("Over three years", "duration"),
        ("last August", "relative"),
        ("the 1990s", "decade"),
    ]


def test_offsets_respect_the_range() -> None:
    plain = "On Monday. Then on Tuesday. And Friday."
    start, end = plain.index("Then"), plain.index(" And")
    assert [d.text for d in extract_dates(plain, start, end, REF)] == ["Tuesday"]


@given(st.text(max_size=200), st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)))
@settings(max_examples=200, deadline=None)
def test_any_text_gives_valid_spans(plain: str, reference: dt.date) -> None:
    for d in extract_dates(plain, reference=reference):
        assert 0 <= d.start < d.end <= len(plain)
        assert d.text == plain[d.start : d.end]


_PIECES = ["May ", "March ", "18 ", "2025", ", ", "last ", "next ", "Tuesday ", "the ", "1990s ", "a ",
           "month ", "ago ", "over ", "three ", "years ", "-", "0", "9", "Jan. ", "'80s ",
           "yesterday "]  # fmt: skip


@given(st.lists(st.sampled_from(_PIECES), max_size=25).map("".join), st.integers(0, 60), st.integers(0, 200))
@settings(max_examples=300, deadline=None)
def test_newsy_text_gives_valid_spans_within_range(plain: str, a: int, b: int) -> None:
    start, end = sorted((min(a, len(plain)), min(b, len(plain))))
    for d in extract_dates(plain, start, end, REF):
        assert start <= d.start < d.end <= end
        assert d.text == plain[d.start : d.end]


def test_long_input_is_linear() -> None:
    from tests.bounded import finishes

    finishes(
        """
        import datetime as dt
        from factcheck.text.dates import extract_dates
        for text in ("1990s " * 20_000, "one two three years " * 5_000, "9" * 200_000):
            extract_dates(text, reference=dt.date(2025, 3, 19))
        """
    )
