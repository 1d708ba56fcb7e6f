"""Autocomplete choices for parameters that declare what they complete.

A parameter's ``autocomplete`` names a kind ("shift", "site", "topic",
"fact", "company"); each kind reads its list from storage. Shift choices show
the site and local times, but their value is the shift number the option
takes. An unknown kind, or one whose tables do not exist yet, offers nothing.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date, datetime

from commands.picket.moments import day_month
from commands.text import shorten
from storage import suggestions
from storage.database import Database

MAX_CHOICE_NAME = 100
MAX_CHOICE_VALUE = 100
MAX_CHOICES = 25

#: One suggestion as Discord takes it: ``{"name": shown, "value": what the option gets}``.
Choice = dict[str, str | int]
_Lookup = Callable[[Database, str], Awaitable[list[str]]]

_NAMED: dict[str, _Lookup] = {
    "site": suggestions.open_sites,
    "fact": suggestions.fact_keys,
    "topic": suggestions.fact_topics,
    "company": suggestions.companies,
}


async def choices_for(kind: str, db: Database, typed: str, now: datetime) -> list[Choice]:
    if kind == "shift":
        return await _shift_choices(db, typed, now)
    lookup = _NAMED.get(kind)
    if lookup is None:
        return []
    names = await lookup(db, typed)
    return [{"name": shorten(n, MAX_CHOICE_NAME), "value": n} for n in names if len(n) <= MAX_CHOICE_VALUE]


def matching_choices(choices: tuple[str, ...], typed: str) -> list[Choice]:
    wanted = typed.strip().lower()
    found = [c for c in choices if wanted in c.lower()][:MAX_CHOICES]
    return [{"name": c, "value": c} for c in found]


async def _shift_choices(db: Database, typed: str, now: datetime) -> list[Choice]:
    found = await suggestions.upcoming_shifts(db, now, typed)
    return [{"name": shorten(shift_label(s), MAX_CHOICE_NAME), "value": s.id} for s in found]


def shift_label(shift: suggestions.ShiftChoice) -> str:
    """``#12 Sunset Gate · Mon 2 Nov 09:00–12:00`` (the site's local times), the day in the
    language being spoken (``lun 2 nov``): the member's, as for their replies."""
    day = date.fromisoformat(shift.local_date)
    when = f"{day_month(day)} {shift.local_start[:5]}–{shift.local_end[:5]}"
    return f"#{shift.id} {shift.site_name} · {when}"
