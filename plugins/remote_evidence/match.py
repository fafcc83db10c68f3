"""Pure comparisons behind the REM verifier: claim similarity, rating scale, roles and ages.

Kept apart from the verifier so each can be tested without a server, and kept linear: every
function tokenises its inputs once and compares sets.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from factcheck.plugin import EntityFacts, Position

_WORD = re.compile(r"[^\W\d_]{3,}")
_PUNCT = re.compile(r"[^\w\s]")
_STOP = frozenset(
    "the and that this with from have has had was were are for not but its his her their they "
    "which who will would been said says also than then them there into over about after".split()
)
ReadsAs = Literal["refuted", "supported", "unclear"]


def content_words(text: str) -> set[str]:
    return {w for w in (m.group(0).lower() for m in _WORD.finditer(text)) if w not in _STOP}


def similarity(statement: str, claim: str) -> float:
    """Overlap of content words relative to the shorter text (fact-check claims are short).

    Zero when either side has fewer than three content words: too little to call them alike.
    """
    a, b = content_words(statement), content_words(claim)
    if len(a) < 3 or len(b) < 3:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def normalise_rating(rating: str) -> str:
    return " ".join(_PUNCT.sub(" ", rating.lower()).split())


def reads_as(rating: str, refuted: Iterable[str], supported: Iterable[str]) -> ReadsAs:
    """Where a publisher's free-text rating falls on our scale (lists come from the lexicons)."""
    normal = normalise_rating(rating)
    if normal in {normalise_rating(r) for r in refuted}:
        return "refuted"
    if normal in {normalise_rating(s) for s in supported}:
        return "supported"
    return "unclear"


def query_text(text: str, limit: int) -> str:
    """The statement trimmed to ``limit`` characters at a word boundary, whitespace collapsed."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit]
    return cut[: cut.rfind(" ")] if " " in cut else cut


# --- roles ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RoleClaim:
    """The office a role names, the words qualifying it ("Ukrainian") and whether it is former."""

    office: str
    qualifiers: tuple[str, ...]
    former: bool


def parse_role(role: str, offices: Sequence[str]) -> RoleClaim | None:
    """The first office word in a role, longest entries first ("foreign minister" over "minister")."""
    lowered = role.lower()
    best: tuple[int, int, str] | None = None
    for office in offices:
        for match in re.finditer(rf"(?<!\w){re.escape(office.lower())}(?!\w)", lowered):
            key = (match.start(), -len(office))
            if best is None or key < best[:2]:
                best = (match.start(), -len(office), office.lower())
            break
    if best is None:
        return None
    start = best[0]
    before = role[:start].split()
    skip = ("former", "the")
    qualifiers = tuple(w.lower() for w in before[-2:] if w[:1].isupper() and w.lower() not in skip)
    former = bool(re.search(r"(?<!\w)(?:former|ex-|then-)", lowered[:start]))
    return RoleClaim(best[2], qualifiers, former)


def _tokens(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[^\W\d_]+", text)}


def _stem_match(word: str, tokens: set[str]) -> bool:
    """``ukrainian`` matches ``ukraine``: equal, or a shared prefix of five letters or more."""
    return word in tokens or (len(word) >= 5 and any(len(t) >= 5 and t[:5] == word[:5] for t in tokens))


def matching_positions(claim: RoleClaim, positions: Iterable[Position]) -> list[Position]:
    office = _tokens(claim.office)
    found = []
    for position in positions:
        label = _tokens(position.title)
        if office <= label and all(_stem_match(q, label) for q in claim.qualifiers):
            found.append(position)
    return found


@dataclass(frozen=True)
class RoleFinding:
    supported: bool
    detail: str


def judge_role(name: str, claim: RoleClaim, facts: EntityFacts, day: dt.date) -> RoleFinding | None:
    """Compare a role with the positions held on ``day``; ``None`` when the KB has no match."""
    matches = matching_positions(claim, facts.positions)
    if not matches:
        return None
    current = [p for p in matches if p.held_on(day)]
    title = matches[0].title
    if claim.former:
        ended = [p for p in matches if p.end is not None and p.end < day]
        if ended:
            return RoleFinding(True, f"held the office of {ended[0].title} until {ended[0].end}")
        if current:
            held = current[0].title
            return RoleFinding(False, f"still held the office of {held} on {day}, not a former holder")
        return None
    if current:
        return RoleFinding(True, f"held the office of {current[0].title} on {day}")
    ended = sorted((p for p in matches if p.end is not None and p.end < day), key=lambda p: p.end or day)
    if ended:
        detail = f"no longer held the office of {title} on {day}: the term ended on {ended[-1].end}"
        return RoleFinding(False, detail)
    later = [p for p in matches if p.start is not None and p.start > day]
    if later:
        detail = f"did not yet hold the office of {title} on {day}: the term began on {later[0].start}"
        return RoleFinding(False, detail)
    return None


# --- ages ----------------------------------------------------------------------------------------

_AGE_AFTER = re.compile(r"\s*,\s*(?:aged\s+)?([0-9]{1,3})\s*,")
_AGE_BEFORE = re.compile(r"([0-9]{1,3})-year-old\s+(?:[\w.-]+\s+){0,3}\Z")


def stated_age(plain: str, name_start: int, name_end: int) -> tuple[int, int, int] | None:
    """An age written beside a name: ``Putin, 72,`` or ``the 72-year-old Putin``.

    :return: ``(age, start, end)`` of the number in the text, or ``None``.
    """
    after = _AGE_AFTER.match(plain, name_end, min(len(plain), name_end + 16))
    if after:
        return int(after.group(1)), after.start(1), after.end(1)
    before = _AGE_BEFORE.search(plain, max(0, name_start - 60), name_start)
    if before:
        return int(before.group(1)), before.start(1), before.end(1)
    return None


def age_on(birth: dt.date, day: dt.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def age_matches(stated: int, facts: EntityFacts, day: dt.date) -> tuple[bool, int] | None:
    """Whether ``stated`` fits the date of birth on ``day`` (±1 year when only year/month known)."""
    if facts.birth_date is None:
        return None
    expected = age_on(facts.birth_date, day)
    slack = 0 if facts.birth_precision == "day" else 1
    return abs(stated - expected) <= slack, expected
