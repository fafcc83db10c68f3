"""Who a speaker phrase stands for: an anonymous source, a weak crowd of opinion, or nobody
to flag. Read from the structure of the phrase (its determiner, its head noun, whether it names
a person or an affiliation), not from a phrase list; shared by the speaker checks (SRC002,
SRC003 in ``sources``) and by the test of whether a sentence already names its source.
"""

from __future__ import annotations

import bisect
import re

from factcheck.plugin import Attribution, Statement

from .findings import ArticleView

#: Head nouns of a speaker phrase that describe an unnamed source.
_ANONYMOUS_HEADS = frozenset(
    "insider insiders source sources official officials aide aides diplomat diplomats person "
    "someone adviser advisers advisor advisors ally allies".split()
)
#: Head nouns of a speaker phrase that stand for an unnamed crowd of opinion; capitalised
#: party plurals ("Democrats think") are crowds too.
_WEAK_HEADS = frozenset(
    "analysts experts critics observers commentators pundits some many others people sceptics "
    "skeptics economists scientists researchers campaigners opponents supporters reports rumours "
    "rumors democrats republicans conservatives tories liberals socialists insiders fans residents "
    "locals investors traders activists doctors".split()
)
#: Endings of nouns for people by what they do ("geologist", "historian"), roles the titles
#: lexicon need not list one by one.
_ROLE_ENDS = ("ist", "ian", "ologist")
#: Determiners that make a singular role an unnamed person: "a state geologist", "one banker".
_INDEFINITE = frozenset({"a", "an", "one", "another"})
#: Roles a named organisation speaks through: "a Tesco spokesman" names who speaks.
_SPOKESPEOPLE = frozenset({"spokesman", "spokeswoman", "spokesperson", "representative", "statement"})
_WORD = re.compile(r"[A-Za-z][\w’'-]*")


def _speaker_words(view: ArticleView, item: Attribution) -> list[str]:
    """The words the attribution's own sentence uses for its speaker (its mention, when the
    speaker was resolved to someone named elsewhere; else the speaker phrase)."""
    start, end = item.speaker_start, item.speaker_end
    if item.mention_start is not None and item.mention_end is not None and item.resolved_by == "name":
        start, end = item.mention_start, item.mention_end
    if start is None or end is None:
        return []
    return _WORD.findall(view.text(start, end))


def _names_someone(view: ArticleView, item: Attribution) -> bool:
    """Whether the speaker span is, or holds, a person's name the extractor recognised."""
    start, end = item.speaker_start, item.speaker_end
    if start is None or end is None:
        return False
    return any(
        e.label == "person" and start <= e.start and e.end <= end for e in view.entities_in(start, end)
    )


def _names_organisation(view: ArticleView, start: int, end: int) -> bool:
    return any(e.label == "organisation" for e in view.entities_in(start, end))


def source_kind(view: ArticleView, item: Attribution, delayed: bool = True) -> str | None:
    """ "anonymous", "weak" or None, from the structure of the speaker phrase: its determiner,
    its head noun and whether it names a person or an affiliation a reader can weigh.

    * anonymous: the head is an unnamed-source noun ("a senior Treasury official", "sources
      close to", "US officials"), or an indefinite role with nobody named ("a state geologist
      said"; "a Tesco spokesman" speaks for a named organisation and is not flagged);
    * weak: a crowd as subject ("analysts noted", "some campaigners said", "Democrats think",
      "reports suggest"), with no affiliation after it ("analysts at Barclays" names one).

    With ``delayed``, a source the next sentence identifies by name is neither (a lede's "a
    leading industry figure has said", named in the next paragraph).
    """
    if item.speaker is None or item.resolved_by not in ("name", "pronoun"):
        return None
    words = _speaker_words(view, item)
    if not words or _names_someone(view, item):
        return None
    first, last = phrase_span(item)
    if first is not None and last is not None and any(ch.isdigit() for ch in view.text(first, last)):
        return None  # "Some 82% said": poll figures, whose source is the poll
    lowered = [w.lower() for w in words]
    cut = next((i for i, w in enumerate(lowered) if i > 0 and w in _PHRASE_ENDS), len(lowered))
    words, lowered = words[:cut], lowered[:cut]  # "Officials in Cojedes state" -> "Officials"
    head = lowered[-1].removesuffix("’s").removesuffix("'s")
    if head in _ANONYMOUS_HEADS:
        return "anonymous"  # "a senior Treasury official", "sources close to", "US officials"
    if head in _SPOKESPEOPLE:
        return None  # a spokesperson speaks for an organisation, on the record
    common = words[-1][:1].islower()  # "Symbian" is a name, "geologist" a role
    if (
        lowered[0] in _INDEFINITE
        and len(words) >= 2
        and (head in view.titles or (common and head.endswith(_ROLE_ENDS)))
    ):
        if delayed and _named_next(view, item):
            return None  # "… a leading industry figure has said. / Tim Renner, the head of …"
        return "anonymous"  # "a state geologist said", "one banker told"
    if head in _QUANTIFIERS and len(words) == 1 and _survey_paragraph(view, item):
        return None  # "Many suggested …" in a survey's findings: its respondents
    return _crowd_kind(view, item, words, lowered, delayed)


