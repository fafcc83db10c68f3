"""The grammar attribution needs: sentences that never split a quotation, and speaker phrases.

Attribution works on a *masked* copy of the text in which the inside of every quotation is
blanked (its last punctuation mark kept), so that neither a cue verb nor a sentence boundary is
ever found inside quoted words, while ``“…form,” Gould-Davies stated`` still shows the comma
and ``…conditions.” Trump’s aides`` still shows the full stop that ends the sentence.

A speaker phrase is the noun phrase next to a cue: the subject before it (with titles,
appositives and introductory phrases stripped: "However, Andrei Kozyrev, a former minister,
told" gives "Andrei Kozyrev"), or the inverted subject after it ("…,” said Robert Antonacci of
the New York delegation"). The checks are shallow on purpose (length, first and last word,
no auxiliary verb) and linear in the sentence length.
"""

from __future__ import annotations

import re
from collections.abc import Container, Sequence

from factcheck.model.article import Block, Quotation
from factcheck.text.segment_rules import NUMBER_ABBREVS, OTHER_ABBREVS, TITLES

_FILL = "_"
# The sentence splitter's own abbreviation lists (one set of rules for both splitters), plus the
# dotted forms this word pattern produces.
_ABBREVIATIONS = TITLES | NUMBER_ABBREVS | OTHER_ABBREVS | frozenset("u.s u.k d.c e.g i.e".split())
_BOUNDARY = re.compile(r"[.!?]+[\"”’')\]]*(?=\s+(?:[\"“‘'(\[]{1,2}[A-Z0-9_]|[A-Z0-9]))")
_WORD = re.compile(r"[\w’'\-.&]+")

_POSSESSIVES = frozenset({"her", "his", "their", "its", "my", "our", "your"})
PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you", "who", "which"})
_SUBJECT_PRONOUNS = frozenset({"he", "she", "they", "we", "i"})
_APPOSITIVE_PREPOSITIONS = frozenset({"from", "of", "at", "with"})
DETERMINERS = frozenset(
    "a an the his her their its our my one two three four five six seven eight nine ten some many "
    "several both most other another few all each these those this that such no any".split()
)
FUNCTION_WORDS = frozenset(
    "a an the and or but nor of in on at by for from with to as than that which who whom whose "
    "while when where if because although though after before during since until into onto about "
    "over under up out so yet not also".split()
)
AUXILIARIES = frozenset(
    "is was are were be been being am has have had will would can could shall should may might "
    "must do does did".split()
)
TRAILING_ADVERBS = frozenset(
    "also has have had then later once previously recently repeatedly publicly privately earlier "
    "reportedly further again simply flatly initially never often frequently famously would will "
    "had already even still just first last ultimately quickly immediately".split()
)
INTRO_WORDS = frozenset(
    "however but and yet so still meanwhile moreover nevertheless instead in on at after before here there "
    "during asked speaking when while if as since because with without for from under over despite "
    "following separately today yesterday last this that earlier later now then also though although "
    "indeed still by via according of about to like unlike among amid between regarding reached given "
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june "
    "july august september october november december".split()
)
# Conjunctions and adverbs that can open a subject's piece without being part of it
# ("But Sen. Richard J. Durbin (D-Ill.), noting …, said").
LEADING_LINKS = frozenset(
    "but and yet so however meanwhile moreover nevertheless still also even then instead".split()
)
# Words that open a clause inside the text before a cue: the subject starts after the last one.
_CLAUSE_WORDS = frozenset(
    "that which who and but because while as when if so although though whereas since until "
    "after before where what quoted".split()  # "Arab News quoted Prince Saud as saying"
)
# Words that end a speaker phrase after an inverted cue ("said Smith in a statement").
_NP_STOPPERS = frozenset(
    "in on at during while when after before to from as via through about that who which because "
    "last this earlier yesterday today tonight tomorrow monday tuesday wednesday thursday friday "
    "saturday sunday and but".split()
)


def masked_text(plain: str, quotations: Sequence[Quotation]) -> str:
    """``plain`` with every quotation's inside blanked, its final punctuation mark kept."""
    pieces: list[str] = []
    cursor = 0
    for quote in quotations:
        inner_start, inner_end = quote.content_start, quote.content_end
        if inner_end <= inner_start or inner_start < cursor:
            continue
        pieces.append(plain[cursor:inner_start])
        # keep the last punctuation mark, and the closing marks of a quote nested at the end
        # ("… about it?'"), so that the sentence still visibly ends there
        keep = inner_end
        while keep > inner_start and inner_end - keep < 3 and plain[keep - 1] in "’'\"”":
            keep -= 1
        if keep > inner_start and plain[keep - 1] in ".,!?;:":
            keep -= 1
        else:
            keep = inner_end
        pieces.append(_FILL * (keep - inner_start) + plain[keep:inner_end])
        cursor = inner_end
    pieces.append(plain[cursor:])
    return "".join(pieces)


