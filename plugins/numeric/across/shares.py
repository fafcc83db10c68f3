"""NUM004 across sentences: a part, its stated share and a whole named earlier ("rail gets £3
billion, or 30% of the money" after the £12 billion programme), and a survey's answers
against its sample."""

from __future__ import annotations

import re
from collections.abc import Iterator

from factcheck.plugin import Ledger

from ..arith import Interval, claim_interval, clearly_apart, figure_interval, fmt_percent, ratio
from ..checks import Check
from .figures import WINDOWS, Entry, compatible_amounts, entry_part, paragraph_of

_OR_SHARE = re.compile(
    r"^\s*(?:,\s*|\(\s*|\s[–—-]\s*|\s+(?=or\s))(?:or\s+|about\s+|some\s+|roughly\s+|nearly\s+|almost\s+|around\s+|"
    r"representing\s+|equal\s+to\s+|accounting\s+for\s+)*$",
    re.IGNORECASE,
)
# "160 hectares have been badly affected, a third of the land": the share in apposition to the clause
_PREDICATE_SHARE = re.compile(
    r"^\s+(?:have|has|had|was|were|is|are|will)\s+(?:[a-z]+\s+){0,3}?[a-z]+,\s*$", re.IGNORECASE
)
# "of the money", "of all city spending", "of its outstanding stock", "of the land it manages"
_SHARE_OF = re.compile(
    r"\s+of\s+(?:the|its|their|his|her|this|that|all)\s+(?P<noun>(?:[a-z][a-z-]*\s+){0,2}[a-z][a-z-]*)\b",
    re.IGNORECASE,
)
# "questioned 2,050 adults", "a survey of 1,000 people", "polled 1,500 voters": the survey's sample
_SAMPLE_BEFORE = re.compile(
    r"\b(?:questioned|surveyed|polled|interviewed|asked|sampled|survey\s+of|poll\s+of|sample\s+of)\s+"
    r"(?:(?:a\s+total\s+of|some|about|more\s+than|nearly|almost|over)\s+)?$",
    re.IGNORECASE,
)
_SUBSET_BEFORE = re.compile(
    r"\b(?:including|included|among\s+them|of\s+whom|of\s+which|of\s+them|among)\s+(?:\w+\s+){0,2}$",
    re.IGNORECASE,
)
_RESPONDENTS = frozenset("respondent people person adult voter customer member parent resident".split())


def share_checks(ledger: Ledger, statement_checked: set[tuple[int, int]]) -> Iterator[Check]:
    """NUM004: a part, its share and a whole named earlier: "rail gets £3 billion, or 30% of the
    money" after the £12 billion programme; "$672 million, or 25.5% of all city spending" after
    the $2.4 billion budget; "160 hectares, a third of the land it manages" after "looks after
    640 hectares of woodland" (the whole named by its referent or a synonym); and a survey's
    answers against its sample: "questioned 2,050 adults" ... "Some 1,312 respondents, or 46%,
    said" (no "of the X" needed). A figure written as a subset ("including 4,150 first-year
    students") is not the whole."""
    plain = ledger.plain
    window = WINDOWS["NUM004"]
    entries = ledger.entries
    for i, share in enumerate(entries):
        if (share.start, share.end) in statement_checked:
            continue
        if share.quantity.high is not None or not (
            (share.kind == "percent" and share.unit == "percent") or share.kind == "fraction"
        ):
            continue
        piece = _piece_of(ledger, i)
        if piece is None:
            continue
        nxt = entries[i + 1] if i + 1 < len(entries) and entries[i + 1].statement == share.statement else None
        if nxt is not None and re.fullmatch(r"\s+of\s+(?:\w+\s+){0,4}", plain[share.end : nxt.start]):
            continue  # "P% of the £8.5bn": the whole is in the sentence, the sentence rule's business
        candidates = [
            e
            for e in ledger.before(share, window)
            if compatible_amounts(e, piece)
            and e.value > piece.value
            and not _SUBSET_BEFORE.search(plain, max(0, e.start - 30), e.start)
        ]
        wholes = _named_wholes(ledger, share, piece, candidates)
        if not wholes:
            continue
        whole = wholes[0]
        if len({w.value for w in wholes}) > 1 and any(w.statement == whole.statement for w in wholes[1:]):
            continue
        checks = list(_judge_share(ledger, share, piece, whole))
        if checks and not checks[0].ok:
            if any(next(iter(_judge_share(ledger, share, piece, e)), checks[0]).ok for e in candidates):
                continue  # another whole nearby gives the stated share: "40% of the total debt"
        yield from checks


