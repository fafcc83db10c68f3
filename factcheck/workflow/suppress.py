"""Inline suppressions: an editor silences one finding in the article itself, with a reason.

    <!-- factcheck: ignore SRC002 reason="named in the print edition" -->   the next statement
    <!-- factcheck: disable STY004 reason="quotes a court ruling" -->       from here ...
    <!-- factcheck: enable STY004 -->                                      ... to here (or the end)

Codes may be prefixes (``STY``) or a comma-separated list. The reason is in double quotes
(``\\"`` inside for a quote), single quotes or typographic quotes. The directives work in every
format (in plain text they are simply written as they are), are blanked out of ``Article.plain``
so they never become statements, and a directive without a reason suppresses nothing and is
itself a finding (``FC004``): a newsroom must be able to see why each finding was silenced.

Any ``<!-- factcheck:`` comment that does not parse (``reason=named`` without quotes, a
misspelt verb, no closing ``-->``) is a ``FC004`` finding too, with verb ``malformed``: an
editor who believes a finding is silenced must learn that it is not.

Parsing is two-step and linear: a fixed-string scan for the openers, then a bounded look at each
comment's body (at most ``_MAX_BODY`` characters), so no input makes the regexes backtrack.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from factcheck.model.article import Article, Statement

VERBS = ("ignore", "disable", "enable")
_MAX_BODY = 1000
_OPENER = re.compile(r"<!--\s*factcheck\s*:", re.IGNORECASE)
_VERB = re.compile(r"\s*([A-Za-z]+)")
_REASON_KEY = re.compile(r"\breason\s*=", re.IGNORECASE)
_CODE = re.compile(r"[A-Za-z]{1,3}[0-9]{0,3}")  # a rule code (SRC002) or a prefix of one (SRC)
_CODE_LIKE = re.compile(r"\b[A-Z]{1,3}[0-9]{3}\b")
# Each alternative is one quoted string; the inner repetition is bounded and its branches start
# with different characters, so matching is linear.
_REASON = re.compile(
    r"""reason\s*=\s*(?:"(?P<double>(?:[^"\\\n]|\\.){0,500})"|'(?P<single>(?:[^'\\\n]|\\.){0,500})'"""
    r"""|“(?P<curly>[^”\n]{0,500})”)\s*""",
    re.IGNORECASE,
)
_ESCAPE = re.compile(r"\\(.)")
_TAG = re.compile(r"<[^<>]{0,300}>")  # markup and other directives before a directive on its line


@dataclass(frozen=True)
class Directive:
    """One ``<!-- factcheck: ... -->`` comment; ``verb`` is ``malformed`` when it did not parse,
    and then ``problem`` says why and ``codes`` holds whatever codes could be made out."""

    verb: str
    codes: tuple[str, ...]
    reason: str | None
    start: int
    end: int
    problem: str = ""
    trailing: bool = False  # text before it on its line: it is about that line's statement
    line_start: int = 0  # where its line starts in the source

    def covers(self, code: str) -> bool:
        return any(code.startswith(c) for c in self.codes)


@dataclass(frozen=True)
class Suppression:
    """A span of the article in which some codes are silenced, and why."""

    codes: tuple[str, ...]
    start: int
    end: int
    reason: str
    directive: int = -1  #: index of the directive that made it, to tell which silenced nothing

    def applies(self, code: str, offset: int) -> bool:
        return self.start <= offset < self.end and any(code.startswith(c) for c in self.codes)


def _malformed(body: str, start: int, end: int, problem: str, codes: tuple[str, ...] = ()) -> Directive:
    codes = codes or tuple(dict.fromkeys(_CODE_LIKE.findall(body)))
    return Directive("malformed", codes or ("(no codes)",), None, start, end, problem)


def _parse(body: str, start: int, end: int) -> Directive:
    """One directive from the text between ``factcheck:`` and ``-->``."""
    verb_match = _VERB.match(body)
    verb = verb_match.group(1).lower() if verb_match else ""
    if verb not in VERBS:
        shown = f"{verb!r}" if verb else "nothing"
        return _malformed(body, start, end, f"expected ignore, disable or enable, found {shown}")
    rest = body[verb_match.end() if verb_match else 0 :]
    reason_key = _REASON_KEY.search(rest)
    codes_text = rest[: reason_key.start()] if reason_key else rest
    tokens = [t for t in codes_text.replace(",", " ").split() if t]
    if not tokens:
        return _malformed(body, start, end, f"{verb} names no rule codes")
    bad = next((t for t in tokens if not _CODE.fullmatch(t)), None)
    if bad is not None:
        return _malformed(body, start, end, f"{bad!r} is not a rule code (SRC002) or prefix (SRC)")
    codes = tuple(t.upper() for t in tokens)
    reason: str | None = None
    if reason_key is not None:
        quoted = _REASON.fullmatch(rest, reason_key.start())
        if quoted is None:
            return _malformed(
                body, start, end, 'the reason must be quoted: reason="…" (\\" for a quote inside)', codes
            )
        if quoted.group("double") is not None:
            text = _ESCAPE.sub(r"\1", quoted.group("double"))
        elif quoted.group("single") is not None:
            text = _ESCAPE.sub(r"\1", quoted.group("single"))
        else:
            text = quoted.group("curly") or ""
        reason = text.strip() or None
    return Directive(verb, codes, reason, start, end)


