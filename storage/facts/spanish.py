"""Spanish questions: telling them apart, and putting them into English words.

A question is Spanish when more of its words lean Spanish than English
(pyspellchecker's frequency lists, storage/facts/wordfreq.py, and the
glossary below); words the facts themselves use ("Netflix", "Deep Fake
Love") do not vote. A Spanish question goes through the glossary (phrases
first, then words, then the Spanish Snowball stem of each glossary word, so
"pagan", "pagaron" and "pagar" all read "pay"), and the English words that
come out then go through the same tables as an English question. Names and
words the glossary lacks pass through as they are.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable

import snowballstemmer

from storage.facts import edits, wordfreq
from storage.facts.cognates import cognate
from storage.facts.spanish_words import SPANISH_PHRASES, SPANISH_STOP, SPANISH_WORDS

_SPANISH = snowballstemmer.stemmer("spanish")
_MAX_PHRASE = max(len(p.split()) for p in SPANISH_PHRASES)
#: A word leaning this far (log odds) is a vote for its language.
LEAN = 2.0


@functools.lru_cache(maxsize=8_192)
def stem(word: str) -> str:
    return str(_SPANISH.stemWord(word))


_STEMS: dict[str, str] = {}
for _word, _english in SPANISH_WORDS.items():
    if _english and len(_word) >= 4:
        _STEMS.setdefault(stem(_word), _english)
#: Every word the glossary knows, for votes and for telling typos from words.
VOCABULARY = frozenset(
    [*SPANISH_WORDS, *SPANISH_STOP, *(w for phrase in SPANISH_PHRASES for w in phrase.split())]
)


def is_spanish(text: str, words: Iterable[str], known: Callable[[str], bool] = lambda w: False) -> bool:
    """`known(word)`: a word the facts use, which does not vote ("netflix", "love")."""
    if "¿" in text or "¡" in text:
        return True
    spanish: list[str] = []
    english = 0
    for word in words:
        if not word.isalpha() or known(word):
            continue
        vote = _vote(word)
        if vote > 0:
            spanish.append(word)
        english += vote < 0
    if len(spanish) <= english:
        return False
    # One short word ("de" in "de-aging") is not enough without an accent.
    accented = any(c in text.lower() for c in "áéíóúñ")
    return len(spanish) >= 2 or accented or len(spanish[0]) >= 4


@functools.lru_cache(maxsize=8_192)
def _vote(word: str) -> int:
    lean = wordfreq.spanish_lean(word)
    if word in VOCABULARY and lean > -LEAN:
        return 1  # conjugated forms the frequency list lacks ("tiene", "estamos")
    if lean >= LEAN:
        return 1
    return -1 if lean <= -LEAN else 0


def to_english(words: list[str], known: Callable[[str], bool] = lambda w: False) -> list[str]:
    """Spanish words put into English ones; names, words the facts use ("netflix",
    "streaming") and unknown words pass through."""
    out: list[str] = []
    for word, english_already in _phrases(words):
        if english_already or known(word):
            out.append(word)
        elif word in SPANISH_WORDS:
            out.extend(SPANISH_WORDS[word].split())
        elif word in SPANISH_STOP:
            continue
        else:
            english = _STEMS.get(stem(word)) if len(word) >= 4 else None
            if english is None and len(word) >= 5:
                english = _as_infinitive(word) or cognate(word)
            if english is None and _misspelt(word):
                english = _nearest(word)
            out.extend(english.split() if english is not None else [word])
    return out


#: Verb endings Snowball leaves on ("proponía", "exigían", "rechazarán"), longest first.
_VERB_ENDINGS = tuple(
    sorted(
        (
            *("ia", "ian", "iamos", "aba", "aban", "abamos", "ara", "aran", "aria", "arian", "era"),
            *("eran", "eria", "erian", "ira", "iran", "iria", "irian", "aron", "ieron", "io", "o"),
        ),
        key=len,
        reverse=True,
    )
)


def _as_infinitive(word: str) -> str | None:
    """A conjugated form read as the glossary's infinitive: "proponía" is "proponer"."""
    for ending in _VERB_ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            root = word[: -len(ending)]
            for infinitive in (root + "ar", root + "er", root + "ir"):
                if SPANISH_WORDS.get(infinitive):
                    return SPANISH_WORDS[infinitive]
    return None


def _misspelt(word: str) -> bool:
    """No word in Spanish or English (names are, mostly, in one of the lists)."""
    return len(word) >= 5 and word.isalpha() and not wordfreq.spanish(word) and not wordfreq.english(word)


def _nearest(word: str) -> str | None:
    """A misspelt Spanish word read as the glossary word one edit away (two for long
    words): "mienbros" is "miembros", "subscriptores" "suscriptores"."""
    found = sorted(
        edits.near(_glossary_index(), word, 1 if len(word) < 8 else 2),
        key=lambda w: (edits.distance(word, w), w),
    )
    return SPANISH_WORDS[found[0]] or None if found else None


@functools.cache
def _glossary_index() -> dict[str, set[str]]:
    return edits.deletes_index(w for w, english in SPANISH_WORDS.items() if english and len(w) >= 4)


def _phrases(words: list[str]) -> list[tuple[str, bool]]:
    """Words, with each known phrase replaced by its English words (marked True)."""
    out: list[tuple[str, bool]] = []
    i = 0
    while i < len(words):
        for size in range(min(_MAX_PHRASE, len(words) - i), 1, -1):
            found = SPANISH_PHRASES.get(" ".join(words[i : i + size]))
            if found is not None:
                out.extend((english, True) for english in found.split())
                i += size
                break
        else:
            out.append((words[i], False))
            i += 1
    return out
