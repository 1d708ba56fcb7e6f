"""Misspelt words of a question, corrected to the words the facts and the tables use.

A word is corrected when it is no word the facts, the tables or everyday
English use ("netflx", "salery"): to the closest known word (one edit, two
for long words; a swap of neighbours counts one). An everyday word that is
one edit from a fact's word ("beetles", "manger") is corrected only when the
fact that has the corrected word also has the question's other words: "the
beetles ai song" is about the Beatles, "how long has the strike lasted" is not
about a listing.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable

from storage.facts import edits, spanish, terms, wordfreq
from storage.facts import lexicon as lex


class Vocabulary:
    """The words the facts and the tables use, with a deletion index for quick look-ups."""

    def __init__(self, counts: dict[str, int]) -> None:
        self.counts = counts
        self._deletes: dict[str, set[str]] | None = None

    def deletes(self) -> dict[str, set[str]]:
        if self._deletes is None:
            self._deletes = edits.deletes_index([*self.counts, *_LEXICON_WORDS])
        return self._deletes

    def nearest(self, word: str, limit: int, facts_only: bool = False) -> str | None:
        found = self.closest(word, limit, facts_only)
        return found[0] if found else None

    def closest(self, word: str, limit: int, facts_only: bool = False) -> list[str]:
        """The known words fewest edits away, the facts' most used first."""
        seen = edits.near(self.deletes(), word, limit)
        if len(word) == 3 or facts_only:
            # A three-letter word is only read as a word the facts use, or as a way of
            # asking ("hiw much", "hwo said it", "wat is"), which no fact uses.
            seen &= set(self.counts) | (_ASKING if not facts_only else set())
        scored = sorted((edits.distance(word, known), -self.counts.get(known, 0), known) for known in seen)
        return [known for distance, _, known in scored if distance == scored[0][0]]


_ASKING = frozenset(["how", "who", "why", "what", "when", "where", "which", "much", "many"])
_LEXICON_WORDS = sorted(w for w in terms.LEXICON if w.isalpha() and len(w) >= 3)


def corrections(
    vocabulary: Vocabulary,
    words: Iterable[str],
    is_spanish: bool,
    known_concept: Callable[[str], bool],
) -> tuple[dict[str, str], dict[str, str]]:
    """Sure corrections, and everyday words that may be typos (to check against the facts)."""
    sure: dict[str, str] = {}
    maybe: dict[str, str] = _joins(vocabulary, list(words))
    for word in words:
        if len(word) < 3 or not word.isalpha() or word in vocabulary.counts or word in terms.LEXICON:
            continue
        if is_spanish and word in spanish.VOCABULARY:
            continue
        if known_concept(terms.concept(word)) or terms.concept(word) in terms.KNOWN_NAMES:
            continue  # another form of a word the facts use ("join" for "joined"), or a known name
        limit = 1 if len(word) < 8 else 2
        if wordfreq.is_common_english(word) or (is_spanish and wordfreq.spanish(word)):
            best = vocabulary.nearest(word, 1, facts_only=True) if len(word) >= 4 else None
            if best is not None:
                maybe[word] = best
            continue
        closest = vocabulary.closest(word, limit)
        if closest:
            sure[word] = closest[0]
            if len(closest) > 1:
                sure[word] = _in_phrase(word, closest, words, vocabulary)
        elif limit == 1 and len(word) >= 5:
            # Two edits in a shorter word ("delanie" for "delaney"): only with the facts' support.
            best = vocabulary.nearest(word, 2, facts_only=True)
            if best is not None and not wordfreq.is_common_english(best):
                maybe[word] = best  # a name, not an everyday word ("iatse" is not "rate")
    return sure, maybe


def _in_phrase(word: str, closest: list[str], words: Iterable[str], vocabulary: Vocabulary) -> str:
    """Of words equally near, the one that makes a known phrase with a neighbour
    ("grean screan": "green screen", not "great screen"); else the most used."""
    line = list(words)
    at = line.index(word)
    for known in closest:
        for start, end in ((at - 1, at), (at, at + 1)):
            if start < 0 or end >= len(line):
                continue
            pair = [known if i == at else _fixed(line[i], vocabulary) for i in (start, end)]
            if " ".join(pair) in lex.PHRASES:
                return known
    return closest[0]


def _fixed(word: str, vocabulary: Vocabulary) -> str:
    if word in vocabulary.counts or word in terms.LEXICON or not word.isalpha():
        return word
    return vocabulary.nearest(word, 1) or word


def _joins(vocabulary: Vocabulary, words: list[str]) -> dict[str, str]:
    """Two words a space split from one the facts use ("open ai" for "openai"), keyed
    "open ai"; they too need the facts' support."""
    found: dict[str, str] = {}
    for first, second in itertools.pairwise(words):
        joined = first + second
        if first.isalpha() and second.isalpha() and len(joined) >= 5 and joined in vocabulary.counts:
            found[f"{first} {second}"] = joined
    return found
