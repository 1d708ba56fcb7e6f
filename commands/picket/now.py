"""/picket now: the live headcount at every site with a shift under way, and moves to even it out.

For each shift under way: checked in (present or walk-in, not checked out)
against its places. Moves pair over-staffed with short shifts on the same
day (`storage.picket.rebalance_rules`): "Gate 2 has 9 of 5; Gate 4 has 1 of
6: ask 3 to move". Under each move the members checked in at the over-staffed
site are listed, each with a button: one click (`/picket ask SHIFT MEMBER`)
sends that member a notice asking them to go.
"""

from __future__ import annotations

from commands import params as p
from commands.context import Context
from commands.i18n import N_, _, ngettext
from commands.params import MemberRef
from commands.picket.common import PICKET, SHIFT_ID, resolve_member
from commands.picket.moments import when
from commands.picket.notices import move_asked
from commands.registry import Commands
from commands.reply import Button, Reply
from commands.roles import Role
from commands.text import no_pings
from storage.picket import live
from storage.picket.live import Present, UnderWay
from storage.picket.model import Shift
from storage.picket.rebalance_rules import Move, Staffing, moves

picket = Commands(PICKET)

#: Buttons one reply offers (Discord takes 25; a captain picks from a handful).
MAX_ASK_BUTTONS = 10
#: Candidates listed under each move, beyond how many it asks for.
EXTRA_CANDIDATES = 3


def _duty(shift: Shift) -> str:
    """The duty a non-picket shift is for (" (kitchen)"), so it is not read as a picket site."""
    return "" if shift.kind == "picket" else f" ({shift.kind})"


def _state(gap: int) -> str:
    """How far a headcount is from its places: "2 over", "1 short", "as needed"."""
    if gap > 0:
        return ngettext("{n} over", "{n} over", gap).format(n=gap)
    if gap < 0:
        return ngettext("{n} short", "{n} short", -gap).format(n=-gap)
    return _("as needed")


def _headcount(found: UnderWay) -> str:
    shift, here = found.shift, len(found.present)
    return _("• {site}{duty} (#{id}, {when}): {here} of {capacity} checked in, {state}").format(
        site=shift.site_name,
        duty=_duty(shift),
        id=shift.id,
        when=when(shift),
        here=here,
        capacity=shift.capacity,
        state=_state(here - shift.capacity),
    )


def _can_ask(person: Present, platform: str) -> bool:
    """A button needs a member the captain's platform can name (a mention) and a notice can reach."""
    return person.reachable and person.platform == platform


def _mention(person: Present) -> str:
    """How a button names the member: a mention, quoted when the id has spaces (console names)."""
    mention = f"<@{person.platform_user_id}>"
    return f'"{mention}"' if " " in mention else mention


def _move_lines(move: Move, by_id: dict[int, UnderWay], platform: str) -> tuple[list[str], list[Button]]:
    source, target = by_id[move.from_shift], by_id[move.to_shift]
    lines = [
        ngettext(
            "{source} has {here} of {places}; {target} has {there} of {needed}: ask {count} to move.",
            "{source} has {here} of {places}; {target} has {there} of {needed}: ask {count} to move.",
            move.count,
        ).format(
            source=source.shift.site_name,
            here=len(source.present),
            places=source.shift.capacity,
            target=target.shift.site_name,
            there=len(target.present),
            needed=target.shift.capacity,
            count=move.count,
        )
    ]
    candidates = [person for person in source.present if _can_ask(person, platform)]
    shown = candidates[: move.count + EXTRA_CANDIDATES]
    if shown:
        names = ", ".join(person.display_name for person in shown)
        lines.append(_("  Checked in at {site}: {names}").format(site=source.shift.site_name, names=names))
    else:
        lines.append(_("  Nobody there can be messaged from here: ask in person."))
    buttons = [
        Button(
            _("Ask {name} → {site}").format(name=person.display_name, site=target.shift.site_name),
            f"picket ask {target.shift.id} {_mention(person)}",
        )
        for person in shown
    ]
    return lines, buttons


@picket.command(
    "now",
    description=N_("Live headcount at every site with a shift under way, and who to move where"),
    role=Role.CAPTAIN,
    ephemeral=True,
    examples=("/picket now",),
)
async def now(ctx: Context) -> Reply:
    found = await live.under_way(ctx.db, ctx.now)
    if not found:
        return Reply(text=_("No shift is under way right now."), ephemeral=True)
    lines = [_headcount(entry) for entry in found]
    staffing = [
        Staffing(e.shift.id, e.shift.local_date, len(e.present), e.shift.capacity, e.shift.kind)
        for e in found
    ]
    suggested = moves(staffing)
    buttons: list[Button] = []
    if suggested:
        lines.append("")
        lines.append(_("Suggested moves:"))
        by_id = {entry.shift.id: entry for entry in found}
        for move in suggested:
            more, asks = _move_lines(move, by_id, ctx.actor.platform)
            lines += more
            buttons += asks
    return Reply(
        title=_("Under way now ({count})").format(count=len(found)),
        text=no_pings("\n".join(lines)),
        buttons=tuple(buttons[:MAX_ASK_BUTTONS]),
        footer=_("A button sends that member a message asking them to move; or /picket ask SHIFT MEMBER"),
        ephemeral=True,
    )


@picket.command(
    "ask",
    description=N_("Ask a checked-in member to move to a short-staffed shift (sends them a message)"),
    role=Role.CAPTAIN,
    ephemeral=True,
    params=(SHIFT_ID, p.member("member", N_("The checked-in member to ask (@mention or name)"))),
    examples=("/picket ask 18 @ana",),
)
async def ask(ctx: Context, id: int, member: MemberRef) -> Reply:
    who, shown = await resolve_member(ctx, member)
    assert isinstance(who, int)  # without create=, a member id
    captain = ctx.actor.display_name
    asked = await live.ask_to_move(
        ctx.db, id, who, asked_by=await ctx.member_id(), now=ctx.now,
        notice=lambda found: move_asked(found, captain, ctx.settings.language),
    )  # fmt: skip
    if not asked.queued:
        already = _("{member} was already asked to move to shift #{id}.").format(member=shown, id=id)
        return Reply(text=no_pings(already), ephemeral=True)
    return Reply(
        text=no_pings(
            _(
                "Asked {member} to move from {source} to {target} (shift #{id}); they'll get a message."
            ).format(member=shown, source=asked.from_shift.site_name, target=asked.to_shift.site_name, id=id)
        ),
        ephemeral=True,
    )
