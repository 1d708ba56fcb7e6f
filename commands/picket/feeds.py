"""/picket feed: a private calendar URL that stays up to date (a member's, or a site's for organizers).

The feed itself is served by the bot's public listener (`bot.picket.feeds`)
at ``[http] public_url`` + ``/calendar/<token>.ics``. Only a hash of the
token is kept (`storage.picket.feeds`), so the link is shown once: asking
again gives a new link and ends the old one.
"""

from __future__ import annotations

from commands import params as p
from commands.context import Context
from commands.markup import link
from commands.picket.common import PICKET, find_site, require_role
from commands.registry import Commands
from commands.reply import Reply
from commands.roles import Role
from commands.text import no_pings
from storage.picket import feeds, sites

HOW_TO_SUBSCRIBE = (
    "Subscribe to it in your calendar app (Google Calendar: Other calendars, From URL; iPhone:"
    " Settings, Calendar, Accounts, Add Subscribed Calendar). Keep it private: anyone with the link"
    " sees these shifts."
)

picket = Commands(PICKET)


@picket.command(
    "feed",
    description="A private calendar link that follows your shifts (revoke: end it)",
    params=(
        p.choice("action", "revoke: end the feed (its link stops working)", ("revoke",), required=False),
        p.text(
            "site",
            "Organizers: a site's feed, all its shifts",
            keyword_only=True,
            required=False,
            max_length=sites.MAX_NAME,
            autocomplete="site",
        ),
    ),
    ephemeral=True,
    examples=("/picket feed", "/picket feed revoke", '/picket feed site="Sunset Gate"'),
)
async def calendar_feed(ctx: Context, action: str | None = None, site: str | None = None) -> Reply:
    actor = await ctx.member_id()
    if site is None:
        owner, whose, holder, again = {"member_id": actor}, "your calendar feed", "You", ""
    else:
        require_role(ctx, Role.ORGANIZER, "A site's calendar feed")
        found = await find_site(ctx, site)
        owner, whose = {"site_id": found.id}, f"the calendar feed of {found.name}"
        holder, again = found.name, f' site="{found.name}"'
    if action == "revoke":
        if await feeds.revoke(ctx.db, **owner, actor=actor, now=ctx.now):
            return Reply(text=no_pings(f"Ended {whose}: its link no longer works."), ephemeral=True)
        return Reply(text=no_pings(f"{holder} had no calendar feed to end."), ephemeral=True)
    token = await feeds.issue(ctx.db, **owner, actor=actor, now=ctx.now)
    url = f"{ctx.settings.public_url}/calendar/{token}.ics"
    what = "the shifts you are confirmed on" if site is None else "every shift at the site"
    local = (
        ""
        if ctx.settings.public_url_set
        else "\n(This link names this machine: it works here while `picketbot run` runs. For links that"
        " work from phones, set [http] public_url; see docs/picket.md.)"
    )
    return Reply(
        title="Calendar feed",
        text=no_pings(f"Here is {whose}, with {what}; it changes as they do:")
        + f"\n{link(url)}\n{HOW_TO_SUBSCRIBE}\n"
        + no_pings(
            f"Any link given before for it has stopped working. End this one: /picket feed revoke{again}"
        )
        + local,
        ephemeral=True,
    )
