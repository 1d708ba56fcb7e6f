"""Every reason code storage refuses with reads as the sentence members saw before codes existed."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

from commands.markup import plain
from commands.picket.refusals import SENTENCES, sentence, words
from storage.picket.model import Shift
from storage.picket.refusals import Code, PicketError

STARTS = datetime(2026, 10, 27, 16, 0, tzinfo=UTC)
OTHER = Shift(
    id=4, site_id=1, site_name="Sunset Gate", timezone="America/Los_Angeles", starts_at=STARTS,
    ends_at=STARTS.replace(hour=19), local_date="2026-10-27", local_start="09:00", local_end="12:00",
    capacity=5, captains_needed=0, notes="", series_id=None, cancelled_at=None, cancel_reason=None,
    site_closed=False, site_platform=None, site_channel_id=None, confirmed=0, captains=0, waitlisted=0,
)  # fmt: skip

#: (code, details, the sentence the rule used to raise)
EXPECTED: list[tuple[Code, dict[str, object], str]] = [
    (Code.UNKNOWN_ZONE, {"zone": "Mars/Olympus"},
     "unknown time zone 'Mars/Olympus' (use an IANA name like America/Los_Angeles)"),
    (Code.SITE_NAME_LENGTH, {"most": 100}, "a site name has 1 to 100 characters"),
    (Code.SITE_NAME_IS_NUMBER, {}, "a site name can't be a number (numbers name shifts)"),
    (Code.SITE_EXISTS, {"name": "Gower", "closed": True}, "there is already a site called Gower (closed)"),
    (Code.NO_SITE_NAMED, {"name": "Nowhere"}, "there is no site called 'Nowhere' (see /picket sites)"),
    (Code.NO_SITE, {"site_id": 9}, "there is no site #9"),
    (Code.SITE_ALREADY_CLOSED, {"site": "Gower"}, "site Gower is already closed"),
    (Code.MOVE_TO_SAME_SITE, {}, "a site's shifts can't move to the same site"),
    (Code.MOVE_TO_CLOSED_SITE, {"site": "Gower"}, "site Gower is closed too"),
    (Code.SITE_CLOSED, {"site": "Gower"}, "site Gower is closed"),
    (Code.NO_SHIFT, {"shift_id": 999}, "there is no shift #999 (see /picket shifts)"),
    (Code.CAPACITY_RANGE, {"most": 10_000}, "capacity must be between 1 and 10,000"),
    (Code.CAPTAINS_RANGE, {"capacity": 5}, "captains must be between 0 and the capacity (5)"),
    (Code.NO_SHIFTS_TO_ADD, {}, "no shifts to add"),
    (Code.TOO_MANY_SHIFTS, {"count": 401, "most": 400}, "that would add 401 shifts; at most 400 at once"),
    (Code.END_NOT_AFTER_START, {}, "the end must be after the start"),
    (Code.SHIFT_TOO_LONG, {"hours": 24}, "a shift can last at most 24 hours"),
    (Code.STARTS_IN_PAST, {"day": date(2026, 10, 20), "start": time(9)}, "2026-10-20 09:00 is in the past"),
    (Code.SHIFT_ALREADY_CANCELLED, {"shift_id": 4}, "shift #4 is already cancelled"),
    (Code.SHIFT_CANCELLED, {"shift_id": 4}, "shift #4 is cancelled"),
    (Code.SHIFT_OVER, {"shift_id": 4}, "shift #4 is already over"),
    (Code.CAPACITY_BELOW_CONFIRMED, {"shift_id": 4, "confirmed": 2},
     "shift #4 has 2 confirmed, so its capacity can't go below 2 (ask people to cancel first, or cancel the shift)"),
    (Code.SIGNUP_CLOSED, {"shift_id": 4}, "sign-up for shift #4 closed when it started"),
    (Code.ALREADY_SIGNED_UP, {"shift_id": 4}, "you're already signed up for shift #4"),
    (Code.ALREADY_WAITLISTED, {"shift_id": 4, "signup_id": 8, "position": 2},
     "you're already on the waitlist for shift #4 (position 2)"),
    (Code.OVERLAPS, {"shift_id": 5, "other_id": 4, "other": OTHER},
     "you're already signed up for shift #4 Sunset Gate, Tue 2026-10-27 09:00–12:00 PDT, which overlaps"
     " this one (cancel it first with /picket cancel 4)"),
    (Code.NOT_SIGNED_UP, {"shift_id": 4}, "you're not signed up for shift #4"),
    (Code.SHIFT_STARTED, {"shift_id": 4}, "shift #4 has started; tell your captain instead"),
    (Code.CHECKIN_NOT_OPEN, {"shift_id": 4, "minutes": 15, "shift": OTHER},
     "check-in for shift #4 opens 15 minutes before it starts (Tue 2026-10-27 09:00–12:00 PDT)"),
    (Code.CHECKIN_OVER, {"shift_id": 4}, "shift #4 is over; ask a captain to record your check-in"),
    (Code.SELF_CHECKIN_NOT_CONFIRMED, {"shift_id": 4, "waitlisted": True},
     "you're on the waitlist for shift #4; a captain can record you as a walk-in"),
    (Code.SELF_CHECKIN_NOT_CONFIRMED, {"shift_id": 4, "waitlisted": False},
     "you're not signed up for shift #4; a captain can record you as a walk-in"),
    (Code.CHECKIN_NOT_SIGNED_UP, {"shift_id": 4}, "they're not signed up for shift #4; record them as walk-in"),
    (Code.ALREADY_CHECKED_IN, {"shift_id": 4}, "you're already checked in for shift #4"),
    (Code.CODE_REQUIRED, {"shift_id": 4},
     "shift #4 checks in by code: type /picket checkin CODE with the code your captain shows"),
    (Code.NOT_CHECKED_IN, {"shift_id": 4, "by_self": True}, "you are not checked in on shift #4"),
    (Code.NOT_CHECKED_IN, {"shift_id": 4, "by_self": False}, "they are not checked in on shift #4"),
    (Code.ALREADY_LEFT, {"shift_id": 4}, "already recorded as left early from shift #4"),
    (Code.NOT_PRESENT_NOW, {}, "they are not checked in at a shift under way now (see /picket now)"),
    (Code.ALREADY_THERE, {"shift_id": 4}, "they are already checked in at shift #4"),
    (Code.NOT_UNDER_WAY, {"shift_id": 4},
     "shift #4 is not under way now: only a shift under way can be short now (see /picket now)"),
    (Code.MOVE_OTHER_DAY, {"shift_id": 4}, "shift #4 is on another day than the shift they are checked in at"),
    (Code.NO_MEMBER, {"member_id": 3}, "there is no member #3"),
    (Code.CONFIRM_WAITLISTED, {"shift_id": 4, "position": 2},
     "you're on the waitlist for shift #4 (position 2): nothing to confirm yet; you'll get a message if a"
     " place opens"),
    (
        Code.CONFIRM_RELEASED,
        {"shift_id": 4, "open": True},
        "you released your place on shift #4 (or left its waitlist), so there's nothing to confirm;"
        " to come after all, sign up again: /picket signup 4",
    ),
    (Code.PROMOTION_LAPSED, {"shift_id": 4},
     "your place on shift #4 went to the next in line because it wasn't confirmed in time (sign up again"
     " with /picket signup 4)"),
    (Code.NO_OFFER, {"offer_id": 7}, "there is no swap offer #7 (see /picket swap list)"),
    (Code.OFFER_NOT_PLACE, {"shift_id": 4, "waitlisted": True},
     "you have no place on shift #4 to offer (you're on its waitlist)"),
    (Code.OFFER_TOO_LATE, {"shift_id": 4, "minutes": 120},
     "shift #4 starts within 2 h, too late for a swap (give your place to the waitlist now with"
     " /picket release 4)"),
    (Code.ALREADY_OFFERED, {"shift_id": 4, "offer_id": 7},
     "your place on shift #4 is already offered (offer #7; take it back with /picket swap cancel 7)"),
    (Code.OFFER_OWN, {"offer_id": 7}, "offer #7 is your own (take it back with /picket swap cancel)"),
    (Code.OFFER_GONE, {"offer_id": 7, "status": "taken"}, "swap offer #7 is no longer open (already taken)"),
    (Code.OFFER_AWAITING, {"offer_id": 7},
     "someone has already asked to take offer #7; a captain is deciding"),
    (Code.OFFER_NEEDS_CAPTAIN, {"offer_id": 7},
     "offer #7 is a captain's place the shift needs; only a captain can take it"),
    (Code.OFFER_NOT_PENDING, {"offer_id": 7, "status": "open"},
     "swap offer #7 is not waiting for a captain (open)"),
    (Code.APPROVE_OWN_TAKE, {"offer_id": 7},
     "you asked to take offer #7 yourself, so another captain decides on it"),
    (Code.OFFER_NOT_YOURS, {"offer_id": 7},
     "swap offer #7 is not yours; only its member or a captain can take it back"),
    (Code.NOT_A_DUTY, {"shift_id": 4},
     "shift #4 is a picket shift: its check-ins count as they are, nothing to confirm"),
    (Code.DUTY_CONFIRM_OWN, {"shift_id": 4}, "you can't confirm your own hours on shift #4; ask another captain"),
    (Code.NOTHING_TO_CONFIRM, {"shift_id": 4, "named": False},
     "nobody has a check-in waiting for confirmation on shift #4"),
]  # fmt: skip


def test_every_code_has_words() -> None:
    assert set(SENTENCES) == set(Code)
    assert {code for code, _, _ in EXPECTED} == set(Code)


def test_each_refusal_reads_as_before() -> None:
    for code, details, expected in EXPECTED:
        assert plain(words(PicketError(code, **details))) == expected  # as the console shows them


def test_a_refusal_is_one_line_that_pings_no_one() -> None:
    refusal = PicketError(Code.SITE_EXISTS, name="@everyone", closed=False)
    shown = sentence(words(refusal))
    assert shown.startswith("There is already a site called @\u200beveryone") and shown.endswith(".")
