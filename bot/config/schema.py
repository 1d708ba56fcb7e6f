"""Every setting of picketbot, declared once: the file's sections and the environment variables.

Each section of picketbot.toml is a frozen dataclass below (Discord's and Slack's
in bot/config/schema_platforms.py, the poller's in bot/config/schema_poller.py); each field is one
setting: its key, its environment variable (if any), its type and checks (the
kind), its default and one line of documentation. ``bot/config/loading.py`` reads
``[bot]``, ``[ops]`` and ``[picket]`` when the configuration is loaded; the
other sections are read, whole, by their feature the first time it asks
(``config.read(DiscordSection)``), so a mistake in ``[discord]`` does not stop
a console that never starts Discord. docs/configuration.md is generated from
these declarations (``picketbot docs --settings docs/configuration.md``).

Why stdlib dataclasses and not pydantic-settings: the declarations are the
same length either way, but pydantic (with pydantic-core) adds about 130-170
ms and 20 MB to every start (measured on the development machine: importing
pydantic-settings and building one model), against a console start of about
half a second and a 150 MB memory target; and its errors are several lines
per mistake, which we would have to rewrite into our one line anyway.
Dataclasses also give mypy the field types with no plugin.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar
from zoneinfo import ZoneInfo

from bot.config.fields import NamedTables, env_setting, setting, settings_of
from bot.config.kinds import (
    Choice,
    Duration,
    Flag,
    ListOf,
    Number,
    Port,
    Text,
    Url,
    WholeNumber,
    Zone,
)

# The chat platforms' and the poller's sections live in their own modules, to keep each
# short; they are part of this schema.
from bot.config.schema_platforms import DISCORD_API_BASE as DISCORD_API_BASE
from bot.config.schema_platforms import DISCORD_GATEWAY_URL as DISCORD_GATEWAY_URL
from bot.config.schema_platforms import SLACK_API_URL as SLACK_API_URL
from bot.config.schema_platforms import DiscordSection as DiscordSection
from bot.config.schema_platforms import SlackSection as SlackSection
from bot.config.schema_poller import SOURCE_TABLES as SOURCE_TABLES
from bot.config.schema_poller import ChannelTable as ChannelTable
from bot.config.schema_poller import ClassifierTable as ClassifierTable
from bot.config.schema_poller import PollerSection as PollerSection
from bot.config.schema_poller import SourceTable as SourceTable
from commands.context import Settings
from commands.i18n import LANGUAGES

DEFAULT_CONFIG_FILE = "picketbot.toml"
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")

#: What commands see by default (commands/context.py); [bot] and [picket] take their defaults from it.
_COMMANDS = Settings()


@dataclass(frozen=True, kw_only=True)
class BotSection:
    """The bot as a whole: time zone, database, logging, retries at start-up."""

    SECTION: ClassVar[str] = "bot"

    # setting() returns a dataclasses.field (ruff cannot tell).
    timezone: ZoneInfo = setting(  # noqa: RUF009
        Zone(), _COMMANDS.timezone, "Zone for times typed without a site (sites carry their own)."
    )
    language: str = setting(
        Choice(LANGUAGES),
        _COMMANDS.language,
        "Language of channel posts (shift posts, job alerts) and of members whose platform names"
        " no language the bot speaks; members choose their own with /lang (docs/languages.md).",
    )
    database: str = setting(
        Text(),
        "picketbot.db",
        "SQLite database file, or a `postgresql://user@host/db` address (password in PGPASSWORD or"
        " ~/.pgpass, never in the address; docs/postgresql.md); `--db` beats both.",
        env="PICKETBOT_DB",
    )
    config_file: str | None = env_setting(
        "PICKETBOT_CONFIG",
        Text(),
        None,
        "The configuration file; `--config` beats it.",
        default_doc=f"`{DEFAULT_CONFIG_FILE}` when it exists",
    )
    log_level: str = setting(
        Choice(LOG_LEVELS, upper=True), "INFO", "How much is logged.", env="PICKETBOT_LOG_LEVEL"
    )
    log_format: str = setting(Choice(("text", "json")), "text", '`"json"`: one JSON object per log line.')
    log_json: bool = env_setting(
        "PICKETBOT_LOG_JSON", Flag(), False, "`1`: JSON log lines, whatever `log_format` says."
    )
    start_attempts: int = setting(
        WholeNumber(minimum=1),
        5,
        "Tries to reach a platform answering 5xx or an HTML page at start-up (docs/security.md).",
    )
    start_retry_seconds: float = setting(
        Number(minimum=0, unit="seconds"), 2.0, "The first wait between those tries; it doubles, up to 30 s."
    )
    require_platform: bool = env_setting(
        "PICKETBOT_REQUIRE_PLATFORM",
        Flag(),
        False,
        "`1`: `run` fails when no token is set instead of starting a console (set in the Docker image).",
    )


@dataclass(frozen=True, kw_only=True)
class LogSection:
    """Where log lines go (how much is logged, and in which format, is in `[bot]`)."""

    SECTION: ClassVar[str] = "log"

    file: str | None = setting(
        Text(),
        None,
        "Log lines are appended to this file instead of the terminal (which then shows only a"
        " fatal error). The console always logs to a file, so a board that cannot be reached"
        " never interrupts it: see `/jobs sources` for the poller's failures.",
        env="PICKETBOT_LOG_FILE",
        default_doc="the console: the database's name with `.log` (`picketbot.log`); otherwise the terminal",
    )


@dataclass(frozen=True, kw_only=True)
class OpsSection:
    """Running it: the health and metrics endpoint, and how long a stopped process holds its work."""

    SECTION: ClassVar[str] = "ops"

    http_port: int | None = setting(
        Port(),
        None,
        "Serve `/healthz` and `/metrics` on this port.",
        env="PICKETBOT_HTTP_PORT",
        default_doc="off",
    )
    http_host: str = setting(Text(), "127.0.0.1", "Address those listen on.", env="PICKETBOT_HTTP_HOST")
    lease_seconds: float = env_setting(
        "PICKETBOT_LEASE_SECONDS",
        Number(0.3, 3600, unit="seconds"),
        30.0,
        "How long an outbox claim or the leader lease outlives a stopped process (docs/deployment.md).",
    )


@dataclass(frozen=True, kw_only=True)
class HttpSection:
    """The public listener: one HTTP port for all that platforms and members reach (docs/deployment.md)."""

    SECTION: ClassVar[str] = "http"

    public_port: int | None = setting(
        Port(),
        None,
        "Port of the public listener: Slack's `/slack/events` (HTTP mode), Discord's"
        " `/discord/interactions` (HTTP mode) and calendar feeds (`/calendar/…`). `/healthz` and"
        " `/metrics` stay on `[ops] http_port`.",
        env="PICKETBOT_PUBLIC_PORT",
        default_doc="`[slack] port` / `PICKETBOT_SLACK_PORT` (its old names), else 3000",
    )
    public_host: str | None = setting(
        Text(), None, "Address the public listener listens on.", default_doc="`[slack] host`, else `0.0.0.0`"
    )
    public_url: str | None = setting(
        Url(("http", "https"), "an http(s) URL"),
        None,
        "Where members reach the public listener, for the links the bot gives (calendar feeds).",
        env="PICKETBOT_PUBLIC_URL",
        default_doc="`http://localhost:` and the port",
    )


@dataclass(frozen=True, kw_only=True)
class DutyTable:
    """A strike duty other than picketing, named by its key (`phone-bank = { share = 1.0 }`): a shift
    added with `duty=NAME` is one. Its check-in hours count toward strike-pay eligibility once a
    captain confirms them, at `share` of the hours; they add hours, not shifts. None by default."""

    UNKNOWN_SETTINGS: ClassVar[str] = "unknown duty setting(s): {}"

    counts: bool = setting(Flag(), True, "`false`: the duty's hours are kept but count for nothing.")
    share: float = setting(Number(0, 1), 1.0, "The share of its hours that counts (`0.5`: half).")


#: A duty's name, as typed in `duty=NAME`: lower-case words joined by hyphens, not "picket".
_DUTY_NAME = Text(
    "a duty name like phone-bank (lower-case words joined by hyphens)",
    pattern=r"(?!picket$)(?=.{1,40}$)[a-z][a-z0-9]*(?:-[a-z0-9]+)*",
)


@dataclass(frozen=True, kw_only=True)
class PicketSection:
    """Picket shifts: reminders, check-in, gaps and the strike-pay eligibility rule."""

    SECTION: ClassVar[str] = "picket"

    reminder_offsets: tuple[int, ...] = setting(
        ListOf(Duration(0, 30 * 24 * 60), 'a list of durations, like ["24h", "1h"]'),
        _COMMANDS.reminder_offsets_minutes,
        "Reminders go out this long before each shift.",
    )
    eligibility_min_hours: float = setting(
        Number(0, 168),
        _COMMANDS.eligibility_min_hours,
        "Strike pay: hours on the line a week (Monday to Sunday).",
    )
    eligibility_min_shifts: int = setting(
        WholeNumber(0, 1000), _COMMANDS.eligibility_min_shifts, "Strike pay: shifts a week."
    )
    eligibility_rule: str = setting(
        Choice(("any", "all")),
        _COMMANDS.eligibility_rule,
        '`"any"`: one threshold met qualifies; `"all"`: both.',
    )
    refuse_overlapping: bool = setting(
        Flag(),
        _COMMANDS.refuse_overlapping_shifts,
        "Refuse a sign-up for a shift that overlaps the member's others.",
    )
    checkin_opens_minutes: int = setting(
        WholeNumber(0, 24 * 60),
        _COMMANDS.checkin_opens_minutes,
        "Minutes before a shift starts that check-in opens.",
    )
    gaps_fill_ratio: float = setting(
        Number(0, 1),
        _COMMANDS.gaps_fill_ratio,
        "`/picket gaps` lists shifts filled below this share of their places.",
    )
    promotion_confirm_minutes: int = setting(
        WholeNumber(0, 7 * 24 * 60),
        _COMMANDS.promotion_confirm_minutes,
        "A member given a place from the waitlist confirms within this many minutes or it goes to the"
        " next in line (not asked when the shift starts sooner; `0`: never asked).",
    )
    swap_deadline_minutes: int = setting(
        WholeNumber(0, 7 * 24 * 60),
        _COMMANDS.swap_deadline_minutes,
        "Minutes before a shift that swap offers close: one not taken by then goes to the waitlist.",
    )
    duties: tuple[tuple[str, DutyTable], ...] = setting(
        NamedTables(DutyTable, "[picket.duties]", _DUTY_NAME, "a table of duties (see below)"),
        (),
        "Strike duties other than picketing, and whether their hours count (see below).",
    )


@dataclass(frozen=True, kw_only=True)
class PaySection:
    """`/pay compare`: how an hourly rate becomes a year's pay."""

    SECTION: ClassVar[str] = "pay"

    hours_per_year: int = setting(
        WholeNumber(1, 8784),
        _COMMANDS.pay_hours_per_year,
        "Hours worked in a year: `/pay compare $45/hr` compares $45 times this (40 hours × 52 weeks).",
    )


#: The sections of picketbot.toml, in the order the docs list them.
SECTIONS: tuple[type, ...] = (
    BotSection,
    LogSection,
    OpsSection,
    HttpSection,
    PicketSection,
    PaySection,
    DiscordSection,
    SlackSection,
    PollerSection,
)
#: The tables inside them, documented after their section.
NESTED: dict[type, tuple[tuple[str, type], ...]] = {
    PicketSection: (("[picket.duties] NAME = { … }", DutyTable),),
    PollerSection: (
        ("[[poller.sources]]", SourceTable),
        ("[poller] alert_channels = [{ … }]", ChannelTable),
        ("[poller.classifier]", ClassifierTable),
    ),
}


def section_name(section: type) -> str:
    name: str = getattr(section, "SECTION")  # noqa: B009 (every section declares it; mypy cannot see it on `type`)
    return name


def secret_names() -> tuple[str, ...]:
    """The environment variables that hold tokens, in declaration order."""
    return tuple(
        spec.env for section in SECTIONS for _, spec in settings_of(section) if spec.secret and spec.env
    )
