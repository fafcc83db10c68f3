"""Statements against the newsroom's fact pack: roles at the publication date, house spellings,
founding years and where organisations are based.

The rule is to say nothing unless the pack settles the question. A role is judged only for a
mention that names exactly one pack entity, and only with a title that names a pack office: if
the person held that office on the date, ``supported``; if not, ``refuted`` showing the terms the
pack knows. A title the person never held is refuted only when it names a single office and the
pack knows who held it that day ("Chancellor Tony Blair" in 2005: the Chancellor was Gordon
Brown). "former X" is refuted only when the person still held X.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from factcheck.plugin import Entity

from .factpack import FactEntity, Facts, Office, normalise_name, normalise_role

_FORMER = re.compile(r"^(?:former|ex-|ex)\s*")
_HISTORIC = re.compile(
    r"\b(?:then|late|acting|interim|elect|future|would-be|incoming|outgoing|deputy|shadow|"
    r"candidate|nominee|hopeful|presidential)\b|-elect\b"
)
_PREDICATE = re.compile(r"\b(?:is|was|are|were|be|been|being|become|becomes|became)\s+$")


@functools.cache
def _founded() -> re.Pattern[str]:  # compiled on first use: most articles never need it
    return re.compile(r"\b(?:founded|established|set up|created)\s+in\s+((?:1[0-9]|20)[0-9]{2})\b")


# One of these is in every ``_founded()`` match: a substring test spares most sentences the regex.
_FOUNDED_WORDS = ("founded", "established", "set up", "created")


@functools.cache
def _word() -> re.Pattern[str]:  # compiled on first use: most articles never need it
    return re.compile(r"(?<![\w-])[A-Z][\w.’'-]*?(?=[’']s\b|[^\w.’'-]|$|\.(?:\s|$))")


@functools.cache
def _run() -> re.Pattern[str]:  # compiled on first use: most articles never need it
    return re.compile(r"(?<![\w-])[A-Z][\w.]*(?: (?:of |the |for )*[A-Z][\w.]*)*")


@functools.cache
def _based() -> re.Pattern[str]:  # compiled on first use: most articles never need it
    return re.compile(r"\b([A-Z][a-z]+(?: [A-Z][a-z]+)?)-based\s+(?:the\s+)?([A-Z][\w.]*(?: [A-Z][\w.]*)*)")


@dataclass(frozen=True)
class FactFinding:
    """One judgement: ``refuted`` or ``supported``, why, and the pack's source for it."""

    status: str
    code: str
    message: str
    source: str | None
    excerpt: str
    start: int
    end: int


def _span(entity: Entity) -> tuple[int, int]:
    start = entity.role_start if entity.role_start is not None else entity.start
    return min(start, entity.start), max(entity.end, entity.role_end or entity.end)


def _terms(entity: FactEntity, office: Office) -> str:
    spans = [f"{r.start}–{r.end or 'present'}" for r in entity.roles if r.office == office.id]
    return f"{entity.name}: {office.title} " + ", ".join(spans)


def _role_source(entity: FactEntity, office: Office) -> str | None:
    return next((r.source for r in entity.roles if r.office == office.id and r.source), office.source)


def judge_role(entity: Entity, when: dt.date, facts: Facts, plain: str = "") -> FactFinding | None:
    """The pack's verdict on "<role> <name>" at ``when``, or ``None`` when it cannot tell.

    ``plain`` (the article text) lets a title in predicate position be skipped: "once Obama is
    former president Obama" says what someone will be, it does not label who they are."""
    if not entity.role or entity.label != "person":
        return None
    if plain and _PREDICATE.search(plain, max(0, _span(entity)[0] - 12), _span(entity)[0]):
        return None
    person = facts.person(entity.text)
    if person is None:
        return None
    if entity.role.lower().startswith(("a ", "an ")):
        return None  # "a President Trump": a hypothetical, not a title
    role = normalise_role(entity.role)
    former = bool(_FORMER.match(role))
    role = _FORMER.sub("", role)
    if _HISTORIC.search(role):
        return None
    offices = facts.by_role_name.get(role, [])
    held = [o for o in offices if any(r.office == o.id for r in person.roles)]
    start, end = _span(entity)
    if held:
        return _judge_held(person, held[0], former, when, (start, end))
    if former or len(offices) != 1:
        return None
    return _judge_other_holder(person, offices[0], when, facts, (start, end))


