"""Check-worthiness: how much a statement deserves a fact-checker's time, as a number in ``[0, 1]``.

A desk has more sentences than checkers, so the engine ranks statements and can drop the ones
below ``check.min_checkworthiness``. What makes a sentence worth checking is well studied
(ClaimBuster, CLEF CheckThat!): it asserts something about the world that could be looked up —
a figure, a date, a named actor, a change or a ranking, a past act — rather than an opinion, a
promise, a question or a pleasantry. This module turns those cues into a handful of cheap lexical
features and combines them with a small logistic model whose weights were fitted once (see
``WEIGHTS``). No vocabulary is learned: every word list below is hand-chosen and general.

Annotation kinds the extractor already found (``quantity``, ``date``, ``entity``, ``quote``,
``attribution``, ``comparison``) do not get weights of their own — the training data has none —
but switch on the lexical feature they stand for, so a number the extractor parsed counts even
when it is spelled in a way the cheap regexes miss.

Speed matters (every sentence of every article): one tokenising ``findall`` on the lower-cased
text, set intersections in C for the word lists, and a few small regexes compiled at import
(about 12 µs a sentence on CLEF 2019 dev; ``eval/checkworthiness.py`` measures it).

The 0.5 cut is calibrated on ClaimBuster, where 28 % of sentences are check-worthy; in a
transcript or an article far fewer are, so treat the score as a ranking first and a verdict second.
"""

from __future__ import annotations

import math
import operator
import re
from collections.abc import Collection

__all__ = ["FEATURES", "WEIGHTS", "checkworthiness_features", "score_checkworthiness"]

# Words: letters with an optional internal apostrophe ("don't", "we’ll"); digits are a feature of
# their own. No nested unbounded quantifier here or below: every regex is linear in the input.
_TOKEN = re.compile(r"[a-z]+(?:['’][a-z]+)?")
_DIGIT = re.compile(r"\d")
# Regular past tenses and participles ("increased", "signed"); the irregular ones are listed below.
# A plain suffix test also counts "need" or "hundred": cheap noise the fitted weight absorbs.
_PAST_ED = re.compile(r"ed\b")
# A capital after a space or an opening mark, other than the pronoun "I": a cheap stand-in for
# a named entity (the capital that starts the text is not preceded by either, so never counts).
_CAPITALISED = re.compile(r"[\s(“\"‘'-](?!I\b|I['’])[A-Z]")
_MONEY_OR_PERCENT = re.compile(r"[%$£€¥]")
_YEAR = re.compile(r"(?<!\d)(?:1[89]|20)\d\d(?:s|’s|'s)?(?!\d)")
# First person followed by a promise, a wish or a plan: "we will", "I'm going to", "let's".
_PROMISE = re.compile(
    r"\b(?:(?:i|we)(?:['’](?:ll|d)|\s+(?:will|shall|would|want|wanna|intend|plan|promise|pledge))"
    r"|(?:i['’]m|i\s+am|we['’]re|we\s+are)\s+(?:going|gonna|about)\b|let['’]s|let\s+me)\b"
)

