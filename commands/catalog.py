"""Every command the bot knows, gathered into one registry."""

from __future__ import annotations

from commands import (
    facts,
    help_command,
    jobs,
    pay,
    picket,
    picket_calendar,
    picket_hours,
    picket_shifts,
    picket_signups,
    picket_sites,
)
from commands.registry import Registry


def build_registry() -> Registry:
    registry = Registry()
    picket_modules = (picket_sites, picket_shifts, picket_signups, picket_hours, picket_calendar)
    for module in (help_command, facts, pay, jobs, *picket_modules):
        module.register(registry)
    picket.register_errors(registry)
    return registry
