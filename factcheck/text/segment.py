"""Statements from blocks: sentence spans, and the separately checkable clauses inside a sentence.

The engine calls :func:`split_sentences` once per visible block (paragraph, heading, caption), so
a heading without a period never merges into the paragraph after it. Inside a block, a single
newline is only whitespace: wire copy is hard-wrapped at about 70 columns. A blank line is a hard
boundary, because no sentence spans one.

Sentence boundaries come from nupunkt (a Punkt model: 628 KB, no dependencies, abbreviations
known without a language model: docs/dependencies.md §1), followed by the rule post-fixes in
:mod:`factcheck.text.segment_rules` for the cases Punkt gets systematically wrong ("at 6 p.m. He",
"2.) The second item", "Yahoo! in"). The model loads lazily on first use and is cached; if
nupunkt is missing the regex splitter in that module takes over.

A quote holding several sentences is split into them (“He has expressed… conditions. This
amounts to a ‘no’ in any other form,” X stated -> 2 sentences): each is a separate claim, and the
attribution extractor links a quote's sentences back to its speaker.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from typing import Protocol

from factcheck.text.segment_rules import Span, postfix, regex_sentences, trim

__all__ = ["regex_sentences", "split_clauses", "split_sentences"]


class _SpanTokenizer(Protocol):
    def span_tokenize(self, text: str) -> Iterator[tuple[int, int]]: ...


_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")
_LINE_BREAKS = str.maketrans("\n\r\v\f\x85\u2028\u2029", "       ")
_RARE_BREAKS = re.compile("[\r\v\f\x85\u2028\u2029]")
_SENTENCE_END = re.compile("[.!?\u2026]")


@cache
def _tokenizer() -> _SpanTokenizer | None:
    """nupunkt's default model, loaded on first use (about 25 ms); ``None`` if not installed."""
    try:
        import nupunkt
    except ImportError:  # pragma: no cover - nupunkt is a declared dependency
        return None
    model: _SpanTokenizer = nupunkt.load("default")
    return model


def _punkt_spans(plain: str, start: int, end: int) -> list[Span]:
    """Raw nupunkt spans for one blank-line-free chunk, as absolute, trimmed offsets."""
    tokenizer = _tokenizer()
    if tokenizer is None:  # pragma: no cover - exercised only without nupunkt
        return regex_sentences(plain, start, end)
    first_end = _SENTENCE_END.search(plain, start, end)
    if first_end is None or first_end.start() == end - 1:
        # Punkt only breaks after ".", "!", "?" or "…" with text after it, and the post-fixes
        # only act between spans or after an inner period: a chunk whose sole terminal mark is
        # its last character is one sentence. Most headings, captions and one-sentence
        # paragraphs take this path, which costs a regex scan instead of a Punkt pass.
        return [(start, end)]
    # Same length, so offsets carry over; newlines become spaces so a hard wrap is never read
    # as a line-start list marker or a paragraph break. (``translate`` is five times slower
    # than ``replace``, so it only runs when a rarer line break is present.)
    chunk = plain[start:end]
    chunk = chunk.translate(_LINE_BREAKS) if _RARE_BREAKS.search(chunk) else chunk.replace("\n", " ")
    spans: list[Span] = []
    for a, b in tokenizer.span_tokenize(chunk):
        s, e = trim(plain, start + a, start + b)
        if s < e:
            spans.append((s, e))
    return postfix(plain, spans)


def _chunks(plain: str, start: int, end: int) -> list[Span]:
    """``[start, end)`` cut at blank lines into trimmed, non-empty pieces."""
    pieces: list[Span] = []
    cursor = start
    for match in _BLANK_LINE.finditer(plain, start, end):
        pieces.append(trim(plain, cursor, match.start()))
        cursor = match.end()
    pieces.append(trim(plain, cursor, end))
    return [(s, e) for s, e in pieces if s < e]


