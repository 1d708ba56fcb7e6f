"""Shift swaps on the console: a place offered stays the offerer's until taken, never empty and never
over capacity; a site can make swaps wait for a captain; an offer nobody takes goes to the waitlist."""

from __future__ import annotations

import asyncio
import re
from datetime import UTC, datetime

from bot.picket.deadlines import Deadlines
from bot.testing.clock import FakeClock
from bot.testing.harness import TestBot
from bot.testing.people import actor
from tests.picket.support import CAPTAIN, CHANNEL, ORGANIZER, count

ANA, BO, CY, DEE = actor("Ana"), actor("Bo"), actor("Cy"), actor("Dee")
#: Tue 27 Oct 2026, 09:00 PDT: the shift's start.
STARTS = datetime(2026, 10, 27, 16, 0, tzinfo=UTC)


async def full_shift(bot: TestBot, *, captains: int = 0) -> int:
    """Ana and Bo (or Cato, captain) on a two-place shift, Cy on its waitlist."""
    await bot.ok('/picket site add "Sunset Gate" tz=America/Los_Angeles', as_=ORGANIZER)
    reply = await bot.ok(
        f'/picket shift add "Sunset Gate" 2026-10-27 09:00 12:00 capacity=2 captains={captains}',
        as_=ORGANIZER,
    )
    found = re.search(r"Shift #(\d+) added", reply.title or "")
    assert found, reply
    shift = int(found.group(1))
    await bot.ok(f"/picket signup {shift}", as_=ANA)
    if captains:
        await bot.ok(f"/picket signup {shift} captain", as_=CAPTAIN)
    else:
        await bot.ok(f"/picket signup {shift}", as_=BO)
    await bot.ok(f"/picket signup {shift}", as_=CY)  # waitlisted
    await bot.deliver()  # the shift post
    return shift


async def on_shift(bot: TestBot, shift: int) -> list[str]:
    rows = await bot.db.fetchall(
        "SELECT m.display_name FROM signups g JOIN members m ON m.id = g.member_id"
        " WHERE g.shift_id = ? AND g.status = 'confirmed' ORDER BY m.display_name",
        (shift,),
    )
    return [str(row[0]) for row in rows]


async def waiting(bot: TestBot, shift: int) -> list[str]:
    rows = await bot.db.fetchall(
        "SELECT m.display_name FROM signups g JOIN members m ON m.id = g.member_id"
        " WHERE g.shift_id = ? AND g.status = 'waitlisted' ORDER BY g.id",
        (shift,),
    )
    return [str(row[0]) for row in rows]


def offer_id(text: str) -> int:
    found = re.search(r"/picket swap take (\d+)", text)
    assert found, text
    return int(found.group(1))


async def test_a_place_taken_moves_in_one_step_and_everyone_is_told(bot: TestBot) -> None:
    shift = await full_shift(bot)
    offered = await bot.ok(f"/picket swap offer {shift}", as_=ANA)
    number = offer_id(offered.text)
    assert "stays yours until someone takes it" in offered.text
    assert await on_shift(bot, shift) == ["Ana", "Bo"]  # still Ana's while offered
    assert f"confirmed · offered for swap (#{number})" in (await bot.ok("/picket mine", as_=ANA)).text
    (told,) = await bot.deliver()
    assert (told.kind, told.target_id) == ("swap-offer", "cy")  # the waitlist hears of it
    assert [b.command for b in told.buttons] == [f"picket swap take {number}"]
    listing = await bot.ok("/picket swap list", as_=DEE)
    assert f"#{number}: a place on shift #{shift}" in listing.text and "Ana" not in listing.text

    taken = await bot.ok(f"/picket swap take {number}", as_=DEE)

    assert "You took Ana's place" in taken.text
    assert await on_shift(bot, shift) == ["Bo", "Dee"]  # never over capacity, never empty
    assert await waiting(bot, shift) == ["Cy"]
    (to_ana,) = [m for m in await bot.deliver() if m.kind != "shift-post"]
    assert (to_ana.kind, to_ana.target_id) == ("swap-taken", "ana")
    assert "Dee took your place" in to_ana.body
    await bot.refresh_posts(wait=False)
    await bot.deliver()
    (_, post), *_ = bot.sender().edits
    assert "2/2 places" in post.body
    again = await bot.reply(f"/picket swap take {number}", as_=BO)
    assert again.is_error and "no longer open (already taken)" in again.text
    assert "No places offered" in (await bot.ok("/picket swap list", as_=DEE)).text


