"""Every command the bot knows, gathered into one registry.

Each feature module declares its commands on their handlers, into a module-level
`Commands`; a new module's `Commands` is added to `DECLARED` (a test checks that
none is left out).
"""

from __future__ import annotations

from commands import help as help_command
from commands import language, link
from commands.facts import fact, pay
from commands.jobs import listings, sources
from commands.picket import (
    calendar,
    codes,
    duties,
    feeds,
    hours,
    now,
    places,
    posts,
    presence,
    refusals,
    shifts,
    signups,
    site_settings,
    sites,
    swaps,
    turnout,
)
from commands.registry import Commands, Registry

DECLARED: tuple[Commands, ...] = (
    help_command.help_,
    link.link,
    language.lang,
    fact.fact,
    pay.pay,
    listings.jobs,
    sources.jobs,
    sites.picket,
    shifts.picket,
    posts.picket,
    signups.picket,
    turnout.picket,
    presence.picket,
    codes.picket,
    now.picket,
    hours.picket,
    calendar.picket,
    feeds.picket,
    swaps.picket,
    places.picket,
    duties.picket,
    site_settings.picket,
)


def build_registry() -> Registry:
    """A fresh registry of every declared command (declaring happened once, at import)."""
    registry = Registry()
    for declared in DECLARED:
        registry.include(declared)
    refusals.register_errors(registry)
    return registry
