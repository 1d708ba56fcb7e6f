"""Slack settings: tokens from the environment, everything else from ``[slack]``.

The settings are declared in ``bot/config/schema.py`` (`SlackSection`,
documented in docs/configuration.md); this module checks the ones that
depend on each other and turns them into what the adapter needs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from bot.config.loading import Config, ConfigError
from bot.config.public import public_settings
from bot.config.schema import SLACK_API_URL, SlackSection
from bot.start_retry import StartRetry, start_retry

DEFAULT_API_URL = SLACK_API_URL

SlackMode = Literal["socket", "http"]


@dataclass(frozen=True)
class RoleSettings:
    """Who is an organizer or a captain: listed user ids and/or Slack user groups."""

    organizer_ids: frozenset[str] = frozenset()
    captain_ids: frozenset[str] = frozenset()
    organizer_group: str | None = None
    captain_group: str | None = None


@dataclass(frozen=True)
class SlackSettings:
    bot_token: str
    app_token: str | None
    signing_secret: str | None
    api_url: str
    host: str
    port: int
    roles: RoleSettings
    #: The union's workspace; None: the bot token's own (asked with auth.test at start).
    team_id: str | None = None
    start_retry: StartRetry = field(default_factory=StartRetry)

    @property
    def mode(self) -> SlackMode:
        return "socket" if self.app_token else "http"

    def __repr__(self) -> str:  # never show tokens, even in a traceback's locals
        return f"SlackSettings(mode={self.mode}, api_url={self.api_url!r}, port={self.port})"


def is_configured(config: Config) -> bool:
    return config.secret("SLACK_BOT_TOKEN") is not None


def slack_settings(config: Config) -> SlackSettings:
    """Read and check everything Slack needs; a ConfigError names what is wrong, in one line."""
    section = config.read(SlackSection)
    if section.bot_token is None:
        raise ConfigError("SLACK_BOT_TOKEN is not set")
    if section.app_token is None and section.signing_secret is None:
        raise ConfigError(
            "Slack HTTP mode needs SLACK_SIGNING_SECRET (or set SLACK_APP_TOKEN to use Socket Mode)"
        )
    listener = public_settings(config)
    return SlackSettings(
        bot_token=section.bot_token,
        app_token=section.app_token,
        signing_secret=section.signing_secret,
        api_url=section.api_url,
        host=listener.host,
        port=listener.port,
        roles=RoleSettings(
            organizer_ids=section.organizer_ids,
            captain_ids=section.captain_ids,
            organizer_group=section.organizer_group,
            captain_group=section.captain_group,
        ),
        team_id=section.team_id,
        start_retry=start_retry(config),
    )
