"""The messages picket members get that are not a reply: promotions, cancellations, moves, reminders.

Storage reports what happened (`storage.picket.outcomes`) and queues what
`member_notices` makes of it in the same transaction, on the database
thread, so this module is pure: no I/O, no asyncio. Reminders are composed
here too (`reminder_message`), for the reminder scheduler in `bot.picket`.

Each message is written in its recipient's language, not the sender's: storage
passes a lookup of what each member reads (`LanguageOf`), and each message is
composed inside ``with speaking(...)`` for its reader (`Readers`); a member who
named no language the bot speaks reads ``[bot] language``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from commands.context import Settings
from commands.i18n import SOURCE_LANGUAGE, _, language_for, ngettext, speaking
from commands.markup import span
from commands.periods import clock_range
from commands.picket.moments import day_month, label, plain_label, when
from commands.text import no_pings
from commands.when import dated_day
from storage.outbox.message import NoticeButton, OutboundMessage
from storage.picket.confirm_rules import confirm_by
from storage.picket.live import MoveAsked
from storage.picket.model import Recipient, Shift
from storage.picket.outcomes import LanguageOf, Notices, Outcome, Promoted, ShiftCancelled, ShiftMoved
from storage.picket.reminders import DueReminder

#: A promoted member's time to confirm when no settings say otherwise (`notices_for` passes them).
DEFAULT_CONFIRM_WINDOW = timedelta(minutes=Settings().promotion_confirm_minutes)


@dataclass(frozen=True)
class Readers:
    """Who reads in which language: storage's lookup, and the language of those who named none."""

    language_of: LanguageOf | None = None
    #: ``[bot] language``: for members who named no language the bot speaks, and for channels.
    default: str = SOURCE_LANGUAGE

    def language(self, to: Recipient) -> str:
        raw = self.language_of(to.member_id) if self.language_of is not None else None
        return language_for(raw) or self.default

    @contextmanager
    def writing_to(self, to: Recipient | None) -> Iterator[str]:
        """Speak `to`'s language inside the block (the default language for a channel: None)."""
        with speaking(self.default if to is None else self.language(to)) as language:
            yield language


def member_notices(
    outcome: Outcome,
    language_of: LanguageOf | None = None,
    *,
    window: timedelta = DEFAULT_CONFIRM_WINDOW,
    default_language: str = SOURCE_LANGUAGE,
) -> list[OutboundMessage]:
    """The direct messages about `outcome`, one per member it touches, each in its reader's
    language (`language_of`, else `default_language`); `window` is the time a member promoted
    from the waitlist has to confirm (`[picket] promotion_confirm_minutes`)."""
    readers = Readers(language_of, default_language)
    if isinstance(outcome, Promoted):
        with readers.writing_to(outcome.to):
            return [_promoted(outcome, window)]
    if isinstance(outcome, ShiftCancelled):
        return _cancelled(outcome, readers)
    if isinstance(outcome, ShiftMoved):
        return _moved(outcome, readers)
    from commands.picket.swap_notices import place_notices  # it builds on this module's messages

    return place_notices(outcome, readers)


def notices_for(settings: Settings) -> Notices:
    """`member_notices` with the configured time to confirm a place from the waitlist, and
    ``[bot] language`` for members who named no language the bot speaks."""
    window = timedelta(minutes=settings.promotion_confirm_minutes)
    language = settings.language
    return lambda outcome, language_of: member_notices(
        outcome, language_of, window=window, default_language=language
    )


def _cancel_button(shift_id: int, label: str | None = None) -> NoticeButton:
    return NoticeButton(label or _("Cancel"), f"picket cancel {shift_id}", "danger")


def coming_buttons(shift_id: int) -> tuple[NoticeButton, ...]:
    """ "I'm coming" and "Release my place", on reminders and on places to confirm."""
    return (
        NoticeButton(_("I'm coming"), f"picket confirm {shift_id}", "primary"),
        NoticeButton(_("Release my place"), f"picket release {shift_id}", "danger"),
    )


