"""The core's default behaviour as ordinary plugins: the loaders, the statement splitter, the
annotation extractor, phrase rules and the combination policies (renderers: ``factcheck.reports``).
Each can be blocked with ``-p no:NAME`` and replaced by a third-party plugin."""