def _crowd_kind(
    view: ArticleView, item: Attribution, words: list[str], lowered: list[str], delayed: bool
) -> str | None:
    """ "weak" for a crowd as the subject ("analysts noted", "Democrats think"), else None."""
    head = lowered[-1].removesuffix("’s").removesuffix("'s")
    if head not in _WEAK_HEADS or len(words) > 4 or lowered[0] in _DEFINITE or "the" in lowered[1:3]:
        return None  # "the researchers", "The Conservatives", "His lawyers": a group named already
    party = head in _PARTY_PLURALS and words[-1][0].isupper()
    start, end = phrase_span(item)
    affiliation = any(w[0].isupper() for w in words[1:]) or (
        start is not None and end is not None and _names_organisation(view, start, end)
    )
    if affiliation and not party:
        return None  # "analysts at Barclays", "CEA analysts": they work for someone named
    if party and not _belief(item):
        return None  # "Democrats said": a party speaking; "Democrats think" is a crowd's belief
    if delayed and not party and _crowd_identified(view, item, lowered):
        return None  # "data recovery experts say …" / "… compiled by recovery company Ontrack"
    return "weak"


#: Words of a crowd's phrase that say nothing about who they are.
_VAGUE = frozenset("some many most several other others few all both real leading top local".split())
#: How many paragraphs after a lede its crowd may be named in (quoted by name).
_LEDE_REACH = 3
#: How far before a name its description may start ("recovery company Ontrack").
_DESCRIPTION_REACH = 40


def _crowd_identified(view: ArticleView, item: Attribution, lowered: list[str]) -> bool:
    """A crowd the article identifies by name elsewhere (delayed identification): a person or
    an organisation in its paragraph whose role, or the words just before its name, share a word
    with the crowd ("data recovery experts say …" / "compiled by recovery company Ontrack"); or,
    for a crowd in the lede, people quoted by name in the next few paragraphs ("… real experts
    say." / "said Max Houck, who runs a forensic science graduate course")."""
    words = {w.removesuffix("s") for w in lowered if len(w) > 3 and w not in _VAGUE}
    statement = view.statement_at(item.start)
    if not words or statement is None or not 0 <= statement.block < len(view.blocks):
        return False
    block = view.blocks[statement.block]
    phrase_start, phrase_end = phrase_span(item)
    for entity in view.entities_in(block.start, block.end):
        if entity.label not in ("person", "organisation"):
            continue
        if phrase_start is not None and phrase_end is not None and phrase_start <= entity.start < phrase_end:
            continue
        near = view.text(max(block.start, entity.start - _DESCRIPTION_REACH), entity.start)
        if words & _stems(f"{entity.role or ''} {near}"):
            return True
    if statement.block != _first_body_block(view):
        return False
    # A lede's crowd sums up the people the story goes on to quote by name ("… real experts
    # say." / three paragraphs later "said Max Houck, who runs a forensic science course")
    last = min(len(view.blocks) - 1, statement.block + _LEDE_REACH)
    return any(
        other.direct and other.start > item.start and _names_someone(view, other)
        for other in view.attributions
        if other.start < view.blocks[last].end
    )


