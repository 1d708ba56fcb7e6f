"""Issue 19 item 2, followed through: a member asked to move (/picket ask) can do what the message
says. Checking in at the asked shift needs no place on it, and checks them out of the shift they
came from in the same step; /picket ask only sends people to a shift under way on the same day."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from bot.testing.harness import TestBot
from commands.markup import plain
from tests.picket.support import CAPTAIN, ORGANIZER, count
from tests.picket.test_now import LA, _two_gates

CODE = re.compile(r"\b([A-Z]{3}-[A-Z]{3})\b")


async def _ask_bo(bot: TestBot) -> str:
    """Ask Bo (at Gate 2, #1) to go to Gate 4 (#2) at 09:30, then walk there: the clock 09:45.
    Returns the command on the notice's button."""
    await bot.ok("/picket ask 2 <@bo>", as_=CAPTAIN)
    [sent] = [m for m in await bot.deliver() if m.kind == "ask-move"]
    bot.clock.set(datetime(2026, 10, 27, 9, 45, tzinfo=LA))
    return sent.buttons[0].command


async def test_following_the_notice_moves_the_member(bot: TestBot) -> None:
    await _two_gates(bot)
    button = await _ask_bo(bot)
    assert button == "picket checkin 2"

    moved = await bot.say(f"/{button}", as_="Bo")

    assert moved == (
        "Checked in for shift #2 Gate 4, Tue 2026-10-27 09:00–12:00 PDT. Thank you!"
        " You're checked out of shift #1 Gate 2: your hours there stop now."
    )
    now = plain((await bot.ok("/picket now", as_=CAPTAIN)).text)
    assert "• Gate 2 (#1, Tue 2026-10-27 09:00–12:00 PDT): 3 of 2 checked in, 1 over" in now
    assert "• Gate 4 (#2, Tue 2026-10-27 09:00–12:00 PDT): 2 of 3 checked in, 1 short" in now
    old = plain((await bot.ok("/picket roster 1", as_=CAPTAIN)).text)
    assert "Bo — present at 09:30, left at 09:45 (LEFT EARLY)" in old
    new = plain((await bot.ok("/picket roster 2", as_=CAPTAIN)).text)
    assert "Bo — present at 09:45" in new.split("Walk-ins and others recorded:")[1]
    assert await bot.say("/picket checkin 2", as_="Bo") == "error: You're already checked in for shift #2."
    # Nobody else got in by the ask, and it is used up.
    assert (await bot.say("/picket checkin 2", as_="Ana")).startswith("error: You're not signed up")
    assert await count(bot.db, "move_asks", "moved_at IS NOT NULL") == 1


async def test_a_code_protected_shift_still_wants_its_code_from_a_moved_member(bot: TestBot) -> None:
    await _two_gates(bot)
    button = await _ask_bo(bot)
    code = CODE.search(plain((await bot.ok("/picket code 2", as_=CAPTAIN)).text))
    assert code

    by_number = await bot.say(f"/{button}", as_="Bo")
    by_code = await bot.say(f"/picket checkin {code.group(1)}", as_="Bo")

    assert by_number.startswith("error: Shift #2 checks in by code")
    assert by_code.endswith("You're checked out of shift #1 Gate 2: your hours there stop now.")


async def test_asking_for_a_shift_not_under_way_is_refused(bot: TestBot) -> None:
    await _two_gates(bot)
    later = datetime(2026, 10, 29, 9, 0, tzinfo=LA)  # two days ahead
    bot.clock.set(later - timedelta(days=3))
    await bot.ok('/picket shift add "Gate 4" 2026-10-29 09:00 12:00 capacity=3', as_=ORGANIZER)  # #3
    await bot.ok(
        '/picket shift add "Gate 4" 2026-10-27 13:00 16:00 capacity=3', as_=ORGANIZER
    )  # #4, later today
    bot.clock.set(datetime(2026, 10, 27, 9, 30, tzinfo=LA))

    for shift in (3, 4):
        assert await bot.say(f"/picket ask {shift} <@bo>", as_=CAPTAIN) == (
            f"error: Shift #{shift} is not under way now: only a shift under way can be short now"
            " (see /picket now)"
        )
    assert await count(bot.db, "outbox", "kind = 'ask-move'") == 0
    assert await count(bot.db, "move_asks", "1 = 1") == 0


async def test_asking_for_a_shift_on_another_local_day_is_refused(bot: TestBot) -> None:
    await _two_gates(bot)
    bot.clock.set(datetime(2026, 10, 26, 9, 0, tzinfo=LA))
    await bot.ok('/picket site add "Tokyo Office" tz=Asia/Tokyo', as_=ORGANIZER)
    await bot.ok('/picket shift add "Tokyo Office" 2026-10-28 01:00 04:00 capacity=3', as_=ORGANIZER)  # #3
    bot.clock.set(datetime(2026, 10, 27, 9, 30, tzinfo=LA))  # 01:30 on the 28th in Tokyo: under way

    assert await bot.say("/picket ask 3 <@bo>", as_=CAPTAIN) == (
        "error: Shift #3 is on another day than the shift they are checked in at."
    )
    assert await count(bot.db, "outbox", "kind = 'ask-move'") == 0
