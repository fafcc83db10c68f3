"""When two reports of one quote differ only as reported speech differs from direct speech.

Two articles quoting the same speaker often adapt a partial quote to the sentence around it: "we
will not back down" becomes they "would not back down"; "I am confident" becomes he "is
confident". These are the reporter's grammar, not a change in what was said, so the archive check
(XRF021) must not call them a misquote. Both texts are reduced to a *canonical* word sequence in
which each tense pair (is/was, has/had, will/would, can/could, do/did…) and each set of personal
pronouns collapses to one token; equal canonical sequences are "trivially different".

The reduction is a dictionary look-up per word: linear, and it never makes two texts with
different content words equal. The aligner against the reporter's own sources (XRF031) does not
use it: there the source is the speaker's exact words, and a changed tense is a misquote.
"""

from __future__ import annotations

_CLASSES: dict[str, tuple[str, ...]] = {
    "BE": ("am", "is", "are", "was", "were"),
    "HAVE": ("has", "have", "had"),
    "WILL": ("will", "would", "shall", "should"),
    "CAN": ("can", "could"),
    "MAY": ("may", "might"),
    "DO": ("do", "does", "did"),
    "SUBJ": ("i", "we", "you", "he", "she", "they"),
    "OBJ": ("me", "us", "him", "them"),
    "POSS": ("my", "our", "your", "his", "her", "their"),
    "POSSP": ("mine", "ours", "yours", "hers", "theirs"),
    "SELF": ("myself", "ourselves", "yourself", "yourselves", "himself", "herself", "themselves"),
    "NOW": ("now", "then"),
    "HERE": ("here", "there"),
    "THIS": ("this", "that"),
    "THESE": ("these", "those"),
    "TODAY": ("today",),
}
_CANONICAL = {word: name for name, words in _CLASSES.items() for word in words}

# Contractions, as quote_text leaves them (lower case, straight apostrophe).
_CONTRACTED = {
    "'m": ("BE",),
    "'re": ("BE",),
    "'s": ("BE",),
    "'ve": ("HAVE",),
    "'ll": ("WILL",),
    "'d": ("WILL",),
}
_NEGATED = {
    "isn't": "BE",
    "aren't": "BE",
    "wasn't": "BE",
    "weren't": "BE",
    "hasn't": "HAVE",
    "haven't": "HAVE",
    "hadn't": "HAVE",
    "won't": "WILL",
    "wouldn't": "WILL",
    "shouldn't": "WILL",
    "can't": "CAN",
    "cannot": "CAN",
    "couldn't": "CAN",
    "don't": "DO",
    "doesn't": "DO",
    "didn't": "DO",
}


def canonical(words: str) -> list[str]:
    """The word sequence with tense pairs, pronouns and contractions collapsed (see module docs)."""
    out: list[str] = []
    for word in words.lower().replace("’", "'").split():
        if word in _NEGATED:
            out.extend((_NEGATED[word], "not"))
            continue
        head, mark, tail = word.partition("'")
        if mark and "'" + tail in _CONTRACTED and head in _CANONICAL:
            out.append(_CANONICAL[head])
            out.extend(_CONTRACTED["'" + tail])
            continue
        out.append(_CANONICAL.get(word, word))
    return out


def trivially_different(before: str, after: str) -> bool:
    """True when the two texts differ only by reported-speech backshift and person shifts, or one
    is such a variant of a fragment of the other."""
    a, b = canonical(before), canonical(after)
    if a == b:
        return True
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    if not short:
        return False
    # one contains the other, as a fragment: a contiguous run, found by a linear scan of starts
    first = short[0]
    for i in range(len(long) - len(short) + 1):
        if long[i] == first and long[i : i + len(short)] == short:
            return True
    return False


__all__ = ["canonical", "trivially_different"]
