"""Storage-level picket rules on a real SQLite file: places, waitlist, notices, closures, check-in."""

from __future__ import annotations

from datetime import date, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.app import App
from bot.testing.clock import FakeClock
from commands.picket.notices import member_notices, site_closed_reason
from commands.when import localize
from storage import members
from storage.picket import checkins, privacy, shifts, signups, sites
from storage.picket.refusals import PicketError, PicketNotFound
from tests.helpers import START
from tests.picket.support import count

LA = ZoneInfo("America/Los_Angeles")


async def make_site(app: App, name: str = "Sunset Gate", channel: str | None = "picket-line") -> sites.Site:
    return await sites.add(
        app.db,
        name,
        timezone="America/Los_Angeles",
        platform="console",
        channel_id=channel,
        actor=None,
        now=START,
    )


def at(day: date, start: str = "09:00", end: str = "12:00") -> shifts.NewShift:
    t1, t2 = time.fromisoformat(start), time.fromisoformat(end)
    return shifts.NewShift(localize(day, t1, LA), localize(day, t2, LA), day, t1, t2)


TUESDAY = date(2026, 10, 27)


async def make_shift(app: App, capacity: int = 2, captains: int = 0, day: date = TUESDAY) -> shifts.Shift:
    site = await make_site(app) if not await sites.all_sites(app.db) else (await sites.all_sites(app.db))[0]
    [shift] = await shifts.add(
        app.db, site.id, [at(day)], capacity=capacity, captains=captains, notes="", actor=None, now=START
    )
    return shift


async def close(app: App, site: sites.Site, reason: str, *, move_to: int | None = None) -> sites.Closure:
    return await sites.close(
        app.db, site.id, reason, cancel_reason=site_closed_reason(site.name, reason), actor=None, now=START,
        notices=member_notices, move_to=move_to,
    )  # fmt: skip


async def member(app: App, name: str) -> int:
    return await members.ensure(app.db, "console", name.lower(), name)


async def test_site_names_are_unique_and_zones_checked(app: App) -> None:
    await make_site(app)
    with pytest.raises(PicketError, match=r"^site-exists"):
        await make_site(app, "sunset gate")
    with pytest.raises(PicketError, match=r"^unknown-zone"):
        await sites.add(app.db, "Gower", timezone="Mars/Olympus", actor=None, now=START)
    with pytest.raises(PicketError, match=r"^unknown-zone"):
        await sites.add(app.db, "Gower", timezone="../../etc/passwd", actor=None, now=START)
    assert await count(app.db, "sites") == 1
    assert (await sites.find(app.db, "SUNSET GATE")).name == "Sunset Gate"
    with pytest.raises(PicketNotFound):
        await sites.find(app.db, "nowhere")


async def test_bad_shifts_write_nothing(app: App) -> None:
    site = await make_site(app)
    past = date(2026, 10, 20)
    bad = [
        ([at(past)], 5, 0, "^starts-in-past"),
        ([at(TUESDAY, "12:00", "09:00")], 5, 0, "^end-not-after-start"),
        ([at(TUESDAY)], 0, 0, "^capacity-range"),
        ([at(TUESDAY)], 5, 6, "^captains-range"),
        ([], 5, 0, "^no-shifts-to-add"),
    ]
    for new, capacity, captains, message in bad:
        with pytest.raises(PicketError, match=message):
            await shifts.add(
                app.db, site.id, new, capacity=capacity, captains=captains, notes="", actor=None, now=START
            )
    # One bad occurrence in a series refuses the whole series.
    with pytest.raises(PicketError):
        await shifts.add(
            app.db, site.id, [at(TUESDAY), at(past)], capacity=5, captains=0, notes="", actor=None, now=START
        )
    assert await count(app.db, "shifts") == 0


