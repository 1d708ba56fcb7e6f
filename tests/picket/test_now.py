"""Issue 19 item 2: /picket now shows checked in against needed at every site with a shift under
way, suggests moves from over-staffed to short sites on the same day, lists who is checked in
where people are spare, and one click sends the chosen member a notice."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.testing.clock import FakeClock
from bot.testing.harness import TestBot
from commands.markup import plain
from storage.picket.rebalance_rules import Move, Staffing, moves
from tests.picket.support import CAPTAIN, CHANNEL, ORGANIZER, count

LA = ZoneInfo("America/Los_Angeles")


async def _two_gates(bot: TestBot) -> None:
    """#1 Gate 2 (2 places) with Ana, Bo, and walk-ins Eve and Fay checked in; #2 Gate 4 (3 places)
    with Cy checked in; both Tue 27 Oct 09:00–12:00 PDT; the clock 09:30."""
    for gate in ("Gate 2", "Gate 4"):
        await bot.ok(f'/picket site add "{gate}" tz=America/Los_Angeles', as_=ORGANIZER)
    await bot.ok('/picket shift add "Gate 2" 2026-10-27 09:00 12:00 capacity=2', as_=ORGANIZER)
    await bot.ok('/picket shift add "Gate 4" 2026-10-27 09:00 12:00 capacity=3', as_=ORGANIZER)
    for name in ("Ana", "Bo", "Eve", "Fay"):
        await bot.ok("/picket signup 1", as_=name)  # Eve and Fay wait
    await bot.ok("/picket signup 2", as_="Cy")
    bot.clock.set(datetime(2026, 10, 27, 9, 30, tzinfo=LA))
    for name in ("Ana", "Bo"):
        await bot.ok("/picket checkin 1", as_=name)
    for name in ("Eve", "Fay"):
        await bot.ok(f"/picket checkin 1 {name} walk-in", as_=CAPTAIN)
    await bot.ok("/picket checkin 2", as_="Cy")


async def test_now_shows_the_headcount_and_who_to_move(bot: TestBot) -> None:
    await _two_gates(bot)

    reply = await bot.ok("/picket now", as_=CAPTAIN)
    text = plain(reply.text)

    assert "• Gate 2 (#1, Tue 2026-10-27 09:00–12:00 PDT): 4 of 2 checked in, 2 over" in text
    assert "• Gate 4 (#2, Tue 2026-10-27 09:00–12:00 PDT): 1 of 3 checked in, 2 short" in text
    assert "Gate 2 has 4 of 2; Gate 4 has 1 of 3: ask 2 to move." in text
    assert "Checked in at Gate 2: Ana, Bo, Eve, Fay" in text
    assert [(b.label, b.command) for b in reply.buttons] == [
        ("Ask Ana → Gate 4", "picket ask 2 <@ana>"),
        ("Ask Bo → Gate 4", "picket ask 2 <@bo>"),
        ("Ask Eve → Gate 4", "picket ask 2 <@eve>"),
        ("Ask Fay → Gate 4", "picket ask 2 <@fay>"),
    ]


async def test_one_click_sends_the_member_a_notice_once(bot: TestBot) -> None:
    await _two_gates(bot)
    button = (await bot.ok("/picket now", as_=CAPTAIN)).buttons[1]

    answer = await bot.say(f"/{button.command}", as_=CAPTAIN)
    again = await bot.say(f"/{button.command}", as_=CAPTAIN)

    assert answer == "Asked Bo to move from Gate 2 to Gate 4 (shift #2); they'll get a message."
    assert again == "Bo was already asked to move to shift #2."
    [sent] = [m for m in await bot.deliver() if m.kind == "ask-move"]
    assert (sent.target_kind, sent.target_id, sent.title) == ("user", "bo", "Please move to Gate 4")
    assert plain(sent.body) == (
        "Cato asks you to move from Gate 2 to Gate 4: shift #2 Gate 4, Tue 2026-10-27 09:00–12:00 PDT is"
        " short of people now. When you get there, check in with /picket checkin 2 (or the code the"
        " captain there shows)."
    )


async def test_asking_someone_not_at_a_shift_under_way_is_refused(bot: TestBot) -> None:
    await _two_gates(bot)
    await bot.ok("/picket mine", as_="Di")  # known to the bot, checked in nowhere
    assert await bot.say("/picket ask 2 Di", as_=CAPTAIN) == (
        "error: They are not checked in at a shift under way now (see /picket now)"
    )
    assert await bot.say("/picket ask 2 Cy", as_=CAPTAIN) == "error: They are already checked in at shift #2."
    assert (await bot.say("/picket ask 2 Ana", as_="Ana")).startswith("error:")  # captains only
    assert await count(bot.db, "outbox", "kind = 'ask-move'") == 0


async def test_nothing_under_way(bot: TestBot) -> None:
    assert await bot.say("/picket now", as_=CAPTAIN) == "No shift is under way right now."


def test_moves_pair_the_most_spare_with_the_most_short_on_the_same_day() -> None:
    staffing = [
        Staffing(1, "2026-10-27", 9, 5),
        Staffing(2, "2026-10-27", 1, 6),
        Staffing(3, "2026-10-27", 7, 6),
        Staffing(4, "2026-10-28", 0, 4),  # another day: nobody is sent across days
    ]
    assert moves(staffing) == [Move(1, 2, 4), Move(3, 2, 1)]


async def test_a_console_name_with_a_space_still_works_from_its_button(bot: TestBot) -> None:
    await _two_gates(bot)
    await bot.ok("/picket checkin 1 <@bo> no-show", as_=CAPTAIN)  # Bo leaves the count...
    await bot.ok("/picket mine", as_="Ana Maria")
    await bot.ok('/picket checkin 1 "Ana Maria" walk-in', as_=CAPTAIN)  # ...and Ana Maria joins it
    [button] = [b for b in (await bot.ok("/picket now", as_=CAPTAIN)).buttons if "Maria" in b.label]
    assert button.command == 'picket ask 2 "<@ana maria>"'
    assert await bot.say(f"/{button.command}", as_=CAPTAIN) == (
        "Asked Ana Maria to move from Gate 2 to Gate 4 (shift #2); they'll get a message."
    )


def test_moves_stay_within_one_kind_of_shift() -> None:
    staffing = [
        Staffing(1, "2026-10-27", 6, 2),  # a picket gate with people to spare
        Staffing(2, "2026-10-27", 0, 3, kind="kitchen"),  # the kitchen is short: no picketer is sent there
        Staffing(3, "2026-10-27", 1, 3),
    ]
    assert moves(staffing) == [Move(1, 3, 2)]


async def test_now_labels_a_duty_shift_and_sends_no_picketer_to_it(tmp_path: Path, clock: FakeClock) -> None:
    duties = "[picket.duties]\nkitchen = { share = 0.5 }\n"
    async with await TestBot.open(tmp_path, clock=clock, config=duties, channel=CHANNEL) as bot:
        await _two_gates(bot)
        bot.clock.set(datetime(2026, 10, 27, 8, 0, tzinfo=LA))  # the kitchen shift is added beforehand
        await bot.ok('/picket site add "Union Hall" tz=America/Los_Angeles', as_=ORGANIZER)
        await bot.ok(
            '/picket shift add "Union Hall" 2026-10-27 09:00 12:00 capacity=4 duty=kitchen', as_=ORGANIZER
        )
        bot.clock.set(datetime(2026, 10, 27, 9, 30, tzinfo=LA))
        await bot.ok("/picket checkin 2 <@cy> no-show", as_=CAPTAIN)  # Gate 4 keeps its shortfall below

        reply = await bot.ok("/picket now", as_=CAPTAIN)
        text = plain(reply.text)

    assert "• Union Hall (kitchen) (#3, Tue 2026-10-27 09:00–12:00 PDT): 0 of 4 checked in, 4 short" in text
    assert "Gate 2 has 4 of 2; Gate 4 has 0 of 3: ask 2 to move." in text
    assert "Union Hall has" not in text and "→ Union Hall" not in " ".join(b.label for b in reply.buttons)
