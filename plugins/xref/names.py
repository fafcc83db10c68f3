"""One article against itself: a name spelled two ways, a person given two offices.

Spelling. The surnames of people introduced by their full name ("Volodymyr Zelenskiy") are the
reference; every other capitalised word is compared with them. Candidates come from an inverted
index on the first letter (DEPENDENCIES.md §4: index, then score), and a pair is a finding only
when ``rapidfuzz.fuzz.ratio`` ≥ the threshold *and* nothing explains the difference: not an
inflection ("Blairs", "Russian"), not another person's surname or first name, not the more
frequent form when neither was introduced. A hyphen that comes and goes ("Gould-Davies" /
"Gould Davies") is the same kind of drift. When a fact pack gives a house spelling, it wins.

Roles. Mentions of one person (same surname) carrying office titles are compared: "Foreign
Minister Sybiha" and "Defence Minister Sybiha" share the head word and differ in the portfolio,
so one is wrong; "President" and "Ukrainian President" are the same office written more fully.
Anything marked as past or partial ("former", "then", "acting", "deputy") is left alone.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from rapidfuzz import fuzz

from factcheck.plugin import Entity, Statement

_UPPER = "A-ZÀ-ÖØ-Þ"
_LOWER = "a-zß-öø-ÿ"
_CAPITALISED = re.compile(
    rf"(?<![\w’'-])[{_UPPER}][{_LOWER}]+(?:[{_UPPER}][{_LOWER}]+)?(?:[-’'][{_UPPER}][{_LOWER}]+)*"
)
_LOWER_WORD = re.compile(rf"(?<![\w’'-])[{_LOWER}]{{4,}}(?![\w-])")
_POSSESSIVE = re.compile(r"[’']s?$")
_SUFFIXES = ("s", "es", "n", "an", "ian", "ians", "ns", "ese", "ite", "ites", "ism", "ist", "ists", "y")
_OFFICE_HEADS = frozenset(
    {
        "minister",
        "secretary",
        "president",
        "chancellor",
        "governor",
        "mayor",
        "senator",
        "ambassador",
        "spokesman",
        "spokeswoman",
        "general",
        "admiral",
    }
)
_HONORIFICS = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "miss",
        "dr",
        "sir",
        "dame",
        "lord",
        "lady",
        "prof",
        "rev",
        "gen",
        "president",
        "minister",
        "secretary",
        "chancellor",
        "senator",
        "sen",
        "rep",
        "gov",
        "governor",
        "mayor",
        "judge",
        "justice",
        "chairman",
        "coach",
        "manager",
        "captain",
        "prince",
        "princess",
        "king",
        "queen",
        "pope",
        "ambassador",
        "general",
        "speaker",
    }
)
_SKIP_ROLE = re.compile(
    r"\b(?:former|ex|then|acting|deputy|vice|interim|incoming|outgoing|elect|shadow|"
    r"future|late|prospective|would-be|candidate|hopeful|nominee|presidential)\b"
)
_ROLE_WORD = re.compile(r"[a-z]+")


class Mention(NamedTuple):
    """A capitalised word at ``start``/``end`` in the source (a tuple: hundreds per article)."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class SpellingIssue:
    variant: Mention  # the mention to correct
    reference: Mention  # where the other spelling is used
    expected: str
    house: bool = False  # the reference spelling comes from the fact pack


@dataclass(frozen=True)
class RoleIssue:
    entity: Entity
    other: Entity


def surname(text: str) -> str:
    """The last word of a name, without a possessive: "Nigel Gould-Davies's" -> "Gould-Davies"."""
    words = _POSSESSIVE.sub("", text.strip()).split()
    return words[-1] if words else ""


def _is_inflection(a: str, b: str) -> bool:
    short, long = sorted((a.lower(), b.lower()), key=len)
    return long.startswith(short) and long[len(short) :] in _SUFFIXES


def _transposed(a: str, b: str) -> bool:
    """Two adjacent letters swapped ("Puitn"/"Putin"): the commonest typo, rarely another name."""
    if len(a) != len(b) or len(a) < 5:
        return False
    diff = [i for i in range(len(a)) if a[i] != b[i]]
    return len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]] and a[diff[1]] == b[diff[0]]


_PREVIOUS = re.compile(rf"([{_UPPER}][\w’'.-]*)[ \u00a0]$")
_NEXT = re.compile(rf"^(?:[’']s)?[ \u00a0][{_UPPER}]")


_DETERMINER = re.compile(r"(?<!\w)(?:[Tt]he|[Aa]n?)[ \u00a0]$")


def _in_other_name(plain: str, m: Mention, given: set[str], slip: bool = False) -> bool:
    """The word is part of a longer name ("Jon Cohen", "National Review") or a capitalised
    common noun ("the Baptist church"): another entity. ``given`` holds the first names the
    reference surname is written with; a different first name ("David Andersen" where "Kristen
    Anderson" was introduced) is a different person, and only the same first name, an honorific
    or no first name at all can be the same one. After an article ("the Clniton campaign") only
    a ``slip`` (two letters swapped, the commonest typo) is still taken for the name."""
    if not slip and _DETERMINER.search(plain, max(0, m.start - 4), m.start):
        return True
    before = _PREVIOUS.search(plain, max(0, m.start - 40), m.start)
    if (
        before
        and before.group(1) not in given
        and before.group(1).rstrip(".").lower() not in _HONORIFICS
        and not _sentence_start(plain, before.start(1))
    ):
        return True
    return bool(_NEXT.match(plain[m.end : m.end + 4]))


