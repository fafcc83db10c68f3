"""The same count stated twice with different values ("1,200 jobs" … "the 1,500 job cuts").

Articles count many different things with the same noun, so two different numbers of "people"
are normally no contradiction. Two cases are tight enough to report: a *definite back-reference*
("the 1,500 job cuts") to a thing the article counted once before with a different value, and a
*headline* count that the body states, once and only once, differently. Everything else is left
alone, and so are the back-references that real copy showed to be innocent: a value the article
wrote before in another form ("500 of its patents" … "the 500 patents"), a spelled-out small
set ("the two countries"), a compound ("two-child families") and a figure set against another
("above the 1,736 cars sold a year ago").
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from factcheck.plugin import Quantity, Statement

from .arith import figure_interval
from .checks import Check, part

_DEFINITE = re.compile(r"\b(?:the|these|those)\s+$", re.IGNORECASE)  # not "all 81 counts"
# "above the 1,736 cars sold a year ago": a definite figure set against another is a different one.
_COMPARED = re.compile(
    r"\b(?:above|below|than|from|with|versus|vs\.?|against|over|under|on|to|beyond)\s+(?:the|these|those|all)\s+$",
    re.IGNORECASE,
)
# "the 3,400 job cuts announced across the group over the previous two years": a back-reference
# that names its own scope or time is a different set, not a restatement.
OWN_SCOPE = re.compile(
    r"[^\S\n]+(?:announced|made|planned|already|so\s+far|since|across|earlier|previously|in\s+(?:19|20)\d\d|"
    r"last\s+year|over\s+the\s+(?:previous|past|last))\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[a-z]+")
_SCALE = frozenset("million billion thousand trillion mln bn bln m k".split())
# Nouns too general to identify what is counted ("the 20 people" may be anyone).
_GENERIC = frozenset(
    "people person time times year years day days month months week weeks thing things way ways "
    "part parts one ones point points case cases member members other others man men woman women "
    "series model models".split()
)


def _key(plain: str, q: Quantity) -> str | None:
    """What a count counts, as a stem of the first noun after it: "jobs" and "job cuts" -> "job"."""
    if q.kind != "count" or q.unit is None or q.approx or q.high is not None or q.value < 2 or q.spelled:
        return None  # "the two countries", "the three group winners": a pair or set named earlier
    if plain[q.end : q.end + 1] == "-" or re.search(r"\d-$", plain[max(0, q.start - 2) : q.start]):
        return None  # "two-child families", "747-400": a compound, not a count
    # The unit is the counted noun, but the word written right after the number is the better
    # key ("1,500 job cuts": unit "cuts", first word "job").
    words = [w for w in _WORD.findall(q.text.lower()) if w not in _SCALE]
    word = q.unit.lower() if q.spelled or not words else words[0]
    stem = word[:-1] if word.endswith("s") and not word.endswith("ss") else word
    return None if word in _GENERIC or stem in _GENERIC or len(stem) < 3 else stem


def repeat_checks(plain: str, statements: Sequence[Statement]) -> Iterator[tuple[str, Check]]:
    """NUM006 checks, each with the id of the statement that holds the later mention."""
    seen: dict[str, list[Quantity]] = {}
    title_counts: dict[str, Quantity] = {}
    body: dict[str, list[tuple[str, Quantity]]] = {}
    written: set[float] = set()  # every value written so far, whatever the extractor keyed it as
    for statement in statements:
        for q in sorted(statement.of_type(Quantity), key=lambda x: x.start):
            key = _key(plain, q)
            known = q.value in written
            written.add(q.value)
            if key is None:
                continue
            if statement.kind == "title":
                title_counts.setdefault(key, q)
                continue
            body.setdefault(key, []).append((statement.id, q))
            earlier = seen.setdefault(key, [])
            if (
                not known  # "the 500 patents" after "500 of its software patents"
                and _DEFINITE.search(plain, max(0, q.start - 8), q.start)
                and not _COMPARED.search(plain, max(0, q.start - 20), q.start)
                and not OWN_SCOPE.match(plain, q.end)
            ):
                values = {e.value for e in earlier}
                if len(values) == 1 and q.value not in values and _apart(earlier[0], q):
                    yield statement.id, _check(earlier[0], q, "earlier mention")
            earlier.append(q)
    for key, head in title_counts.items():
        mentions = body.get(key, [])
        values = {q.value for _, q in mentions}
        if len(values) == 1 and head.value not in values and _apart(head, mentions[0][1]):
            statement_id, q = mentions[0]
            if _other_act(plain, head, q):
                continue  # "to close 14 shops" (headline) ... "will keep 52 shops open": another act
            yield statement_id, _check(head, q, "headline")


_VERB_BEFORE = re.compile(
    r"\b(?P<verb>[a-z]+)\s+(?:(?:a|an|the|its|their|some|about|around|nearly|almost|over|up\s+to|"
    r"more\s+than)\s+)*$",
    re.IGNORECASE,
)
_NOT_VERBS = frozenset(
    "of in on at for by from with to and or but than as the a an its their his her our is are was were be "
    "been has have had will would could should may might".split()
)


def _other_act(plain: str, head: Quantity, body: Quantity) -> bool:
    """Whether the two counts are the objects of two different verbs ("close" / "keep")."""
    verbs = []
    for q in (head, body):
        found = _VERB_BEFORE.search(plain, max(0, q.start - 30), q.start)
        verb = found["verb"].lower() if found else ""
        verbs.append("" if verb in _NOT_VERBS or verb.isdigit() else verb)
    a, b = verbs
    return bool(a) and bool(b) and not same_act(a, b)


# Verbs that name one act on a count in news copy: "axe 690 posts" / "cut 960 posts".
_ACTS = (
    frozenset("cut axe shed slash scrap lose close shut eliminate remove drop lay end".split()),
    frozenset("create add hire recruit open build".split()),
)


def same_act(a: str, b: str) -> bool:
    """Whether two verbs name the same act ("axe"/"cutting"), by root or by group."""
    ra, rb = _root(a.lower()), _root(b.lower())
    if ra == rb:
        return True
    return any(any(ra == _root(v) for v in group) and any(rb == _root(v) for v in group) for group in _ACTS)


def _root(verb: str) -> str:
    for suffix in ("ing", "ed", "es", "s", "e"):
        if verb.endswith(suffix) and len(verb) - len(suffix) >= 2:
            return verb[: -len(suffix)]
    return verb


def _apart(a: Quantity, b: Quantity) -> bool:
    x, y = figure_interval(a), figure_interval(b)
    return x.distance(y) > 0


def _check(first: Quantity, later: Quantity, where: str) -> Check:
    detail = f"'{later.text}' here, but '{first.text}' in the {where}"
    note = f"{later.value:g} ≠ {first.value:g}"
    return Check("NUM006", False, detail, note, (part(later, "this mention"), part(first, where)))
