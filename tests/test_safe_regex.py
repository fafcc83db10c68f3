"""Rule patterns run on RE2: linear time whatever the pattern, Python syntax and meaning kept."""

from __future__ import annotations

import re

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from factcheck.rules.safe_regex import UnsafePatternError, compile_any, compile_safe, translate
from tests.bounded import finishes


@pytest.mark.parametrize(
    "pattern",
    [r"experts? (?:say|believe)", r"\bsources? close to\b", r"x{1,5}(y+)", r"[A-Z]\w+", r"(?P<name>\d+)%"],
)
def test_ordinary_patterns_compile_and_keep_their_text(pattern):
    assert compile_safe(pattern).pattern == pattern


@pytest.mark.parametrize(
    "pattern",
    # Each of these slipped past the old structural guard and ran > 5 s on 28 characters in ``re``.
    [r"(a|a)*b", r"(a{0,30}){0,30}b", r"\s*\s*\s*\s*\s*\s*x", r"(a+)+b", r"(\w+\s?)*$", r"(?:x*)*y"],
)
def test_catastrophic_shapes_run_in_linear_time(pattern):
    finishes(
        f"""
        from factcheck.rules.safe_regex import compile_safe
        text = ("a" * 28 + " " * 28) * 200
        found = [m.span() for m in compile_safe({pattern!r}).finditer(text)]
        assert all(0 <= s <= e <= len(text) for s, e in found)
        """
    )


@pytest.mark.parametrize(
    ("pattern", "reason"),
    [
        (
            r"(?<=[A-Za-z])‘",
            "lookbehind is not supported in rule patterns: rule regexes run on a linear-time engine",
        ),
        (r"(?<!\w)x", "negative lookbehind"),
        (r"x(?=s)", "lookahead"),
        (r"(a|b)\1", "backreference"),
        (r"(?P<q>a)(?(q)b|c)", "backreference"),
        (r"a++", "possessive"),
        (r"(?>ab)", "atomic"),
        (r"[^\Wa]", "negated class"),
        (r"(a{0,100}){0,100}b", "too large or too deeply nested"),
        (r"a{5000}", "too large"),
        (r"(", "invalid"),
        ("a" * 2000, "longer"),
    ],
)
def test_patterns_the_engine_cannot_run_are_refused_clearly(pattern, reason):
    with pytest.raises(UnsafePatternError, match=re.escape(reason)):
        compile_safe(pattern)


def test_unicode_classes_keep_python_meaning():
    text = "Peña said 12 ٣ people\u00a0left café_x"
    for pattern in [r"\w+", r"\d+", r"\s", r"[^\W\d_]+", r"[^\W\d]+", r"[^\S\n]", r"[\W\d]+", r"\S+"]:
        assert [m.span() for m in compile_safe(pattern).finditer(text)] == [
            m.span() for m in re.finditer(pattern, text)
        ], pattern


def test_flags_are_honoured():
    assert compile_safe("russia", re.IGNORECASE).search("in RUSSIA today") is not None
    assert compile_safe("russia").search("in RUSSIA today") is None
    assert compile_safe(r"(?i)ab(?-i:c)").search("ABC") is None
    assert compile_safe(r"(?i)ab(?-i:c)").search("ABc") is not None
    assert compile_safe(r"a.b").search("a\nb") is None
    assert compile_safe(r"a.b", re.DOTALL).search("a\nb") is not None
    assert compile_safe(r"^b", re.MULTILINE).search("a\nb") is not None
    assert compile_safe(r"^b").search("a\nb") is None
    assert compile_safe(r"(?a)\w+").search("é") is None


def test_match_objects_report_str_offsets_and_groups():
    found = compile_safe(r"é(?P<x>x+)", re.IGNORECASE).search("caféÉXX!")
    assert found is not None
    assert found.span() == (4, 7)
    assert (found.start(), found.end(), found.group(0)) == (4, 7, "ÉXX")
    assert found.group("x") == "XX"
    assert compile_safe("sub").match("subscribe") is not None
    assert compile_safe("sub").match("a sub") is None


def test_lone_surrogates_do_not_crash_and_keep_offsets():
    text = "a\udcff insider"
    assert [m.span() for m in compile_safe("insider").finditer(text)] == [(3, 10)]
    assert compile_safe(".").match("\ud800") is not None


def test_known_differences_from_python_are_pinned():
    """Documented in the module: ASCII ``\\b`` and end-only ``$``; here so a change is noticed."""
    assert compile_safe(r"\bña\b").search("Peña") is not None  # ASCII \b sees a boundary at ñ|a
    assert compile_safe(r"end$").search("the end\n") is None  # Python's $ also allows a final \n


def test_compile_any_joins_patterns_even_with_clashing_group_names():
    joined = compile_any([r"(?P<w>insiders?)", r"(?P<w>sources?) said"], re.IGNORECASE)
    assert [m.group(0) for m in joined.finditer("Sources said an Insider")] == ["Sources said", "Insider"]
    with pytest.raises(UnsafePatternError, match="lookahead"):
        compile_any(["a", "b(?=c)"])


_ATOMS = st.sampled_from(
    [
        "a",
        "b",
        "ab",
        ".",
        r"\w",
        r"\d",
        r"\s",
        r"\W",
        "[ab]",
        "[^a]",
        r"[\w-]",
        "[a-c]",
        r"[^\W\d]",
        " ",
        "é",
        "É",
    ]
)


@st.composite
def _patterns(draw: st.DrawFn, depth: int = 0) -> str:
    parts = []
    for _ in range(draw(st.integers(1, 3))):
        atom = f"(?:{draw(_patterns(depth + 1))})" if depth < 2 and draw(st.booleans()) else draw(_ATOMS)
        kind = draw(st.sampled_from(["", "group", "alt"]))
        if kind == "group":
            atom = f"(?:{atom})"
        elif kind == "alt":
            atom = f"(?:{atom}|{draw(_ATOMS)})"
        if re.fullmatch(atom, "") is None:  # repeating what can match nothing: see the module docstring
            atom += draw(st.sampled_from(["", "*", "+", "?", "{1,2}", "*?", "+?", "{2}"]))
        parts.append(atom)
    return "".join(parts)


@settings(max_examples=300, deadline=None)
@given(_patterns(), st.text(alphabet="abcAB é\nÉ1_-٣", max_size=30), st.booleans())
def test_same_matches_as_python(pattern, text, ignorecase):
    flags = re.IGNORECASE if ignorecase else 0
    assume(re.fullmatch(pattern, "", flags) is None)  # empty matches: see the module docstring
    ours = [m.span() for m in compile_safe(pattern, flags).finditer(text)]
    assert ours == [m.span() for m in re.finditer(pattern, text, flags)], translate(pattern, flags)