async def test_a_deadline_carries_its_day_unless_it_is_today_on_the_shifts_day(
    bot: TestBot, clock: FakeClock
) -> None:
    shift = await full_shift(bot)  # Tue 09:00 PDT; the clock is a day before
    offered = await bot.ok(f"/picket swap offer {shift}", as_=ANA)
    assert "If nobody has by Tue 2026-10-27 07:00 PDT," in offered.text
    (told,) = await bot.deliver()
    assert "Take it before Tue 2026-10-27 07:00 PDT:" in told.body  # a notice may be read later
    assert "take by Tue 2026-10-27 07:00 PDT" in (await bot.ok("/picket swap list", as_=DEE)).text
    clock.set(STARTS.replace(hour=13))  # 06:00 PDT on the shift's day: "07:00" is plain
    assert "take by 07:00 PDT" in (await bot.ok("/picket swap list", as_=DEE)).text


async def test_someone_waiting_takes_an_offered_place_and_leaves_the_waitlist(bot: TestBot) -> None:
    shift = await full_shift(bot)
    number = offer_id((await bot.ok(f"/picket swap offer {shift}", as_=ANA)).text)
    await bot.ok(f"/picket swap take {number}", as_=CY)
    assert await on_shift(bot, shift) == ["Bo", "Cy"]
    assert await waiting(bot, shift) == []
    assert "confirmed" in (await bot.ok("/picket mine", as_=CY)).text


async def test_refusals_change_nothing(bot: TestBot, clock: FakeClock) -> None:
    shift = await full_shift(bot)
    refused = {
        (DEE, f"/picket swap offer {shift}"): "You have no place on shift",
        (CY, f"/picket swap offer {shift}"): "(you're on its waitlist)",
        (ANA, "/picket swap take 99"): "There is no swap offer #99",
    }
    for (who, line), expected in refused.items():
        answer = await bot.reply(line, as_=who)
        assert answer.is_error and expected in answer.text, (line, answer.text)
    number = offer_id((await bot.ok(f"/picket swap offer {shift}", as_=ANA)).text)
    twice = await bot.reply(f"/picket swap offer {shift}", as_=ANA)
    assert twice.is_error and f"already offered (offer #{number}" in twice.text
    own = await bot.reply(f"/picket swap take {number}", as_=ANA)
    assert own.is_error and "is your own" in own.text
    on_it = await bot.reply(f"/picket swap take {number}", as_=BO)
    assert on_it.is_error and "already signed up" in on_it.text
    not_yours = await bot.reply(f"/picket swap cancel {number}", as_=BO)
    assert not_yours.is_error and "not yours" in not_yours.text
    assert await count(bot.db, "swap_offers") == 1
    assert await on_shift(bot, shift) == ["Ana", "Bo"]
    clock.set(STARTS.replace(hour=14, minute=30))  # 90 minutes before: offers closed at two hours
    late = await bot.reply(f"/picket swap offer {shift}", as_=BO)
    assert late.is_error and "too late for a swap" in late.text and f"/picket release {shift}" in late.text
    expired = await bot.reply(f"/picket swap take {number}", as_=DEE)
    assert expired.is_error and "nobody took it in time" in expired.text


async def test_a_withdrawn_offer_can_no_longer_be_taken(bot: TestBot) -> None:
    shift = await full_shift(bot)
    number = offer_id((await bot.ok(f"/picket swap offer {shift}", as_=ANA)).text)
    assert "withdrawn" in (await bot.ok(f"/picket swap cancel {number}", as_=ANA)).text
    refused = await bot.reply(f"/picket swap take {number}", as_=DEE)
    assert refused.is_error and "(withdrawn)" in refused.text
    assert await on_shift(bot, shift) == ["Ana", "Bo"]
    # Offered again, then given up another way: the offer dies with the place.
    number = offer_id((await bot.ok(f"/picket swap offer {shift}", as_=ANA)).text)
    await bot.ok(f"/picket cancel {shift}", as_=ANA)  # Cy is promoted from the waitlist
    gone = await bot.reply(f"/picket swap take {number}", as_=DEE)
    assert gone.is_error and "the place it offered is gone" in gone.text
    assert await on_shift(bot, shift) == ["Bo", "Cy"]


