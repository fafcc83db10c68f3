"""Running regular expressions from rule files on a linear-time engine.

Rule files are data written by newsroom staff, so one unlucky pattern must never freeze a run.
Python's ``re`` backtracks, and no structural guard catches every exponential shape (``(a|a)*b``,
``\\s*\\s*\\s*x``, nested bounded repeats all slip through one). So rule patterns do not run on
``re`` at all: they run on RE2 (``google-re2``), whose automata match in time linear in the text
whatever the pattern. The price is RE2's feature set: lookaround, backreferences, atomic groups
and possessive quantifiers cannot run there, and are refused at load time with a message that
says why.

Rule authors still write *Python* syntax, the one the docs describe: the pattern is parsed by
Python's own parser and re-emitted in RE2 syntax, so ``\\w``, ``\\d`` and ``\\s`` keep their Unicode
meaning (RE2's are ASCII-only), ``re.IGNORECASE``/``re.ASCII``/inline flags keep theirs, and a
syntax error reads as Python would report it. Differences that remain, pinned in
tests/test_safe_regex.py: ``\\b``/``\\B`` decide word boundaries on ASCII word
characters (RE2 cannot do better without lookaround), and ``$`` without ``re.MULTILINE`` matches
only at the very end (Python also allows it before one final newline); and after an *empty*
match ``finditer`` resumes one character later (Python first retries the same place for a
non-empty one) -- rule loaders refuse patterns that match the empty string anyway; and a
repeated group that can itself match nothing (``(?:a*|.)*``) may settle on another alternative.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol

import re2

MAX_PATTERN_LENGTH = 1000
#: RE2 program size (instructions) above which a pattern is refused: time is linear in the text
#: but proportional to this, so a pattern like ``[\\w\\s]{500}`` must not multiply every match.
MAX_PROGRAM_SIZE = 100_000
_parser: Any = importlib.import_module("re._parser")
_c: Any = importlib.import_module("re._constants")

# Python's Unicode classes (str.isalnum / str.isspace / Nd), spelled for RE2.
_UNI_WORD = r"\p{L}\p{N}_"
_UNI_DIGIT = r"\p{Nd}"
_UNI_SPACE = (
    r"\t-\r\x{1c}-\x{20}\x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}"
)
_ASCII_WORD = r"0-9A-Za-z_"
_ASCII_DIGIT = r"0-9"
_ASCII_SPACE = r"\t-\r\x{20}"
_NEGATED = {
    _c.CATEGORY_NOT_WORD: _c.CATEGORY_WORD,
    _c.CATEGORY_NOT_DIGIT: _c.CATEGORY_DIGIT,
    _c.CATEGORY_NOT_SPACE: _c.CATEGORY_SPACE,
}
_UNSUPPORTED = "is not supported in rule patterns: rule regexes run on a linear-time engine"


class UnsafePatternError(ValueError):
    """The pattern cannot run on the linear-time engine or is otherwise not allowed in a rule."""


class RuleMatch(Protocol):
    """The part of ``re.Match`` that rule code uses; RE2's match objects provide it."""

    def start(self, group: int = 0) -> int: ...
    def end(self, group: int = 0) -> int: ...
    def span(self, group: int = 0) -> tuple[int, int]: ...
    def group(self, *groups: int | str) -> Any: ...


class SafePattern:
    """A compiled rule pattern with the subset of ``re.Pattern`` the code uses, backed by RE2.

    ``pattern`` and ``flags`` are as the rule wrote them (Python syntax); ``engine_pattern`` is the
    RE2 translation, for debugging. Text holding lone surrogates (a file decoded with
    ``surrogateescape``) cannot be encoded for RE2; such text is searched with each surrogate
    read as U+FFFD, which keeps every offset.
    """

    __slots__ = ("_compiled", "engine_pattern", "flags", "groupindex", "pattern")

    def __init__(self, pattern: str, flags: int, engine_pattern: str, compiled: Any) -> None:
        self.pattern = pattern
        self.flags = flags
        self.engine_pattern = engine_pattern
        self._compiled = compiled
        #: Group name to number: RE2's match objects take numbers only in ``span``/``start``/``end``.
        self.groupindex: dict[str, int] = dict(compiled.groupindex)

    def finditer(self, text: str) -> Iterator[RuleMatch]:
        try:
            return iter(list(self._compiled.finditer(text)))
        except UnicodeEncodeError:
            return iter(list(self._compiled.finditer(_scrub(text))))

    def search(self, text: str) -> RuleMatch | None:
        return self._call(self._compiled.search, text)

    def match(self, text: str) -> RuleMatch | None:
        return self._call(self._compiled.match, text)

    def fullmatch(self, text: str) -> RuleMatch | None:
        return self._call(self._compiled.fullmatch, text)

    @staticmethod
    def _call(method: Callable[[str], RuleMatch | None], text: str) -> RuleMatch | None:
        try:
            return method(text)
        except UnicodeEncodeError:
            return method(_scrub(text))

    def __repr__(self) -> str:
        return f"SafePattern({self.pattern!r}, flags={self.flags!r})"


