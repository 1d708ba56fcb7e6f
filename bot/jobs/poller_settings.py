"""The ``[poller]`` section of picketbot.toml, checked once at start.

    [poller]
    enabled = true            # scheduled polling inside `picketbot run` and the console
    check_every = "1m"        # how often to look for sources that are due
    alert_channels = [{ platform = "discord", channel = "123", company = "Netflix" }]
    [[poller.sources]]        # without any, the studios' boards in bot/data/job_sources.toml
    company = "Netflix"
    type = "eightfold"
    board = "netflix.com"
    interval = "30m"
    [poller.classifier]       # passed to AIClassifier.from_mapping
    allow_private_addresses = false   # true: chat-added sources may reach private addresses too

Every mistake is a `ConfigError` naming the setting, so a typo stops the bot
at start instead of silently watching nothing.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from bot.config import Config, ConfigError, parse_duration_minutes
from bot.jobs.classify import AIClassifier
from bot.jobs.errors import BoardConfigError
from bot.jobs.fetch.http import DEFAULT_MAX_BYTES, DEFAULT_TIMEOUT
from bot.jobs.source import DEFAULT_MAX_PAGES
from bot.jobs.validate import check_source
from commands.durations import duration_seconds
from commands.jobs.boards import check_interval
from commands.urls import redact_urls
from storage.jobs.sources import SourceDraft
from storage.jobs.subscriptions import Subscription

_POLLER_KEYS = {
    "enabled", "check_every", "concurrency", "request_timeout", "source_timeout",
    "failure_notice_after", "max_body_mb", "sources", "alert_channels", "classifier",
    "allow_private_addresses",
}  # fmt: skip
_SOURCE_KEYS = {"name", "company", "type", "board", "base_url", "interval", "max_pages"}
_CHANNEL_KEYS = {"platform", "channel", "company"}


@dataclass(frozen=True)
class PollerSettings:
    enabled: bool = True
    sources: tuple[SourceDraft, ...] = ()
    alert_channels: tuple[Subscription, ...] = ()
    classifier: AIClassifier = field(default_factory=AIClassifier)
    check_every_seconds: float = 60.0
    #: Sources polled at once (and never two on one host at once).
    concurrency: int = 4
    request_timeout: float = DEFAULT_TIMEOUT
    #: A whole fetch of one source (every page and detail call) gives up after this.
    source_timeout: float = 180.0
    #: Consecutive failures before the subscribed channels are told, once.
    failure_notice_after: int = 3
    max_body_bytes: int = DEFAULT_MAX_BYTES
    #: Sources added in chat may reach loopback and private addresses too (the
    #: operator's board is on their own network). Off: public addresses only.
    allow_private_addresses: bool = False


def default_sources() -> list[Mapping[str, Any]]:
    """The studios' boards shipped in bot/data/job_sources.toml."""
    text = resources.files("bot.data").joinpath("job_sources.toml").read_text(encoding="utf-8")
    return list(tomllib.loads(text)["poller"]["sources"])


def _switched_off(config: Config) -> bool:
    """PICKETBOT_POLLER=off turns polling off without editing the file (tests, one-off runs)."""
    return config.env.get("PICKETBOT_POLLER", "").strip().lower() in ("off", "0", "false", "no")


def poller_settings(config: Config) -> PollerSettings:
    section = config.section("poller")
    _no_unknown(section, _POLLER_KEYS, "[poller]")
    raw_sources = section.get("sources")
    return PollerSettings(
        enabled=_bool(section.get("enabled", True), "[poller] enabled") and not _switched_off(config),
        sources=parse_sources(default_sources() if raw_sources is None else _tables(raw_sources, "sources")),
        alert_channels=_channels(_tables(section.get("alert_channels", []), "alert_channels")),
        classifier=classifier_from(config),
        check_every_seconds=_seconds(section.get("check_every", "1m"), "[poller] check_every"),
        concurrency=_positive_int(section.get("concurrency", 4), "[poller] concurrency"),
        request_timeout=_number(section.get("request_timeout", DEFAULT_TIMEOUT), "[poller] request_timeout"),
        source_timeout=_number(section.get("source_timeout", 180), "[poller] source_timeout"),
        failure_notice_after=_positive_int(
            section.get("failure_notice_after", 3), "[poller] failure_notice_after"
        ),
        max_body_bytes=int(_number(section.get("max_body_mb", 5), "[poller] max_body_mb") * 1024 * 1024),
        allow_private_addresses=allow_private_addresses(config),
    )


