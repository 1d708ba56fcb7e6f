"""/picket site add, /picket sites, /picket site close."""

from __future__ import annotations

from commands import params as p
from commands.context import Context
from commands.picket.common import PICKET, find_site, refuse_options_in
from commands.picket.notices import notices_for, site_closed_reason
from commands.registry import Commands
from commands.reply import Reply
from commands.roles import Role
from commands.text import no_pings
from storage.picket import shifts, sites

picket = Commands(PICKET)


@picket.command(
    "site",
    "add",
    description="Add a picket site (announced in this channel)",
    role=Role.ORGANIZER,
    params=(
        p.text("name", "Site name (quote it if it has spaces)", max_length=sites.MAX_NAME),
        p.text("address", "Street address or gate", keyword_only=True, required=False, max_length=300),
        p.text(
            "tz",
            "IANA time zone, e.g. America/Los_Angeles",
            keyword_only=True,
            required=False,
            max_length=64,
        ),
        p.text("notes", "Notes for picketers", keyword_only=True, required=False, max_length=500),
    ),
    examples=('/picket site add "Netflix Sunset Gate" address="5808 Sunset Blvd" tz=America/Los_Angeles',),
)
async def add_site(
    ctx: Context, name: str, address: str | None = None, tz: str | None = None, notes: str | None = None
) -> Reply:
    zone = tz or ctx.tz.key
    site = await sites.add(
        ctx.db,
        name,
        timezone=zone,
        address=address or "",
        notes=notes or "",
        platform=ctx.channel.platform,
        channel_id=ctx.channel.channel_id,
        actor=await ctx.member_id(),
        now=ctx.now,
    )
    where = f", {site.address}" if site.address else ""
    quoted = f'"{site.name}"' if " " in site.name else site.name
    return Reply(
        title="Site added",
        text=no_pings(
            f"{site.name}{where} (times in {site.timezone}).\n"
            f"Add shifts with /picket shift add {quoted} mon-fri 09:00-12:00 capacity=30 weeks=4"
        ),
    )


@picket.command("sites", description="List the picket sites")
async def list_sites(ctx: Context) -> Reply:
    found = await sites.all_sites(ctx.db)
    if not found:
        return Reply(
            text="No picket sites yet. An organizer adds one with /picket site add NAME.", ephemeral=True
        )
    counts = await shifts.upcoming_counts(ctx.db, ctx.now)
    lines = []
    for site in found:
        address = f" — {site.address}" if site.address else ""
        count = counts.get(site.id, 0)
        lines.append(f"• {site.name}{address} ({site.timezone}) · {count} upcoming shift{'s' * (count != 1)}")
        if site.notes:
            lines.append(f"  {site.notes}")
    return Reply(title=f"Picket sites ({len(found)})", text=no_pings("\n".join(lines)))


@picket.command(
    "site",
    "close",
    description="Close a site: cancel its upcoming shifts, or move them to another site",
    role=Role.ORGANIZER,
    params=(
        p.text("name", "Site name", max_length=sites.MAX_NAME, autocomplete="site"),
        p.text("reason", "Why (heat, safety...)", greedy=True, required=False, max_length=500),
        p.text(
            "move_to",
            "Move the shifts to this site instead",
            keyword_only=True,
            required=False,
            max_length=sites.MAX_NAME,
            autocomplete="site",
        ),
    ),
    examples=(
        '/picket site close "Sunset Gate" heat advisory',
        '/picket site close Gower move_to="Sunset Gate"',
    ),
)
async def close_site(ctx: Context, name: str, reason: str | None = None, move_to: str | None = None) -> Reply:
    # A mistyped move_to= must not quietly cancel every shift instead of moving them.
    refuse_options_in(reason, ("move_to",), lookalikes=("to", "site", "target", "destination"))
    site = await find_site(ctx, name)
    target = await find_site(ctx, move_to) if move_to else None
    closure = await sites.close(
        ctx.db,
        site.id,
        reason or "",
        cancel_reason=site_closed_reason(site.name, reason or ""),
        actor=await ctx.member_id(),
        now=ctx.now,
        notices=notices_for(ctx.settings),
        move_to=target.id if target else None,
    )
    if closure.moved_to is not None:
        done = f"{closure.moved} upcoming shift(s) moved to {closure.moved_to.name}"
    else:
        done = f"{closure.cancelled} upcoming shift(s) cancelled"
    why = f" ({reason})" if reason else ""
    return Reply(
        title="Site closed",
        text=no_pings(f"{site.name} is closed{why}. {done}; {closure.notified} sign-up(s) notified."),
    )
