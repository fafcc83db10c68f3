"""The editorial workflow around a check: inline suppressions, baselines, review decisions, and
the atomic writes they all rely on."""