def local_time(moment: datetime, shift: Shift, now: datetime | None = None) -> str:
    """A deadline in the shift's zone: ``Mon 2026-11-02 10:30 PST``, or just ``10:30 PST`` when it
    is both today (`now`, in that zone) and the shift's own day. Notices pass no `now`: they may
    be read on another day, so they always carry the day."""
    zone = ZoneInfo(shift.timezone)
    local = moment.astimezone(zone)
    shown = f"{local:%H:%M} {local.tzname() or ''}".strip()
    day = local.date().isoformat()
    today = now is not None and now.astimezone(zone).date().isoformat() == day
    return shown if today and day == shift.local_date else f"{dated_day(local.date())} {shown}"


def _direct(
    to: Recipient,
    shift: Shift,
    *,
    kind: str,
    title: str,
    body: str,
    dedupe_key: str,
    buttons: tuple[NoticeButton, ...] = (),
) -> OutboundMessage:
    """A direct message; the site's channel is the fallback when it is on the member's platform."""
    fallback = shift.site_channel_id if shift.site_platform == to.platform else None
    return OutboundMessage(
        platform=to.platform, target_kind="user", target_id=to.platform_user_id, body=body, kind=kind,
        title=title, buttons=buttons, fallback_channel_id=fallback, dedupe_key=dedupe_key,
    )  # fmt: skip


def _promoted(promoted: Promoted, window: timedelta) -> OutboundMessage:
    shift = promoted.shift
    captain = promoted.role == "captain"
    at = promoted.at
    by = None if at is None else confirm_by(at, shift.starts_at, window)
    if at is not None and by is not None:
        minutes = round(window.total_seconds() / 60)
        opened = (
            _("A place opened on shift {label}: it's yours as captain.")
            if captain
            else _("A place opened on shift {label}: it's yours.")
        )
        confirm = ngettext(
            "Please confirm you're coming by {by} (within {minutes} minute), or it goes to the next"
            " person in line. /picket confirm {id} · can't make it: /picket release {id}",
            "Please confirm you're coming by {by} (within {minutes} minutes), or it goes to the next"
            " person in line. /picket confirm {id} · can't make it: /picket release {id}",
            minutes,
        )
        body = (
            opened.format(label=plain_label(shift))
            + " "
            + confirm.format(by=local_time(by, shift), minutes=minutes, id=shift.id)
        )
        return _direct(
            promoted.to, shift, kind="waitlist-promotion",
            title=_("You're off the waitlist: confirm your place"), body=no_pings(body),
            dedupe_key=f"promote:{promoted.signup_id}", buttons=coming_buttons(shift.id),
        )  # fmt: skip
    text = (
        _("A place opened on shift {label}: you're confirmed as captain. Can't make it? /picket cancel {id}")
        if captain
        else _("A place opened on shift {label}: you're confirmed. Can't make it? /picket cancel {id}")
    )
    return _direct(
        promoted.to, shift, kind="waitlist-promotion", title=_("You're off the waitlist"),
        body=text.format(label=label(shift), id=shift.id),
        dedupe_key=f"promote:{promoted.signup_id}", buttons=(_cancel_button(shift.id),),
    )  # fmt: skip


def _reason(reason: str) -> str:
    """`` Reason: …`` after a notice's sentence, or nothing."""
    return " " + _("Reason: {reason}").format(reason=reason) if reason else ""


def _cancelled(done: ShiftCancelled, readers: Readers) -> list[OutboundMessage]:
    shift = done.shift
    messages = []
    for entry in done.on_it:
        with readers.writing_to(entry.to):
            body = _("Shift {label} is cancelled; you don't need to come.").format(label=label(shift))
            messages.append(
                _direct(
                    entry.to,
                    shift,
                    kind="site-closure" if done.by_site_closure else "shift-cancelled",
                    title=_("Shift cancelled"),
                    body=body + _reason(done.reason),
                    dedupe_key=f"shift-cancelled:{shift.id}:{entry.signup_id}",
                )
            )
    return messages


def _moved(done: ShiftMoved, readers: Readers) -> list[OutboundMessage]:
    before, after = done.before, done.after
    messages = []
    for entry in done.on_it:
        with readers.writing_to(entry.to):
            body = _(
                "Site {site} is closed, so shift #{id} moves to {new_site} at the same time: {when}."
                " You're still on it."
            ).format(site=before.site_name, id=before.id, new_site=after.site_name, when=when(after))
            messages.append(
                _direct(
                    entry.to,
                    after,
                    kind="shift-moved",
                    title=_("Shift moved"),
                    body=body + _reason(done.reason),
                    dedupe_key=f"shift-moved:{before.id}:{before.site_id}:{after.site_id}:{entry.signup_id}",
                    buttons=(_cancel_button(before.id),),
                )
            )
    return messages


