"""/picket roster|checkin|checkout: who is there, proved by a rotating code, and who left early.

The roster is the captain's live list: each confirmed member is marked due,
arrived, late, left early, no-show or missed (`checkin_rules.live_state`).
A member checks in with the shift's number, or, once a captain has shown the
shift's check-in code (`/picket code`, `commands.picket.codes`), only with
that code, which changes every few minutes so one sent to someone at home
soon stops working.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from datetime import datetime, timedelta
from typing import cast
from zoneinfo import ZoneInfo

from commands import params as p
from commands.context import Context
from commands.errors import CommandError, UsageError
from commands.i18n import N_, _, ngettext
from commands.params import MemberRef
from commands.picket.common import MAX_PLAIN_NAME, PICKET, SHIFT_ID, require_role, resolve_member
from commands.picket.moments import label, plain_label
from commands.registry import Commands
from commands.reply import Reply
from commands.roles import Role
from commands.text import no_pings, shorten
from storage.database import from_iso
from storage.picket import checkin_codes, checkins, code_rules, signups
from storage.picket.checkin_rules import LiveState, live_state
from storage.picket.model import Shift
from storage.picket.signups import RosterEntry

picket = Commands(PICKET)

#: How long each check-in code lasts; the one before still works (`code_rules.GRACE_WINDOWS`).
CODE_MINUTES = 5
_SHIFT_NUMBER = re.compile(r"#?[0-9]{1,12}")
#: How a recorded status reads (a captain still types the English word: present, no-show, walk-in).
_STATUS_WORDS = {
    "present": N_("present"),
    "no-show": N_("no-show"),
    "walk-in": N_("walk-in"),
    "arrived": N_("arrived"),
    "late": N_("late"),
    "due": N_("due"),
    "left early": N_("left early"),
    "missed": N_("missed"),
}


# ---- the live list ----------------------------------------------------------------------


def _local(field: str | None, tz: ZoneInfo) -> datetime | None:
    return None if field is None else from_iso(field).astimezone(tz)


def _state(entry: RosterEntry, shift: Shift, now: datetime) -> LiveState:
    return live_state(
        shift,
        checkin=entry.checkin,
        checked_in_at=None if entry.checked_in_at is None else from_iso(entry.checked_in_at),
        checked_out_at=None if entry.checked_out_at is None else from_iso(entry.checked_out_at),
        now=now,
    )


def status_word(status: str) -> str:
    """A check-in status or live state in the language being spoken."""
    word = _STATUS_WORDS.get(status)
    return status if word is None else _(word)


def _forgotten_or(name: str, forgotten: bool) -> str:
    return _("(forgotten member)") if forgotten else name


def _roster_line(entry: RosterEntry, tz: ZoneInfo, number: int, state: LiveState | None) -> str:
    name = _forgotten_or(entry.display_name, entry.forgotten)
    if entry.by_name:
        name = _("{name} (by name, not on chat)").format(name=name)
    role = _(" (captain)") if entry.role == "captain" else ""
    arrived, left = _local(entry.checked_in_at, tz), _local(entry.checked_out_at, tz)
    if entry.checkin and arrived:
        shown = _("{status} at {time}").format(status=status_word(entry.checkin), time=f"{arrived:%H:%M}")
    else:
        shown = _("not checked in")
    if left is not None:
        shown += _(", left at {time}").format(time=f"{left:%H:%M}")
    if state is not None and state != "no-show":
        word = status_word(state)
        shown += f" ({word.upper() if state in ('late', 'left early') else word})"
    return f"{number}. {name}{role} — {shown}"


def _counted(state: LiveState, count: int) -> str:
    """``3 arrived``: how many of a roster are in one state."""
    match state:
        case "arrived":
            template = ngettext("{count} arrived", "{count} arrived", count)
        case "late":
            template = ngettext("{count} late", "{count} late", count)
        case "due":
            template = ngettext("{count} due", "{count} due", count)
        case "left early":
            template = ngettext("{count} left early", "{count} left early", count)
        case "no-show":
            template = ngettext("{count} no-show", "{count} no-show", count)
        case "missed":
            template = ngettext("{count} missed", "{count} missed", count)
    return template.format(count=count)


def _tally(states: list[LiveState]) -> str:
    counts = Counter(states)
    order: tuple[LiveState, ...] = ("arrived", "late", "due", "left early", "no-show", "missed")
    return ", ".join(_counted(s, counts[s]) for s in order if counts[s])


@picket.command(
    "roster",
    description=N_("The live list: who is due, arrived, late or left early, and who waits"),
    role=Role.CAPTAIN,
    ephemeral=True,
    params=(SHIFT_ID,),
)
async def roster(ctx: Context, id: int) -> Reply:
    found = await signups.roster(ctx.db, id)
    shift = found.shift
    tz = ZoneInfo(shift.timezone)
    states = [_state(e, shift, ctx.now) for e in found.confirmed]
    lines = [
        _("Confirmed ({confirmed}/{capacity}, captains {captains}/{captains_needed}):").format(
            confirmed=shift.confirmed,
            capacity=shift.capacity,
            captains=shift.captains,
            captains_needed=shift.captains_needed,
        )
    ]
    lines += [
        _roster_line(e, tz, i, s) for i, (e, s) in enumerate(zip(found.confirmed, states, strict=True), 1)
    ] or [_("(nobody yet)")]
    if found.waitlist:
        lines.append(_("Waitlist ({count}, in order):").format(count=len(found.waitlist)))
        lines += [f"{e.position}. {_forgotten_or(e.display_name, e.forgotten)}" for e in found.waitlist]
    if found.walk_ins:
        lines.append(_("Walk-ins and others recorded:"))
        lines += [_roster_line(e, tz, i, None) for i, e in enumerate(found.walk_ins, 1)]
    if states and ctx.now >= shift.starts_at - timedelta(minutes=ctx.settings.checkin_opens_minutes):
        local_now = ctx.now.astimezone(tz)  # "now" needs no per-reader time beside it
        lines.insert(
            0, _("Live at {time}: {tally}").format(time=f"{local_now:%H:%M %Z}", tally=_tally(states))
        )
    return Reply(
        title=no_pings(_("Roster: {shift}").format(shift=plain_label(shift))),
        text=no_pings("\n".join(lines)),
        footer=_(
            "Record arrivals with /picket checkin {id} MEMBER present|no-show|walk-in;"
            " show a check-in code with /picket code {id}"
        ).format(id=id),
        ephemeral=True,
    )


# ---- checking in and out ------------------------------------------------------------------


def _shift_or_code(typed: str) -> int | str:
    """A shift number, or the check-in code a captain shows (letters only, so never a number)."""
    text = unicodedata.normalize("NFKC", typed).strip()
    if _SHIFT_NUMBER.fullmatch(text):
        number = int(text.removeprefix("#"))
        if number < 1:
            raise UsageError(_("id must be at least 1"))
        return number
    code = code_rules.typed_code(text)
    if code is None:
        raise UsageError(
            _("{typed} is neither a shift number nor a check-in code (six letters, like KMX-RTP)").format(
                typed=repr(no_pings(shorten(text, 20)))
            )
        )
    return code


async def _by_code(ctx: Context, code: str) -> int:
    found = await checkin_codes.shift_for_code(
        ctx.db, code, ctx.now, minutes=CODE_MINUTES, opens_minutes=ctx.settings.checkin_opens_minutes
    )
    if found is None:
        raise CommandError(
            _(
                "{code} is not a current check-in code: codes change every {minutes} minutes,"
                " so use the one your captain shows now"
            ).format(code=code_rules.shown(code), minutes=CODE_MINUTES)
        )
    return found


@picket.command(
    "checkin",
    description=N_("Check in with the shift's number or its check-in code; captains record anyone"),
    params=(
        p.text(
            "id",
            N_("Shift number, or the check-in code your captain shows"),
            max_length=20,
            autocomplete="shift",
        ),
        p.member("member", N_("Captains: the member to record (@mention or name)"), required=False),
        p.choice("status", N_("present, no-show or walk-in"), checkins.STATUSES, required=False),
        p.text(
            "name",
            N_("Captains: a walk-in's name, for someone not on chat"),
            keyword_only=True,
            required=False,
            max_length=MAX_PLAIN_NAME,
        ),
    ),
    examples=(
        "/picket checkin 12",
        "/picket checkin KMX-RTP",
        "/picket checkin 12 @ana present",
        "/picket checkin 12 @bo walk-in",
        '/picket checkin 12 "Zed Alvarez" walk-in',
    ),
)
async def checkin(
    ctx: Context, id: str, member: MemberRef | None = None, status: str | None = None, name: str | None = None
) -> Reply:
    given = _shift_or_code(id)
    if member is not None and name is not None:
        raise UsageError(_("give the member or name=, not both"))
    if name is not None:
        member = MemberRef(name)
    if member is None:
        if status is not None:
            raise UsageError(
                _("name the member to record: /picket checkin ID MEMBER present|no-show|walk-in")
            )
        return await _self_checkin(ctx, given)
    if isinstance(given, str):
        raise UsageError(_("a captain records someone by the shift's number: /picket checkin ID MEMBER"))
    return await _record(ctx, given, member, status, by_name=name is not None)


async def _self_checkin(ctx: Context, given: int | str) -> Reply:
    me = await ctx.member_id()
    shift_id = given if isinstance(given, int) else await _by_code(ctx, given)
    result = await checkins.record(
        ctx.db, shift_id, me, "present", recorded_by=me, by_self=True, now=ctx.now,
        opens_minutes=ctx.settings.checkin_opens_minutes, with_code=isinstance(given, str),
    )  # fmt: skip
    text = _("Checked in for shift {shift}. Thank you!").format(shift=label(result.shift))
    if result.moved_from is not None:
        text += _(" You're checked out of shift #{id} {site}: your hours there stop now.").format(
            id=result.moved_from.id, site=result.moved_from.site_name
        )
    return Reply(text=no_pings(text), ephemeral=True)


async def _record(
    ctx: Context, shift_id: int, member: MemberRef, status: str | None, *, by_name: bool
) -> Reply:
    require_role(ctx, Role.CAPTAIN, _("Checking in someone else"))
    me = await ctx.member_id()
    chosen = status or ("walk-in" if by_name else "present")
    who, shown = await resolve_member(ctx, member, create=chosen == "walk-in")
    result = await checkins.record(
        ctx.db, shift_id, who, cast(checkins.CheckinStatus, chosen), recorded_by=me, by_self=False,
        now=ctx.now, opens_minutes=ctx.settings.checkin_opens_minutes,
    )  # fmt: skip
    if result.previous and result.previous != chosen:
        text = _("Recorded {member} as {status} on shift #{id} (was {previous}).").format(
            member=shown, status=status_word(chosen), id=shift_id, previous=status_word(result.previous)
        )
    else:
        text = _("Recorded {member} as {status} on shift #{id}.").format(
            member=shown, status=status_word(chosen), id=shift_id
        )
    return Reply(text=no_pings(text), ephemeral=True)


@picket.command(
    "checkout",
    description=N_("Leaving before the end: your hours stop now; captains record anyone"),
    params=(SHIFT_ID, p.member("member", N_("Captains: the member who left"), required=False)),
    examples=("/picket checkout 12", "/picket checkout 12 @ana"),
)
async def checkout(ctx: Context, id: int, member: MemberRef | None = None) -> Reply:
    me = await ctx.member_id()
    if member is None:
        shift = await checkins.check_out(ctx.db, id, me, recorded_by=me, by_self=True, now=ctx.now)
        return Reply(
            text=no_pings(
                _("Checked out of shift {shift}: your hours stop now. Thank you!").format(shift=label(shift))
            ),
            ephemeral=True,
        )
    require_role(ctx, Role.CAPTAIN, _("Checking out someone else"))
    who, shown = await resolve_member(ctx, member)
    assert isinstance(who, int)  # not created: resolve_member made no NewMember
    await checkins.check_out(ctx.db, id, who, recorded_by=me, by_self=False, now=ctx.now)
    left = _("Recorded {member} as left early from shift #{id}.").format(member=shown, id=id)
    return Reply(text=no_pings(left), ephemeral=True)
