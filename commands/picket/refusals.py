"""The sentences members read when a picket rule refuses a change, one per reason code.

Storage refuses with a code and the values that explain it
(`storage.picket.refusals`); this is the one place those become words. The
dispatcher shows them as one-line errors (`register_errors`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import timedelta
from typing import Any

from commands.errors import CommandError, NotFound
from commands.i18n import N_, _, ngettext
from commands.picket.moments import label, when
from commands.registry import Registry
from commands.text import no_pings
from storage.picket.common import duration_text
from storage.picket.refusals import Code, PicketError, PicketNotFound

Details = Mapping[str, Any]


def _overlaps(d: Details) -> str:
    other = d["other"]
    return _(
        "you're already signed up for shift {label}, which overlaps this one"
        " (cancel it first with /picket cancel {id})"
    ).format(label=label(other), id=other.id)


def _not_open(d: Details) -> str:
    return ngettext(
        "check-in for shift #{id} opens {minutes} minute before it starts ({when})",
        "check-in for shift #{id} opens {minutes} minutes before it starts ({when})",
        d["minutes"],
    ).format(id=d["shift_id"], minutes=d["minutes"], when=when(d["shift"]))


def _site_exists(d: Details) -> str:
    if d["closed"]:
        return _("there is already a site called {name} (closed)").format(name=d["name"])
    return _("there is already a site called {name}").format(name=d["name"])


def _not_checked_in(d: Details) -> str:
    if d["by_self"]:
        return _("you are not checked in on shift #{id}").format(id=d["shift_id"])
    return _("they are not checked in on shift #{id}").format(id=d["shift_id"])


def _self_checkin_not_confirmed(d: Details) -> str:
    if d["waitlisted"]:
        text = _("you're on the waitlist for shift #{id}; a captain can record you as a walk-in")
    else:
        text = _("you're not signed up for shift #{id}; a captain can record you as a walk-in")
    return text.format(id=d["shift_id"])


def _confirm_released(d: Details) -> str:
    if d["open"]:
        text = _(
            "you released your place on shift #{id} (or left its waitlist), so there's nothing to"
            " confirm; to come after all, sign up again: /picket signup {id}"
        )
    else:
        text = _(
            "you released your place on shift #{id} (or left its waitlist), so there's nothing to"
            " confirm; it's full now: /picket signup {id} puts you on the waitlist"
        )
    return text.format(id=d["shift_id"])


def _offer_not_place(d: Details) -> str:
    if d["waitlisted"]:
        return _("you have no place on shift #{id} to offer (you're on its waitlist)").format(
            id=d["shift_id"]
        )
    return _("you have no place on shift #{id} to offer").format(id=d["shift_id"])


def _nothing_to_confirm(d: Details) -> str:
    if d["named"]:
        return _("they have no check-in waiting for confirmation on shift #{id}").format(id=d["shift_id"])
    return _("nobody has a check-in waiting for confirmation on shift #{id}").format(id=d["shift_id"])


def _id(message: str) -> Callable[[Details], str]:
    """A refusal that names only its shift: ``{id}`` is the shift's number."""
    return lambda d: _(message).format(id=d["shift_id"])


def _offer(message: str) -> Callable[[Details], str]:
    """A refusal that names only its swap offer: ``{offer}`` is the offer's number."""
    return lambda d: _(message).format(offer=d["offer_id"])


