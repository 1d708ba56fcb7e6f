"""Spanish words the glossary lacks, read as their English cognates.

Spanish and English share thousands of Latin words that differ only in the
ending: "regulación" regulation, "compensaciones" compensations,
"inteligencia" intelligence, "industria" industry, "exclusivo" exclusive,
"digitales" digital. A Spanish word no glossary entry covers is turned
into English by these endings, and read as that word only when it is a real
English word (pyspellchecker's English list), so a name or a word with no
cognate passes through unchanged.
"""

from __future__ import annotations

import functools

from storage.facts import wordfreq

#: Spanish ending, English ending; longer endings first.
_ENDINGS = (
    ("imientos", "s"), ("imiento", ""), ("aciones", "ations"), ("iciones", "itions"), ("ciones", "tions"),
    ("siones", "sions"), ("acion", "ation"), ("icion", "ition"), ("cion", "tion"), ("sion", "sion"),
    ("idades", "ities"), ("idad", "ity"), ("dades", "ties"), ("dad", "ty"), ("mente", "ly"),
    ("encias", "ences"), ("encia", "ence"), ("ancias", "ances"), ("ancia", "ance"), ("icos", "ic"),
    ("icas", "ic"), ("ico", "ic"), ("ica", "ic"), ("osos", "ous"), ("osas", "ous"), ("oso", "ous"),
    ("osa", "ous"), ("istas", "ists"), ("ista", "ist"), ("ivos", "ive"), ("ivas", "ive"), ("ivo", "ive"),
    ("iva", "ive"), ("ias", "ies"), ("ia", "y"), ("ales", "al"), ("bles", "ble"), ("es", "s"),
    ("es", ""), ("os", "s"), ("as", "s"), ("o", ""), ("a", ""), ("o", "e"), ("a", "e"), ("ar", "e"),
    ("ar", ""), ("ir", ""), ("er", ""), ("s", ""),
)  # fmt: skip
#: How common an English word must be to be taken as the cognate (not a rare or odd word).
COMMON_AT = 30


@functools.lru_cache(maxsize=8_192)
def cognate(word: str) -> str | None:
    """The English word a Spanish word (accents already dropped) stands for, or None."""
    for spanish, english in _ENDINGS:
        if word.endswith(spanish) and len(word) - len(spanish) >= 3:
            candidate = word[: len(word) - len(spanish)] + english
            if candidate != word and wordfreq.english(candidate) >= COMMON_AT:
                return candidate
    return None
