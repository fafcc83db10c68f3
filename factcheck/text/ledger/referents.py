"""What a figure counts, read with string operations from the few words around it: the counted
noun ("5,000 *jobs*"), the noun a sum is the amount *of* ("*revenue* of £3bn"), the noun a
bare figure leaves out because the figure before it named it ("There were eight charging
points. There are now 19"), and the verb that acted on a count ("will *close* 85 branches")."""

from __future__ import annotations

import re
from collections.abc import Sequence

from factcheck.model.article import Quantity
from factcheck.text.ledger.entries import Entry
from factcheck.text.ledger.words import (
    INCREMENT_WORDS,
    MODIFIERS,
    OF_BEFORE,
    SCALE_OF,
    SCALE_TOKEN,
    STOP_WORDS,
    VERB_BEFORE,
    VERBISH,
    WORD,
    lemma,
    verb_stem,
)


def written_scale(text: str) -> str | None:
    found = SCALE_TOKEN.search(text)
    if found is None:
        return None
    return SCALE_OF[(found.group(1) or found.group(2)).lower()]


def words_after(plain: str, pos: int, stop: int, limit: int = 4) -> list[str]:
    """Up to ``limit`` words right after ``pos`` (no punctuation or number crossed)."""
    words: list[str] = []
    at = pos
    while len(words) < limit:
        while at < stop and plain[at] in " \t\n-":
            at += 1
        match = WORD.match(plain, at, stop)
        if match is None:
            break
        words.append(match.group())
        at = match.end()
    return words


_OF_LAST_WORDS = frozenset(
    """of was were is are totalled totaled totalling reached at worth to by cost costing rose fell increased
    decreased improved declined dropped climbed grew jumped slipped widened narrowed rise fall increase
    decrease reach hit grow drop climb top exceed down up""".split()
)
_HEDGE_WORDS = frozenset(
    """a an the about around some nearly almost over more than less roughly just approximately
    estimated""".split()
)


def _maybe_of_before(plain: str, pos: int, lo: int) -> bool:
    """A cheap test before :data:`OF_BEFORE`: the last word before the figure (past any hedge)
    must be one of the words that pattern ends with."""
    words = plain[max(lo, pos - 40) : pos].split()
    while words and words[-1].lower() in _HEDGE_WORDS:
        words.pop()
    return bool(words) and words[-1].lower() in _OF_LAST_WORDS


def referent_of(plain: str, q: Quantity, lo: int, hi: int) -> tuple[tuple[str, ...], bool]:
    """What a figure counts (lemmas, head last) and whether it is an increment ("18 more")."""
    counted = _counted_inside(q)
    if counted is not None:
        return counted
    after = words_after(plain, q.end, hi)
    increment = bool(after) and after[0].lower() in INCREMENT_WORDS
    # A compound written with the number ("the 460-home scheme") or the noun right after it.
    if q.kind in ("count", "money", "measure") and plain[q.end : q.end + 1] == "-" and after:
        return (lemma(after[0]),), increment
    if q.kind == "count" and not q.unit:
        # a bare count: "holds 48" (its noun, if any, is the extractor's unit), unless a longer
        # noun phrase ends in a plural the extractor did not reach: "eight public charging points"
        of_its = _of_its_plural(after)
        if of_its is not None:
            return of_its, increment  # "will close 41 of its shops"
        nouns = _bare_count_nouns(after)
    else:
        nouns = _nouns_after(after)
    if nouns and (nouns[0].endswith(("ed", "ing")) or nouns[0] in VERBISH):
        nouns = []  # "$5m raised", "£3bn spending on", "$3.7bn rose": a verb, not a noun
    if not nouns and q.kind in ("measure", "money") and after and after[0].lower() == "of":
        nouns = _amount_of(after)
    if q.kind in ("money", "measure", "percent"):
        before = _named_before(plain, q, lo)
        if before is not None:
            return before, increment
    if nouns and q.kind in ("money", "measure", "count"):
        found = tuple(lemma(n) for n in nouns)
        return ((), increment) if found[-1] in _PLACEHOLDERS else (found, increment)
    return (), increment


def _counted_inside(q: Quantity) -> tuple[tuple[str, ...], bool] | None:
    """A count whose noun the extractor read with it ("5,000 jobs", "18 more clinics"): the
    nouns inside its text, and whether an increment word is among them; ``None`` otherwise."""
    inside = [
        w
        for w in WORD.findall(q.text)
        if w.lower() not in STOP_WORDS and w.lower() not in SCALE_OF and w.lower() not in _NUMBER_WORDS
    ]
    if not (q.kind == "count" and q.unit):
        return None
    words = [w.lower() for w in inside if w.lower() not in INCREMENT_WORDS]
    increment = any(w.lower() in INCREMENT_WORDS for w in inside)
    if not words:
        return None
    return tuple(lemma(w) for w in words if w not in MODIFIERS) or (lemma(words[-1]),), increment


def _nouns_after(after: Sequence[str]) -> list[str]:
    """Up to two lower-case nouns right after a figure, past increment words and modifiers,
    stopping at a stop word, an adverb, a name or the verb after the noun."""
    nouns: list[str] = []
    for word in after:
        low = word.lower()
        if low in INCREMENT_WORDS or low in MODIFIERS:
            if nouns:
                break
            continue
        if low in STOP_WORDS or low.endswith("ly") or not word.islower():
            break
        if nouns and (low.endswith("ed") or low in VERBISH):
            break  # "the £870m deal showed": the verb after the noun
        nouns.append(low)
        if len(nouns) == 2:
            break
    return nouns