def _speaker_follows(masked: str, position: int, end: int, cues: re.Pattern[str] | None) -> bool:
    """``“…?” Trump said.``: a quote ending in ?/!/. followed by a short subject and a cue."""
    if cues is None:
        return False
    cue = cues.search(masked, position, min(end, position + 70))
    if cue is None:
        return False
    between = masked[position : cue.start()]
    after = masked[cue.end() : min(end, cue.end() + 40)]
    stop = after.find(". ")
    if stop >= 0:
        after = after[:stop]  # "“…?” Hannity pressed. “Maybe …”": the next sentence is its own
    return (
        not any(ch in between for ch in ',;:!?“”"_')
        and not any(ch in after for ch in '“”"_')
        and len(between.split()) <= 5
    )


def sentences(masked: str, block: Block, cues: re.Pattern[str] | None = None) -> list[tuple[int, int]]:
    """Sentence spans in one block of the masked text; a quotation is never split, nor is a
    quotation ending in ``?”`` from the speaker after it (given the ``cues`` pattern)."""
    spans: list[tuple[int, int]] = []
    start = block.start
    while start < block.end and masked[start].isspace():
        start += 1
    for match in _BOUNDARY.finditer(masked, block.start, block.end):
        word_start = masked.rfind(" ", block.start, match.start()) + 1
        word = masked[max(word_start, block.start) : match.start()].lower().lstrip("(\"“‘'")
        if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
            continue
        marks = masked[match.start() : match.end()]
        closing = marks[-1] in "\"”’'" and marks.rstrip("\"”’'")[-1:] in ("?", "!")
        if closing and _speaker_follows(masked, match.end(), block.end, cues):
            continue
        end = match.end()
        if end > start:
            spans.append((start, end))
        start = end
        while start < block.end and masked[start].isspace():
            start += 1
    if start < block.end:
        spans.append((start, block.end))
    return spans


def words_in(text: str, offset: int) -> list[tuple[str, int, int]]:
    """The words of ``text`` as (word, start, end) with offsets shifted by ``offset``."""
    return [(m.group(), offset + m.start(), offset + m.end()) for m in _WORD.finditer(text)]


def words_between(masked: str, start: int, end: int, limit: int = 1 << 30) -> list[tuple[str, int, int]]:
    """The first ``limit`` words of ``masked[start:end]`` as (word, start, end), without
    copying the text: the cheap form of :func:`words_in` for "the first few words"."""
    found: list[tuple[str, int, int]] = []
    for match in _WORD.finditer(masked, start, end):
        found.append((match.group(), match.start(), match.end()))
        if len(found) >= limit:
            break
    return found


def strip_trailing_adverbs(masked: str, start: int, end: int) -> int:
    """End of a subject once "also", "has", "later", "-ly" adverbs before the cue are dropped."""
    words = words_in(masked[start:end], start)
    while words:
        written = words[-1][0]
        word = written.lower()
        if word in TRAILING_ADVERBS or (
            word.endswith("ly") and len(word) > 4 and word != "only" and written.islower()
        ):  # "Kelly", "Beverly" are names, not adverbs
            words.pop()
            continue
        break
    return words[-1][2] if words else start


def valid_speaker(masked: str, start: int, end: int) -> bool:
    """Whether ``masked[start:end]`` can be a speaker: a short noun phrase, a name or a pronoun."""
    words = [w for w, _, _ in words_in(masked[start:end], start)]
    if not words or len(words) > 12 or _FILL in masked[start:end]:
        return False
    first, last = words[0], words[-1].lower().rstrip(".")
    if last.endswith(("’s", "'s", "s’", "s'")) and len(words) > 1:
        return False  # "the network’s": a possessive modifies the subject, it is not one
    if _has_auxiliary(words) or last in FUNCTION_WORDS - {"who", "which"}:
        return False
    if first.lower() in _POSSESSIVES and len(words) > 1 and words[1].lower() in FUNCTION_WORDS:
        return False  # "her of making racist (remarks)": an object pronoun, not "her spokesman"
    if first.lower() in PRONOUNS:
        return len(words) == 1 or (
            len(words) == 2 and words[1].lower() in ("himself", "herself", "themselves")
        )
    if first[0].isupper() or first.lower() in DETERMINERS:
        return True
    if first[0].isdigit() and len(words) > 1 and words[-1][0].isupper():
        return True  # "27-year-old Ross"
    if first.lower() in FUNCTION_WORDS or first[0].isdigit():
        return False
    if first.endswith("ed") and len(words) > 3 and not words[-1][:1].isupper():
        return False  # "highlighted comments Trump made": a verb and its object, no subject
    # "officials", "political analyst Tatiana Stanovaya"
    return len(words) <= 3 or any(w[0].isupper() for w in words[1:])


