"""/picket shift add|cancel|capacity|edit and /picket shifts (/picket shift post: `posts`)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from commands import params as p
from commands.context import Context
from commands.errors import NotFound, UsageError
from commands.i18n import N_, _, ngettext
from commands.periods import Period, read_period
from commands.picket.common import (
    PICKET,
    SHIFT_ID,
    find_site,
    refuse_options_in,
    shift_buttons,
    shift_line,
    site_not_found,
)
from commands.picket.duties import DUTY, duty_kind
from commands.picket.moments import label
from commands.picket.notices import notices_for
from commands.picket.posts import post_live
from commands.picket.refusals import words
from commands.picket.times import parse_skip, shift_times
from commands.picket.turnout import expected_note, forecasts_for
from commands.registry import Commands
from commands.reply import Reply
from commands.roles import Role
from commands.text import no_pings
from storage.picket import shifts, sites
from storage.picket.outcomes import Promoted
from storage.picket.refusals import PicketNotFound

#: Shifts shown in one list; the rest are counted.
LIST_LIMIT = 25
CAPACITY = p.integer("capacity", N_("Places, captains included"), minimum=1, maximum=shifts.MAX_CAPACITY)
CAPTAINS = p.integer(
    "captains", N_("Places held for captains"), keyword_only=True, required=False,
    minimum=0, maximum=shifts.MAX_CAPACITY,
)  # fmt: skip
NOTES = p.text("notes", N_("Notes for picketers"), keyword_only=True, required=False, max_length=500)

POSTED = N_("Posted in this channel with sign-up buttons; the post shows live counts.")

picket = Commands(PICKET)


@picket.command(
    "shift",
    "add",
    description=N_("Add a shift, or a weekly series, at a site (times in the site's zone)"),
    role=Role.ORGANIZER,
    params=(
        p.text("site", N_("Site name"), max_length=sites.MAX_NAME, autocomplete="site"),
        p.text("when", N_("START END, or DAYS TIMES like mon-fri 09:00-12:00"), greedy=True, max_length=120),
        p.Param(**{**CAPACITY.__dict__, "keyword_only": True}),
        CAPTAINS,
        NOTES,
        p.integer(
            "weeks",
            N_("For a series: how many weeks"),
            keyword_only=True,
            required=False,
            minimum=1,
            maximum=52,
        ),
        p.day(
            "from",
            N_("For a series: first day (default today)"),
            keyword_only=True,
            required=False,
            dest="from_day",
        ),
        p.text(
            "skip",
            N_(
                "For a series: days to leave out, comma-separated (holidays, or a day whose time the"
                " clocks skip)"
            ),
            keyword_only=True,
            required=False,
            max_length=700,
        ),
        DUTY,
    ),
    examples=(
        '/picket shift add "Sunset Gate" 2026-11-23 09:00 12:00 capacity=20 captains=2',
        '/picket shift add "Sunset Gate" mon-fri 09:00-12:00 capacity=30 weeks=4',
        "/picket shift add Gower mon,wed,fri 13:00-16:00 capacity=15 captains=1 weeks=2",
        "/picket shift add Gower daily 02:30-04:00 capacity=10 weeks=3 skip=2027-03-14",
        '/picket shift add "Union Hall" mon-fri 17:00-20:00 capacity=12 weeks=2 duty=phone-bank',
    ),
)
async def add_shift(
    ctx: Context,
    site: str,
    when: str,
    capacity: int,
    captains: int | None = None,
    notes: str | None = None,
    weeks: int | None = None,
    from_day: date | None = None,
    skip: str | None = None,
    duty: str | None = None,
) -> Reply:
    refuse_options_in(when, ("capacity", "captains", "notes", "weeks", "from", "skip", "duty"))
    kind = duty_kind(ctx, duty)
    found = await find_site(ctx, site)
    tz = ZoneInfo(found.timezone)
    try:
        skipped = parse_skip(skip, ctx.now.astimezone(tz).date()) if skip is not None else frozenset()
        new = shift_times(when, tz, ctx.now, weeks=weeks, first_day=from_day, skip=skipped)
    except ValueError as error:
        raise UsageError(str(error)) from None
    days = [item.local_date for item in new]
    before = await shifts.upcoming(
        ctx.db, ctx.now, site_id=found.id, first_day=min(days), last_day=max(days), limit=10_000
    )
    created = await shifts.add(
        ctx.db,
        found.id,
        new,
        capacity=capacity,
        captains=captains or 0,
        notes=notes or "",
        actor=await ctx.member_id(),
        now=ctx.now,
        kind=kind,
    )
    twice = _same_times(created, before)
    if len(created) == 1:
        # Posted by the bot itself, so the post can show live counts (commands.picket.posts).
        await post_live(ctx, created[0].id)
        return Reply(
            title=_("Shift #{id} added").format(id=created[0].id),
            text=shift_line(created[0]) + "\n" + _(POSTED) + twice,
            ephemeral=True,
        )
    first, last = created[0], created[-1]
    shown = [shift_line(s) for s in created[:10]]
    if len(created) > 10:
        more = len(created) - 10
        shown.append(
            ngettext(
                "… and {n} more (/picket shifts {site})", "… and {n} more (/picket shifts {site})", more
            ).format(n=more, site=_quoted(found.name))
        )
    if first.local_end < first.local_start:
        times = _("#{first}–#{last}, {start}–{end} (ending the next day) local time ({zone}).")
    else:
        times = _("#{first}–#{last}, {start}–{end} local time ({zone}).")
    times = times.format(
        first=first.id, last=last.id, start=first.local_start, end=first.local_end, zone=found.timezone
    )
    return Reply(
        title=ngettext("Added {n} shifts at {site}", "Added {n} shifts at {site}", len(created)).format(
            n=len(created), site=no_pings(found.name)
        ),
        text=times + "\n" + "\n".join(shown) + twice,
        buttons=shift_buttons(created),
    )


def _same_times(created: list[shifts.Shift], before: list[shifts.Shift]) -> str:
    """A note naming new shifts that repeat one already at the site (a command sent twice?)."""
    existing: dict[tuple[datetime, datetime, str], int] = {}
    for shift in before:
        existing.setdefault((shift.starts_at, shift.ends_at, shift.kind), shift.id)
    pairs = [
        (s.id, existing[s.starts_at, s.ends_at, s.kind])
        for s in created
        if (s.starts_at, s.ends_at, s.kind) in existing
    ]
    if not pairs:
        return ""
    if len(pairs) == 1:
        new, old = pairs[0]
        return "\n" + _(
            "Note: #{new} has the same times as #{old}, already at this site. Added twice? /picket shift cancel {new}"
        ).format(new=new, old=old)
    named = ", ".join(f"#{new} = #{old}" for new, old in pairs[:3]) + (", …" if len(pairs) > 3 else "")
    return "\n" + ngettext(
        "Note: {n} of these have the same times as shifts already at this site ({named})."
        " Added twice? /picket shift cancel ID",
        "Note: {n} of these have the same times as shifts already at this site ({named})."
        " Added twice? /picket shift cancel ID",
        len(pairs),
    ).format(n=len(pairs), named=named)


def _quoted(name: str) -> str:
    return f'"{name}"' if " " in name else name


@picket.command(
    "shifts",
    description=N_("List shifts with places filled and captain coverage"),
    params=(
        p.text("site", N_("Site name"), required=False, max_length=sites.MAX_NAME, autocomplete="site"),
        p.period("period", N_("Which days: today, fri, this week, next week, 2026-11-23"), required=False),
    ),
    examples=("/picket shifts", '/picket shifts "Sunset Gate" next week', "/picket shifts tomorrow"),
)
async def list_shifts(ctx: Context, site: str | None = None, period: Period | None = None) -> Reply:
    found = None
    if site is not None:
        try:
            found = await sites.find(ctx.db, site)
        except PicketNotFound as error:
            raise NotFound(await site_not_found(ctx, site, words(error))) from None
    tz = ZoneInfo(found.timezone) if found is not None else ctx.tz
    today = ctx.now.astimezone(tz).date()
    first = last = None
    title_when = ""
    if period is not None:
        try:
            period = read_period(period.text, today)  # again, in the site's zone: its "today"
        except ValueError as error:
            raise UsageError(str(error)) from None
        first, last, title_when = period.first, period.last, period.words(today)
    listed = await shifts.upcoming(
        ctx.db,
        ctx.now,
        site_id=found.id if found else None,
        first_day=first,
        last_day=last,
        limit=LIST_LIMIT + 1,
    )
    site_name = found.name if found else ""
    if not listed:
        return Reply(text=no_pings(_no_shifts(site_name, period, title_when)), ephemeral=True)
    title = _shifts_title(site_name, period, title_when)
    if len(listed) > LIST_LIMIT:
        title += " " + _("(first {n}; narrow with SITE or DAY)").format(n=LIST_LIMIT)
    listed = listed[:LIST_LIMIT]
    expected = await forecasts_for(ctx, listed) if ctx.actor.role >= Role.CAPTAIN else {}  # captains' view
    return Reply(
        title=no_pings(title),
        text="\n".join(shift_line(s) + expected_note(s, expected.get(s.id)) for s in listed),
        buttons=shift_buttons(listed),
        footer=_("Sign up with /picket signup ID (captains: as=captain)."),
    )


def _no_shifts(site: str, period: Period | None, days: str) -> str:
    """``No upcoming shifts at Gower.``, ``No shifts next week.``"""
    if period is None:
        text = _("No upcoming shifts at {site}.") if site else _("No upcoming shifts.")
    else:
        text = _("No shifts at {site} {days}.") if site else _("No shifts {days}.")
    return text.format(site=site, days=days)


def _shifts_title(site: str, period: Period | None, days: str) -> str:
    """``Upcoming shifts at Gower``, ``Shifts next week``."""
    if period is None:
        text = _("Upcoming shifts at {site}") if site else _("Upcoming shifts")
    else:
        text = _("Shifts at {site} {days}") if site else _("Shifts {days}")
    return text.format(site=site, days=days)


@picket.command(
    "shift",
    "cancel",
    description=N_("Cancel a shift and notify everyone on it"),
    role=Role.ORGANIZER,
    params=(SHIFT_ID, p.text("reason", N_("Why"), greedy=True, required=False, max_length=500)),
)
async def cancel_shift(ctx: Context, id: int, reason: str | None = None) -> Reply:
    done = await shifts.cancel(
        ctx.db, id, reason or "", actor=await ctx.member_id(), now=ctx.now, notices=notices_for(ctx.settings)
    )
    told = len(done.on_it)
    return Reply(
        title=_("Shift #{id} cancelled").format(id=id),
        text=no_pings(
            ngettext(
                "{label} is cancelled; {n} signed-up member(s) notified.",
                "{label} is cancelled; {n} signed-up member(s) notified.",
                told,
            ).format(label=label(done.shift), n=told)
        ),
    )


def _promoted_text(promoted: list[Promoted]) -> str:
    if not promoted:
        return ""
    captain = _("{name} (captain)")
    names = ", ".join(
        captain.format(name=p.display_name) if p.role == "captain" else p.display_name for p in promoted
    )
    return "\n" + _("Promoted from the waitlist (and notified): {names}.").format(names=names)


@picket.command(
    "shift",
    "edit",
    description=N_("Change a shift's capacity, captain places or notes"),
    role=Role.ORGANIZER,
    params=(
        SHIFT_ID,
        p.Param(**{**CAPACITY.__dict__, "keyword_only": True, "required": False}),
        CAPTAINS,
        NOTES,
    ),
)
async def edit_shift(
    ctx: Context, id: int, capacity: int | None = None, captains: int | None = None, notes: str | None = None
) -> Reply:
    if capacity is None and captains is None and notes is None:
        raise UsageError(_("nothing to change: give capacity=N, captains=K or notes=..."))
    before = await shifts.require(ctx.db, id)
    after, promoted = await shifts.edit(
        ctx.db,
        id,
        actor=await ctx.member_id(),
        now=ctx.now,
        notices=notices_for(ctx.settings),
        capacity=capacity,
        captains=captains,
        notes=notes,
    )
    changes = []
    if after.capacity != before.capacity:
        changes.append(_("capacity {before} → {after}").format(before=before.capacity, after=after.capacity))
    if after.captains_needed != before.captains_needed:
        changes.append(
            _("captains {before} → {after}").format(
                before=before.captains_needed, after=after.captains_needed
            )
        )
    if notes is not None:
        changes.append(_("notes updated"))
    summary = ", ".join(changes) or _("no change")
    return Reply(
        title=_("Shift #{id} updated").format(id=id),
        text=no_pings(f"{summary}.\n{shift_line(after)}{_promoted_text(promoted)}"),
    )


@picket.command(
    "shift",
    "capacity",
    description=N_("Change a shift's places (raising it promotes from the waitlist)"),
    role=Role.ORGANIZER,
    params=(SHIFT_ID, CAPACITY),
)
async def set_capacity(ctx: Context, id: int, capacity: int) -> Reply:
    return await edit_shift(ctx, id, capacity, None, None)
