"""Turn a question as members type it into search terms with synonyms.

"what does the Netflix AI job pay" and "netflix machine learning salary"
should find the same fact: stop words are dropped and each remaining word
brings its synonyms, so salary, pay, wage and earn meet.
"""

from __future__ import annotations

import functools
import re

STOP_WORDS = frozenset(
    [
        "a",
        "about",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "been",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "for",
        "from",
        "get",
        "got",
        "had",
        "has",
        "have",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "me",
        "much",
        "my",
        "of",
        "on",
        "or",
        "our",
        "per",
        "please",
        "say",
        "says",
        "show",
        "so",
        "tell",
        "than",
        "that",
        "the",
        "their",
        "them",
        "there",
        "these",
        "they",
        "this",
        "those",
        "to",
        "us",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "who",
        "whom",
        "why",
        "while",
        "will",
        "with",
        "would",
        "you",
        "your",
    ]
)

SYNONYM_GROUPS: tuple[frozenset[str], ...] = tuple(
    frozenset(group.split())
    for group in (
        "pay paid pays salary salaries wage wages earn earns earning earnings income compensation make makes money",
        "ai artificial intelligence ml machine learning",
        "actor actors performer performers member members",
        "background extras extra",
        "scan scanned scanning replica replicas likeness digital",
        "proposal proposals proposed offer offered",
        "job jobs role roles position listing posting",
        "strike strikes striking walkout picket",
        "studio studios amptp",
        "percent %",
        "insurance health healthcare",
    )
)
_SYNONYMS: dict[str, frozenset[str]] = {word: group for group in SYNONYM_GROUPS for word in group}
MAX_TERMS = 12


def question_words(question: str) -> list[str]:
    """The meaningful words of a question, once each, in order."""
    words: list[str] = []
    for word in _words(question):
        if word not in STOP_WORDS and word not in words:
            words.append(word)
    return words[:MAX_TERMS]


def search_terms(question: str) -> list[list[str]]:
    """Groups of alternative words, one group per meaningful word of the question."""
    return [sorted(_SYNONYMS.get(word, frozenset()) | {word}) for word in question_words(question)]


#: Runs of letters and digits, or a lone "%". One regex pass: a per-character loop
#: here was most of /fact's time once the candidates were re-ranked.
_WORD = re.compile(r"[^\W_]+|%")


def _words(text: str) -> list[str]:
    return _WORD.findall(text[:500].lower())


@functools.lru_cache(maxsize=65_536)
def _stem(word: str) -> str:
    """A crude stem, enough to meet salary/salaries and scan/scanned."""
    for suffix in ("ies", "ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def coverage(groups: list[list[str]], text: str) -> int:
    """How many of the question's words (with their synonyms) a fact's text contains.

    BM25 alone lets one word with many synonyms ("pay") outweigh the rest of
    the question; ranking first by how much of the question is covered fixes that.
    """
    stems = _text_stems(text)
    return sum(1 for group in groups if not _group_stems(tuple(group)).isdisjoint(stems))


# A question ranks each of its ~30 candidate facts three times (two rankings and the
# "does it answer" check), and popular facts come up again and again: stem each text once.
@functools.lru_cache(maxsize=2_048)
def _text_stems(text: str) -> frozenset[str]:
    return frozenset(_stem(w) for w in _words(text))


@functools.lru_cache(maxsize=4_096)
def _group_stems(group: tuple[str, ...]) -> frozenset[str]:
    return frozenset(_stem(term) for term in group)
