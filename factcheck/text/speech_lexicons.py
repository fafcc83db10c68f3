"""The word lists that quotation, entity and attribution extraction consult, as one value.

The lists are data (``rules/lexicons/*.toml``), not code, so a newsroom's pack can add its own
cue verbs or titles. Extraction functions take a :class:`Lexicons` argument rather than reading
files themselves; :func:`default_lexicons` loads the shipped files once, and
:func:`lexicons_from` builds the value from whatever lexicons a run loaded (a ``RuleSet``'s
``lexicons`` mapping, shipped packs merged with the newsroom's).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, cached_property
from importlib.resources import files
from pathlib import Path

from factcheck.rules.packs import Lexicon, load_rule_file
from factcheck.text.numbers import trie_source

#: The lexicon names this package reads, and the attribute each fills.
LEXICON_NAMES = {
    "attribution_cues": "cues",
    "person_titles": "titles",
    "organisation_words": "organisation_words",
    "not_a_name": "not_a_name",
    "places": "places",
    "female_first_names": "female_names",
    "male_first_names": "male_names",
    "unisex_first_names": "unisex_names",
    "speech_nouns": "speech_nouns",
}

# Words in a role or title that say a person's gender ("Mrs.", "congresswoman"): grammar, not
# newsroom data, so they live here rather than in a lexicon file.
_FEMALE_TITLES = frozenset(
    "mrs. mrs ms. ms miss madam congresswoman chairwoman spokeswoman businesswoman councilwoman "
    "actress queen princess dame lady duchess countess sister mother wife daughter widow".split()
)
_MALE_TITLES = frozenset(
    "mr. mr congressman chairman spokesman businessman councilman king prince sir lord duke count "
    "brother father husband son".split()
)


@dataclass(frozen=True)
class Lexicons:
    """Word lists for speech and entity extraction. Titles, organisation words, stop words and
    places match case-insensitively; cues match as written or with a capital first letter."""

    cues: tuple[str, ...] = ()
    titles: tuple[str, ...] = ()
    organisation_words: tuple[str, ...] = ()
    not_a_name: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    female_names: tuple[str, ...] = ()
    male_names: tuple[str, ...] = ()
    unisex_names: tuple[str, ...] = ()
    speech_nouns: tuple[str, ...] = ()
    # Compiled forms below are derived lazily; cached_property writes to the instance __dict__,
    # which a frozen dataclass still allows.

    @cached_property
    def title_set(self) -> frozenset[str]:
        return frozenset(t.lower() for t in self.titles)

    @cached_property
    def title_last_words(self) -> frozenset[str]:
        """The last word of every title: a cheap first test before looking for a title."""
        return frozenset(t.split()[-1] for t in self.title_set if t.split())

    @cached_property
    def title_max_chars(self) -> int:
        """The length of the longest title, in characters (lower-cased)."""
        return max((len(t) for t in self.title_set), default=0)

    @cached_property
    def title_max_words(self) -> int:
        return max((len(t.split()) for t in self.titles), default=1)

    @cached_property
    def organisation_set(self) -> frozenset[str]:
        return frozenset(w.lower() for w in self.organisation_words)

    @cached_property
    def stop_set(self) -> frozenset[str]:
        return frozenset(w.lower() for w in self.not_a_name)

    @cached_property
    def place_set(self) -> frozenset[str]:
        return frozenset(p.lower() for p in self.places)

    @cached_property
    def first_name_genders(self) -> dict[str, str]:
        """Lower-cased first name -> "f" or "m"; a name on both lists is left out (ambiguous)."""
        female = {n.lower() for n in self.female_names}
        male = {n.lower() for n in self.male_names}
        genders = {n: "f" for n in female - male}
        genders.update({n: "m" for n in male - female})
        return genders

    @cached_property
    def speech_noun_set(self) -> frozenset[str]:
        return frozenset(w.lower() for w in self.speech_nouns)

    @cached_property
    def first_name_set(self) -> frozenset[str]:
        """Every listed first name, lower-cased, whatever its gender."""
        return frozenset(n.lower() for n in (*self.female_names, *self.male_names, *self.unisex_names))

    def is_first_name(self, word: str) -> bool:
        return word.lower().rstrip(".,") in self.first_name_set

    def gender_of(self, first_name: str) -> str | None:
        """ "f", "m" or None (unknown or ambiguous) for a first name as written."""
        return self.first_name_genders.get(first_name.lower().rstrip(".,"))

    def gender_of_title(self, phrase: str) -> str | None:
        """The gender a role or speaker phrase states ("Mrs. Clinton", "the congresswoman")."""
        words = {w.lower().strip(",") for w in phrase.split()}
        female, male = bool(words & _FEMALE_TITLES), bool(words & _MALE_TITLES)
        if female != male:
            return "f" if female else "m"
        return None

    @cached_property
    def cue_first_words(self) -> frozenset[str]:
        """The first word of every cue as the article scanner folds it (``Scan.lower``): where
        in an article a cue can start, found through the scan's index instead of a regex pass."""
        from factcheck.text.scanner import WORD

        found = set()
        for cue in self.cues:
            first = WORD.search(cue.strip())
            if first is not None:
                found.add(first.group().lower().replace("’", "'"))
        return frozenset(found)

    @cached_property
    def cue_start_pattern(self) -> re.Pattern[str]:
        """The first word of every cue, whole, as written or capitalised: where a cue can
        start, found in one pass over an article (a prefix tree, like ``cue_pattern``)."""
        words = {c.strip().split()[0] for c in self.cues if c.strip()}
        if not words:
            return re.compile(r"(?!x)x")
        forms = {f for w in words for f in (w, w[0].upper() + w[1:])}
        return re.compile(rf"(?<![\w’'-]){trie_source(forms)}(?![\w’'-])")

    @cached_property
    def cue_pattern(self) -> re.Pattern[str]:
        """Every cue, on word boundaries, as one prefix tree; never matches nothing.

        A plain alternation of 170 cues makes the regex engine try each cue at every position
        of the article (about half of attribution's time); the same words folded into a prefix
        tree ("s(?:a(?:id|y(?:s|ing)?)|tat…)") fail at most positions after one character."""
        words = {c.strip() for c in self.cues if c.strip()}
        if not words:
            return re.compile(r"(?!x)x")
        # Case matters ("States" is not "states"); a cue may open a sentence ("According to").
        forms = {f for w in words for f in (w, w[0].upper() + w[1:])}
        return re.compile(rf"(?<![\w’'-]){trie_source(forms, space=True)}(?![\w’'-])")


def lexicons_from(found: Mapping[str, Lexicon] | Mapping[str, Iterable[str]]) -> Lexicons:
    """Build :class:`Lexicons` from a mapping of lexicon name to ``Lexicon`` (or plain entries)."""
    values: dict[str, tuple[str, ...]] = {}
    for name, attribute in LEXICON_NAMES.items():
        entry = found.get(name)
        if entry is None:
            continue
        words = entry.entries if isinstance(entry, Lexicon) else list(entry)
        values[attribute] = tuple(words)
    return Lexicons(**values)


def load_lexicon_folder(folder: Path) -> Lexicons:
    """Read every lexicon file in a folder (lists with the same name are merged)."""
    found: dict[str, list[str]] = {}
    for path in sorted(folder.glob("*.toml")):
        loaded = load_rule_file(path, {})
        if isinstance(loaded, Lexicon):
            found.setdefault(loaded.name, []).extend(loaded.entries)
    return lexicons_from(found)


@cache
def default_lexicons() -> Lexicons:
    """The lexicons shipped in ``factcheck_rules/lexicons``, loaded once per process."""
    folder = Path(str(files("factcheck_rules") / "lexicons"))
    return load_lexicon_folder(folder)
