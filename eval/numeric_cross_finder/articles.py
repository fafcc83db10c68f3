"""The article as the finder reads it: split into paragraphs and sentences by its own rules
(never the checker's), with every quantity the shared extractor finds (``Doc``, ``Q``)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from eval.common import read_jsonl
from factcheck.model.article import Quantity
from factcheck.text.quantities import extract_quantities


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    paragraph: int


@dataclass(frozen=True)
class Q:
    """A quantity of the article, with the sentence it sits in."""

    q: Quantity
    sentence: int

    @property
    def start(self) -> int:
        return self.q.start

    @property
    def end(self) -> int:
        return self.q.end

    @property
    def value(self) -> float:
        return self.q.value


@dataclass
class Doc:
    corpus: str
    id: str
    text: str
    date: dt.date | None
    sentences: list[Sentence] = field(default_factory=list)
    quantities: list[Q] = field(default_factory=list)

    def sentence_text(self, index: int) -> str:
        s = self.sentences[index]
        return self.text[s.start : s.end]

    def sentence_of(self, offset: int) -> int:
        for i, s in enumerate(self.sentences):
            if s.start <= offset < s.end:
                return i
        return len(self.sentences) - 1


_ABBREVIATIONS = frozenset(
    "mr mrs ms dr st inc corp co cos ltd plc jr sr gen gov sen rep lt col maj capt prof no nos vs "
    "jan feb mar apr jun jul aug sep sept oct nov dec fig approx dept est".split()
)
_PARAGRAPH = re.compile(r"\n[ \t]*\n\s*|\n(?=[ \t]{2,}\S)")
_SENTENCE_END = re.compile(r"""[.!?]+["'”’)]*\s+(?=["“'(]?[A-Z0-9£$€])""")


def split_sentences(text: str) -> list[Sentence]:
    """Paragraphs (blank lines; Reuters' indented first lines), then sentences inside each."""
    sentences: list[Sentence] = []
    starts = [0] + [m.end() for m in _PARAGRAPH.finditer(text)]
    ends = [m.start() for m in _PARAGRAPH.finditer(text)] + [len(text)]
    for paragraph, (lo, hi) in enumerate(zip(starts, ends, strict=True)):
        begin = lo
        for m in _SENTENCE_END.finditer(text, lo, hi):
            word = re.search(r"([A-Za-z.]+)[.!?]*$", text[begin : m.start() + 1])
            token = word.group(1).lower().rstrip(".") if word else ""
            if token in _ABBREVIATIONS or len(token) == 1 or "." in token:
                continue  # "Inc.", "J. Smith", "U.S."
            sentences.append(Sentence(begin, m.end(), paragraph))
            begin = m.end()
        if text[begin:hi].strip():
            sentences.append(Sentence(begin, hi, paragraph))
    return sentences


def _reuters_date(text: str) -> dt.date | None:
    found = re.match(r"\s*(\d{1,2})-([A-Z]{3})-(\d{4})", text)
    if not found:
        return None
    month = "JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split().index(found[2]) + 1
    return dt.date(int(found[3]), month, int(found[1]))


def documents(root: Path) -> Iterator[Doc]:
    """The dev corpora as the harness checks them: ``f"{title}\\n\\n{text}\\n"``."""
    for record in read_jsonl(root / "bbc_news" / "bbc_news.jsonl"):
        yield parse("bbc", record["id"], f"{record['title']}\n\n{record['text']}\n", None)
    for record in read_jsonl(root / "reuters21578" / "reuters21578.jsonl"):
        text = f"{record['title']}\n\n{record['text']}\n"
        yield parse("reuters", record["id"], text, _reuters_date(record.get("date", "")))


def parse(corpus: str, ident: str, text: str, date: dt.date | None) -> Doc:
    doc = Doc(corpus, ident, text, date, split_sentences(text))
    for quantity in extract_quantities(text):
        unit = quantity.unit or ""
        if unit.endswith("/year") and quantity.text.endswith(" a year"):
            if re.match(r"\s+(?:earlier|ago|before)\b", text[quantity.end :]):
                # "£125m a year earlier" is £125m, a year before: not a rate per year
                trimmed = quantity.text[: -len(" a year")]
                update = {
                    "text": trimmed,
                    "end": quantity.start + len(trimmed),
                    "unit": unit[: -len("/year")],
                }
                quantity = quantity.model_copy(update=update)
        doc.quantities.append(Q(quantity, doc.sentence_of(quantity.start)))
    return doc
