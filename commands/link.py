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
from commands.i18n import N_, _, ngettext
from commands.params import MemberRef
from commands.picket.common import resolve_member
from commands.picket.notices import notices_for
from commands.registry import Commands, Group
from commands.reply import Reply
from commands.roles import Role
from commands.text import no_pings, shorten
from storage import links

link = Commands(Group("link", N_("One member on Discord and Slack")))

PLATFORM_NAMES = {"discord": N_("Discord"), "slack": N_("Slack"), "console": N_("console")}

#: Why a code was refused, worded (translated where shown; ``{minutes}`` is how long codes work).
REFUSALS: dict[links.Refusal, str] = {
    "wrong": N_(
        "That is not a link code (or not one that works). Type /link on your other account for a new one."
    ),
    "expired": N_(
        "That code has expired (codes work for {minutes} minutes). Type /link on your other account for a new one."
    ),
    "used": N_(
        "That code was used already; each code works once. Type /link on your other account for a new one."
    ),
    "too-many": N_("Too many codes that didn't work from this account; try again in 15 minutes."),
    "too-many-all": N_("Too many codes that didn't work lately; linking is paused for 15 minutes."),
    "same-account": N_("That code is this account's own: type it on your other account (Discord or Slack)."),
    "already-linked": N_("This account is linked already. To link it elsewhere: /link remove first."),
}
#: "already-linked" when the other account is known.
LINKED_TO = N_("This account is linked already to {account}. To link it elsewhere: /link remove first.")


@link.command(
    description=N_("One member on Discord and Slack: /link gives a code to type on your other account"),
    params=(
        p.text(
            "code",
            N_("The code from your other account; or: show [@member], remove"),
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
            raise UsageError(_("/link remove takes nothing more: it unlinks your own accounts"))
        return await _remove(ctx)
    if head == "show":
        return await _show(ctx, " ".join(words[1:]))
    return await _redeem(ctx, " ".join(words))


def _account_key(ctx: Context) -> links.AccountKey:
    actor = ctx.actor
    return links.AccountKey(actor.platform, actor.user_id, actor.display_name, actor.role.label)


def _shown(account: links.Account) -> str:
    where = _(PLATFORM_NAMES[account.platform]) if account.platform in PLATFORM_NAMES else account.platform
    return f"{where} ({no_pings(shorten(account.display_name, 40))})"


async def _give_code(ctx: Context) -> Reply:
    code = await links.issue_code(ctx.db, await ctx.member_id(), _account_key(ctx), ctx.now)
    shown = f"{code[:4]}-{code[4:]}"
    text = _(
        "Your link code: {code}\nOn your other account (Discord or Slack) type: /link {code}\n"
        "It works once, for {minutes} minutes. Keep it to yourself: whoever types it joins"
        " their account to yours. This account stays your primary one: notices come here, and your"
        " records stay here if you unlink later."
    )
    return Reply(text=text.format(code=shown, minutes=links.CODE_MINUTES), ephemeral=True)


async def _redeem(ctx: Context, typed: str) -> Reply:
    result = await links.redeem(ctx.db, typed, _account_key(ctx), ctx.now, notices_for(ctx.settings))
    if isinstance(result, links.Refused):
        raise CommandError(_refusal(result))
    primary = next(a for a in result.accounts if a.primary)
    accounts = ", ".join(_shown(a) for a in result.accounts)
    lines = [
        _("Linked: you are one member on {accounts}.").format(accounts=accounts),
        _("Notices go to {account}. To undo: /link remove").format(account=_shown(primary)),
    ]
    merged = result.merged
    if merged is not None and merged.moved_signups:
        moved = ngettext(
            "This account's {count} sign-up and its hours are now the same person's.",
            "This account's {count} sign-ups and its hours are now the same person's.",
            merged.moved_signups,
        )
        lines.append(moved.format(count=merged.moved_signups))
    if merged is not None and merged.doubled_shifts:
        shifts = ", ".join(f"#{i}" for i in merged.doubled_shifts)
        doubled = ngettext(
            "Both accounts were on shift {shifts}: you keep one place there (the better one).",
            "Both accounts were on shifts {shifts}: you keep one place on each (the better one).",
            len(merged.doubled_shifts),
        )
        lines.append(doubled.format(shifts=shifts))
    if merged is not None and merged.feeds_ended:
        lines.append(_("This account's calendar feed link was ended: your other one shows every shift now."))
    return Reply(text="\n".join(lines), ephemeral=True)


def _refusal(refused: links.Refused) -> str:
    if refused.reason == "already-linked" and refused.other is not None:
        return _(LINKED_TO).format(account=_shown(refused.other))
    return _(REFUSALS[refused.reason]).format(minutes=links.CODE_MINUTES)


async def _remove(ctx: Context) -> Reply:
    member_id = await ctx.member_id()
    before = await links.accounts(ctx.db, member_id)
    freed = await links.unlink(ctx.db, member_id)
    if not freed:
        return Reply(text=_("This account is not linked to another; nothing to undo."), ephemeral=True)
    primary = next((a for a in before if a.primary), None)
    keeper = _shown(primary) if primary is not None else _("your primary account")
    text = _(
        "Unlinked: {accounts} is on its own again. Past sign-ups, check-ins and hours"
        " (and shifts signed up for from either account) stay with {keeper}."
    )
    return Reply(
        text=text.format(accounts=", ".join(_shown(a) for a in freed), keeper=keeper), ephemeral=True
    )


async def _show(ctx: Context, who: str) -> Reply:
    if who:
        if ctx.actor.role < Role.CAPTAIN:
            raise PermissionDenied(_("Seeing someone else's accounts is for captains and up."))
        found, name = await resolve_member(ctx, MemberRef(who))
        assert isinstance(found, int)  # no `create`: always a member row
        subject = no_pings(shorten(name, 40))
    else:
        found, subject = await ctx.member_id(), _("You")
    accounts = await links.accounts(ctx.db, found)
    if not accounts:
        return Reply(text=_("{who}: one account, not linked to another.").format(who=subject), ephemeral=True)
    lines = [_("{who}: one member on {count} accounts:").format(who=subject, count=len(accounts))]
    for account in accounts:
        line = (
            _("- {account} (primary: notices go here), linked {day}")
            if account.primary
            else _("- {account}, linked {day}")
        )
        lines.append(line.format(account=_shown(account), day=f"{account.linked_at:%Y-%m-%d}"))
    return Reply(text="\n".join(lines), ephemeral=True)