async def test_an_offer_nobody_takes_goes_to_the_first_in_line_at_its_deadline(
    bot: TestBot, clock: FakeClock
) -> None:
    shift = await full_shift(bot)
    await bot.ok(f"/picket signup {shift}", as_=DEE)  # behind Cy: so Cy must confirm in time
    await bot.ok(f"/picket swap offer {shift}", as_=ANA)
    await bot.deliver()
    deadlines = Deadlines(bot.db, bot.app.services.settings)
    assert await deadlines.next_due_at(clock()) == STARTS.replace(hour=14)  # two hours before
    clock.set(STARTS.replace(hour=13, minute=59))
    assert await deadlines.run_due(clock()) == 0
    assert await on_shift(bot, shift) == ["Ana", "Bo"]

    clock.set(STARTS.replace(hour=14))
    assert await deadlines.run_due(clock()) == 1

    assert await on_shift(bot, shift) == ["Bo", "Cy"]
    told = {m.target_id: m for m in await bot.deliver() if m.kind != "shift-post"}
    assert (told["ana"].kind, told["cy"].kind) == ("swap-lapsed", "waitlist-promotion")
    assert "went to the next person on the waitlist" in told["ana"].body
    # Two hours before the start: Cy has the hour to confirm, which is the next thing due.
    assert "confirm your place" in told["cy"].title and "by Tue 2026-10-27 08:00 PDT" in told["cy"].body
    assert await deadlines.next_due_at(clock()) == STARTS.replace(hour=15)


async def test_an_offer_nobody_takes_stays_the_offerers_when_nobody_waits(
    bot: TestBot, clock: FakeClock
) -> None:
    shift = await full_shift(bot)
    await bot.ok(f"/picket cancel {shift}", as_=CY)  # leaves the waitlist
    await bot.ok(f"/picket swap offer {shift}", as_=ANA)
    clock.set(STARTS.replace(hour=14))
    assert await Deadlines(bot.db, bot.app.services.settings).run_due(clock()) == 1
    assert await on_shift(bot, shift) == ["Ana", "Bo"]
    (told,) = [m for m in await bot.deliver() if m.kind != "shift-post"]
    assert told.kind == "swap-lapsed" and "it stays yours" in told.body
    assert [b.label for b in told.buttons] == ["I'm coming", "Release my place"]


async def test_a_site_can_make_swaps_wait_for_a_captain(bot: TestBot) -> None:
    shift = await full_shift(bot, captains=1)
    refused = await bot.reply('/picket site set "Sunset Gate" swaps=approve', as_=CAPTAIN)
    assert refused.is_error
    shown = await bot.ok('/picket site set "Sunset Gate"', as_=ORGANIZER)
    assert "swaps=open" in shown.text
    assert (
        "swaps=approve" in (await bot.ok('/picket site set "Sunset Gate" swaps=approve', as_=ORGANIZER)).text
    )
    number = offer_id((await bot.ok(f"/picket swap offer {shift}", as_=ANA)).text)
    await bot.deliver()

    asked = await bot.ok(f"/picket swap take {number}", as_=DEE)

    assert "A captain approves swaps at this site" in asked.text
    assert await on_shift(bot, shift) == ["Ana", "Cato"]  # still Ana's until a captain decides
    told = {(m.target_kind, m.target_id): m for m in await bot.deliver()}
    approval = told["user", "cato"]
    assert approval.kind == "swap-approval" and "Dee asks to take Ana's place" in approval.body
    assert [b.command for b in approval.buttons] == [
        f"picket swap approve {number}",
        f"picket swap deny {number}",
    ]
    channel = told["channel", CHANNEL.channel_id]
    assert channel.kind == "swap-approval" and "Dee" not in channel.body  # no names in the channel
    assert told["user", "ana"].kind == "swap-asked"
    busy = await bot.reply(f"/picket swap take {number}", as_=CY)
    assert busy.is_error and "a captain is deciding" in busy.text
    member = await bot.reply(f"/picket swap approve {number}", as_=BO)
    assert member.is_error

    # A captain clicks Refuse: the offer is open again and the place still Ana's.
    denied = await bot.app.dispatcher.handle_action(CAPTAIN, CHANNEL, "pb:" + approval.buttons[1].command)
    assert "Refused" in denied.text
    assert {m.target_id: m.kind for m in await bot.deliver()} == {"dee": "swap-denied", "ana": "swap-denied"}
    assert await on_shift(bot, shift) == ["Ana", "Cato"]

    await bot.ok(f"/picket swap take {number}", as_=CY)
    await bot.deliver()
    approved = await bot.app.dispatcher.handle_action(CAPTAIN, CHANNEL, "pb:" + approval.buttons[0].command)

    assert "Approved: Cy takes Ana's place" in approved.text
    assert await on_shift(bot, shift) == ["Cato", "Cy"]
    assert await waiting(bot, shift) == []
    told = {m.target_id: m for m in await bot.deliver() if m.kind != "shift-post"}
    assert (told["ana"].kind, told["cy"].kind) == ("swap-taken", "swap-taken")
    assert "A captain approved your swap" in told["cy"].body
    assert await count(bot.db, "audit_log", "action = 'picket.swap.take'") == 1


