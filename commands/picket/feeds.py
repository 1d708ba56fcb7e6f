"""/picket feed: a private calendar URL that stays up to date (a member's, or a site's for organizers).

The feed itself is served by the bot's public listener (`bot.picket.feeds`)
at ``[http] public_url`` + ``/calendar/<token>.ics``. Only a hash of the
token is kept (`storage.picket.feeds`), so the link is shown once: asking
again gives a new link and ends the old one.
"""

from __future__ import annotations

from commands import params as p
from commands.context import Context
from commands.i18n import N_, _
from commands.markup import link
from commands.picket.common import PICKET, find_site, require_role
from commands.registry import Commands
from commands.reply import Reply
from commands.roles import Role
from commands.text import no_pings
from storage.picket import feeds, sites

HOW_TO_SUBSCRIBE = N_(
    "Subscribe to it in your calendar app (Google Calendar: Other calendars, From URL; iPhone:"
    " Settings, Calendar, Accounts, Add Subscribed Calendar). Keep it private: anyone with the link"
    " sees these shifts."
)

picket = Commands(PICKET)


@picket.command(
    "feed",
    description=N_("A private calendar link that follows your shifts (revoke: end it)"),
    params=(
        p.choice("action", N_("revoke: end the feed (its link stops working)"), ("revoke",), required=False),
        p.text(
            "site",
            N_("Organizers: a site's feed, all its shifts"),
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
        owner, name, again = {"member_id": actor}, None, ""
    else:
        require_role(ctx, Role.ORGANIZER, _("A site's calendar feed"))
        found = await find_site(ctx, site)
        owner, name, again = {"site_id": found.id}, found.name, f' site="{found.name}"'
    if action == "revoke":
        ended = await feeds.revoke(ctx.db, **owner, actor=actor, now=ctx.now)
        return Reply(text=no_pings(_revoked(name, ended)), ephemeral=True)
    token = await feeds.issue(ctx.db, **owner, actor=actor, now=ctx.now)
    url = f"{ctx.settings.public_url}/calendar/{token}.ics"
    here = (
        _("Here is your calendar feed, with the shifts you are confirmed on; it changes as they do:")
        if name is None
        else _(
            "Here is the calendar feed of {site}, with every shift at the site; it changes as they do:"
        ).format(site=name)
    )
    local = (
        ""
        if ctx.settings.public_url_set
        else "\n"
        + _(
            "(This link names this machine: it works here while `picketbot run` runs. For links that"
            " work from phones, set [http] public_url; see docs/picket.md.)"
        )
    )
    return Reply(
        title=_("Calendar feed"),
        text=no_pings(here)
        + f"\n{link(url)}\n{_(HOW_TO_SUBSCRIBE)}\n"
        + no_pings(
            _(
                "Any link given before for it has stopped working. End this one: /picket feed revoke{again}"
            ).format(again=again)
        )
        + local,
        ephemeral=True,
    )


def _revoked(site: str | None, ended: bool) -> str:
    """What revoking said: the feed ended, or there was none (a member's own, or a site's)."""
    if site is None:
        return (
            _("Ended your calendar feed: its link no longer works.")
            if ended
            else _("You had no calendar feed to end.")
        )
    if ended:
        return _("Ended the calendar feed of {site}: its link no longer works.").format(site=site)
    return _("{site} had no calendar feed to end.").format(site=site)