async def test_full_shift_waitlists_and_cancel_promotes_with_a_notice(app: App) -> None:
    shift = await make_shift(app, capacity=2)
    ana, bo, cy, di = [await member(app, n) for n in ("Ana", "Bo", "Cy", "Di")]
    first = await signups.sign_up(app.db, shift.id, ana, now=START)
    second = await signups.sign_up(app.db, shift.id, bo, now=START)
    third = await signups.sign_up(app.db, shift.id, cy, now=START)
    fourth = await signups.sign_up(app.db, shift.id, di, now=START)
    assert (first.status, second.status) == ("confirmed", "confirmed")
    assert (third.status, third.position) == ("waitlisted", 1)
    assert (fourth.status, fourth.position) == ("waitlisted", 2)
    with pytest.raises(PicketError, match=r"^already-signed-up"):
        await signups.sign_up(app.db, shift.id, ana, now=START)
    with pytest.raises(PicketError, match=r"^already-waitlisted .*position=2"):
        await signups.sign_up(app.db, shift.id, di, now=START)

    result = await signups.cancel(app.db, shift.id, bo, now=START, notices=member_notices)
    assert [p.display_name for p in result.promoted] == ["Cy"]
    assert (result.shift.confirmed, result.shift.waitlisted) == (2, 1)
    notice = await app.db.fetchone("SELECT * FROM outbox")
    assert notice is not None
    assert notice["kind"] == "waitlist-promotion"
    assert (notice["platform"], notice["target_kind"], notice["target_id"]) == ("console", "user", "cy")
    assert notice["fallback_channel_id"] == "picket-line"
    assert notice["dedupe_key"] == f"promote:{third.signup_id}"
    assert "it's yours" in notice["body"] and "Please confirm you're coming" in notice["body"]
    buttons = await app.db.fetchall("SELECT command FROM outbox_buttons WHERE outbox_id = ?", (notice["id"],))
    assert [b["command"] for b in buttons] == [f"picket confirm {shift.id}", f"picket release {shift.id}"]
    # Di moved up the line.
    [mine] = await signups.mine(app.db, di, START)
    assert (mine.status, mine.position) == ("waitlisted", 1)
    # A waitlisted member leaving promotes no one.
    left = await signups.cancel(app.db, shift.id, di, now=START, notices=member_notices)
    assert left.was == "waitlisted" and left.promoted == []
    assert await count(app.db, "outbox") == 1


async def test_captain_places_are_held_for_captains(app: App) -> None:
    shift = await make_shift(app, capacity=3, captains=1)
    ana, bo, cy, cap = [await member(app, n) for n in ("Ana", "Bo", "Cy", "Cap")]
    assert (await signups.sign_up(app.db, shift.id, ana, now=START)).status == "confirmed"
    assert (await signups.sign_up(app.db, shift.id, bo, now=START)).status == "confirmed"
    # The last place waits for a captain.
    assert (await signups.sign_up(app.db, shift.id, cy, now=START)).status == "waitlisted"
    taken = await signups.sign_up(app.db, shift.id, cap, role="captain", now=START)
    assert taken.status == "confirmed"
    assert (taken.shift.confirmed, taken.shift.captains, taken.shift.captains_short) == (3, 1, 0)
    # Lowering the captain minimum does not free a place that is taken; raising capacity does.
    edited, promoted = await shifts.edit(
        app.db, shift.id, capacity=4, actor=None, now=START, notices=member_notices
    )
    assert [p.display_name for p in promoted] == ["Cy"] and edited.confirmed == 4


async def test_capacity_cannot_drop_below_confirmed(app: App) -> None:
    shift = await make_shift(app, capacity=3)
    for name in ("Ana", "Bo"):
        await signups.sign_up(app.db, shift.id, await member(app, name), now=START)
    with pytest.raises(PicketError, match=r"^capacity-below-confirmed .*confirmed=2"):
        await shifts.edit(app.db, shift.id, capacity=1, actor=None, now=START, notices=member_notices)
    edited, _ = await shifts.edit(app.db, shift.id, capacity=2, actor=None, now=START, notices=member_notices)
    assert edited.capacity == 2
    assert await count(app.db, "audit_log", "action = 'picket.shift.edit'") == 1


