"""factcheck-example-plugin: house-style checks on figures, as a worked example of a plugin."""

__version__ = "0.1.0"
