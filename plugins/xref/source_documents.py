"""Aligning an article's direct quotes with the reporter's source documents.

Sources are plain-text or Markdown files (transcripts, reports, press releases) in folders given
with ``--sources DIR``, ``[plugins.xref] sources`` or the article's front matter ``sources``.
Comparison is on words: lower case, punctuation and quotation marks dropped, so "trivially
different" (a comma, a capital, curly versus straight quotes) counts as verbatim, and an
ellipsis or a bracketed insertion splits a quote into fragments that must appear in order.

A quote found verbatim is ``supported``; one whose closest passage scores at least the
similarity threshold but differs is ``refuted``, with that passage and a word-level diff; one
with no close passage in any source is ``unverified``. Transcripts that mark speakers
("KOZYREV: ...", "Andrei Kozyrev: ...") also let the speaker be checked.

Candidate passages come from a word index of each document (the quote's rarest words anchor
windows), so the cost is proportional to the quote, not to the length of the sources.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz

from factcheck.plugin import Article, Attribution, Quotation, Statement

SOURCE_SUFFIXES = (".txt", ".md", ".markdown", ".text")
_TURN = re.compile(r"^[ \t]*((?:[A-Z][\w.’'-]*[ \t]){0,3}[A-Z][\w.’'-]*)[ \t]*:[ \t]", re.MULTILINE)
_FRAGMENT = re.compile(r"\.\.\.|…|\[[^\]\n]{0,60}\]")
_WORD = re.compile(r"\w+(?:[’']\w+)*")
_QUOTE_MARKS = re.compile(r"[\"“”‘«»]")
_LONE_APOSTROPHE = re.compile(r"(?<!\w)'|'(?!\w)")
_NON_WORD = re.compile(r"[^\w\s']+")
_SPACE = re.compile(r"\s+")


def speaker_key(name: str) -> str:
    """Who said it, as stored: the surname, lower case ("Nigel Gould-Davies's" -> "gould-davies")."""
    words = re.sub(r"[’']s?$", "", name.strip()).split()
    return words[-1].lower() if words else ""


def quote_text(text: str) -> str:
    """A quotation reduced to its words: no marks, no punctuation, lower case, single spaces."""
    text = _LONE_APOSTROPHE.sub(" ", text.replace("’", "'"))  # keep "Putin's", drop 'quoted'
    return _SPACE.sub(" ", _NON_WORD.sub(" ", _QUOTE_MARKS.sub(" ", text))).strip().lower()


def word_diff(before: str, after: str) -> str:
    """A word-level difference, ``[-old-]{+new+}`` as ``git diff --word-diff`` writes it."""
    import difflib

    a, b = before.split(), after.split()
    out: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            out.extend(a[i1:i2])
            continue
        if i2 > i1:
            out.append("[-" + " ".join(a[i1:i2]) + "-]")
        if j2 > j1:
            out.append("{+" + " ".join(b[j1:j2]) + "+}")
    return " ".join(out)


@dataclass
class SourceDocument:
    """One source file as words, with the speaker of each word where the file marks turns."""

    path: str
    title: str
    text: str
    words: list[str] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)
    speakers: list[str | None] = field(default_factory=list)
    index: dict[str, list[int]] = field(default_factory=dict)

    @classmethod
    def read(cls, path: Path) -> SourceDocument:
        text = path.read_text(encoding="utf-8", errors="replace")
        doc = cls(str(path), path.name, text)
        turns = [(m.start(1), m.end(1), m.group(1)) for m in _TURN.finditer(text)]
        lines = sum(1 for line in text.splitlines() if line.strip())
        if len(turns) < 2 or len({t[2] for t in turns}) < 2 or 2 * len(turns) < lines:
            turns = []  # not a transcript: a heading such as "The Latest: ..." names no speaker
        turn_index, speaker, label = 0, None, (-1, -1)
        index: dict[str, list[int]] = defaultdict(list)
        for match in _WORD.finditer(text):
            while turn_index < len(turns) and turns[turn_index][0] <= match.start():
                label, speaker = turns[turn_index][:2], turns[turn_index][2]
                turn_index += 1
            if label[0] <= match.start() < label[1]:
                continue  # the speaker label itself is not part of what was said
            word = match.group(0).lower().replace("’", "'")
            index[word].append(len(doc.words))
            doc.words.append(word)
            doc.spans.append((match.start(), match.end()))
            doc.speakers.append(speaker)
        doc.index = dict(index)
        return doc

    def passage(self, first: int, last: int) -> str:
        return self.text[self.spans[first][0] : self.spans[last][1]]


def load_documents(folders: Iterable[str], base: Path) -> list[SourceDocument]:
    """Every source file below the folders (or the files themselves), relative paths from ``base``."""
    documents: list[SourceDocument] = []
    for entry in folders:
        path = Path(entry) if Path(entry).is_absolute() else base / entry
        files = (
            sorted(p for p in path.rglob("*") if p.suffix.lower() in SOURCE_SUFFIXES)
            if path.is_dir()
            else [path]
        )
        documents.extend(SourceDocument.read(p) for p in files if p.is_file())
    return documents


@dataclass(frozen=True)
class ArticleQuote:
    start: int
    end: int
    text: str
    speaker: str | None


def quotes_of(
    article: Article, statements: Sequence[Statement], attributions: Sequence[Attribution], min_words: int = 4
) -> list[ArticleQuote]:
    """Quotations of at least ``min_words`` words, with the speaker of the attribution covering them."""
    seen: set[tuple[int, int]] = set()
    found = []
    for statement in statements:
        for quotation in statement.of_type(Quotation):
            key = (quotation.content_start, quotation.content_end)
            text = article.plain[quotation.content_start : quotation.content_end]
            if key in seen or len(_WORD.findall(text)) < min_words:
                continue
            seen.add(key)
            speaker = next(
                (
                    a.speaker
                    for a in attributions
                    if a.direct and a.speaker and a.start <= quotation.content_start < a.end
                ),
                None,
            )
            found.append(ArticleQuote(quotation.content_start, quotation.content_end, text, speaker))
    return found


def quoted_words(attribution: Attribution, quotations: Iterable[Quotation], plain: str) -> str:
    """The words of an attribution that stand inside quotation marks, fragments joined by a space.

    Only these are the speaker's own words. The reported speech around a partial quote ("warned
    there was a real risk that people on the 'margins of society'…") is the reporter's paraphrase:
    two articles may word it differently (tense backshift, reordering) without misquoting anyone.
    """
    parts = []
    for quotation in quotations:
        start = max(attribution.start, quotation.content_start)
        end = min(attribution.end, quotation.content_end)
        if start < end:
            parts.append(plain[start:end])
    return " ".join(parts)


@dataclass(frozen=True)
class Alignment:
    code: str  # XRF030 supported, XRF031 refuted (differs), XRF032 unverified (absent), XRF033 speaker
    detail: str
    path: str | None = None
    title: str | None = None
    passage: str | None = None
    diff: str | None = None


def _find(words: list[str], doc: SourceDocument, after: int) -> int | None:
    """Where ``words`` occur contiguously in ``doc`` at or after ``after``, via the word index."""
    if not words:
        return after
    for pos in doc.index.get(words[0], ()):
        if pos >= after and doc.words[pos : pos + len(words)] == words:
            return pos
    return None


def _verbatim(fragments: list[list[str]], doc: SourceDocument) -> tuple[int, int] | None:
    first, position = None, 0
    for fragment in fragments:
        found = _find(fragment, doc, position)
        if found is None:
            return None
        first = found if first is None else first
        position = found + len(fragment)
    return (first or 0, position - 1) if first is not None else None


def _closest(words: list[str], doc: SourceDocument) -> tuple[float, int, int]:
    """The best-scoring window of the document around anchors of the quote's rarest words."""
    counts = Counter({w: len(doc.index.get(w, ())) for w in set(words)})
    anchors = sorted((w for w in counts if counts[w]), key=lambda w: counts[w])[:3]
    best = (0.0, 0, 0)
    quote = " ".join(words)
    tried: set[int] = set()
    for word in anchors:
        offset = words.index(word)
        for pos in doc.index[word][:50]:
            start = max(0, pos - offset - 3)
            if start in tried:
                continue
            tried.add(start)
            end = min(len(doc.words), pos - offset + len(words) + 3)
            window = " ".join(doc.words[start:end])
            found = fuzz.partial_ratio_alignment(quote, window)
            if found is not None and found.score > best[0]:
                first = start + window[: found.dest_start].count(" ")
                last = start + window[: found.dest_end].rstrip().count(" ")
                best = (found.score, first, max(first, last))
    return best


