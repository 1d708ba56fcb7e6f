"""/picket signup|cancel|mine|gaps|roster|checkin|forget-me."""

from __future__ import annotations

from datetime import timedelta
from typing import cast
from zoneinfo import ZoneInfo

from commands import params as p
from commands.context import Context
from commands.errors import UsageError
from commands.params import MemberRef
from commands.periods import Period
from commands.picket.common import (
    MAX_PLAIN_NAME,
    PICKET,
    SHIFT_ID,
    require_role,
    resolve_member,
    shift_buttons,
    shift_line,
)
from commands.picket.moments import label, when
from commands.picket.notices import member_notices
from commands.registry import Commands
from commands.reply import Button, Reply
from commands.roles import Role
from commands.text import no_pings, shorten
from storage.database import from_iso
from storage.picket import checkins, privacy, shifts, signups
from storage.picket.model import SignupRole
from storage.picket.signups import RosterEntry

picket = Commands(PICKET)


@picket.command(
    "signup",
    description="Sign up for a shift (a full shift puts you on its waitlist)",
    params=(
        SHIFT_ID,
        p.choice("as", "Sign up as member or captain", ("member", "captain"), required=False, dest="as_role"),
    ),
    examples=("/picket signup 12", "/picket signup 12 as=captain"),
)
async def sign_up(ctx: Context, id: int, as_role: str | None = None) -> Reply:
    role: SignupRole = "captain" if as_role == "captain" else "member"
    if role == "captain":
        require_role(ctx, Role.CAPTAIN, "A captain place")
    # The member row is made in the sign-up's own grouped transaction: one commit for a storm.
    who = signups.Identity(ctx.actor.platform, ctx.actor.user_id, ctx.actor.display_name)
    result = await signups.sign_up_as(
        ctx.db,
        id,
        who,
        role=role,
        now=ctx.now,
        refuse_overlap=ctx.settings.refuse_overlapping_shifts,
    )
    shift = result.shift
    cancel = (Button("Cancel", f"picket cancel {id}", "danger"),)
    if result.status == "waitlisted":
        held = shift.capacity - shift.confirmed
        full = (
            f"has no member places left ({held} held for captains)"
            if held > 0 and role == "member"
            else "is full"
        )
        return Reply(
            text=no_pings(
                f"Shift {label(shift)} {full}, so you're on the waitlist: position {result.position}. "
                "If a place opens you'll get it and a message."
            ),
            buttons=cancel,
            ephemeral=True,
        )
    as_captain = " as captain" if role == "captain" else ""
    return Reply(
        text=no_pings(f"You're signed up{as_captain} for shift {label(shift)}. See you there!"),
        buttons=cancel,
        ephemeral=True,
    )


@picket.command(
    "cancel", description="Give up your place (or waitlist position) on a shift", params=(SHIFT_ID,)
)
async def cancel_signup(ctx: Context, id: int) -> Reply:
    result = await signups.cancel(ctx.db, id, await ctx.member_id(), now=ctx.now, notices=member_notices)
    what = "place" if result.was == "confirmed" else "waitlist position"
    text = f"You gave up your {what} on shift {label(result.shift)}."
    if result.promoted:
        text += " The next in line has it now."
    return Reply(text=no_pings(text), ephemeral=True)


@picket.command("mine", description="Your upcoming shifts, in local time", ephemeral=True)
async def mine(ctx: Context) -> Reply:
    found = await signups.mine(ctx.db, await ctx.member_id(), ctx.now)
    if not found:
        return Reply(text="You're not signed up for any upcoming shift. See /picket shifts.", ephemeral=True)
    lines = []
    for item in found:
        if item.status == "waitlisted":
            state = f"waitlist position {item.position}"
        else:
            state = "confirmed" + (" as captain" if item.role == "captain" else "")
        lines.append(f"• #{item.shift.id} {item.shift.site_name} · {when(item.shift)} · {state}")
    buttons = tuple(
        Button(f"Cancel #{item.shift.id}", f"picket cancel {item.shift.id}", "danger") for item in found[:5]
    )
    return Reply(title="Your shifts", text=no_pings("\n".join(lines)), buttons=buttons, ephemeral=True)


