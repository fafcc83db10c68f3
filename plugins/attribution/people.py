"""Checks on how people are introduced: by full name first, and (house style) with a role.

Style books agree that a person is introduced once by full name (and, for a source, a role or
affiliation a reader can weigh) and by surname or pronoun afterwards. A surname that appears
before the full name, or a "he said" with nobody yet named, leaves the reader guessing. The
checks read the person entities and attributions of the core extractor; headlines, headings,
captions and standfirsts are exempt, since they use surnames by convention.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from factcheck.plugin import Entity

from .findings import ArticleView, Finding
from .sources import pronoun_before_anyone

_DISPLAY_BLOCKS = frozenset({"title", "heading", "caption", "standfirst"})
#: After a name: ", a Russia expert", ", who chairs", ", co-founder of", " (R-TX)".
_APPOSITIVE = re.compile(
    r"\s*(?:[,—–]\s*(?:a|an|the|who|whose|its|his|her|their|(?:[a-z][\w-]*\s+){1,3}(?:of|at|for|to|in))\b|\()"
)


#: Letters written after a name: "Ruth Kelly MP", "Martin Luther King Jr".
_POST_NOMINALS = frozenset("mp mep msp am qc kc obe mbe cbe jr jr. sr sr. phd".split())


def _surname(entity: Entity) -> str:
    words = entity.text.replace("’s", "").replace("'s", "").split()
    while len(words) > 1 and words[-1].lower() in _POST_NOMINALS:
        words.pop()
    return words[-1].lower() if words else ""


def _full_names(view: ArticleView) -> dict[str, Entity]:
    """The first mention of each multi-word person name, keyed by surname. With the name
    lexicons at hand, only a name that opens with a first name, or is written with a role,
    introduces a *person* ("George W Bush", "Fly-half Charlie Hodgson"; not "MG Rover", "Daily
    Telegraph", which are no people to introduce)."""
    first: dict[str, Entity] = {}
    for entity in view.entities:
        words = entity.text.split()
        if entity.label != "person" or len(words) < 2:
            continue
        if view.first_names and words[0].lower() not in view.first_names and not entity.role:
            continue
        first.setdefault(_surname(entity), entity)
    return first


def surname_first(view: ArticleView) -> Iterator[Finding]:
    """SRC004: a surname (or "he"/"she" as a speaker) before the person's full name."""
    full = _full_names(view)
    reported: set[str] = set()
    speaking = {(a.mention_start, a.mention_end) for a in view.attributions} | {
        (a.speaker_start, a.speaker_end) for a in view.attributions
    }
    for entity in view.entities:
        if entity.label != "person" or len(entity.text.split()) != 1:
            continue
        surname = _surname(entity)
        introduced = full.get(surname)
        if introduced is None or introduced.start <= entity.start or surname in reported:
            continue
        if not _used_for_a_person(view, entity, speaking):
            continue  # "Indie dance band Kasabian", "and Kinsey starring Liam Neeson": a name of a thing
        if view.block_kind(entity.start) in _DISPLAY_BLOCKS:
            continue
        reported.add(surname)
        yield Finding(
            "SRC004",
            entity.start,
            entity.end,
            {"name": entity.text, "full": introduced.text},
            ((introduced.start, introduced.end, "introduced by full name here"),),
        )
    starts = pronoun_before_anyone(view)
    for item in view.attributions:
        if item.start in starts and item.mention_start is not None and item.mention_end is not None:
            if view.block_kind(item.mention_start) in _DISPLAY_BLOCKS:
                continue
            pronoun = view.text(item.mention_start, item.mention_end)
            yield Finding(
                "SRC004",
                item.mention_start,
                item.mention_end,
                {"name": pronoun, "full": "anyone"},
                ((item.start, item.end, "what the unnamed speaker said"),),
            )


_HONORIFICS = frozenset("mr mrs ms miss dr sir dame lord lady mr. mrs. ms. dr. prof professor".split())


def _used_for_a_person(
    view: ArticleView, entity: Entity, speaking: set[tuple[int | None, int | None]]
) -> bool:
    """Whether a one-word name is clearly a person's surname where it stands: it names a
    speaker ("Nobles said"), follows an honorific ("Dr Nobles"), or opens its sentence as the
    subject of a verb ("Ode said …", "Ode has …")."""
    if (entity.start, entity.end) in speaking:
        return True
    role = (entity.role or "").lower().split()
    if role and role[-1] in _HONORIFICS:
        return True
    statement = view.statement_at(entity.start)
    if statement is None or view.text(statement.start, entity.start).strip(" “\"‘'"):
        return False
    after = view.text(entity.end, entity.end + 20).split()
    return bool(after) and after[0][:1].islower()


def missing_roles(view: ArticleView) -> Iterator[Finding]:
    """SRC005: a quoted person whose first full-name mention carries no role or appositive."""
    full = _full_names(view)
    seen: set[str] = set()
    for item in view.attributions:
        if item.speaker is None or item.resolved_by != "name" or item.speaker_start is None:
            continue
        words = item.speaker.split()
        if not words:
            continue
        surname = words[-1].lower().replace("’s", "")
        if surname in seen:
            continue
        seen.add(surname)
        entity = full.get(surname)
        if entity is None:
            continue  # not a recognised person (an organisation, a group): nothing to ask
        if entity.role or _APPOSITIVE.match(view.plain, entity.end, entity.end + 60):
            continue
        if _possessive_before(view, entity.start):
            continue  # "Iowa State University's Dianne Bystrom": the affiliation comes first
        yield Finding(
            "SRC005",
            entity.start,
            entity.end,
            {"name": entity.text},
            ((item.start, item.end, "quoted here"),),
        )


def _possessive_before(view: ArticleView, start: int) -> bool:
    before = view.plain[max(0, start - 3) : start]
    return before.endswith(("’s ", "'s "))
