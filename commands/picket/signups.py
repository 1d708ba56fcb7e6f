"""/picket signup|cancel|mine|forget-me (gaps: `turnout`; roster, check-in and codes: `presence`)."""

from __future__ import annotations

from datetime import timedelta

from commands import params as p
from commands.context import Context
from commands.i18n import N_, _, ngettext
from commands.picket.common import (
    PICKET,
    SHIFT_ID,
    require_role,
)
from commands.picket.moments import label, when
from commands.picket.notices import local_time, notices_for
from commands.registry import Commands
from commands.reply import Button, Reply
from commands.roles import Role
from commands.text import no_pings, shorten
from storage.picket import privacy, signups
from storage.picket.confirm_rules import confirm_by
from storage.picket.model import SignupRole

picket = Commands(PICKET)


@picket.command(
    "signup",
    description=N_("Sign up for a shift (a full shift puts you on its waitlist)"),
    params=(
        SHIFT_ID,
        p.choice(
            "as", N_("Sign up as member or captain"), ("member", "captain"), required=False, dest="as_role"
        ),
    ),
    examples=("/picket signup 12", "/picket signup 12 as=captain"),
)
async def sign_up(ctx: Context, id: int, as_role: str | None = None) -> Reply:
    role: SignupRole = "captain" if as_role == "captain" else "member"
    if role == "captain":
        require_role(ctx, Role.CAPTAIN, _("A captain place"))
    # The member row is made in the sign-up's own grouped transaction: one commit for a storm.
    actor = ctx.actor
    who = signups.Identity(actor.platform, actor.user_id, actor.display_name, actor.locale)
    result = await signups.sign_up_as(
        ctx.db,
        id,
        who,
        role=role,
        now=ctx.now,
        refuse_overlap=ctx.settings.refuse_overlapping_shifts,
    )
    shift = result.shift
    cancel = (Button(_("Cancel"), f"picket cancel {id}", "danger"),)
    if result.status == "waitlisted":
        held = shift.capacity - shift.confirmed
        if held > 0 and role == "member":
            text = ngettext(
                "Shift {label} has no member places left ({held} held for captains), so you're on the"
                " waitlist: position {position}. If a place opens you'll get it and a message.",
                "Shift {label} has no member places left ({held} held for captains), so you're on the"
                " waitlist: position {position}. If a place opens you'll get it and a message.",
                held,
            )
        else:
            text = _(
                "Shift {label} is full, so you're on the waitlist: position {position}."
                " If a place opens you'll get it and a message."
            )
        return Reply(
            text=no_pings(text.format(label=label(shift), held=held, position=result.position)),
            buttons=cancel,
            ephemeral=True,
        )
    if role == "captain":
        text = _("You're signed up as captain for shift {label}. See you there!")
    else:
        text = _("You're signed up for shift {label}. See you there!")
    return Reply(text=no_pings(text.format(label=label(shift))), buttons=cancel, ephemeral=True)


@picket.command(
    "cancel", description=N_("Give up your place (or waitlist position) on a shift"), params=(SHIFT_ID,)
)
async def cancel_signup(ctx: Context, id: int) -> Reply:
    result = await signups.cancel(
        ctx.db, id, await ctx.member_id(), now=ctx.now, notices=notices_for(ctx.settings)
    )
    if result.was != "confirmed":
        text = _("You gave up your waitlist position on shift {label}.")
    elif result.promoted:
        text = _("You gave up your place on shift {label}. The next in line has it now.")
    else:
        text = _("You gave up your place on shift {label}.")
    return Reply(text=no_pings(text.format(label=label(result.shift))), ephemeral=True)


