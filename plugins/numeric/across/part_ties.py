"""How the copy ties a whole to the parts that follow it ("Of the total", "the remaining",
"made up of", "in two tranches", a repeated verb, a list with "and"). Without such a tie
figures after a total are not its parts, so ``parts`` asks here first."""

from __future__ import annotations

import re

from factcheck.plugin import Ledger

from .figures import OF_TOTAL, REMAINING_BEFORE, Entry, lemma_of, verb_root

_TOTAL_BEFORE = re.compile(
    r"\b(?:totall?ing|totall?ed|totals|a\s+total\s+of|total\s+of|in\s+all|altogether|combined|"
    r"(?:all|every)(?:\s+of\s+(?:the|its|their))?)\s+(?:(?:about|some|an\s+estimated|the|its|their)\s+)?$",
    re.IGNORECASE,
)
_TOTAL_AFTER = re.compile(r",?\s+(?:in\s+total|in\s+all|altogether|all\s+told)\b", re.IGNORECASE)
_NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
_COUNT_AFTER = re.compile(
    r"(?:\s+of\s+[a-z]+(?:\s+[a-z]+)?)?\s+in\s+(?P<n>two|three|four|five|six|[2-6])\s+"
    r"(?:tranches|parts|instalments|installments|stages|phases|payments|portions|lots|batches|shipments|cargoes)\b",
    re.IGNORECASE,
)
_COUNT_BEFORE = re.compile(
    r"\b(?P<n>two|three|four|five|six|[2-6])\s+(?:[a-z]+\s+){0,2}?[a-z]+s\b[^.;\d]{0,40}?"
    r"(?:totall?ing|for\s+a\s+total\s+of|worth\s+a\s+total\s+of|with\s+a\s+total\s+of)\s+"
    r"(?:(?:about|some|an\s+estimated)\s+)?$",
    re.IGNORECASE,
)
_COUNT_SPLIT = re.compile(
    r"\b(?:go\s+on|goes\s+on|be\s+spent\s+on|be\s+split\s+(?:between|among|into)|be\s+shared\s+"
    r"(?:between|among)|be\s+divided\s+(?:between|among|into)|pay\s+for|fund)\s+"
    r"(?P<n>two|three|four|five|six|[2-6])\s+(?:[a-z]+\s+){0,2}?[a-z]+s\b",
    re.IGNORECASE,
)
_PARTS_COUNT = re.compile(
    r"\b(?P<n>two|three|four|five|six|[2-6])\s+(?:(?:main|separate|big|major|new|key)\s+)?(?P<noun>[a-z]+s)\b",
    re.I,
)
# "It was made up of $250m ...", "The business ... comprised 20,000 tonnes ...", "These
# included ...", "The investment includes ...": the parts' sentence says it is the whole, split.
_COMPOSED = re.compile(
    r"\W*(?:(?:it|this|that|they)\s+|(?:the\s+)?[a-z]+(?:\s+[a-z]+){0,3}?\s+(?:[^.;:\d]{0,40}?\s+and\s+)?)"
    r"(?:(?:was|were|is|are|will\s+be|would\s+be|has\s+been|had\s+been)\s+)?"
    r"(?:(?:comprised|made\s+up|split|divided|broken\s+down)\s*(?:of|between|into|among|as)?|"
    r"consist(?:s|ed)?\s+of|comprise[sd]?|comprising)\b",
    re.IGNORECASE,
)
# "These included ...", "This includes ...": some of the parts, perhaps not all of them.
_INCLUDED = re.compile(r"\W*(?:these|this|it|they)\s+(?:include[sd]?|included)\b", re.IGNORECASE)
EVERY_MEMBER = re.compile(
    r"\b(?:every|each|all)\s+(?:\w+\s+)?(?:member|councillor|seat|race|MP|senator|representative|delegate|"
    r"director|shareholder)s?\b[^.;]{0,30}\b(?:present|voted|decided|declared|called|cast|counted)\b|"
    r"\bfull\s+turnout\b|\bnobody\s+was\s+absent\b",
    re.IGNORECASE,
)
VOTE = re.compile(
    r"\b(?:backed|supported|voted|opposed|against|abstained|for|in\s+favour|in\s+favor|rejected|approved)\b",
    re.IGNORECASE,
)