async def test_a_captains_place_needs_a_captain_to_take_it(bot: TestBot) -> None:
    shift = await full_shift(bot, captains=1)
    number = offer_id((await bot.ok(f"/picket swap offer {shift}", as_=CAPTAIN)).text)
    refused = await bot.reply(f"/picket swap take {number}", as_=DEE)
    assert refused.is_error and "only a captain can take it" in refused.text
    other_captain = actor("Cass", "captain")
    await bot.ok(f"/picket swap take {number}", as_=other_captain)
    assert await on_shift(bot, shift) == ["Ana", "Cass"]
    row = await bot.db.fetchone(
        "SELECT g.role FROM signups g JOIN members m ON m.id = g.member_id"
        " WHERE m.display_name = 'Cass' AND g.status = 'confirmed'"
    )
    assert row is not None and row[0] == "captain"


async def test_hours_follow_the_place_to_whoever_took_it(bot: TestBot, clock: FakeClock) -> None:
    shift = await full_shift(bot)
    number = offer_id((await bot.ok(f"/picket swap offer {shift}", as_=ANA)).text)
    await bot.ok(f"/picket swap take {number}", as_=DEE)
    clock.set(STARTS)
    assert "checked in" in (await bot.ok(f"/picket checkin {shift}", as_=DEE)).text.lower()
    refused = await bot.reply(f"/picket checkin {shift}", as_=ANA)
    assert refused.is_error and "not signed up" in refused.text
    clock.set(STARTS.replace(hour=19, minute=30))
    assert "3.00 hours over 1 shift" in await bot.say("/picket hours Dee", as_=CAPTAIN)
    assert "0.00 hours" in await bot.say("/picket hours Ana", as_=CAPTAIN)


async def test_site_set_refuses_bad_input_and_changes_nothing(bot: TestBot) -> None:
    await full_shift(bot)
    for line, expected in (
        ('/picket site set "Sunset Gate" swaps=maybe', "swaps"),
        ("/picket site set Nowhere swaps=approve", "no site called"),
    ):
        answer = await bot.reply(line, as_=ORGANIZER)
        assert answer.is_error and expected in answer.text.lower(), answer.text
    row = await bot.db.fetchone("SELECT swaps FROM sites")
    assert row is not None and row[0] == "open"
    assert await count(bot.db, "audit_log", "action = 'picket.site.set'") == 0


async def test_names_in_swap_notices_ping_no_one(bot: TestBot) -> None:
    shift = await full_shift(bot)
    number = offer_id((await bot.ok(f"/picket swap offer {shift}", as_=ANA)).text)
    await bot.deliver()
    taken = await bot.ok(f"/picket swap take {number}", as_=actor("@everyone"))
    assert "@everyone" not in taken.text
    (to_ana,) = [m for m in await bot.deliver() if m.kind != "shift-post"]
    assert "@\u200beveryone took your place" in to_ana.body


async def test_two_members_taking_one_offer_at_once_get_one_place(bot: TestBot) -> None:
    shift = await full_shift(bot)
    number = offer_id((await bot.ok(f"/picket swap offer {shift}", as_=ANA)).text)
    answers = await asyncio.gather(
        bot.reply(f"/picket swap take {number}", as_=DEE), bot.reply(f"/picket swap take {number}", as_=CY)
    )
    assert sorted(a.is_error for a in answers) == [False, True]
    assert len(await on_shift(bot, shift)) == 2 and "Ana" not in await on_shift(bot, shift)
    assert await count(bot.db, "signups", f"shift_id = {shift} AND status = 'confirmed'") == 2


async def test_a_captain_never_approves_their_own_take(bot: TestBot) -> None:
    shift = await full_shift(bot, captains=1)
    await bot.ok('/picket site set "Sunset Gate" swaps=approve', as_=ORGANIZER)
    number = offer_id((await bot.ok(f"/picket swap offer {shift}", as_=ANA)).text)
    cass = actor("Cass", "captain")
    await bot.ok(f"/picket swap take {number}", as_=cass)
    own = await bot.reply(f"/picket swap approve {number}", as_=cass)
    assert own.is_error and "another captain decides" in own.text
    assert await on_shift(bot, shift) == ["Ana", "Cato"]
    await bot.ok(f"/picket swap approve {number}", as_=CAPTAIN)
    assert await on_shift(bot, shift) == ["Cass", "Cato"]
