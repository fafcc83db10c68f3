"""The article's ledger of quantities: every figure with what it counts, whose it is and when.

Relations between figures in real copy span sentences and paragraphs: a total in the second
paragraph and its parts in the fifth, a sum in dollars converted into pounds twice, "the 58
closures" restating "will close 85 branches". To check them a verifier needs more than the
quantity's value: it needs its **referent** (what it counts: "seats", "job cuts", "the budget"),
its **owner** (the name the clause is about), its **time** (a year or a period such as "last
year"), its **hedge** ("about", "more than") and its **scale** as written ("m", "billion"). The
ledger is built once per article by the core's annotator, from the quantities and dates it has
just extracted, and read by every plugin through ``factcheck.plugin.article_ledger`` (or
``VerifyContext.ledger``).

Referents are read with string operations from the few words around the figure: the counted
noun ("5,000 *jobs*", "1,500 *job cuts*", "the 460-*home* scheme"), the noun a sum is the amount
*of* ("*revenue* of £3bn", "a £12bn *programme*"), and the verb that acted on a count ("will
*close* 85 branches": the later "closures" may refer to it). Nouns are reduced to a lemma
(plural -> singular) and linked across sentences by lemma, head noun and the synonym groups of
the ``referent_synonyms`` lexicon (``rules/lexicons/referent-synonyms.toml``: "job cuts",
"jobs cut", "redundancies" are one thing). A link the ledger is not sure of is reported as
``None`` by :meth:`Ledger.link`, never as a guess: a verifier that needs a link then says nothing.

The package, one job a module: ``entries`` (what the ledger holds: ``Entry``, ``Conversion``,
``Ledger``), ``referents`` (what a figure counts), ``times`` (when it stands), ``words`` (the
word lists and lemmas both read with) and ``build`` (one article's ledger, and the synonyms).
"""

from factcheck.text.ledger.build import (
    article_ledger,
    build_ledger,
    lexicon_synonyms,
    shipped_synonyms,
    synonym_groups,
)
from factcheck.text.ledger.entries import UNIT_SIZES, Conversion, Entry, Ledger, Link, time_order
from factcheck.text.ledger.times import EARLIER_PERIODS, PRESENT_PERIODS
from factcheck.text.ledger.words import lemma

__all__ = [
    "EARLIER_PERIODS",
    "PRESENT_PERIODS",
    "UNIT_SIZES",
    "Conversion",
    "Entry",
    "Ledger",
    "Link",
    "article_ledger",
    "build_ledger",
    "lemma",
    "lexicon_synonyms",
    "shipped_synonyms",
    "synonym_groups",
    "time_order",
]
