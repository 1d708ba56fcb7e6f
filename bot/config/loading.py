"""Configuration: picketbot.toml for settings, the environment for secrets.

Every setting is declared once, in ``bot/config/schema.py`` (documented in
docs/configuration.md). Where things come from, highest first:
- the database: ``--db``, ``PICKETBOT_DB``, ``[bot] database``, ``picketbot.db``;
- the configuration file: ``--config``, ``PICKETBOT_CONFIG``, ``picketbot.toml``
  when it exists in the working directory;
- any other setting: its environment variable (when it has one and it is set),
  the file, its default.
Tokens are read only from the environment, never from the file, so a config
file can be shared or committed without leaking anything.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from bot.config.fields import Where, did_you_mean, env_value, read_table, settings_of
from bot.config.kinds import ConfigError, parse_duration_minutes
from bot.config.schema import (
    DEFAULT_CONFIG_FILE,
    SECTIONS,
    BotSection,
    OpsSection,
    PaySection,
    PicketSection,
    secret_names,
    section_name,
)
from commands.context import Settings
from storage.picket.duty_rules import Duty

__all__ = ["Config", "ConfigError", "load_config", "parse_duration_minutes"]

S = TypeVar("S")


@dataclass(frozen=True)
class Config:
    database: str
    settings: Settings
    bot: BotSection = field(default_factory=BotSection)
    ops: OpsSection = field(default_factory=OpsSection)
    config_file: str | None = None
    env: Mapping[str, str] = field(default_factory=dict, repr=False)
    #: The file's tables as read; features read theirs, checked, with `read`.
    tables: Mapping[str, Any] = field(default_factory=dict, repr=False)
    _read: dict[type, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def log_level(self) -> str:
        return self.bot.log_level

    @property
    def log_json(self) -> bool:
        return self.bot.log_json or self.bot.log_format == "json"

    @property
    def http_port(self) -> int | None:
        """Port for /healthz and /metrics; None leaves the endpoint off."""
        return self.ops.http_port

    @property
    def http_host(self) -> str:
        return self.ops.http_host

    @property
    def lease_seconds(self) -> float:
        """How long an outbox claim or the leader's lease survives a process that stops renewing it."""
        return self.ops.lease_seconds

    def read(self, section: type[S]) -> S:
        """One section of the schema, every setting in it checked (a `ConfigError` names the first
        mistake); read once, then remembered."""
        if section not in self._read:
            self._read[section] = read_section(section, self.tables, self.env)
        found: S = self._read[section]
        return found

    def is_set(self, section: type, key: str) -> bool:
        """Whether the file or the environment gives this setting (its default does not count)."""
        table = self.tables.get(section_name(section), {})
        if isinstance(table, Mapping) and key in table:
            return True
        spec = next(spec for each, spec in settings_of(section) if each.name == key)
        return spec.env is not None and bool(self.env.get(spec.env, "").strip())

    def secret(self, name: str) -> str | None:
        """A token from the environment, by its variable's name; None when unset or blank."""
        if name not in secret_names():
            raise KeyError(f"{name} is not a secret declared in bot/config/schema.py")
        value = self.env.get(name, "").strip()
        return value or None


def read_section(section: type[S], tables: Mapping[str, Any], env: Mapping[str, str]) -> S:
    name = section_name(section)
    return read_table(section, tables.get(name, {}), env, Where(f"[{name}]"))


def load_config(
    *,
    config_path: str | None = None,
    db_path: str | None = None,
    env: Mapping[str, str] | None = None,
) -> Config:
    environ = dict(os.environ if env is None else env)
    path = config_path or env_value(BotSection, "config_file", environ) or _default_config_file()
    tables = _read_toml(path) if path else {}
    _refuse_unknown_sections(tables, path or DEFAULT_CONFIG_FILE)
    bot = read_section(BotSection, tables, environ)
    return Config(
        database=db_path or bot.database,
        settings=_settings(
            bot, read_section(PicketSection, tables, environ), read_section(PaySection, tables, environ)
        ),
        bot=bot,
        ops=read_section(OpsSection, tables, environ),
        config_file=path,
        env=environ,
        tables=tables,
    )


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


def _refuse_unknown_sections(tables: Mapping[str, Any], path: str) -> None:
    known = {section_name(section) for section in SECTIONS}
    for key, value in tables.items():
        if key in known:
            continue
        if isinstance(value, Mapping):
            hint = did_you_mean([key], known)
            raise ConfigError(
                f"{path}: unknown section [{key}]{hint}; the sections are {', '.join(sorted(known))}"
            )
        raise ConfigError(f"{path}: {key} must be inside a section, like [bot]")


def _settings(bot: BotSection, picket: PicketSection, pay: PaySection) -> Settings:
    return Settings(
        timezone=bot.timezone,
        language=bot.language,
        reminder_offsets_minutes=picket.reminder_offsets,
        eligibility_min_hours=picket.eligibility_min_hours,
        eligibility_min_shifts=picket.eligibility_min_shifts,
        eligibility_rule=picket.eligibility_rule,
        refuse_overlapping_shifts=picket.refuse_overlapping,
        checkin_opens_minutes=picket.checkin_opens_minutes,
        gaps_fill_ratio=picket.gaps_fill_ratio,
        pay_hours_per_year=pay.hours_per_year,
        promotion_confirm_minutes=picket.promotion_confirm_minutes,
        swap_deadline_minutes=picket.swap_deadline_minutes,
        duties=tuple(Duty(name, table.counts, table.share) for name, table in picket.duties),
    )
