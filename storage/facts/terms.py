"""Reduce facts and questions to the same concept tokens.

A fact is indexed, and a question searched, as a set of tokens: words with
contractions expanded, amounts written one way ("$900k", "900,000", "900
mil" and "nine hundred thousand" are all 900000), known phrases and aliases
made one canonical token (storage/facts/lexicon.py), and the rest stemmed
with Snowball. A Spanish question or keyword is first put into English words
(storage/facts/spanish.py), so it finds the same facts as its English twin.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import snowballstemmer

from storage.facts import chat_words as chat
from storage.facts import lexicon as lex
from storage.facts import numbers, spanish, wordfreq

#: Change when the tables or the rules change: the index is rebuilt on start.
ANALYZER_VERSION = "9"

_ENGLISH = snowballstemmer.stemmer("english")
#: Words whose stem collides with a common word ("likeness" stems to "like").
_NO_STEM_ALIAS = frozenset(["like", "base", "post", "play", "star", "face", "hit", "list", "drop"])

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
_TOKEN = re.compile(r"[a-z0-9]+|%")
_MONEY = re.compile(r"\$\s?\d")
#: Two figures that bound one ("$100 to $200", "between $300k and $900k").
_SPAN = re.compile(r"\$\s?\d[\d,.]*\s?[kKmM]?\s?(to|-|–|and)\s?\$?\d")
_MONTH = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|November|December)\b"
)


def fold(text: str) -> str:
    """Lower case, accents and typographic quotes removed, contractions spelled out."""
    plain = wordfreq.strip_accents(text[:1000].translate(_APOSTROPHES).lower())
    for pattern, replacement in _CONTRACTIONS:
        plain = pattern.sub(replacement, plain)
    return numbers.amounts(plain)


_DECADE = re.compile(r"\b(\d0)s\b")


def tokens(text: str) -> list[str]:
    return numbers.in_digits(_spelled_out(_TOKEN.findall(_DECADE.sub(r"\1", fold(text)))))


def _spelled_out(words: list[str]) -> list[str]:
    """Chat shorthand spelled out ("ppl" people, "bg" background): chat_words.SHORTHAND."""
    if not any(word in chat.SHORTHAND for word in words):
        return words
    return [part for word in words for part in chat.SHORTHAND.get(word, word).split()]


def phrases(words: list[str], with_parts: bool = False) -> list[str]:
    """Known phrases replaced by their token (longest first); other words as they are.

    `with_parts` (for facts) keeps the phrase's own words too, so "product" in a
    question meets a fact's "product manager".
    """
    out: list[str] = []
    for token, parts in _chunks(words):
        out.append(token)
        if with_parts and parts:
            out.extend(parts)
    return out


def _chunks(words: list[str]) -> list[tuple[str, list[str]]]:
    """Each word, or each known phrase's token with the phrase's words. Phrases as the
    tables write them come first; then, among the words left, phrases in another form
    of their words ("gone anywhere" is "going anywhere", "fired back" "fire back")."""
    out: list[tuple[str, list[str]]] = []
    loose: list[str] = []
    for token, parts in _matched(words, words, _STARTS, lex.PHRASES):
        if parts:
            out.extend(_in_other_form(loose))
            out.append((token, parts))
            loose = []
        else:
            loose.append(token)
    out.extend(_in_other_form(loose))
    return out


def _in_other_form(words: list[str]) -> list[tuple[str, list[str]]]:
    forms = [_form(w) if w.isalpha() else "" for w in words]
    return _matched(words, forms, _FORM_STARTS, _PHRASE_FORMS)


def _matched(
    words: list[str], keys: list[str], starts: dict[str, int], table: dict[str, str]
) -> list[tuple[str, list[str]]]:
    """`keys`: the words as the table is keyed (as written, or their forms); `starts`:
    for each first word of a phrase, the longest phrase it starts, so that a word no
    phrase starts with costs one look-up."""
    out: list[tuple[str, list[str]]] = []
    i = 0
    while i < len(words):
        longest = min(starts.get(keys[i], 0), len(words) - i)
        for size in range(longest, 1, -1):
            found = table.get(" ".join(keys[i : i + size]))
            if found is not None:
                out.append((found, words[i : i + size]))
                i += size
                break
        else:
            out.append((words[i], []))
            i += 1
    return out


@functools.lru_cache(maxsize=16_384)
def _form(word: str) -> str:
    """A word with its inflection taken off, for matching phrases: "went" "go", "fired" "fire"."""
    return str(_ENGLISH.stemWord(lex.IRREGULAR.get(word, lex.VERB_FORMS.get(word, word))))


def concepts(words: list[str], with_parts: bool = False) -> list[str]:
    """Concept tokens of English words, once each, in order."""
    out: list[str] = []
    for word in phrases(words, with_parts):
        found = concept(word)
        # "over", "ended" and the like only tell that a question asks about later events.
        if found and found != "over" and found not in out:
            out.append(found)
    return out


@functools.lru_cache(maxsize=16_384)
def concept(word: str) -> str:
    if word in lex.STOP_WORDS:
        return ""
    word = lex.IRREGULAR.get(word, word)
    alias = lex.WORDS.get(word)
    if alias is None and word.startswith("un") and len(word) > 5:
        # "unreleased", "unpaid": what they are about is the word without its "un".
        alias = lex.WORDS.get(lex.IRREGULAR.get(word[2:], word[2:]))
    if alias is not None:
        return alias
    if word in _CANONICAL:
        return word  # already a canonical token
    stem = english_stem(word)
    return _STEM_ALIASES.get(stem, stem)


@functools.lru_cache(maxsize=16_384)
def english_stem(word: str) -> str:
    return str(_ENGLISH.stemWord(lex.IRREGULAR.get(word, word))) if word.isalpha() else word


_CANONICAL = frozenset([*lex.PHRASES.values(), *lex.WORDS.values()])
#: The phrase tables by their words' forms; where two phrases share one, the one listed first.
_PHRASE_FORMS: dict[str, str] = {}
for _written, _token in lex.PHRASES.items():
    if all(w.isalpha() for w in _written.split()):
        _PHRASE_FORMS.setdefault(" ".join(_form(w) for w in _written.split()), _token)


def _starts(phrases: Iterable[str]) -> dict[str, int]:
    found: dict[str, int] = {}
    for phrase in phrases:
        words = phrase.split()
        found[words[0]] = max(found.get(words[0], 0), len(words))
    return found


_STARTS = _starts(lex.PHRASES)
_FORM_STARTS = _starts(_PHRASE_FORMS)
_STEM_ALIASES = {
    english_stem(alias): canonical
    for alias, canonical in lex.WORDS.items()
    if english_stem(alias) not in _NO_STEM_ALIAS and alias.isalpha()
}

#: Names and roles as concept tokens ("apple" is "appl").
COMPANIES = frozenset(concept(name) for name in lex.COMPANIES)
UNIONS = frozenset(concept(name) for name in lex.UNIONS)
ROLES = frozenset(concept(role) for role in lex.ROLES)
KNOWN_NAMES = COMPANIES | UNIONS
_IMPLIES = {concept(name): implied for name, implied in lex.IMPLIES.items()}

#: Every word the tables know, so a question's word outside it may be a typo.
LEXICON = (
    frozenset(word for table in (lex.PHRASES, lex.WORDS) for phrase in table for word in phrase.split())
    | lex.STOP_WORDS
)


def pairs(words: list[str]) -> set[str]:
    """Neighbouring concepts, as "b_" tokens ("AI proposal": b_ai_proposal), order aside."""
    sequence = [c for c in (concept(w) for w in phrases(words)) if c and c != "over"]
    return {"b_" + "_".join(sorted((a, b))) for a, b in itertools.pairwise(sequence) if a != b}


def literal(words: list[str]) -> set[str]:
    """Stems of the words themselves, aliases aside ("said", not the comment concept);
    the words of a phrase say something else together and are left out."""
    return {
        english_stem(word) for word, parts in _chunks(words) if not parts and word.isalpha() and concept(word)
    }


def implied(found: Iterable[str]) -> set[str]:
    """The concepts, with those they imply (SAG-AFTRA: actors, a union)."""
    out = set(found)
    for token in list(out):
        out.update(_IMPLIES.get(token, ()))
    return out


def english_words(text: str, known: Callable[[str], bool] = lambda w: False) -> tuple[list[str], bool]:
    """The text's words in English (a Spanish text put into English), and whether it was Spanish."""
    raw = tokens(text)
    if spanish.is_spanish(text, raw, known):
        return spanish.to_english(raw, known), True
    return raw, False


