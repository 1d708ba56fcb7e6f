"""/picket hours and /picket eligibility: checked-in time and strike-pay eligibility."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from zoneinfo import ZoneInfo

from commands import params as p
from commands.context import Context, Settings
from commands.errors import NotFound, PermissionDenied, UsageError
from commands.i18n import N_, _, ngettext
from commands.params import MemberRef
from commands.periods import Period, clock_range, describe_days, is_whole_week, utc_bounds, week_containing
from commands.picket.common import PICKET
from commands.picket.presence import status_word
from commands.registry import Commands
from commands.reply import Field, Reply
from commands.roles import Role
from commands.text import no_pings, shorten
from commands.when import reader_date
from storage import members
from storage.picket import hours as hour_store
from storage.picket.duty_rules import Duty, find

#: Lines listed in chat before "… and N more" (platforms cap a message's length).
MAX_LINES = 40
EXPORT_HINT = "picketbot export hours --format csv"

picket = Commands(PICKET)


def rule_text(settings: Settings) -> str:
    hours, shifts = f"{settings.eligibility_min_hours:g}", settings.eligibility_min_shifts
    if settings.eligibility_rule == "all":
        return _("at least {hours} hours and at least {shifts} shifts a week").format(
            hours=hours, shifts=shifts
        )
    return _("at least {hours} hours or at least {shifts} shifts a week").format(hours=hours, shifts=shifts)


def is_eligible(hours: Decimal, shifts: int, settings: Settings) -> bool:
    met = (
        hours >= Decimal(str(settings.eligibility_min_hours)),
        shifts >= settings.eligibility_min_shifts,
    )
    return all(met) if settings.eligibility_rule == "all" else any(met)


async def resolve_member(ctx: Context, ref: MemberRef) -> members.Member:
    """A mention is looked up by platform user id; anything else by display name, then by a
    plain name a captain recorded a walk-in by."""
    user_id = ref.user_id
    if user_id is not None:
        found = await members.by_platform_id(ctx.db, ctx.actor.platform, user_id)
        if found is None or found.forgotten:
            raise NotFound(_("{member} has no picket record yet.").format(member=no_pings(ref.text)))
        return found
    named = await members.by_name(ctx.db, ctx.actor.platform, ref.name)
    if len(named) > 1:
        raise UsageError(
            _("{count} members are called {name}; mention one instead.").format(
                count=len(named), name=repr(no_pings(ref.name))
            )
        )
    if named:
        return named[0]
    plain = await members.plain_named(ctx.db, ref.name)
    if plain is None:
        raise NotFound(_("No member called {name}.").format(name=repr(no_pings(shorten(ref.name, 60)))))
    return plain


def _days(
    ctx: Context, period: Period | None, first: Period | None, last: Period | None
) -> tuple[date, date]:
    """The days asked for: PERIOD, or from=/to= (open-ended), or this week."""
    if period is not None:
        if first is not None or last is not None:
            raise UsageError(
                _("give the days once: PERIOD (next week, 2026-11-02 to 2026-11-08) or from=/to=")
            )
        return period.first, period.last
    today = ctx.now.astimezone(ctx.tz).date()
    if first is None and last is None:
        return week_containing(today)
    if first is None:
        assert last is not None
        return week_containing(last.last)[0], last.last
    end = last.last if last is not None else max(first.first, today)
    if end < first.first:
        raise UsageError(_("TO ({end}) is before FROM ({start})").format(end=end, start=first.first))
    return first.first, end


async def _target(ctx: Context, member: MemberRef | None) -> members.Member:
    """Whose hours: the actor's own, or (captains and up) anyone's."""
    own_id = await ctx.member_id()
    own = await members.get(ctx.db, own_id)
    assert own is not None
    if member is None:
        return own
    if ctx.actor.role >= Role.CAPTAIN:
        return await resolve_member(ctx, member)
    try:
        found = await resolve_member(ctx, member)
    except (NotFound, UsageError):
        found = None  # a member learns nothing about who else exists
    if found is None or found.id != own_id:
        raise PermissionDenied(
            _("Members can see only their own hours; captains and organizers see anyone's.")
        )
    return own


def _shift_line(row: hour_store.Attendance, duties: Sequence[Duty]) -> str:
    zone = ZoneInfo(row.site_timezone)
    start, end = row.starts_at.astimezone(zone), row.ends_at.astimezone(zone)
    day = reader_date(start.date(), f"%a {start.day} %b", "EEE d MMM")
    site = no_pings(shorten(row.site_name, 60))
    so_far = "" if row.finished else _(" so far (under way)")
    return _("• #{id} {day} {time}, {site}{duty}: {status}, {hours} h{so_far}{counts}").format(
        id=row.shift_id,
        day=day,
        time=clock_range(start, end),
        site=site,
        duty=_duty_note(row),
        status=status_word(row.status),
        hours=row.hours,
        so_far=so_far,
        counts=_counts_note(row, duties),
    )


def _duty_note(row: hour_store.Attendance) -> str:
    return f" ({row.kind})" if row.is_duty else ""


def _counts_note(row: hour_store.Attendance, duties: Sequence[Duty]) -> str:
    """How a duty's hours count (picket hours count as they are)."""
    if not row.is_duty:
        return ""
    duty = find(duties, row.kind)
    if duty is None or duty.counted_share == 0:
        return _(", doesn't count toward eligibility")  # a captain's confirmation would change nothing
    if not row.confirmed:
        return _(", waiting for a captain's confirmation (/picket duty confirm)")
    return _(", {hours} h count").format(hours=row.counts) if row.counts != row.hours else ""