SENTENCES: dict[Code, Callable[[Details], str]] = {
    # sites
    Code.UNKNOWN_ZONE: lambda d: _(
        "unknown time zone {zone} (use an IANA name like America/Los_Angeles)"
    ).format(zone=repr(d["zone"][:60])),
    Code.SITE_NAME_LENGTH: lambda d: _("a site name has 1 to {most} characters").format(most=d["most"]),
    Code.SITE_NAME_IS_NUMBER: lambda d: _("a site name can't be a number (numbers name shifts)"),
    Code.SITE_EXISTS: _site_exists,
    Code.NO_SITE_NAMED: lambda d: _("there is no site called {name} (see /picket sites)").format(
        name=repr(d["name"][:60])
    ),
    Code.NO_SITE: lambda d: _("there is no site #{id}").format(id=d["site_id"]),
    Code.SITE_ALREADY_CLOSED: lambda d: _("site {site} is already closed").format(site=d["site"]),
    Code.MOVE_TO_SAME_SITE: lambda d: _("a site's shifts can't move to the same site"),
    Code.MOVE_TO_CLOSED_SITE: lambda d: _("site {site} is closed too").format(site=d["site"]),
    Code.SITE_CLOSED: lambda d: _("site {site} is closed").format(site=d["site"]),
    # shifts
    Code.NO_SHIFT: _id(N_("there is no shift #{id} (see /picket shifts)")),
    Code.CAPACITY_RANGE: lambda d: _("capacity must be between 1 and {most}").format(most=f"{d['most']:,}"),
    Code.CAPTAINS_RANGE: lambda d: _("captains must be between 0 and the capacity ({capacity})").format(
        capacity=d["capacity"]
    ),
    Code.NO_SHIFTS_TO_ADD: lambda d: _("no shifts to add"),
    Code.TOO_MANY_SHIFTS: lambda d: _("that would add {count} shifts; at most {most} at once").format(
        count=d["count"], most=d["most"]
    ),
    Code.END_NOT_AFTER_START: lambda d: _("the end must be after the start"),
    Code.SHIFT_TOO_LONG: lambda d: _("a shift can last at most {hours} hours").format(hours=d["hours"]),
    Code.STARTS_IN_PAST: lambda d: _("{day} {time} is in the past").format(
        day=d["day"], time=f"{d['start']:%H:%M}"
    ),
    Code.SHIFT_ALREADY_CANCELLED: _id(N_("shift #{id} is already cancelled")),
    Code.SHIFT_CANCELLED: _id(N_("shift #{id} is cancelled")),
    Code.SHIFT_OVER: _id(N_("shift #{id} is already over")),
    Code.CAPACITY_BELOW_CONFIRMED: lambda d: _(
        "shift #{id} has {confirmed} confirmed, so its capacity can't go below {confirmed}"
        " (ask people to cancel first, or cancel the shift)"
    ).format(id=d["shift_id"], confirmed=d["confirmed"]),
    # sign-ups
    Code.SIGNUP_CLOSED: _id(N_("sign-up for shift #{id} closed when it started")),
    Code.ALREADY_SIGNED_UP: _id(N_("you're already signed up for shift #{id}")),
    Code.ALREADY_WAITLISTED: lambda d: _(
        "you're already on the waitlist for shift #{id} (position {position})"
    ).format(id=d["shift_id"], position=d["position"]),
    Code.OVERLAPS: _overlaps,
    Code.NOT_SIGNED_UP: _id(N_("you're not signed up for shift #{id}")),
    Code.SHIFT_STARTED: _id(N_("shift #{id} has started; tell your captain instead")),
    # check-ins
    Code.CHECKIN_NOT_OPEN: _not_open,
    Code.CHECKIN_OVER: _id(N_("shift #{id} is over; ask a captain to record your check-in")),
    Code.SELF_CHECKIN_NOT_CONFIRMED: _self_checkin_not_confirmed,
    Code.CODE_REQUIRED: _id(
        N_("shift #{id} checks in by code: type /picket checkin CODE with the code your captain shows")
    ),
    Code.NOT_CHECKED_IN: _not_checked_in,
    Code.ALREADY_LEFT: _id(N_("already recorded as left early from shift #{id}")),
    Code.NOT_PRESENT_NOW: lambda d: _("they are not checked in at a shift under way now (see /picket now)"),
    Code.ALREADY_THERE: _id(N_("they are already checked in at shift #{id}")),
    Code.NOT_UNDER_WAY: _id(
        N_("shift #{id} is not under way now: only a shift under way can be short now (see /picket now)")
    ),
    Code.MOVE_OTHER_DAY: _id(N_("shift #{id} is on another day than the shift they are checked in at")),
    Code.CHECKIN_NOT_SIGNED_UP: _id(N_("they're not signed up for shift #{id}; record them as walk-in")),
    Code.ALREADY_CHECKED_IN: _id(N_("you're already checked in for shift #{id}")),
    # members
    Code.NO_MEMBER: lambda d: _("there is no member #{id}").format(id=d["member_id"]),
    # confirming a place, swaps, duties
    Code.CONFIRM_WAITLISTED: lambda d: _(
        "you're on the waitlist for shift #{id} (position {position}): nothing to confirm"
        " yet; you'll get a message if a place opens"
    ).format(id=d["shift_id"], position=d["position"]),
    Code.PROMOTION_LAPSED: _id(
        N_(
            "your place on shift #{id} went to the next in line because it wasn't confirmed in"
            " time (sign up again with /picket signup {id})"
        )
    ),
    Code.CONFIRM_RELEASED: _confirm_released,
    Code.NO_OFFER: _offer(N_("there is no swap offer #{offer} (see /picket swap list)")),
    Code.OFFER_NOT_PLACE: _offer_not_place,
    Code.OFFER_TOO_LATE: lambda d: _(
        "shift #{id} starts within {within}, too late for a swap"
        " (give your place to the waitlist now with /picket release {id})"
    ).format(id=d["shift_id"], within=duration_text(timedelta(minutes=d["minutes"]))),
    Code.ALREADY_OFFERED: lambda d: _(
        "your place on shift #{id} is already offered (offer #{offer};"
        " take it back with /picket swap cancel {offer})"
    ).format(id=d["shift_id"], offer=d["offer_id"]),
    Code.OFFER_OWN: _offer(N_("offer #{offer} is your own (take it back with /picket swap cancel)")),
    Code.OFFER_GONE: lambda d: _("swap offer #{offer} is no longer open ({status})").format(
        offer=d["offer_id"], status=_offer_status(d["status"])
    ),
    Code.OFFER_AWAITING: _offer(
        N_("someone has already asked to take offer #{offer}; a captain is deciding")
    ),
    Code.OFFER_NEEDS_CAPTAIN: _offer(
        N_("offer #{offer} is a captain's place the shift needs; only a captain can take it")
    ),
    Code.OFFER_NOT_PENDING: lambda d: _("swap offer #{offer} is not waiting for a captain ({status})").format(
        offer=d["offer_id"], status=_offer_status(d["status"])
    ),
    Code.APPROVE_OWN_TAKE: _offer(
        N_("you asked to take offer #{offer} yourself, so another captain decides on it")
    ),
    Code.OFFER_NOT_YOURS: _offer(
        N_("swap offer #{offer} is not yours; only its member or a captain can take it back")
    ),
    Code.NOT_A_DUTY: _id(
        N_("shift #{id} is a picket shift: its check-ins count as they are, nothing to confirm")
    ),
    Code.DUTY_CONFIRM_OWN: _id(N_("you can't confirm your own hours on shift #{id}; ask another captain")),
    Code.NOTHING_TO_CONFIRM: _nothing_to_confirm,
}

