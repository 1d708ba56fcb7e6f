"""Discord settings: the token from the environment, everything else from ``[discord]``.

The settings are declared in ``bot/config/schema.py`` (`DiscordSection`,
documented in docs/configuration.md); this module turns them into what the
adapter needs.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from bot.config.fields import Where, read_table
from bot.config.kinds import GuildId
from bot.config.loading import Config, ConfigError
from bot.config.schema import DiscordSection
from bot.start_retry import StartRetry, start_retry


@dataclass(frozen=True)
class RoleSettings:
    """Discord roles, by lower-cased name or by id, that make a member a captain or an organizer,
    and the servers (``guilds``) where they count. With no server listed, no role counts."""

    organizer: frozenset[str] = frozenset()
    captain: frozenset[str] = frozenset()
    guilds: frozenset[int] = frozenset()


@dataclass(frozen=True)
class DiscordSettings:
    token: str
    api_base: str
    gateway_url: str
    roles: RoleSettings
    #: The application's public key (hex): interactions come over HTTP, signed with it.
    public_key: str | None = None
    #: In HTTP mode, connect to the gateway as well (`[discord] gateway`).
    gateway: bool = False
    sync_on_start: bool = False
    guild_id: int | None = None
    #: How long discord.py waits for more guilds before "ready" (its default; tests shorten it).
    guild_ready_timeout: float = 2.0
    start_retry: StartRetry = field(default_factory=StartRetry)

    def __repr__(self) -> str:  # never show the token, even in a traceback's locals
        return f"DiscordSettings(api_base={self.api_base!r}, gateway_url={self.gateway_url!r})"

    @property
    def over_http(self) -> bool:
        """Interactions come to ``POST /discord/interactions`` (DISCORD_PUBLIC_KEY is set)."""
        return self.public_key is not None

    @property
    def connects_gateway(self) -> bool:
        """Whether a gateway connection is opened: always without a public key, else on request."""
        return not self.over_http or self.gateway


def is_configured(config: Config) -> bool:
    return config.secret("DISCORD_TOKEN") is not None


def discord_settings(config: Config) -> DiscordSettings:
    """Read and check everything Discord needs; a ConfigError names what is wrong, in one line."""
    section = config.read(DiscordSection)
    if section.token is None:
        raise ConfigError("DISCORD_TOKEN is not set")
    return DiscordSettings(
        token=section.token,
        api_base=section.api_base,
        gateway_url=section.gateway_url,
        roles=role_settings(section),
        public_key=section.public_key.lower() if section.public_key else None,
        gateway=section.gateway,
        sync_on_start=section.sync_on_start,
        guild_id=section.guild_id,
        start_retry=start_retry(config),
    )


def role_settings(section: DiscordSection) -> RoleSettings:
    return RoleSettings(
        organizer=section.organizer_roles, captain=section.captain_roles, guilds=guilds_of(section)
    )


def guilds_of(section: DiscordSection) -> frozenset[int]:
    """``allowed_guilds``, else ``guild_id`` alone, else none."""
    if section.allowed_guilds is not None:
        return section.allowed_guilds
    return frozenset() if section.guild_id is None else frozenset({section.guild_id})


def allowed_guilds(table: Mapping[str, Any]) -> frozenset[int]:
    """The allowed servers of a ``[discord]`` table as written in the file."""
    return guilds_of(read_table(DiscordSection, table, {}, Where("[discord]")))


def parse_guild_id(value: object, setting: str) -> int | None:
    if value is None or value == "":
        return None
    return GuildId().read(value, setting)