def split_sentences(plain: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans (absolute offsets into `plain`) inside plain[start:end], whitespace-trimmed, non-empty.

    Spans are sorted and never overlap. Out-of-range bounds are clamped to the text.
    """
    stop = len(plain) if end is None else min(end, len(plain))
    start = max(0, start)
    spans: list[Span] = []
    for chunk_start, chunk_end in _chunks(plain, start, stop):
        spans.extend(_punkt_spans(plain, chunk_start, chunk_end))
    return spans


# ---------------------------------------------------------------------------------------------
# Clauses
# ---------------------------------------------------------------------------------------------

# A separator between two independent clauses: a semicolon, or a comma before a contrastive
# conjunction. The conjunction is dropped from the second clause, which then reads as a claim.
_SEPARATOR = re.compile(r";\s+|,\s+(?:but|while|whereas)\s+(?=\S)")
_OPEN = "([{“‘«"
_CLOSE = ")]}”’»"
# Words showing that a stretch of text makes an assertion of its own (a finite verb is present).
_VERB_CUES = frozenset(
    "is are was were be been has have had will would can could may might must shall should does "
    "did do says said say told tells reported estimated added noted rose fell grew dropped "
    "increased decreased remains remained became become won lost".split()
)
_CLAUSE_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*|\d[\d.,]*")
_MIN_WORDS = 4
_CLAIM_WINDOW = 240


def _is_claim(plain: str, start: int, end: int) -> bool:
    """Heuristic: at least four words, and a finite-verb cue (or a figure) among them.

    Only the ``_CLAIM_WINDOW`` characters nearest the separator are read, so a sentence with
    many separators is still scanned in linear time.
    """
    words = 0
    cue = False
    for match in _CLAUSE_WORD.finditer(plain, start, end):
        word = match.group(0)
        lower = word.lower()
        words += 1
        cue = cue or word[0].isdigit() or lower in _VERB_CUES or (lower.endswith("ed") and len(lower) > 4)
        if cue and words >= _MIN_WORDS:
            return True
    return False


def _depth_at(plain: str, start: int, end: int) -> list[int]:
    """Nesting depth of brackets and curly quotes before each offset of ``[start, end)``.

    Straight double quotes toggle. A clause is never split inside a quotation or a parenthesis.
    """
    depth = 0
    straight = False
    out: list[int] = []
    for i in range(start, end):
        out.append(depth + (1 if straight else 0))
        ch = plain[i]
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE and depth > 0:
            # An apostrophe (’ between letters) is not a closing quote.
            if ch == "’" and i + 1 < end and plain[i + 1].isalpha():
                continue
            depth -= 1
        elif ch == '"':
            straight = not straight
    return out


def split_clauses(plain: str, start: int, end: int) -> list[tuple[int, int]]:
    """One sentence -> the separately checkable claims in it (e.g. independent clauses joined by ';' or
    ', while'/', whereas'/', but' when both sides carry a checkable claim). Conservative: return
    [(start, end)] when in doubt. Spans trimmed, inside the sentence.
    """
    start, end = trim(plain, max(0, start), min(end, len(plain)))
    if start >= end:
        return []
    separators = list(_SEPARATOR.finditer(plain, start, end))
    if not separators:
        return [(start, end)]
    depth = _depth_at(plain, start, end)
    usable = [m for m in separators if depth[m.start() - start] == 0]
    clauses: list[Span] = []
    clause_start = start
    for index, match in enumerate(usable):
        # Each side is judged on the text up to the neighbouring separator, not the whole rest.
        right_end = usable[index + 1].start() if index + 1 < len(usable) else end
        left = trim(plain, max(clause_start, match.start() - _CLAIM_WINDOW), match.start())
        right = trim(plain, match.end(), min(right_end, match.end() + _CLAIM_WINDOW))
        if _is_claim(plain, *left) and _is_claim(plain, *right):
            clauses.append(trim(plain, clause_start, match.start()))
            clause_start = match.end()
    clauses.append(trim(plain, clause_start, end))
    return [span for span in clauses if span[0] < span[1]]
