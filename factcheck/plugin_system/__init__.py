"""The plugin system: the hook specifications, the plugin manager that finds and calls plugins,
the registry of what they contribute, and the base types a verifier, renderer or policy fills in.
Plugins never import this package: they import ``factcheck.plugin``."""
