"""Who is acting on Discord: the user, and the picketbot role their Discord roles give them."""

from __future__ import annotations

from collections.abc import Iterable

import discord

from bot.adapters.discord_config import RoleSettings
from commands.context import Actor, Channel
from commands.roles import Role

PLATFORM = "discord"


def role_for(settings: RoleSettings, roles: Iterable[discord.Role]) -> Role:
    """Organizer beats captain beats member; a role counts by its id or its name (any case)."""
    keys: set[str] = set()
    for role in roles:
        if role.is_default():  # @everyone is in every member's roles
            continue
        keys.update((str(role.id), role.name.strip().lower()))
    if keys & settings.organizer:
        return Role.ORGANIZER
    if keys & settings.captain:
        return Role.CAPTAIN
    return Role.MEMBER


def actor_for(settings: RoleSettings, user: discord.User | discord.Member) -> Actor:
    # In a DM the user is a plain User with no server roles: a member.
    roles = user.roles if isinstance(user, discord.Member) else ()
    return Actor(PLATFORM, str(user.id), user.display_name, role_for(settings, roles))


def channel_for(interaction: discord.Interaction) -> Channel:
    channel = interaction.channel
    name = getattr(channel, "name", None) or ""
    return Channel(PLATFORM, str(interaction.channel_id or ""), str(name))
