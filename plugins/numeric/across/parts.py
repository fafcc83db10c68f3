"""NUM005, a whole and its parts in the statements that follow, and a vote or count said to be
complete against the size of the body stated earlier. Which parts belong to which whole is
``part_ties``' job; this module picks the wholes and does the sums."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from factcheck.plugin import Ledger

from ..checks import Check
from .figures import (
    WINDOWS,
    Entry,
    compatible_amounts,
    entry_part,
    is_amount,
    is_part_like,
    paragraph_of,
    sum_text,
    written_interval,
)
from .part_ties import EVERY_MEMBER, VOTE, tied_parts

_OLD_VALUE_BEFORE = re.compile(
    r"\b(?:from|against|versus|vs\.?|compared\s+(?:with|to)|previously|earlier|last)\s+"
    r"(?:(?:a|an|the|revised|about|some)\s+)*$",
    re.IGNORECASE,
)
_OLD_VALUE_AFTER = re.compile(
    r"\s+(?:a\s+year\s+(?:ago|earlier|before)|previously|last\s+year|in\s+the\s+previous|the\s+year\s+before)",
    re.IGNORECASE,
)
_OTHER_SUM_BEFORE = re.compile(
    r"\b(?:on\s+top\s+of|in\s+addition\s+to|besides|as\s+well\s+as|excluding|plus|beyond)\b[^.;]{0,40}$",
    re.IGNORECASE,
)


_EXPECTED_BEFORE = re.compile(
    r"\b(?:compares?\s+with|forecast|expectations?|expected|predicted|projected|target|estimate)\b[^.;\d]{0,30}$",
    re.IGNORECASE,
)


def _old_value(ledger: Ledger, e: Entry) -> bool:
    """ "rose to 103 mln dlrs from 98 mln": 98 is a figure of another time, not a part (nor is a
    forecast or a target the figures are set against)."""
    plain = ledger.plain
    return bool(
        _OLD_VALUE_BEFORE.search(plain, max(0, e.start - 30), e.start)
        or _EXPECTED_BEFORE.search(plain, max(0, e.start - 45), e.start)
        or _OLD_VALUE_AFTER.match(plain, e.end)
        or (e.when is not None and e.when[0] == "earlier")
    )


def parts_checks(ledger: Ledger) -> Iterator[Check]:
    """NUM005, a whole and its parts in the following statements, tied by the copy itself:

    - opened by "Of the total, ..." or closed by "the remaining/rest" ("will sell 500 billion
      yen ... Of the total, 300 billion yen ... The remaining 200 billion yen");
    - said to make up the whole: "comprised", "made up of", "includes", "These included" ("a deal
      totalling $375m ... It was made up of $250m ... and $125m");
    - counted: the whole's sentence says how many parts ("400 mln dlrs of bonds in two tranches",
      "two shipments of maize, totalling 60,000 tonnes", "will go on three main projects");
    - a total ("loans totalling 1.55 billion dlrs") whose parts name the same thing ("A 350 mln
      dlr ... loan", "a 300 mln dlr loan", "a 900 mln dlr loan");
    - a vote or count said to be complete: "51 backed the scheme, 29 opposed it and 6 abstained.
      Every member was present" against "which has 84 members"; "All 150 seats ... With every
      race now decided, Republicans hold 79, Democrats 66 and independents 3";
    - or listed with "and" in the very next statement after a whole with their referent (the
      sum then within 15% of the whole, else it is about something else).

    Figures of another time ("from 98 mln", "against 3.59 mln previously") are not parts."""
    known: dict[int, bool] = {}

    def usable(e: Entry) -> bool:
        found = known.get(e.index)
        if found is None:
            found = known[e.index] = is_part_like(ledger, e) and not _old_value(ledger, e)
        return found

    for total in ledger.entries:
        if not _can_be_whole(ledger, total):
            continue
        later = _figures_after(ledger, total, usable)
        if len(later) < 2:
            continue
        if _another_whole_between(ledger, total, later[0]):
            continue  # the whole is the last such figure before its parts
        found = tied_parts(ledger, total, later)
        if found is None:
            continue
        run, tie = found
        if len(run) < 2:
            continue
        yield from _judge_parts(ledger, total, run, tie)


def _can_be_whole(ledger: Ledger, total: Entry) -> bool:
    """A single positive count, sum or measure that is an amount of its own time (not "from 98
    mln"): only such a figure is split into parts."""
    if total.kind not in ("count", "money", "measure") or total.quantity.high is not None or total.value <= 0:
        return False
    return is_amount(ledger, total) and not _old_value(ledger, total)


def _figures_after(ledger: Ledger, total: Entry, usable: Callable[[Entry], bool]) -> list[Entry]:
    """The figures of the statements after ``total``, within the window, that can be its parts."""
    window = WINDOWS["NUM005-parts"]
    later = []
    for e in ledger.entries[total.index + 1 :]:
        if e.statement > total.statement + window:
            break
        if e.statement > total.statement and compatible_amounts(e, total) and usable(e):
            later.append(e)
    return later


def _another_whole_between(ledger: Ledger, total: Entry, first_part: Entry) -> bool:
    """Whether a figure that could be the whole stands between ``total`` and its first part (one
    that "on top of" or "besides" sets apart in the whole's own statement does not count)."""
    plain = ledger.plain
    return any(
        total.index < e.index < first_part.index
        and compatible_amounts(e, total)
        and not _old_value(ledger, e)
        and not (
            e.statement == total.statement and _OTHER_SUM_BEFORE.search(plain, max(0, e.start - 50), e.start)
        )
        for e in ledger.entries[total.index + 1 : first_part.index]
    )


def complete_count_checks(ledger: Ledger) -> Iterator[Check]:
    """NUM005, a vote or count said to be complete against the size of the body stated earlier:
    "The full council, which has 84 members" ... "51 councillors backed the scheme, 29 opposed it
    and 6 abstained. Every member was present." The parts are the counts of the tally's
    sentence (listed, the last after "and"); the whole is the latest count before it, up to six
    statements back, of the same thing (one referent or synonym group: "members"/"councillors")."""
    plain = ledger.plain
    counts = [e for e in ledger.entries if e.kind == "count" and e.quantity.high is None]
    done: set[int] = set()
    for index in range(len(ledger.statement_spans)):
        sentence = ledger.sentences[index] if ledger.sentences else index
        if sentence in done:
            continue
        tally = [e for e in counts if ledger.same_sentence(e.statement, index) and not e.hedge]
        if len(tally) < 2 or not VOTE.search(ledger.sentence_text(index)):
            continue
        nxt = max(e.statement for e in tally) + 1
        cue = EVERY_MEMBER.search(ledger.sentence_text(index)) or (
            nxt < len(ledger.statement_spans) and EVERY_MEMBER.search(ledger.sentence_text(nxt))
        )
        if not cue:
            continue
        done.add(sentence)
        if not re.search(r"\band\b", plain[tally[-2].end : tally[-1].start]):
            continue
        named = [e for e in tally if e.referent or e.elided]
        if not named:
            continue
        first = min(e.statement for e in tally)
        wholes = [
            e
            for e in counts
            if first - 6 <= e.statement < first
            and not e.hedge
            and e.referent
            and ledger.link(e, named[0], elided=True) in ("same", "synonym")
        ]
        if not wholes or len({e.value for e in wholes}) != 1:
            continue
        yield from _judge_parts(ledger, wholes[-1], tally, "complete")


def _judge_parts(ledger: Ledger, total: Entry, run: list[Entry], tie: str) -> Iterator[Check]:
    entries = ledger.entries
    window = WINDOWS["NUM005-parts"]
    hedged = total.hedge or any(e.hedge for e in run)
    computed = sum(e.value for e in run)
    rounded = total.kind == "money" or any(e.precision > 1 for e in (*run, total))
    if rounded:
        tolerance = (
            sum(written_interval(e).high - e.value for e in run) + written_interval(total).high - total.value
        )
    else:
        tolerance = 0.0
    if hedged:
        tolerance = max(tolerance, 0.1 * total.value)
    ok = abs(computed - total.value) <= tolerance + 1e-9 * total.value
    if tie in ("closed", "listed", "included") and any(e.value >= total.value for e in run):
        return  # a part as large as the whole: the whole is another figure
    if tie == "included" and computed <= total.value + tolerance:
        ok = True  # "These included ...": some of the parts, at most the whole
    if tie == "listed" and not ok and computed > 0 and not 0.85 <= computed / total.value <= 1.15:
        return  # a list far from the total is about something else
    if not ok and any(
        compatible_amounts(e, total) and abs(e.value - computed) <= max(tolerance, 0.01 * e.value)
        for e in entries
        if e.index < run[0].index and e is not total and run[0].statement - e.statement <= 2 * window
    ):
        return  # the parts add up to another figure just before them: that is their whole
    terms = " + ".join(e.text for e in run)
    where = sorted({paragraph_of(ledger, e) for e in run})
    result = sum_text(computed, total)
    detail = f"{terms} ({', '.join(where)}) = {result}, not {total.text} ({paragraph_of(ledger, total)})"
    note = f"{terms} = {result}; " + (
        f"at most the whole, {total.text}" if tie == "included" else f"the whole is {total.text}"
    )
    parts = (entry_part(total, "whole"), *(entry_part(e, "part") for e in run))
    yield Check("NUM005", ok, detail, note, parts)
