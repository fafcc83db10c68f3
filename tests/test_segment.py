"""Sentence and clause segmentation: the hard cases of news copy, the seed article, invariants."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eval.common import REPO_ROOT, data_dir
from factcheck.text.segment import split_clauses, split_sentences
from factcheck.text.segment_rules import regex_sentences
from tests.conftest import needs_data

SEED = REPO_ROOT / "examples" / "ceasefire-call.txt"


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


def oracle(text: str) -> list[str]:
    return [text[a:b] for a, b in regex_sentences(text, 0, len(text))]


# Each case: the text and its expected sentences. Both splitters must agree with them, so a
# regression in either the model or the shared rules shows up here.
HARD_CASES: dict[str, list[str]] = {
    "us-mid-sentence": [
        "Prior to the call, the U.S. had expressed its intention to secure Russia’s consent.",
        "Ukraine had tentatively accepted.",
    ],
    "us-at-end": [
        "The two leaders stressed the role of both Russia and the U.S.",
        "They spoke for two hours.",
    ],
    "titles-and-months": [
        "Gen. Mark Milley met Sen. John Smith in St. Louis on Jan. 5 to discuss the plan.",
        "Mr. Smith agreed.",
    ],
    "phd-and-initials": [
        "Dr. Jane A. Doe, who holds a Ph.D. in economics, advised John F. Kennedy Jr. on trade.",
        "She retired in 1990.",
    ],
    "am-pm-inside": ["The meeting starts at 5 p.m. on Tuesday and ends at 6 p.m. Wednesday.", "It is open."],
    "decimals-and-money": [
        "Output fell by 3.3 million tons, or 4.5%, and shares lost $3.50 to close at $12.75.",
        "Analysts were surprised.",
    ],
    "quote-period-curly": [
        "Kozyrev described the truce as “very vague.”",
        "He added that it changed nothing.",
    ],
    "quote-period-straight": ['He said the deal was "a disaster."', "The ministry declined to comment."],
    "quote-comma-attribution": [
        "“It is entirely in Putin’s interest to prolong the war,” he remarked.",
        "Nobody disagreed.",
    ],
    "quote-question-she-asked": ["“Is the ceasefire over?” she asked.", "Nobody answered."],
    "quote-several-sentences": [
        "“He has expressed some interest in the ceasefire, but he has outlined a series of clearly "
        "unacceptable conditions.",
        "This amounts to a ‘no’ in any other form,” Gould-Davies stated during a phone interview.",
    ],
    "ellipsis-before-lowercase": ["The talks stalled… and then resumed on Friday.", "A deal followed."],
    "three-dot-ellipsis-lowercase": ["He paused... then went on speaking.", "The room was silent."],
    "question-and-exclamation": ["Will the truce hold?", "Nobody knows!", "The talks continue."],
    "washington-dc": ["He was born Sept. 12 in Washington, D.C.", "He moved to Ohio in 1980."],
    "party-state": ["Rep. Jane Doe (D-Mass.) voted against the bill.", "It passed anyway."],
    "no-before-number": ["The No. 2 official resigned.", "The vote was 5-4."],
    "clock-time-ends-sentence": ["The polls closed at 6 p.m.", "He left the office at 8 p.m. and went home."],
}


@pytest.mark.parametrize("name", sorted(HARD_CASES))
def test_hard_cases(name: str) -> None:
    expected = HARD_CASES[name]
    text = " ".join(expected)
    assert sentences(text) == expected
    assert oracle(text) == expected


def test_clock_time_followed_by_a_new_sentence() -> None:
    text = "Polling stations closed at 6 P.M. Mr. Smith then went to the count."
    assert sentences(text) == ["Polling stations closed at 6 P.M.", "Mr. Smith then went to the count."]


def test_short_time_phrase_is_not_a_sentence() -> None:
    text = "At 5 a.m. Mr. Smith went to the bank."
    assert sentences(text) == [text]


def test_us_followed_by_a_sentence_starter() -> None:
    text = "Grain exports rose sharply in the U.S. Millions of tonnes were shipped in March."
    assert len(sentences(text)) == 2


def test_known_limitation_us_before_a_name() -> None:
    """“…in the U.S. Europe is worried” is ambiguous: no splitter gets it; we keep one sentence."""
    text = "The envoy said the rift had grown between Europe and the U.S. Europe is worried."
    assert sentences(text) == [text]


def test_exclamation_in_a_name_and_list_markers() -> None:
    assert sentences("She works at Yahoo! in the accounting department.") == [
        "She works at Yahoo! in the accounting department."
    ]
    assert sentences("1. The first item. 2. The second item.") == [
        "1. The first item.",
        "2. The second item.",
    ]


def test_footnote_markers_stay_with_their_sentence() -> None:
    text = "The vote was held in 1987.[7][8] It passed."
    assert sentences(text) == ["The vote was held in 1987.[7][8]", "It passed."]


def test_heading_without_period_is_one_sentence() -> None:
    assert split_sentences("DRONE ATTACKS") == [(0, 13)]


def test_hard_wrapped_wire_copy() -> None:
    text = (
        "The company said it expects 1987 earnings to rise about 15 pct\n"
        "from the 3.2 mln dlrs earned in 1986. A spokesman said the\n"
        "U.S. unit would be sold to Smith Corp. at a price of 1.5 dlrs\n"
        "a share, or about 20 mln dlrs."
    )
    got = sentences(text)
    assert len(got) == 2
    assert got[0].endswith("earned in 1986.")
    assert got[1].startswith("A spokesman said the\nU.S. unit")


def test_blank_line_is_a_hard_boundary() -> None:
    text = "Market report\n\n   Prices rose 4% on Tuesday."
    assert sentences(text) == ["Market report", "Prices rose 4% on Tuesday."]


def test_offsets_are_absolute_and_bounded() -> None:
    text = "IGNORED. First one. Second one. IGNORED TOO."
    start = text.index("First")
    end = text.index(" IGNORED TOO")
    spans = split_sentences(text, start, end)
    assert [text[a:b] for a, b in spans] == ["First one.", "Second one."]
    assert split_sentences(text, 5, 5) == []
    assert split_sentences("", 0, None) == []


def test_seed_article_splits_into_its_33_sentences() -> None:
    """The hand-checked split of the project's example article (its gold split, read by hand)."""
    source = SEED.read_text(encoding="utf-8")
    spans: list[tuple[int, int]] = []
    offset = 0
    for line in source.split("\n"):
        spans.extend(split_sentences(source, offset, offset + len(line)))
        offset += len(line) + 1
    got = [source[a:b] for a, b in spans]
    assert len(got) == 33
    assert "DRONE ATTACKS" in got
    assert got[-2:] == [
        "Discover more from Defence Talks | Defense News Hub, Military Updates, Security Insights",
        "Subscribe to get the latest posts sent to your email.",
    ]
    # The multi-sentence quotes are split at their inner boundaries.
    assert "This amounts to a ‘no’ in any other form,” Gould-Davies stated during a phone interview." in got
    assert "The Ukrainians will gradually withdraw and continue to lose both territory and personnel.”" in got
    assert any(
        s.endswith(
            "3.3 million tons—or 4%—of Russia’s total refining capacity since the beginning of the "
            "year, according to estimates from Reuters."
        )
        for s in got
    )
    assert all(s.endswith((".", ".”", "”", "S", "s")) for s in got)


