"""The data model: the article side (what a loader produces, what statements point into) and the
verdict side (findings, evidence, combined outcomes, the report). Plugins reach these types through
``factcheck.plugin``."""
