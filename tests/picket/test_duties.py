"""Duties that count: shifts of a strike duty other than picketing whose hours count toward strike-pay
eligibility, at the share [picket.duties] sets, once a captain confirms them."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.picket.exports import hours_csv
from bot.testing.clock import FakeClock
from bot.testing.harness import TestBot
from bot.testing.people import actor
from commands.markup import plain
from storage.picket import hours as hour_store
from tests.picket.support import CAPTAIN, CHANNEL, ORGANIZER

ANA, BO = actor("Ana"), actor("Bo")
DUTIES = """
[picket]
eligibility_min_hours = 3
eligibility_min_shifts = 2
eligibility_rule = "all"

[picket.duties]
phone-bank = { share = 1.0 }
kitchen = { share = 0.5 }
first-aid = { counts = false }
"""
#: Tue 27 Oct 2026, 09:00 and 12:00 PDT.
STARTS = datetime(2026, 10, 27, 16, 0, tzinfo=UTC)
ENDS = datetime(2026, 10, 27, 19, 0, tzinfo=UTC)


@pytest.fixture
async def bot(tmp_path: Path, clock: FakeClock) -> AsyncIterator[TestBot]:
    async with await TestBot.open(tmp_path, clock=clock, config=DUTIES, channel=CHANNEL) as test_bot:
        await test_bot.ok('/picket site add "Union Hall" tz=America/Los_Angeles', as_=ORGANIZER)
        yield test_bot


async def add(bot: TestBot, duty: str, day: str = "2026-10-27") -> int:
    reply = await bot.ok(
        f'/picket shift add "Union Hall" {day} 09:00 12:00 capacity=5 duty={duty}', as_=ORGANIZER
    )
    found = re.search(r"Shift #(\d+) added", reply.title or "")
    assert found, reply
    return int(found.group(1))


async def hours_of(bot: TestBot, name: str) -> str:
    return await bot.say(f"/picket hours {name}", as_=CAPTAIN)


async def test_a_duty_is_a_kind_of_shift_named_in_the_settings(bot: TestBot) -> None:
    shift = await add(bot, "kitchen")
    assert f"#{shift} Union Hall (kitchen) · Tue" in plain((await bot.ok("/picket shifts", as_=ANA)).text)
    unknown = await bot.reply(
        '/picket shift add "Union Hall" 2026-10-28 09:00 12:00 capacity=5 duty=bakery', as_=ORGANIZER
    )
    assert (
        unknown.is_error
        and "unknown duty 'bakery': the duties are phone-bank, kitchen, first-aid" in unknown.text
    )
    assert "#2" not in (await bot.ok("/picket shifts", as_=ANA)).text  # nothing written


async def test_without_duties_set_up_duty_is_refused(tmp_path: Path, clock: FakeClock) -> None:
    async with await TestBot.open(tmp_path, clock=clock, channel=CHANNEL) as plain:
        await plain.ok("/picket site add Gower", as_=ORGANIZER)
        refused = await plain.reply(
            "/picket shift add Gower 2026-10-27 09:00 12:00 capacity=5 duty=kitchen", as_=ORGANIZER
        )
        assert refused.is_error and "no duties are set up" in refused.text


async def test_duty_hours_count_at_their_share_once_a_captain_confirms(
    bot: TestBot, clock: FakeClock
) -> None:
    kitchen = await add(bot, "kitchen")
    await bot.ok(f"/picket signup {kitchen}", as_=ANA)
    await bot.ok(f"/picket signup {kitchen}", as_=BO)
    clock.set(STARTS)
    await bot.ok(f"/picket checkin {kitchen}", as_=ANA)  # her own: waits for a captain
    await bot.ok(f"/picket checkin {kitchen} Bo present", as_=CAPTAIN)  # a captain's record: confirmed
    clock.set(ENDS)

    before = await hours_of(bot, "Ana")
    assert "0.00 hours over 0 shifts" in before
    assert "(kitchen): present, 3.00 h, waiting for a captain's confirmation" in before
    assert "1.50 hours over 0 shifts" in await hours_of(bot, "Bo")  # half of 3 hours
    member = await bot.reply(f"/picket duty confirm {kitchen}", as_=ANA)
    assert member.is_error

    confirmed = await bot.ok(f"/picket duty confirm {kitchen}", as_=CAPTAIN)

    assert "Confirmed 1 check-in(s)" in confirmed.text and "Ana" in confirmed.text
    assert "count toward strike pay at 50%" in confirmed.text
    after = await hours_of(bot, "Ana")
    assert "1.50 hours over 0 shifts" in after and "3.00 h, 1.50 h count" in after
    again = await bot.reply(f"/picket duty confirm {kitchen}", as_=CAPTAIN)
    assert again.is_error and "Nobody has a check-in waiting" in again.text
    rows = await hour_store.attendance(
        bot.db, STARTS.replace(hour=0), ENDS, now=clock(), duties=bot.app.services.settings.duties
    )
    exported = list(csv.DictReader(io.StringIO(hours_csv(rows))))
    assert {(r["member"], r["kind"], r["hours"], r["counted_hours"]) for r in exported} == {
        ("Ana", "kitchen", "3.00", "1.50"),
        ("Bo", "kitchen", "3.00", "1.50"),
    }


async def test_duty_hours_add_hours_but_not_shifts_toward_eligibility(bot: TestBot, clock: FakeClock) -> None:
    await bot.ok('/picket site add "Sunset Gate" tz=America/Los_Angeles', as_=ORGANIZER)
    picket = await bot.ok('/picket shift add "Sunset Gate" 2026-10-26 13:00 14:00 capacity=5', as_=ORGANIZER)
    assert picket.title and "#1" in picket.title
    phones = await add(bot, "phone-bank")
    first_aid = await add(bot, "first-aid", "2026-10-28")
    for shift in (1, phones, first_aid):
        await bot.ok(f"/picket signup {shift}", as_=ANA)
    clock.set(datetime(2026, 10, 26, 20, 0, tzinfo=UTC))
    await bot.ok("/picket checkin 1", as_=ANA)
    clock.set(STARTS)
    await bot.ok(f"/picket checkin {phones}", as_=ANA)
    clock.set(datetime(2026, 10, 28, 16, 0, tzinfo=UTC))
    await bot.ok(f"/picket checkin {first_aid} Ana present", as_=CAPTAIN)
    await bot.ok(f"/picket duty confirm {phones} Ana", as_=CAPTAIN)
    clock.set(datetime(2026, 10, 29, 0, 0, tzinfo=UTC))

    shown = await hours_of(bot, "Ana")
    # 1 picket hour + 3 phone-bank hours in full; first aid's 3 hours count for nothing.
    assert "4.00 hours over 1 shift," in shown
    assert "(first-aid): present, 3.00 h, doesn't count toward eligibility" in shown
    eligibility = await bot.ok("/picket eligibility", as_=CAPTAIN)
    assert "Ana: 4.00 h, 1 shift: no" in eligibility.text  # 2 shifts needed: duties add hours only


async def test_a_duty_that_counts_for_nothing_waits_for_no_confirmation(
    bot: TestBot, clock: FakeClock
) -> None:
    await bot.ok('/picket site add "Sunset Gate" tz=America/Los_Angeles', as_=ORGANIZER)
    first_aid = await add(bot, "first-aid", "2026-10-28")
    await bot.ok(f"/picket signup {first_aid}", as_=ANA)
    clock.set(datetime(2026, 10, 28, 16, 0, tzinfo=UTC))
    await bot.ok(f"/picket checkin {first_aid}", as_=ANA)  # her own: no captain has confirmed it
    clock.set(datetime(2026, 10, 29, 0, 0, tzinfo=UTC))
    shown = await hours_of(bot, "Ana")
    assert "(first-aid): present, 3.00 h, doesn't count toward eligibility" in shown
    assert "waiting for a captain" not in shown


async def test_a_captain_never_confirms_their_own_and_picket_shifts_need_nothing(
    bot: TestBot, clock: FakeClock
) -> None:
    phones = await add(bot, "phone-bank")
    await bot.ok("/picket site add Gower tz=America/Los_Angeles", as_=ORGANIZER)
    await bot.ok("/picket shift add Gower 2026-10-27 09:00 12:00 capacity=5", as_=ORGANIZER)
    await bot.ok(f"/picket signup {phones}", as_=CAPTAIN)
    clock.set(STARTS)
    await bot.ok(f"/picket checkin {phones}", as_=CAPTAIN)
    own = await bot.reply(f"/picket duty confirm {phones} Cato", as_=CAPTAIN)
    assert own.is_error and "can't confirm your own hours" in own.text
    nobody = await bot.reply(f"/picket duty confirm {phones}", as_=CAPTAIN)  # all: not their own
    assert nobody.is_error and "Nobody has a check-in waiting" in nobody.text
    picket = await bot.reply(f"/picket duty confirm {phones + 1}", as_=CAPTAIN)
    assert picket.is_error and "is a picket shift" in picket.text
    other = actor("Cass", "captain")
    assert "Cato" in (await bot.ok(f"/picket duty confirm {phones}", as_=other)).text