def _listed(lines: list[str], more_hint: str) -> str:
    if len(lines) <= MAX_LINES:
        return "\n".join(lines)
    hidden = len(lines) - MAX_LINES
    more = ngettext("… and {count} more ({hint})", "… and {count} more ({hint})", hidden)
    return "\n".join([*lines[:MAX_LINES], more.format(count=hidden, hint=more_hint)])


@picket.command(
    "hours",
    description=N_("Checked-in picket hours (yours; captains and organizers: anyone's)"),
    params=(
        p.member("member", N_("Whose hours: a mention or a display name (default: you)"), required=False),
        p.period(
            "period",
            N_("Which days: today, last week, 2026-11-02 to 2026-11-08 (default: this week)"),
            required=False,
        ),
        p.period(
            "from", N_("From this day on (to today)"), keyword_only=True, required=False, dest="from_day"
        ),
        p.period(
            "to",
            N_("Up to this day (from its week's Monday)"),
            keyword_only=True,
            required=False,
            dest="to_day",
        ),
    ),
    examples=(
        "/picket hours",
        "/picket hours last week",
        "/picket hours 2026-11-02 to 2026-11-08",
        "/picket hours Ana from=2026-11-02",
    ),
)
async def show_hours(
    ctx: Context,
    member: MemberRef | None = None,
    period: Period | None = None,
    from_day: Period | None = None,
    to_day: Period | None = None,
) -> Reply:
    first, last = _days(ctx, period, from_day, to_day)
    target = await _target(ctx, member)
    start, end = utc_bounds(first, last, ctx.tz)
    rows = await hour_store.attendance(
        ctx.db, start, end, now=ctx.now, member_id=target.id, duties=ctx.settings.duties
    )
    total = hour_store.totals(rows).get(target.id)
    hours, shifts = (total.hours, total.shifts) if total else (Decimal("0.00"), 0)
    under_way = (
        _(" (and {count} under way)").format(count=total.under_way) if total and total.under_way else ""
    )
    text = ngettext(
        "{hours} hours over {count} shift{under_way}, {days}.",
        "{hours} hours over {count} shifts{under_way}, {days}.",
        shifts,
    ).format(hours=hours, count=shifts, under_way=under_way, days=describe_days(first, last))
    if rows:
        text += "\n" + _listed([_shift_line(row, ctx.settings.duties) for row in rows], EXPORT_HINT)
    fields: tuple[Field, ...] = ()
    if is_whole_week(first, last):
        eligible = is_eligible(hours, shifts, ctx.settings)
        verdict = _("yes ({rule})") if eligible else _("no ({rule})")
        fields = (Field(_("Strike-pay eligible this week"), verdict.format(rule=rule_text(ctx.settings))),)
    return Reply(
        title=_("Picket hours: {member}").format(member=no_pings(target.display_name)),
        text=text,
        fields=fields,
        footer=_(
            "Only checked-in time counts (present or walk-in), as it is worked; duties as [picket.duties] says."
        ),
        ephemeral=True,
    )


@picket.command(
    "eligibility",
    description=N_("Strike-pay eligibility for everyone signed up in a week"),
    params=(
        p.period(
            "week",
            N_("Which week: last week, next week, or any day in it (default: this week)"),
            required=False,
        ),
    ),
    role=Role.CAPTAIN,
    examples=("/picket eligibility", "/picket eligibility last week", "/picket eligibility 2026-11-02"),
)
async def show_eligibility(ctx: Context, week: Period | None = None) -> Reply:
    first, last = week_containing(week.first if week else ctx.now.astimezone(ctx.tz).date())
    if week is not None and week.last > last:
        raise UsageError(
            _(
                "eligibility is counted a week at a time, Monday to Sunday: {typed} runs past"
                " {day} (try last week, this week or a day in the week)"
            ).format(typed=repr(week.text[:40]), day=reader_date(last, "%a %Y-%m-%d", "EEE yyyy-MM-dd"))
        )
    start, end = utc_bounds(first, last, ctx.tz)
    counted = hour_store.totals(
        await hour_store.attendance(ctx.db, start, end, now=ctx.now, duties=ctx.settings.duties)
    )
    people = await hour_store.participants(ctx.db, start, end)
    lines: list[str] = []
    eligible = 0
    for person in people:
        total = counted.get(person.id)
        hours, shifts = (total.hours, total.shifts) if total else (Decimal("0.00"), 0)
        ok = is_eligible(hours, shifts, ctx.settings)
        eligible += ok
        label = no_pings(shorten(person.label, 60))
        under_way = (
            _(" (+{count} under way)").format(count=total.under_way) if total and total.under_way else ""
        )
        verdict = _("yes") if ok else _("no (so far)") if under_way else _("no")
        lines.append(
            ngettext(
                "• {member}: {hours} h, {count} shift{under_way}: {verdict}",
                "• {member}: {hours} h, {count} shifts{under_way}: {verdict}",
                shifts,
            ).format(member=label, hours=hours, count=shifts, under_way=under_way, verdict=verdict)
        )
    summary = ngettext(
        "Rule: {rule}. {eligible} of {count} members eligible.",
        "Rule: {rule}. {eligible} of {count} members eligible.",
        len(people),
    ).format(rule=rule_text(ctx.settings), eligible=eligible, count=len(people))
    body = (
        _listed(lines, f"{EXPORT_HINT} --from {first} --to {last}")
        if lines
        else _("Nobody signed up this week.")
    )
    return Reply(
        title=_("Strike-pay eligibility, {days}").format(days=describe_days(first, last)),
        text=f"{summary}\n{body}",
        footer=_("Counts checked-in time as it is worked; weeks run Monday to Sunday."),
        ephemeral=True,
    )
