"""/picket shift post, and the words of a live shift post.

A live post is a message the bot sends itself into a channel (through the
outbox, not as a reply: a reply cannot be edited after 15 minutes on
Discord, nor at all through Slack's response_url), with sign-up buttons and
the shift's counts, "37/50 places · 3 waiting · captains 1/2". The bot edits
it as people sign up, give up places or are promoted (`bot.picket.posts`,
`storage.picket.shift_posts`). These functions are pure: storage calls them
on the database thread, inside the change's transaction.
"""

from __future__ import annotations

from commands.context import Context
from commands.picket.common import PICKET, SHIFT_ID
from commands.picket.moments import when
from commands.registry import Commands
from commands.reply import Reply
from commands.roles import Role
from commands.text import no_pings
from storage.outbox.message import NoticeButton, PostContent
from storage.picket import shift_posts
from storage.picket.model import Shift

FOOTER = "Updated as people sign up. Or type /picket signup {id} (captains: as=captain)."

picket = Commands(PICKET)


def counts_line(shift: Shift) -> str:
    """``37/50 places · 3 waiting · captains 1/2``"""
    parts = [f"{shift.confirmed}/{shift.capacity} places"]
    if shift.waitlisted:
        parts.append(f"{shift.waitlisted} waiting")
    if shift.captains_needed or shift.captains:
        parts.append(f"captains {shift.captains}/{shift.captains_needed}")
    return " · ".join(parts)


def _title(shift: Shift) -> str:
    what = "Picket" if shift.kind == "picket" else shift.kind.capitalize()
    return no_pings(f"{what} shift #{shift.id} · {shift.site_name}")


def live_post(shift: Shift) -> PostContent:
    """The post as the shift stands now: when, the counts, the notes, and the buttons."""
    lines = [when(shift)]
    if shift.cancelled:
        reason = f": {shift.cancel_reason}" if shift.cancel_reason else ""
        lines.append(f"CANCELLED{reason}")
        return PostContent(no_pings("\n".join(lines)), _title(shift))
    lines.append(counts_line(shift))
    if shift.confirmed >= shift.capacity:
        lines.append("Full: signing up now puts you on the waitlist.")
    if shift.notes:
        lines.append(shift.notes)
    buttons = [NoticeButton("Sign up", f"picket signup {shift.id}", "primary")]
    if shift.captains_needed:
        buttons.append(NoticeButton("Sign up as captain", f"picket signup {shift.id} as=captain"))
    buttons.append(NoticeButton("Cancel", f"picket cancel {shift.id}", "danger"))
    footer = FOOTER.format(id=shift.id)
    return PostContent(no_pings("\n".join(lines)), _title(shift), footer, tuple(buttons))


def replaced_post(shift: Shift) -> PostContent:
    """The last words of a post replaced by a newer one in the same channel."""
    text = f"{when(shift)}\nThis post is no longer updated: shift #{shift.id} was posted again below."
    return PostContent(no_pings(text), _title(shift))


async def post_live(ctx: Context, shift_id: int) -> Shift:
    """Queue a live post of the shift in the channel the command came from."""
    where = (ctx.channel.platform, ctx.channel.channel_id)
    return await shift_posts.post(ctx.db, shift_id, where, ctx.now, live_post, replaced_post)


@picket.command(
    "shift",
    "post",
    description="Post a shift in this channel with sign-up buttons and live counts",
    role=Role.CAPTAIN,
    params=(SHIFT_ID,),
    examples=("/picket shift post 12",),
)
async def post_shift(ctx: Context, id: int) -> Reply:
    shift = await post_live(ctx, id)
    return Reply(
        text=no_pings(
            f"Posted shift #{shift.id} ({shift.site_name}, {when(shift)}) in this channel. The post shows"
            " live counts; an older post of it here stops updating."
        ),
        ephemeral=True,
    )