def tied_parts(ledger: Ledger, total: Entry, later: list[Entry]) -> tuple[list[Entry], str] | None:
    """The parts of ``total`` among the figures after it, and how the copy ties them. The ties
    are tried from the most explicit ("Of the total", "the remaining", "in two tranches") to the
    loosest (a list with "and" right after the whole); the first that holds decides."""
    plain = ledger.plain
    first = later[0]
    opener_lo = ledger.statement_spans[first.statement][0]
    remaining = [
        k
        for k, e in enumerate(later)
        if k >= 1
        and REMAINING_BEFORE.search(plain, max(ledger.statement_spans[e.statement][0], e.start - 40), e.start)
    ]
    if OF_TOTAL.match(plain, opener_lo, first.start):
        return (later[: remaining[0] + 1] if remaining else _same_run(ledger, later)), "opened"
    if remaining:
        return _closed_parts(ledger, later, remaining[0])
    count = _parts_count(ledger, total, first.statement)
    if count is not None:
        return (later[:count], "counted") if len(later) >= count else None
    return _described_parts(ledger, total, later) or _listed_parts(ledger, total, later)


def _closed_parts(ledger: Ledger, later: list[Entry], closing: int) -> tuple[list[Entry], str] | None:
    """The parts up to the one "the remaining" or "the rest" closes, unless more figures follow it
    in its sentence (then it is not the last part)."""
    closer = later[closing]
    if any(
        ledger.same_sentence(e.statement, closer.statement) and e.index > closer.index
        for e in later[closing + 1 :]
    ):
        return None  # "hold his 39 ... pick up the remaining 160 ... still need 159": not the last part
    return later[: closing + 1], "closed"


def _described_parts(ledger: Ledger, total: Entry, later: list[Entry]) -> tuple[list[Entry], str] | None:
    """Parts the copy describes as such: "It was made up of ...", "These included ...", "180 mln
    dlrs of the hike", or the whole's verb repeated over a list ("will offer ... will offer")."""
    plain = ledger.plain
    first = later[0]
    opener_lo = ledger.statement_spans[first.statement][0]
    if _COMPOSED.match(plain, opener_lo, first.start):
        return _same_run(ledger, later), "composed"
    if _INCLUDED.match(plain, opener_lo, first.start):
        return _same_run(ledger, later, continuing=True), "included"
    part_of = re.match(
        r"\s+of\s+(?:the|this|that)\s+(?P<noun>[a-z]+)\b", plain[first.end : first.end + 30], re.I
    )
    if part_of and total.referent and lemma_of(part_of["noun"]) in (total.referent[-1], total.head):
        return _same_run(ledger, later), "part of"  # "found 180 mln dlrs of the hike was ..."
    if _same_verb(ledger, total, later):
        return _same_run(ledger, later), "same verb"
    return None


def _listed_parts(ledger: Ledger, total: Entry, later: list[Entry]) -> tuple[list[Entry], str] | None:
    """Parts the copy lists without saying so: a vote or count said to be complete ("Every
    member was present"), parts that name the total's thing after "totalling", or a list with
    "and" in the very next statement after a whole with a referent."""
    plain = ledger.plain
    first = later[0]
    totalled = _TOTAL_BEFORE.search(plain, max(0, total.start - 30), total.start) or _TOTAL_AFTER.match(
        plain, total.end
    )
    run = _same_run(ledger, later)
    if EVERY_MEMBER.search(ledger.sentence_text(first.statement)) or (
        first.statement + 1 < len(ledger.statement_spans)
        and EVERY_MEMBER.search(ledger.statement_text(first.statement + 1))
    ):
        if VOTE.search(ledger.sentence_text(first.statement)) or totalled:
            return run, "complete"
    if totalled and total.referent:
        named = [e for e in later if e.referent and ledger.link(e, total) in ("same", "synonym")]
        if len(named) >= 2 and named == later[: len(named)]:
            return named, "named"
    if first.statement == total.statement + 1 and len(run) >= 3 and total.referent:
        gap = plain[run[-2].end : run[-1].start]
        if re.search(r"\band\b", gap) and all(not e.referent or ledger.link(e, total) == "same" for e in run):
            if any(ledger.link(e, total) == "same" for e in run) or total.kind == "count":
                return run, "listed"
    return None


