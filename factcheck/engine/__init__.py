"""The engine: one article in, one report out. Loading, statements, verifiers under deadlines,
combination, suppression; and the batch runner and ``Checker`` built on it."""