def _speaker_matches(article_speaker: str, source_speaker: str) -> bool:
    key = speaker_key(article_speaker)
    return key in {w.lower().strip(".") for w in source_speaker.split()}


def align_quote(
    text: str, speaker: str | None, documents: Sequence[SourceDocument], similarity: float = 85.0
) -> Alignment:
    """Supported, refuted with the closest passage and a diff, or unverified; see the module docs."""
    fragments = [quote_text(part).split() for part in _FRAGMENT.split(text)]
    fragments = [f for f in fragments if f]
    words = [w for f in fragments for w in f]
    if not words:
        return Alignment("XRF032", "the quote has no words to align")
    for doc in documents:
        found = _verbatim(fragments, doc)
        if found is None:
            continue
        said_by = doc.speakers[found[0]]
        passage = doc.passage(*found)
        if speaker and said_by and not _speaker_matches(speaker, said_by):
            return Alignment(
                "XRF033",
                f"{doc.title} gives these words to {said_by}, not {speaker}",
                doc.path,
                doc.title,
                passage,
            )
        return Alignment("XRF030", f"found verbatim in {doc.title}", doc.path, doc.title, passage)
    best: tuple[float, SourceDocument | None, int, int] = (0.0, None, 0, 0)
    for doc in documents:
        score, first, last = _closest(words, doc)
        if score > best[0]:
            best = (score, doc, first, last)
    score, closest, first, last = best
    if closest is None or score < similarity:
        return Alignment("XRF032", "not found in any source document")
    doc = closest
    passage = doc.passage(first, last)
    diff = word_diff(" ".join(doc.words[first : last + 1]), " ".join(words))
    return Alignment(
        "XRF031",
        f"the closest passage in {doc.title} reads differently ({score:.0f}% similar)",
        doc.path,
        doc.title,
        passage,
        diff,
    )