def site_closed_reason(site_name: str, reason: str) -> str:
    """What a shift cancelled by its site's closure records as its reason (and its notice says).

    Recorded text, in the language of the organizer who closed the site.
    """
    if reason:
        return _("site {site} is closed: {reason}").format(site=site_name, reason=reason)
    return _("site {site} is closed").format(site=site_name)


def _in_about(delta: timedelta) -> str:
    minutes = max(round(delta.total_seconds() / 60), 1)
    if minutes < 90:
        return ngettext("in {n} minute", "in {n} minutes", minutes).format(n=minutes)
    hours = round(minutes / 60)
    if hours < 48:
        return ngettext("in about {n} hour", "in about {n} hours", hours).format(n=hours)
    days = round(hours / 24)
    return ngettext("in about {n} day", "in about {n} days", days).format(n=days)


def reminder_message(
    due: DueReminder, now: datetime, default_language: str = SOURCE_LANGUAGE
) -> OutboundMessage:
    """The reminder, in the member's language (`due.language`, else `default_language`)."""
    with speaking(language_for(due.language) or default_language):
        return _reminder(due, now)


def _reminder(due: DueReminder, now: datetime) -> OutboundMessage:
    zone = ZoneInfo(due.timezone)
    start, end = due.starts_at.astimezone(zone), due.ends_at.astimezone(zone)
    when = span(due.starts_at, due.ends_at, f"{day_month(start.date())}, {clock_range(start, end)}")
    site = no_pings(due.site_name)
    starts_in = _in_about(due.starts_at - now)
    if due.kind == "picket":
        first = _("Your picket shift at {site} starts {starts_in}: {when}.")
        title = _("Picket shift reminder")
    else:
        first = _("Your {duty} shift at {site} starts {starts_in}: {when}.")
        title = _("{duty} shift reminder")
    duty = due.kind
    lines = [first.format(duty=duty, site=site, starts_in=starts_in, when=when)]
    if due.address:
        lines.append(_("Address: {address}").format(address=no_pings(due.address)))
    lines.append(
        _(
            "Shift #{id}. Coming? Say so with I'm coming. Can't make it? Release your place"
            " so the next person on the waitlist gets it now."
        ).format(id=due.shift_id)
    )
    return OutboundMessage(
        platform=due.platform,
        target_kind="user",
        target_id=due.platform_user_id,
        body="\n".join(lines),
        kind="reminder",
        title=title.format(duty=duty.capitalize()),
        buttons=coming_buttons(due.shift_id),
        fallback_channel_id=due.fallback_channel_id,
        dedupe_key=f"reminder:{due.shift_id}:{due.member_id}:{due.offset_minutes}",
    )


def move_asked(asked: MoveAsked, captain: str, default_language: str = SOURCE_LANGUAGE) -> OutboundMessage:
    """A captain's ask, from /picket now, to go from an over-staffed site to a short one, in the
    asked member's language (`asked.language`, else `default_language`)."""
    with speaking(language_for(asked.language) or default_language):
        return _move_asked(asked, captain)


def _move_asked(asked: MoveAsked, captain: str) -> OutboundMessage:
    to_shift = asked.to_shift
    body = _(
        "{captain} asks you to move from {site} to {new_site}: shift {label} is short of people now."
        " When you get there, check in with /picket checkin {id} (or the code the captain there shows)."
    ).format(
        captain=captain,
        site=asked.from_shift.site_name,
        new_site=to_shift.site_name,
        label=label(to_shift),
        id=to_shift.id,
    )
    return _direct(
        asked.to, to_shift, kind="ask-move",
        title=_("Please move to {site}").format(site=to_shift.site_name), body=no_pings(body),
        dedupe_key=f"ask-move:{asked.from_shift.id}:{to_shift.id}:{asked.to.member_id}",
        buttons=(
            NoticeButton(
                _("Check in at #{id}").format(id=to_shift.id), f"picket checkin {to_shift.id}", "primary"
            ),
        ),
    )  # fmt: skip
