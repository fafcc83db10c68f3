"""Roles: one person given two offices in the same article.

Mentions of one person (same surname) carrying office titles are compared: "Foreign Minister
Sybiha" and "Defence Minister Sybiha" share the head word and differ in the portfolio, so one is
wrong; "President" and "Ukrainian President" are the same office written more fully. Anything
marked as past or partial ("former", "then", "acting", "deputy") is left alone. Spelling drift
of the names themselves is ``names``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from factcheck.plugin import Entity, Statement

from .names import POSSESSIVE, people, surname

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
_SKIP_ROLE = re.compile(
    r"\b(?:former|ex|then|acting|deputy|vice|interim|incoming|outgoing|elect|shadow|"
    r"future|late|prospective|would-be|candidate|hopeful|nominee|presidential)\b"
)
_ROLE_WORD = re.compile(r"[a-z]+")


@dataclass(frozen=True)
class RoleIssue:
    entity: Entity
    other: Entity


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
        full[surname(entity.text)].add(POSSESSIVE.sub("", entity.text).strip())
    by_name: dict[str, list[Entity]] = defaultdict(list)
    for statement in statements:
        for entity in statement.of_type(Entity):
            if entity.label != "person" or not entity.role:
                continue
            name = POSSESSIVE.sub("", entity.text).strip()
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