@dataclass(frozen=True)
class FactTerms:
    """What a fact is indexed by."""

    stated: frozenset[str]  # its text's concepts, the words of its phrases, what they imply
    keywords: frozenset[str]  # concepts only its keywords add
    phrases: frozenset[str]  # each keyword's concepts joined and ended by "_" ("ai_pm_")
    quoted: frozenset[str]  # concepts only its quote adds (no numbers: a quote's other figures)
    names: frozenset[str]  # names of people, works and companies its text mentions
    titles: frozenset[str]  # every capitalised word of its text but a sentence's first
    pairs: frozenset[str]  # neighbouring concepts of its text
    literal: frozenset[str]  # stems of the words of its text themselves
    subjects: frozenset[str]  # roles it is about: not those of a scene-setting "While actors were ..."
    speakers: frozenset[str]  # who says something in it ("Netflix declined to comment": netflix)


def fact_terms(text: str, keywords: Iterable[str] = (), quote: str = "") -> FactTerms:
    stated = implied(concepts(tokens(text), with_parts=True))
    if _MONTH.search(text):
        stated.add("month")  # "since May" answers "since what month"
    if _SPAN.search(text):
        stated.add("range")  # "$300,000 to $900,000" answers "what's the low end", "the pay band"
    added: set[str] = set()
    if _MONEY.search(text):
        added.add("pay")  # a dollar amount is pay, a fee or a price, whatever the verb
    joined: set[str] = set()
    for keyword in keywords:
        words, _ = english_words(keyword)
        found = concepts(words)
        added |= implied(concepts(words, with_parts=True))
        if found:
            joined.add("_".join(sorted(found)) + "_")
    quoted = {c for c in implied(concepts(tokens(quote), with_parts=True)) if not c[:1].isdigit()}
    return FactTerms(
        frozenset(stated),
        frozenset(added - stated),
        frozenset(joined),
        frozenset(quoted - stated - added),
        names_in(text),
        titles_in(text),
        frozenset(pairs(tokens(text))),
        frozenset("w_" + stem for stem in literal(tokens(text))),
        frozenset((implied(concepts(tokens(_SCENE.sub("", text)))) | added) & ROLES),
        speakers(text),
    )


