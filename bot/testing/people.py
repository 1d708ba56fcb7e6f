"""Who acts and where, for tests: console members by name, and the console's one channel."""

from __future__ import annotations

from bot.adapters.console.terminal import CHANNEL, console_actor
from commands.context import Actor, Channel
from commands.roles import Role

__all__ = ["CHANNEL", "actor", "channel"]


def actor(name: str = "ana", role: Role | str = Role.MEMBER, platform: str = "console") -> Actor:
    """A member called ``name`` (their id is the name in lower case), as the console makes them."""
    chosen = role if isinstance(role, Role) else Role.parse(role)
    if platform == "console":
        return console_actor(name, chosen)
    return Actor(platform, name.strip().lower(), name.strip(), chosen)


def channel(name: str, platform: str = "console") -> Channel:
    """A channel whose id and name are both ``name``."""
    return Channel(platform, name, name)
