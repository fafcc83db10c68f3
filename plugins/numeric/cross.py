"""Relations between figures in different sentences and paragraphs, read from the article's ledger.

The sentence-level parsers (``relations``, ``compare``, ``calendar``) need a relation written in
one tight shape. Real copy spreads it out: a total in one paragraph and its parts in the next, a
sum converted into pounds twice at two different rates, "the 58 closures" three paragraphs after
"will close 85 branches", "bringing the network to 240" after "runs 212 clinics" and "18 more".
Each check here reads the ledger (``factcheck.plugin.article_ledger``): every figure with its
referent (what it counts), scale, time and hedge, and the links between referents. The window
each check looks across is a documented choice (``WINDOWS``).

Precision first. A refutation needs the figures linked (one referent, or one synonym group, or
the structure of the copy itself: "Of the total", "the remaining", "bringing ... to"), compatible
units and scales, and arithmetic that fails beyond the writer's rounding and hedges. A weaker
link gives ``needs_review`` with the reason; no link gives nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from factcheck.plugin import Conversion, Ledger, LedgerEntry

from .arith import Interval, claim_interval, clearly_apart, figure_interval, fmt_percent, ratio
from .checks import Check, Part
from .repeats import OWN_SCOPE

#: How far each check looks, in statements (sentences or clauses) before the figure it starts
#: from. Conversions and scales compare every pair in the article: an exchange rate and the scale
#: of one line item do not change between paragraphs.
WINDOWS = {
    "NUM005-parts": 3,  # a total, then its parts in the next three statements
    "NUM005-running": 4,  # "runs 212 clinics" ... "18 more" ... "bringing the network to 240"
    "NUM004": 6,  # a share "of the money" and the whole named up to six statements before
    "NUM001/NUM003": 2,  # a change or multiple, its figures up to two statements away
}

Entry = LedgerEntry

_DEFINITE = re.compile(r"\b(?:the|these|those)\s+$", re.IGNORECASE)
_COMPARED = re.compile(
    r"\b(?:above|below|than|from|with|versus|vs\.?|against|over|under|on|to|beyond|of|about|"
    r"nearly|almost|around)\s+(?:the|these|those|all)\s+$",
    re.IGNORECASE,
)


def _where(ledger: Ledger, entry: Entry) -> str:
    return f"paragraph {entry.block + 1}"


def _part(entry: Entry, role: str) -> Part:
    return Part(entry.start, entry.end, role)


def _g(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() and abs(value) >= 1000 else f"{value:g}"


# ------------------------------------------------------------------ NUM009 conversions


def _rate_interval(c: Conversion) -> Interval | None:
    return ratio(figure_interval(c.target.quantity), figure_interval(c.source.quantity))


def _oriented(c: Conversion) -> tuple[str, str, Conversion, bool]:
    """The currency pair in a fixed order, so "$9m (£4.6m)" and "£4.6m ($9m)" compare."""
    a, b = c.source.unit or "", c.target.unit or ""
    return (a, b, c, False) if a < b else (b, a, c, True)


def _rate_of(c: Conversion, flipped: bool) -> Interval | None:
    found = _rate_interval(c)
    if found is None or not flipped:
        return found
    if found.low <= 0:
        return None
    return Interval(1 / found.high, 1 / found.low)


def conversion_checks(ledger: Ledger) -> Iterator[Check]:
    """NUM009: the sums an article converts from one currency into another must use one rate.

    Rates beyond rounding and 10% apart are refuted; with three or more conversions the one off
    the others is named, with two the later one (the evidence shows both)."""
    groups: dict[tuple[str, str], list[tuple[Conversion, bool]]] = {}
    for c in ledger.conversions:
        a, b, conv, flipped = _oriented(c)
        groups.setdefault((a, b), []).append((conv, flipped))
    for (a, b), items in groups.items():
        if len(items) < 2:
            continue
        items = [(c, f) for c, f in items if (c.source.scale is None) == (c.target.scale is None)]
        if len(items) < 2:
            continue
        rates = [(c, f, _rate_of(c, f)) for c, f in items]
        known = [(c, f, r) for c, f, r in rates if r is not None]
        if len(known) < 2:
            continue
        for i, (c, _flipped, rate) in enumerate(known):
            others = [r for j, (_, _, r) in enumerate(known) if j != i]
            apart = [_far(rate, r) for r in others]
            if not all(apart):
                continue
            if len(known) == 2 and i == 0:
                continue  # two conversions disagree: report the later one, with both as evidence
            if len(known) > 2:
                agreeing = [
                    r
                    for k, r in enumerate(others)
                    if not any(_far(r, o) for o in others[:k] + others[k + 1 :])
                ]
                if not agreeing:
                    continue
            mid = (rate.low + rate.high) / 2
            other_c, other_interval = next((oc, r) for j, (oc, _, r) in enumerate(known) if j != i)
            other_rate = (other_interval.low + other_interval.high) / 2
            per = f"{b} per {a}"
            detail = (
                f"{c.source.text} ({c.target.text}) converts at {mid:.3g} {per}, but {other_c.source.text} "
                f"({other_c.target.text}) in {_where(ledger, other_c.source)} at {other_rate:.3g}"
            )
            note = f"{c.target.text} / {c.source.text} vs {other_c.target.text} / {other_c.source.text}"
            parts = (
                _part(c.source, "amount"),
                _part(c.target, "converted amount"),
                _part(other_c.source, "other amount"),
                _part(other_c.target, "other converted amount"),
            )
            yield Check("NUM009", False, detail, note, parts)


def _far(x: Interval, y: Interval) -> bool:
    mid = (x.low + x.high + y.low + y.high) / 4
    return x.distance(y) > 0.15 * mid


# ------------------------------------------------------------------ NUM008 scale


_SCALES = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}


def scale_checks(ledger: Ledger) -> Iterator[Check]:
    """NUM008: two sums of one thing in one currency a scale apart ("£4.2bn" ... "the £4.2m
    budget"): a factor of 300 or more between figures whose referents are one and the same."""
    money = [
        e for e in ledger.entries if e.kind == "money" and e.unit and e.quantity.high is None and e.value > 0
    ]
    for j, later in enumerate(money):
        for earlier in money[:j]:
            if earlier.unit != later.unit or earlier.statement == later.statement:
                continue
            factor = max(earlier.value, later.value) / min(earlier.value, later.value)
            if factor < 300 or earlier.scale is None or later.scale is None or earlier.hedge or later.hedge:
                continue
            link = ledger.link(earlier, later)
            same_digits = _mantissa(earlier) == _mantissa(later) and earlier.scale != later.scale
            definite = _DEFINITE.search(ledger.plain, max(0, later.start - 8), later.start) is not None
            if link != "same" and not (same_digits and definite):
                continue
            what = " ".join(later.referent or earlier.referent) or "the same sum"
            detail = (
                f"{later.text} here but {earlier.text} in {_where(ledger, earlier)} for {what}: "
                f"{factor:,.0f} times apart, a scale slip"
            )
            note = f"{_g(later.value)} vs {_g(earlier.value)}"
            yield Check(
                "NUM008", False, detail, note, (_part(later, "this figure"), _part(earlier, "earlier figure"))
            )
            break


def _mantissa(e: Entry) -> float:
    return round(e.value / _SCALES.get(e.scale or "", 1.0), 6)


# ------------------------------------------------------------------ NUM006 restated counts


def restatement_checks(ledger: Ledger) -> Iterator[Check]:
    """NUM006 across the article: "the 58 closures" after "will close 85 branches" (a definite
    back-reference to a count the article gave once before, linked by referent, synonym or the
    verb that named it)."""
    plain = ledger.plain
    written: set[float] = set()
    counts = [e for e in ledger.entries if e.kind == "count"]
    for j, e in enumerate(counts):
        known = e.value in written
        written.add(e.value)
        if known or e.hedge or e.quantity.high is not None or e.value < 2 or e.quantity.spelled:
            continue
        if not _DEFINITE.search(plain, max(0, e.start - 8), e.start) or _COMPARED.search(
            plain, max(0, e.start - 20), e.start
        ):
            continue
        if not e.referent or OWN_SCOPE.match(plain, e.end):
            continue  # "the 3,400 job cuts announced across the group": a set of its own
        linked = [x for x in counts[:j] if x.statement != e.statement and ledger.link(x, e) is not None]
        values = {x.value for x in linked}
        if (
            len(values) != 1
            or e.value in values
            or any(x.hedge or x.quantity.high is not None for x in linked)
        ):
            continue
        first = linked[0]
        if figure_interval(first.quantity).distance(figure_interval(e.quantity)) <= 0:
            continue
        how = ledger.link(first, e)
        detail = f"'{e.text}' here, but '{first.text}' in {_where(ledger, first)}" + (
            f" (linked as {how})" if how != "same" else ""
        )
        yield Check(
            "NUM006",
            False,
            detail,
            f"{_g(e.value)} ≠ {_g(first.value)}",
            (_part(e, "this mention"), _part(first, "earlier mention")),
        )


# ------------------------------------------------------------------ NUM005 totals

_RUNNING = re.compile(
    r"\b(?:bring|bringing|brings|brought|take|taking|takes|took|lift|lifting|lifts|lifted|raise|raising|"
    r"raises|raised|increase|increasing|increases|increased|boost|boosting|boosts|boosted|expand|"
    r"expanding|expands|expanded|swell|swelling|swelled)\b[^.;:\d]{0,60}?\bto\s+(?:a\s+total\s+of\s+)?$",
    re.IGNORECASE,
)
_FROM_BEFORE = re.compile(r"\bfrom\s+(?:the\s+|its\s+|their\s+)?$", re.IGNORECASE)
_ADD_VERBS = frozenset(
    "open opens opened opening add adds added adding buy buys bought buying acquire acquires acquired "
    "build builds built building hire hires hired hiring purchase purchased purchases create creates "
    "created creating".split()
)
_HOLD_VERBS = frozenset(
    "operate operates operated operating run runs ran running has have had hold holds held own owns "
    "owned employ employs employed manage manages managed".split()
)
_OF_TOTAL = re.compile(
    r"\W*(?:of\s+(?:the\s+(?:total|sum|money|amount|figure)|these|them|those|this|that|which|the\s+\w+)|"
    r"the\s+(?:total|sum)\s+(?:includes|comprises|is\s+made\s+up\s+of))\b",
    re.IGNORECASE,
)
_REMAINING = re.compile(r"\b(?:the\s+(?:remaining|rest|other)|remaining)\b[^.;\d]{0,25}$", re.IGNORECASE)
_DIFFERENCE_AFTER = re.compile(r"\s+(?:more|less|fewer|above|below|higher|lower|over|under)\b", re.IGNORECASE)
_NOT_A_PART_BEFORE = re.compile(r"\b(?:at|No\.?|number)\s+$", re.IGNORECASE)


def _amount(ledger: Ledger, e: Entry) -> bool:
    """A figure that can be a part or a whole: not spelled out ("two of its projects"), not a
    difference ("16 mln francs more"), not an address ("at 110 N. Wacker Drive")."""
    plain = ledger.plain
    if e.quantity.spelled or e.increment or _DIFFERENCE_AFTER.match(plain, e.end):
        return False
    if _NOT_A_PART_BEFORE.search(plain, max(0, e.start - 8), e.start):
        return False
    following = re.match(r"\s+([A-Z])", plain[e.end : e.end + 3])
    return following is None or e.kind == "money"


def _compatible(a: Entry, b: Entry) -> bool:
    if a.quantity.high is not None or b.quantity.high is not None:
        return False
    if a.kind == "money" or b.kind == "money":
        return a.kind == b.kind and a.unit == b.unit
    return a.kind == b.kind == "count"


def running_total_checks(ledger: Ledger) -> Iterator[Check]:
    """NUM005, running totals: "runs 212 clinics" ... "will open 18 more, bringing the network to
    240": base + increment = new total, counted exactly (money within its rounding)."""
    plain = ledger.plain
    window = WINDOWS["NUM005-running"]
    for total in ledger.entries:
        if total.kind not in ("count", "money") or total.hedge or total.quantity.high is not None:
            continue
        lo = ledger.statement_spans[total.statement][0]
        running = _RUNNING.search(plain, max(lo, total.start - 80), total.start)
        if not running or re.search(r"\bcombined\b", running.group(), re.IGNORECASE):
            continue  # "bringing the combined total to": a sum of several holdings
        near = [
            e
            for e in ledger.entries
            if total.statement - window <= e.statement <= total.statement and e.index < total.index
        ]
        adds = [
            e for e in near
            if _compatible(e, total)
            and (e.increment or (e.action or "") in _ADD_VERBS)
            and not _FROM_BEFORE.search(plain, max(0, e.start - 12), e.start)
        ]  # fmt: skip
        if len(adds) != 1:
            continue
        add = adds[0]
        bases = [
            e for e in near
            if e is not add and _compatible(e, total) and e.value < total.value
            and (
                (e.statement == total.statement and _FROM_BEFORE.search(plain, max(0, e.start - 12), e.start))
                or ((e.action or "") in _HOLD_VERBS and _linked(ledger, e, total, add))
            )
        ]  # fmt: skip
        if len(bases) != 1:
            continue
        base = bases[0]
        if base.hedge or add.hedge:
            continue
        computed = base.value + add.value
        tolerance = (base.precision + add.precision + total.precision) / 2 if total.kind == "money" else 0.0
        ok = abs(computed - total.value) <= tolerance + 1e-9 * total.value
        detail = f"{base.text} + {add.text} = {_g(computed)}, not {total.text}"
        note = f"{base.text} + {add.text} = {_g(computed)}; the new total is {total.text}"
        yield Check(
            "NUM005",
            ok,
            detail,
            note,
            (_part(base, "before"), _part(add, "added"), _part(total, "new total")),
        )


def _linked(ledger: Ledger, base: Entry, total: Entry, add: Entry) -> bool:
    return any(ledger.link(base, other) in ("same", "synonym") for other in (total, add))


def parts_checks(ledger: Ledger) -> Iterator[Check]:
    """NUM005, a total and its parts in the following statements: "will receive an estimated
    $600m" ... "Of the total, $300m ... The remaining $200m"; "The assembly has 90 members."
    ... "The coalition holds 48, the opposition 33 and smaller parties 7" (the parts must be
    opened by "Of the total/these/them" or closed by "the remaining/rest/other", or be listed in
    one statement with "and" after a total with the same referent)."""
    plain = ledger.plain
    window = WINDOWS["NUM005-parts"]
    entries = ledger.entries
    for total in entries:
        if total.kind not in ("count", "money") or total.quantity.high is not None or total.value <= 0:
            continue
        if not _amount(ledger, total):
            continue
        later = [
            e for e in entries
            if total.statement < e.statement <= total.statement + window
            and _compatible(e, total)
            and _amount(ledger, e)
        ]  # fmt: skip
        if len(later) < 2:
            continue
        if any(e.index > total.index and e.index < later[0].index and _compatible(e, total) for e in entries):
            continue  # the whole is the last such figure before its parts
        first_statement = later[0].statement
        opener_lo = ledger.statement_spans[first_statement][0]
        opened = _OF_TOTAL.match(plain, opener_lo, later[0].start) is not None
        run = [e for e in later if e.statement == first_statement]
        closed_at = None
        if not opened:
            for k, e in enumerate(later):
                if k >= 1 and _REMAINING.search(
                    plain, max(ledger.statement_spans[e.statement][0], e.start - 40), e.start
                ):
                    closed_at = k
                    break
            if closed_at is not None:
                run = later[: closed_at + 1]
        else:
            # parts run on through the following statements until "the remaining/rest"
            for k, e in enumerate(later):
                if _REMAINING.search(
                    plain, max(ledger.statement_spans[e.statement][0], e.start - 40), e.start
                ):
                    run = later[: k + 1]
                    break
        listed = False
        if not opened and closed_at is None:
            # one statement listing the parts with "and", after a total with their referent
            if len(run) < 3 or total.statement + 1 != first_statement:
                continue
            gap = plain[run[-2].end : run[-1].start]
            if (
                not re.search(r"\band\b", gap)
                or not all(not e.referent or ledger.link(e, total) == "same" for e in run)
                or not total.referent
            ):
                continue
            if not any(ledger.link(e, total) == "same" for e in run) and total.kind != "count":
                continue
            listed = True
        if len(run) < 2 or any(e.value >= total.value for e in run):
            continue
        hedged = total.hedge or any(e.hedge for e in run)
        computed = sum(e.value for e in run)
        if total.kind == "money":
            tolerance = (
                sum(figure_interval(e.quantity).high - e.value for e in run)
                + figure_interval(total.quantity).high
                - total.value
            )
        else:
            tolerance = 0.0
        if hedged:
            tolerance = max(tolerance, 0.1 * total.value)
        ok = abs(computed - total.value) <= tolerance + 1e-9 * total.value
        terms = " + ".join(e.text for e in run)
        what = f" {' '.join(total.referent)}" if total.referent and total.kind == "count" else ""
        detail = f"{terms} = {_g(computed)}, not {total.text}{what} ({_where(ledger, total)})"
        note = f"{terms} = {_g(computed)}; the whole is {total.text}"
        parts = (_part(total, "whole"), *(_part(e, "part") for e in run))
        if listed and not ok and computed > 0 and not 0.85 <= computed / total.value <= 1.15:
            continue  # a list far from the total is about something else
        if not ok and any(
            _compatible(e, total) and abs(e.value - computed) <= tolerance + 1e-9 * e.value
            for e in entries
            if e.index < run[0].index and run[0].statement - e.statement <= window + 1
        ):
            continue  # the parts add up to another figure just before them: that is their whole
        yield Check("NUM005", ok, detail, note, parts)


# ------------------------------------------------------------------ NUM004 shares of a whole given earlier

_OR_SHARE = re.compile(
    r"^\s*(?:,\s*|\(\s*|\s[–—-]\s*)(?:or\s+|about\s+|some\s+|roughly\s+|nearly\s+|almost\s+|around\s+|representing\s+|equal\s+to\s+|accounting\s+for\s+)?$",
    re.IGNORECASE,
)
_SHARE_OF = re.compile(
    r"\s+of\s+(?:the|its|their|his|her|this|that)\s+(?:(?:total|overall|whole|entire)\s+)?(?P<noun>[a-z]+)\b",
    re.IGNORECASE,
)


def share_checks(ledger: Ledger, statement_checked: set[tuple[int, int]]) -> Iterator[Check]:
    """NUM004: "rail gets £3 billion, or 30% of the money" with the £12 billion programme named
    earlier: the part over the whole named "of the X" (X linked to the whole's referent)."""
    plain = ledger.plain
    window = WINDOWS["NUM004"]
    entries = ledger.entries
    for i, share in enumerate(entries):
        if (share.start, share.end) in statement_checked:
            continue
        if share.quantity.high is not None or not (
            (share.kind == "percent" and share.unit == "percent") or share.kind == "fraction"
        ):
            continue
        of = _SHARE_OF.match(plain, share.end, share.end + 60)
        piece = None
        if (
            i > 0
            and entries[i - 1].statement == share.statement
            and _OR_SHARE.match(plain[entries[i - 1].end : share.start])
        ):
            piece = entries[i - 1]
        if piece is None or piece.kind not in ("money", "count", "measure") or of is None:
            continue
        nxt = entries[i + 1] if i + 1 < len(entries) and entries[i + 1].statement == share.statement else None
        if nxt is not None and re.fullmatch(r"\s+of\s+(?:\w+\s+){0,4}", plain[share.end : nxt.start]):
            continue  # "P% of the £8.5bn": the whole is in the sentence, the sentence rule's business
        noun = of["noun"].lower()
        wholes = [
            e for e in ledger.before(share, window)
            if _compatible(e, piece) and e.value > piece.value and _names(ledger, e, noun)
        ]  # fmt: skip
        if not wholes:
            continue
        whole = wholes[0]
        if len({w.value for w in wholes}) > 1 and any(w.statement == whole.statement for w in wholes[1:]):
            continue
        checks = list(_judge_share(ledger, share, piece, whole))
        if checks and not checks[0].ok:
            others = [
                e for e in ledger.before(share, window) if _compatible(e, piece) and e.value > piece.value
            ]
            if any(next(iter(_judge_share(ledger, share, piece, e)), checks[0]).ok for e in others):
                continue  # another whole nearby gives the stated share: "40% of the total debt"
        yield from checks


def _names(ledger: Ledger, whole: Entry, noun: str) -> bool:
    head = noun.rstrip("s") if noun.endswith("s") and not noun.endswith("ss") else noun
    if whole.referent and head in whole.referent:
        return True
    group = ledger.group(head)
    return (
        group is not None and whole.referent != () and any(ledger.group(w) == group for w in whole.referent)
    )


def _judge_share(ledger: Ledger, share: Entry, piece: Entry, whole: Entry) -> Iterator[Check]:
    scale = 100.0 if share.kind == "percent" else 1.0
    computed = ratio(figure_interval(piece.quantity), figure_interval(whole.quantity))
    if computed is None:
        return
    computed = Interval(computed.low * scale, computed.high * scale)
    q = share.quantity
    if share.kind == "fraction":
        q = q.model_copy(update={"precision": q.value * 0.07})
    exact = piece.value / whole.value * scale
    ok = not clearly_apart(claim_interval(q), computed, q.value)
    shown = fmt_percent(exact) if scale == 100 else f"{exact:.3f} ({fmt_percent(exact * 100)})"
    detail = f"{piece.text} of {whole.text} ({_where(ledger, whole)}) is {shown}, not {share.text}"
    note = f"{piece.text} / {whole.text} = {shown}"
    yield Check(
        "NUM004",
        ok,
        detail,
        note,
        (_part(piece, "part"), _part(whole, "whole"), _part(share, "stated share")),
    )


# ------------------------------------------------------------------ NUM001 / NUM003 across sentences

_MULTIPLE_CUE = re.compile(
    r"\b(?:times|twice|thrice|doubled|tripled|trebled|quadrupled|halved|fold)\b", re.IGNORECASE
)
_CHANGE_CUE = re.compile(
    r"\b(?:rise|rose|risen|increase|increased|up|growth|grew|jump|jumped|fall|fell|fallen|drop|dropped|"
    r"decline|declined|down|decrease|decreased|cut|slump|slumped|surge|surged)\b",
    re.IGNORECASE,
)
_MORE_THAN = re.compile(
    r"\b(?:more\s+than|over|at\s+least|nearly|almost|about|around|roughly|some|less\s+than)\s+$",
    re.IGNORECASE,
)


def cross_change_checks(ledger: Ledger, statement_checked: set[tuple[int, int]]) -> Iterator[Check]:
    """NUM003/NUM001: "12,000 tonnes in 2010 ... 41,000 tonnes last year ... nearly five times
    as much": a multiple or change whose two figures stand in other statements nearby, linked
    by one referent and unit and set at two different times."""
    plain = ledger.plain
    window = WINDOWS["NUM001/NUM003"]
    for claim in ledger.entries:
        if (claim.start, claim.end) in statement_checked:
            continue
        is_multiple = claim.kind == "multiplier" or (claim.unit == "times")
        is_change = claim.kind == "percent" and claim.unit == "percent" and claim.quantity.high is None
        if not (is_multiple or is_change):
            continue
        span_lo, span_hi = ledger.statement_spans[claim.statement]
        own = [
            e
            for e in ledger.entries
            if e.statement == claim.statement and e is not claim and e.kind in ("count", "money", "measure")
        ]
        if own:
            continue  # its figures may be in its own sentence: the sentence rules' business
        if is_change and not _CHANGE_CUE.search(
            plain, max(span_lo, claim.start - 40), min(span_hi, claim.end + 30)
        ):
            continue
        figures = [
            e for e in ledger.entries
            if e.kind in ("count", "money", "measure") and e.quantity.high is None and e.value > 0
            and 0 < abs(e.statement - claim.statement) <= window
        ]  # fmt: skip
        pairs = []
        for a_i, a in enumerate(figures):
            for b in figures[a_i + 1 :]:
                if not _compatible_figures(a, b) or ledger.link(a, b) != "same":
                    continue
                old, new = _in_time_order(a, b)
                if old is None or new is None:
                    continue
                pairs.append((old, new))
        if len(pairs) != 1:
            continue
        old, new = pairs[0]
        if not claim.referent or ledger.link(claim, old) not in ("same", "synonym"):
            if not (
                is_multiple
                and abs(old.statement - claim.statement) <= 1
                and abs(new.statement - claim.statement) <= 1
            ):
                continue  # a change of what? only a multiple beside both its figures may go unnamed
        if old.hedge or new.hedge:
            continue
        yield from (
            _judge_multiple(ledger, claim, old, new)
            if is_multiple
            else _judge_change(ledger, claim, old, new)
        )


def _compatible_figures(a: Entry, b: Entry) -> bool:
    if a.kind != b.kind or a.unit != b.unit:
        return False
    return a.quantity.high is None and b.quantity.high is None


def _in_time_order(a: Entry, b: Entry) -> tuple[Entry | None, Entry | None]:
    if a.year is not None and b.year is not None and a.year != b.year:
        return (a, b) if a.year < b.year else (b, a)
    earlier = (
        "a year earlier",
        "a year ago",
        "a year before",
        "year-ago",
        "year-earlier",
        "year ago",
        "year earlier",
        "prior year",
        "previous year",
    )
    if (a.period or "") in earlier and (b.period or "") not in earlier:
        return b, a
    if (b.period or "") in earlier and (a.period or "") not in earlier:
        return a, b
    if a.year is not None and (b.period or "").startswith("last year"):
        return (a, b) if a.year < 2100 else (None, None)
    return None, None


def _judge_multiple(ledger: Ledger, claim: Entry, old: Entry, new: Entry) -> Iterator[Check]:
    hedge = _MORE_THAN.search(ledger.plain, max(0, claim.start - 14), claim.start)
    approx = " ".join(hedge.group().lower().split()) if hedge else claim.hedge
    q = claim.quantity.model_copy(update={"approx": approx, "precision": claim.value * 0.05})
    stated = claim_interval(q)
    computed = ratio(figure_interval(new.quantity), figure_interval(old.quantity))
    if computed is None:
        return
    loose = re.match(
        r"\s*times\s+(?:more|higher|larger|bigger|greater)\b",
        ledger.plain[claim.end : claim.end + 30],
        re.IGNORECASE,
    )
    if loose or re.search(r"\btimes\s+(?:more|higher|larger|bigger|greater)", claim.text, re.IGNORECASE):
        stated = Interval(stated.low, stated.high + 1)
    exact = new.value / old.value
    ok = not clearly_apart(stated, computed, claim.value)
    detail = (
        f"{new.text} against {old.text} ({_where(ledger, old)}) is {exact:.2f} times, "
        f"not '{claim.text}' (×{claim.value:g})"
    )
    note = f"{new.text} / {old.text} = {exact:.2f}×"
    yield Check(
        "NUM003", ok, detail, note, (_part(old, "from"), _part(new, "to"), _part(claim, "stated multiple"))
    )


def _judge_change(ledger: Ledger, claim: Entry, old: Entry, new: Entry) -> Iterator[Check]:
    lo, hi = ledger.statement_spans[claim.statement]
    window = ledger.plain[max(lo, claim.start - 40) : min(hi, claim.end + 30)].lower()
    down = bool(
        re.search(
            r"\b(?:fall|fell|fallen|drop|dropped|decline|declined|down|decrease|decreased|cut|slump|slumped)\b",
            window,
        )
    )
    stated = claim_interval(claim.quantity)
    if down:
        stated = Interval(-stated.high, -stated.low)
    if old.value <= 0:
        return
    exact = (new.value - old.value) / old.value * 100
    computed_low = (
        (figure_interval(new.quantity).low - figure_interval(old.quantity).high)
        / figure_interval(old.quantity).high
        * 100
    )
    computed_high = (
        (figure_interval(new.quantity).high - figure_interval(old.quantity).low)
        / figure_interval(old.quantity).low
        * 100
    )
    computed = Interval(min(computed_low, computed_high), max(computed_low, computed_high))
    ok = not clearly_apart(stated, computed, claim.value)
    actual = "an increase" if exact >= 0 else "a fall"
    detail = (
        f"from {old.text} to {new.text} ({_where(ledger, old)}) is {actual} of "
        f"{fmt_percent(abs(exact))}, not {claim.text}"
    )
    note = f"({new.text} − {old.text}) / {old.text} = {exact:+.1f}%"
    yield Check(
        "NUM001", ok, detail, note, (_part(old, "from"), _part(new, "to"), _part(claim, "stated change"))
    )


def ledger_checks(ledger: Ledger, statement_checked: set[tuple[int, int]]) -> list[tuple[int, Check]]:
    """Every cross-sentence check of an article, each with the index of the statement to report
    it on (the statement of the figure the check starts from: the later mention, the stated
    share, the new total)."""
    found: list[tuple[int, Check]] = []
    anchors: dict[tuple[int, int], int] = {(e.start, e.end): e.statement for e in ledger.entries}

    def anchor(check: Check, role_order: Sequence[str]) -> int:
        for role in role_order:
            for p in check.parts:
                if p.role == role and (p.start, p.end) in anchors:
                    return anchors[(p.start, p.end)]
        return max(anchors.get((p.start, p.end), 0) for p in check.parts)

    for check in conversion_checks(ledger):
        found.append((anchor(check, ("converted amount",)), check))
    for check in scale_checks(ledger):
        found.append((anchor(check, ("this figure",)), check))
    for check in restatement_checks(ledger):
        found.append((anchor(check, ("this mention",)), check))
    for check in running_total_checks(ledger):
        found.append((anchor(check, ("new total",)), check))
    for check in parts_checks(ledger):
        found.append((anchor(check, ()), check))
    for check in share_checks(ledger, statement_checked):
        found.append((anchor(check, ("stated share",)), check))
    for check in cross_change_checks(ledger, statement_checked):
        found.append((anchor(check, ("stated multiple", "stated change")), check))
    return found