_FIRST_PERSON = frozenset(
    "i we let i'll we'll i'd we'd i'm we're let's i’ll we’ll i’d we’d i’m we’re let’s".split()
)
_NUMBER_WORDS = frozenset(
    "two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred "
    "hundreds thousand thousands million millions billion billions trillion trillions dozen dozens "
    "half third quarter twice double doubled triple tripled quadrupled percent per cent".split()
)
_MAGNITUDE_WORDS = frozenset(
    "percent percentage cent million millions billion billions trillion trillions dollars dollar "
    "pounds euros bn mn tons tonnes miles kilometres kilometers acres barrels".split()
)
_DATE_WORDS = frozenset(
    "january february march april june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday yesterday ago decade decades "
    "century since annual annually quarterly".split()
)
_COMPARATIVE = frozenset(
    "than more less fewer higher lower larger smaller bigger greater faster slower cheaper "
    "increase increased increases decrease decreased decreases rise rose risen fall fell fallen "
    "grew grown growth drop dropped declined decline doubled tripled cut cuts reduced raised "
    "gained lost surged soared plunged jumped compared".split()
)
_SUPERLATIVE = frozenset(
    "most least largest biggest highest lowest greatest smallest fastest worst best first last "
    "record ever only never all-time unprecedented".split()
)
# Nouns of things that are counted and published: a checker can look them up.
_MEASURABLE = frozenset(
    "tax taxes jobs job budget deficit debt unemployment unemployed rate rates wages wage income "
    "incomes spending spent prices price inflation economy gdp crime murders deaths died killed "
    "population emissions trade exports imports revenue cost costs funding funded insurance "
    "workers people americans citizens voters troops soldiers immigrants refugees students "
    "poverty growth salary salaries pension pensions loans investment".split()
)
_PAST_FACTUAL = frozenset(
    "was were had did been voted passed signed created lost won spent sent ordered approved "
    "opposed supported introduced announced launched built closed raised cut killed attacked "
    "invaded elected appointed fired released reported found became started ended took gave "
    "paid received met held made went came left saw sold bought led fled brought began kept "
    "fought wrote spoke grew fell rose".split()
)
_GOVERNMENT = frozenset(
    "law laws bill bills congress senate parliament legislation act treaty agreement deal "
    "vote voted votes court ruling sanctions regulation regulations program programme".split()
)
_ATTRIBUTION = frozenset(
    "said says told according reported announced stated claimed admitted testified wrote".split()
)
_OPINION = frozenset(
    "think believe feel hope wish opinion great wonderful terrible horrible amazing beautiful "
    "incredible fantastic tremendous disgrace disaster love hate proud sad frankly honestly "
    "obviously clearly absolutely nice happy glad".split()
)
_PRESCRIPTIVE = frozenset("should must ought need needs let".split())
_HEDGE = frozenset("if maybe perhaps might could whether".split())
_SECOND_PERSON = frozenset("you your you're you’re yourself".split())
_GREETING = frozenset(
    "thank thanks hello welcome congratulations congratulate applause laughter evening morning "
    "appreciate pleasure honored honoured ladies gentlemen goodbye bye please".split()
)

#: Feature names, in the order ``checkworthiness_features`` returns them and ``WEIGHTS`` uses.
FEATURES: tuple[str, ...] = (
    "digit",
    "number_word",
    "magnitude",
    "date",
    "comparative",
    "superlative",
    "measurable",
    "government",
    "entity",
    "past_factual",
    "attribution",
    "question",
    "opinion",
    "prescriptive",
    "hedge",
    "promise",
    "second_person",
    "greeting",
    "short",
    "length",
)

#: Logistic weights: the intercept first, then one per feature in ``FEATURES`` order.
#: Produced by ``python -m eval.fit_checkworthiness`` (L2-regularised logistic regression by
#: Newton's method, fitted on ClaimBuster dev only, intercept shifted so 0.5 is the threshold
#: that maximised cross-validated F1 there). Refit whenever a feature changes.
WEIGHTS: tuple[float, ...] = (
    -1.945,  # intercept
    +1.955,  # digit
    +1.315,  # number_word
    +1.217,  # magnitude
    -0.052,  # date
    +0.755,  # comparative
    +0.665,  # superlative
    +0.836,  # measurable
    +0.719,  # government
    +1.169,  # entity
    +1.545,  # past_factual
    +0.940,  # attribution
    -1.620,  # question
    -2.237,  # opinion
    -1.182,  # prescriptive
    -0.791,  # hedge
    -1.266,  # promise
    -0.435,  # second_person
    -1.047,  # greeting
    -1.500,  # short  (hand-set)
    +0.150,  # length
)

