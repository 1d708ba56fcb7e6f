"""/picket site set: a site's settings (for now, whether swaps there need a captain's approval)."""

from __future__ import annotations

from commands import params as p
from commands.context import Context
from commands.i18n import N_, _
from commands.picket.common import PICKET, find_site
from commands.registry import Commands
from commands.reply import Reply
from commands.roles import Role
from commands.text import no_pings
from storage.picket import site_settings, sites
from storage.picket.model import Site

picket = Commands(PICKET)

SWAPS_MEANING = {
    "open": N_("a member's place goes to whoever takes it"),
    "approve": N_("a captain approves each swap first (/picket swap approve)"),
}


def _settings_text(site: Site) -> str:
    meaning = SWAPS_MEANING[site.swaps]
    return f"swaps={site.swaps}: {_(meaning)}"  # swaps=… is what an organizer types: it stays


@picket.command(
    "site",
    "set",
    description=N_("Change a site's settings: swaps=approve (a captain approves swaps) or open"),
    role=Role.ORGANIZER,
    params=(
        p.text("name", N_("Site name"), max_length=sites.MAX_NAME, autocomplete="site"),
        p.choice(
            "swaps",
            N_("approve: a captain approves each swap; open: a swap takes effect when taken"),
            site_settings.SWAP_POLICIES,
            keyword_only=True,
            required=False,
        ),
    ),
    examples=('/picket site set "Sunset Gate" swaps=approve', '/picket site set "Sunset Gate"'),
)
async def set_site(ctx: Context, name: str, swaps: str | None = None) -> Reply:
    site = await find_site(ctx, name)
    if swaps is None:
        return Reply(
            title=no_pings(_("Settings of {site}").format(site=site.name)),
            text=no_pings(_settings_text(site)),
            footer=_("Change one with /picket site set NAME swaps=approve|open"),
            ephemeral=True,
        )
    changed = await site_settings.set_swaps(ctx.db, site.id, swaps, actor=await ctx.member_id(), now=ctx.now)
    return Reply(
        title=no_pings(_("{site} updated").format(site=changed.name)), text=no_pings(_settings_text(changed))
    )
