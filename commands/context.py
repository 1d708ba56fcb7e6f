"""What a handler knows about the world: who is acting, where, and the services."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from commands.jobs.boards import BoardChecker
from commands.language_choices import LanguageChoices
from commands.registry import Registry
from commands.roles import Role
from commands.text import clean_line
from storage.database import Database
from storage.picket.duty_rules import Duty

#: The longest display name kept (Discord allows 32, Slack 80).
MAX_DISPLAY_NAME = 80


@dataclass(frozen=True)
class Actor:
    """The member running a command, as their platform knows them.

    The display name comes from the platform, so it is outside text: it is
    cleaned here, once, before it is stored or shown (no control characters,
    no bidirectional overrides, one line).
    """

    platform: str
    user_id: str
    display_name: str
    role: Role = Role.MEMBER
    #: The locale the platform gave with this command (Discord's interaction locale, Slack's
    #: users.info locale, the console's --lang), e.g. ``es-419``; None when it said nothing.
    locale: str | None = None

    def __post_init__(self) -> None:
        # One line: a name is shown inside other lines (rosters, notices), where a line
        # break would let it pose as lines of its own. Nothing visible: the user id instead.
        cleaned = clean_line(self.display_name, max_length=MAX_DISPLAY_NAME) or self.user_id
        if cleaned != self.display_name:
            object.__setattr__(self, "display_name", cleaned)


@dataclass(frozen=True)
class Channel:
    platform: str
    channel_id: str
    name: str = ""


@dataclass(frozen=True)
class Settings:
    """The part of the configuration that commands read: ``[bot] timezone`` and ``[picket]``.

    The defaults here are those settings' defaults; the settings themselves (keys,
    checks, documentation) are declared in bot/config/schema.py.
    """

    timezone: ZoneInfo = field(default_factory=lambda: ZoneInfo("America/Los_Angeles"))
    #: ``[bot] language``: channel posts, and members whose platform names no language we speak.
    language: str = "en"
    #: Reminders go out this many minutes before a shift starts.
    reminder_offsets_minutes: tuple[int, ...] = (24 * 60, 60)
    #: Strike-pay eligibility: a week qualifies when "any" (or "all") of the thresholds is met.
    eligibility_min_hours: float = 20.0
    eligibility_min_shifts: int = 5
    eligibility_rule: str = "any"
    refuse_overlapping_shifts: bool = True
    #: A member may check themself in from this many minutes before a shift starts.
    checkin_opens_minutes: int = 15
    #: /picket gaps lists shifts with fewer confirmed than this share of their places.
    gaps_fill_ratio: float = 0.5
    #: The public listener as members reach it ([http] public_url): calendar feed links start with it.
    public_url: str = "http://localhost:3000"
    #: Whether an operator set it; if not, it names localhost and works on the bot's own machine only.
    public_url_set: bool = False
    #: /pay compare: an hourly rate times this is a year's pay ([pay] hours_per_year).
    pay_hours_per_year: int = 2080
    #: A member given a place from the waitlist confirms within this many minutes, or it moves on.
    promotion_confirm_minutes: int = 60
    #: A swap offer not taken this many minutes before its shift goes to the waitlist.
    swap_deadline_minutes: int = 120
    #: Strike duties other than picketing ([picket.duties]): whether and how much their hours count.
    duties: tuple[Duty, ...] = ()


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Services:
    """Long-lived things handlers use; built once by the bot's wiring."""

    db: Database
    settings: Settings = field(default_factory=Settings)
    clock: Callable[[], datetime] = utc_now
    #: Checks job-board sources typed in chat (the bot's wiring provides it; commands can't import bot/).
    job_boards: BoardChecker | None = None
    #: The languages members chose with /lang, kept in memory (read again every 30 s).
    languages: LanguageChoices = field(default_factory=LanguageChoices)


@dataclass
class Context:
    actor: Actor
    channel: Channel
    services: Services
    now: datetime
    #: Every command the bot knows (for /help).
    registry: Registry
    #: The role the actor's own platform gave, when `actor.role` was raised by a linked account's (/link).
    platform_role: Role | None = None
    #: The language this command is answered in (`commands.i18n.LANGUAGES`); the dispatcher
    #: also speaks it (`commands.i18n.speaking`) while the handler runs.
    language: str = "en"

    @property
    def db(self) -> Database:
        return self.services.db

    @property
    def settings(self) -> Settings:
        return self.services.settings

    @property
    def tz(self) -> ZoneInfo:
        return self.services.settings.timezone

    async def member_id(self) -> int:
        """The acting member's row id, creating the row on first use.

        A linked account (/link) is the person it is linked to; its role is noted there.
        The platform's locale is noted on the row in the same statements (`members.ensure`).
        """
        from storage import members

        actor = self.actor
        # The platform's own role is noted, never one raised through a link: a raised role
        # noted as this account's would outlive the role it came from.
        role = self.platform_role or actor.role
        return await members.ensure(
            self.db, actor.platform, actor.user_id, actor.display_name, role.label, actor.locale
        )
