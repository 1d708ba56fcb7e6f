"""What the /picket command modules share: lookups and how a shift is shown.

The commands themselves live in `sites`, `shifts` and `signups` (sign-ups,
waitlist, roster, check-in, forget-me); the words for storage's refusals in
`refusals`, and the notices members get in `notices`.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence

from commands import params as p
from commands.context import Context
from commands.errors import CommandError, NotFound, PermissionDenied, UsageError
from commands.i18n import N_, _
from commands.params import MemberRef
from commands.picket.moments import when
from commands.picket.refusals import sentence, words
from commands.registry import Group
from commands.reply import Button
from commands.roles import Role
from commands.text import no_pings, shorten
from storage import members
from storage.picket import sites
from storage.picket.checkins import NewMember
from storage.picket.model import Shift
from storage.picket.refusals import PicketNotFound

#: The /picket group: each command module declares its commands in it.
PICKET = Group("picket", N_("Picket sites, shifts, sign-ups and check-in"))
#: Buttons on a list of shifts: two per shift, for this many shifts.
BUTTON_SHIFTS = 5
SHIFT_ID = p.integer("id", N_("Shift number (see /picket shifts)"), minimum=1, autocomplete="shift")


#: "… is for captains and up.", one whole sentence per role (`what` names the action, translated).
_FOR_ROLE = {
    Role.MEMBER: N_("{what} is for members and up."),
    Role.CAPTAIN: N_("{what} is for captains and up."),
    Role.ORGANIZER: N_("{what} is for organizers and up."),
}


def require_role(ctx: Context, role: Role, what: str) -> None:
    """Refuse an actor below `role`; `what` is the action, already in the language spoken."""
    if ctx.actor.role < role:
        raise PermissionDenied(_(_FOR_ROLE[role]).format(what=what))


async def find_site(ctx: Context, name: str) -> sites.Site:
    try:
        return await sites.find(ctx.db, name)
    except PicketNotFound as error:
        raise NotFound(await site_not_found(ctx, name, words(error))) from None


async def site_not_found(ctx: Context, name: str, message: str) -> str:
    """The not-found line, with a hint when `name` looks like part of a site's name or a typo of one."""
    typed = name.strip().casefold()
    names = [site.name for site in await sites.all_sites(ctx.db)]
    longer = [n for n in names if n.casefold().startswith(typed + " ")]
    close = difflib.get_close_matches(typed, [n.casefold() for n in names], n=1, cutoff=0.75)
    typed_name = repr(shorten(name.strip(), 60))
    if longer:
        text = _('There is no site called {typed}. Did you mean "{name}"? Put a name with spaces in quotes.')
        found = longer[0]
    elif close:
        text = _('There is no site called {typed}. Did you mean "{name}"?')
        found = next(n for n in names if n.casefold() == close[0])
    else:
        return sentence(message)
    return no_pings(text.format(typed=typed_name, name=found))


_OPTION = re.compile(r"(?:^|\s)([A-Za-z_][\w-]*)=")


def refuse_options_in(
    text: str | None, known: Sequence[str], *, lookalikes: Sequence[str] | None = None
) -> None:
    """Refuse a ``key=value`` that a free-text argument swallowed (a mistyped option).

    A greedy argument takes every word the binder does not know, so ``moveto=Gower``
    would otherwise become part of a reason, or of a shift's times. With
    `lookalikes`, only keys resembling an option (or listed there) are refused,
    so a reason may still say ``index=105``.
    """
    for found in _OPTION.finditer(text or ""):
        key = found.group(1).lower()
        guess = difflib.get_close_matches(key.replace("-", "_"), known, n=1, cutoff=0.5)
        if lookalikes is not None and not guess and key not in lookalikes:
            continue
        shown = no_pings(shorten(key, 30))
        if guess:
            text = _("unknown option {key}= (did you mean {guess}=?)").format(key=shown, guess=guess[0])
        else:
            options = ", ".join(k + "=" for k in known)
            text = _("unknown option {key}= (options here: {options})").format(key=shown, options=options)
        raise UsageError(text)


