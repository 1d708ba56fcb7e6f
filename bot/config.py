"""Configuration: picketbot.toml for settings, the environment for secrets.

Where things come from, highest first:
- the database: ``--db``, ``PICKETBOT_DB``, ``[bot] database``, ``picketbot.db``;
- the configuration file: ``--config``, ``PICKETBOT_CONFIG``, ``picketbot.toml``
  when it exists in the working directory.
Tokens are read only from the environment, never from the file, so a config
file can be shared or committed without leaking anything.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from commands.context import Settings
from commands.durations import duration_minutes

DEFAULT_CONFIG_FILE = "picketbot.toml"
DEFAULT_DB_FILE = "picketbot.db"


class ConfigError(ValueError):
    """The configuration is wrong; the message names the setting."""


@dataclass(frozen=True)
class Config:
    database: str
    settings: Settings
    config_file: str | None = None
    #: Every table of the file, for the features that read their own section.
    sections: Mapping[str, Any] = field(default_factory=dict)
    env: Mapping[str, str] = field(default_factory=dict)
    log_level: str = "INFO"
    log_json: bool = False
    #: Port for /healthz and /metrics; None leaves the endpoint off.
    http_port: int | None = None
    http_host: str = "127.0.0.1"
    #: How long an outbox claim or the leader's lease survives a process that stops renewing it.
    lease_seconds: float = 30.0

    def section(self, name: str) -> Mapping[str, Any]:
        value = self.sections.get(name, {})
        if not isinstance(value, Mapping):
            raise ConfigError(f"[{name}] must be a table")
        return value

    def secret(self, name: str) -> str | None:
        value = self.env.get(name, "").strip()
        return value or None


def load_config(
    *,
    config_path: str | None = None,
    db_path: str | None = None,
    env: Mapping[str, str] | None = None,
) -> Config:
    environ = dict(os.environ if env is None else env)
    path = config_path or environ.get("PICKETBOT_CONFIG") or _default_config_file()
    data = _read_toml(path) if path else {}
    bot = _table(data, "bot")
    database = db_path or environ.get("PICKETBOT_DB") or str(bot.get("database") or DEFAULT_DB_FILE)
    return Config(
        database=database,
        settings=_settings(data),
        config_file=path,
        sections=data,
        env=environ,
        log_level=str(environ.get("PICKETBOT_LOG_LEVEL") or bot.get("log_level") or "INFO").upper(),
        log_json=_truthy(environ.get("PICKETBOT_LOG_JSON")) or bot.get("log_format") == "json",
        http_port=_port(environ.get("PICKETBOT_HTTP_PORT") or _table(data, "ops").get("http_port")),
        http_host=str(
            environ.get("PICKETBOT_HTTP_HOST") or _table(data, "ops").get("http_host") or "127.0.0.1"
        ),
        lease_seconds=_lease_seconds(environ.get("PICKETBOT_LEASE_SECONDS")),
    )


def _lease_seconds(value: str | None) -> float:
    """Small values are for tests; a production lease must outlast a slow send or a GC pause."""
    if value is None or not value.strip():
        return Config.lease_seconds
    try:
        seconds = float(value)
    except ValueError:
        raise ConfigError(f"PICKETBOT_LEASE_SECONDS {value!r} is not a number of seconds") from None
    if not 0.3 <= seconds <= 3600:
        raise ConfigError(f"PICKETBOT_LEASE_SECONDS must be from 0.3 to 3600, got {value}")
    return seconds


def _port(value: object) -> int | None:
    if value is None or value == "":
        return None
    try:
        port = int(str(value))
    except ValueError:
        raise ConfigError(f"http port {value!r} is not a number") from None
    if not 0 <= port <= 65535:
        raise ConfigError(f"http port {port} is out of range")
    return port


def _default_config_file() -> str | None:
    return DEFAULT_CONFIG_FILE if Path(DEFAULT_CONFIG_FILE).exists() else None


def _read_toml(path: str) -> dict[str, Any]:
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise ConfigError(f"configuration file {path} not found") from None
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{path}: {error}") from None


def _table(data: Mapping[str, Any], name: str) -> Mapping[str, Any]:
    value = data.get(name, {})
    if not isinstance(value, Mapping):
        raise ConfigError(f"[{name}] must be a table")
    return value


def _truthy(value: str | None) -> bool:
    return (value or "").strip().lower() in ("1", "true", "yes", "on")


def parse_zone(name: str, setting: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(
            f"{setting}: unknown time zone {name!r} (use an IANA name like America/Los_Angeles)"
        ) from None


def parse_duration_minutes(text: str | int, setting: str) -> int:
    """``24h``, ``90m``, ``1d`` or a number of minutes (`commands.durations`), else a ConfigError."""
    minutes = duration_minutes(text)
    if minutes is None:
        raise ConfigError(f"{setting}: {text!r} is not a duration like 24h or 90m")
    return minutes


def _setting_bool(value: object, setting: str) -> bool:
    # bool("false") is True: a quoted "false" must not switch a rule on.
    if not isinstance(value, bool):
        raise ConfigError(f"{setting} must be true or false, without quotes")
    return value


def _eligibility_rule(value: object) -> str:
    """Either "any" threshold met is enough, or "all" of them must be met."""
    rule = str(value).strip().lower()
    if rule not in ("any", "all"):
        raise ConfigError(f'[picket] eligibility_rule: {value!r} must be "any" or "all"')
    return rule


def _settings(data: Mapping[str, Any]) -> Settings:
    bot = _table(data, "bot")
    picket = _table(data, "picket")
    defaults = Settings()
    offsets = picket.get("reminder_offsets")
    return Settings(
        timezone=parse_zone(str(bot.get("timezone", defaults.timezone.key)), "[bot] timezone"),
        reminder_offsets_minutes=(
            tuple(parse_duration_minutes(o, "[picket] reminder_offsets") for o in offsets)
            if isinstance(offsets, list)
            else defaults.reminder_offsets_minutes
        ),
        eligibility_min_hours=float(picket.get("eligibility_min_hours", defaults.eligibility_min_hours)),
        eligibility_min_shifts=int(picket.get("eligibility_min_shifts", defaults.eligibility_min_shifts)),
        eligibility_rule=_eligibility_rule(picket.get("eligibility_rule", defaults.eligibility_rule)),
        refuse_overlapping_shifts=_setting_bool(
            picket.get("refuse_overlapping", defaults.refuse_overlapping_shifts),
            "[picket] refuse_overlapping",
        ),
        checkin_opens_minutes=int(picket.get("checkin_opens_minutes", defaults.checkin_opens_minutes)),
        gaps_fill_ratio=float(picket.get("gaps_fill_ratio", defaults.gaps_fill_ratio)),
    )