def _has_auxiliary(words: Sequence[str]) -> bool:
    """An auxiliary verb among a phrase's words: as written in lower case, or capitalised with
    no capitalised word after it ("Will Doyle", "May Smith" are names, not "will", "may")."""
    for index, word in enumerate(words):
        lowered = word.lower()
        if lowered not in AUXILIARIES:
            continue
        if word.islower() or index + 1 == len(words) or not words[index + 1][:1].isupper():
            return True
    return False


def subject_before(
    masked: str, left: int, cue_start: int, names: Container[int] = frozenset()
) -> tuple[int, int, int | None] | None:
    """The subject of a cue: (start, end, comma) where ``comma`` ends the text before a
    ``content, Speaker said`` subject (or None). Intros and appositives are stripped; among
    comma-separated pieces, one that starts at a name in ``names`` wins ("Tuesday at Baldwin
    Wallace University in Berea, OH, after winning Ohio, Gov. John Kasich (R-OH), said")."""
    end = strip_trailing_adverbs(masked, left, cue_start)
    if "," in masked[end:cue_start]:
        end = masked.index(",", end, cue_start) + 1
    segment = masked[left:end]
    if not segment.strip():
        return None
    if segment.rstrip().endswith(","):
        return _subject_piece(masked, left, segment, names)
    end = _before_dashes(masked, left, end, segment.rstrip())
    hyphen = masked.rfind(" - ", left, end)
    comma = max(
        masked.rfind(",", left, end),
        masked.rfind("—", left, end),
        masked.rfind("–", left, end),
        hyphen + 1 if hyphen >= 0 else -1,
    )
    start = comma + 1 if comma >= 0 else left
    first_word = masked[start:end].split()[:1]
    if (
        comma > left
        and first_word
        and (
            first_word[0].lower() in _APPOSITIVE_PREPOSITIONS
            or (first_word[0].lower() in ("a", "an", "the") and _starts_at_name(masked, left, comma, names))
        )
    ):
        # "Jeff Joseph, from the Consumer Electronics Association (CEA) told": the piece after
        # the comma describes the subject before it
        return _subject_piece(masked, left, masked[left : comma + 1], names)
    # A clause word inside the piece starts the subject after it ("which he described").
    clause = _after_clause_word(masked, start, end, comma)
    if clause is None or len(clause) == 3:
        return clause  # nothing after the clause word, or the relative "who" is the subject
    start, comma = clause
    while start < end and (masked[start].isspace() or masked[start] in "”’\"'"):
        start += 1
    words = words_in(masked[start:end], start)
    if len(words) >= 2 and words[-1][0].lower() in _SUBJECT_PRONOUNS and words[0][0].lower() in INTRO_WORDS:
        start = words[-1][1]  # "At first he", "Later she", "In 2009 he": the pronoun is the subject
    reduced = _REDUCED_RELATIVE.search(masked, start, end)
    if reduced is not None and reduced.start() > start:
        end = reduced.start()  # "A letter from the Legion obtained by The Associated Press warns"
    if start >= end or not valid_speaker(masked, start, end):
        return None
    return start, end, (comma if comma >= 0 else None)


def _before_dashes(masked: str, left: int, end: int, stripped: str) -> int:
    """ "DJ Norman Cook - aka Fatboy Slim - has said": the subject ends before a parenthesis
    between dashes (``stripped`` is the text from ``left`` to ``end``, right-stripped)."""
    if not stripped.endswith((" -", "—", "–")) or len(stripped) <= 2:
        return end
    closing = left + len(stripped) - 1
    opening = max(
        masked.rfind(" - ", left, closing - 1),
        masked.rfind("—", left, closing),
        masked.rfind("–", left, closing),
    )
    if opening > left:
        end = opening
        while end > left and masked[end - 1].isspace():
            end -= 1
    return end