_INTERCEPT = WEIGHTS[0]
_COEFFICIENTS = WEIGHTS[1:]
if len(_COEFFICIENTS) != len(FEATURES):  # a feature was added or removed without a refit
    raise RuntimeError("WEIGHTS and FEATURES disagree: rerun python -m eval.fit_checkworthiness")


def _fraction(count: int, cap: int) -> float:
    return count / cap if count < cap else 1.0


def checkworthiness_features(text: str, kinds: Collection[str] = ()) -> tuple[float, ...]:
    """The feature vector of ``text``, each value in ``[0, 1]``, in ``FEATURES`` order.

    Public so the fitting script and the tests see exactly what the scorer sees.
    """
    lower = text.lower()
    tokens = _TOKEN.findall(lower)
    words = set(tokens)
    n_words = len(tokens)
    has_digit = _DIGIT.search(text) is not None

    digit = 1.0 if has_digit or "quantity" in kinds else 0.0
    number_word = 0.0 if words.isdisjoint(_NUMBER_WORDS) else 1.0
    magnitude = 1.0 if _MONEY_OR_PERCENT.search(text) or not words.isdisjoint(_MAGNITUDE_WORDS) else 0.0
    date = (
        1.0
        if not words.isdisjoint(_DATE_WORDS) or "date" in kinds or (has_digit and _YEAR.search(text))
        else 0.0
    )
    comparative = 1.0 if "comparison" in kinds or not words.isdisjoint(_COMPARATIVE) else 0.0
    superlative = 0.0 if words.isdisjoint(_SUPERLATIVE) else 1.0
    measurable = _fraction(len(words & _MEASURABLE), 2)
    government = 0.0 if words.isdisjoint(_GOVERNMENT) else 1.0

    # An all-capitals line ("DRONE ATTACKS") says nothing about names.
    capitalised = 0 if text.isupper() else len(_CAPITALISED.findall(text))
    if "entity" in kinds:
        capitalised = max(capitalised, 1)
    entity = _fraction(capitalised, 3)

    past = len(words & _PAST_FACTUAL) + len(_PAST_ED.findall(lower))
    past_factual = _fraction(past, 2)
    attribution = (
        1.0 if "quote" in kinds or "attribution" in kinds or not words.isdisjoint(_ATTRIBUTION) else 0.0
    )
    question = 1.0 if text.rstrip(" \t\n\"'”’)").endswith("?") else 0.0
    opinion = _fraction(len(words & _OPINION), 2)
    prescriptive = 0.0 if words.isdisjoint(_PRESCRIPTIVE) else 1.0
    hedge = 0.0 if words.isdisjoint(_HEDGE) else 1.0
    promise = 0.0 if words.isdisjoint(_FIRST_PERSON) or not _PROMISE.search(lower) else 1.0
    second_person = 0.0 if words.isdisjoint(_SECOND_PERSON) else 1.0
    greeting = 0.0 if words.isdisjoint(_GREETING) else 1.0
    short = 1.0 if n_words < 4 else 0.0
    length = _fraction(n_words, 40)
    return (
        digit,
        number_word,
        magnitude,
        date,
        comparative,
        superlative,
        measurable,
        government,
        entity,
        past_factual,
        attribution,
        question,
        opinion,
        prescriptive,
        hedge,
        promise,
        second_person,
        greeting,
        short,
        length,
    )


def score_checkworthiness(text: str, kinds: Collection[str] = ()) -> float:
    """How much ``text`` deserves a fact-checker's time, in ``[0, 1]``; 0.5 is the suggested cut.

    ``kinds`` are the annotation kinds the extractor already found in the statement (any of
    ``quantity``, ``date``, ``entity``, ``quote``, ``attribution``, ``comparison``); without them
    the score relies on its own lexical cues.
    """
    z = _INTERCEPT + sum(map(operator.mul, _COEFFICIENTS, checkworthiness_features(text, kinds)))
    # Clamp the exponent: float overflow is impossible with these weights, but be safe.
    return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, z))))