@picket.command(
    "gaps",
    description="Shifts short of captains or thinly filled",
    role=Role.CAPTAIN,
    params=(
        p.period("period", "Which days: today, fri, next week... (default: the next 7 days)", required=False),
    ),
    examples=("/picket gaps", "/picket gaps tomorrow", "/picket gaps next week"),
)
async def gaps(ctx: Context, period: Period | None = None) -> Reply:
    today = ctx.now.astimezone(ctx.tz).date()
    first, last = (period.first, period.last) if period else (today, today + timedelta(days=6))
    ratio = ctx.settings.gaps_fill_ratio
    found = await shifts.upcoming(ctx.db, ctx.now, first_day=first, last_day=last, limit=1000)
    short = [s for s in found if s.captains_short > 0 or s.confirmed < s.capacity * ratio]
    when = period.words(today) if period else "in the next 7 days"
    if not short:
        return Reply(
            text=f"No gaps {when}: every shift has its captains and is at least {ratio:.0%} full.",
            ephemeral=True,
        )
    lines = []
    for shift in short:
        needs = []
        if shift.captains_short:
            needs.append(f"needs {shift.captains_short} captain(s)")
        if shift.confirmed < shift.capacity * ratio:
            needs.append(f"only {shift.confirmed}/{shift.capacity} places filled")
        lines.append(f"• {shift_line(shift)} — {', '.join(needs)}")
    return Reply(
        title=f"Gaps {when} ({len(short)})",
        text="\n".join(lines),
        buttons=shift_buttons(short),
        ephemeral=True,
    )


def _roster_line(entry: RosterEntry, tz: ZoneInfo, number: int) -> str:
    name = "(forgotten member)" if entry.forgotten else entry.display_name
    if entry.by_name:
        name += " (by name, not on chat)"
    role = " (captain)" if entry.role == "captain" else ""
    if entry.checkin and entry.checked_in_at:
        at = from_iso(entry.checked_in_at).astimezone(tz)
        state = f"{entry.checkin} at {at:%H:%M}"
    else:
        state = "not checked in"
    return f"{number}. {name}{role} — {state}"


@picket.command(
    "roster",
    description="Who is signed up, who waits and who checked in",
    role=Role.CAPTAIN,
    ephemeral=True,
    params=(SHIFT_ID,),
)
async def roster(ctx: Context, id: int) -> Reply:
    found = await signups.roster(ctx.db, id)
    shift = found.shift
    tz = ZoneInfo(shift.timezone)
    lines = [
        f"Confirmed ({shift.confirmed}/{shift.capacity}, captains {shift.captains}/{shift.captains_needed}):"
    ]
    lines += [_roster_line(e, tz, i) for i, e in enumerate(found.confirmed, 1)] or ["(nobody yet)"]
    if found.waitlist:
        lines.append(f"Waitlist ({len(found.waitlist)}, in order):")
        lines += [
            f"{e.position}. {'(forgotten member)' if e.forgotten else e.display_name}" for e in found.waitlist
        ]
    if found.walk_ins:
        lines.append("Walk-ins and others recorded:")
        lines += [_roster_line(e, tz, i) for i, e in enumerate(found.walk_ins, 1)]
    return Reply(
        title=no_pings(f"Roster: {shift.label}"),
        text=no_pings("\n".join(lines)),
        footer=f"Record arrivals with /picket checkin {id} MEMBER present|no-show|walk-in",
        ephemeral=True,
    )


