"""Slack settings: tokens from the environment, everything else from ``[slack]``.

Environment (secrets and deployment knobs):
``SLACK_BOT_TOKEN`` (xoxb-, turns Slack on), ``SLACK_APP_TOKEN`` (xapp-, picks
Socket Mode), ``SLACK_SIGNING_SECRET`` (HTTP mode), ``SLACK_API_URL`` (Web API
base, for a proxy or a test fake), ``PICKETBOT_SLACK_PORT`` (HTTP mode port).

``[slack]`` in picketbot.toml: ``port``, ``host``, ``organizer_ids``,
``captain_ids``, ``organizer_group``, ``captain_group``, ``team_id`` (the
union's workspace; requests from any other are refused. Default: the
workspace the bot token belongs to, from ``auth.test``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal
from urllib.parse import urlsplit

from bot.config import Config, ConfigError
from bot.start_retry import StartRetry, start_retry

DEFAULT_API_URL = "https://slack.com/api/"
DEFAULT_PORT = 3000
DEFAULT_HOST = "0.0.0.0"

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
    section = config.section("slack")
    bot_token = config.secret("SLACK_BOT_TOKEN")
    if bot_token is None:
        raise ConfigError("SLACK_BOT_TOKEN is not set")
    if not bot_token.startswith("xoxb-"):
        raise ConfigError("SLACK_BOT_TOKEN must be the bot token that starts with xoxb-")
    app_token = config.secret("SLACK_APP_TOKEN")
    if app_token is not None and not app_token.startswith("xapp-"):
        raise ConfigError("SLACK_APP_TOKEN must be the app-level token that starts with xapp-")
    signing_secret = config.secret("SLACK_SIGNING_SECRET")
    if app_token is None and signing_secret is None:
        raise ConfigError(
            "Slack HTTP mode needs SLACK_SIGNING_SECRET (or set SLACK_APP_TOKEN to use Socket Mode)"
        )
    return SlackSettings(
        bot_token=bot_token,
        app_token=app_token,
        signing_secret=signing_secret,
        api_url=_api_url(config.env.get("SLACK_API_URL", "").strip() or DEFAULT_API_URL),
        host=str(section.get("host", DEFAULT_HOST)),
        port=_port(config.env.get("PICKETBOT_SLACK_PORT", "").strip() or section.get("port", DEFAULT_PORT)),
        roles=_roles(section),
        team_id=_team_id(section.get("team_id")),
        start_retry=start_retry(config),
    )


def _team_id(value: Any) -> str | None:
    if value is None or value == "":
        return None
    text = str(value).strip()
    if not isinstance(value, str) or not text.isalnum() or not text.startswith("T"):
        raise ConfigError(
            f'[slack] team_id must be a Slack workspace id, like "T012ABCDEF", got {text[:30]!r}'
        )
    return text


def _api_url(url: str) -> str:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ConfigError(f"SLACK_API_URL must be an http(s) URL, got {url!r}")
    # slack_sdk appends the method name to the base URL as it is.
    return url if url.endswith("/") else url + "/"


def _port(value: Any) -> int:
    text = str(value).strip()
    if not text.isdigit() or int(text) > 65535:
        raise ConfigError(f"Slack port must be a number from 0 to 65535, got {text[:20]!r}")
    return int(text)


def _roles(section: Mapping[str, Any]) -> RoleSettings:
    return RoleSettings(
        organizer_ids=_id_list(section, "organizer_ids"),
        captain_ids=_id_list(section, "captain_ids"),
        organizer_group=_group(section, "organizer_group"),
        captain_group=_group(section, "captain_group"),
    )


def _id_list(section: Mapping[str, Any], key: str) -> frozenset[str]:
    value = section.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ConfigError(f'[slack] {key} must be a list of Slack user ids, like ["U012ABCDEF"]')
    return frozenset(v.strip() for v in value)


def _group(section: Mapping[str, Any], key: str) -> str | None:
    value = section.get(key)
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ConfigError(f'[slack] {key} must be a user group id, like "S012ABCDEF"')
    return value.strip()
