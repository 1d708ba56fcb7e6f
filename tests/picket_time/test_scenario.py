"""The issue's scenario through the real picket commands: sign-ups, check-in, hours = CSV, reminders."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

from bot.app import App
from bot.picket.exports import hours_csv
from bot.picket.reminders import start_reminders
from commands.periods import utc_bounds, week_containing
from commands.reply import Reply
from commands.roles import Role
from storage.picket import hours as hour_store
from tests.helpers import CHANNEL, FakeClock, actor
from tests.picket_time.test_reminders import RecordingSender, until

ORGANIZER = actor("Olu", Role.ORGANIZER)
CAPTAIN = actor("Cat", Role.CAPTAIN)
ANA, BOB, CY = actor("Ana"), actor("Bob"), actor("Cy")


async def ok(app: App, who: object, line: str) -> Reply:
    reply = await app.dispatcher.handle_text(who, CHANNEL, line)  # type: ignore[arg-type]
    assert not reply.is_error, f"{line}: {reply.text}"
    return reply


async def test_sign_ups_check_ins_hours_csv_and_reminders(app: App, clock: FakeClock) -> None:
    sender = RecordingSender()
    app.add_sender(sender)
    await app.start_background((start_reminders,))
    # Sunday 1 Nov, 20:00 PST: a week of shifts from Monday, the day after DST ends.
    await ok(
        app,
        ORGANIZER,
        '/picket site add "Netflix Sunset Gate" address="5808 Sunset Blvd" tz=America/Los_Angeles',
    )
    await ok(app, ORGANIZER, '/picket shift add "Netflix Sunset Gate" mon-fri 09:00-12:00 capacity=2 weeks=1')
    for who in (ANA, BOB, CY):
        await ok(app, who, "/picket signup 1")
        await ok(app, who, "/picket signup 2")

    def reminded() -> list[str]:
        return sorted(m.target_id for m in sender.sent if m.kind == "reminder")

    # Monday's shift is 13 hours away: its 24-hour reminder goes to the confirmed at once, not the waitlisted.
    await until(lambda: reminded() == ["ana", "bob"])
    await ok(app, BOB, "/picket cancel 1")  # Cy is promoted on shift 1, and reminded in turn
    await until(lambda: reminded() == ["ana", "bob", "cy"])
    keys = [m.dedupe_key for m in sender.sent if m.kind == "reminder"]
    assert len(set(keys)) == 3

    clock.advance(hours=13, minutes=5)  # Monday 09:05 PST
    await ok(app, CAPTAIN, "/picket checkin 1 Ana present")
    await ok(app, CAPTAIN, "/picket checkin 1 Cy no-show")
    await ok(app, CAPTAIN, "/picket checkin 1 <@dee> walk-in")  # not signed up: came anyway
    clock.advance(days=1)  # Tuesday 09:05 PST
    await ok(app, CAPTAIN, "/picket checkin 2 Ana present")
    await ok(app, CAPTAIN, "/picket checkin 2 Bob present")

    today = clock.now.astimezone(app.services.settings.timezone).date()
    start, end = utc_bounds(*week_containing(today), app.services.settings.timezone)
    rows = list(csv.DictReader(io.StringIO(hours_csv(await hour_store.attendance(app.db, start, end)))))
    from_csv: dict[str, Decimal] = {}
    for row in rows:
        from_csv[row["member"]] = from_csv.get(row["member"], Decimal(0)) + Decimal(row["hours"])
    assert from_csv == {"Ana": Decimal("6.00"), "Bob": Decimal("3.00"), "dee": Decimal("3.00")}
    for name, total in (*from_csv.items(), ("Cy", Decimal("0.00"))):
        reply = await ok(app, CAPTAIN, f"/picket hours {name}")
        assert reply.text.startswith(f"{total} hours over"), reply.text
    eligibility = await ok(app, CAPTAIN, "/picket eligibility")
    assert "• Cy: 0.00 h, 0 shifts: no" in eligibility.text