# Verbs of handing out or taking in a sum in parts: "will offer 150 mln dlrs ... will offer 75 mln
# dlrs of notes and 75 mln dlrs of debentures"; "will receive 600 mln ... corn producers will
# receive 515 mln and sorghum producers 85 mln". (Not "cost" or "be worth": those compare.)
_SHARING_VERBS = frozenset(
    verb_root(v)
    for v in """offer sell issue receive raise spend allocate provide pay borrow lend invest award grant
    distribute ship export import buy purchase place allot""".split()
)


def _same_verb(ledger: Ledger, total: Entry, later: list[Entry]) -> bool:
    """ "will offer 150 mln dlrs of debt securities. The company will offer 75 mln dlrs of notes
    ... and 75 mln dlrs of debentures": the next sentence repeats the whole's verb and lists the
    parts with "and"."""
    first = later[0]
    if not total.action or verb_root(total.action) not in _SHARING_VERBS:
        return False
    if any(e.increment or e.value >= total.value for e in later[:2]):
        return False  # "a further 135 mln stg and 30 mln stg": more, not parts
    nxt = total.statement + 1
    while nxt < len(ledger.statement_spans) and ledger.same_sentence(nxt, total.statement):
        nxt += 1
    if not ledger.same_sentence(first.statement, nxt):
        return False
    run = _same_run(ledger, later)
    if len(run) < 2 or not re.search(r"\band\b", ledger.plain[run[-2].end : run[-1].start]):
        return False
    return first.action is not None and verb_root(first.action) == verb_root(total.action)


def _same_run(ledger: Ledger, later: list[Entry], continuing: bool = False) -> list[Entry]:
    """The parts in the first statement that has any, up to the one after "and" that closes the
    list; with ``continuing``, also those of the statements right after it that go on listing
    ("Liftings ... fell to 4.15 mln tons ...")."""
    first = later[0].statement
    run = [e for e in later if ledger.same_sentence(e.statement, first)]
    for k in range(1, len(run)):
        if re.search(r"\band\b", ledger.plain[run[k - 1].end : run[k].start]):
            run = run[: k + 1]  # "75 mln dlrs of notes and 75 mln dlrs of debentures" (then other sums)
            break
    closed = len(run) > 1 and re.search(r"\band\b", ledger.plain[run[-2].end : run[-1].start]) is not None
    if continuing and not closed:

        def number(k: int) -> int:
            return ledger.sentences[k] if ledger.sentences else k

        last = max(number(e.statement) for e in run)
        for e in later[len(run) :]:
            if number(e.statement) > last + 1:
                break  # the list goes on in the next sentence at most
            if _TOTAL_BEFORE.search(ledger.plain, max(0, e.start - 30), e.start):
                break
            closing = re.search(r"\band\b", ledger.plain[run[-1].end : e.start]) is not None
            run.append(e)
            last = number(e.statement)
            if closing:
                break  # "... and those from the Gulf to other areas dropped to 1.2 mln tons"
    return run


def _parts_count(ledger: Ledger, total: Entry, first_part: int) -> int | None:
    """ "in two tranches", "two shipments of maize, totalling", "will go on three main projects"
    (in the whole's sentence, or a later one before the parts that is about the whole: "The
    money ... will go on three main projects")."""
    texts = [ledger.sentence_text(total.statement)]
    for nxt in range(total.statement + 1, first_part + 1):
        if ledger.same_sentence(nxt, total.statement):
            continue
        if re.match(
            r"\W*(?:the\s+(?:money|total|sum|fund|funding|programme|program|package|budget|deal|plan|"
            r"investment|cash)|it|this)\b",
            ledger.statement_text(nxt),
            re.IGNORECASE,
        ):
            texts.append(ledger.sentence_text(nxt))
    plain = ledger.plain
    found = set()
    tied = [
        _COUNT_AFTER.match(plain, total.end),  # "400 mln dlrs of bonds in two tranches"
        # "two shipments of maize, totalling 60,000 tonnes", "two offerings for a total of"
        _COUNT_BEFORE.search(plain, max(0, total.start - 80), total.start),
    ]
    for m in tied:
        if m is not None:
            found.add(_NUMBER_WORDS.get(m["n"].lower()) or int(m["n"]))
    for text in texts[1:]:  # "The money ... will go on three main projects"
        for m in _COUNT_SPLIT.finditer(text):
            found.add(_NUMBER_WORDS.get(m["n"].lower()) or int(m["n"]))
    return found.pop() if len(found) == 1 else None
