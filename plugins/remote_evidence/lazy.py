"""A provider module's names that live in its private twin, imported on first use.

Each provider (``wikidata``, ``json_search``, ``factcheck_tools``) is split in two: the public
module holds its settings and the hook that registers it; the private one (``_wikidata``...) holds
the provider itself, which needs the HTTP door (``requests``). A run with the provider switched off
never imports the private module; code that asks the public one for the provider gets it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from typing import Any


def forwarding(module: str, private: str, names: Iterable[str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` for ``module``: ``names`` come from the module ``private``."""
    wanted = frozenset(names)

    def __getattr__(name: str) -> Any:
        if name in wanted:
            return getattr(importlib.import_module(private), name)
        raise AttributeError(f"module {module!r} has no attribute {name!r}")

    return __getattr__