_SURROGATE = re.compile("[\ud800-\udfff]")


def _scrub(text: str) -> str:
    return _SURROGATE.sub("\ufffd", text)


def _hex(code: int) -> str:
    char = chr(code)
    return char if char.isascii() and char.isalnum() else f"\\x{{{code:x}}}"


def _category_items(category: Any, ascii_only: bool) -> str:
    if category == _c.CATEGORY_WORD:
        return _ASCII_WORD if ascii_only else _UNI_WORD
    if category == _c.CATEGORY_DIGIT:
        return _ASCII_DIGIT if ascii_only else _UNI_DIGIT
    if category == _c.CATEGORY_SPACE:
        return _ASCII_SPACE if ascii_only else _UNI_SPACE
    raise UnsafePatternError(f"character class {category} is not supported in rule patterns")


def _refusal(op: Any, arg: Any) -> UnsafePatternError:
    """Why a construct RE2 cannot run (or that rule patterns do not need) is refused."""
    if op == _c.POSSESSIVE_REPEAT:
        return UnsafePatternError(f"a possessive quantifier {_UNSUPPORTED}")
    if op == _c.ATOMIC_GROUP:
        return UnsafePatternError(f"an atomic group (?>...) {_UNSUPPORTED}")
    if op in (_c.ASSERT, _c.ASSERT_NOT):
        kind = "lookahead" if arg[0] >= 0 else "lookbehind"
        negative = "negative " if op == _c.ASSERT_NOT else ""
        return UnsafePatternError(f"{negative}{kind} {_UNSUPPORTED}")
    if op in (_c.GROUPREF, _c.GROUPREF_EXISTS):
        return UnsafePatternError(f"a backreference {_UNSUPPORTED}")
    return UnsafePatternError(f"regex construct {op} is not supported in rule patterns")