async def test_signup_rules_closed_cancelled_started_overlapping(app: App, clock: FakeClock) -> None:
    shift = await make_shift(app, capacity=5)
    site = await sites.find(app.db, "Sunset Gate")
    ana = await member(app, "Ana")
    await signups.sign_up(app.db, shift.id, ana, now=START)
    [overlapping] = await shifts.add(
        app.db,
        site.id,
        [at(TUESDAY, "11:00", "14:00")],
        capacity=5,
        captains=0,
        notes="",
        actor=None,
        now=START,
    )
    with pytest.raises(PicketError, match=r"^overlaps"):
        await signups.sign_up(app.db, overlapping.id, ana, now=START)
    # The rule is optional.
    allowed = await signups.sign_up(app.db, overlapping.id, ana, now=START, refuse_overlap=False)
    assert allowed.status == "confirmed"
    with pytest.raises(PicketError, match=r"^signup-closed"):
        await signups.sign_up(app.db, shift.id, await member(app, "Late"), now=shift.starts_at)
    await shifts.cancel(app.db, overlapping.id, "rain", actor=None, now=START, notices=member_notices)
    with pytest.raises(PicketError, match=r"^shift-cancelled"):
        await signups.sign_up(app.db, overlapping.id, await member(app, "Bo"), now=START)
    with pytest.raises(PicketNotFound, match=r"^no-shift shift_id=999"):
        await signups.sign_up(app.db, 999, ana, now=START)


async def test_shift_cancellation_notifies_everyone_on_it(app: App) -> None:
    shift = await make_shift(app, capacity=1)
    for name in ("Ana", "Bo"):
        await signups.sign_up(app.db, shift.id, await member(app, name), now=START)
    done = await shifts.cancel(
        app.db, shift.id, "permit revoked", actor=None, now=START, notices=member_notices
    )
    assert len(done.on_it) == 2 and done.shift.id == shift.id
    rows = await app.db.fetchall("SELECT kind, target_id, body FROM outbox ORDER BY id")
    assert [(r["kind"], r["target_id"]) for r in rows] == [
        ("shift-cancelled", "ana"),
        ("shift-cancelled", "bo"),
    ]
    assert all("permit revoked" in r["body"] for r in rows)
    with pytest.raises(PicketError, match=r"^shift-already-cancelled"):
        await shifts.cancel(app.db, shift.id, "", actor=None, now=START, notices=member_notices)
    assert await signups.mine(app.db, await member(app, "Ana"), START) == []


async def test_site_closure_cancels_or_moves_upcoming_shifts(app: App) -> None:
    shift = await make_shift(app, capacity=2)
    later = await make_shift(app, capacity=2, day=TUESDAY + timedelta(days=1))
    gower = await make_site(app, "Gower", channel="gower-line")
    ana = await member(app, "Ana")
    await signups.sign_up(app.db, shift.id, ana, now=START)
    await signups.sign_up(app.db, later.id, ana, now=START)
    sunset = await sites.find(app.db, "Sunset Gate")
    closure = await close(app, sunset, "heat", move_to=gower.id)
    assert (closure.moved, closure.cancelled, closure.notified) == (2, 0, 2)
    moved = await shifts.require(app.db, shift.id)
    assert moved.site_name == "Gower" and moved.starts_at == shift.starts_at and not moved.cancelled
    rows = await app.db.fetchall("SELECT kind, fallback_channel_id FROM outbox")
    assert {(r["kind"], r["fallback_channel_id"]) for r in rows} == {("shift-moved", "gower-line")}
    with pytest.raises(PicketError, match=r"^site-already-closed"):
        await close(app, sunset, "")
    with pytest.raises(PicketError, match=r"^site-closed"):
        await shifts.add(
            app.db, sunset.id, [at(TUESDAY)], capacity=1, captains=0, notes="", actor=None, now=START
        )

    closure = await close(app, gower, "safety")
    assert (closure.cancelled, closure.notified) == (2, 2)
    kinds = [r["kind"] for r in await app.db.fetchall("SELECT kind FROM outbox ORDER BY id")]
    assert kinds == ["shift-moved", "shift-moved", "site-closure", "site-closure"]
    assert await shifts.upcoming(app.db, START) == []


