"""/link: one member on two accounts, driven through the dispatcher as each platform's adapter would."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.testing.harness import TestBot
from commands.context import Actor
from commands.roles import Role
from storage.picket import reminders
from storage.sync_tx import SyncTransaction
from tests.helpers import row_counts
from tests.picket.support import ORGANIZER, count

ANA_D = Actor("discord", "111", "Ana")
ANA_S = Actor("slack", "U111", "ana.s")
BO_S = Actor("slack", "U222", "Bo")
SITE = '/picket site add "Sunset Gate" tz=America/Los_Angeles'
SHIFT = '/picket shift add "Sunset Gate" tue 09:00-12:00 capacity={n}'


async def code_for(bot: TestBot, who: Actor) -> str:
    answer = await bot.say("/link", as_=who)
    found = re.search(r"/link ([A-Z0-9]{4}-[A-Z0-9]{4})", answer)
    assert found, answer
    return found.group(1)


async def linked(bot: TestBot, first: Actor = ANA_D, second: Actor = ANA_S) -> str:
    code = await code_for(bot, first)
    return await bot.say(f"/link {code}", as_=second)


async def shift(bot: TestBot, capacity: int = 4) -> None:
    await bot.ok(SITE, as_=ORGANIZER)
    await bot.ok(SHIFT.format(n=capacity), as_=ORGANIZER)


async def test_a_code_typed_on_the_other_account_links_the_two(bot: TestBot) -> None:
    answer = await linked(bot)
    assert answer.startswith("Linked: you are one member on Discord (Ana), Slack (ana.s).")
    assert "Notices go to Discord (Ana)" in answer
    shown = await bot.say("/link show", as_=ANA_S)
    assert "Discord (Ana) (primary: notices go here)" in shown and "Slack (ana.s)" in shown


async def test_sign_ups_from_either_account_are_one_persons(bot: TestBot) -> None:
    await shift(bot)
    await linked(bot)
    assert "You're signed up" in await bot.say("/picket signup 1", as_=ANA_D)
    doubled = await bot.say("/picket signup 1", as_=ANA_S)
    assert doubled.startswith("error: ") and "already" in doubled
    assert await count(bot.db, "signups", "status != 'cancelled'") == 1
    assert "Sunset Gate" in await bot.say("/picket mine", as_=ANA_S)
    # Cancelled from the other account: it is the same sign-up.
    await bot.ok("/picket cancel 1", as_=ANA_S)
    assert await count(bot.db, "signups", "status = 'cancelled'") == 1


async def test_the_person_row_keeps_the_primary_name_and_notices_go_there(bot: TestBot) -> None:
    await shift(bot, capacity=1)
    await linked(bot)
    await bot.ok("/picket signup 1", as_=BO_S)
    await bot.ok("/picket signup 1", as_=ANA_S)  # waitlisted, from Slack
    assert await count(bot.db, "members", "display_name = 'ana.s'") == 0
    await bot.ok("/picket cancel 1", as_=BO_S)
    promoted = [m for m in await bot.deliver("discord", "slack") if m.kind == "waitlist-promotion"]
    assert [(m.platform, m.target_id) for m in promoted] == [("discord", "111")]


async def test_records_both_accounts_held_merge_and_one_place_is_kept(bot: TestBot) -> None:
    await shift(bot, capacity=2)
    await bot.ok('/picket shift add "Sunset Gate" wed 09:00-12:00 capacity=2', as_=ORGANIZER)
    await bot.ok("/picket signup 1", as_=ANA_D)
    await bot.ok("/picket signup 1", as_=ANA_S)  # the same person, twice, before linking
    await bot.ok("/picket signup 2", as_=ANA_S)
    answer = await linked(bot)
    assert "Both accounts were on shift #1: you keep one place there" in answer
    assert await count(bot.db, "signups", "status != 'cancelled' AND shift_id = 1") == 1
    mine = await bot.say("/picket mine", as_=ANA_D)
    assert mine.count("Sunset Gate") == 2  # Tuesday's and Wednesday's, one person's
    slack_row = await bot.db.fetchval(
        "SELECT id FROM members WHERE platform = 'slack' AND platform_user_id = 'U111'"
    )
    assert await count(bot.db, "signups", f"member_id = {slack_row}") == 0


async def test_check_ins_and_reminders_of_both_accounts_become_the_persons(bot: TestBot) -> None:
    la = ZoneInfo("America/Los_Angeles")
    await shift(bot)
    await bot.ok('/picket shift add "Sunset Gate" wed 09:00-12:00 capacity=4', as_=ORGANIZER)
    await bot.ok("/picket signup 1", as_=ANA_D)
    await bot.ok("/picket signup 1", as_=ANA_S)
    await bot.ok("/picket signup 2", as_=ANA_S)
    row = "SELECT id FROM members WHERE platform = ? AND platform_user_id = ?"
    person = int(await bot.db.fetchval(row, ("discord", "111")))
    other = int(await bot.db.fetchval(row, ("slack", "U111")))

    def noted(tx: SyncTransaction) -> None:  # reminders queued to each account
        for shift_id, member_id in ((1, person), (1, other), (2, other)):
            reminders.record(tx, shift_id, member_id, 60, tx.clock())

    await bot.db.run_sync(noted)
    bot.clock.set(datetime(2026, 10, 27, 9, 5, tzinfo=la))
    await bot.ok("/picket checkin 1", as_=ANA_D)
    await bot.ok("/picket checkin 1", as_=ANA_S)  # the same person, twice, before linking
    bot.clock.set(datetime(2026, 10, 28, 9, 5, tzinfo=la))
    await bot.ok("/picket checkin 2", as_=ANA_S)
    assert (await linked(bot)).startswith("Linked")
    # Shift 1's doubles became one (the person's own), shift 2's moved to the person.
    checked = await bot.db.fetchall("SELECT shift_id, member_id FROM checkins ORDER BY shift_id")
    assert [tuple(r) for r in checked] == [(1, person), (2, person)]
    sent = await bot.db.fetchall("SELECT shift_id, member_id FROM reminders_sent ORDER BY shift_id")
    assert [tuple(r) for r in sent] == [(1, person), (2, person)]


async def test_the_higher_role_of_linked_accounts_wins(bot: TestBot) -> None:
    organizer_d = Actor("discord", "111", "Ana", Role.ORGANIZER)
    refused = await bot.say(SITE, as_=ANA_S)
    assert refused.startswith("error: ") and "organizer" in refused
    await linked(bot, organizer_d, ANA_S)
    assert "Sunset Gate" in await bot.say(SITE, as_=ANA_S)  # Slack says member; Discord said organizer


async def test_a_linked_role_seen_long_ago_no_longer_counts(bot: TestBot) -> None:
    await linked(bot, Actor("discord", "111", "Ana", Role.ORGANIZER), ANA_S)
    bot.clock.advance(days=31)
    assert (await bot.say(SITE, as_=ANA_S)).startswith("error: ")


async def test_remove_undoes_the_link_and_records_stay_with_the_primary(bot: TestBot) -> None:
    await shift(bot)
    await linked(bot)
    await bot.ok("/picket signup 1", as_=ANA_S)
    answer = await bot.say("/link remove", as_=ANA_S)
    assert answer.startswith("Unlinked: Slack (ana.s) is on its own again.")
    assert "stay with Discord (Ana)" in answer
    assert "Sunset Gate" in await bot.say("/picket mine", as_=ANA_D)
    assert "Sunset Gate" not in await bot.say("/picket mine", as_=ANA_S)
    assert "nothing to undo" in await bot.say("/link remove", as_=ANA_D)


async def test_forget_me_forgets_both_accounts(bot: TestBot) -> None:
    await shift(bot)
    await bot.ok("/picket signup 1", as_=ANA_S)  # the Slack account's own row, before linking
    await linked(bot)
    done = await bot.say("/picket forget-me yes", as_=ANA_S)
    assert done.startswith("Done: your personal data is removed and 1 sign-up(s)")
    assert await count(bot.db, "member_links") == 0
    for name in ("Ana", "ana.s"):
        assert await count(bot.db, "members", f"display_name = '{name}'") == 0
    for platform, user_id in (("discord", "111"), ("slack", "U111")):
        where = f"platform = '{platform}' AND platform_user_id = '{user_id}'"
        assert await count(bot.db, "members", where) == 0


async def test_bad_codes_are_refused_in_one_line_and_link_nothing(bot: TestBot) -> None:
    code = await code_for(bot, ANA_D)
    before = await row_counts(bot.db, leave_out=("link_attempts",))
    wrong = await bot.say("/link ZZZZ-ZZZZ", as_=ANA_S)
    assert (
        wrong
        == "error: That is not a link code (or not one that works). Type /link on your other account for a new one."
    )
    assert (await bot.say(f"/link {code}", as_=ANA_D)).startswith("error: That code is this account's own")
    bot.clock.advance(minutes=11)
    expired = await bot.say(f"/link {code}", as_=ANA_S)
    assert expired.startswith("error: That code has expired") and "\n" not in expired
    assert await row_counts(bot.db, leave_out=("link_attempts",)) == before


async def test_a_code_works_once(bot: TestBot) -> None:
    code = await code_for(bot, ANA_D)
    await bot.ok(f"/link {code}", as_=ANA_S)
    before = await row_counts(bot.db, leave_out=("link_attempts",))
    again = await bot.say(f"/link {code}", as_=BO_S)
    assert again.startswith("error: That code was used already")
    assert await row_counts(bot.db, leave_out=("link_attempts",)) == before


async def test_wrong_codes_are_rate_limited(bot: TestBot) -> None:
    code = await code_for(bot, ANA_D)
    for _ in range(5):
        assert (await bot.say("/link ABCD-EFGH", as_=ANA_S)).startswith("error: That is not a link code")
    limited = await bot.say(f"/link {code}", as_=ANA_S)  # even the right one, for now
    assert limited == "error: Too many codes that didn't work from this account; try again in 15 minutes."
    assert await count(bot.db, "member_links") == 0
    bot.clock.advance(minutes=9)  # the code lasts ten minutes; the limit fifteen
    assert (await bot.say(f"/link {code}", as_=ANA_S)).startswith("error: Too many")
    await bot.ok(f"/link {await code_for(bot, ANA_D)}", as_=BO_S)  # another account is not held up


async def test_organizers_see_a_members_accounts(bot: TestBot) -> None:
    await linked(bot)
    olga = Actor("slack", "U999", "Olga", Role.ORGANIZER)
    shown = await bot.say("/link show <@U111>", as_=olga)
    assert "one member on 2 accounts" in shown and "Discord (Ana)" in shown
    refused = await bot.say("/link show <@U111>", as_=BO_S)
    assert refused == "error: Seeing someone else's accounts is for captains and up."


async def test_two_console_members_link_as_typed_in_the_console(bot: TestBot) -> None:
    await bot.say("/as Ana organizer")
    answer = await bot.say("/link")
    code = re.search(r"/link (\S+)\n", answer)
    assert code, answer
    await bot.say("/as Ana Phone member")
    assert (await bot.say(f"/link {code.group(1).lower()}")).startswith(  # typed in lower case: still read
        "Linked: you are one member on console (Ana), console (Ana Phone)."
    )
    assert "Sunset Gate" in await bot.say(SITE)  # Ana Phone, a member, acts with Ana's organizer role


async def test_two_live_feeds_become_one_and_a_captain_finds_the_person_by_either_name(bot: TestBot) -> None:
    await bot.ok("/picket feed", as_=ANA_D)
    await bot.ok("/picket feed", as_=ANA_S)
    answer = await linked(bot)
    assert "This account's calendar feed link was ended" in answer
    assert await count(bot.db, "calendar_feeds", "revoked_at IS NULL") == 1
    captain = Actor("slack", "U998", "Cato", Role.CAPTAIN)
    by_slack_name = await bot.say("/picket hours ana.s", as_=captain)
    assert by_slack_name.startswith("== Picket hours: Ana ==")  # the person, by their Slack name


async def test_a_role_raised_through_a_link_is_not_noted_as_the_accounts_own(bot: TestBot) -> None:
    await linked(bot, Actor("discord", "111", "Ana", Role.ORGANIZER), ANA_S)
    await bot.ok(SITE, as_=ANA_S)  # Slack, raised to organizer by Discord's role
    await bot.ok("/picket mine", as_=ANA_D)  # Discord took the organizer role away: noted
    refused = await bot.say('/picket site add "Other Gate" tz=America/Los_Angeles', as_=ANA_D)
    assert refused.startswith("error: ") and "organizer" in refused
    assert (await bot.say('/picket site add "Third Gate" tz=America/Los_Angeles', as_=ANA_S)).startswith(
        "error: "
    )