class _Emitter:
    """Re-emits a pattern parsed by ``re._parser`` in RE2 syntax, refusing what RE2 cannot run."""

    def __init__(self, names: dict[int, str], capture: bool) -> None:
        self.names = names
        self.capture = capture

    def seq(self, parsed: Iterable[tuple[Any, Any]], flags: int) -> str:
        return "".join(self.item(op, arg, flags) for op, arg in parsed)

    def item(self, op: Any, arg: Any, flags: int) -> str:
        if op == _c.LITERAL:
            return _hex(arg)
        if op == _c.NOT_LITERAL:
            return f"[^{_hex(arg)}]"
        if op == _c.ANY:
            return r"[\x{0}-\x{10ffff}]" if flags & re.DOTALL else r"[^\n]"
        if op == _c.IN:
            return self.charset(arg, flags)
        if op == _c.BRANCH:
            return "(?:" + "|".join(self.seq(branch, flags) for branch in arg[1]) + ")"
        if op == _c.SUBPATTERN:
            return self.group(arg, flags)
        if op in (_c.MAX_REPEAT, _c.MIN_REPEAT):
            return self.repeat(op, arg, flags)
        if op == _c.AT:
            return self.anchor(arg, flags)
        raise _refusal(op, arg)

    def group(self, arg: Any, flags: int) -> str:
        number, add, delete, sub = arg
        inner_flags = (flags | add) & ~delete
        body = self.seq(sub, inner_flags)
        if (add | delete) & re.IGNORECASE:
            body = ("(?i:" if inner_flags & re.IGNORECASE else "(?-i:") + body + ")"
        if number is None or not self.capture:
            return "(?:" + body + ")"
        name = self.names.get(number)
        return f"(?P<{name}>{body})" if name else f"({body})"

    def repeat(self, op: Any, arg: Any, flags: int) -> str:
        low, high, sub = arg
        body = "(?:" + self.seq(sub, flags) + ")"
        if high == _c.MAXREPEAT:
            count = {0: "*", 1: "+"}.get(low, f"{{{low},}}")
        elif (low, high) == (0, 1):
            count = "?"
        else:
            count = f"{{{low}}}" if low == high else f"{{{low},{high}}}"
        return body + count + ("?" if op == _c.MIN_REPEAT else "")

    def anchor(self, at: Any, flags: int) -> str:
        multiline = bool(flags & re.MULTILINE)
        if at == _c.AT_BEGINNING:
            return "(?m:^)" if multiline else r"\A"
        if at == _c.AT_END:
            return "(?m:$)" if multiline else r"\z"
        if at == _c.AT_BEGINNING_STRING:
            return r"\A"
        if at == _c.AT_END_STRING:
            return r"\z"
        if at == _c.AT_BOUNDARY:
            return r"\b"
        if at == _c.AT_NON_BOUNDARY:
            return r"\B"
        raise UnsafePatternError(f"anchor {at} is not supported in rule patterns")

    def charset(self, items: list[tuple[Any, Any]], flags: int) -> str:
        """A class; ``[\\W...]`` becomes an alternation, since RE2 classes cannot nest negations."""
        ascii_only = bool(flags & re.ASCII)
        negate = bool(items) and items[0][0] == _c.NEGATE
        positive: list[str] = []
        negated: list[str] = []
        for op, arg in items[1:] if negate else items:
            if op == _c.LITERAL:
                positive.append(_hex(arg))
            elif op == _c.RANGE:
                positive.append(f"{_hex(arg[0])}-{_hex(arg[1])}")
            elif op == _c.CATEGORY and arg in _NEGATED:
                negated.append(_category_items(_NEGATED[arg], ascii_only))
            elif op == _c.CATEGORY:
                positive.append(_category_items(arg, ascii_only))
            else:
                raise UnsafePatternError(f"character-class item {op} is not supported in rule patterns")
        if not negated:
            return ("[^" if negate else "[") + "".join(positive) + "]"
        if negate:
            return self.negated_charset(items[1:], flags)
        parts = ([f"[{''.join(positive)}]"] if positive else []) + [f"[^{n}]" for n in negated]
        return "(?:" + "|".join(parts) + ")"

    def negated_charset(self, items: list[tuple[Any, Any]], flags: int) -> str:
        """``[^\\W...]``, ``[^\\S...]``: the complement of a complement, i.e. one class minus the rest.

        RE2 has no class subtraction, so the result is spelled out: finite sets (whitespace,
        ASCII classes) by testing each member, Unicode letters/digits by dropping properties.
        """
        categories = [arg for op, arg in items if op == _c.CATEGORY and arg in _NEGATED]
        rest = [(op, arg) for op, arg in items if not (op == _c.CATEGORY and arg in _NEGATED)]
        if len(categories) == 1:
            base = _NEGATED[categories[0]]
            ascii_only = bool(flags & re.ASCII)
            if base == _c.CATEGORY_SPACE or ascii_only:
                members = _SPACES if base == _c.CATEGORY_SPACE and not ascii_only else _ascii_members(base)
                removed = _members_of(rest, flags)
                return "[" + "".join(_hex(ord(ch)) for ch in members if ch not in removed) + "]"
            without = {(op, arg) for op, arg in rest}
            if base == _c.CATEGORY_WORD and without <= {(_c.CATEGORY, _c.CATEGORY_DIGIT), (_c.LITERAL, 95)}:
                no_digits = (_c.CATEGORY, _c.CATEGORY_DIGIT) in without
                letters = r"\p{L}\p{Nl}\p{No}" if no_digits else r"\p{L}\p{N}"
                return "[" + letters + ("" if (_c.LITERAL, 95) in without else "_") + "]"
            if base == _c.CATEGORY_DIGIT and not rest:
                return "[" + _UNI_DIGIT + "]"
        raise UnsafePatternError(
            r"this negated class with \W, \D or \S is not supported in rule patterns; "
            r"name the characters instead (letters: \p{L}; whitespace except newline: [ \t])"
        )