@picket.command(
    "checkin",
    description="Check in (15 minutes before start to the end); captains record anyone",
    params=(
        SHIFT_ID,
        p.member("member", "Captains: the member to record (@mention or name)", required=False),
        p.choice("status", "present, no-show or walk-in", checkins.STATUSES, required=False),
        p.text(
            "name",
            "Captains: a walk-in's name, for someone not on chat",
            keyword_only=True,
            required=False,
            max_length=MAX_PLAIN_NAME,
        ),
    ),
    examples=(
        "/picket checkin 12",
        "/picket checkin 12 @ana present",
        "/picket checkin 12 @bo walk-in",
        '/picket checkin 12 "Zed Alvarez" walk-in',
    ),
)
async def checkin(
    ctx: Context, id: int, member: MemberRef | None = None, status: str | None = None, name: str | None = None
) -> Reply:
    opens = ctx.settings.checkin_opens_minutes
    me = await ctx.member_id()
    if member is not None and name is not None:
        raise UsageError("give the member or name=, not both")
    if name is not None:
        member = MemberRef(name)
    if member is None:
        if status is not None:
            raise UsageError("name the member to record: /picket checkin ID MEMBER present|no-show|walk-in")
        result = await checkins.record(
            ctx.db, id, me, "present", recorded_by=me, by_self=True, now=ctx.now, opens_minutes=opens
        )
        return Reply(text=no_pings(f"Checked in for shift {label(result.shift)}. Thank you!"), ephemeral=True)
    require_role(ctx, Role.CAPTAIN, "Checking in someone else")
    chosen = status or ("walk-in" if name is not None else "present")
    who, shown = await resolve_member(ctx, member, create=chosen == "walk-in")
    result = await checkins.record(
        ctx.db, id, who, cast(checkins.CheckinStatus, chosen), recorded_by=me, by_self=False,
        now=ctx.now, opens_minutes=opens,
    )  # fmt: skip
    change = f" (was {result.previous})" if result.previous and result.previous != chosen else ""
    return Reply(text=no_pings(f"Recorded {shown} as {chosen} on shift #{id}{change}."), ephemeral=True)


#: Words that clearly mean "go ahead" (after punctuation is dropped); "confirm" is what buttons send.
YES = frozenset(
    {"yes", "y", "yeah", "yep", "yup", "ok", "okay", "sure", "confirm", "confirmed", "go", "do it"}
)
NO = frozenset({"no", "n", "nope", "cancel", "stop", "don't", "dont"})
FORGET_PROMPT = (
    "This removes your personal data: your name is replaced, your sign-ups for shifts "
    "not yet started are cancelled, and your chat id is replaced by an anonymous token. "
    "Anonymous check-in totals are kept. To go ahead, type: /picket forget-me yes"
)


def _answer(text: str | None) -> str:
    """ "yes", "no" or "" (not said, or not clear) for what came after /picket forget-me."""
    words = " ".join("".join(c for c in (text or "").lower() if c.isalnum() or c in " '").split())
    return "yes" if words in YES else "no" if words in NO else ""


@picket.command(
    "forget-me",
    description="Remove your personal data (keeps anonymous hour totals)",
    ephemeral=True,
    params=(p.text("confirm", "Type yes to go ahead", required=False, greedy=True, max_length=40),),
    examples=("/picket forget-me", "/picket forget-me yes"),
)
async def forget_me(ctx: Context, confirm: str | None = None) -> Reply:
    answer = _answer(confirm)
    if answer != "yes":
        lead = ""
        if answer == "no":
            lead = "Nothing was removed. "
        elif confirm:
            lead = f"Nothing was removed: {no_pings(shorten(confirm, 20))!r} is not a clear yes. "
        return Reply(
            text=lead + FORGET_PROMPT,
            buttons=(Button("Forget me", "picket forget-me confirm", "danger"),),
            ephemeral=True,
        )
    done = await privacy.forget_member(ctx.db, await ctx.member_id(), now=ctx.now, notices=member_notices)
    return Reply(
        text=f"Done: your personal data is removed and {done.cancelled} sign-up(s) were cancelled.",
        ephemeral=True,
    )
