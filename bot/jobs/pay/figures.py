"""Numbers and money figures in prose, found by a hand-written scanner.

One forward pass over the text, no regular expressions, so the cost stays
linear whatever a hostile description looks like. Figures are read the way
their writers group them: ``$153,000``, ``€120.000``, ``55 000 €``,
``CHF 120'000``, ``₹18,00,000``, ``€3.850,00``, ``$85K``, ``JPY 6M``,
``12 Lakhs``. Each figure knows its currency (None when the text gives
none: ZIP codes, years, 401(k)) and the multiplier it was written with.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.jobs.pay.currencies import SYMBOLS, WORDS, dollar_currency, from_code

_MAX_DIGITS = 12
# No posting has more figures than this; stopping there bounds the work a
# hostile description can cause.
MAX_FIGURES = 500
_GROUP_SEPARATORS = ",.'’ "


@dataclass
class Figure:
    value: float
    start: int  # the currency sign included
    end: int  # suffixes (K, M, a currency code) included
    currency: str | None
    multiplier: float = 1.0  # 1,000 for "85K", 1e6 for "6M", 1e5 for "12 lakhs"
    bare_dollar: bool = False  # written "$" with no country letters
    plus: bool = False  # "$150,000+"
    plain_integer: bool = False  # digits only, no grouping, no decimals, no sign: "2024", "91505"

    @property
    def had_k(self) -> bool:
        return self.multiplier == 1_000


def scan_figures(text: str) -> list[Figure]:
    figures: list[Figure] = []
    index, length = 0, len(text)
    while index < length:
        if not _is_digit(text[index]):
            index += 1
            continue
        if index > 0 and not _may_start_number(text, index):
            index = _skip_word(text, index)  # part of "JR2018805", "3.5" or "B2B"
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


def _may_start_number(text: str, index: int) -> bool:
    before = text[index - 1]
    if before in "._" or _is_digit(before):
        return False
    if not before.isalpha():
        return True
    # "USD120,000", "Rs60,000": a currency written against the number.
    letters = _letters_before(text, index)
    return _currency_word(letters) is not None and (
        index - len(letters) == 0 or not text[index - len(letters) - 1].isalpha()
    )


def _letters_before(text: str, end: int, limit: int = 4) -> str:
    start = end
    while start > 0 and end - start < limit and text[start - 1].isalpha():
        start -= 1
    return text[start:end]


def _skip_word(text: str, index: int) -> int:
    while index < len(text) and (text[index].isalnum() or text[index] in "._"):
        index += 1
    return index


def _digits_at(text: str, position: int, limit: int) -> int:
    """How many digits (at most ``limit`` + 1) start at ``position``."""
    count = 0
    while position + count < len(text) and count <= limit and _is_digit(text[position + count]):
        count += 1
    return count


def _read_number(text: str, start: int) -> tuple[float | None, int, bool]:
    """(value, end, plain integer) of the number at ``start``; value None when it is too long."""
    whole = _digits_at(text, start, _MAX_DIGITS)
    if whole > _MAX_DIGITS:
        return None, _skip_word(text, start), False
    end = start + whole
    digits = text[start:end]
    separator = ""
    while end < len(text) and text[end] in _GROUP_SEPARATORS and len(digits) <= _MAX_DIGITS:
        char = text[end]
        if separator and char != separator:
            break
        count = _digits_at(text, end + 1, 3)
        if count == 3 and _groups_by(char, text, start, end, separator):
            digits += text[end + 1 : end + 4]
        elif (
            count == 2
            and char == ","
            and text[end + 3 : end + 4] == ","
            and _is_digit(text[end + 4 : end + 5] or "x")
        ):
            digits += text[end + 1 : end + 3]  # Indian grouping: 18,00,000
        else:
            break
        separator = char
        end += 1 + count
    end, fraction = _fraction(text, end, separator)
    if not fraction and text[end : end + 2] in {".-", ",-", ".–", ",–"}:
        end += 2  # "CHF 120'000.-", "EUR 60.000,-": whole units, the Swiss and German way
    plain = not separator and not fraction
    return float(digits + ("." + fraction if fraction else "")), end, plain


def _groups_by(char: str, text: str, start: int, end: int, separator: str) -> bool:
    """Whether ``char`` at ``end`` separates thousands (not a decimal point or a gap between numbers).

    "0.250" and "1234.567" are decimals; a space groups only after 1 to 3
    digits ("2019 100 people" is two numbers).
    """
    first_group_too_long = end - start > 3 and not separator
    if char == ".":
        return text[start] != "0" and not first_group_too_long
    return not (char == " " and first_group_too_long)


def _fraction(text: str, end: int, separator: str) -> tuple[int, str]:
    """A decimal part: "." after commas or nothing, "," after dots, spaces or apostrophes."""
    if end + 1 >= len(text):
        return end, ""
    point = text[end]
    allowed = "." if separator == "," else ("," if separator else ".,")
    if point not in allowed:
        return end, ""
    count = _digits_at(text, end + 1, 2)
    if count == 0 or count > 2 or (point == "," and count != 2):
        return end, ""
    return end + 1 + count, text[end + 1 : end + 1 + count]


def _read_figure(text: str, start: int) -> tuple[Figure | None, int]:
    value, end, plain = _read_number(text, start)
    if value is None:
        return None, end
    if text[end : end + 3] == "(k)":
        return None, end + 3  # 401(k)
    multiplier, end = _magnitude(text, end)
    prefix_start, currency, bare_dollar = _currency_before(text, start)
    plus = text[end : end + 1] == "+" and not text[end + 1 : end + 2].isalnum()
    suffix, end = _currency_after(text, end + (1 if plus else 0))
    if suffix and (currency is None or (bare_dollar and suffix in _DOLLAR_CODES)):
        currency, bare_dollar = suffix, False
    if currency is None and multiplier == 100_000:
        currency = "INR"  # lakhs
    figure = Figure(
        value=value * multiplier,
        start=prefix_start,
        end=end,
        currency=currency,
        multiplier=multiplier,
        bare_dollar=bare_dollar,
        plus=plus,
        plain_integer=plain and multiplier == 1 and currency is None,
    )
    return figure, end


_DOLLAR_CODES = frozenset({"USD", "CAD", "AUD", "NZD", "SGD", "HKD", "MXN", "TWD"})
_MAGNITUDE_WORDS = (
    (" thousand", 1e3),
    (" million", 1e6),
    ("million", 1e6),
    (" mil", 1e6),
    (" mio", 1e6),
    (" billion", 1e9),
    ("billion", 1e9),
    (" lakhs", 1e5),
    (" lakh", 1e5),
    (" lacs", 1e5),
    (" lac", 1e5),
    (" crore", 1e7),
)


def _magnitude(text: str, end: int) -> tuple[float, int]:
    """The multiplier written after a number, and where it ends: 85K, 6M, 2bn, 12 lakhs, 25 LPA."""
    following = text[end : end + 10]
    lowered = following.lower()
    for word, multiplier in _MAGNITUDE_WORDS:
        if lowered.startswith(word) and not lowered[len(word) : len(word) + 1].isalpha():
            return multiplier, end + len(word)
    lpa = following.lstrip(" ")
    if lpa.startswith("LPA") and not lpa[3:4].isalpha():
        return 1e5, end + len(following) - len(lpa) + 1  # lakhs per annum: "PA" stays to say the period
    head, after = lowered[:1], lowered[1:2]
    if head == "k" and not after.isalpha():
        return 1e3, end + 1
    if lowered[:2] in {"mm", "mn", "bn"} and not lowered[2:3].isalpha():
        return (1e9 if lowered[:2] == "bn" else 1e6), end + 2
    if head in {"m", "b"} and not after.isalpha():
        return (1e6 if head == "m" else 1e9), end + 1
    return 1.0, end


def _currency_word(letters: str) -> str | None:
    return from_code(letters[-3:]) if letters[-3:].isupper() else WORDS.get(letters.lower())


def _currency_before(text: str, start: int) -> tuple[int, str | None, bool]:
    """(where the figure starts, its currency, written as a bare "$")."""
    position = start
    if position >= 2 and text[position - 1] == " " and text[position - 2] != " ":
        position -= 1  # "USD 100,000", "$ 100,000", "₹ 8"
    if position == 0:
        return start, None, False
    sign = text[position - 1]
    if sign in SYMBOLS:
        return position - 1, SYMBOLS[sign], False
    if sign == "$":
        return _dollar(text, position - 1)
    if sign == "." and position >= 3:
        letters = _letters_before(text, position - 1)  # "Rs. 60,000"
        if WORDS.get(letters.lower()) and _word_start(text, position - 1 - len(letters)):
            return position - 1 - len(letters), WORDS[letters.lower()], False
        return start, None, False
    letters = _letters_before(text, position)
    currency = _currency_word(letters)
    if currency and _word_start(text, position - len(letters)):
        return position - len(letters), currency, False
    return start, None, False


def _word_start(text: str, index: int) -> bool:
    return index == 0 or not text[index - 1].isalpha()


def _dollar(text: str, sign: int) -> tuple[int, str | None, bool]:
    """The currency of a "$" at ``sign``: "US$", "CA$", "R$", or a bare "$" (a code before it counts)."""
    letters_start = sign
    while letters_start > 0 and sign - letters_start < 3 and text[letters_start - 1].isupper():
        letters_start -= 1
    prefix = text[letters_start:sign]
    if prefix and (letters_start == 0 or not text[letters_start - 1].isupper()):
        currency = dollar_currency(prefix)
        return (letters_start, currency, False) if currency else (sign + 1, None, False)
    if prefix:
        return sign + 1, None, False  # "XYZW$5": not a currency we know
    if sign >= 4 and text[sign - 1] == " ":
        code = text[sign - 4 : sign - 1]  # "AUD $110k", "USD $210,000"
        if code in _DOLLAR_CODES and _word_start(text, sign - 4):
            return sign - 4, code, False
    return sign, "USD", True


def _currency_after(text: str, end: int) -> tuple[str | None, int]:
    position = end + 1 if text[end : end + 1] == " " else end
    sign = text[position : position + 1]
    if sign in SYMBOLS:
        return SYMBOLS[sign], position + 1
    opened = sign == "("
    if opened:
        position += 1
    letters_end = position
    while letters_end < len(text) and letters_end - position < 7 and text[letters_end].isalpha():
        letters_end += 1
    letters = text[position:letters_end]
    currency = from_code(letters) if letters.isupper() else WORDS.get(letters.lower())
    if currency is None or (opened and text[letters_end : letters_end + 1] != ")"):
        return None, end
    return currency, letters_end + (1 if opened else 0)