def _judge_held(
    person: FactEntity, office: Office, former: bool, when: dt.date, span: tuple[int, int]
) -> FactFinding | None:
    """A title of an office the pack says this person held at some time: did they hold it then
    (XRF010), or had they left it when called "former" (XRF011)?"""
    now = [r for r in person.roles if r.office == office.id and r.holds(when)]
    before = [r for r in person.roles if r.office == office.id and r.start <= when]
    excerpt = _terms(person, office)
    source = _role_source(person, office)

    def finding(status: str, code: str, message: str) -> FactFinding:
        return FactFinding(status, code, message, source, excerpt, *span)

    if former:
        if now:
            return finding(
                "refuted",
                "XRF011",
                f"{person.name} still held the office of {office.title} on {when}, not a former holder",
            )
        return (
            finding("supported", "XRF011", f"{person.name} was {office.title} before {when}")
            if before
            else None
        )
    if now:
        return finding("supported", "XRF010", f"{person.name} was {office.title} on {when}")
    if office.honorific:
        # "President Clinton" years later is the convention, not an error; and before the
        # first term, "President Trump" in campaign coverage is a hypothetical far more
        # often than a slip. Offices that are not honorific are still judged both ways.
        return None
    return finding("refuted", "XRF010", f"{person.name} was not {office.title} on {when}")


def _judge_other_holder(
    person: FactEntity, office: Office, when: dt.date, facts: Facts, span: tuple[int, int]
) -> FactFinding | None:
    """A title of the one office of that name, never held by this person: who held it then."""
    holders = facts.holders(office.id, when)
    if not holders:
        return None
    names = ", ".join(h.name for h, _ in holders)
    excerpt = "; ".join(_terms(h, office) for h, _ in holders)
    message = f"on {when} the {office.title} was {names}, not {person.name}"
    return FactFinding("refuted", "XRF010", message, office.source, excerpt, *span)


def _organisation(facts: Facts, name: str) -> FactEntity | None:
    found = [e for e in facts.by_name.get(normalise_name(name), []) if e.kind == "organisation"]
    return found[0] if len(found) == 1 else None


def judge_organisations(text: str, offset: int, facts: Facts) -> list[FactFinding]:
    """ "founded in YEAR" next to a pack organisation, and "<Place>-based <Organisation>"."""
    findings = []
    for match in _based().finditer(text) if "-based" in text else ():
        org = _organisation(facts, match.group(2))
        if org is None or org.place is None:
            continue
        place = re.sub(r"^(?:The|A|An) ", "", match.group(1))
        ok = normalise_name(place) == normalise_name(org.place)
        findings.append(
            FactFinding(
                "supported" if ok else "refuted",
                "XRF012",
                f"{org.name} is based in {org.place}",
                org.source,
                f"{org.name}: based in {org.place}",
                offset + match.start(),
                offset + match.end(),
            )
        )
    founded = list(_founded().finditer(text)) if any(w in text for w in _FOUNDED_WORDS) else []
    if len(founded) == 1:
        orgs = {
            o.id: o
            for run in _run().finditer(text)
            if (o := _organisation(facts, run.group(0))) and o.founded
        }
        if len(orgs) == 1:
            org = next(iter(orgs.values()))
            year = int(founded[0].group(1))
            findings.append(
                FactFinding(
                    "supported" if year == org.founded else "refuted",
                    "XRF013",
                    f"{org.name} was founded in {org.founded}",
                    org.source,
                    f"{org.name}: founded {org.founded}",
                    offset + founded[0].start(),
                    offset + founded[0].end(),
                )
            )
    return findings


def variants_present(plain: str, facts: Facts) -> bool:
    """Whether any spelling the pack avoids occurs anywhere in the article: when none does,
    ``variants_in`` finds nothing in any of its statements (asked once per article)."""
    return any(v in plain for v in facts.by_variant)


def variants_in(text: str, offset: int, facts: Facts) -> list[tuple[int, int, FactEntity, str]]:
    """Spellings the pack lists as not the house style, with the entity they belong to."""
    found: list[tuple[int, int, FactEntity, str]] = []
    if len(facts.by_variant) <= 64 and not any(v in text for v in facts.by_variant):
        return found  # a small pack: a substring test is cheaper than tokenising the sentence
    for match in _word().finditer(text):
        entity = facts.by_variant.get(match.group(0))
        if entity is not None:
            found.append((offset + match.start(), offset + match.end(), entity, match.group(0)))
    return found