def _piece_of(ledger: Ledger, i: int) -> Entry | None:
    """The sum, count or measure a share stands in apposition to: "£3 billion, or 30%", "160
    hectares have been badly affected, a third"; ``None`` when the share follows no such figure."""
    entries = ledger.entries
    share = entries[i]
    if i == 0 or entries[i - 1].statement != share.statement:
        return None
    gap = ledger.plain[entries[i - 1].end : share.start]
    if not (_OR_SHARE.match(gap) or _PREDICATE_SHARE.match(gap)):
        return None
    piece = entries[i - 1]
    return piece if piece.kind in ("money", "count", "measure") else None


def _named_wholes(ledger: Ledger, share: Entry, piece: Entry, candidates: list[Entry]) -> list[Entry]:
    """The candidates the share names as its whole: by the noun after it ("of the money"), or,
    for a count of people who answered ("1,312 respondents, or 46%, said"), the survey's sample."""
    plain = ledger.plain
    of = _SHARE_OF.match(plain, share.end, share.end + 60)
    if of is not None:
        nouns = [w.lower() for w in of["noun"].split()]
        return [e for e in candidates if any(_names(ledger, e, n) for n in nouns)]
    if _answers(ledger, piece, share):
        return [e for e in candidates if _SAMPLE_BEFORE.search(plain, max(0, e.start - 30), e.start)]
    return []


_SAID_AFTER = re.compile(
    r"[\s,)–—-]*(?:said|say|says|told|answered|agreed|backed|supported|opposed|chose|picked)\b", re.IGNORECASE
)


def _answers(ledger: Ledger, piece: Entry, share: Entry) -> bool:
    """ "Some 1,312 respondents, or 46%, said": a count of people who answered, and its share."""
    if piece.kind != "count":
        return False
    said = _SAID_AFTER.match(ledger.plain, share.end, share.end + 20)
    return bool(said) and (not piece.referent or piece.head in _RESPONDENTS)


def _names(ledger: Ledger, whole: Entry, noun: str) -> bool:
    head = noun.rstrip("s") if noun.endswith("s") and not noun.endswith("ss") else noun
    if whole.referent and head in whole.referent:
        return True
    group = ledger.group(head)
    return (
        group is not None and whole.referent != () and any(ledger.group(w) == group for w in whole.referent)
    )


def _judge_share(ledger: Ledger, share: Entry, piece: Entry, whole: Entry) -> Iterator[Check]:
    scale = 100.0 if share.kind == "percent" else 1.0
    computed = ratio(figure_interval(piece.quantity), figure_interval(whole.quantity))
    if computed is None:
        return
    computed = Interval(computed.low * scale, computed.high * scale)
    q = share.quantity
    if share.kind == "fraction":
        q = q.model_copy(update={"precision": q.value * 0.07})
    exact = piece.value / whole.value * scale
    ok = not clearly_apart(claim_interval(q), computed, q.value)
    shown = fmt_percent(exact) if scale == 100 else f"{exact:.3f} ({fmt_percent(exact * 100)})"
    detail = f"{piece.text} of {whole.text} ({paragraph_of(ledger, whole)}) is {shown}, not {share.text}"
    note = f"{piece.text} / {whole.text} = {shown}"
    yield Check(
        "NUM004",
        ok,
        detail,
        note,
        (entry_part(piece, "part"), entry_part(whole, "whole"), entry_part(share, "stated share")),
    )
