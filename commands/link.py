"""/link: one member on Discord, Slack (and the console): a code on one, typed on the other.

`/link` gives a one-time code; `/link CODE` on another account links the two,
so sign-ups, hours, check-ins, calendar feeds and roles are one person's
(the storage side: `storage.links`); `/link show` lists a member's accounts
(someone else's: captains and up); `/link remove` undoes it. The account that
gave the code is the primary: notices go to it, and records stay with it
after /link remove.
"""

from __future__ import annotations

from commands import params as p
from commands.context import Context
from commands.errors import CommandError, PermissionDenied, UsageError
from commands.params import MemberRef
from commands.picket.common import resolve_member
from commands.picket.notices import member_notices
from commands.registry import Commands, Group
from commands.reply import Reply
from commands.roles import Role
from commands.text import no_pings, shorten
from storage import links

link = Commands(Group("link", "One member on Discord and Slack"))

PLATFORM_NAMES = {"discord": "Discord", "slack": "Slack", "console": "console"}

REFUSALS: dict[links.Refusal, str] = {
    "wrong": "That is not a link code (or not one that works). Type /link on your other account for a new one.",
    "expired": f"That code has expired (codes work for {links.CODE_MINUTES} minutes)."
    " Type /link on your other account for a new one.",
    "used": "That code was used already; each code works once. Type /link on your other account for a new one.",
    "too-many": "Too many codes that didn't work from this account; try again in 15 minutes.",
    "too-many-all": "Too many codes that didn't work lately; linking is paused for 15 minutes.",
    "same-account": "That code is this account's own: type it on your other account (Discord or Slack).",
    "already-linked": "This account is linked already{other}. To link it elsewhere: /link remove first.",
}


@link.command(
    description="One member on Discord and Slack: /link gives a code to type on your other account",
    params=(
        p.text(
            "code",
            "The code from your other account; or: show [@member], remove",
            required=False,
            greedy=True,
            max_length=120,
        ),
    ),
    ephemeral=True,
    examples=("/link", "/link ABCD-EFGH", "/link show", "/link remove"),
    default=True,  # its one text option takes a code or a word (show, remove)
)
async def link_accounts(ctx: Context, code: str | None = None) -> Reply:
    words = (code or "").split()
    if not words:
        return await _give_code(ctx)
    # Linking or unlinking moves an account to another person's /lang choice: read them again.
    ctx.services.languages.expire()
    head = words[0].lower()
    if head == "remove":
        if len(words) > 1:
            raise UsageError("/link remove takes nothing more: it unlinks your own accounts")
        return await _remove(ctx)
    if head == "show":
        return await _show(ctx, " ".join(words[1:]))
    return await _redeem(ctx, " ".join(words))


def _account_key(ctx: Context) -> links.AccountKey:
    actor = ctx.actor
    return links.AccountKey(actor.platform, actor.user_id, actor.display_name, actor.role.label)


def _shown(account: links.Account) -> str:
    where = PLATFORM_NAMES.get(account.platform, account.platform)
    return f"{where} ({no_pings(shorten(account.display_name, 40))})"


async def _give_code(ctx: Context) -> Reply:
    code = await links.issue_code(ctx.db, await ctx.member_id(), _account_key(ctx), ctx.now)
    shown = f"{code[:4]}-{code[4:]}"
    return Reply(
        text=f"Your link code: {shown}\nOn your other account (Discord or Slack) type: /link {shown}\n"
        f"It works once, for {links.CODE_MINUTES} minutes. Keep it to yourself: whoever types it joins"
        " their account to yours. This account stays your primary one: notices come here, and your"
        " records stay here if you unlink later.",
        ephemeral=True,
    )


async def _redeem(ctx: Context, typed: str) -> Reply:
    result = await links.redeem(ctx.db, typed, _account_key(ctx), ctx.now, member_notices)
    if isinstance(result, links.Refused):
        other = f" to {_shown(result.other)}" if result.other is not None else ""
        raise CommandError(REFUSALS[result.reason].format(other=other))
    primary = next(a for a in result.accounts if a.primary)
    lines = [
        "Linked: you are one member on " + ", ".join(_shown(a) for a in result.accounts) + ".",
        f"Notices go to {_shown(primary)}. To undo: /link remove",
    ]
    merged = result.merged
    if merged is not None and merged.moved_signups:
        lines.append(
            f"This account's {merged.moved_signups} sign-up(s) and its hours are now the same person's."
        )
    if merged is not None and merged.doubled_shifts:
        shifts = ", ".join(f"#{i}" for i in merged.doubled_shifts)
        lines.append(f"Both accounts were on shift {shifts}: you keep one place there (the better one).")
    if merged is not None and merged.feeds_ended:
        lines.append("This account's calendar feed link was ended: your other one shows every shift now.")
    return Reply(text="\n".join(lines), ephemeral=True)


async def _remove(ctx: Context) -> Reply:
    member_id = await ctx.member_id()
    before = await links.accounts(ctx.db, member_id)
    freed = await links.unlink(ctx.db, member_id)
    if not freed:
        return Reply(text="This account is not linked to another; nothing to undo.", ephemeral=True)
    primary = next((a for a in before if a.primary), None)
    keeper = _shown(primary) if primary is not None else "your primary account"
    return Reply(
        text="Unlinked: " + ", ".join(_shown(a) for a in freed) + " is on its own again."
        f" Past sign-ups, check-ins and hours (and shifts signed up for from either account) stay with {keeper}.",
        ephemeral=True,
    )


async def _show(ctx: Context, who: str) -> Reply:
    if who:
        if ctx.actor.role < Role.CAPTAIN:
            raise PermissionDenied("Seeing someone else's accounts is for captains and up.")
        found, name = await resolve_member(ctx, MemberRef(who))
        assert isinstance(found, int)  # no `create`: always a member row
        subject = no_pings(shorten(name, 40))
    else:
        found, subject = await ctx.member_id(), "You"
    accounts = await links.accounts(ctx.db, found)
    if not accounts:
        return Reply(text=f"{subject}: one account, not linked to another.", ephemeral=True)
    lines = [f"{subject}: one member on {len(accounts)} accounts:"]
    for account in accounts:
        note = " (primary: notices go here)" if account.primary else ""
        lines.append(f"- {_shown(account)}{note}, linked {account.linked_at:%Y-%m-%d}")
    return Reply(text="\n".join(lines), ephemeral=True)