def _stems(text: str) -> set[str]:
    return {w.lower().removesuffix("s") for w in _WORD.findall(text)}


def _first_body_block(view: ArticleView) -> int:
    """The index of the story's first paragraph (after its title and headings)."""
    for index, block in enumerate(view.blocks):
        if block.kind not in ("title", "heading", "standfirst"):
            return index
    return 0


def _named_next(view: ArticleView, item: Attribution) -> bool:
    """Delayed identification: the sentence after the attribution opens with a person's full
    name (a lede's "a leading industry figure has said", named in the next paragraph)."""
    statement = view.statement_at(item.start)
    if statement is None:
        return False
    index = view.statements.index(statement)
    if index + 1 >= len(view.statements):
        return False
    following = view.statements[index + 1]
    opening = [e for e in view.entities_in(following.start, following.start + 60) if e.label == "person"]
    if not opening or len(opening[0].text.split()) < 2:
        return False
    first = opening[0].role_start if opening[0].role_start is not None else opening[0].start
    return not view.text(following.start, min(first, opening[0].start)).strip()


def phrase_span(item: Attribution) -> tuple[int | None, int | None]:
    if item.mention_start is not None and item.resolved_by == "name":
        return item.mention_start, item.mention_end
    return item.speaker_start, item.speaker_end


_PARTY_PLURALS = frozenset("democrats republicans conservatives tories liberals socialists".split())


#: Words after which a speaker phrase's head has been said: "sources close to the talks".
_PHRASE_ENDS = frozenset("in at of for from with by close familiar who which that on".split())
#: Determiners that point to a group the article has already identified.
_DEFINITE = frozenset("the these those his her their its our my".split())
#: Words that quantify a crowd without naming it: "Some economists", "Many analysts".
_QUANTIFIERS = frozenset("some many most several other others few all both".split())
_BELIEF_CUES = frozenset(
    "think thinks thought believe believes believed fear fears feared suspect suspects feel feels "
    "felt expect expects expected hope hopes hoped".split()
)


_SURVEY = re.compile(r"(?i)\b(?:survey|poll|report|study|research|found|respondents|questioned)\b")


def _survey_paragraph(view: ArticleView, item: Attribution) -> bool:
    statement = view.statement_at(item.start)
    if statement is None or not 0 <= statement.block < len(view.blocks):
        return False
    block = view.blocks[statement.block]
    return _SURVEY.search(view.plain, block.start, block.end) is not None


def _belief(item: Attribution) -> bool:
    return (item.cue or "").lower() in _BELIEF_CUES


def named_source_in(view: ArticleView, statement: Statement) -> bool:
    """Whether a sentence holds an attribution to a named person or organisation (its speaker
    span holds a name the extractor recognised: "The CBI found …", not "the minister"): its
    content or its speaker starts in the sentence. The positions are found once per article."""
    positions = view.named_source_positions
    if positions is None:
        positions = view.named_source_positions = _named_source_positions(view)
    index = bisect.bisect_left(positions, statement.start)
    return index < len(positions) and positions[index] < statement.end


def _named_source_positions(view: ArticleView) -> list[int]:
    """Where each attribution to a named source starts, and where its speaker does (sorted)."""
    found: list[int] = []
    for item in view.attributions:
        if item.speaker is None or item.resolved_by != "name":
            continue
        start, end = item.speaker_start, item.speaker_end
        named = (
            start is not None
            and end is not None
            and any(e.label in ("person", "organisation") for e in view.entities_in(start, end))
        )
        documented = (item.cue or "").lower() == "according to"  # "according to court records"
        if not named and not documented:
            continue
        if source_kind(view, item, delayed=False) is None:
            found.append(item.start)
            if item.speaker_start is not None:
                found.append(item.speaker_start)
    found.sort()
    return found
