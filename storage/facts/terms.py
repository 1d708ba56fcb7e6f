"""Reduce facts and questions to the same concept tokens.

A fact is indexed, and a question searched, as a set of tokens: words with
contractions expanded, amounts written one way ("$900k", "900,000" and
"900 mil" are all 900000), known phrases and aliases made one canonical
token (storage/fact_lexicon.py), and the rest stemmed with Snowball. A
question in Spanish is first put into English words through a glossary and
the Spanish Snowball stemmer, so it finds the same facts as its English twin.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

import snowballstemmer

from storage.facts import lexicon as lex

#: Change when the tables or the rules change: the index is rebuilt on start.
ANALYZER_VERSION = "1"

_ENGLISH = snowballstemmer.stemmer("english")
_SPANISH = snowballstemmer.stemmer("spanish")
_MAX_PHRASE = max(len(p.split()) for p in (*lex.PHRASES, *lex.SPANISH_PHRASES))
#: Words whose stem collides with a common word ("likeness" stems to "like").
_NO_STEM_ALIAS = frozenset(["like", "base", "post"])

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'"})
_CONTRACTIONS = (
    (re.compile(r"\bwon't\b"), "will not"),
    (re.compile(r"\bcan't\b"), "can not"),
    (re.compile(r"n't\b"), " not"),
    (re.compile(r"\b(what|who|where|when|how|that|there|it|he|she|here)'s\b"), r"\1 is"),
    (re.compile(r"'(re|ve|ll|d|m)\b"), ""),
    (re.compile(r"'s\b"), ""),
    (re.compile(r"'"), ""),
)
_SUFFIX = {"k": 1_000, "thousand": 1_000, "grand": 1_000, "mil": 1_000, "m": 1_000_000}
_SUFFIX |= {"million": 1_000_000, "millones": 1_000_000, "millon": 1_000_000}
_AMOUNT = re.compile(
    r"(?<![\w.,])(\d{1,3}(?:[.,]\d{3})+|\d+(?:\.\d+)?)\s?(k|m|mil|thousand|grand|million|millones|millon)?\b"
)
_TOKEN = re.compile(r"[a-z0-9]+|%")
_MONEY = re.compile(r"\$\s?\d")


def fold(text: str) -> str:
    """Lower case, accents and typographic quotes removed, contractions spelled out."""
    decomposed = unicodedata.normalize("NFKD", text[:1000].translate(_APOSTROPHES).lower())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    for pattern, replacement in _CONTRACTIONS:
        plain = pattern.sub(replacement, plain)
    return _AMOUNT.sub(_amount, plain)


def _amount(match: re.Match[str]) -> str:
    digits, suffix = match.group(1), match.group(2)
    if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", digits):
        value = float(re.sub(r"[.,]", "", digits))
    else:
        value = float(digits)
    value *= _SUFFIX.get(suffix or "", 1)
    return f" {int(value)} " if value.is_integer() else f" {value:g} "


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(fold(text))


def is_spanish(text: str, words: Iterable[str]) -> bool:
    if "¿" in text or "¡" in text:
        return True
    markers = sum(1 for w in set(words) if w in lex.SPANISH_MARKERS)
    accented = any(c in text.lower() for c in "áéíóúñ")
    return markers >= 2 or (markers >= 1 and accented)


def from_spanish(words: list[str]) -> list[str]:
    """Spanish words put into English ones; names and unknown words pass through."""
    out: list[str] = []
    for word in _phrases(words, lex.SPANISH_PHRASES):
        if word in lex.SPANISH_WORDS:
            out.extend(lex.SPANISH_WORDS[word].split())
        elif word in lex.SPANISH_STOP:
            continue
        else:
            english = _SPANISH_STEMS.get(_spanish_stem(word))
            out.extend(english.split() if english is not None else [word])
    return out


def _phrases(words: list[str], table: dict[str, str]) -> list[str]:
    """Known phrases replaced by their token (longest first); other words as they are."""
    out: list[str] = []
    i = 0
    while i < len(words):
        for size in range(min(_MAX_PHRASE, len(words) - i), 1, -1):
            found = table.get(" ".join(words[i : i + size]))
            if found is not None:
                out.extend(found.split())
                i += size
                break
        else:
            out.append(words[i])
            i += 1
    return out


def concepts(words: list[str]) -> list[str]:
    """Concept tokens of English words, once each, in order."""
    out: list[str] = []
    for word in _phrases(words, lex.PHRASES):
        found = concept(word)
        # "over", "ended" and the like only tell that a question asks about later events.
        if found and found != "over" and found not in out:
            out.append(found)
    return out


@functools.lru_cache(maxsize=16_384)
def concept(word: str) -> str:
    if word in lex.STOP_WORDS:
        return ""
    alias = lex.WORDS.get(word)
    if alias is not None:
        return alias
    if word in lex.PHRASES.values():
        return word  # already a canonical token
    stem = _english_stem(word)
    return _STEM_ALIASES.get(stem, stem)


@functools.lru_cache(maxsize=16_384)
def _english_stem(word: str) -> str:
    return str(_ENGLISH.stemWord(word)) if word.isalpha() else word


@functools.lru_cache(maxsize=4_096)
def _spanish_stem(word: str) -> str:
    return str(_SPANISH.stemWord(word))


_STEM_ALIASES = {
    _english_stem(alias): canonical
    for alias, canonical in lex.WORDS.items()
    if _english_stem(alias) not in _NO_STEM_ALIAS and alias.isalpha()
}
_SPANISH_STEMS = {_spanish_stem(word): english for word, english in lex.SPANISH_WORDS.items() if english}

#: Every word the tables know, so a question's word outside it may be a typo.
LEXICON = (
    frozenset(word for table in (lex.PHRASES, lex.WORDS) for phrase in table for word in phrase.split())
    | lex.STOP_WORDS
)


def fact_concepts(text: str, keywords: Iterable[str] = (), quote: str = "") -> tuple[set[str], set[str]]:
    """What a fact is indexed by: the concepts of its text, and those only its keywords
    and quote add.

    Each keyword also gives a phrase token, its concepts joined and ended by "_"
    ("ai_pm_"), which ranks the fact first among facts a question covers equally.
    """
    stated = set(concepts(tokens(text)))
    added: set[str] = set()
    if _MONEY.search(text):
        added.add("pay")  # a dollar amount is pay, a fee or a price, whatever the verb
    for keyword in keywords:
        found = concepts(tokens(keyword))
        added.update(found)
        if found:
            added.add("_".join(sorted(found)) + "_")
    return stated, added - stated


def surface_words(text: str) -> set[str]:
    return {w for w in tokens(text) if w.isalpha() and len(w) >= 4}


_CONTEXT = frozenset(["strike", "negotiation", "sagaftra", "wga", "amptp", "union", "job", "contract"])
_STRONG_AFTER = (
    "back to work", "happened after", "what happened", "reached a deal", "reach a deal", "reached an agreement",
    "reach an agreement", "new contract", "final contract", "tentative agreement", "ya termino", "se acabo",
)  # fmt: skip


@dataclass(frozen=True)
class Question:
    """A question as the search sees it."""

    concepts: tuple[str, ...]
    words: tuple[str, ...]  # English words, before stop words and aliases
    spanish: bool
    wants: str | None  # "amount", "date", "person", "reason" or None
    after: bool  # asks what happened after the facts' dates
    units: frozenset[str] = frozenset()  # for an amount: the figure units that answer it


def read_question(text: str, correct: dict[str, str] | None = None) -> Question:
    """`correct` maps a misspelt word to the known word it stands for."""
    raw = tokens(text)
    spanish = is_spanish(text, raw)
    words = from_spanish(raw) if spanish else raw
    if correct:
        words = [correct.get(w, w) for w in words]
    found = concepts(words)
    wants = _wants(words)
    if wants == "reason" and "why" not in found:
        found.append("why")  # "why ..." is answered by a fact that gives a reason
    if "pay" not in found and re.search(
        r"\bhow much\b.*\b(make|makes|making|made|get|gets|take)\b", " ".join(words)
    ):
        found.append("pay")  # "how much do extras make" asks about pay
    units = _units(words, found) if wants == "amount" else frozenset()
    return Question(tuple(found), tuple(words), spanish, wants, _after(raw, words, found), units)


_PEOPLE = frozenset(["actor", "member", "wga", "extra", "subscriber", "sagaftra", "union", "people"])


def _units(words: list[str], found: list[str]) -> frozenset[str]:
    """Which figures answer "how much/how many": dollars, people, days, a share..."""
    line = " ".join(words)
    if re.search(r"\bhow old\b", line):
        return frozenset(["years"])
    if re.search(r"\bhow many (day|days|week|weeks)\b", line):
        return frozenset(["days"])
    if re.search(r"\bhow many (year|years)\b", line):
        return frozenset(["years"])
    if re.search(r"\bpercent|\bshare\b|\bpercentage\b", line):
        return frozenset(["percent"])
    if re.search(r"\bhow (many|big|large)\b", line):
        units = {"count", "people"}
        if _PEOPLE & set(found):
            units.add("percent")  # "how many of us earn under 26k": 87%
        return frozenset(units)
    return frozenset(["USD"])


def _wants(words: list[str]) -> str | None:
    line = " ".join(words)
    if re.search(r"\bhow (much|many|big|old)\b|\bwhat (percent|share|percentage)\b", line):
        return "amount"
    if re.search(r"\bwhy\b|\bhow come\b", line):
        return "reason"
    if re.search(r"\bwhen\b|\bhow long\b|\bwhat (date|day|month)\b", line):
        return "date"
    if words and words[0] in ("who", "whom", "whose"):
        return "person"
    return None


def _after(raw: list[str], words: list[str], found: list[str]) -> bool:
    line = " ".join([*raw, "|", *words])
    if any(phrase in line for phrase in _STRONG_AFTER):
        return True
    context = bool(_CONTEXT & set(found))
    if not context:
        return False
    ending = words[-1:] == ["over"] or re.search(r"\bover (yet|now|already)\b", line)
    ended = any(lex.WORDS.get(w) == "over" and w != "over" for w in words)
    present = bool(lex.AFTER_WORDS & set(words)) or "still" in words
    return bool(ending or ended or present)
