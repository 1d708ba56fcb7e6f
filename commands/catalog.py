"""Every command the bot knows, gathered into one registry."""

from __future__ import annotations

from commands import facts, help_command, pay, picket_calendar, picket_hours
from commands.registry import Registry


def build_registry() -> Registry:
    registry = Registry()
    for module in (help_command, facts, pay, picket_hours, picket_calendar):
        module.register(registry)
    return registry
