"""Money figures in prose, found by a hand-written scanner.

One pass over the text, no regular expressions: ``$153,000``,
``USD$137,500.00``, ``$85K``, ``€8,000``, ``280K USD``. Each figure knows its
currency (None when the text gives none: ZIP codes, years, 401(k)) and
whether it was written in millions or more ("$5M", "$12B"), which is never pay.
"""

from __future__ import annotations

from dataclasses import dataclass

_MAX_DIGITS = 12
# No posting has more money figures than this; stopping there bounds the work
# a hostile description can cause.
MAX_FIGURES = 500


@dataclass
class Figure:
    value: float
    start: int
    end: int
    currency: str | None
    had_k: bool
    huge: bool


_CODES = frozenset({"USD", "EUR", "GBP", "CAD", "AUD"})
_DOLLAR_PREFIXES = {
    "": "USD",
    "US": "USD",
    "USD": "USD",
    "CA": "CAD",
    "C": "CAD",
    "CAD": "CAD",
    "A": "AUD",
    "AU": "AUD",
    "AUD": "AUD",
}
_SYMBOLS = {"€": "EUR", "£": "GBP"}


def scan_figures(text: str) -> list[Figure]:
    figures: list[Figure] = []
    index, length = 0, len(text)
    while index < length:
        char = text[index]
        if not _is_digit(char):
            index += 1
            continue
        if index > 0 and (text[index - 1].isalnum() or text[index - 1] in "._"):
            index = _skip_word(text, index)  # part of "JR2018805" or "3.5"
            continue
        figure, index = _read_figure(text, index)
        if figure is not None:
            figures.append(figure)
            if len(figures) >= MAX_FIGURES:
                break
    return figures


def _is_digit(char: str) -> bool:
    """ASCII digits only: ``str.isdigit`` also accepts "¹" and "٣"."""
    return "0" <= char <= "9"


def _all_digits(snippet: str) -> bool:
    return bool(snippet) and all(_is_digit(char) for char in snippet)


def _skip_word(text: str, index: int) -> int:
    while index < len(text) and (text[index].isalnum() or text[index] in "._"):
        index += 1
    return index


def _read_figure(text: str, start: int) -> tuple[Figure | None, int]:
    end = _number_end(text, start)
    digits = text[start:end].replace(",", "")
    if len(digits) > _MAX_DIGITS + 3:
        return None, _skip_word(text, end)
    value = float(digits)
    had_k, huge, end = _magnitude_suffix(text, end)
    if had_k:
        value *= 1_000
    prefix_start, currency = _currency_before(text, start)
    suffix_currency, end = _currency_after(text, end)
    figure = Figure(value, prefix_start, end, currency or suffix_currency, had_k, huge)
    return figure, end


def _number_end(text: str, start: int) -> int:
    length = len(text)
    end = start
    while end < length and _is_digit(text[end]) and end - start <= _MAX_DIGITS:
        end += 1
    while (
        end + 3 < length
        and text[end] == ","
        and len(text[end + 1 : end + 4]) == 3
        and _all_digits(text[end + 1 : end + 4])
        and (end + 4 == length or not _is_digit(text[end + 4]))
    ):
        end += 4
    if end + 1 < length and text[end] == "." and _is_digit(text[end + 1]):
        cents_end = end + 1
        while cents_end < length and _is_digit(text[cents_end]) and cents_end - end <= 3:
            cents_end += 1
        if cents_end - end <= 3:
            end = cents_end
    return end


def _magnitude_suffix(text: str, end: int) -> tuple[bool, bool, int]:
    """(thousands, millions-or-more, new end) for ``85K``, ``5M``, ``2 billion``."""
    following = text[end : end + 10].lower()
    if following[:1] == "k" and not following[1:2].isalpha():
        return True, False, end + 1
    if following[:1] in {"m", "b"} and not following[1:2].isalpha():
        return False, True, end + 1
    for word in (" million", " billion", "million", "billion", " trillion"):
        if following.startswith(word):
            return False, True, end + len(word)
    return False, False, end


def _currency_before(text: str, start: int) -> tuple[int, str | None]:
    position = start
    if position >= 2 and text[position - 1] == " " and text[position - 2] != " ":
        position -= 1  # "USD 100,000" or "$ 100,000"
    if position == 0:
        return start, None
    symbol = text[position - 1]
    if symbol in _SYMBOLS:
        return position - 1, _SYMBOLS[symbol]
    if symbol == "$":
        letters_start = position - 1
        while letters_start > 0 and position - 1 - letters_start < 3 and text[letters_start - 1].isupper():
            letters_start -= 1
        if letters_start > 0 and text[letters_start - 1].isalpha():
            return start, None  # "abcUS$5": part of a word
        currency = _DOLLAR_PREFIXES.get(text[letters_start : position - 1])
        return (letters_start, currency) if currency else (start, None)
    code = text[max(0, position - 3) : position]
    if code in _CODES and (position < 4 or not text[position - 4].isalpha()):
        return position - 3, code
    return start, None


def _currency_after(text: str, end: int) -> tuple[str | None, int]:
    position = end + 1 if text[end : end + 1] == " " else end
    code = text[position : position + 3]
    after = text[position + 3 : position + 4]
    if code in _CODES and not after.isalpha():
        return code, position + 3
    return None, end
