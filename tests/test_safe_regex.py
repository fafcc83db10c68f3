from __future__ import annotations

import pytest

from factcheck.safe_regex import UnsafePatternError, compile_safe


@pytest.mark.parametrize(
    "pattern",
    [r"experts? (?:say|believe)", r"\bsources? close to\b", r"x{1,5}(y+)", r"(?<=\w)‘(?=s\b)", r"[A-Z]\w+"],
)
def test_ordinary_patterns_compile(pattern):
    assert compile_safe(pattern).pattern == pattern


@pytest.mark.parametrize(
    ("pattern", "reason"),
    [
        (r"(a+)+b", "nested"),
        (r"(\w+\s?)*$", "nested"),
        (r"(?:x*)*", "nested"),
        (r"((ab)*c)+", "nested"),
        (r"(a|b)\1", "backreference"),
        (r"(", "invalid"),
        ("a" * 2000, "longer"),
    ],
)
def test_dangerous_or_broken_patterns_are_refused(pattern, reason):
    with pytest.raises(UnsafePatternError, match=reason):
        compile_safe(pattern)