_OFFER_STATUS = {
    "open": N_("open"),
    "pending": N_("waiting for a captain"),
    "taken": N_("already taken"),
    "waitlist": N_("it went to the waitlist"),
    "expired": N_("nobody took it in time"),
    "withdrawn": N_("withdrawn"),
    "void": N_("the place it offered is gone"),
}


def _offer_status(status: str) -> str:
    return _(_OFFER_STATUS[status]) if status in _OFFER_STATUS else status


def words(refusal: PicketError) -> str:
    """The refusal as storage's rules would say it, in lower case and without a full stop."""
    return SENTENCES[refusal.code](refusal.details)


def sentence(text: str) -> str:
    """A one-line error: capitalised, ended with a full stop, pinging no one."""
    text = no_pings(text)
    return text[:1].upper() + text[1:] + ("" if text.endswith((".", "?", ")")) else ".")


def register_errors(registry: Registry) -> None:
    """The storage layer's refusals (a full shift, an unknown site) become one-line errors.

    Declared once for the registry rather than by wrapping each handler: a
    wrapper is one more coroutine frame on every command, sign-up storms
    included.
    """
    registry.translate_errors(PicketError, _command_error)


def _command_error(error: Exception) -> Exception:
    assert isinstance(error, PicketError)
    kind = NotFound if isinstance(error, PicketNotFound) else CommandError
    return kind(sentence(words(error)))
