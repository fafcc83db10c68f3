"""Real cross-sentence numeric relations in published news (issue 11), found independently.

The numeric verifier is being extended from relations inside one sentence to relations across
sentences and paragraphs. To measure it on real copy (``eval.numeric_cross_planted``) we need real
relations of each kind that HOLD as published. This finder looks for them in the two dev corpora
(BBC 2004-05, Reuters 1987) with its own rules; it never reads or imports the verifier
(``plugins/numeric``), only the shared quantity extractor ``factcheck.text.quantities`` for
number parsing, plus its own sentence splitter and patterns. Precision matters more than recall:
every rule below was tightened by reading what it found (``--show``), never by listing articles.

Kinds (issue 11) and the rule each is reported under:

1. NUM005 a total in one sentence and parts in the following ones that add up to it exactly, or
   a running total ("raised its stake to 653,600 shares" with "bought 68,000" elsewhere and
   "from 585,600"), in the same unit
2. NUM004 "A, or P%" whose whole is given in another sentence: A / whole matches P
3. NUM006 a definite restatement ("the 85 closures") of a count given in an earlier sentence
4. NUM009 one sum in two currencies: a conversion "£75m ($141m)" and the same sum restated in one
   of the currencies in another sentence, or two conversions whose exchange rates agree
5. NUM003/NUM001 a multiple or a percentage change in one sentence whose two figures are given
   in another ("a 40% drop in profits" ... "£75m compared with £125m a year earlier")
6. NUM011/NUM012/NUM013 an age against a birth year stated in another sentence; "N years
   later, in YEAR" against a year in an earlier sentence
7. NUM008 figures of the same thing in different sentences written with the same currency and
   scale (revenue "$3.7bn" ... "$3.4bn a year earlier"): a scale slip would contradict them

    .venv/bin/python -m eval.numeric_cross_finder              # counts per kind
    .venv/bin/python -m eval.numeric_cross_finder --show 3     # every instance of kind 3, in context
    .venv/bin/python -m eval.numeric_cross_finder --show 1 --sample 40

One module a kind (``totals``, ``shares``, ``counts``, ``currencies``, ``changes``,
``dates_and_ages``, ``scales``), over ``articles`` (the article split and parsed) and ``figures``
(what is reported, and the tests every kind shares); ``finders`` runs them and holds the command
line.
"""

from eval.numeric_cross_finder.articles import Doc, Q, Sentence, documents, parse, split_sentences
from eval.numeric_cross_finder.figures import Figure, Instance
from eval.numeric_cross_finder.finders import FINDERS, describe, find_all, find_in, main

__all__ = [
    "FINDERS",
    "Doc",
    "Figure",
    "Instance",
    "Q",
    "Sentence",
    "describe",
    "documents",
    "find_all",
    "find_in",
    "main",
    "parse",
    "split_sentences",
]
