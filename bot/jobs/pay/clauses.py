"""Where a figure's clause and sentence begin and end, and the words in a snippet.

Every function reads a bounded window around a position, so the cost per
figure is constant whatever the text.
"""

from __future__ import annotations

import string

_CLAUSE_WINDOW = 240
_ABBREVIATIONS = frozenset(
    {"approx", "incl", "excl", "etc", "vs", "no", "rs", "fr", "min", "max", "sr", "jr", "st"}
)


def _sentence_end(text: str, index: int) -> bool:
    """Whether the ". " at ``index`` ends a sentence (not "Rs. ", "U.S. ", "approx. ")."""
    before = text[max(0, index - 8) : index]
    word = before.split()[-1] if before.split() else ""
    if word.lower().strip(".") in _ABBREVIATIONS or "." in word:
        return False
    return bool(word) and (word[-1].islower() or word[-1].isdigit() or word[-1] in ")%")


def _boundary_before(text: str, start: int) -> int:
    """Where the clause holding ``start`` begins."""
    low = max(0, start - _CLAUSE_WINDOW)
    index = start - 1
    while index >= low:
        char = text[index]
        if char in "\n;|•":
            return index + 1
        if char in ".!?" and text[index + 1 : index + 2] == " " and _sentence_end(text, index):
            return index + 1
        index -= 1
    return low


def _boundary_after(text: str, end: int) -> int:
    high = min(len(text), end + _CLAUSE_WINDOW)
    index = end
    while index < high:
        char = text[index]
        if char in "\n;|•":
            return index
        if char in ".!?" and text[index + 1 : index + 2] in {" ", ""} and _sentence_end(text, index):
            return index
        index += 1
    return high


def clause_before(text: str, start: int) -> str:
    return text[_boundary_before(text, start) : start]


def clause_after(text: str, end: int) -> str:
    return text[end : _boundary_after(text, end)]


def line_above(text: str, start: int) -> str:
    """The short line above the clause at ``start`` when the clause opens its line (a heading).

    One blank line between them is skipped ("Compensation", blank, "$34.62/hour").
    """
    begin = _boundary_before(text, start)
    if begin == 0 or text[begin - 1] != "\n" or text[begin:start].strip(" :-–—•*"):
        return ""
    end = begin - 1
    if end > 0 and text[end - 1] == "\n":
        end -= 1
    floor = max(0, end - 101)
    previous_start = text.rfind("\n", floor, end) + 1
    if previous_start == 0 and floor > 0:
        return ""  # the line above is long: prose, not a heading
    return text[previous_start:end]


def sentence_after(text: str, end: int) -> tuple[str, int]:
    """The rest of the sentence after ``end`` and where the next one starts."""
    stop = _boundary_after(text, end)
    return text[end:stop], stop + 1


_PUNCTUATION = str.maketrans({char: " " for char in string.punctuation if char not in "-+%"})


def words(snippet: str) -> list[str]:
    """Lower-case words, hyphens kept inside them, other punctuation dropped."""
    return snippet.translate(_PUNCTUATION).lower().replace("—", " ").replace("–", " ").split()
