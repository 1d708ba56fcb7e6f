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
from commands.picket.moments import label, when
from commands.registry import Registry
from commands.text import no_pings
from storage.picket.common import duration_text
from storage.picket.refusals import Code, PicketError, PicketNotFound

Details = Mapping[str, Any]


def _overlaps(d: Details) -> str:
    other = d["other"]
    return (
        f"you're already signed up for shift {label(other)}, which overlaps this one "
        f"(cancel it first with /picket cancel {other.id})"
    )


def _not_open(d: Details) -> str:
    return f"check-in for shift #{d['shift_id']} opens {d['minutes']} minutes before it starts ({when(d['shift'])})"


SENTENCES: dict[Code, Callable[[Details], str]] = {
    # sites
    Code.UNKNOWN_ZONE: lambda d: (
        f"unknown time zone {d['zone'][:60]!r} (use an IANA name like America/Los_Angeles)"
    ),
    Code.SITE_NAME_LENGTH: lambda d: f"a site name has 1 to {d['most']} characters",
    Code.SITE_NAME_IS_NUMBER: lambda d: "a site name can't be a number (numbers name shifts)",
    Code.SITE_EXISTS: lambda d: f"there is already a site called {d['name']}" + (" (closed)" * d["closed"]),
    Code.NO_SITE_NAMED: lambda d: f"there is no site called {d['name'][:60]!r} (see /picket sites)",
    Code.NO_SITE: lambda d: f"there is no site #{d['site_id']}",
    Code.SITE_ALREADY_CLOSED: lambda d: f"site {d['site']} is already closed",
    Code.MOVE_TO_SAME_SITE: lambda d: "a site's shifts can't move to the same site",
    Code.MOVE_TO_CLOSED_SITE: lambda d: f"site {d['site']} is closed too",
    Code.SITE_CLOSED: lambda d: f"site {d['site']} is closed",
    # shifts
    Code.NO_SHIFT: lambda d: f"there is no shift #{d['shift_id']} (see /picket shifts)",
    Code.CAPACITY_RANGE: lambda d: f"capacity must be between 1 and {d['most']:,}",
    Code.CAPTAINS_RANGE: lambda d: f"captains must be between 0 and the capacity ({d['capacity']})",
    Code.NO_SHIFTS_TO_ADD: lambda d: "no shifts to add",
    Code.TOO_MANY_SHIFTS: lambda d: f"that would add {d['count']} shifts; at most {d['most']} at once",
    Code.END_NOT_AFTER_START: lambda d: "the end must be after the start",
    Code.SHIFT_TOO_LONG: lambda d: f"a shift can last at most {d['hours']} hours",
    Code.STARTS_IN_PAST: lambda d: f"{d['day']} {d['start']:%H:%M} is in the past",
    Code.SHIFT_ALREADY_CANCELLED: lambda d: f"shift #{d['shift_id']} is already cancelled",
    Code.SHIFT_CANCELLED: lambda d: f"shift #{d['shift_id']} is cancelled",
    Code.SHIFT_OVER: lambda d: f"shift #{d['shift_id']} is already over",
    Code.CAPACITY_BELOW_CONFIRMED: lambda d: (
        f"shift #{d['shift_id']} has {d['confirmed']} confirmed, so its capacity can't go below "
        f"{d['confirmed']} (ask people to cancel first, or cancel the shift)"
    ),
    # sign-ups
    Code.SIGNUP_CLOSED: lambda d: f"sign-up for shift #{d['shift_id']} closed when it started",
    Code.ALREADY_SIGNED_UP: lambda d: f"you're already signed up for shift #{d['shift_id']}",
    Code.ALREADY_WAITLISTED: lambda d: (
        f"you're already on the waitlist for shift #{d['shift_id']} (position {d['position']})"
    ),
    Code.OVERLAPS: _overlaps,
    Code.NOT_SIGNED_UP: lambda d: f"you're not signed up for shift #{d['shift_id']}",
    Code.SHIFT_STARTED: lambda d: f"shift #{d['shift_id']} has started; tell your captain instead",
    # check-ins
    Code.CHECKIN_NOT_OPEN: _not_open,
    Code.CHECKIN_OVER: lambda d: f"shift #{d['shift_id']} is over; ask a captain to record your check-in",
    Code.SELF_CHECKIN_NOT_CONFIRMED: lambda d: (
        f"you're {'on the waitlist' if d['waitlisted'] else 'not signed up'} for shift #{d['shift_id']};"
        " a captain can record you as a walk-in"
    ),
    Code.CODE_REQUIRED: lambda d: (
        f"shift #{d['shift_id']} checks in by code: type /picket checkin CODE with the code your captain shows"
    ),
    Code.NOT_CHECKED_IN: lambda d: (
        f"{'you are' if d['by_self'] else 'they are'} not checked in on shift #{d['shift_id']}"
    ),
    Code.ALREADY_LEFT: lambda d: f"already recorded as left early from shift #{d['shift_id']}",
    Code.NOT_PRESENT_NOW: lambda d: "they are not checked in at a shift under way now (see /picket now)",
    Code.ALREADY_THERE: lambda d: f"they are already checked in at shift #{d['shift_id']}",
    Code.NOT_UNDER_WAY: lambda d: (
        f"shift #{d['shift_id']} is not under way now: only a shift under way can be short now (see /picket now)"
    ),
    Code.MOVE_OTHER_DAY: lambda d: (
        f"shift #{d['shift_id']} is on another day than the shift they are checked in at"
    ),
    Code.CHECKIN_NOT_SIGNED_UP: lambda d: (
        f"they're not signed up for shift #{d['shift_id']}; record them as walk-in"
    ),
    Code.ALREADY_CHECKED_IN: lambda d: f"you're already checked in for shift #{d['shift_id']}",
    # members
    Code.NO_MEMBER: lambda d: f"there is no member #{d['member_id']}",
    # confirming a place, swaps, duties
    Code.CONFIRM_WAITLISTED: lambda d: (
        f"you're on the waitlist for shift #{d['shift_id']} (position {d['position']}): nothing to confirm"
        " yet; you'll get a message if a place opens"
    ),
    Code.PROMOTION_LAPSED: lambda d: (
        f"your place on shift #{d['shift_id']} went to the next in line because it wasn't confirmed in"
        f" time (sign up again with /picket signup {d['shift_id']})"
    ),
    Code.CONFIRM_RELEASED: lambda d: (
        f"you released your place on shift #{d['shift_id']} (or left its waitlist), so there's nothing to"
        " confirm; "
        + (
            f"to come after all, sign up again: /picket signup {d['shift_id']}"
            if d["open"]
            else f"it's full now: /picket signup {d['shift_id']} puts you on the waitlist"
        )
    ),
    Code.NO_OFFER: lambda d: f"there is no swap offer #{d['offer_id']} (see /picket swap list)",
    Code.OFFER_NOT_PLACE: lambda d: (
        f"you have no place on shift #{d['shift_id']} to offer"
        + (" (you're on its waitlist)" if d["waitlisted"] else "")
    ),
    Code.OFFER_TOO_LATE: lambda d: (
        f"shift #{d['shift_id']} starts within {duration_text(timedelta(minutes=d['minutes']))}, too late for a swap"
        f" (give your place to the waitlist now with /picket release {d['shift_id']})"
    ),
    Code.ALREADY_OFFERED: lambda d: (
        f"your place on shift #{d['shift_id']} is already offered (offer #{d['offer_id']};"
        f" take it back with /picket swap cancel {d['offer_id']})"
    ),
    Code.OFFER_OWN: lambda d: f"offer #{d['offer_id']} is your own (take it back with /picket swap cancel)",
    Code.OFFER_GONE: lambda d: (
        f"swap offer #{d['offer_id']} is no longer open ({_offer_status(d['status'])})"
    ),
    Code.OFFER_AWAITING: lambda d: (
        f"someone has already asked to take offer #{d['offer_id']}; a captain is deciding"
    ),
    Code.OFFER_NEEDS_CAPTAIN: lambda d: (
        f"offer #{d['offer_id']} is a captain's place the shift needs; only a captain can take it"
    ),
    Code.OFFER_NOT_PENDING: lambda d: (
        f"swap offer #{d['offer_id']} is not waiting for a captain ({_offer_status(d['status'])})"
    ),
    Code.APPROVE_OWN_TAKE: lambda d: (
        f"you asked to take offer #{d['offer_id']} yourself, so another captain decides on it"
    ),
    Code.OFFER_NOT_YOURS: lambda d: (
        f"swap offer #{d['offer_id']} is not yours; only its member or a captain can take it back"
    ),
    Code.NOT_A_DUTY: lambda d: (
        f"shift #{d['shift_id']} is a picket shift: its check-ins count as they are, nothing to confirm"
    ),
    Code.DUTY_CONFIRM_OWN: lambda d: (
        f"you can't confirm your own hours on shift #{d['shift_id']}; ask another captain"
    ),
    Code.NOTHING_TO_CONFIRM: lambda d: (
        f"{'they have' if d['named'] else 'nobody has'} a check-in waiting for confirmation on shift"
        f" #{d['shift_id']}"
    ),
}

_OFFER_STATUS = {
    "open": "open",
    "pending": "waiting for a captain",
    "taken": "already taken",
    "waitlist": "it went to the waitlist",
    "expired": "nobody took it in time",
    "withdrawn": "withdrawn",
    "void": "the place it offered is gone",
}


def _offer_status(status: str) -> str:
    return _OFFER_STATUS.get(status, status)


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