# ---------------------------------------------------------------------------------------------
# Clauses
# ---------------------------------------------------------------------------------------------


def clauses(text: str) -> list[str]:
    return [text[a:b] for a, b in split_clauses(text, 0, len(text))]


def test_clauses_split_at_semicolon_between_claims() -> None:
    text = "Exports rose 4% in March; imports fell by 3.3 million tons over the same period."
    assert clauses(text) == [
        "Exports rose 4% in March",
        "imports fell by 3.3 million tons over the same period.",
    ]


def test_clauses_split_at_contrastive_conjunctions() -> None:
    text = (
        "He has expressed some interest in the ceasefire, but he has outlined a series of clearly "
        "unacceptable conditions."
    )
    assert clauses(text) == [
        "He has expressed some interest in the ceasefire",
        "he has outlined a series of clearly unacceptable conditions.",
    ]
    text = "Unemployment fell to 4.1% in the north, while it rose to 6.3% in the south."
    assert len(clauses(text)) == 2


def test_clauses_are_conservative() -> None:
    for text in (
        "He fell, while running for the bus.",  # no clause of its own after "while"
        "Prices rose; sharply.",
        "Kozyrev called it “a pause; nothing more, but welcome, while it lasts,” in his interview.",
        "The ceasefire (which was agreed on Tuesday; it covers energy sites) was welcomed by Kyiv.",
        "Putin reiterated Russia’s prerequisites for a more extensive ceasefire.",
    ):
        assert clauses(text) == [text], text


def test_clauses_are_trimmed_and_inside_the_sentence() -> None:
    text = "xx  Sales rose 5% in May; profits fell 2% in June.  yy"
    spans = split_clauses(text, 2, len(text) - 2)
    assert [text[a:b] for a, b in spans] == ["Sales rose 5% in May", "profits fell 2% in June."]
    assert split_clauses(text, 3, 3) == []


