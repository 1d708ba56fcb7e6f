"""Amounts and numbers written one way: "$900k", "900,000", "900 mil" and "nine
hundred thousand" are all 900000; "level six" is level 6."""

from __future__ import annotations

import re

_SUFFIX = {"k": 1_000, "thousand": 1_000, "grand": 1_000, "mil": 1_000, "m": 1_000_000}
_SUFFIX |= {"million": 1_000_000, "millones": 1_000_000, "millon": 1_000_000}
_AMOUNT = re.compile(
    r"(?<![\w.,])(\d{1,3}(?:[.,]\d{3})+|\d+(?:\.\d+)?)\s?(k|m|mil|thousand|grand|million|millones|millon)?\b"
)
_UNITS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a": 1, "half": 0.5,
    "dos": 2, "tres": 3, "cinco": 5, "diez": 10, "veinte": 20, "treinta": 30, "cuarenta": 40,
    "cincuenta": 50, "sesenta": 60, "setenta": 70, "ochenta": 80, "noventa": 90, "cien": 100,
    "doscientos": 200, "trescientos": 300, "novecientos": 900, "un": 1,
}  # fmt: skip
_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "mil": 1_000, "millon": 1_000_000}
_SCALES |= {"millones": 1_000_000}
#: Words a number after names one of ("level six" is level 6, "season two" season 2).
_NUMBERED = frozenset(
    [
        *("level", "levels", "tier", "grade", "season", "seasons", "episode", "part", "chapter"),
        *("volume", "phase", "stage", "round", "act", "nivel", "temporada", "episodio", "parte", "fase"),
    ]
)


def amounts(text: str) -> str:
    """Figures with digits ("900k", "26.000", "1.5 million") written as plain numbers."""
    return _AMOUNT.sub(_amount, text)


def _amount(match: re.Match[str]) -> str:
    digits, suffix = match.group(1), match.group(2)
    if re.fullmatch(r"\d{1,3}(?:[.,]\d{3})+", digits):
        value = float(re.sub(r"[.,]", "", digits))
    else:
        value = float(digits)
    value *= _SUFFIX.get(suffix or "", 1)
    return f" {int(value)} " if value.is_integer() else f" {value:g} "


def in_digits(words: list[str]) -> list[str]:
    """Numbers written in words made digits: "thirty five" 35, "a million" 1000000."""
    out: list[str] = []
    i = 0
    while i < len(words):
        value, used = _number_at(words, i)
        if used:
            out.append(str(int(value)))
            i += used
        else:
            out.append(words[i])
            i += 1
    return _shares(out)


def _shares(words: list[str]) -> list[str]:
    """ "9 in 10", "nine out of ten", "3 de cada 4" are a share: 90 %."""
    out: list[str] = []
    i = 0
    while i < len(words):
        for between in (["in"], ["out", "of"], ["de", "cada"]):
            end = i + 1 + len(between)
            part, whole = _count(words[i]), _count(words[end]) if end < len(words) else 0
            if words[i + 1 : end] == between and 0 < part < whole <= 100:
                out += [str(round(100 * part / whole)), "%"]
                i = end + 1
                break
        else:
            out.append(words[i])
            i += 1
    return out


def _count(word: str) -> int:
    """A whole number in digits or a word ("nine"), else 0."""
    if word.isdigit():
        return int(word)
    value = _UNITS.get(word, 0) if word not in ("a", "un", "half") else 0
    return int(value) if float(value).is_integer() else 0


def _number_at(words: list[str], start: int) -> tuple[float, int]:
    total = current = 0.0
    i = start
    seen_scale = seen_digit = False
    while i < len(words):
        word = words[i]
        if word in _UNITS and not (
            word in ("a", "un") and (i + 1 >= len(words) or words[i + 1] not in _SCALES)
        ):
            if word not in ("a", "un", "half") and current % 100 and current >= 20 and _UNITS[word] >= 10:
                break
            if not (word in ("a", "un") and current):  # "half a million"
                current += _UNITS[word]
            seen_digit = True
        elif word in _SCALES and seen_digit:
            # "a mil" is chat English for a million; Spanish never says "un mil".
            scale = 1_000_000 if word == "mil" and words[i - 1] == "a" else _SCALES[word]
            current = (current or 1) * scale
            if _SCALES[word] >= 1_000:
                total, current = total + current, 0.0
            seen_scale = True
        elif word == "and" and seen_digit and i + 1 < len(words) and words[i + 1] in _UNITS:
            pass
        else:
            break
        i += 1
    used = i - start
    value = total + current
    # A lone "one", "a" or "two" is a word, not a figure; "sixty", "thirty five", "a million"
    # are, and so is "six" in "level six" or "season two", a number that names something.
    numbered = start > 0 and words[start - 1] in _NUMBERED and words[start] not in ("a", "un")
    if not seen_digit or (used == 1 and not seen_scale and value < 20 and not numbered):
        return 0.0, 0
    return value, used
