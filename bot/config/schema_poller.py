"""The job poller's settings: ``[poller]``, ``[[poller.sources]]``, ``alert_channels``, ``[poller.classifier]``.

Part of the one schema (bot/config/schema.py lists every section); split out
only to keep each module short. Read by bot/jobs/poller_settings.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from bot.config.fields import Table, Tables, env_setting, required, setting
from bot.config.kinds import Duration, Flag, ListOf, Number, Seconds, Text, WholeNumber
from bot.jobs.classify import DEFAULT_THRESHOLD
from bot.jobs.source import DEFAULT_MAX_PAGES
from commands.jobs.boards import MAX_INTERVAL_MINUTES, MIN_INTERVAL_MINUTES


@dataclass(frozen=True, kw_only=True)
class SourceTable:
    """One job board to watch. Any of these replaces the built-in list; `sources = []` watches none."""

    NAMED_BY: ClassVar[tuple[str, ...]] = ("name", "company")

    name: str | None = setting(
        Text(), None, "What members see; two sources may not share one.", default_doc="the company"
    )
    company: str = required(Text(), "The studio or company.")
    type: str = required(Text(), "The board type: `greenhouse`, `lever`, `workday`, `rss`, `file`, ….")
    board: str = required(Text(), "The board id, as its type needs (docs/job-alerts.md).")
    base_url: str | None = setting(
        Text(), None, "Replaces the type's default host.", default_doc="the type's own"
    )
    interval: int = setting(
        Duration(MIN_INTERVAL_MINUTES, MAX_INTERVAL_MINUTES), 30, "How often the board is polled."
    )
    max_pages: int = setting(WholeNumber(minimum=1), DEFAULT_MAX_PAGES, "Stop paging after this many pages.")


@dataclass(frozen=True, kw_only=True)
class ChannelTable:
    """A channel that always gets job alerts, besides those that ran `/jobs subscribe`."""

    platform: str = required(Text(), "`discord`, `slack` or `console`.")
    channel: str = required(Text(), "The channel id.")
    company: str | None = setting(Text(), None, "Only this company's alerts.", default_doc="every company")


#: Also reads the built-in sources (bot/data/job_sources.toml), so they are checked the same way.
SOURCE_TABLES = Tables(SourceTable, "[[poller.sources]]")

_TERMS = 'a list of strings (each non-empty), like ["machine learning"]'


@dataclass(frozen=True, kw_only=True)
class ClassifierTable:
    """Which listings count as AI jobs."""

    UNKNOWN_SETTINGS: ClassVar[str] = "unknown classifier setting(s): {}"

    title_terms: tuple[str, ...] | None = setting(
        ListOf(Text(), _TERMS),
        None,
        "Replace the built-in terms looked for in titles.",
        default_doc="built in",
    )
    description_terms: tuple[str, ...] | None = setting(
        ListOf(Text(), _TERMS),
        None,
        "Replace the built-in terms looked for in descriptions.",
        default_doc="built in",
    )
    extra_terms: tuple[str, ...] = setting(ListOf(Text(), _TERMS), (), "Added to both lists.")
    threshold: int = setting(
        WholeNumber(minimum=1),
        DEFAULT_THRESHOLD,
        "Distinct terms a description needs when the title has none.",
    )


@dataclass(frozen=True, kw_only=True)
class PollerSection:
    """AI job alerts: polling the studios' job boards inside `picketbot run` and the console."""

    SECTION: ClassVar[str] = "poller"

    enabled: bool = setting(
        Flag(), True, "`false`: no scheduled polling (`picketbot jobs poll` still works)."
    )
    env_switch: bool = env_setting(
        "PICKETBOT_POLLER", Flag(), True, "`off`: no scheduled polling, whatever `enabled` says."
    )
    check_every: float = setting(Seconds(), 60.0, "How often to look for boards that are due.")
    concurrency: int = setting(WholeNumber(minimum=1), 4, "Boards fetched at once (never two on one host).")
    request_timeout: float = setting(
        Number(positive=True, unit="seconds"), 20.0, "One HTTP request gives up after this."
    )
    source_timeout: float = setting(
        Number(positive=True, unit="seconds"),
        180.0,
        "A whole board, every page included, gives up after this.",
    )
    failure_notice_after: int = setting(
        WholeNumber(minimum=1), 3, "Failures in a row before the board's channels are told, once."
    )
    max_body_mb: float = setting(
        Number(positive=True, unit="megabytes"),
        5.0,
        "A bigger answer is a failure.",
    )
    detail_refresh: int = setting(
        Duration(60, 30 * 24 * 60),
        24 * 60,
        "Where a board shows pay only on a listing's page and gives no update time (Workday,"
        " SmartRecruiters), that page is read again this often, so a pay change is seen.",
    )
    allow_private_addresses: bool = setting(
        Flag(), False, "`true`: sources added in chat may reach this machine and private networks too."
    )
    sources: tuple[SourceTable, ...] | None = setting(
        SOURCE_TABLES,
        None,
        "The boards to watch (see below).",
        default_doc="the studios' boards in `bot/data/job_sources.toml`",
    )
    alert_channels: tuple[ChannelTable, ...] = setting(
        Tables(ChannelTable, "[poller] alert_channels"), (), "Channels that always get alerts (see below)."
    )
    classifier: ClassifierTable = setting(  # noqa: RUF009 (a dataclasses.field, with a frozen default)
        Table(ClassifierTable, "[poller.classifier]"),
        ClassifierTable(),
        "Which listings are AI jobs (see below).",
        default_doc="as below",
    )
