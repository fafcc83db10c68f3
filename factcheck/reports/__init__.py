"""The built-in report renderers (text, JSON, Markdown, HTML, SARIF, JUnit, GitHub), each an
ordinary plugin registered through ``register_renderers``."""