# ---------------------------------------------------------------------------------------------
# Invariants
# ---------------------------------------------------------------------------------------------

_ALPHABET = st.sampled_from(
    [*"abcXYZ019 .,;:!?…\"'“”‘’()[]-—\n\t", "U.S.", "Mr.", "p.m.", " The ", "6 ", "(ii) ", "[7]", "\n\n"]
)
_TEXT = st.lists(_ALPHABET, max_size=80).map("".join) | st.text(max_size=200)


def _check_spans(text: str, spans: list[tuple[int, int]], lo: int, hi: int) -> None:
    previous_end = lo
    for a, b in spans:
        assert previous_end <= a < b <= hi
        assert not text[a].isspace() and not text[b - 1].isspace()
        previous_end = b


@settings(max_examples=300, deadline=None)
@given(_TEXT, st.integers(0, 40), st.integers(0, 250))
def test_sentence_spans_are_sorted_disjoint_trimmed(text: str, start: int, end: int) -> None:
    hi = min(end, len(text))
    spans = split_sentences(text, start, end)
    _check_spans(text, spans, start, hi)
    _check_spans(text, regex_sentences(text, min(start, hi), hi), min(start, hi), hi)
    if start < hi and text[start:hi].strip():
        assert spans  # visible text is never dropped entirely


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_clause_spans_are_sorted_disjoint_trimmed(text: str) -> None:
    for a, b in split_sentences(text) or [(0, len(text))]:
        _check_spans(text, split_clauses(text, a, b), a, b)


# ---------------------------------------------------------------------------------------------
# Real data (skipped when ../shared/data is absent)
# ---------------------------------------------------------------------------------------------


def _data(path: str) -> Path:
    full = needs_data(*path.split("/"))
    return full


def test_golden_rules_pass_rate() -> None:
    from eval.sbd import evaluate

    _data("sbd_golden_rules")
    rows = {(r.dataset, r.metric): r.value for r in evaluate(data_dir())}
    assert rows[("sbd_golden_rules.dev/golden-rules", "exact-match pass rate (nupunkt+rules)")] >= 0.9
    assert rows[("sbd_golden_rules.dev/no-cleaning", "exact-match pass rate (nupunkt+rules)")] >= 0.9


def test_reuters_hard_wraps_never_end_a_sentence_mid_line() -> None:
    """On wire copy, no sentence may end with a word whose next line continues in lowercase."""
    path = _data("reuters21578/reuters21578.jsonl")
    with path.open(encoding="utf-8") as handle:
        stories = [json.loads(line)["text"] for _, line in zip(range(200), handle, strict=False)]
    checked = 0
    for text in stories:
        spans = split_sentences(text)
        _check_spans(text, spans, 0, len(text))
        for (_, end), (start, _) in itertools.pairwise(spans):
            checked += 1
            gap = text[end:start]
            assert gap.strip() == ""
            assert not text[start].islower(), text[max(0, end - 40) : start + 40]
    assert checked > 500


def test_abbreviation_fragments_are_not_sentences() -> None:
    text = "Cash should fluctuate around 30 mln N.Z. Dlrs. The rest was sold."
    assert sentences(text) == ["Cash should fluctuate around 30 mln N.Z. Dlrs.", "The rest was sold."]
    text = "It paid too much. E.F. Hutton will provide 279 mln dlrs."
    assert sentences(text) == ["It paid too much.", "E.F. Hutton will provide 279 mln dlrs."]


def test_unit_abbreviation_ends_a_sentence() -> None:
    text = "The May price was down 15.59 at 108.00 cents a lb. Pressure will now build on producers."
    assert sentences(text) == [
        "The May price was down 15.59 at 108.00 cents a lb.",
        "Pressure will now build on producers.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "A heading without a period",
        "One sentence that ends here.",
        "Is this one sentence?",
        "He said “no.”",
        "It rose 3.5 pct. Then it fell.",
        "At 5 p.m. He left the U.S. The end.",
        "Hard-wrapped wire copy\nthat runs over lines.",
    ],
)
def test_single_sentence_fast_path_agrees_with_punkt(text: str) -> None:
    """Chunks with no inner terminal mark skip Punkt; the answer must be what Punkt gives."""
    from factcheck.text import segment, segment_rules

    tokenizer = segment._tokenizer()
    if tokenizer is None:
        pytest.skip("nupunkt not installed")
    chunk = text.replace("\n", " ")
    expected = segment_rules.postfix(
        text, [segment_rules.trim(text, a, b) for a, b in tokenizer.span_tokenize(chunk)]
    )
    assert split_sentences(text) == expected
