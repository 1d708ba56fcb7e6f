"""/picket site add, /picket sites, /picket site close."""

from __future__ import annotations

from commands import params as p
from commands.context import Context
from commands.i18n import N_, _, ngettext
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
    description=N_("Add a picket site (announced in this channel)"),
    role=Role.ORGANIZER,
    params=(
        p.text("name", N_("Site name (quote it if it has spaces)"), max_length=sites.MAX_NAME),
        p.text("address", N_("Street address or gate"), keyword_only=True, required=False, max_length=300),
        p.text(
            "tz",
            N_("IANA time zone, e.g. America/Los_Angeles"),
            keyword_only=True,
            required=False,
            max_length=64,
        ),
        p.text("notes", N_("Notes for picketers"), keyword_only=True, required=False, max_length=500),
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
    text = _(
        "{site} (times in {zone}).\nAdd shifts with /picket shift add {quoted} mon-fri 09:00-12:00 capacity=30 weeks=4"
    ).format(site=site.name + where, zone=site.timezone, quoted=quoted)
    return Reply(title=_("Site added"), text=no_pings(text))


@picket.command("sites", description=N_("List the picket sites"))
async def list_sites(ctx: Context) -> Reply:
    found = await sites.all_sites(ctx.db)
    if not found:
        return Reply(
            text=_("No picket sites yet. An organizer adds one with /picket site add NAME."), ephemeral=True
        )
    counts = await shifts.upcoming_counts(ctx.db, ctx.now)
    lines = []
    for site in found:
        address = f" — {site.address}" if site.address else ""
        count = counts.get(site.id, 0)
        upcoming = ngettext("{n} upcoming shift", "{n} upcoming shifts", count).format(n=count)
        lines.append(f"• {site.name}{address} ({site.timezone}) · {upcoming}")
        if site.notes:
            lines.append(f"  {site.notes}")
    title = _("Picket sites ({n})").format(n=len(found))
    return Reply(title=title, text=no_pings("\n".join(lines)))


@picket.command(
    "site",
    "close",
    description=N_("Close a site: cancel its upcoming shifts, or move them to another site"),
    role=Role.ORGANIZER,
    params=(
        p.text("name", N_("Site name"), max_length=sites.MAX_NAME, autocomplete="site"),
        p.text("reason", N_("Why (heat, safety...)"), greedy=True, required=False, max_length=500),
        p.text(
            "move_to",
            N_("Move the shifts to this site instead"),
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
    closed = _("{site} is closed ({reason}).") if reason else _("{site} is closed.")
    if closure.moved_to is not None:
        done = ngettext(
            "{n} upcoming shift(s) moved to {site}; {told} sign-up(s) notified.",
            "{n} upcoming shift(s) moved to {site}; {told} sign-up(s) notified.",
            closure.moved,
        ).format(n=closure.moved, site=closure.moved_to.name, told=closure.notified)
    else:
        done = ngettext(
            "{n} upcoming shift(s) cancelled; {told} sign-up(s) notified.",
            "{n} upcoming shift(s) cancelled; {told} sign-up(s) notified.",
            closure.cancelled,
        ).format(n=closure.cancelled, told=closure.notified)
    text = closed.format(site=site.name, reason=reason) + " " + done
    return Reply(title=_("Site closed"), text=no_pings(text))