def allow_private_addresses(config: Config) -> bool:
    """``[poller] allow_private_addresses``: also read by the wiring for ``/jobs source add``."""
    value = config.section("poller").get("allow_private_addresses", False)
    return _bool(value, "[poller] allow_private_addresses")


def classifier_from(config: Config) -> AIClassifier:
    raw = config.section("poller").get("classifier", {})
    if not isinstance(raw, Mapping):
        raise ConfigError("[poller.classifier] must be a table")
    try:
        return AIClassifier.from_mapping(raw)
    except ValueError as error:
        raise ConfigError(f"[poller.classifier]: {error}") from None


def parse_sources(tables: Sequence[Mapping[str, Any]]) -> tuple[SourceDraft, ...]:
    drafts = [_source(table, index) for index, table in enumerate(tables, start=1)]
    seen: set[str] = set()
    for draft in drafts:
        if draft.name.casefold() in seen:
            raise ConfigError(f"[[poller.sources]]: two sources named {draft.name!r}; give one a name =")
        seen.add(draft.name.casefold())
    return tuple(drafts)


def _source(table: Mapping[str, Any], index: int) -> SourceDraft:
    where = f"[[poller.sources]] #{index}"
    _no_unknown(table, _SOURCE_KEYS, where)
    company = _text(table, "company", where)
    name = _text(table, "name", where) if "name" in table else company
    where = f"[[poller.sources]] {name!r}"
    draft = SourceDraft(
        name=name[:80],
        company=company[:100],
        board_type=_text(table, "type", where),
        board=_text(table, "board", where),
        base_url=_text(table, "base_url", where).rstrip("/") if "base_url" in table else None,
        interval_minutes=_interval(table.get("interval", "30m"), where),
        max_pages=_positive_int(table.get("max_pages", DEFAULT_MAX_PAGES), f"{where} max_pages"),
    )
    try:
        check_source(draft.board_type, draft.board, draft.base_url)
    except BoardConfigError as error:
        raise ConfigError(f"{where}: {redact_urls(str(error))}") from None
    return draft


def _channels(tables: Sequence[Mapping[str, Any]]) -> tuple[Subscription, ...]:
    found = []
    for index, table in enumerate(tables, start=1):
        where = f"[poller] alert_channels #{index}"
        _no_unknown(table, _CHANNEL_KEYS, where)
        company = _text(table, "company", where) if "company" in table else None
        found.append(
            Subscription(_text(table, "platform", where).lower(), _text(table, "channel", where), company)
        )
    return tuple(found)


def _no_unknown(table: Mapping[str, Any], allowed: set[str], where: str) -> None:
    unknown = sorted(set(table) - allowed)
    if unknown:
        raise ConfigError(f"{where}: unknown setting(s) {', '.join(unknown)}")


def _tables(value: object, name: str) -> list[Mapping[str, Any]]:
    if not isinstance(value, list) or not all(isinstance(item, Mapping) for item in value):
        raise ConfigError(f"[poller] {name} must be a list of tables")
    return list(value)


def _text(table: Mapping[str, Any], key: str, where: str) -> str:
    value = table.get(key)
    if not isinstance(value, str | int) or isinstance(value, bool) or not str(value).strip():
        raise ConfigError(f"{where}: {key} must be non-empty text")
    return str(value).strip()


def _interval(value: object, where: str) -> int:
    if not isinstance(value, str | int) or isinstance(value, bool):
        raise ConfigError(f"{where}: interval must be a duration like 30m")
    minutes = parse_duration_minutes(value, f"{where} interval")
    try:
        return check_interval(minutes)
    except ValueError as error:
        raise ConfigError(f"{where}: {error}") from None


def _seconds(value: object, setting: str) -> float:
    """A number of seconds, or text like 30s, 1m, 2h."""
    if isinstance(value, str):
        seconds = duration_seconds(value)
        if seconds is None:
            raise ConfigError(f"{setting}: {value!r} is not a duration like 30s, 1m or 2h")
        value = seconds
    return _number(value, setting)


def _number(value: object, setting: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        raise ConfigError(f"{setting} must be a positive number")
    return float(value)


def _positive_int(value: object, setting: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise ConfigError(f"{setting} must be a whole number of at least 1")
    return value


def _bool(value: object, setting: str) -> bool:
    if not isinstance(value, bool):
        raise ConfigError(f"{setting} must be true or false")
    return value
