"""The messages picket members get that are not a reply: promotions, cancellations, moves, reminders.

Storage reports what happened (`storage.picket.outcomes`) and queues what
`member_notices` makes of it in the same transaction, on the database
thread, so this module is pure: no I/O, no asyncio. Reminders are composed
here too (`reminder_message`), for the reminder scheduler in `bot.picket`.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from commands.context import Settings
from commands.markup import span
from commands.periods import clock_range
from commands.picket.moments import label, when
from commands.text import no_pings
from storage.outbox.message import NoticeButton, OutboundMessage
from storage.picket.confirm_rules import confirm_by
from storage.picket.live import MoveAsked
from storage.picket.model import Recipient, Shift
from storage.picket.outcomes import Notices, Outcome, Promoted, ShiftCancelled, ShiftMoved
from storage.picket.reminders import DueReminder

#: A promoted member's time to confirm when no settings say otherwise (`notices_for` passes them).
DEFAULT_CONFIRM_WINDOW = timedelta(minutes=Settings().promotion_confirm_minutes)


def member_notices(outcome: Outcome, *, window: timedelta = DEFAULT_CONFIRM_WINDOW) -> list[OutboundMessage]:
    """The direct messages about `outcome`, one per member it touches; `window` is the time a
    member promoted from the waitlist has to confirm (`[picket] promotion_confirm_minutes`)."""
    if isinstance(outcome, Promoted):
        return [_promoted(outcome, window)]
    if isinstance(outcome, ShiftCancelled):
        return _cancelled(outcome)
    if isinstance(outcome, ShiftMoved):
        return _moved(outcome)
    from commands.picket.swap_notices import place_notices  # it builds on this module's messages

    return place_notices(outcome)


def notices_for(settings: Settings) -> Notices:
    """`member_notices` with the configured time to confirm a place from the waitlist."""
    window = timedelta(minutes=settings.promotion_confirm_minutes)
    return lambda outcome: member_notices(outcome, window=window)


def _cancel_button(shift_id: int, label: str = "Cancel") -> NoticeButton:
    return NoticeButton(label, f"picket cancel {shift_id}", "danger")


def coming_buttons(shift_id: int) -> tuple[NoticeButton, ...]:
    """ "I'm coming" and "Release my place", on reminders and on places to confirm."""
    return (
        NoticeButton("I'm coming", f"picket confirm {shift_id}", "primary"),
        NoticeButton("Release my place", f"picket release {shift_id}", "danger"),
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
    return shown if today and day == shift.local_date else f"{local:%a %Y-%m-%d} {shown}"


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
    as_captain = " as captain" if promoted.role == "captain" else ""
    at = promoted.at
    by = None if at is None else confirm_by(at, shift.starts_at, window)
    if at is not None and by is not None:
        minutes = round(window.total_seconds() / 60)
        return _direct(
            promoted.to, shift, kind="waitlist-promotion", title="You're off the waitlist: confirm your place",
            body=no_pings(
                f"A place opened on shift {shift.label}: it's yours{as_captain}. Please confirm you're"
                f" coming by {local_time(by, shift)} (within {minutes} minutes), or it goes to the next"
                f" person in line. /picket confirm {shift.id} · can't make it: /picket release {shift.id}"
            ),
            dedupe_key=f"promote:{promoted.signup_id}",
            buttons=coming_buttons(shift.id),
        )  # fmt: skip
    return _direct(
        promoted.to, shift, kind="waitlist-promotion", title="You're off the waitlist",
        body=f"A place opened on shift {label(shift)}: you're confirmed{as_captain}. "
        f"Can't make it? /picket cancel {shift.id}",
        dedupe_key=f"promote:{promoted.signup_id}", buttons=(_cancel_button(shift.id),),
    )  # fmt: skip


def _cancelled(done: ShiftCancelled) -> list[OutboundMessage]:
    shift = done.shift
    why = f" Reason: {done.reason}" if done.reason else ""
    return [
        _direct(
            entry.to,
            shift,
            kind="site-closure" if done.by_site_closure else "shift-cancelled",
            title="Shift cancelled",
            body=f"Shift {label(shift)} is cancelled; you don't need to come.{why}",
            dedupe_key=f"shift-cancelled:{shift.id}:{entry.signup_id}",
        )
        for entry in done.on_it
    ]


def _moved(done: ShiftMoved) -> list[OutboundMessage]:
    before, after = done.before, done.after
    why = f" Reason: {done.reason}" if done.reason else ""
    return [
        _direct(
            entry.to,
            after,
            kind="shift-moved",
            title="Shift moved",
            body=f"Site {before.site_name} is closed, so shift #{before.id} moves to {after.site_name}"
            f" at the same time: {when(after)}. You're still on it.{why}",
            dedupe_key=f"shift-moved:{before.id}:{before.site_id}:{after.site_id}:{entry.signup_id}",
            buttons=(_cancel_button(before.id),),
        )
        for entry in done.on_it
    ]


def site_closed_reason(site_name: str, reason: str) -> str:
    """What a shift cancelled by its site's closure records as its reason (and its notice says)."""
    return f"site {site_name} is closed" + (f": {reason}" if reason else "")


def _in_about(delta: timedelta) -> str:
    minutes = max(round(delta.total_seconds() / 60), 1)
    if minutes < 90:
        return f"in {minutes} minute{'' if minutes == 1 else 's'}"
    hours = round(minutes / 60)
    return f"in about {hours} hours" if hours < 48 else f"in about {round(hours / 24)} days"


def reminder_message(due: DueReminder, now: datetime) -> OutboundMessage:
    zone = ZoneInfo(due.timezone)
    start, end = due.starts_at.astimezone(zone), due.ends_at.astimezone(zone)
    when = span(due.starts_at, due.ends_at, f"{start:%a} {start.day} {start:%b}, {clock_range(start, end)}")
    site = no_pings(due.site_name)
    what = "picket" if due.kind == "picket" else due.kind
    lines = [f"Your {what} shift at {site} starts {_in_about(due.starts_at - now)}: {when}."]
    if due.address:
        lines.append(f"Address: {no_pings(due.address)}")
    lines.append(
        f"Shift #{due.shift_id}. Coming? Say so with I'm coming. Can't make it? Release your place"
        " so the next person on the waitlist gets it now."
    )
    return OutboundMessage(
        platform=due.platform,
        target_kind="user",
        target_id=due.platform_user_id,
        body="\n".join(lines),
        kind="reminder",
        title=f"{what.capitalize()} shift reminder",
        buttons=coming_buttons(due.shift_id),
        fallback_channel_id=due.fallback_channel_id,
        dedupe_key=f"reminder:{due.shift_id}:{due.member_id}:{due.offset_minutes}",
    )


def move_asked(asked: MoveAsked, captain: str) -> OutboundMessage:
    """A captain's ask, from /picket now, to go from an over-staffed site to a short one."""
    to_shift = asked.to_shift
    body = (
        f"{captain} asks you to move from {asked.from_shift.site_name} to {to_shift.site_name}:"
        f" shift {label(to_shift)} is short of people now. When you get there, check in with"
        f" /picket checkin {to_shift.id} (or the code the captain there shows)."
    )
    return _direct(
        asked.to, to_shift, kind="ask-move", title=f"Please move to {to_shift.site_name}", body=no_pings(body),
        dedupe_key=f"ask-move:{asked.from_shift.id}:{to_shift.id}:{asked.to.member_id}",
        buttons=(NoticeButton(f"Check in at #{to_shift.id}", f"picket checkin {to_shift.id}", "primary"),),
    )  # fmt: skip
