"""Discord's and Slack's settings: ``[discord]`` and ``[slack]``.

Part of the one schema (bot/config/schema.py lists every section); split out
only to keep each module short. Read by the platform adapters
(bot/adapters/discord/config.py, bot/adapters/slack/config.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from bot.config.fields import env_setting, secret, setting
from bot.config.kinds import Flag, GuildId, Port, SetOf, Text, Token, Url

DISCORD_API_BASE = "https://discord.com/api/v10"
DISCORD_GATEWAY_URL = "wss://gateway.discord.gg/"
SLACK_API_URL = "https://slack.com/api/"


@dataclass(frozen=True, kw_only=True)
class DiscordSection:
    """Discord: the token, who counts as captain or organizer, and the union's servers (docs/security.md)."""

    SECTION: ClassVar[str] = "discord"

    token: str | None = secret("DISCORD_TOKEN", "The bot token. Setting it turns Discord on.")
    # Public, so not scrubbed from logs like the secrets; from the environment, beside the token.
    public_key: str | None = env_setting(
        "DISCORD_PUBLIC_KEY",
        Token("the application's public key: 64 hexadecimal characters", pattern=r"[0-9a-fA-F]{64}"),
        None,
        "The application's public key (Developer Portal → General Information). Setting it serves"
        " interactions over HTTP at `/discord/interactions` on the public listener (docs/discord.md).",
    )
    api_base: str = env_setting(
        "DISCORD_API_BASE",
        Url(("http", "https"), "an http(s) URL"),
        DISCORD_API_BASE,
        "REST base with the version path, for a rate-limit proxy or the test fake.",
    )
    gateway_url: str = env_setting(
        "DISCORD_GATEWAY_URL",
        Url(("ws", "wss"), "a ws(s) URL"),
        DISCORD_GATEWAY_URL,
        "The gateway websocket, for a proxy or the test fake.",
    )
    organizer_roles: frozenset[str] = setting(
        SetOf(Text(lowered=True), 'a list of role names or ids, like ["Captain"]'),
        frozenset(),
        "Discord roles (by name, any case, or id) whose members are organizers.",
    )
    captain_roles: frozenset[str] = setting(
        SetOf(Text(lowered=True), 'a list of role names or ids, like ["Captain"]'),
        frozenset(),
        "Discord roles whose members are captains.",
    )
    allowed_guilds: frozenset[int] | None = setting(
        SetOf(GuildId(), 'a list of server ids, like ["123456789012345678"]'),
        None,
        "The union's own servers: roles count and the bot acts only there.",
        default_doc="`guild_id` alone; with neither, roles grant nothing",
    )
    gateway: bool = setting(
        Flag(),
        False,
        "With `DISCORD_PUBLIC_KEY` set, connect to the gateway as well (interactions still come over"
        " HTTP). Without it the gateway is always used.",
    )
    sync_on_start: bool = setting(Flag(), False, "Register the slash commands at every start.")
    guild_id: int | None = setting(
        GuildId(), None, "Where `sync_on_start` puts the commands.", default_doc="global"
    )


@dataclass(frozen=True, kw_only=True)
class SlackSection:
    """Slack: the tokens, Socket Mode or HTTP mode, who counts as captain or organizer, the workspace."""

    SECTION: ClassVar[str] = "slack"

    bot_token: str | None = secret(
        "SLACK_BOT_TOKEN",
        "The bot token, `xoxb-…`. Setting it turns Slack on.",
        Token("the bot token that starts with xoxb-", prefix="xoxb-"),
    )
    app_token: str | None = secret(
        "SLACK_APP_TOKEN",
        "The app-level token, `xapp-…`, with `connections:write`. Setting it chooses Socket Mode.",
        Token("the app-level token that starts with xapp-", prefix="xapp-"),
    )
    signing_secret: str | None = secret(
        "SLACK_SIGNING_SECRET", "HTTP mode only: verifies that requests come from Slack."
    )
    api_url: str = env_setting(
        "SLACK_API_URL",
        Url(("http", "https"), "an http(s) URL", trailing_slash=True),
        SLACK_API_URL,
        "Web API base, for a proxy or the test fake.",
    )
    port: int | None = setting(
        Port(),
        None,
        "Old name of `[http] public_port` (still read).",
        env="PICKETBOT_SLACK_PORT",
        label="Slack port",
        default_doc="unset",
    )
    host: str | None = setting(
        Text(), None, "Old name of `[http] public_host` (still read).", default_doc="unset"
    )
    organizer_ids: frozenset[str] = setting(
        SetOf(Text(), 'a list of Slack user ids, like ["U012ABCDEF"]'),
        frozenset(),
        "Slack users who are organizers.",
    )
    captain_ids: frozenset[str] = setting(
        SetOf(Text(), 'a list of Slack user ids, like ["U012ABCDEF"]'),
        frozenset(),
        "Slack users who are captains.",
    )
    organizer_group: str | None = setting(
        Text('a user group id, like "S012ABCDEF"', pattern=r".+"), None, "A Slack user group of organizers."
    )
    captain_group: str | None = setting(
        Text('a user group id, like "S012ABCDEF"', pattern=r".+"), None, "A Slack user group of captains."
    )
    team_id: str | None = setting(
        Text('a Slack workspace id, like "T012ABCDEF"', pattern=r"T[A-Za-z0-9]*"),
        None,
        "The union's workspace; requests from any other are refused.",
        default_doc="the bot token's own workspace (`auth.test`)",
    )
