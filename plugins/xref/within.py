"""One article against itself, beyond names: where an organisation is based, when an event took
place, and what the headline says against what the body says.

Each check pairs two statements of one article that must agree, and says nothing unless it can
tell that both are about the same thing:

- *Bases* (XRF004): "the Geneva-based ICRC" … "the Zurich-based committee". An organisation is
  the same when its name is the same, when the fact pack makes two names one entity (ICRC /
  International Committee of the Red Cross), or when a lower-case noun ("the committee") is a
  word of exactly one organisation named before it. Two places conflict only when both are
  towns or cities: "London-based" and "UK-based" are both true of one firm, so a country,
  region or abbreviation is never compared.
- *Event dates* (XRF005): "the election on 4 July" … "the 5 July election". The event is a
  definite noun phrase ("the", up to two capitalised words, an event noun) written right before
  "on <date>" or right after "the <date>"; a recurring kind of event (vote, match, hearing)
  needs a name ("the Brussels summit"). Dates are compared only when both give a day.
- *Headline* (XRF006): a figure with a unit in the headline or standfirst (a title statement,
  a standfirst block or front matter), where the body has figures of the same unit, none of
  which agrees with it within the rounding or truncation headlines use ("$16bn" for $16.6bn),
  and one of them stands in a related sentence: one shared content-word stem in the first two
  body sentences (the lead, which the headline summarises), two elsewhere. Hedged headline
  figures ("more than 30") are left alone. Names in the headline are compared by the spelling
  check (XRF001), which reads title statements too.

Everything is a regular-expression pass over the statements plus dictionary grouping: linear in
the article.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from factcheck.plugin import Article, DateMention, Entity, Quantity, Statement

from .factpack import Facts, normalise_name

# --- where organisations are based ---------------------------------------------------------------

_PLACE = r"(?!(?:The|A|An|This|That|Its|His|Her|Their|Our) )[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?"
_ORG = r"[A-Z][\w.&’'-]*(?: (?:of |the |for |and ){0,2}[A-Z][\w.&’'-]*){0,6}"


@functools.cache
def _based() -> re.Pattern[str]:  # compiled on first use: most articles never need it
    return re.compile(rf"(?<![\w-])({_PLACE})-based (?:({_ORG})|([a-z]{{4,}}))")


@functools.cache
def _based_in() -> re.Pattern[str]:  # compiled on first use: most articles never need it
    return re.compile(rf"(?<![\w-])({_ORG}),? (?:which is |is |are )?(?:based|headquartered) in ({_PLACE})\b")


# Countries, regions and other areas that contain towns: a firm can be both "London-based" and
# "UK-based", so these are never compared. Abbreviations (UK, US, EU) are caught by case.
_AREAS = frozenset(
    """britain england scotland wales ireland europe asia africa america americas australia canada
    china india japan russia ukraine france germany italy spain portugal netherlands holland
    belgium switzerland austria sweden norway denmark finland poland greece turkey israel iran
    iraq syria egypt brazil mexico argentina chile korea taiwan singapore pakistan indonesia
    california texas florida virginia ohio georgia carolina massachusetts washington oregon
    michigan illinois pennsylvania jersey arizona colorado nevada yorkshire lancashire kent
    surrey essex midlands cornwall devon ulster scandinavia gulf silicon valley""".split()
)


@dataclass(frozen=True)
class Based:
    """ "<place>-based <organisation>" at ``start``/``end``; ``key`` identifies the organisation."""

    key: str
    name: str
    place: str
    start: int
    end: int


@dataclass(frozen=True)
class Pair:
    """Two passages of one article that should agree and do not: ``now`` is reported."""

    now_start: int
    now_end: int
    now: str
    other_start: int
    other_end: int
    other: str
    subject: str


def _org_key(name: str, facts: Facts | None) -> tuple[str, str]:
    """A key shared by every name of one organisation, and the fullest name known for it."""
    name = re.sub(r"^(?:[Tt]he) ", "", name)
    if facts is not None:
        found = [e for e in facts.by_name.get(normalise_name(name), []) if e.kind == "organisation"]
        if len(found) == 1:
            return "pack:" + found[0].id, found[0].name
    return normalise_name(name), name


def _is_area(place: str) -> bool:
    return place.isupper() or any(w.lower() in _AREAS for w in place.replace("-", " ").split())


def _same_place(a: str, b: str) -> bool:
    a, b = normalise_name(a), normalise_name(b)
    return a == b or a in b or b in a


_Event = tuple[int, str, str, str, int, int]  # (position, "org" or "based", key, value, start, end)


def organisation_bases(plain: str, statements: Iterable[Statement], facts: Facts | None) -> list[Pair]:
    """Organisations given two different towns as their base (see the module docs)."""
    statements = list(statements)
    seen: list[tuple[str, str]] = []  # (key, fullest name) of organisations in text order
    found: list[Based] = []
    placing = [st for st in statements if "based" in st.text or "headquartered" in st.text]
    if len(placing) < 2:
        return []  # a disagreement needs two statements that say where something is based
    placed = {st.id for st in placing}
    organisations = _known_organisations(plain, statements, placing)
    for statement in statements:
        events = _organisation_events(statement, facts)
        if statement.id in placed:
            events += _base_events(plain, statement, facts, seen, organisations)
        for _pos, kind, key, value, start, end in sorted(events):
            if kind == "org":
                seen.append((key, value))
                continue
            full, place = value.split("\0")
            seen.append((key, full))
            found.append(Based(key, full, place, start, end))
    first: dict[str, Based] = {}
    pairs = []
    for based in found:
        if _is_area(based.place):
            continue
        earlier = first.setdefault(based.key, based)
        if earlier is not based and not _same_place(earlier.place, based.place):
            pairs.append(
                Pair(
                    based.start, based.end, based.place, earlier.start, earlier.end, earlier.place, based.name
                )
            )
    return pairs


def _known_organisations(plain: str, statements: list[Statement], placing: list[Statement]) -> set[str]:
    """ "X, based in Y" is compared only for names known as organisations: an organisation entity,
    a fact-pack organisation or a name written after "<Place>-based" somewhere in the article."""
    organisations = {
        normalise_name(e.text) for st in statements for e in st.of_type(Entity) if e.label == "organisation"
    }
    organisations.update(
        _org_key(m.group(2), None)[0]
        for st in placing
        for m in _based().finditer(plain, st.start, st.end)
        if m.group(2)
    )
    return organisations


def _organisation_events(statement: Statement, facts: Facts | None) -> list[_Event]:
    events: list[_Event] = []
    for entity in statement.of_type(Entity):
        if entity.label == "organisation":
            key, full = _org_key(entity.text, facts)
            events.append((entity.start, "org", key, full, entity.start, entity.end))
    return events


def _base_events(
    plain: str,
    statement: Statement,
    facts: Facts | None,
    seen: list[tuple[str, str]],
    organisations: set[str],
) -> list[_Event]:
    """ "<Place>-based <Organisation>" (or "-based <noun>" for the one organisation seen that the
    noun names) and "<Organisation>, based in <Place>" in one statement."""
    events: list[_Event] = []
    for match in _based().finditer(plain, statement.start, statement.end):
        place, org, noun = match.group(1), match.group(2), match.group(3)
        if org:
            key, full = _org_key(org, facts)
        else:
            owners = {k: f for k, f in seen if noun in f.lower().split()}
            if len(owners) != 1:
                continue
            key, full = next(iter(owners.items()))
        events.append((match.start(), "based", key, full + "\0" + place, match.start(), match.end()))
    for match in _based_in().finditer(plain, statement.start, statement.end):
        key, full = _org_key(match.group(1), facts)
        if not key.startswith("pack:") and normalise_name(match.group(1)) not in organisations:
            continue  # "Smith, based in London": only organisations are compared
        place = match.group(2)
        events.append((match.start(), "based", key, full + "\0" + place, match.start(), match.end()))
    return events


# --- when events took place ----------------------------------------------------------------------

# Events that happen once: "the election", "the funeral". Recurring kinds (a vote, a match, a
# hearing, an attack) are compared only with a name before them ("the Brussels summit"): an
# article may well report "the vote on 3 March" and another vote on 5 March.
_ONCE = frozenset(
    """election elections referendum inauguration coronation funeral wedding earthquake invasion
    coup massacre final verdict sentencing premiere""".split()
)
_EVENTS = "|".join(
    sorted(
        _ONCE
        | set(
            """vote ballot primary caucus caucuses summit conference attack bombing explosion blast
            crash shooting raid match game race debate hearing trial ceremony launch concert rally
            protest strike meeting talks""".split()
        ),
        key=len,
        reverse=True,
    )
)


@functools.cache
def _before_date() -> re.Pattern[str]:  # compiled on first use: most articles never need it
    return re.compile(rf"(?<![\w-])[Tt]he ((?:[A-Z][\w’'-]* ){{0,2}})({_EVENTS}) (?:on|of) $")


_WRITTEN_YEAR = re.compile(r"\d{4}|[’']\d{2}\b")
_THE = re.compile(r"(?<![\w-])[Tt]he $")


@functools.cache
def _after_date() -> re.Pattern[str]:  # compiled on first use: most articles never need it
    return re.compile(rf"^[’']?s? ?((?:[A-Z][\w’'-]* ){{0,2}})({_EVENTS})(?![\w-])")


def _day(mention: DateMention) -> tuple[int | None, int, int] | None:
    if mention.day is None or mention.month is None:
        return None
    # only a year as written: one inferred from the publication date is a guess
    year = mention.year if _WRITTEN_YEAR.search(mention.text) else None
    return year, mention.month, mention.day


def _differs(a: tuple[int | None, int, int], b: tuple[int | None, int, int]) -> bool:
    if a[1:] != b[1:]:
        return True
    return a[0] is not None and b[0] is not None and a[0] != b[0]


def event_dates(plain: str, statements: Iterable[Statement]) -> list[Pair]:
    """One event ("the election") given two different days in one article."""
    first: dict[str, tuple[DateMention, tuple[int | None, int, int]]] = {}
    pairs = []
    for statement in statements:
        for mention in statement.of_type(DateMention):
            day = _day(mention)
            if day is None:
                continue
            match = _before_date().search(plain, max(0, mention.start - 60), mention.start)
            if match is None and _THE.search(plain, max(0, mention.start - 4), mention.start):
                match = _after_date().match(plain[mention.end : mention.end + 60])
            if match is None or not (match.group(1) or match.group(2) in _ONCE):
                continue
            event = match.group(1) + match.group(2)
            key = " ".join(event.lower().split())
            earlier = first.setdefault(key, (mention, day))
            if earlier[0] is not mention and _differs(earlier[1], day):
                pairs.append(
                    Pair(
                        mention.start,
                        mention.end,
                        mention.text,
                        earlier[0].start,
                        earlier[0].end,
                        earlier[0].text,
                        "the " + event,
                    )
                )
    return pairs


# --- headline and standfirst against the body ----------------------------------------------------

_CONTENT = re.compile(r"[^\W\d_]{4,}")
_STOP = frozenset(
    "that with from this have will were been they their than more over into after about says said "
    "year years what when which while where would could there these those some also just".split()
)
_COMPARED = frozenset({"count", "money", "percent", "measure"})
MIN_SHARED = 2  # content-word stems a body sentence shares with the headline to be about the same
LEAD = 2  # the first body statements, where one shared stem is enough


@dataclass(frozen=True)
class Headline:
    """A headline figure: its quantity, the headline's content words and where it is written."""

    quantity: Quantity
    words: frozenset[str]
    start: int
    end: int