def shift_line(shift: Shift) -> str:
    """``#12 Sunset Gate · Mon 2026-11-02 09:00–12:00 PST · 8/30 places · captains 1/2 · 3 waiting``"""
    duty = "" if shift.kind == "picket" else f" ({shift.kind})"
    parts = [
        f"#{shift.id} {shift.site_name}{duty}",
        when(shift),
        _("{confirmed}/{capacity} places").format(confirmed=shift.confirmed, capacity=shift.capacity),
    ]
    if shift.captains_needed or shift.captains:
        parts.append(
            _("captains {captains}/{needed}").format(captains=shift.captains, needed=shift.captains_needed)
        )
    if shift.waitlisted:
        parts.append(_("{n} waiting").format(n=shift.waitlisted))
    if shift.cancelled:
        if shift.cancel_reason:
            parts.append(_("CANCELLED: {reason}").format(reason=shift.cancel_reason))
        else:
            parts.append(_("CANCELLED"))
    if shift.notes:
        parts.append(shift.notes)
    return no_pings(" · ".join(parts))


def shift_buttons(shifts: Iterable[Shift]) -> tuple[Button, ...]:
    """Sign-up and cancel buttons; labels name the shift when there is more than one."""
    shown = list(shifts)[:BUTTON_SHIFTS]
    if len(shown) == 1:
        only = shown[0].id
        return (
            Button(_("Sign up"), f"picket signup {only}", "primary"),
            Button(_("Cancel"), f"picket cancel {only}", "danger"),
        )
    buttons: list[Button] = []
    for shift in shown:
        buttons.append(Button(_("Sign up #{id}").format(id=shift.id), f"picket signup {shift.id}", "primary"))
        buttons.append(Button(_("Cancel #{id}").format(id=shift.id), f"picket cancel {shift.id}", "danger"))
    return tuple(buttons)


#: The longest plain name a captain may record a walk-in by.
MAX_PLAIN_NAME = 60


async def resolve_member(
    ctx: Context, ref: MemberRef, *, create: bool = False
) -> tuple[int | NewMember, str]:
    """(member id, display name) for a mention (<@123>) or a name.

    A name is a member's display name on the actor's platform; failing that, someone
    recorded before by that plain name. With `create` (a walk-in), a mentioned member
    the bot has never seen, or a plain name it has never seen, is a `NewMember` to
    make in the same transaction as the check-in.
    """
    platform = ctx.actor.platform
    user_id = ref.user_id
    if user_id is not None:
        found = await members.by_platform_id(ctx.db, platform, user_id)
        if found is not None:
            return found.id, found.display_name
        if create:
            return NewMember(platform, user_id, user_id), user_id
        raise NotFound(
            _("I don't know {who} yet; they haven't used the bot.").format(
                who=no_pings(shorten(ref.text, 60))
            )
        )
    named = await members.by_name(ctx.db, platform, ref.name)
    shown = no_pings(shorten(ref.name, 60))
    if len(named) > 1:
        raise CommandError(
            _("More than one member is called {name}; mention the one you mean (@name) instead.").format(
                name=repr(shown)
            )
        )
    if named:
        return named[0].id, named[0].display_name
    plain = await members.plain_named(ctx.db, ref.name)
    if plain is not None:
        return plain.id, plain.display_name
    if not create:
        raise NotFound(
            _(
                "No member called {name}. Mention them (@name), or for someone not on chat,"
                " record them as a walk-in by name: /picket checkin SHIFT {typed} walk-in"
            ).format(name=repr(shown), typed=_as_typed(ref.name))
        )
    return _new_plain_name(ref.name)


def _new_plain_name(name: str) -> tuple[NewMember, str]:
    """A walk-in recorded by a plain name the bot has never seen: a member record of its own kind."""
    cleaned = " ".join(name.split())
    if not any(c.isalpha() for c in cleaned):
        raise UsageError(
            _("{name} is not a name: a walk-in's name needs a letter").format(
                name=repr(no_pings(shorten(cleaned, 30)))
            )
        )
    if len(cleaned) > MAX_PLAIN_NAME or "<" in cleaned or ">" in cleaned:
        raise UsageError(
            _("a walk-in's name is plain words, at most {most} characters").format(most=MAX_PLAIN_NAME)
        )
    return NewMember(members.PLAIN_NAME, members.name_key(cleaned), cleaned), cleaned


def _as_typed(name: str) -> str:
    """The name as it would be typed again (quoted when it has spaces), or NAME when long."""
    name = " ".join(name.split())
    if len(name) > 30:
        return "NAME"
    return no_pings(f'"{name}"' if " " in name else name)
