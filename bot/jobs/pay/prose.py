"""Pay read from a posting's prose.

Money figures (see ``pay_figures``) next to each other and joined by a dash,
"to", "and" or "... up to" make a range; the first range whose size is
believable for a yearly salary or an hourly wage wins, else the first single
figure that the sentence calls pay. Monthly, weekly and daily pay is not
quoted. Wording like "total compensation" or "OTE" makes the kind "total".
"""

from __future__ import annotations

import string
from typing import Literal

from bot.jobs.listing import PayKind, PayPeriod
from bot.jobs.pay.figures import Figure, scan_figures
from bot.jobs.pay.range import YEARLY_BOUNDS, PayRange, checked, kind_from_words
from bot.jobs.text import plain_text

# Only the start of a description is read: pay is never 200k characters in.
MAX_PAY_TEXT = 200_000

_Period = Literal["year", "hour", "month", "week", "day"]


def extract_pay(text: str) -> PayRange | None:
    """The first believable pay range (or single figure) advertised in ``text``.

    ``text`` may be plain text or HTML (escaped once or twice).
    """
    if not text:
        return None
    clean = plain_text(text[:MAX_PAY_TEXT])
    figures = scan_figures(clean)
    paired: set[int] = set()
    for index in range(len(figures) - 1):
        first, second = figures[index], figures[index + 1]
        if not _joined(clean[first.end : second.start]):
            continue
        paired.update((index, index + 1))
        pay = _range_pay(clean, first, second)
        if pay is not None:
            return pay
    for index, figure in enumerate(figures):
        if index not in paired:
            pay = _single_pay(clean, figure)
            if pay is not None:
                return pay
    return None


def _range_pay(text: str, first: Figure, second: Figure) -> PayRange | None:
    if first.huge or second.huge:
        return None
    currency = _shared_currency(first, second)
    if currency is None or _excluded_after(text, second.end):
        return None
    low, high = first.value, second.value
    if second.had_k and not first.had_k and low < 1_000:
        low *= 1_000  # "$250-350k": the k belongs to both
    explicit = _period_marker(text, second.end) or _period_marker(text, first.end)
    period = _final_period(explicit, _sentence_hint(text, first.start), low)
    if period is None:
        return None
    kind = _kind_around(text, first.start, second.end)
    return checked(PayRange(low, high, currency, period, kind))


def _single_pay(text: str, figure: Figure) -> PayRange | None:
    if figure.huge or figure.currency is None or _excluded_after(text, figure.end):
        return None
    explicit = _period_marker(text, figure.end)
    if explicit is None and not _pay_word_before(text, figure.start):
        return None
    hint = _sentence_hint(text, figure.start)
    period = _final_period(explicit, hint, figure.value)
    if period is None:
        return None
    kind = _kind_around(text, figure.start, figure.end)
    return checked(PayRange(figure.value, figure.value, figure.currency, period, kind))


def _shared_currency(first: Figure, second: Figure) -> str | None:
    if first.currency and second.currency and first.currency != second.currency:
        return None
    return first.currency or second.currency


def _final_period(explicit: _Period | None, hint: _Period | None, low: float) -> PayPeriod | None:
    """Explicit markers win; a sentence hint must agree with the size."""
    chosen = explicit
    if chosen is None and hint is not None:
        size_says_hour = low < YEARLY_BOUNDS[0]
        if (hint == "hour") == size_says_hour:
            chosen = hint
    if chosen is None:
        return "year" if low >= YEARLY_BOUNDS[0] else None
    if chosen == "year" or chosen == "hour":
        return chosen
    return None  # monthly, weekly, daily: not quoted


# ---- what sits between and around the figures -----------------------------

_DASHES = frozenset("-–—‒―−~")
_SHORT_JOINS = frozenset({"to", "and", "through", "thru", "up to", "-"})
_MAX_LONG_GAP = 80


def _joined(gap: str) -> bool:
    """True when ``gap`` (text between two figures) makes them one range."""
    stripped = gap.strip()
    marker = _period_marker(stripped, 0, lead=False)
    if marker is not None:
        stripped = stripped[_marker_length(stripped) :].strip()
    if stripped and all(char in _DASHES for char in stripped):
        return len(stripped) <= 2
    lowered = stripped.lower()
    if lowered in _SHORT_JOINS:
        return True
    if len(gap) > _MAX_LONG_GAP or _has_boundary(gap):
        return False
    return lowered.endswith(" up to")  # "...in our lowest geographic market up to"


def _has_boundary(snippet: str) -> bool:
    return "\n" in snippet or ". " in snippet or "; " in snippet


