"""Discord settings: the token from the environment, everything else from ``[discord]``.

Environment: ``DISCORD_TOKEN`` (turns Discord on), ``DISCORD_API_BASE`` (REST
base with the version path, for a rate-limit proxy or a test fake),
``DISCORD_GATEWAY_URL`` (the gateway websocket).

``[discord]`` in picketbot.toml: ``organizer_roles`` and ``captain_roles``
(Discord role names or ids), ``allowed_guilds`` (the union's own servers, the
only ones where those roles count and where the bot acts; default: ``guild_id``),
``sync_on_start`` (default false) and ``guild_id`` (where ``sync_on_start``
puts the commands; global without it).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from bot.adapters.discord.endpoints import DISCORD_API_BASE, DISCORD_GATEWAY_URL
from bot.config import Config, ConfigError
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
    sync_on_start: bool = False
    guild_id: int | None = None
    #: How long discord.py waits for more guilds before "ready" (its default; tests shorten it).
    guild_ready_timeout: float = 2.0
    start_retry: StartRetry = field(default_factory=StartRetry)

    def __repr__(self) -> str:  # never show the token, even in a traceback's locals
        return f"DiscordSettings(api_base={self.api_base!r}, gateway_url={self.gateway_url!r})"


def is_configured(config: Config) -> bool:
    return config.secret("DISCORD_TOKEN") is not None


def discord_settings(config: Config) -> DiscordSettings:
    """Read and check everything Discord needs; a ConfigError names what is wrong, in one line."""
    token = config.secret("DISCORD_TOKEN")
    if token is None:
        raise ConfigError("DISCORD_TOKEN is not set")
    section = config.section("discord")
    return DiscordSettings(
        token=token,
        api_base=_url(config, "DISCORD_API_BASE", DISCORD_API_BASE, ("http", "https")),
        gateway_url=_url(config, "DISCORD_GATEWAY_URL", DISCORD_GATEWAY_URL, ("ws", "wss")),
        roles=role_settings(section),
        sync_on_start=_flag(section, "sync_on_start"),
        guild_id=parse_guild_id(section.get("guild_id"), "[discord] guild_id"),
        start_retry=start_retry(config),
    )


def _url(config: Config, name: str, default: str, schemes: tuple[str, ...]) -> str:
    url = config.env.get(name, "").strip() or default
    parts = urlsplit(url)
    if parts.scheme not in schemes or not parts.netloc:
        raise ConfigError(f"{name} must be a {' or '.join(schemes)} URL, got {url[:80]!r}")
    return url


def role_settings(section: Mapping[str, Any]) -> RoleSettings:
    return RoleSettings(
        organizer=_role_list(section, "organizer_roles"),
        captain=_role_list(section, "captain_roles"),
        guilds=allowed_guilds(section),
    )


def allowed_guilds(section: Mapping[str, Any]) -> frozenset[int]:
    """``allowed_guilds``, else ``guild_id`` alone, else none."""
    value = section.get("allowed_guilds")
    if value is None:
        guild = parse_guild_id(section.get("guild_id"), "[discord] guild_id")
        return frozenset() if guild is None else frozenset({guild})
    if not isinstance(value, list):
        raise ConfigError(
            '[discord] allowed_guilds must be a list of server ids, like ["123456789012345678"]'
        )
    guilds = {parse_guild_id(v, "[discord] allowed_guilds") for v in value}
    if None in guilds:
        raise ConfigError("[discord] allowed_guilds must not hold an empty server id")
    return frozenset(g for g in guilds if g is not None)


def parse_guild_id(value: object, setting: str) -> int | None:
    if value is None or value == "":
        return None
    text = str(value).strip()
    if not text.isdigit():
        raise ConfigError(f"{setting} must be a Discord server id (a number), got {text[:30]!r}")
    return int(text)


def _role_list(section: Mapping[str, Any], key: str) -> frozenset[str]:
    value = section.get(key, [])
    if not isinstance(value, list) or not all(
        isinstance(v, int) or (isinstance(v, str) and v.strip()) for v in value
    ):
        raise ConfigError(f'[discord] {key} must be a list of role names or ids, like ["Captain"]')
    return frozenset(str(v).strip().lower() for v in value)


def _flag(section: Mapping[str, Any], key: str) -> bool:
    value = section.get(key, False)
    if not isinstance(value, bool):
        raise ConfigError(f"[discord] {key} must be true or false")
    return value