def find_directives(source: str) -> list[Directive]:
    """Every ``<!-- factcheck:`` comment in ``source``, parsed or marked ``malformed``."""
    found: list[Directive] = []
    position = 0
    while True:
        opener = _OPENER.search(source, position)
        if opener is None:
            return found
        close = source.find("-->", opener.end(), opener.end() + _MAX_BODY + 3)
        if close < 0:
            # Blank the rest of the line, but never more than a directive could hold: minified
            # HTML is one long line, and its text must still be checked.
            line_end = source.find("\n", opener.end(), opener.end() + _MAX_BODY)
            end = min(len(source), opener.end() + _MAX_BODY) if line_end < 0 else line_end
            found.append(_malformed(source[opener.end() : end], opener.start(), end, "no closing --> nearby"))
            position = end
            continue
        directive = _parse(source[opener.end() : close], opener.start(), close + 3)
        line_start = source.rfind("\n", 0, opener.start()) + 1
        before = _TAG.sub("", source[line_start : opener.start()]).strip()
        if before:
            directive = replace(directive, trailing=True, line_start=line_start)
        found.append(directive)
        position = close + 3


def mask_directives(article: Article, directives: list[Directive]) -> Article:
    """Blank the directives out of ``plain`` so they are never statements."""
    if not directives:
        return article
    plain = list(article.plain)
    for directive in directives:
        for index in range(directive.start, directive.end):
            if plain[index] != "\n":
                plain[index] = " "
    return article.model_copy(update={"plain": "".join(plain)})


def suppressions(directives: list[Directive], statements: list[Statement], length: int) -> list[Suppression]:
    """Turn directives with reasons into suppressed spans; ``ignore`` covers the next statement."""
    spans: list[Suppression] = []
    open_blocks: dict[str, tuple[int, str, int]] = {}
    for index, directive in enumerate(directives):
        if directive.verb == "malformed" or (directive.reason is None and directive.verb != "enable"):
            continue
        if directive.verb == "ignore":
            target = _ignored_span(directive, statements)
            if target is not None:
                spans.append(Suppression(directive.codes, *target, directive.reason or "", index))
        elif directive.verb == "disable":
            for code in directive.codes:
                open_blocks[code] = (directive.end, directive.reason or "", index)
        else:
            for code in directive.codes:
                if code in open_blocks:
                    start, reason, opened = open_blocks.pop(code)
                    spans.append(Suppression((code,), start, directive.start, reason, opened))
    for code, (start, reason, opened) in open_blocks.items():
        spans.append(Suppression((code,), start, length, reason, opened))
    return spans


def _ignored_span(directive: Directive, statements: list[Statement]) -> tuple[int, int] | None:
    """What an ``ignore`` covers: at the end of a line (text before it), the statement ending on
    that line before it, as a reader of ``claim. <!-- ignore -->`` expects, or, when the sentence
    runs on past the comment, that statement up to the comment (none when the line has no
    statement); on a line of its own, the next statement."""
    if directive.trailing:
        holding = next((s for s in statements if s.start <= directive.start < s.end), None)
        if holding is not None:
            return holding.start, directive.start
        same_line = [s for s in statements if directive.line_start < s.end <= directive.start]
        if not same_line:
            return None
        target = max(same_line, key=lambda s: s.end)
        return target.start, target.end
    following = next((s for s in statements if s.start >= directive.end), None)
    return (following.start, following.end) if following is not None else None


def unused(directives: list[Directive], suppressed_by: dict[int, int]) -> list[Directive]:
    """Well-formed, reasoned directives that silenced nothing (``suppressed_by``: directive index
    to the number of findings it silenced), so an editor learns a comment is stale. The engine
    reports these once it counts, per directive, the findings each one silenced."""
    return [
        d
        for k, d in enumerate(directives)
        if d.verb in ("ignore", "disable") and d.reason is not None and not suppressed_by.get(k)
    ]


def unreasoned(directives: list[Directive]) -> list[Directive]:
    """Directives that would silence findings without saying why, and malformed ones (FC004)."""
    return [d for d in directives if d.verb == "malformed" or (d.reason is None and d.verb != "enable")]


def malformed(directives: list[Directive]) -> list[Directive]:
    """The directives that did not parse (a subset of ``unreasoned``), each with its ``problem``."""
    return [d for d in directives if d.verb == "malformed"]
