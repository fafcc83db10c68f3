"""One article against itself: a name spelled two ways.

Spelling. The surnames of people introduced by their full name ("Volodymyr Zelenskiy") are the
reference; every other capitalised word is compared with them. Candidates come from an inverted
index on the first letter, then are scored with rapidfuzz (docs/dependencies.md §4); a pair is a
finding only when ``rapidfuzz.fuzz.ratio`` ≥ the threshold *and* nothing explains the difference: not an
inflection ("Blairs", "Russian"), not another person's surname or first name, not the more
frequent form when neither was introduced. A hyphen that comes and goes ("Gould-Davies" /
"Gould Davies") is the same kind of drift. When a fact pack gives a house spelling, it wins.
The other check on names, one person given two offices, is ``roles``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import chain
from typing import NamedTuple

from factcheck.plugin import Entity, Statement

_UPPER = "A-ZÀ-ÖØ-Þ"
_LOWER = "a-zß-öø-ÿ"
_CAPITALISED = re.compile(
    rf"(?<![\w’'-])[{_UPPER}][{_LOWER}]+(?:[{_UPPER}][{_LOWER}]+)?(?:[-’'][{_UPPER}][{_LOWER}]+)*"
)
_LOWER_WORD = re.compile(rf"(?<![\w’'-])[{_LOWER}]{{4,}}(?![\w-])")
#: A possessive ending ("Blair's", "Davies'"), dropped before names are compared.
POSSESSIVE = re.compile(r"[’']s?$")
_SUFFIXES = ("s", "es", "n", "an", "ian", "ians", "ns", "ese", "ite", "ites", "ism", "ist", "ists", "y")
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


def surname(text: str) -> str:
    """The last word of a name, without a possessive: "Nigel Gould-Davies's" -> "Gould-Davies"."""
    words = POSSESSIVE.sub("", text.strip()).split()
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
    """Mentions whose spelling differs slightly from a surname used elsewhere in the article.

    Linear in the article: the surnames a word may be a slip of are found once per distinct word
    (``_Candidates``), not by comparing every mention with every surname."""
    house = house or {}
    full = people(statements)
    surnames = {surname(e.text) for e in full}
    surnames.discard("")
    given = {w for e in full for w in POSSESSIVE.sub("", e.text).split()[:-1]}
    given_of: dict[str, set[str]] = defaultdict(set)
    for e in full:
        given_of[surname(e.text)].update(POSSESSIVE.sub("", e.text).split()[:-1])
    # _LOWER_WORD words are lower case already (their letters have no capitals).
    lower = set(chain.from_iterable(_LOWER_WORD.findall(plain, s.start, s.end) for s in statements))
    # The capitalised words of each statement by a C-level regex pass; objects (Mention) are made
    # only of the first use of a surname and of the words that have a candidate.
    texts = [_CAPITALISED.findall(plain, s.start, s.end) for s in statements]
    first_use = _first_uses(plain, statements, texts, surnames)
    candidates = _Candidates(surnames, first_use, threshold)
    skip = surnames | given
    flagged = {
        text
        for text in set(chain.from_iterable(texts)) - skip
        if len(text) >= 5 and not text.isupper() and text.lower() not in lower and candidates.of(text)
    }
    issues: list[SpellingIssue] = []
    for statement, found in zip(statements, texts, strict=True):
        if flagged.isdisjoint(found):
            continue
        for match in _CAPITALISED.finditer(plain, statement.start, statement.end):
            if match.group() in flagged:
                issue = _issue(
                    plain,
                    Mention(match.group(), match.start(), match.end()),
                    candidates,
                    first_use,
                    given_of,
                    house,
                )
                if issue is not None:
                    issues.append(issue)
    issues.extend(_hyphen_drift(plain, statements, surnames))
    return issues


def _first_uses(
    plain: str, statements: list[Statement], texts: list[list[str]], surnames: set[str]
) -> dict[str, Mention]:
    """Where each surname is first written (the reference a slip is compared with)."""
    first_use: dict[str, Mention] = {}
    wanted = set(surnames)
    for statement, found in zip(statements, texts, strict=True):
        if wanted.isdisjoint(found):
            continue
        for match in _CAPITALISED.finditer(plain, statement.start, statement.end):
            text = match.group()
            if text in wanted:
                wanted.discard(text)
                first_use[text] = Mention(text, match.start(), match.end())
    return first_use


def _issue(
    plain: str,
    m: Mention,
    candidates: _Candidates,
    first_use: dict[str, Mention],
    given_of: dict[str, set[str]],
    house: dict[str, str],
) -> SpellingIssue | None:
    """The first surname this word is a slip of, unless it is part of another name; when the
    word is the house spelling, the introduction is the slip instead."""
    for name, slip in candidates.of(m.text):
        if _in_other_name(plain, m, given_of[name], slip):
            continue
        if house.get(m.text.lower()) == m.text:  # the variant is the house spelling: the intro is wrong
            return SpellingIssue(first_use[name], m, m.text, True)
        return SpellingIssue(m, first_use[name], name, False)
    return None


class _Candidates:
    """The surnames a capitalised word may be a misspelling of, worked out once per distinct word.

    A candidate has the word's first letter, a length within one of it (five letters at least, both),
    is written somewhere in the article, is not an inflection of it ("Blairs"), and either scores at
    least ``threshold`` (``rapidfuzz.fuzz.ratio``, lower case) or differs by two adjacent letters
    swapped (a ``slip``). Surnames are bucketed by first letter and length, and each word's bucket
    is scored in one ``rapidfuzz.process`` call; candidates come in the order the article first uses
    them."""

    def __init__(self, surnames: set[str], first_use: dict[str, Mention], threshold: float) -> None:
        self.threshold = threshold
        usable = [n for n in surnames if len(n) >= 5 and n in first_use]
        usable.sort(key=lambda n: first_use[n].start)
        self.order = {name: index for index, name in enumerate(usable)}
        self.buckets: dict[tuple[str, int], list[str]] = defaultdict(list)
        for name in usable:
            self.buckets[(name[0].lower(), len(name))].append(name)
        self.known: dict[str, list[tuple[str, bool]]] = {}

    def of(self, text: str) -> list[tuple[str, bool]]:
        found = self.known.get(text)
        if found is None:
            found = self.known[text] = self._work_out(text) if len(text) >= 5 and self.order else []
        return found

    def _work_out(self, text: str) -> list[tuple[str, bool]]:
        from rapidfuzz import fuzz, process  # only for an article with a candidate to score

        letter, size = text[0].lower(), len(text)
        near = [n for length in (size - 1, size, size + 1) for n in self.buckets.get((letter, length), ())]
        near = [n for n in near if not _is_inflection(n, text)]
        if not near:
            return []
        lowered = text.lower()
        scored = process.extract(
            lowered, [n.lower() for n in near], scorer=fuzz.ratio, score_cutoff=self.threshold, limit=None
        )
        passing = {near[index] for _, _, index in scored}
        slips = {n for n in near if len(n) == size and _transposed(text, n)}
        found = [(n, n in slips) for n in near if n in passing or n in slips]
        found.sort(key=lambda pair: self.order[pair[0]])
        return found


def _hyphen_drift(plain: str, statements: list[Statement], surnames: set[str]) -> list[SpellingIssue]:
    """'Gould Davies' where the article introduced 'Gould-Davies' (and only hyphenated names).

    One pass over the statements finds every hyphenated surname's first use and every spaced
    spelling: a zero-width pattern stops wherever any of them starts, and each name is then
    compared there as a literal (non-overlapping, as a search for that name alone would be)."""
    names = sorted(n for n in surnames if "-" in n)
    if not names:
        return []
    spaced_of = {name: name.replace("-", " ") for name in names}
    forms = sorted({*names, *spaced_of.values()}, key=len, reverse=True)
    starts = re.compile(r"(?<![\w-])(?=(?:" + "|".join(re.escape(f) for f in forms) + r")(?![\w-]))")
    by_first: dict[str, list[str]] = defaultdict(list)
    for form in forms:
        by_first[form[0]].append(form)
    first: dict[str, tuple[int, int]] = {}  # name -> its first hyphenated use
    found: dict[str, list[tuple[int, int]]] = defaultdict(list)  # spaced form -> its uses
    for statement in statements:
        free: dict[str, int] = {}  # a form's next possible start (its matches never overlap)
        for hit in starts.finditer(plain, statement.start, statement.end):
            at = hit.start()
            for form in by_first[plain[at]]:
                end = at + len(form)
                if end > statement.end or not plain.startswith(form, at) or at < free.get(form, 0):
                    continue
                if end < statement.end and (plain[end].isalnum() or plain[end] in "_-"):
                    continue
                free[form] = end
                if form in spaced_of:
                    first.setdefault(form, (at, end))
                else:
                    found[form].append((at, end))
    issues = []
    for name in names:
        reference = first.get(name)
        if reference is None:
            continue
        for start, end in found.get(spaced_of[name], ()):
            issues.append(
                SpellingIssue(Mention(plain[start:end], start, end), Mention(name, *reference), name)
            )
    return issues