_PERIOD_MARKERS: tuple[tuple[str, _Period], ...] = (
    ("/year", "year"),
    ("/yr", "year"),
    ("/ year", "year"),
    ("per year", "year"),
    ("a year", "year"),
    ("per annum", "year"),
    ("/annum", "year"),
    ("annually", "year"),
    ("yearly", "year"),
    ("annual", "year"),
    ("per yr", "year"),
    ("/hour", "hour"),
    ("/hr", "hour"),
    ("/ hour", "hour"),
    ("per hour", "hour"),
    ("an hour", "hour"),
    ("hourly", "hour"),
    ("/h", "hour"),
    ("p/h", "hour"),
    ("/month", "month"),
    ("/mo", "month"),
    ("per month", "month"),
    ("a month", "month"),
    ("monthly", "month"),
    ("/week", "week"),
    ("/wk", "week"),
    ("per week", "week"),
    ("a week", "week"),
    ("weekly", "week"),
    ("/day", "day"),
    ("per day", "day"),
    ("a day", "day"),
    ("daily", "day"),
)


def _period_marker(text: str, position: int, *, lead: bool = True) -> _Period | None:
    """The period written right at ``position`` ("/year", " per hour", ...)."""
    snippet = text[position : position + 16]
    if lead:
        snippet = snippet.lstrip(" ")
    lowered = snippet.lower()
    for marker, period in _PERIOD_MARKERS:
        if lowered.startswith(marker) and not lowered[len(marker) : len(marker) + 1].isalpha():
            return period
    return None


def _marker_length(snippet: str) -> int:
    lowered = snippet.lower()
    for marker, _period in _PERIOD_MARKERS:
        if lowered.startswith(marker) and not lowered[len(marker) : len(marker) + 1].isalpha():
            return len(marker)
    return 0


_HINTS: tuple[tuple[str, _Period], ...] = (
    ("hourly", "hour"),
    ("per hour", "hour"),
    ("an hour", "hour"),
    ("monthly", "month"),
    ("per month", "month"),
    ("annual", "year"),
    ("per year", "year"),
    ("yearly", "year"),
    ("salary", "year"),
)


def _sentence_hint(text: str, start: int) -> _Period | None:
    sentence = _sentence_before(text, start).lower()
    for word, period in _HINTS:
        if word in sentence:
            return period
    return None


def _sentence_before(text: str, start: int) -> str:
    window = text[max(0, start - 200) : start]
    cut = max(window.rfind("\n"), window.rfind(". "), window.rfind("; "))
    return window[cut + 1 :]


def _sentence_after(text: str, end: int, limit: int = 150) -> tuple[str, int]:
    """The rest of the sentence after ``end`` and where the next one starts."""
    window = text[end : end + limit]
    cuts = [found for found in (window.find("\n"), window.find(". ")) if found != -1]
    cut = min(cuts) if cuts else len(window)
    return window[:cut], end + cut + 1


_PAY_WORDS = frozenset(
    {
        "salary",
        "salaries",
        "pay",
        "paid",
        "compensation",
        "wage",
        "wages",
        "rate",
        "rates",
        "earn",
        "earnings",
        "range",
    }
)
# A figure followed by one of these words is not pay ("$10,000 signing bonus",
# "$20,000 in funding").
_NOT_PAY_NEXT = frozenset(
    {
        "bonus",
        "signing",
        "sign-on",
        "relocation",
        "allowance",
        "stipend",
        "funding",
        "raised",
        "revenue",
        "valuation",
        "budget",
        "tuition",
        "credit",
        "grant",
        "grants",
    }
)


_PUNCTUATION_TO_SPACE = str.maketrans({char: " " for char in string.punctuation if char != "-"})


def _words(snippet: str) -> list[str]:
    return snippet.translate(_PUNCTUATION_TO_SPACE).lower().split()


def _pay_word_before(text: str, start: int) -> bool:
    return any(word in _PAY_WORDS for word in _words(_sentence_before(text, start)))


def _excluded_after(text: str, end: int) -> bool:
    snippet = text[end : end + 40].lstrip()
    if not snippet[:1].isalpha():
        return False  # "$150,000 + bonus": the figure is pay, the bonus extra
    following = _words(snippet)[:2]
    if following[:1] and following[0] in {"in", "of"}:
        following = following[1:]
    return bool(following) and following[0] in _NOT_PAY_NEXT


def _kind_around(text: str, start: int, end: int) -> PayKind:
    """ "total" when the sentence (or a next one about "the range") says so."""
    before = _sentence_before(text, start)
    after, next_start = _sentence_after(text, end)
    if kind_from_words(before + " " + after) == "total":
        return "total"
    following, _ = _sentence_after(text, next_start, limit=250)
    if "range" in following.lower() and kind_from_words(following) == "total":
        return "total"
    return "base"
