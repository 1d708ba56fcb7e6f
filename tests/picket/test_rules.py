"""The picket rules on their own: plain values in, decisions out, no database.

The same rules run inside every storage write (see tests/picket/test_storage.py
for them on a real SQLite file); here each is called directly, as another
storage backend would call it.
"""

from __future__ import annotations

import dataclasses
from contextlib import AbstractContextManager
from datetime import UTC, datetime, timedelta

import pytest

from storage.picket import checkin_rules, shift_rules, signup_rules, site_rules
from storage.picket.model import Recipient, Shift, Site, Waiting
from storage.picket.refusals import Code, PicketError, PicketNotFound
from storage.picket.signup_rules import Identity, KnownMember, LiveSignup, SignupBook, SignupRequest

NOW = datetime(2026, 10, 26, 15, 0, tzinfo=UTC)
STARTS = datetime(2026, 10, 27, 16, 0, tzinfo=UTC)  # Tue 09:00 in Los Angeles (PDT)


def shift(
    shift_id: int = 1, *, capacity: int = 3, captains_needed: int = 0, hours: float = 0, **counts: int
) -> Shift:
    starts = STARTS + timedelta(hours=hours)
    return Shift(
        id=shift_id, site_id=1, site_name="Sunset Gate", timezone="America/Los_Angeles",
        starts_at=starts, ends_at=starts + timedelta(hours=3), local_date="2026-10-27",
        local_start="09:00", local_end="12:00", capacity=capacity, captains_needed=captains_needed,
        notes="", series_id=None, cancelled_at=None, cancel_reason=None, site_closed=False,
        site_platform="console", site_channel_id="picket-line",
        confirmed=counts.get("confirmed", 0), captains=counts.get("captains", 0),
        waitlisted=counts.get("waitlisted", 0),
    )  # fmt: skip


def site(site_id: int, name: str, timezone: str = "America/Los_Angeles", *, closed: bool = False) -> Site:
    return Site(
        site_id, name, "", timezone, "", "console", f"{name.lower()}-line", "2026-10-01",
        "2026-10-02" if closed else None, None,
    )  # fmt: skip


def waiting(signup_id: int, role: str = "member") -> Waiting:
    name = f"W{signup_id}"
    return Waiting(signup_id, role, name, Recipient(signup_id, "console", name.lower()))  # type: ignore[arg-type]


def refused(code: Code) -> AbstractContextManager[pytest.ExceptionInfo[PicketError]]:
    return pytest.raises(PicketError, match=f"^{code} |^{code}$")


def test_a_freed_member_place_skips_a_member_place_still_held_for_captains() -> None:
    # Three places, one held for a captain; two members confirmed: the open place is the captain's.
    full = shift(capacity=3, captains_needed=1, confirmed=2, waitlisted=3)
    line = [waiting(10), waiting(11, "captain"), waiting(12)]
    promoted = shift_rules.promotions(full, line, NOW)
    assert [p.signup_id for p in promoted] == [
        11
    ]  # the member ahead of the captain keeps their place in line
    after = shift_rules.after_promotions(full, promoted)
    assert (after.confirmed, after.captains, after.waitlisted) == (3, 1, 2)
    # Raise the capacity by one and the first member in line gets the new place too.
    bigger = dataclasses.replace(full, capacity=4)
    assert [p.signup_id for p in shift_rules.promotions(bigger, line, NOW)] == [10, 11]


def test_no_one_is_promoted_onto_a_shift_that_started_was_cancelled_or_whose_site_closed() -> None:
    line = [waiting(10)]
    open_place = shift(capacity=2, confirmed=1, waitlisted=1)
    assert len(shift_rules.promotions(open_place, line, NOW)) == 1
    assert shift_rules.promotions(open_place, line, STARTS) == []
    assert shift_rules.promotions(dataclasses.replace(open_place, cancelled_at="x"), line, NOW) == []
    assert shift_rules.promotions(dataclasses.replace(open_place, site_closed=True), line, NOW) == []
    assert not shift_rules.has_open_place(shift(capacity=2, confirmed=2), NOW)


def test_editing_places_refuses_what_would_overbook() -> None:
    busy = shift(capacity=5, confirmed=3)
    with refused(Code.CAPACITY_BELOW_CONFIRMED) as found:
        shift_rules.edited(busy, NOW, capacity=2, captains=None, notes=None)
    assert found.value.details == {"shift_id": 1, "confirmed": 3}
    with refused(Code.CAPTAINS_RANGE):
        shift_rules.edited(busy, NOW, capacity=None, captains=6, notes=None)
    with refused(Code.SHIFT_OVER):
        shift_rules.edited(busy, STARTS + timedelta(hours=3), capacity=6, captains=None, notes=None)
    edited = shift_rules.edited(busy, NOW, capacity=3, captains=1, notes="water")
    assert (edited.capacity, edited.captains_needed, edited.notes, edited.confirmed) == (3, 1, "water", 3)


def test_a_moved_shift_keeps_its_instants_and_takes_the_new_sites_wall_clock() -> None:
    moved = shift_rules.moved(shift(), site(2, "Times Square", "America/New_York"))
    assert (moved.starts_at, moved.ends_at) == (STARTS, STARTS + timedelta(hours=3))
    assert (moved.local_date, moved.local_start, moved.local_end) == ("2026-10-27", "12:00", "15:00")
    assert (moved.site_id, moved.site_name, moved.site_channel_id) == (2, "Times Square", "times square-line")
    assert moved.label == "#1 Times Square, Tue 2026-10-27 12:00–15:00 EDT"