def _words(text: str, offset: int = 0, quantities: Iterable[Quantity] = ()) -> frozenset[str]:
    """Content-word stems: the first four letters, so "jails" meets "jailed" and "rates" "rate".
    The figures themselves are blanked ("30 people" and "5,000 people" share no subject)."""
    for q in quantities:
        start, end = max(0, q.start - offset), max(0, q.end - offset)
        text = text[:start] + " " * (end - start) + text[end:]
    return frozenset(w.lower()[:4] for w in _CONTENT.findall(text) if w.lower() not in _STOP)


def _is_headline(article: Article, statement: Statement) -> bool:
    if statement.kind == "title":
        return True
    block = article.blocks[statement.block] if 0 <= statement.block < len(article.blocks) else None
    return block is not None and block.kind in ("title", "standfirst")


def _front_matter(article: Article, statements: list[Statement]) -> list[Headline]:
    """Headline figures from front matter (title, standfirst) not already a statement."""
    from factcheck.plugin import extract_quantities

    found = []
    shown = {" ".join(s.text.split()) for s in statements}
    for text in (article.meta.title, article.meta.standfirst):
        if not text or " ".join(text.split()) in shown:
            continue
        at = article.source.find(text)
        quantities = extract_quantities(text)
        words = _words(text, 0, quantities)
        for q in quantities:
            start, end = (at + q.start, at + q.end) if at >= 0 else (0, 0)
            found.append(Headline(q, words, start, end))
    return found


