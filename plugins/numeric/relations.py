"""Relations between the figures of one sentence: changes, multiples, shares and totals.

Each parser looks for a *claimed* result (a stated percentage, "doubled", "a third") and the
operands the same sentence gives for it, tied together by the small words news copy uses:
"from X to Y", "to Y from X", "Y, up P% on last year's X", "A, or P% of the B", "A of the B, or
P%", "Of the N members, a …, b … and c …". Only tight, local patterns count: where the operands
are not unmistakably there, the parser returns nothing rather than guess (a false alarm costs an
editor's trust). Every regex here is anchored to a bounded window next to a quantity, so the work
per sentence is linear in its length.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from factcheck.plugin import Quantity

from .arith import (
    Interval,
    claim_interval,
    clearly_apart,
    figure_interval,
    fmt_percent,
    percent_change,
    ratio,
)
from .checks import Check, part

_UP = (
    r"rose|risen|rises|rise|rising|increased|increases|increase|increasing|up|grew|grown|grows|growing|"
    r"gained|gains|gain|jumped|jumps|jump|climbed|climbs|climb|surged|surges|surge|soared|soars|"
    r"advanced|advances|higher|boosted|raised|growth|hike|hiked|expanded|expansion|rebounded|leapt|leaped"
)
_DOWN = (
    r"fell|falls|fallen|falling|fall|down|dropped|drops|drop|declined|declines|decline|decreased|"
    r"decreases|decrease|slumped|slumps|slump|plunged|plunges|plunge|lost|loses|cut|cuts|slid|slips|"
    r"slipped|shed|dipped|dips|dip|tumbled|lower|shrank|shrunk|shrinks|contracted|eased|eases|sank|"
    r"reduced|reduction|declining|dropping|slashed|lowered"
)
_CUE_BEFORE = re.compile(
    rf"\b(?:(?P<verb>{_UP}|{_DOWN})(?:\s+by)?|an?\s+(?:\w+\s+)?(?P<noun>{_UP}|{_DOWN})\s+of)\s+$",
    re.IGNORECASE,
)
_CUE_AFTER = re.compile(
    rf"^[\s-]+(?:(?:year-on-year|annual|overall)\s+)?(?P<noun>{_UP}|{_DOWN})\b", re.IGNORECASE
)
_DOWN_WORDS = frozenset(_DOWN.split("|"))
_DET = (
    r"the|a|an|its|their|his|her|our|this|that|these|those|all|total|last|previous|prior|year's|"
    r"year’s|month's|month’s|quarter's|quarter’s|week's|week’s|year-earlier|year-ago|year\s+earlier|"
    r"revised|restated|original|initial|record|new|high|low|total\s+of|level\s+of|just|only"
)
_OLD_BEFORE = re.compile(
    rf"\b(?:from|on|against|compared\s+(?:with|to)|versus|vs\.?)\s+(?:(?:{_DET})\s+){{0,3}}$", re.IGNORECASE
)
_NEW_BEFORE = re.compile(rf"\bto\s+(?:(?:{_DET})\s+){{0,3}}$", re.IGNORECASE)
_HEDGE_BEFORE = re.compile(
    r"\b(?P<h>more\s+than|over|nearly|almost|about|roughly|around|just\s+over|just\s+under|less\s+than|"
    r"some|at\s+least|well\s+over)\s+$",
    re.IGNORECASE,
)
_OF_WHOLE = re.compile(
    r"^\s+(?:of|out\s+of)\s+(?:(?:the|its|their|his|her|our|this|that|these|those|all|a|an|total|overall|"
    r"entire|whole|estimated|combined)\s+){0,3}$",
    re.IGNORECASE,
)
_OR_BEFORE = re.compile(
    r"^\s*(?:,\s*|\(\s*|\s[–—-]\s*)(?:or\s+|about\s+|some\s+|roughly\s+|nearly\s+|almost\s+|around\s+|"
    r"representing\s+|equal\s+to\s+|accounting\s+for\s+)?$",
    re.IGNORECASE,
)
_OPEN_LIST = re.compile(r"^\W*(?:of|out\s+of)\s+(?:the|its|their|these|those)\s+$", re.IGNORECASE)
_REMAINING = re.compile(r"\b(?:the\s+)?(?:remaining|rest|other)\s+(?:\w+\s+)?$", re.IGNORECASE)
_AND_BEFORE = re.compile(r"\b(?:and|while|with)\s+(?:the\s+)?(?:remaining\s+|other\s+)?$", re.IGNORECASE)
_NUMBERY = re.compile(r"\d")

_FIGURE_KINDS = frozenset({"count", "money", "measure"})


def _compatible(a: Quantity, b: Quantity) -> bool:
    """Two operands measure the same thing: same kind and unit, or bare counts."""
    if a.high is not None or b.high is not None:
        return False
    if a.kind == "percent" and b.kind == "percent":
        return a.unit == b.unit == "percent"
    if a.kind not in _FIGURE_KINDS or b.kind not in _FIGURE_KINDS:
        return False
    if a.kind == "count" and b.kind == "count":
        return True
    if (a.kind == "count" and a.unit is None) or (b.kind == "count" and b.unit is None):
        return True  # "from 700 to 900 pence": the bare figure shares the other's unit
    return a.kind == b.kind and a.unit == b.unit


def _plausible(a: Quantity, b: Quantity) -> bool:
    """Reject operands of wildly different size: usually a scale the extractor could not carry
    ("from 3 to 3.6 million") or two unrelated numbers."""
    lo, hi = sorted((abs(a.value), abs(b.value)))
    return lo > 0 and hi / lo <= 50


def _hedge(plain: str, q: Quantity) -> str | None:
    found = _HEDGE_BEFORE.search(plain, max(0, q.start - 14), q.start)
    return re.sub(r"\s+", " ", found["h"].lower()) if found else None


_CLAUSE_BREAK = re.compile(r";|\b(?:while|but|whereas|although|though|and)\b", re.IGNORECASE)
_APPOSITION = re.compile(r"^\s*(?:,|\(|–|—|-)")


def _tight(gap: str, limit: int) -> bool:
    """A gap inside one clause: short, and no clause break ("while", "but", ";") in it."""
    return len(gap) <= limit and not _CLAUSE_BREAK.search(gap) and not _NUMBERY.search(gap)


def _ends(pattern: re.Pattern[str], plain: str, end: int) -> bool:
    return pattern.search(plain, max(0, end - 60), end) is not None


def _operands(plain: str, qs: Sequence[Quantity], i: int) -> tuple[Quantity, Quantity] | None:
    """The old and new figures of the claim ``qs[i]``, which must sit next to it in one of the
    shapes news copy uses: "rose P% from X to Y", "rose P% to Y from X", "from X to Y, up P%",
    "to Y from X, up P%", "Y, up P% on (last year's) X". Nothing looser is read."""
    claim = qs[i]
    found: tuple[Quantity, Quantity] | None = None
    if i + 2 < len(qs) and _tight(plain[claim.end : qs[i + 1].start], 40):
        a, b = qs[i + 1], qs[i + 2]
        if _tight(plain[a.end : b.start], 30):
            if _ends(_OLD_BEFORE, plain, a.start) and _ends(_NEW_BEFORE, plain, b.start):
                found = a, b
            elif _ends(_NEW_BEFORE, plain, a.start) and _ends(_OLD_BEFORE, plain, b.start):
                found = b, a
    if found is None and i >= 2 and _tight(plain[qs[i - 1].end : claim.start], 30):
        a, b = qs[i - 2], qs[i - 1]
        if _tight(plain[a.end : b.start], 30):
            if _ends(_OLD_BEFORE, plain, a.start) and _ends(_NEW_BEFORE, plain, b.start):
                found = a, b
            elif _ends(_NEW_BEFORE, plain, a.start) and _ends(_OLD_BEFORE, plain, b.start):
                found = b, a
    if found is None and 1 <= i < len(qs) - 1:
        new, old = qs[i - 1], qs[i + 1]
        before, after = plain[new.end : claim.start], plain[claim.end : old.start]
        if (
            _tight(before, 20)
            and _APPOSITION.match(before)
            and _tight(after, 40)
            and _ends(_OLD_BEFORE, plain, old.start)
        ):
            found = old, new
    if found is None or not _compatible(*found) or not _plausible(*found):
        return None
    return found


def change_checks(plain: str, qs: Sequence[Quantity]) -> Iterator[Check]:
    """NUM001/NUM002: a stated percentage change against the figures it changes between."""
    for i, claim in enumerate(qs):
        if (
            claim.kind != "percent"
            or claim.high is not None
            or claim.unit not in ("percent", "percentage_point")
        ):
            continue
        cue = _CUE_BEFORE.search(plain, max(0, claim.start - 40), claim.start)
        after = None if cue else _CUE_AFTER.match(plain[claim.end : claim.end + 30])
        if cue is None and after is None:
            continue
        word = ((cue and (cue["verb"] or cue["noun"])) or (after and after["noun"]) or "").lower()
        down = word in _DOWN_WORDS
        found = _operands(plain, qs, i)
        if found is None:
            continue
        old, new = found
        lo, hi = min(claim.start, old.start, new.start), max(claim.end, old.end, new.end)
        if _OTHER_BASIS.search(plain, max(0, lo - 40), hi):
            continue  # "rose six pct on a comparable store basis to 108.6 mln from 89.3 mln"
        yield from _judge_change(claim, old, new, down)


# A change measured on another basis than the two figures written beside it.
_OTHER_BASIS = re.compile(
    r"\b(?:comparable[-\s]store|comparable|like[-\s]for[-\s]like|same[-\s]store|in\s+real\s+terms|"
    r"underlying|at\s+constant|constant[-\s]currency|excluding|seasonally\s+adjusted)\b",
    re.IGNORECASE,
)


def _judge_change(claim: Quantity, old: Quantity, new: Quantity, down: bool) -> Iterator[Check]:
    stated = claim_interval(claim)
    if down:
        stated = Interval(-stated.high, -stated.low)
    parts = (part(old, "from"), part(new, "to"), part(claim, "stated change"))
    sign_word = "a fall" if down else "an increase"
    exact_rel = (new.value - old.value) / old.value * 100 if old.value else None
    if old.kind == "percent":  # both figures are percentages: points or per cent?
        points = Interval(
            figure_interval(new).low - figure_interval(old).high,
            figure_interval(new).high - figure_interval(old).low,
        )
        exact_points = new.value - old.value
        pts_note = f"{new.text} − {old.text} = {exact_points:+.1f} percentage points"
        if claim.unit == "percentage_point":
            ok = not clearly_apart(stated, points, claim.value)
            detail = (
                f"from {old.text} to {new.text} is {exact_points:+.1f} percentage points, not {claim.text}"
            )
            yield Check("NUM001", ok, detail, pts_note, parts)
            return
        relative = percent_change(figure_interval(old), figure_interval(new))
        if relative is not None and not clearly_apart(stated, relative, claim.value):
            yield Check(
                "NUM001",
                True,
                "",
                f"({new.text} − {old.text}) / {old.text} = {fmt_percent(exact_rel or 0)}",
                parts,
            )
        elif not clearly_apart(stated, points, claim.value):
            detail = (
                f"from {old.text} to {new.text} is a change of {exact_points:+.1f} percentage points "
                f"({fmt_percent(exact_rel or 0)} in relative terms), written as {claim.text}"
            )
            yield Check("NUM002", False, detail, pts_note, parts)
        elif relative is not None:
            detail = (
                f"from {old.text} to {new.text} is {exact_points:+.1f} percentage points or "
                f"{fmt_percent(exact_rel or 0)}, not {claim.text}"
            )
            yield Check("NUM001", False, detail, pts_note, parts)
        return
    computed = percent_change(figure_interval(old), figure_interval(new))
    if computed is None or exact_rel is None:
        return
    note = f"({new.text} − {old.text}) / {old.text} = {exact_rel:+.1f}%"
    ok = not clearly_apart(stated, computed, claim.value)
    actual = "an increase" if exact_rel >= 0 else "a fall"
    computed_text = fmt_percent(abs(exact_rel))
    detail = f"from {old.text} to {new.text} is {actual} of {computed_text}, not {sign_word} of {claim.text}"
    yield Check("NUM001", ok, detail, note, parts)


def multiple_checks(plain: str, qs: Sequence[Quantity]) -> Iterator[Check]:
    """NUM003: doubled, tripled, halved, N-fold against "from X to Y"."""
    for i, claim in enumerate(qs):
        if claim.kind != "multiplier":
            continue
        found = _operands(plain, qs, i)
        if found is None or found[0].kind == "percent":
            continue
        old, new = found
        hedged = claim.model_copy(update={"approx": _hedge(plain, claim), "precision": claim.value * 0.05})
        stated = claim_interval(hedged)
        computed = ratio(figure_interval(new), figure_interval(old))
        if computed is None:
            continue
        exact = new.value / old.value
        ok = not clearly_apart(stated, computed, claim.value)
        note = f"{new.text} / {old.text} = {exact:.2f}×"
        detail = f"from {old.text} to {new.text} is {exact:.2f} times, not '{claim.text}' (×{claim.value:g})"
        yield Check(
            "NUM003", ok, detail, note, (part(old, "from"), part(new, "to"), part(claim, "stated multiple"))
        )


def _whole_after(plain: str, qs: Sequence[Quantity], i: int) -> Quantity | None:
    """The whole in "P% of the B": the next quantity, joined by "of (the)"."""
    share = qs[i]
    if i + 1 >= len(qs):
        return None
    whole = qs[i + 1]
    gap = plain[share.end : whole.start]
    return whole if len(gap) <= 40 and _OF_WHOLE.match(gap) and whole.kind in _FIGURE_KINDS else None


def _or_neighbour(plain: str, qs: Sequence[Quantity], i: int, j: int) -> Quantity | None:
    """The part written in apposition next to qs[i] ("A, or …" before, "…, or A" after)."""
    if not 0 <= j < len(qs):
        return None
    a, b = (qs[j], qs[i]) if j < i else (qs[i], qs[j])
    gap = plain[a.end : b.start]
    other = qs[j]
    ok = len(gap) <= 25 and _OR_BEFORE.match(gap) and other.kind in _FIGURE_KINDS
    return other if ok else None


def share_checks(plain: str, qs: Sequence[Quantity]) -> Iterator[Check]:
    """NUM004: "A, or P% of the B", "P% of the B, or A", "A of the B, or P%", "a third of the B, or A"."""
    for i, share in enumerate(qs):
        if share.high is not None or not (
            (share.kind == "percent" and share.unit == "percent") or share.kind == "fraction"
        ):
            continue
        whole = _whole_after(plain, qs, i)
        if whole is not None:
            # Part before the share ("A, or P% of B") or after the whole ("P% of B, or A").
            piece = _or_neighbour(plain, qs, i, i - 1) or _or_neighbour(plain, qs, i + 1, i + 2)
            if piece is None or not _compatible(piece, whole):
                continue
        else:
            # "A of the B, or P%": the part and whole come first.
            if i < 2 or _or_neighbour(plain, qs, i, i - 1) is None:
                continue
            piece, whole = qs[i - 2], qs[i - 1]
            gap = plain[piece.end : whole.start]
            if not (len(gap) <= 40 and _OF_WHOLE.match(gap) and _compatible(piece, whole)):
                continue
        yield from _judge_share(share, piece, whole)


def _judge_share(share: Quantity, piece: Quantity, whole: Quantity) -> Iterator[Check]:
    if whole.value <= 0 or piece.kind == "percent":
        return
    scale = 100.0 if share.kind == "percent" else 1.0
    computed = ratio(figure_interval(piece), figure_interval(whole))
    if computed is None:
        return
    computed = Interval(computed.low * scale, computed.high * scale)
    if share.kind == "fraction":  # "a third" is rarely exact, but its rounding step is no guide
        share = share.model_copy(update={"precision": share.value * 0.07})
    claimed = claim_interval(share)
    exact = piece.value / whole.value * scale
    shown = fmt_percent(exact) if scale == 100 else f"{exact:.3f}"
    ok = not clearly_apart(claimed, computed, share.value)
    note = f"{piece.text} / {whole.text} = {shown}"
    detail = f"{piece.text} is {shown} of {whole.text}, not {share.text}"
    if share.kind == "fraction":
        detail = f"{piece.text} is {shown} ({fmt_percent(exact * 100)}) of {whole.text}, not {share.text}"
    yield Check(
        "NUM004", ok, detail, note, (part(piece, "part"), part(whole, "whole"), part(share, "stated share"))
    )


def total_checks(plain: str, qs: Sequence[Quantity], lo: int) -> Iterator[Check]:
    """NUM005: "Of the 45 members, 26 voted for, 17 against and 4 abstained": parts sum to the whole."""
    if not qs or not _OPEN_LIST.match(plain[lo : qs[0].start]):
        return
    whole = qs[0]
    if whole.kind not in ("count", "money") or whole.approx or whole.high is not None:
        return
    parts: list[Quantity] = []
    for q in qs[1:]:
        prev_end = parts[-1].end if parts else whole.end
        gap = plain[prev_end : q.start]
        if q.kind != whole.kind or q.approx or q.high is not None or len(gap) > 45 or ";" in gap:
            break
        if whole.kind == "money" and q.unit != whole.unit:
            break
        parts.append(q)
    if len(parts) < 2:
        return
    last_gap = plain[parts[-2].end : parts[-1].start]
    remaining = bool(_REMAINING.search(last_gap))
    if not (remaining or (len(parts) >= 3 and _AND_BEFORE.search(last_gap))):
        return
    total = sum(p.value for p in parts)
    terms = " + ".join(p.text for p in parts)
    note = f"{terms} = {total:g}; the whole is {whole.text}"
    ok = abs(total - whole.value) < 1e-9 * max(1.0, whole.value)
    detail = f"the parts add up to {total:g} ({terms}), not {whole.text}"
    roles = (part(whole, "whole"), *(part(p, "part") for p in parts))
    yield Check("NUM005", ok, detail, note, roles)


def relation_checks(plain: str, qs: Sequence[Quantity], lo: int) -> list[Check]:
    """Every relation check of one statement (``lo`` is where the statement starts)."""
    ordered = sorted(qs, key=lambda q: q.start)
    return [
        *change_checks(plain, ordered),
        *multiple_checks(plain, ordered),
        *share_checks(plain, ordered),
        *total_checks(plain, ordered, lo),
    ]