def _sentence_start(plain: str, pos: int) -> bool:
    left = plain[max(0, pos - 3) : pos].rstrip()
    return not left or left[-1] in '.!?"“”\n'


def mentions(plain: str, statements: Iterable[Statement]) -> list[Mention]:
    """Every capitalised word inside the statements (possessives trimmed), in text order."""
    found: list[Mention] = []
    for statement in statements:
        for match in _CAPITALISED.finditer(plain, statement.start, statement.end):
            found.append(Mention(match.group(0), match.start(), match.end()))
    return found


def people(statements: Iterable[Statement]) -> list[Entity]:
    """Person entities written with at least two words: the introductions names are checked against."""
    return [
        e for s in statements for e in s.of_type(Entity) if e.label == "person" and len(e.text.split()) >= 2
    ]


def spelling_issues(
    plain: str, statements: list[Statement], threshold: float = 85.0, house: dict[str, str] | None = None
) -> list[SpellingIssue]:
    """Mentions whose spelling differs slightly from a surname used elsewhere in the article."""
    house = house or {}
    full = people(statements)
    surnames = {surname(e.text) for e in full}
    surnames.discard("")
    given = {w for e in full for w in _POSSESSIVE.sub("", e.text).split()[:-1]}
    given_of: dict[str, set[str]] = defaultdict(set)
    for e in full:
        given_of[surname(e.text)].update(_POSSESSIVE.sub("", e.text).split()[:-1])
    words = mentions(plain, statements)
    lower = {w.lower() for s in statements for w in _LOWER_WORD.findall(plain, s.start, s.end)}
    counts = Counter(m.text for m in words)
    first_use: dict[str, Mention] = {}
    for m in words:
        first_use.setdefault(m.text, m)
    index: dict[str, list[str]] = defaultdict(list)
    for name in surnames:
        if len(name) >= 4:
            index[name[0].lower()].append(name)
    issues: list[SpellingIssue] = []
    for m in words:
        text = m.text
        if text in surnames or text in given or len(text) < 4 or text.isupper() or text.lower() in lower:
            continue
        for name in index.get(text[0].lower(), ()):
            # one edit is a typo; more is usually another name (Belmar / Belmarsh)
            if abs(len(name) - len(text)) > 1 or min(len(name), len(text)) < 5:
                continue
            if name not in first_use or _is_inflection(name, text):
                continue
            slip = _transposed(text, name)
            if fuzz.ratio(text.lower(), name.lower()) < threshold and not slip:
                continue
            if _in_other_name(plain, m, given_of[name], slip):
                continue
            reference, expected, from_house = first_use[name], name, False
            if house.get(text.lower()) == text:  # the variant is the house spelling: the intro is wrong
                reference, expected, from_house = m, text, True
                m = first_use[name]
            issues.append(SpellingIssue(m, reference, expected, from_house))
            break
    issues.extend(_hyphen_drift(plain, statements, surnames, counts))
    return issues


def _hyphen_drift(
    plain: str, statements: list[Statement], surnames: set[str], counts: Counter[str]
) -> list[SpellingIssue]:
    """'Gould Davies' where the article introduced 'Gould-Davies' (and only hyphenated names)."""
    issues = []
    for name in sorted(n for n in surnames if "-" in n):
        spaced = re.compile(r"(?<![\w-])" + re.escape(name.replace("-", " ")) + r"(?![\w-])")
        reference = re.compile(r"(?<![\w-])" + re.escape(name) + r"(?![\w-])")
        first = None
        for statement in statements:
            first = first or reference.search(plain, statement.start, statement.end)
        if first is None:
            continue
        for statement in statements:
            for match in spaced.finditer(plain, statement.start, statement.end):
                issues.append(
                    SpellingIssue(
                        Mention(match.group(0), match.start(), match.end()),
                        Mention(name, first.start(), first.end()),
                        name,
                    )
                )
    return issues


def _office(role: str) -> tuple[str, frozenset[str]] | None:
    """A role's head office word and its other words, or ``None`` when it is not a plain office."""
    lowered = role.lower()
    if _SKIP_ROLE.search(lowered):
        return None
    words = _ROLE_WORD.findall(lowered)
    if not words or len(words) > 4 or words[-1] not in _OFFICE_HEADS:
        return None
    return words[-1], frozenset(w for w in words[:-1] if w not in {"the", "a", "an", "of"})


def role_issues(statements: list[Statement]) -> list[RoleIssue]:
    """Pairs of mentions of one surname whose office titles share a head but name different offices."""
    full: dict[str, set[str]] = defaultdict(set)  # surname -> full names using it
    for entity in people(statements):
        full[surname(entity.text)].add(_POSSESSIVE.sub("", entity.text).strip())
    by_name: dict[str, list[Entity]] = defaultdict(list)
    for statement in statements:
        for entity in statement.of_type(Entity):
            if entity.label != "person" or not entity.role:
                continue
            name = _POSSESSIVE.sub("", entity.text).strip()
            if len(name.split()) < 2:  # a bare surname belongs to its one full name, if unique
                owners = full.get(name, set())
                name = next(iter(owners)) if len(owners) == 1 else name
            by_name[name].append(entity)
    issues = []
    for found in by_name.values():
        offices = [(e, _office(e.role or "")) for e in found]
        first: dict[str, tuple[Entity, frozenset[str]]] = {}
        for entity, office in offices:
            if office is None:
                continue
            head, words = office
            if head not in first:
                first[head] = (entity, words)
                continue
            earlier, earlier_words = first[head]
            if words and earlier_words and not (words <= earlier_words or earlier_words <= words):
                issues.append(RoleIssue(entity, earlier))
    return issues
