"""Who is acting on Discord: the user, and the picketbot role their Discord roles give them.

Roles count only in the union's own servers (``[discord] allowed_guilds``):
anyone can make a server with a role called "Strike Organizer". With servers
listed, an interaction from any other server has no actor at all (the bot
answers that it serves another organization, `bot.adapters.access`); with
none listed, every server is served but no role counts. In a direct message
everyone is a plain member: there are no server roles to read, and a DM
comes from no server the union controls.
"""

from __future__ import annotations

from collections.abc import Iterable

import discord

from bot.adapters.discord.config import RoleSettings
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


def actor_for(settings: RoleSettings, interaction: discord.Interaction) -> Actor | None:
    """Who acts, with the role their roles in the union's server give; None from another server."""
    user = interaction.user
    guild_id = interaction.guild_id
    if guild_id is not None and settings.guilds and guild_id not in settings.guilds:
        return None
    counted = guild_id is not None and guild_id in settings.guilds
    roles = user.roles if counted and isinstance(user, discord.Member) else ()
    return Actor(PLATFORM, str(user.id), user.display_name, role_for(settings, roles))


def channel_for(interaction: discord.Interaction) -> Channel:
    channel = interaction.channel
    name = getattr(channel, "name", None) or ""
    return Channel(PLATFORM, str(interaction.channel_id or ""), str(name))
