"""Relations between figures in different sentences and paragraphs, read from the article's ledger.

The sentence-level parsers (``relations``, ``compare``, ``calendar``) need a relation written in
one tight shape. Real copy spreads it out: a total in one paragraph and its parts in the next, a
sum converted into pounds twice at two different rates, "the 58 closures" three paragraphs after
"will close 85 branches", "bringing the network to 240" after "runs 212 clinics" and "18 more".
Each check here reads the ledger (``factcheck.plugin.article_ledger``): every figure with its
referent (what it counts), scale, time and hedge, and the links between referents. The window
each check looks across is a documented choice (``figures.WINDOWS``).

Precision first. A refutation needs the figures linked (one referent, or one synonym group, or
the structure of the copy itself: "Of the total", "the remaining", "bringing ... to"), compatible
units and scales, and arithmetic that fails beyond the writer's rounding and hedges. A weaker
link gives ``needs_review`` with the reason; no link gives nothing.

One module a kind of check: ``conversions``, ``scales``, ``restated_counts``,
``running_totals``, ``parts`` (with ``part_ties``), ``shares``, ``changes`` (with
``change_pairs``); ``figures`` holds what they share. The calendar checks across sentences
(dates, durations, ages) are ``calendar_spans`` and ``calendar_years``, over
``calendar_reading``. ``ledger_checks`` runs them all.
"""
