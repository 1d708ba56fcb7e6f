"""How common a word is in English and in Spanish.

pyspellchecker ships word-frequency lists (counts from film and TV subtitles,
so the words people say); /fact uses them to tell a misspelling from a real
word, an English question from a Spanish one, and an everyday word ("guy",
"outside", "beef") from a name or a term ("Iger", "pension") when the facts
do not use it. Loaded once, on the first question.
"""

from __future__ import annotations

import functools
import gzip
import json
import math
import unicodedata
from importlib import resources

#: A word this common is taken as meant, not as a typo ("lasted" is not "listed").
COMMON_AT = 100


def strip_accents(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@functools.cache
def _counts(language: str) -> dict[str, int]:
    data = resources.files("spellchecker").joinpath("resources", f"{language}.json.gz").read_bytes()
    raw: dict[str, int] = json.loads(gzip.decompress(data))
    counts: dict[str, int] = {}
    for word, count in raw.items():
        plain = strip_accents(word.lower())
        counts[plain] = counts.get(plain, 0) + count
    return counts


@functools.cache
def _total(language: str) -> int:
    return sum(_counts(language).values())


def english(word: str) -> int:
    """How often the word occurs in the English list (0: not an English word)."""
    return _counts("en").get(word, 0)


def spanish(word: str) -> int:
    return _counts("es").get(word, 0)


def is_common_english(word: str) -> bool:
    return english(word) >= COMMON_AT


def spanish_lean(word: str) -> float:
    """How much more Spanish than English a word is (log odds; 0 when neither knows it)."""
    en, es = english(word), spanish(word)
    if not en and not es:
        return 0.0
    return math.log(((es + 1) / _total("es")) / ((en + 1) / _total("en")))


def everyday(word: str, language: str = "en") -> float:
    """0 for a rare word or a name, rising to 1 for the most everyday words.

    "iger" 0, "pension" (7,700) about 0.2, "pizza" (25,000) about 0.4, "guy"
    (840,000) about 0.9. Spanish verb forms the list lacks ("alcanzaría",
    "hacían") are everyday words too, not names.
    """
    count = english(word) if language == "en" else spanish(word)
    if count < 1_000:
        if language == "es" and word.endswith(_SPANISH_VERB_ENDINGS) and len(word) >= 6:
            return 0.6
        return 0.0
    return min(1.0, math.log10(count / 1_000) / 3.2)


_SPANISH_VERB_ENDINGS = (
    "aria", "arian", "eria", "erian", "iria", "irian", "aron", "ieron", "aban", "aba", "ian", "ando",
    "iendo", "aste", "iste", "amos", "emos", "imos", "ara", "iera", "ado", "ido", "ada", "ida",
)  # fmt: skip
