"""Kind 6 (NUM011/NUM012/NUM013): an age against a birth year stated in another sentence, "N
years later, in YEAR" against an earlier year, and spans with their stated lengths."""

from __future__ import annotations

import re

from eval.numeric_cross_finder.articles import Doc
from eval.numeric_cross_finder.figures import Instance, figure_of

_NUMBER_WORDS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen twenty".split()
    )
}
_NUMBER_WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60})
_N = r"(\d{1,3}|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")"
_YEAR = re.compile(r"(?<![\d/-])(1[89]\d\d|20[0-2]\d)(?![\d/-]|s\b)")
_BORN = re.compile(
    r"\b[Bb]orn\s+(?:in\s+|on\s+)?(?:(?:\d{1,2}\s+)?[A-Z][a-z]+\s+(?:\d{1,2},?\s+)?)?(?:in\s+)?(1[89]\d\d)\b"
    r"|\(born\s+(1[89]\d\d)\)"
)
_AGE = re.compile(
    r"\b(?:aged|age of(?: just| only)?)\s+" + _N + r"\b|\b(\d{1,3})-year-old\b|\b" + _N + r" years old\b",
    re.IGNORECASE,
)
_LATER = re.compile(r"\b" + _N + r"\s+years\s+(?:later|after|on)\b", re.IGNORECASE)
_SPAN = re.compile(
    r"\b(?:from|between)\s+(?:[A-Z][a-z]+\s+)?(1[89]\d\d|20[0-2]\d)\s+(?:to|until|till|and)\s+"
    r"(?:[A-Z][a-z]+\s+)?(1[89]\d\d|20[0-2]\d)\b"
)
_DURATION = re.compile(
    r"\b(?:for|after|lasted|spent|spanning|during|in)\s+(?:his\s+|her\s+|its\s+|their\s+|almost\s+|nearly\s+)?"
    + _N
    + r"(?:\s+years|-year)\b(?!\s+(?:ago|later|after|old|since|before|earlier))",
    re.IGNORECASE,
)


def _n(text: str) -> int:
    return int(text) if text.isdigit() else _NUMBER_WORDS[text.lower()]


def _years_in(doc: Doc, sentence: int) -> list[re.Match[str]]:
    s = doc.sentences[sentence]
    return list(_YEAR.finditer(doc.text, s.start, s.end))


def kind6(doc: Doc) -> list[Instance]:
    return _ages(doc) + _years_later(doc) + _durations(doc) + _elapsed(doc)


_ELAPSED = re.compile(
    r"\b(?:(?:lapse|absence|gap) of (?:almost |nearly |about |some |more than )?" + _N + r" years"
    r"|" + _N + r" years (?:ago|since))\b",
    re.IGNORECASE,
)


def _elapsed(doc: Doc) -> list[Instance]:
    """ "After a lapse of almost nine years" against "which it left in 1978" in another sentence,
    counted to the publication date (only when the date is known: Reuters' dateline)."""
    if doc.date is None:
        return []
    found = []
    for elapsed in _ELAPSED.finditer(doc.text):
        group = next(g for g in (1, 2) if elapsed.group(g))
        sentence = doc.sentence_of(elapsed.start())
        if _years_in(doc, sentence):
            continue  # a year beside the count: a single-sentence relation
        window = range(max(0, sentence - 3), min(len(doc.sentences), sentence + 2))
        years = [
            y for s in window if s != sentence for y in _years_in(doc, s) if int(y.group(1)) < doc.date.year
        ]
        if len({y.group(1) for y in years}) != 1:
            continue  # no anchor, or several it could count from
        anchor = years[0]
        stated = _n(elapsed.group(group))
        gap = doc.date.year - int(anchor.group(1))
        if abs(gap - stated) > 1:
            continue
        figures = (
            figure_of(doc, "from year", anchor.span(1)),
            figure_of(doc, "stated duration", elapsed.span(group)),
        )
        words = f"{anchor.group(1)} to the dateline ({doc.date.year}) is {gap} years, stated as {stated}"
        found.append(Instance(doc.corpus, doc.id, 6, "NUM013", figures, words, 1, doc.date))
    return found


