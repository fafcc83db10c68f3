"""The version, in one place: pyproject reads it, and ``factcheck --version`` prints it without
importing importlib.metadata (22 ms of a 65 ms start-up)."""

__version__ = "0.1.0"
