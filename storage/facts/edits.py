"""Edit distance and a deletion index, for reading misspelt words as known ones."""

from __future__ import annotations

from collections.abc import Iterable


def variants(word: str, depth: int) -> set[str]:
    """The word with up to `depth` letters deleted."""
    found = {word}
    frontier = {word}
    for _ in range(depth):
        frontier = {w[:i] + w[i + 1 :] for w in frontier for i in range(len(w))}
        found |= frontier
    return found


def deletes_index(words: Iterable[str]) -> dict[str, set[str]]:
    """Each word under itself and under each one-letter deletion of it."""
    index: dict[str, set[str]] = {}
    for word in set(words):
        for variant in variants(word, 1):
            index.setdefault(variant, set()).add(word)
    return index


def near(index: dict[str, set[str]], word: str, limit: int) -> set[str]:
    """Known words within `limit` edits of `word` (a swap of neighbours counts one)."""
    seen: set[str] = set()
    for variant in variants(word, limit):
        seen |= index.get(variant, set())
    return {known for known in seen if distance(word, known) <= limit}


def distance(a: str, b: str) -> int:
    """Damerau-Levenshtein distance (adjacent swaps count one)."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, start=1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        previous2, previous = previous, current
    return previous[-1]