def test_closing_a_site_checks_where_its_shifts_go() -> None:
    gate, gower = site(1, "Gate"), site(2, "Gower")
    with pytest.raises(PicketNotFound, match=r"^no-site site_id=9"):
        site_rules.check_close(9, None, None, None)
    with refused(Code.SITE_ALREADY_CLOSED):
        site_rules.check_close(1, site(1, "Gate", closed=True), None, None)
    with refused(Code.MOVE_TO_SAME_SITE):
        site_rules.check_close(1, gate, 1, gate)
    with refused(Code.MOVE_TO_CLOSED_SITE):
        site_rules.check_close(1, gate, 2, site(2, "Gower", closed=True))
    assert site_rules.check_close(1, gate, 2, gower) is gate
    with refused(Code.SITE_NAME_IS_NUMBER):
        site_rules.check_name(" 42 ")
    assert site_rules.check_name("  Gower Gulch ") == "Gower Gulch"


def test_check_in_windows() -> None:
    on = shift()

    def check(
        now: datetime, *, signup: str | None = "confirmed", by_self: bool = True, before: str | None = None
    ) -> None:
        checkin_rules.check(
            on, signup=signup, before=before, status="present", by_self=by_self, now=now, opens_minutes=15
        )

    with refused(Code.CHECKIN_NOT_OPEN):
        check(STARTS - timedelta(minutes=16))
    check(STARTS - timedelta(minutes=15))
    with refused(Code.CHECKIN_OVER):
        check(on.ends_at + timedelta(seconds=1))
    check(on.ends_at + timedelta(hours=1), by_self=False)  # a captain records afterwards
    with pytest.raises(PicketError, match="waitlisted=True"):
        check(STARTS, signup="waitlisted")
    with refused(Code.CHECKIN_NOT_SIGNED_UP):
        check(STARTS, signup=None, by_self=False)
    with refused(Code.ALREADY_CHECKED_IN):
        check(STARTS, before="present")


def book(*shifts: Shift, live: dict[int, list[LiveSignup]] | None = None) -> SignupBook:
    known = {("console", "ana"): KnownMember(7, "Ana", False)}
    return SignupBook(
        known=known, shifts={s.id: s for s in shifts}, live=live or {}, next_signup=100, next_member=8
    )


def request(
    shift_id: int, who: Identity | int, role: str = "member", *, overlap: bool = True
) -> SignupRequest:
    return SignupRequest(shift_id, who, role, NOW, overlap)  # type: ignore[arg-type]


def test_a_book_gives_places_then_waitlist_positions_and_keeps_its_counts() -> None:
    pages = book(shift(1, capacity=2, captains_needed=1))
    ana, bo, cy = (Identity("console", n, n.title()) for n in ("ana", "bo", "cy"))
    first = pages.decide(request(1, ana))
    second = pages.decide(request(1, bo))  # the last place is held for a captain
    captain = pages.decide(request(1, cy, "captain"))
    assert [(r.signup_id, r.status, r.position) for r in (first, second, captain)] == [
        (100, "confirmed", None), (101, "waitlisted", 1), (102, "confirmed", None),
    ]  # fmt: skip
    assert (captain.shift.confirmed, captain.shift.captains, captain.shift.waitlisted) == (2, 1, 1)
    # Ana was known (and is renamed); Bo and Cy are new rows, numbered after the highest id.
    assert pages.renamed == {}
    assert [row[0] for row in pages.new_members] == [8, 9]
    with refused(Code.ALREADY_WAITLISTED) as again:
        pages.decide(request(1, bo))
    assert again.value.details["position"] == 1
    assert len(pages.signup_rows) == 3  # a refusal adds no row


def test_a_book_refuses_an_overlap_unless_told_not_to_and_names_the_other_shift() -> None:
    morning, noon = shift(1), shift(2, hours=2)
    pages = book(
        morning, noon, live={7: [LiveSignup(50, 1, "confirmed", morning.starts_at, morning.ends_at, False)]}
    )
    with refused(Code.OVERLAPS) as clash:
        pages.decide(request(2, 7))
    assert clash.value.details == {"shift_id": 2, "other_id": 1}  # storage loads the other shift to explain
    assert pages.decide(request(2, 7, overlap=False)).status == "confirmed"
    with refused(Code.ALREADY_SIGNED_UP):
        pages.decide(request(1, 7))
    with pytest.raises(PicketNotFound, match=r"^no-shift shift_id=3"):
        pages.decide(request(3, 7))
    with refused(Code.SIGNUP_CLOSED):
        signup_rules.check_open(morning, STARTS)


def test_leaving_and_forgetting() -> None:
    on = shift(capacity=2, confirmed=2, captains=1, waitlisted=1)
    with refused(Code.NOT_SIGNED_UP):
        signup_rules.check_leave(on, None, NOW)
    with refused(Code.SHIFT_STARTED):
        signup_rules.check_leave(on, "confirmed", STARTS)
    signup_rules.check_leave(
        dataclasses.replace(on, cancelled_at="x"), "confirmed", STARTS
    )  # a called-off shift
    left = on.left("captain", "confirmed")
    assert (left.confirmed, left.captains, left.waitlisted) == (1, 0, 1)
    held = [
        signup_rules.Held(1, 1, "member", "confirmed", STARTS - timedelta(days=2)),
        signup_rules.Held(2, 2, "member", "waitlisted", STARTS),
    ]
    assert [h.signup_id for h in signup_rules.to_forget(held, NOW)] == [2]