#: A sentence's opening clause that sets the scene ("While actors were on strike, ...").
_SCENE = re.compile(r"^(While|As|When|After|Before|Although|Though|Amid|During)\b[^,.]*,")
_CAPITALISED = re.compile(r"(?<![\w'])[A-Z][\w'-]*")
#: A capitalised word rarer than this in English is a name ("Netflix", "Heisserer").
NAME_BELOW = 1_000


def names_in(text: str) -> frozenset[str]:
    """Concepts of the names in a text: capitalised words that are no everyday word
    ("Heisserer", "Scriptic") and the names the tables know ("Apple", "Marvel")."""
    found: set[str] = set()
    for match in _CAPITALISED.finditer(text):
        for word in tokens(match.group()):
            if not word.isalpha() or word in lex.STOP_WORDS:
                continue
            token = concept(word)
            if word in lex.NOT_NAMES:
                continue
            rare = token not in _CANONICAL and wordfreq.english(word) < NAME_BELOW
            if token and (token in KNOWN_NAMES or rare):
                found.add(token)
    return frozenset(found)


_INNER_CAPITAL = re.compile(r"(?<=[\w,;'\u2019\"\u201c(-] )[A-Z][\w'-]*")


def titles_in(text: str) -> frozenset[str]:
    """Concepts of the capitalised words inside sentences: names and titles, everyday
    words or not ("Secret Invasion", "Queen of the South")."""
    found: set[str] = set()
    for match in _INNER_CAPITAL.finditer(text):
        for word in tokens(match.group()):
            token = concept(word) if word.isalpha() and word not in lex.NOT_NAMES else ""
            if token and token not in _CANONICAL:
                found.add(token)
    return frozenset(found) | names_in(text)


_SAYING = frozenset(["comment", "nocomment", "reaction"])
_CLAUSE = re.compile(r"[;!?]|\.(?:\s|$)")


def speakers(text: str) -> frozenset[str]:
    """The names and roles before a word of saying in the same clause: "Method Studios,
    which made it, said": method, studio; not the Marvel of the clause before."""
    known = names_in(text) | titles_in(text) | ROLES | KNOWN_NAMES
    found: set[str] = set()
    for clause in _CLAUSE.split(text):
        sequence = [concept(w) for w in phrases(tokens(clause))]
        said = [i for i, c in enumerate(sequence) if c in _SAYING]
        if said:
            # ...with what they imply: SAG-AFTRA's negotiator speaks for the union.
            found |= implied(c for c in implied(sequence[: said[-1]]) if c in known)
    return frozenset(found)


_DATED = re.compile(
    r"\b(january|february|march|april|may|june|july|august|september|october|november|december"
    r"|monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|today|tomorrow|since|ago"
    r"|(19|20)\d\d|\d+ (days?|weeks?|months?|years?)|(first|second|third|fourth|fifth|last) (day|week|month))\b",
    re.IGNORECASE,
)


def dated(text: str) -> bool:
    """The text says when something happened or for how long."""
    return bool(_DATED.search(text))


def surface_words(text: str) -> set[str]:
    return {w for w in tokens(text) if w.isalpha() and len(w) >= 4}
