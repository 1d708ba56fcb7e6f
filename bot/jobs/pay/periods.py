"""The pay period a posting writes next to a figure ("/yr", "per hour", "brutto pro Monat") or in its label."""

from __future__ import annotations

from typing import Literal

from bot.jobs.pay.clauses import words

Period = Literal["year", "month", "week", "day", "hour"]


_MARKERS: tuple[tuple[str, Period], ...] = (
    ("/year", "year"),
    ("/yr", "year"),
    ("/ year", "year"),
    ("/annum", "year"),
    ("/an", "year"),
    ("per year", "year"),
    ("per yr", "year"),
    ("a year", "year"),
    ("an year", "year"),
    ("each year", "year"),
    ("per annum", "year"),
    ("p.a.", "year"),
    ("p.a", "year"),
    ("pa", "year"),
    ("annually", "year"),
    ("annual", "year"),
    ("yearly", "year"),
    ("par an", "year"),
    ("pro jahr", "year"),
    ("im jahr", "year"),
    ("jährlich", "year"),
    ("/jahr", "year"),
    ("por año", "year"),
    ("al año", "year"),
    ("per jaar", "year"),
    ("brut annuel", "year"),
    ("annuel", "year"),
    ("anual", "year"),
    ("all'anno", "year"),
    ("annui", "year"),
    ("/month", "month"),
    ("/mo", "month"),
    ("/mon", "month"),
    ("per month", "month"),
    ("a month", "month"),
    ("each month", "month"),
    ("monthly", "month"),
    ("per mo", "month"),
    ("pro monat", "month"),
    ("im monat", "month"),
    ("monatlich", "month"),
    ("/monat", "month"),
    ("par mois", "month"),
    ("por mes", "month"),
    ("al mes", "month"),
    ("por mês", "month"),
    ("ao mês", "month"),
    ("per maand", "month"),
    ("mensuel", "month"),
    ("mensual", "month"),
    ("mensais", "month"),
    ("al mese", "month"),
    ("i månaden", "month"),
    ("per månad", "month"),
    ("/mån", "month"),
    ("/week", "week"),
    ("/wk", "week"),
    ("per week", "week"),
    ("a week", "week"),
    ("each week", "week"),
    ("weekly", "week"),
    ("/day", "day"),
    ("per day", "day"),
    ("a day", "day"),
    ("daily", "day"),
    ("per diem", "day"),
    ("/hour", "hour"),
    ("/hr", "hour"),
    ("/ hour", "hour"),
    ("/ hr", "hour"),
    ("/h", "hour"),
    ("p/h", "hour"),
    ("ph", "hour"),
    ("per hour", "hour"),
    ("per hr", "hour"),
    ("an hour", "hour"),
    ("hourly", "hour"),
    ("/stunde", "hour"),
    ("pro stunde", "hour"),
    ("de l'heure", "hour"),
    ("por hora", "hour"),
)
#: Words between a figure and its period that change nothing: "€65,000 gross per year".
_FILLERS = frozenset(
    {
        "gross",
        "net",
        "brutto",
        "netto",
        "brut",
        "bruto",
        "brutos",
        "lordi",
        "base",
        "basic",
        "salary",
        "pre-tax",
        "before",
        "tax",
        "fixed",
        "usd",
    }
)


def marker_at(text: str, position: int) -> tuple[Period | None, int]:
    """The period written at ``position`` (spaces first allowed), and where it ends."""
    snippet = text[position : position + 24]
    stripped = snippet.lstrip(" ")
    offset = position + len(snippet) - len(stripped)
    lowered = stripped.lower()
    if lowered.startswith("/ "):
        spaces = len(lowered) - len(lowered[1:].lstrip(" ")) - 1
        lowered, offset = "/" + lowered[1 + spaces :], offset + spaces  # "€ / Jahr"
    for marker, period in _MARKERS:
        following = lowered[len(marker) : len(marker) + 1]
        if lowered.startswith(marker) and not (following.isalpha() or following in {"'", "’"}):
            return period, offset + len(marker)
    return None, position


def period_after(text: str, end: int) -> tuple[Period | None, int]:
    """The period written after a figure, past a few words like "gross" or "base"."""
    position = end
    for _ in range(3):
        period, marker_end = marker_at(text, position)
        if period is not None:
            return period, marker_end
        rest = text[position : position + 20].lstrip(" ,(")
        word_end = 0
        while word_end < len(rest) and (rest[word_end].isalpha() or rest[word_end] == "-"):
            word_end += 1
        if word_end == 0 or rest[:word_end].lower() not in _FILLERS:
            break
        position = position + (len(text[position : position + 20]) - len(rest)) + word_end
    return None, end


_LABEL_PERIODS: tuple[tuple[str, Period], ...] = (
    ("hourly", "hour"),
    ("per hour", "hour"),
    ("stundenlohn", "hour"),
    ("day rate", "day"),
    ("daily", "day"),
    ("per day", "day"),
    ("weekly", "week"),
    ("per week", "week"),
    ("monthly", "month"),
    ("per month", "month"),
    ("monatsgehalt", "month"),
    ("mensuel", "month"),
    ("annual", "year"),
    ("annually", "year"),
    ("yearly", "year"),
    ("per year", "year"),
    ("per annum", "year"),
    ("jahresgehalt", "year"),
    ("ctc", "year"),
)


def period_in_label(label: str) -> Period | None:
    """The period a label names: "Hourly rate:", "Day rate:", "Annual salary range"."""
    joined = " " + " ".join(words(label)) + " "
    for phrase, period in _LABEL_PERIODS:
        if f" {phrase} " in joined:
            return period
    return None