_SPACES = "".join(ch for ch in map(chr, range(0x3001)) if ch.isspace())


def _ascii_members(category: Any) -> str:
    if category == _c.CATEGORY_SPACE:
        return " \t\n\r\f\v"
    ascii_chars = [chr(code) for code in range(128)]
    if category == _c.CATEGORY_DIGIT:
        return "".join(ch for ch in ascii_chars if ch.isdigit())
    return "".join(ch for ch in ascii_chars if ch.isalnum() or ch == "_")


def _members_of(items: list[tuple[Any, Any]], flags: int) -> set[str]:
    """Which characters of the small candidate sets a class body matches, asked of Python's engine."""
    if not items:
        return set()
    pattern = re.compile(_python_class(items), flags)
    return {ch for ch in map(chr, range(0x3001)) if pattern.fullmatch(ch)}


def _python_class(items: list[tuple[Any, Any]]) -> str:
    spelled = {_c.CATEGORY_WORD: r"\w", _c.CATEGORY_DIGIT: r"\d", _c.CATEGORY_SPACE: r"\s"}
    parts = []
    for op, arg in items:
        if op == _c.LITERAL:
            parts.append(re.escape(chr(arg)))
        elif op == _c.RANGE:
            parts.append(f"{re.escape(chr(arg[0]))}-{re.escape(chr(arg[1]))}")
        elif op == _c.CATEGORY and arg in spelled:
            parts.append(spelled[arg])
        else:
            raise UnsafePatternError(f"character-class item {op} is not supported in rule patterns")
    return "[" + "".join(parts) + "]"


def translate(pattern: str, flags: int = 0, *, capture: bool = True) -> str:
    """``pattern`` (Python syntax, ``flags``) in RE2 syntax; ``UnsafePatternError`` if RE2 can't run it.

    ``capture=False`` turns every group non-capturing, so patterns can be joined without their
    group names clashing.
    """
    if len(pattern) > MAX_PATTERN_LENGTH:
        raise UnsafePatternError(f"pattern longer than {MAX_PATTERN_LENGTH} characters")
    try:
        parsed = _parser.parse(pattern, flags)
    except re.error as exc:
        raise UnsafePatternError(f"invalid regular expression: {exc}") from None
    global_flags = parsed.state.flags
    names = {number: name for name, number in parsed.state.groupdict.items()}
    body = _Emitter(names, capture).seq(parsed, global_flags)
    return ("(?i)" if global_flags & re.IGNORECASE else "") + body


def _engine(engine_pattern: str, shown: str) -> Any:
    options = re2.Options()
    options.log_errors = False
    try:
        compiled = re2.compile(engine_pattern, options)
    except re2.error as exc:
        raw = exc.args[0] if exc.args else ""
        message = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
        raise UnsafePatternError(f"pattern {shown!r} is too large or too deeply nested: {message}") from None
    if compiled.programsize > MAX_PROGRAM_SIZE:
        raise UnsafePatternError(
            f"pattern {shown!r} compiles to {compiled.programsize} steps (limit {MAX_PROGRAM_SIZE}); "
            "use smaller repeat counts"
        )
    return compiled


def compile_safe(pattern: str, flags: int = 0) -> SafePattern:
    """Compile a rule pattern (Python syntax) to run in linear time, or raise ``UnsafePatternError``."""
    engine_pattern = translate(pattern, flags)
    return SafePattern(pattern, flags, engine_pattern, _engine(engine_pattern, pattern))


def compile_any(patterns: Iterable[str], flags: int = 0) -> SafePattern:
    """One pattern matching wherever any of ``patterns`` does (leftmost match; earlier listed
    pattern wins a tie), with all groups non-capturing: one pass instead of one per pattern,
    and two patterns may reuse a group name."""
    listed = list(patterns)
    if not listed:
        raise UnsafePatternError("no patterns to join")
    engine_pattern = "|".join(f"(?:{translate(p, flags, capture=False)})" for p in listed)
    joined = "|".join(f"(?:{p})" for p in listed)
    return SafePattern(joined, flags, engine_pattern, _engine(engine_pattern, joined))
