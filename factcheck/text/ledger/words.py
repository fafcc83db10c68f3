"""The words the ledger reads referents with: stop words, verb-like words, scale words, the
patterns before a sum ("revenue of", "will close"), and the lemma and verb stem that let
"closures" match "closure" and "close". Shared by the referent reader and the ledger's links,
so both reduce a word the same way."""

from __future__ import annotations

import re

from factcheck.text.units import CHANGE_VERBS

WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
STOP_WORDS = frozenset(
    """a an the and or but nor of to in on at for by from with without into onto over under about
    above below after before since until than as per via vs is are was were be been being has have
    had will would could should may might can must shall do does did not no that which who whom
    whose what when where why how this these those it its their his her our your my there here then
    so such also only just even still yet ago later earlier each every all both either neither any
    some more most less least many much few several other another same very too while if though
    because against among between through during including like near off out up down back around
    across along apiece times percent pct cent per said says say year years month months week weeks
    day days mln bln billion million thousand trillion bn m k dlrs dlr stg pounds dollars euros yen
    respectively""".split()
)
# Words written between a number and its noun that do not change what is counted.
MODIFIERS = frozenset(
    """new more additional extra further other different separate key major minor small large big
    main top full whole successive young old senior junior former current local full-time part-time
    permanent temporary existing planned proposed remaining biggest largest greatest leading""".split()
)
VERBISH = CHANGE_VERBS | frozenset(
    """took take takes made make makes went go goes came come comes saw see sees gave give gives
    paid pay pays spent spend spends earned earn earns raised raise raises will would has have had
    was were is are won win wins lost""".split()
)
INCREMENT_WORDS = frozenset("new more additional extra further another".split())
_IRREGULAR = {
    "people": "person", "men": "man", "women": "woman", "children": "child", "staff": "staff",
    "police": "police", "personnel": "personnel", "data": "data", "media": "media", "sheep": "sheep",
    "cattle": "cattle", "aircraft": "aircraft", "troops": "troop", "feet": "foot", "teeth": "tooth",
    "mice": "mouse", "geese": "goose", "lives": "life", "wives": "wife", "knives": "knife",
    "series": "series", "species": "species", "buses": "bus", "gases": "gas", "bonuses": "bonus",
    "news": "news", "analyses": "analysis", "crises": "crisis",
}  # fmt: skip
SCALE_OF = {
    "k": "thousand", "thousand": "thousand", "m": "million", "mn": "million", "mln": "million",
    "mil": "million", "million": "million", "b": "billion", "bn": "billion", "bln": "billion",
    "billion": "billion", "t": "trillion", "tn": "trillion", "trn": "trillion", "trln": "trillion",
    "trillion": "trillion",
}  # fmt: skip
SCALE_TOKEN = re.compile(
    r"(?<=\d)(k|m|mn|bn|b|tn|t)\b|\b(thousand|million|mln|mn|mil|billion|bln|bn|trillion|tn|trn|trln)\b", re.I
)
# "revenue of £3bn", "a budget of", "sales were", "the deficit stood at": the noun a sum is of.
OF_BEFORE = re.compile(
    r"(?:\b(?P<pre>[A-Za-z][a-z'’-]+)\s+)??\b(?P<noun>[a-z][a-z'’-]+)"
    # "net profit for 2023 rose to", "sales in the first quarter were": the time between noun and verb
    r"(?:\s+(?:for|in)\s+(?:the\s+)?(?:(?:19|20)\d\d(?:/\d{1,4})?|(?:full\s+|fiscal\s+|financial\s+)?year|"
    r"(?:first|second|third|fourth|final|latest)\s+(?:quarter|half)|quarter|period))?"
    # "borrowing is tipped to fall to", "sales are expected to reach"
    r"(?:\s+(?:is|are|was|were)\s+(?:expected|forecast|tipped|set|likely|projected|due|predicted)\s+"
    r"to(?=\s+(?:rise|fall|reach|hit|grow|drop|climb|top|exceed|increase|decrease)\b))?"
    r"(?:\s+(?:of|was|were|is|are|totalled|totaled|totalling|reached|"
    r"stood\s+at|amounted\s+to|came\s+to|worth|valued\s+at|costing|cost|at|"
    r"(?:is|are|was|were|be)\s+(?:worth|valued\s+at)|"
    r"(?:rose|fell|increased|decreased|improved|declined|dropped|climbed|grew|jumped|slipped|"
    r"rise|fall|increase|decrease|reach|hit|grow|drop|climb|top|exceed|"
    r"totalled|totaled|reached|widened|narrowed|was\s+revised\s+(?:up|down))(?:\s+(?:to|by))?))\s+"
    r"(?:(?:an?|the|about|around|some|nearly|almost|over|more\s+than|less\s+than|roughly|just|"
    r"approximately|an\s+estimated|estimated)\s+)*$",
    re.I,
)
VERB_BEFORE = re.compile(
    # "is to pay Fiat 1.55bn euros": a name between the verb and the sum is its indirect object
    r"\b(?P<verb>[a-z]+)\s+(?:(?-i:[A-Z][a-z]+)\s+)?"
    r"(?:(?:a|an|the|its|their|another|some|about|around|nearly|almost|over|"
    r"more\s+than|up\s+to|at\s+least|a\s+further|an\s+extra|a\s+total\s+of)\s+)*$",
    re.I,
)


def lemma(word: str) -> str:
    """A noun's lemma as the ledger compares them: lower case, singular ("closures" -> "closure")."""
    low = word.lower().replace("’", "'").removesuffix("'s").strip("'-")
    if low in _IRREGULAR:
        return _IRREGULAR[low]
    if len(low) > 4 and low.endswith("ies"):
        return low[:-3] + "y"
    if len(low) > 4 and low.endswith(("ches", "shes", "sses", "xes", "zes")):
        return low[:-2]
    if len(low) > 3 and low.endswith("s") and not low.endswith(("ss", "us", "is")):
        return low[:-1]
    return low


def verb_stem(word: str) -> str:
    """A crude stem of a verb or its noun, for verb -> noun links ("close"/"closed"/"closure")."""
    low = word.lower()
    for suffix in ("ures", "ure", "ings", "ing", "ed", "es", "s", "e"):
        if low.endswith(suffix) and len(low) - len(suffix) >= 3:
            return low[: -len(suffix)]
    return low