def _agrees(headline: Quantity, body: Quantity) -> bool:
    step = max(headline.precision, body.precision)
    # headlines round ("£3m" for £2.95m) or cut off ("$16bn" for $16.6bn): both agree
    if headline.value - step / 2 - 1e-9 <= body.value < headline.value + step:
        return True
    if headline.high is not None and headline.value <= body.value <= headline.high:
        return True
    # a hedged body figure ("about 30") agrees with a headline within a tenth of it
    return body.approx is not None and abs(headline.value - body.value) <= 0.1 * abs(headline.value)


def headline_figures(article: Article, statements: list[Statement]) -> list[tuple[Headline, Quantity]]:
    """(headline figure, contradicting body figure) pairs; see the module docs."""
    headlines = [
        Headline(q, _words(s.text, s.start, s.of_type(Quantity)), q.start, q.end)
        for s in statements
        if _is_headline(article, s)
        for q in s.of_type(Quantity)
    ]
    headlines.extend(_front_matter(article, statements))
    headlines = [
        h for h in headlines if h.quantity.kind in _COMPARED and h.quantity.unit and h.quantity.approx is None
    ]
    if not headlines:
        return []
    body = [s for s in statements if not _is_headline(article, s)]
    by_unit: dict[tuple[str, str | None], list[tuple[Quantity, frozenset[str], int]]] = defaultdict(list)
    for index, statement in enumerate(body):
        words = _words(statement.text, statement.start, statement.of_type(Quantity))
        # the lead summarises what the headline says: one shared word is enough there
        needed = 1 if index < LEAD else MIN_SHARED
        for q in statement.of_type(Quantity):
            by_unit[(q.kind, q.unit)].append((q, words, needed))
    found = []
    for headline in headlines:
        same = by_unit.get((headline.quantity.kind, headline.quantity.unit), [])
        if not same or any(_agrees(headline.quantity, q) for q, _, _ in same):
            continue
        related = [(len(headline.words & w), q) for q, w, needed in same if len(headline.words & w) >= needed]
        if related:
            found.append((headline, max(related, key=lambda r: r[0])[1]))
    return found


__all__ = ["Headline", "Pair", "event_dates", "headline_figures", "organisation_bases"]
