"""Confirm or release: the reminder's "I'm coming" and "Release my place", and a place from the
waitlist that moves on to the next in line when it is not confirmed in time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.picket.deadlines import Deadlines
from bot.picket.reminders import ReminderScheduler, queue_due
from bot.testing.clock import FakeClock
from bot.testing.harness import TestBot
from bot.testing.people import actor
from tests.picket.support import CHANNEL, ORGANIZER
from tests.picket.test_swaps import STARTS, full_shift, on_shift, waiting

ANA, BO, CY, DEE = actor("Ana"), actor("Bo"), actor("Cy"), actor("Dee")


def deadlines(bot: TestBot) -> Deadlines:
    return Deadlines(bot.db, bot.app.services.settings)


async def test_the_reminder_carries_im_coming_and_release_my_place(bot: TestBot, clock: FakeClock) -> None:
    shift = await full_shift(bot)
    clock.set(STARTS.replace(hour=15))  # an hour before
    assert await queue_due(bot.db, clock(), (60,)) == 2
    reminders = {m.target_id: m for m in await bot.deliver() if m.kind == "reminder"}
    ana = reminders["ana"]
    assert [(b.label, b.command) for b in ana.buttons] == [
        ("I'm coming", f"picket confirm {shift}"),
        ("Release my place", f"picket release {shift}"),
    ]

    coming = await bot.app.dispatcher.handle_action(ANA, CHANNEL, "pb:" + ana.buttons[0].command)
    assert "Thanks for confirming" in coming.text
    assert "already said you're coming" in (await bot.ok(f"/picket confirm {shift}", as_=ANA)).text
    row = await bot.db.fetchone(
        "SELECT g.confirmed_at FROM signups g JOIN members m ON m.id = g.member_id WHERE m.display_name = 'Ana'"
    )
    assert row is not None and row[0] is not None

    released = await bot.app.dispatcher.handle_action(BO, CHANNEL, "pb:" + reminders["bo"].buttons[1].command)

    assert "the next person on the waitlist has it now" in released.text
    assert await on_shift(bot, shift) == ["Ana", "Cy"]  # at once, in the same step
    (told,) = [m for m in await bot.deliver() if m.kind != "shift-post"]
    # The shift starts within the hour it would have to confirm: the place is simply Cy's.
    assert (told.kind, told.target_id, told.title) == ("waitlist-promotion", "cy", "You're off the waitlist")
    assert await deadlines(bot).next_due_at(clock()) is None


async def test_a_place_not_confirmed_in_time_moves_to_the_next_in_line(
    bot: TestBot, clock: FakeClock
) -> None:
    shift = await full_shift(bot)
    await bot.ok(f"/picket signup {shift}", as_=DEE)  # second in line
    await bot.deliver()
    await bot.ok(f"/picket release {shift}", as_=BO)
    (asked,) = [m for m in await bot.deliver() if m.kind != "shift-post"]
    assert (asked.target_id, asked.title) == ("cy", "You're off the waitlist: confirm your place")
    assert "09:00 PDT (within 60 minutes)" in asked.body  # promoted at 08:00 PDT, Monday
    assert [b.label for b in asked.buttons] == ["I'm coming", "Release my place"]
    assert await deadlines(bot).next_due_at(clock()) == clock().replace(hour=16)
    mine = (await bot.ok("/picket mine", as_=CY)).text
    assert f"confirmed · confirm by Mon 2026-10-26 09:00 PDT (/picket confirm {shift})" in mine
    clock.advance(minutes=59)
    assert await deadlines(bot).run_due(clock()) == 0

    clock.advance(minutes=1)
    assert await deadlines(bot).run_due(clock()) == 1

    assert await on_shift(bot, shift) == ["Ana", "Dee"]
    assert await waiting(bot, shift) == []
    told = {m.target_id: m for m in await bot.deliver() if m.kind != "shift-post"}
    assert told["cy"].kind == "promotion-lapsed" and "so it went to the next person" in told["cy"].body
    # Nobody is behind Dee, so she isn't asked: the place is simply hers.
    assert told["dee"].title == "You're off the waitlist" and "confirm by" not in told["dee"].body
    late = await bot.reply(f"/picket confirm {shift}", as_=CY)
    assert late.is_error and "wasn't confirmed in time" in late.text
    assert "Thanks for confirming" in (await bot.ok(f"/picket confirm {shift}", as_=DEE)).text
    assert "confirm by" not in (await bot.ok("/picket mine", as_=DEE)).text
    clock.advance(hours=2)
    assert await deadlines(bot).run_due(clock()) == 0  # confirmed: Dee keeps it
    assert await on_shift(bot, shift) == ["Ana", "Dee"]


async def test_with_nobody_else_waiting_the_unconfirmed_place_stays(bot: TestBot, clock: FakeClock) -> None:
    shift = await full_shift(bot)
    await bot.ok(f"/picket cancel {shift}", as_=BO)  # Cy promoted, nobody behind her
    clock.advance(hours=1)
    assert await deadlines(bot).run_due(clock()) == 0
    assert await on_shift(bot, shift) == ["Ana", "Cy"]
    assert await deadlines(bot).next_due_at(clock()) is None  # no longer waiting to be confirmed
    waited = await bot.reply(f"/picket confirm {shift}", as_=DEE)
    assert waited.is_error and "not signed up" in waited.text


async def test_a_place_nobody_else_waits_for_is_not_asked_to_be_confirmed(
    bot: TestBot, clock: FakeClock
) -> None:
    shift = await full_shift(bot)  # a day ahead, so the hour to confirm would fit
    await bot.deliver()
    await bot.ok(f"/picket release {shift}", as_=BO)  # Cy, alone on the waitlist, gets it
    (told,) = [m for m in await bot.deliver() if m.kind != "shift-post"]
    assert (told.target_id, told.title) == ("cy", "You're off the waitlist")
    assert "next person in line" not in told.body and "you're confirmed" in told.body
    assert "confirm by" not in (await bot.ok("/picket mine", as_=CY)).text
    assert await deadlines(bot).next_due_at(clock()) is None
    await bot.ok(f"/picket signup {shift}", as_=DEE)  # joining later changes nothing for Cy
    clock.advance(hours=2)
    assert await deadlines(bot).run_due(clock()) == 0
    assert await on_shift(bot, shift) == ["Ana", "Cy"]


async def test_raising_capacity_asks_only_those_someone_else_waits_behind(bot: TestBot) -> None:
    shift = await full_shift(bot)
    await bot.ok(f"/picket signup {shift}", as_=DEE)
    await bot.deliver()
    await bot.ok(f"/picket shift edit {shift} capacity=3", as_=ORGANIZER)  # Cy gets it, Dee waits behind
    (asked,) = [m for m in await bot.deliver() if m.kind == "waitlist-promotion"]
    assert (asked.target_id, asked.title) == ("cy", "You're off the waitlist: confirm your place")
    await bot.ok(f"/picket shift edit {shift} capacity=4", as_=ORGANIZER)  # Dee gets it, nobody behind
    (told,) = [m for m in await bot.deliver() if m.kind == "waitlist-promotion"]
    assert (told.target_id, told.title) == ("dee", "You're off the waitlist")


async def test_confirming_a_place_just_released_says_it_was_released(bot: TestBot) -> None:
    shift = await full_shift(bot)
    await bot.ok(f"/picket release {shift}", as_=ANA)  # Cy gets it: full again
    full = await bot.reply(f"/picket confirm {shift}", as_=ANA)
    assert full.is_error and "You released your place on shift #1" in full.text
    assert "it's full now: /picket signup 1 puts you on the waitlist" in full.text
    await bot.ok(f"/picket release {shift}", as_=BO)  # nobody waits now: a place is open
    open_now = await bot.reply(f"/picket confirm {shift}", as_=BO)
    assert open_now.is_error and "to come after all, sign up again: /picket signup 1" in open_now.text


async def test_the_waitlist_cannot_confirm_a_place_it_does_not_have(bot: TestBot) -> None:
    shift = await full_shift(bot)
    answer = await bot.reply(f"/picket confirm {shift}", as_=CY)
    assert answer.is_error and "on the waitlist for shift" in answer.text and "(position 1)" in answer.text


async def test_the_scheduler_pass_settles_what_is_due(bot: TestBot, clock: FakeClock) -> None:
    shift = await full_shift(bot)
    await bot.ok(f"/picket signup {shift}", as_=DEE)
    await bot.ok(f"/picket cancel {shift}", as_=BO)  # Cy promoted, nobody behind her by 16:00 UTC
    scheduler = AsyncIOScheduler(timezone=UTC)
    scheduler.start(paused=True)
    try:
        passes = ReminderScheduler(bot.db, scheduler, clock, (60,), deadlines(bot))
        clock.advance(minutes=50)
        await passes.run_pass()
        (job,) = scheduler.get_jobs()
        # It wakes for Cy's deadline in ten minutes (the next reminder is a day away; the cap is 15).
        assert job.trigger.run_date - datetime.now(UTC) < timedelta(minutes=11)
        clock.advance(minutes=10)
        await passes.run_pass()
    finally:
        scheduler.shutdown(wait=False)
    assert await on_shift(bot, shift) == ["Ana", "Dee"]


async def test_promotion_confirm_minutes_zero_never_asks(tmp_path: Path, clock: FakeClock) -> None:
    config = "[picket]\npromotion_confirm_minutes = 0\n"
    async with await TestBot.open(tmp_path, clock=clock, config=config, channel=CHANNEL) as bot:
        shift = await full_shift(bot)
        await bot.ok(f"/picket cancel {shift}", as_=BO)
        (told,) = [m for m in await bot.deliver() if m.kind != "shift-post"]
        assert told.title == "You're off the waitlist"
        assert await deadlines(bot).next_due_at(clock()) is None
        assert bot.app.services.settings.promotion_confirm_minutes == 0
        assert ORGANIZER.role  # the same set-up as the default bot
