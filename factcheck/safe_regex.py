"""Compiling regular expressions from rule files without opening a denial-of-service hole.

Rule files are data written by newsroom staff, so a pattern like ``(a+)+b`` must be refused at
load time rather than freeze a run on an unlucky sentence. Python's engine backtracks, so the
guard is structural: no nested unbounded repeats, no backreferences, bounded pattern length.
Inputs are bounded too: rules run per statement, never over a whole corpus at once.
"""

from __future__ import annotations

import importlib
import re
from typing import Any

MAX_PATTERN_LENGTH = 1000
_parser: Any = importlib.import_module("re._parser")
_consts: Any = importlib.import_module("re._constants")
_REPEATS = {_consts.MAX_REPEAT, _consts.MIN_REPEAT, _consts.POSSESSIVE_REPEAT}
_UNBOUNDED = _consts.MAXREPEAT


class UnsafePatternError(ValueError):
    """The pattern could backtrack catastrophically or is otherwise not allowed in a rule."""


def _check(parsed: Any, inside_unbounded_repeat: bool) -> None:
    for op, arg in parsed:
        if op in _REPEATS:
            _low, high, sub = arg
            unbounded = high == _UNBOUNDED or high > 100
            if unbounded and inside_unbounded_repeat:
                raise UnsafePatternError("nested unbounded repetition such as (a+)+ is not allowed")
            _check(sub, inside_unbounded_repeat or unbounded)
        elif op in (_consts.GROUPREF, _consts.GROUPREF_EXISTS):
            raise UnsafePatternError("backreferences are not allowed in rule patterns")
        elif op == _consts.SUBPATTERN:
            _check(arg[-1], inside_unbounded_repeat)
        elif op == _consts.BRANCH:
            for branch in arg[1]:
                _check(branch, inside_unbounded_repeat)
        elif op in (_consts.ASSERT, _consts.ASSERT_NOT):
            _check(arg[1], inside_unbounded_repeat)
        elif op == _consts.ATOMIC_GROUP:
            _check(arg, inside_unbounded_repeat)


def compile_safe(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """Compile ``pattern`` after proving it has no catastrophic-backtracking shape."""
    if len(pattern) > MAX_PATTERN_LENGTH:
        raise UnsafePatternError(f"pattern longer than {MAX_PATTERN_LENGTH} characters")
    try:
        parsed = _parser.parse(pattern, flags)
    except re.error as exc:
        raise UnsafePatternError(f"invalid regular expression: {exc}") from None
    _check(parsed, False)
    return re.compile(pattern, flags)
