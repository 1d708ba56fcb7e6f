"""Who is acting on Discord: the user, and the picketbot role their Discord roles give them.

Roles count only in the union's own servers (``[discord] allowed_guilds``):
anyone can make a server with a role called "Strike Organizer". With servers
listed, an interaction from any other server has no actor at all (the bot
answers that it serves another organization, `bot.adapters.access`); with
none listed, every server is served but no role counts. In a direct message
everyone is a plain member: there are no server roles to read, and a DM
comes from no server the union controls.

An interaction names the member's roles by id; a role configured by name is
matched through the server's role names (`role_names.RoleNames`), looked up
only when a name is configured and the member has roles at all.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Mapping

from bot.adapters.discord.config import RoleSettings
from bot.adapters.discord.incoming import Incoming
from commands.context import Actor, Channel
from commands.roles import Role

PLATFORM = "discord"

#: A server's role names by id (`RoleNames.of`).
NamesOf = Callable[[int], Awaitable[Mapping[int, str]]]


def role_for(settings: RoleSettings, role_ids: Iterable[int], names: Mapping[int, str]) -> Role:
    """Organizer beats captain beats member; a role counts by its id or its name (any case)."""
    keys: set[str] = set()
    for role_id in role_ids:
        keys.add(str(role_id))
        name = names.get(role_id)
        if name:
            keys.add(name)
    if keys & settings.organizer:
        return Role.ORGANIZER
    if keys & settings.captain:
        return Role.CAPTAIN
    return Role.MEMBER


def names_configured(settings: RoleSettings) -> bool:
    """Whether any role is configured by name (anything but a snowflake's digits)."""
    return any(not key.isdigit() for key in settings.organizer | settings.captain)


def serves(settings: RoleSettings, incoming: Incoming) -> bool:
    """False for an interaction from a server that is not the union's (when servers are listed)."""
    guild_id = incoming.guild_id
    return guild_id is None or not settings.guilds or guild_id in settings.guilds


async def actor_for(settings: RoleSettings, incoming: Incoming, names_of: NamesOf) -> Actor | None:
    """Who acts, with the role their roles in the union's server give; None from another server."""
    if not serves(settings, incoming):
        return None
    guild_id = incoming.guild_id
    role = Role.MEMBER
    if guild_id is not None and guild_id in settings.guilds:
        roles = incoming.role_ids - {guild_id}  # @everyone (its id is the server's) never counts
        names: Mapping[int, str] = {}
        if roles and names_configured(settings):
            names = await names_of(guild_id)
        role = role_for(settings, roles, names)
    return Actor(PLATFORM, str(incoming.user_id), incoming.display_name, role, incoming.locale)


def channel_for(incoming: Incoming) -> Channel:
    return Channel(PLATFORM, incoming.channel_id, incoming.channel_name)
