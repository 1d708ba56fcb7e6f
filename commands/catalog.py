"""Every command the bot knows, gathered into one registry."""

from __future__ import annotations

from commands import help as help_command
from commands.facts import fact as facts
from commands.facts import pay
from commands.jobs import listings as jobs
from commands.picket import calendar as picket_calendar
from commands.picket import common as picket
from commands.picket import hours as picket_hours
from commands.picket import shifts as picket_shifts
from commands.picket import signups as picket_signups
from commands.picket import sites as picket_sites
from commands.registry import Registry


def build_registry() -> Registry:
    registry = Registry()
    picket_modules = (picket_sites, picket_shifts, picket_signups, picket_hours, picket_calendar)
    for module in (help_command, facts, pay, jobs, *picket_modules):
        module.register(registry)
    picket.register_errors(registry)
    return registry