def _ages(doc: Doc) -> list[Instance]:
    """An age at a dated event (or now) against a birth year given in another sentence."""
    births = list(_BORN.finditer(doc.text))
    if len(births) != 1:
        return []  # one person's birth year, or we cannot tell whose age is whose
    birth = births[0]
    born = int(birth.group(1) or birth.group(2))
    birth_span = birth.span(1) if birth.group(1) else birth.span(2)
    found = []
    for age in _AGE.finditer(doc.text):
        value_group = next(g for g in (1, 2, 3) if age.group(g))
        sentence = doc.sentence_of(age.start())
        if sentence == doc.sentence_of(birth.start()):
            continue
        years = [y for y in _years_in(doc, sentence) if int(y.group(1)) > born]
        if len(years) == 1:
            at, how = int(years[0].group(1)), "at the event dated in its sentence"
            event_span = years[0].span(1)
        elif not years and doc.date is not None:
            at, how, event_span = doc.date.year, "now (the publication date)", None
        else:
            continue
        stated = _n(age.group(value_group))
        if at - born - stated not in (0, 1):
            continue
        figures = [
            figure_of(doc, "birth year", birth_span),
            figure_of(doc, "stated age", age.span(value_group)),
        ]
        if event_span:
            figures.append(figure_of(doc, "event year", event_span))
        words = f"born {born}, aged {stated} {how} ({at}): {at} - {born} = {at - born}"
        found.append(Instance(doc.corpus, doc.id, 6, "NUM012", tuple(figures), words, 1, doc.date))
    return found


def _years_later(doc: Doc) -> list[Instance]:
    """ "Three years later, in 1990" (or "... also in 1990" in the same sentence) against the year
    of the earlier sentence it counts from."""
    found = []
    for later in _LATER.finditer(doc.text):
        sentence = doc.sentence_of(later.start())
        if sentence == 0:
            continue
        targets = [y for y in _years_in(doc, sentence) if y.start() > later.end() or y.end() < later.start()]
        anchors = [y for s in range(max(0, sentence - 1), sentence) for y in _years_in(doc, s)]
        anchors += [y for y in _years_in(doc, sentence) if y.end() < later.start()]
        if len(targets) != 1 or not anchors:
            continue
        target = targets[0]
        anchor = [y for y in anchors if y.start() != target.start()]
        if not anchor:
            continue
        anchor_year = anchor[-1]  # the last year written before the count starts
        if doc.sentence_of(anchor_year.start()) == sentence and anchor_year.end() > later.start():
            continue
        if doc.sentence_of(anchor_year.start()) == sentence:
            continue  # both dates beside the count: a single-sentence relation
        stated = _n(later.group(1))
        gap = int(target.group(1)) - int(anchor_year.group(1))
        if abs(gap - stated) > 1:
            continue
        figures = (
            figure_of(doc, "from year", anchor_year.span(1)),
            figure_of(doc, "stated duration", later.span(1)),
            figure_of(doc, "to year", target.span(1)),
        )
        words = f"{anchor_year.group(1)} + {stated} years ~ {target.group(1)} (gap {gap})"
        found.append(Instance(doc.corpus, doc.id, 6, "NUM013", figures, words, 1, doc.date))
    return found


def _durations(doc: Doc) -> list[Instance]:
    """ "for nine years" against "from 1983 until 1992" in another sentence near it."""
    found = []
    spans = list(_SPAN.finditer(doc.text))
    for duration in _DURATION.finditer(doc.text):
        sentence = doc.sentence_of(duration.start())
        stated = _n(duration.group(1))
        near = [
            s
            for s in spans
            if doc.sentence_of(s.start()) != sentence and abs(doc.sentence_of(s.start()) - sentence) <= 3
        ]
        fits = [s for s in near if abs(int(s.group(2)) - int(s.group(1)) - stated) <= 1]
        if len(near) != 1 or len(fits) != 1:
            continue
        span = fits[0]
        figures = (
            figure_of(doc, "from year", span.span(1)),
            figure_of(doc, "to year", span.span(2)),
            figure_of(doc, "stated duration", duration.span(1)),
        )
        gap = int(span.group(2)) - int(span.group(1))
        words = f"{span.group(1)} to {span.group(2)} is {gap} years, stated as {stated}"
        found.append(Instance(doc.corpus, doc.id, 6, "NUM011", figures, words, 2, doc.date))
    return found