def _of_its_plural(after: Sequence[str]) -> tuple[str, ...] | None:
    """ "41 of its shops": the plural after "of" and a determiner, when a bare count has one."""
    if (
        len(after) >= 3
        and after[0].lower() == "of"
        and after[1].lower() in ("its", "their", "the", "his", "her", "our", "these", "those")
        and after[2].islower()
        and after[2].endswith("s")
        and after[2].lower() not in STOP_WORDS
    ):
        return (lemma(after[2]),)
    return None


def _bare_count_nouns(after: Sequence[str]) -> list[str]:
    """The noun phrase of a bare count, when it ends in a plural within three words: "eight
    public charging points", "seven more branches"; else none."""
    start = 1 if after and after[0].lower() in INCREMENT_WORDS else 0  # "seven more branches"
    after = after[start:]
    words = [w.lower() for w in after[:3]]
    nouns: list[str] = []
    if len(words) == 1 and start and words[0].endswith("s") and after[0].islower():
        nouns = [words[0]]
    for k in range(1, len(words)):
        head = words[k]
        if any(
            w in STOP_WORDS or not w.isalpha() or w in VERBISH or w.endswith("ly") for w in words[: k + 1]
        ):
            break
        if head.endswith("s") and not head.endswith(("ss", "us", "is")) and not after[k][0].isupper():
            if all(after[i].islower() for i in range(k + 1)):
                nouns = [w for w in words[: k + 1] if w not in MODIFIERS]
            break
    return nouns


def _amount_of(after: Sequence[str]) -> list[str]:
    """What an amount is of: "9,500 tonnes of plastic packaging", "£3bn of debt" (not "of the
    ...": "£3bn of the budget" is a part of something named elsewhere)."""
    nouns: list[str] = []
    for word in after[1:3]:
        low = word.lower()
        if low in STOP_WORDS or low.endswith("ly") or not word.islower() or low in VERBISH:
            break
        nouns.append(low)
    return nouns


def _named_before(plain: str, q: Quantity, lo: int) -> tuple[str, ...] | None:
    """The noun a sum, measure or share is the amount of, written before it ("*revenue* of
    £3bn", "Borrowing figures for 2003/4 are £35bn"); ``()`` when that noun only stands for
    something counted elsewhere ("the figure was"), ``None`` when nothing before names it."""
    if not _maybe_of_before(plain, q.start, lo):
        return None
    before = OF_BEFORE.search(plain, max(lo, q.start - 60), q.start)
    if before is None or before["noun"].lower() in STOP_WORDS or before["noun"].lower() in VERBISH:
        return None
    noun = lemma(before["noun"])
    if noun not in _PLACEHOLDERS:
        return (noun,)
    pre = (before["pre"] or "").lower()
    if pre and pre not in STOP_WORDS and pre not in VERBISH and not pre.endswith("ly"):
        return (lemma(pre),)  # "Borrowing figures for 2003/4 are £35bn"
    return ()


# "Last year the figure was 27,800 tonnes": nouns that stand for whatever was counted before.
_PLACEHOLDERS = frozenset("figure total number tally count amount level sum equivalent".split())
_NUMBER_WORDS = frozenset(
    """one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen
    sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred
    dozen""".split()
)
# Verbs that leave a bare figure counting what the figure before it counted.
_LINKING_VERBS = frozenset(
    "was were is are be been being had has have reached totalled totaled stood now".split()
)
# Words after which a bare number is not an amount of anything counted before it.
_NOT_ELIDED_BEFORE = re.compile(
    r"\b(?:aged|age|ages|No\.?|number|page|room|route|flight|chapter|platform|junction|gate|"
    r"seat|row|level|grade|size|version|article|section|clause|rule|round|stage|game|match|score)\s+$",
    re.I,
)


def elided_referent(
    entries: Sequence[Entry], e: Entry, spans: Sequence[tuple[int, int, int]], plain: str
) -> tuple[str, ...]:
    """What a bare figure counts when the copy leaves its noun out because the figure before it
    named it: "There were eight charging points. There are now 19"; "The previous year's total was
    6,200". Read from the figures of the same kind and unit earlier in the same statement or in
    the one before; only when they all count one thing."""
    if e.referent or e.kind not in ("count", "money", "measure") or (e.kind == "count" and e.unit):
        return ()
    lo = spans[e.statement][0]
    if _NOT_ELIDED_BEFORE.search(plain, max(lo, e.start - 12), e.start):
        return ()
    if re.match(r"\s*(?:-|per\b|%|years?\b)", plain[e.end : e.end + 12]):
        return ()
    before = [
        x for x in entries[: e.index]
        if e.statement - 1 <= x.statement <= e.statement and x.kind == e.kind
        and (x.unit == e.unit or (e.kind == "count" and x.unit is not None))
    ]  # fmt: skip
    named = [x for x in before if x.referent]
    if not named:
        return ()
    heads = {x.referent[-1] for x in named}
    if len(heads) != 1:
        return ()
    last = named[-1]
    if (
        e.kind == "money"
        and e.action
        and e.action not in _LINKING_VERBS
        and verb_stem(e.action) != verb_stem(last.action or "")
    ):
        return ()  # "earnings were 77m euros ... fined 11m euros": a verb of its own, another sum
    return last.referent


def action_of(plain: str, q: Quantity, lo: int) -> str | None:
    found = VERB_BEFORE.search(plain, max(lo, q.start - 40), q.start)
    if found is None:
        return None
    verb = found["verb"].lower()
    return None if verb in STOP_WORDS or len(verb) < 3 else verb