async def test_checkin_windows_and_walk_ins(app: App) -> None:
    shift = await make_shift(app, capacity=1)
    ana, bo, cap, dee = [await member(app, n) for n in ("Ana", "Bo", "Cap", "Dee")]
    await signups.sign_up(app.db, shift.id, ana, now=START)
    await signups.sign_up(app.db, shift.id, bo, now=START)  # waitlisted
    early = shift.starts_at - timedelta(minutes=16)
    with pytest.raises(PicketError, match=r"^checkin-not-open .*minutes=15"):
        await checkins.record(app.db, shift.id, ana, "present", recorded_by=ana, by_self=True, now=early)
    opened = shift.starts_at - timedelta(minutes=15)
    done = await checkins.record(app.db, shift.id, ana, "present", recorded_by=ana, by_self=True, now=opened)
    assert done.previous is None
    with pytest.raises(PicketError, match=r"^already-checked-in"):
        await checkins.record(app.db, shift.id, ana, "present", recorded_by=ana, by_self=True, now=opened)
    with pytest.raises(PicketError, match=r"^self-checkin-not-confirmed .*waitlisted=True"):
        await checkins.record(app.db, shift.id, bo, "present", recorded_by=bo, by_self=True, now=opened)
    with pytest.raises(PicketError, match=r"^checkin-over"):
        await checkins.record(
            app.db,
            shift.id,
            ana,
            "present",
            recorded_by=ana,
            by_self=True,
            now=shift.ends_at + timedelta(seconds=1),
        )
    # A captain records anyone, a walk-in without a sign-up, and can correct a record.
    with pytest.raises(PicketError, match=r"^checkin-not-signed-up"):
        await checkins.record(app.db, shift.id, dee, "present", recorded_by=cap, by_self=False, now=opened)
    await checkins.record(app.db, shift.id, dee, "walk-in", recorded_by=cap, by_self=False, now=opened)
    fixed = await checkins.record(
        app.db, shift.id, ana, "no-show", recorded_by=cap, by_self=False, now=opened
    )
    assert fixed.previous == "present"
    roster = await signups.roster(app.db, shift.id)
    assert [(e.display_name, e.checkin) for e in roster.confirmed] == [("Ana", "no-show")]
    assert [(e.display_name, e.position) for e in roster.waitlist] == [("Bo", 1)]
    assert [(e.display_name, e.checkin, e.role) for e in roster.walk_ins] == [("Dee", "walk-in", None)]
    assert await count(app.db, "audit_log", "action = 'picket.checkin'") == 3


async def test_forget_me_keeps_anonymous_checkins(app: App) -> None:
    past_shift = await make_shift(app, capacity=1)
    future = await make_shift(app, capacity=1, day=TUESDAY + timedelta(days=2))
    ana, bo = await member(app, "Ana"), await member(app, "Bo")
    await signups.sign_up(app.db, past_shift.id, ana, now=START)
    await signups.sign_up(app.db, future.id, ana, now=START)
    await signups.sign_up(app.db, future.id, bo, now=START)  # waitlisted behind Ana
    during = past_shift.starts_at
    await checkins.record(app.db, past_shift.id, ana, "present", recorded_by=ana, by_self=True, now=during)
    done = await privacy.forget_member(app.db, ana, now=during + timedelta(hours=4), notices=member_notices)
    assert done.cancelled == 1 and [p.display_name for p in done.promoted] == ["Bo"]
    row = await app.db.fetchone("SELECT * FROM members WHERE id = ?", (ana,))
    assert row is not None
    assert row["display_name"] == privacy.FORGOTTEN_NAME and row["forgotten_at"] is not None
    assert row["platform_user_id"].startswith("forgotten-") and "ana" not in row["platform_user_id"]
    assert await count(app.db, "checkins", f"member_id = {ana}") == 1
    assert await members.by_platform_id(app.db, "console", "ana") is None
    # Coming back makes a new, unrelated member.
    assert await member(app, "Ana") != ana
    assert await count(app.db, "outbox", "target_id = 'ana'") == 0