def _after_clause_word(
    masked: str, start: int, end: int, comma: int
) -> tuple[int, int] | tuple[int, int, None] | None:
    """Where the subject starts after the last clause word of ``masked[start:end]`` ("which he
    described"), as (start, comma); unchanged (start, comma) without one. None when the clause
    word ends the piece, or (start, end, None) when that word is a relative "who" ("…, Mike
    Lee, who declared"): the subject itself."""
    words = words_in(masked[start:end], start)
    for index in range(len(words) - 1, -1, -1):
        if words[index][0].lower() not in _CLAUSE_WORDS:
            continue
        if (
            words[index][0] in ("and", "&")
            and 0 < index < len(words) - 1
            and words[index - 1][0][0].isupper()
            and words[index + 1][0][0].isupper()
        ):
            continue  # "the Finance and Economy Ministry": one name
        if index == len(words) - 1:
            if words[index][0].lower() == "who" and (index > 0 or comma >= 0):
                return words[index][1], words[index][2], None
            return None
        return words[index + 1][1], -1
    return start, comma


# "… obtained by The Associated Press": a participle and its agent after the subject's head.
_REDUCED_RELATIVE = re.compile(r" [a-z]{3,}(?:ed|en) by ")


def _starts_at_name(masked: str, left: int, comma: int, names: Container[int]) -> bool:
    """Whether the piece before ``comma`` opens with a name ("Adam Thomas, an analyst at …")."""
    start = left
    while start < comma and (masked[start].isspace() or masked[start] in "”’\"',"):
        start += 1
    words = words_in(masked[start:comma], start)
    while words and words[0][0].lower() in LEADING_LINKS:
        words = words[1:]
    return bool(words) and words[0][1] in names


def _subject_piece(
    masked: str, left: int, segment: str, names: Container[int]
) -> tuple[int, int, None] | None:
    """Subject, appositive, cue: the piece that starts at a name, else the first piece that is
    neither an introduction ("In a statement", "Recalling that moment") nor invalid."""
    cursor = left
    first_valid: tuple[int, int, None] | None = None
    for piece in segment.split(","):
        piece_start = cursor + len(piece) - len(piece.lstrip())
        piece_end = cursor + len(piece.rstrip())
        cursor += len(piece) + 1
        if piece_end <= piece_start:
            continue
        words = words_in(masked[piece_start:piece_end], piece_start)
        while len(words) > 1 and words[0][0].lower() in LEADING_LINKS:
            words = words[1:]
        if not words:
            continue
        piece_start = words[0][1]
        first = words[0][0].lower()
        if piece_start in names:
            if valid_speaker(masked, piece_start, piece_end):
                return piece_start, piece_end, None
            continue
        if first in INTRO_WORDS or (first.endswith(("ing", "ed")) and len(first) > 4):
            continue  # "In a statement", "Recalling that moment", "Asked about it"
        if first_valid is None:
            if not valid_speaker(masked, piece_start, piece_end):
                return None
            first_valid = (piece_start, piece_end, None)
    return first_valid


def subject_after(masked: str, cue_end: int, limit: int, relaxed: bool = False) -> tuple[int, int] | None:
    """The inverted subject after a cue, up to a comma, full stop or a preposition; ``relaxed``
    (after "according to") keeps prepositions and lower-case phrases ("estimates from Reuters")."""
    words = words_in(masked[cue_end:limit], cue_end)
    taken: list[tuple[str, int, int]] = []
    for word, start, end in words:
        between = masked[taken[-1][2] if taken else cue_end : start]
        stopper = (
            word.lower() in _NP_STOPPERS
            and not (relaxed and word.lower() in ("from", "to", "in", "at"))
            and not (word[0].isupper() and taken and taken[-1][0].lower() in DETERMINERS)
        )  # "a Wednesday editorial": a day named after a determiner modifies the noun
        if any(ch in between for ch in ',;:“”"') or (taken and stopper):
            break
        if taken and taken[-1][0].endswith(".") and word[0].isupper() and len(taken[-1][0]) > 3:
            break  # a full stop ended the phrase
        taken.append((word, start, end))
        if len(taken) > 10:
            return None
    if not taken or taken[0][0].lower() == "that":
        return None  # "…, tweeted that the president's strategy …": content, not a subject
    start, end = taken[0][1], taken[-1][2]
    while end > start and masked[end - 1] in ".":
        end -= 1
    capitalised = any(w[0].isupper() for w, _, _ in taken) or taken[0][0].lower().rstrip(".") in DETERMINERS
    if not (capitalised or relaxed) or not valid_speaker(masked, start, end):
        return None
    return start, end
