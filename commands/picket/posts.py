"""/picket shift post, and the words of a live shift post.

A live post is a message the bot sends itself into a channel (through the
outbox, not as a reply: a reply cannot be edited after 15 minutes on
Discord, nor at all through Slack's response_url), with sign-up buttons and
the shift's counts, "37/50 places · 3 waiting · captains 1/2". The bot edits
it as people sign up, give up places or are promoted (`bot.picket.posts`,
`storage.picket.shift_posts`). These functions are pure: storage calls them
on the database thread, inside the change's transaction.

Everyone in the channel reads a post, so it is written in ``[bot] language``
(`post_words`), not the language of the member whose click changed it.
"""

from __future__ import annotations

from collections.abc import Callable

from commands.context import Context
from commands.i18n import N_, SOURCE_LANGUAGE, _, speaking
from commands.picket.common import PICKET, SHIFT_ID
from commands.picket.moments import when
from commands.registry import Commands
from commands.reply import Reply
from commands.roles import Role
from commands.text import no_pings
from storage.outbox.message import NoticeButton, PostContent
from storage.picket import shift_posts
from storage.picket.model import Shift

FOOTER = N_("Updated as people sign up. Or type /picket signup {id} (captains: as=captain).")

picket = Commands(PICKET)


def counts_line(shift: Shift) -> str:
    """``37/50 places · 3 waiting · captains 1/2``"""
    parts = [_("{confirmed}/{capacity} places").format(confirmed=shift.confirmed, capacity=shift.capacity)]
    if shift.waitlisted:
        parts.append(_("{n} waiting").format(n=shift.waitlisted))
    if shift.captains_needed or shift.captains:
        parts.append(
            _("captains {captains}/{needed}").format(captains=shift.captains, needed=shift.captains_needed)
        )
    return " · ".join(parts)


def _title(shift: Shift) -> str:
    title = _("Picket shift #{id} · {site}") if shift.kind == "picket" else _("{duty} shift #{id} · {site}")
    return no_pings(title.format(duty=shift.kind.capitalize(), id=shift.id, site=shift.site_name))


def post_words(language: str) -> Callable[[Shift], PostContent]:
    """`live_post` in `language` (``[bot] language``), for storage and the live-post editor."""
    return lambda shift: live_post(shift, language)


def live_post(shift: Shift, language: str = SOURCE_LANGUAGE) -> PostContent:
    """The post as the shift stands now: when, the counts, the notes, and the buttons."""
    with speaking(language):
        return _live_post(shift)


def _live_post(shift: Shift) -> PostContent:
    lines = [when(shift)]
    if shift.cancelled:
        if shift.cancel_reason:
            lines.append(_("CANCELLED: {reason}").format(reason=shift.cancel_reason))
        else:
            lines.append(_("CANCELLED"))
        return PostContent(no_pings("\n".join(lines)), _title(shift))
    lines.append(counts_line(shift))
    if shift.confirmed >= shift.capacity:
        lines.append(_("Full: signing up now puts you on the waitlist."))
    if shift.notes:
        lines.append(shift.notes)
    buttons = [NoticeButton(_("Sign up"), f"picket signup {shift.id}", "primary")]
    if shift.captains_needed:
        buttons.append(NoticeButton(_("Sign up as captain"), f"picket signup {shift.id} as=captain"))
    buttons.append(NoticeButton(_("Cancel"), f"picket cancel {shift.id}", "danger"))
    footer = _(FOOTER).format(id=shift.id)
    return PostContent(no_pings("\n".join(lines)), _title(shift), footer, tuple(buttons))


def replaced_post(shift: Shift, language: str = SOURCE_LANGUAGE) -> PostContent:
    """The last words of a post replaced by a newer one in the same channel."""
    with speaking(language):
        text = _("This post is no longer updated: shift #{id} was posted again below.").format(id=shift.id)
        return PostContent(no_pings(f"{when(shift)}\n{text}"), _title(shift))


async def post_live(ctx: Context, shift_id: int) -> Shift:
    """Queue a live post of the shift in the channel the command came from, in ``[bot] language``."""
    where = (ctx.channel.platform, ctx.channel.channel_id)
    language = ctx.settings.language
    return await shift_posts.post(
        ctx.db, shift_id, where, ctx.now, post_words(language), lambda shift: replaced_post(shift, language)
    )


@picket.command(
    "shift",
    "post",
    description=N_("Post a shift in this channel with sign-up buttons and live counts"),
    role=Role.CAPTAIN,
    params=(SHIFT_ID,),
    examples=("/picket shift post 12",),
)
async def post_shift(ctx: Context, id: int) -> Reply:
    shift = await post_live(ctx, id)
    return Reply(
        text=no_pings(
            _(
                "Posted shift #{id} ({site}, {when}) in this channel. The post shows"
                " live counts; an older post of it here stops updating."
            ).format(id=shift.id, site=shift.site_name, when=when(shift))
        ),
        ephemeral=True,
    )