@picket.command("mine", description=N_("Your upcoming shifts, in local time"), ephemeral=True)
async def mine(ctx: Context) -> Reply:
    found = await signups.mine(ctx.db, await ctx.member_id(), ctx.now)
    if not found:
        return Reply(
            text=_("You're not signed up for any upcoming shift. See /picket shifts."), ephemeral=True
        )
    lines = []
    for item in found:
        if item.status == "waitlisted":
            state = _("waitlist position {position}").format(position=item.position)
        elif item.role == "captain":
            state = _("confirmed as captain") + _place_note(ctx, item)
        else:
            state = _("confirmed") + _place_note(ctx, item)
        lines.append(f"• #{item.shift.id} {item.shift.site_name} · {when(item.shift)} · {state}")
    buttons = tuple(
        Button(_("Cancel #{id}").format(id=item.shift.id), f"picket cancel {item.shift.id}", "danger")
        for item in found[:5]
    )
    return Reply(title=_("Your shifts"), text=no_pings("\n".join(lines)), buttons=buttons, ephemeral=True)


def _place_note(ctx: Context, item: signups.MySignup) -> str:
    """A place offered for swap, or one from the waitlist still to confirm."""
    if item.offer_id is not None:
        return " · " + _("offered for swap (#{offer})").format(offer=item.offer_id)
    window = timedelta(minutes=ctx.settings.promotion_confirm_minutes)
    by = (
        None if item.awaiting_since is None else confirm_by(item.awaiting_since, item.shift.starts_at, window)
    )
    if by is None or by <= ctx.now:
        return ""
    return " · " + _("confirm by {by} (/picket confirm {id})").format(
        by=local_time(by, item.shift, ctx.now), id=item.shift.id
    )


#: Words that clearly mean "go ahead" (after punctuation is dropped); "confirm" is what buttons send.
YES = frozenset(
    {
        "yes",
        "y",
        "yeah",
        "yep",
        "yup",
        "ok",
        "okay",
        "sure",
        "confirm",
        "confirmed",
        "go",
        "do it",
        "sí",
        "si",
    }
)
NO = frozenset({"no", "n", "nope", "cancel", "stop", "don't", "dont"})
FORGET_PROMPT = N_(
    "This removes your personal data: your name is replaced, your sign-ups for shifts "
    "not yet started are cancelled, and your chat id is replaced by an anonymous token. "
    "Anonymous check-in totals are kept. To go ahead, type: /picket forget-me yes"
)


def _answer(text: str | None) -> str:
    """ "yes", "no" or "" (not said, or not clear) for what came after /picket forget-me."""
    words = " ".join("".join(c for c in (text or "").lower() if c.isalnum() or c in " '").split())
    return "yes" if words in YES else "no" if words in NO else ""


@picket.command(
    "forget-me",
    description=N_("Remove your personal data (keeps anonymous hour totals)"),
    ephemeral=True,
    params=(p.text("confirm", N_("Type yes to go ahead"), required=False, greedy=True, max_length=40),),
    examples=("/picket forget-me", "/picket forget-me yes"),
)
async def forget_me(ctx: Context, confirm: str | None = None) -> Reply:
    answer = _answer(confirm)
    if answer != "yes":
        lead = ""
        if answer == "no":
            lead = _("Nothing was removed.") + " "
        elif confirm:
            said = repr(no_pings(shorten(confirm, 20)))
            lead = _("Nothing was removed: {said} is not a clear yes.").format(said=said) + " "
        return Reply(
            text=lead + _(FORGET_PROMPT),
            buttons=(Button(_("Forget me"), "picket forget-me confirm", "danger"),),
            ephemeral=True,
        )
    done = await privacy.forget_member(
        ctx.db, await ctx.member_id(), now=ctx.now, notices=notices_for(ctx.settings)
    )
    ctx.services.languages.expire()  # their /lang choice is gone with them: read the choices again
    return Reply(
        text=ngettext(
            "Done: your personal data is removed and {n} sign-up(s) were cancelled.",
            "Done: your personal data is removed and {n} sign-up(s) were cancelled.",
            done.cancelled,
        ).format(n=done.cancelled),
        ephemeral=True,
    )
