"""The rules for shifts, over rows already loaded: adding, editing places, cancelling, moving, promoting.

Pure Python: no SQL, no database. A write in `storage.picket.shifts` (or
`sites`, `signups`, `privacy`) loads what a rule needs, calls it, and writes
what it returns, all in one hop to the database; another backend can call
the same rules. A refused change raises `PicketError` with a reason code.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from storage.picket.model import NewShift, Shift, SignupRole, Site, Waiting
from storage.picket.outcomes import Promoted
from storage.picket.refusals import Code, PicketError, no_site

MAX_CAPACITY = 10_000
#: The longest a single shift may run.
MAX_SHIFT_HOURS = 24
#: The most shifts one /picket shift add may create.
MAX_SERIES = 400


def check_places(capacity: int, captains: int) -> None:
    if not 1 <= capacity <= MAX_CAPACITY:
        raise PicketError(Code.CAPACITY_RANGE, most=MAX_CAPACITY)
    if not 0 <= captains <= capacity:
        raise PicketError(Code.CAPTAINS_RANGE, capacity=capacity)


def check_new(new: Sequence[NewShift], *, capacity: int, captains: int, now: datetime) -> None:
    """A shift or a series to add: places, lengths, and nothing in the past (all or none)."""
    check_places(capacity, captains)
    if not new:
        raise PicketError(Code.NO_SHIFTS_TO_ADD)
    if len(new) > MAX_SERIES:
        raise PicketError(Code.TOO_MANY_SHIFTS, count=len(new), most=MAX_SERIES)
    for item in new:
        # Compare in UTC: two times in one zone compare and subtract as wall-clock times.
        start, end = item.starts_at.astimezone(UTC), item.ends_at.astimezone(UTC)
        if end <= start:
            raise PicketError(Code.END_NOT_AFTER_START)
        if end - start > timedelta(hours=MAX_SHIFT_HOURS):
            raise PicketError(Code.SHIFT_TOO_LONG, hours=MAX_SHIFT_HOURS)
        if start <= now:
            raise PicketError(Code.STARTS_IN_PAST, day=item.local_date, start=item.local_start)


def check_site_takes_shifts(site_id: int, site: Site | None) -> Site:
    if site is None:
        raise no_site(site_id)
    if site.closed:
        raise PicketError(Code.SITE_CLOSED, site=site.name)
    return site


def check_cancel(shift: Shift, now: datetime) -> None:
    if shift.cancelled:
        raise PicketError(Code.SHIFT_ALREADY_CANCELLED, shift_id=shift.id)
    if shift.ends_at <= now:
        raise PicketError(Code.SHIFT_OVER, shift_id=shift.id)


def check_postable(shift: Shift, now: datetime) -> None:
    """A live post is for a shift people can still sign up for or follow."""
    if shift.cancelled:
        raise PicketError(Code.SHIFT_CANCELLED, shift_id=shift.id)
    if shift.ends_at <= now:
        raise PicketError(Code.SHIFT_OVER, shift_id=shift.id)


def edited(
    shift: Shift, now: datetime, *, capacity: int | None, captains: int | None, notes: str | None
) -> Shift:
    """The shift with new places or notes; its counts stay (a freed place is then promoted)."""
    if shift.cancelled:
        raise PicketError(Code.SHIFT_CANCELLED, shift_id=shift.id)
    if shift.ends_at <= now:
        raise PicketError(Code.SHIFT_OVER, shift_id=shift.id)
    new_capacity = shift.capacity if capacity is None else capacity
    new_captains = shift.captains_needed if captains is None else captains
    check_places(new_capacity, new_captains)
    if new_capacity < shift.confirmed:
        raise PicketError(Code.CAPACITY_BELOW_CONFIRMED, shift_id=shift.id, confirmed=shift.confirmed)
    return dataclasses.replace(
        shift,
        capacity=new_capacity,
        captains_needed=new_captains,
        notes=shift.notes if notes is None else notes,
    )


def moved(shift: Shift, to: Site) -> Shift:
    """The shift at site `to`, at the same instants: its wall-clock times in the new site's zone."""
    tz = ZoneInfo(to.timezone)
    start, end = shift.starts_at.astimezone(tz), shift.ends_at.astimezone(tz)
    return dataclasses.replace(
        shift,
        site_id=to.id,
        site_name=to.name,
        timezone=to.timezone,
        local_date=start.date().isoformat(),
        local_start=f"{start:%H:%M}",
        local_end=f"{end:%H:%M}",
        site_closed=to.closed,
        site_platform=to.platform,
        site_channel_id=to.channel_id,
    )


def promotions(shift: Shift, waiting: Sequence[Waiting], now: datetime) -> list[Promoted]:
    """Which waiting sign-ups the open places go to: first come, first served.

    `shift` has its counts as they are now (after whatever freed the place),
    `waiting` is its waitlist in order. A place still held for captains goes
    to the first captain waiting, so a member ahead of them keeps their
    position for the next member place. A shift cancelled, at a closed site
    or already started promotes no one.
    """
    filled = _fill(shift, waiting, now)
    if not filled:
        return []
    taken = {p.signup_id for p in filled}
    rest = [entry for entry in waiting if entry.signup_id not in taken]
    after = filled[-1].shift
    # Only a place someone else could take must be confirmed (`at`): with nobody else in line it
    # simply stays theirs, by the very rule the deadline pass applies (`someone_could_take`).
    return [
        dataclasses.replace(p, at=now if someone_could_take(after, p.role, rest, now) else None)
        for p in filled
    ]


def someone_could_take(shift: Shift, role: SignupRole, waiting: Sequence[Waiting], now: datetime) -> bool:
    """Whether, were a `role` place on `shift` given up now, someone in `waiting` would get it."""
    return bool(_fill(shift.left(role, "confirmed"), waiting, now))


def _fill(shift: Shift, waiting: Sequence[Waiting], now: datetime) -> list[Promoted]:
    if not has_open_place(shift, now):
        return []
    promoted: list[Promoted] = []
    for entry in waiting:
        if not shift.has_place_for(entry.role):
            if shift.confirmed >= shift.capacity:
                break
            continue
        shift = shift.promoted(entry.role)
        promoted.append(Promoted(entry.signup_id, entry.role, entry.display_name, entry.to, shift, now))
    return promoted


def has_open_place(shift: Shift, now: datetime) -> bool:
    """Whether a waiting sign-up could be promoted now (so the waitlist is worth reading)."""
    live = not (shift.cancelled or shift.site_closed or shift.starts_at <= now)
    return live and shift.confirmed < shift.capacity


def after_promotions(shift: Shift, promoted: Sequence[Promoted]) -> Shift:
    """The shift's counts once `promoted` have their places."""
    return promoted[-1].shift if promoted else shift
