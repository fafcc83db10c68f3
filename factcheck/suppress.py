"""Inline suppressions: an editor silences one finding in the article itself, with a reason.

    <!-- factcheck: ignore SRC002 reason="named in the print edition" -->   the next statement
    <!-- factcheck: disable STY004 reason="quotes a court ruling" -->       from here ...
    <!-- factcheck: enable STY004 -->                                      ... to here (or the end)

Codes may be prefixes (``STY``) or a comma-separated list. The directives work in every format
(in plain text they are simply written as they are), are blanked out of ``Article.plain`` so
they never become statements, and a directive without a reason suppresses nothing and is itself
a finding (``FC004``): a newsroom must be able to see why each finding was silenced.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from factcheck.models import Article, Statement

_DIRECTIVE = re.compile(
    r"<!--\s*factcheck:\s*(?P<verb>ignore|disable|enable)\s+(?P<codes>[A-Za-z0-9_, ]{1,200}?)"
    r"(?:\s+reason\s*=\s*(?P<q>[\"“])(?P<reason>[^\"”\n]{0,500})[\"”])?\s*-->"
)


@dataclass(frozen=True)
class Directive:
    verb: str
    codes: tuple[str, ...]
    reason: str | None
    start: int
    end: int

    def covers(self, code: str) -> bool:
        return any(code.startswith(c) for c in self.codes)


@dataclass(frozen=True)
class Suppression:
    """A span of the article in which some codes are silenced, and why."""

    codes: tuple[str, ...]
    start: int
    end: int
    reason: str

    def applies(self, code: str, offset: int) -> bool:
        return self.start <= offset < self.end and any(code.startswith(c) for c in self.codes)


def find_directives(source: str) -> list[Directive]:
    found = []
    for match in _DIRECTIVE.finditer(source):
        codes = tuple(c.strip().upper() for c in match.group("codes").replace(",", " ").split() if c.strip())
        reason = (match.group("reason") or "").strip() or None
        found.append(Directive(match.group("verb"), codes, reason, match.start(), match.end()))
    return found


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
    open_blocks: dict[str, tuple[int, str]] = {}
    for directive in directives:
        if directive.reason is None and directive.verb != "enable":
            continue
        if directive.verb == "ignore":
            following = next((s for s in statements if s.start >= directive.end), None)
            if following is not None:
                spans.append(
                    Suppression(directive.codes, following.start, following.end, directive.reason or "")
                )
        elif directive.verb == "disable":
            for code in directive.codes:
                open_blocks[code] = (directive.end, directive.reason or "")
        else:
            for code in directive.codes:
                if code in open_blocks:
                    start, reason = open_blocks.pop(code)
                    spans.append(Suppression((code,), start, directive.start, reason))
    for code, (start, reason) in open_blocks.items():
        spans.append(Suppression((code,), start, length, reason))
    return spans


def unreasoned(directives: list[Directive]) -> list[Directive]:
    """Directives that would silence findings without saying why (reported as FC004)."""
    return [d for d in directives if d.reason is None and d.verb != "enable"]
