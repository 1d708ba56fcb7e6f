"""The ``[poller]`` section of picketbot.toml, turned into what the poller needs, once at start.

The settings are declared in ``bot/config/schema.py`` (`PollerSection`, with
`SourceTable`, `ChannelTable` and `ClassifierTable`; documented in
docs/configuration.md). Here they become source drafts, subscriptions and a
classifier, and each source is checked against its board type, so a typo
stops the bot at start instead of silently watching nothing.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from importlib import resources
from typing import Any

from bot.config.fields import Where, read_table
from bot.config.loading import Config, ConfigError
from bot.config.schema import (
    SOURCE_TABLES,
    BotSection,
    ChannelTable,
    ClassifierTable,
    PollerSection,
    SourceTable,
)
from bot.jobs.classify import DEFAULT_AI_TERMS, DEFAULT_DESCRIPTION_TERMS, AIClassifier
from bot.jobs.classify_terms import DEFAULT_HINT_TITLE_TERMS
from bot.jobs.errors import BoardConfigError
from bot.jobs.validate import check_source
from commands.urls import redact_urls
from storage.jobs.sources import SourceDraft
from storage.jobs.subscriptions import Subscription

#: The schema's defaults, for a PollerSettings built without a configuration (tests, the benchmark).
_DEFAULTS = PollerSection()


@dataclass(frozen=True)
class PollerSettings:
    enabled: bool = True
    sources: tuple[SourceDraft, ...] = ()
    alert_channels: tuple[Subscription, ...] = ()
    classifier: AIClassifier = field(default_factory=AIClassifier)
    check_every_seconds: float = _DEFAULTS.check_every
    #: Sources polled at once (and never two on one host at once).
    concurrency: int = _DEFAULTS.concurrency
    request_timeout: float = _DEFAULTS.request_timeout
    #: A whole fetch of one source (every page and detail call) gives up after this.
    source_timeout: float = _DEFAULTS.source_timeout
    #: Consecutive failures before the subscribed channels are told, once.
    failure_notice_after: int = _DEFAULTS.failure_notice_after
    max_body_bytes: int = int(_DEFAULTS.max_body_mb * 1024 * 1024)
    #: A listing's detail page is read again this often where its board gives no update time.
    detail_refresh: timedelta = timedelta(minutes=_DEFAULTS.detail_refresh)
    #: Sources added in chat may reach loopback and private addresses too (the
    #: operator's board is on their own network). Off: public addresses only.
    allow_private_addresses: bool = _DEFAULTS.allow_private_addresses
    #: ``[bot] language``: alerts and source notices are channel posts, read by everyone there.
    language: str = "en"


def default_sources() -> list[Mapping[str, Any]]:
    """The studios' boards shipped in bot/data/job_sources.toml."""
    text = resources.files("bot.data").joinpath("job_sources.toml").read_text(encoding="utf-8")
    return list(tomllib.loads(text)["poller"]["sources"])


def poller_settings(config: Config) -> PollerSettings:
    section = config.read(PollerSection)
    return PollerSettings(
        enabled=section.enabled and section.env_switch,
        sources=_drafts(section.sources if section.sources is not None else _default_tables()),
        alert_channels=tuple(_subscription(table) for table in section.alert_channels),
        classifier=classifier_of(section.classifier),
        check_every_seconds=section.check_every,
        concurrency=section.concurrency,
        request_timeout=section.request_timeout,
        source_timeout=section.source_timeout,
        failure_notice_after=section.failure_notice_after,
        max_body_bytes=int(section.max_body_mb * 1024 * 1024),
        detail_refresh=timedelta(minutes=section.detail_refresh),
        allow_private_addresses=section.allow_private_addresses,
        language=config.read(BotSection).language,
    )


def allow_private_addresses(config: Config) -> bool:
    """``[poller] allow_private_addresses``: also read by the wiring for ``/jobs source add``."""
    return config.read(PollerSection).allow_private_addresses


def classifier_from(config: Config) -> AIClassifier:
    return classifier_of(config.read(PollerSection).classifier)


def classifier_of(table: ClassifierTable) -> AIClassifier:
    title = DEFAULT_AI_TERMS if table.title_terms is None else table.title_terms
    description = DEFAULT_DESCRIPTION_TERMS if table.description_terms is None else table.description_terms
    # Replacing the title terms replaces the hint titles too: the organizer then decides what a title means.
    hints = DEFAULT_HINT_TITLE_TERMS if table.title_terms is None else ()
    return AIClassifier(
        title + table.extra_terms, description + table.extra_terms, table.threshold, hint_title_terms=hints
    )


def read_classifier(raw: Mapping[str, object]) -> AIClassifier:
    """A ``[poller.classifier]`` table as written in the file."""
    return classifier_of(read_table(ClassifierTable, raw, {}, Where("[poller.classifier]")))


def _default_tables() -> tuple[SourceTable, ...]:
    return SOURCE_TABLES.read(default_sources(), "[poller] sources")


def _drafts(tables: Sequence[SourceTable]) -> tuple[SourceDraft, ...]:
    drafts = [_draft(table) for table in tables]
    seen: set[str] = set()
    for draft in drafts:
        if draft.name.casefold() in seen:
            raise ConfigError(f"[[poller.sources]]: two sources named {draft.name!r}; give one a name =")
        seen.add(draft.name.casefold())
    return tuple(drafts)


def _draft(table: SourceTable) -> SourceDraft:
    name = table.name or table.company
    draft = SourceDraft(
        name=name[:80],
        company=table.company[:100],
        board_type=table.type,
        board=table.board,
        base_url=table.base_url.rstrip("/") if table.base_url is not None else None,
        interval_minutes=table.interval,
        max_pages=table.max_pages,
    )
    try:
        check_source(draft.board_type, draft.board, draft.base_url)
    except BoardConfigError as error:
        raise ConfigError(f"[[poller.sources]] {name!r}: {redact_urls(str(error))}") from None
    return draft


def _subscription(table: ChannelTable) -> Subscription:
    return Subscription(table.platform.lower(), table.channel, table.company)
