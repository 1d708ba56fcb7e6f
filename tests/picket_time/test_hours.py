"""/picket hours and /picket eligibility through the real dispatcher on a real database."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from bot.app import App
from bot.testing.clock import FakeClock
from bot.testing.harness import TestBot
from bot.testing.people import CHANNEL, actor
from commands.reply import Reply
from commands.roles import Role
from storage import members
from storage.database import iso
from tests.picket_time.data import LA, add_member, add_shift, add_site, attend, check_in, execute, sign_up

ANA = actor("Ana")
CAPTAIN = actor("Cat", Role.CAPTAIN)


def at(day: int, hour: int, month: int = 10) -> datetime:
    return datetime(2026, month, day, hour, 0, tzinfo=LA)


async def run(app: App, line: str, who: object = ANA) -> Reply:
    return await app.dispatcher.handle_text(who, CHANNEL, line)  # type: ignore[arg-type]


async def ana_week(app: App) -> dict[str, int]:
    """Ana: present Mon, walk-in Tue, no-show Wed, signed up but never checked in Thu, present last Fri."""
    site = await add_site(app.db, "Netflix Sunset Gate")
    ana = await add_member(app.db, "Ana")
    monday = await attend(app.db, site, at(26, 9), ana)
    tuesday = await add_shift(app.db, site, at(27, 9))
    await sign_up(app.db, tuesday, ana)
    await check_in(app.db, tuesday, ana, "walk-in")
    wednesday = await add_shift(app.db, site, at(28, 9))
    await sign_up(app.db, wednesday, ana)
    await check_in(app.db, wednesday, ana, "no-show")
    thursday = await add_shift(app.db, site, at(29, 9))
    await sign_up(app.db, thursday, ana)
    last_friday = await attend(app.db, site, at(23, 9), ana)
    return {"site": site, "ana": ana, "monday": monday, "tuesday": tuesday, "last_friday": last_friday}


async def test_own_hours_count_checked_in_time_only(app: App) -> None:
    ids = await ana_week(app)
    reply = await run(app, "/picket hours")
    assert not reply.is_error, reply.text
    assert reply.text.startswith("6.00 hours over 2 shifts, Mon 26 Oct – Sun 1 Nov 2026.")
    assert f"#{ids['monday']} Mon 26 Oct 09:00–12:00 PDT, Netflix Sunset Gate: present, 3.00 h" in reply.text
    assert f"#{ids['tuesday']} " in reply.text and ": walk-in, 3.00 h" in reply.text
    assert "no-show" not in reply.text
    assert reply.ephemeral


async def test_from_and_to_select_days(app: App) -> None:
    await ana_week(app)
    both = await run(app, "/picket hours 2026-10-19 2026-11-01")
    assert both.text.startswith("9.00 hours over 3 shifts, Mon 19 Oct – Sun 1 Nov 2026."), both.text
    keywords = await run(app, "/picket hours from=2026-10-23 to=2026-10-23")
    assert keywords.text.startswith("3.00 hours over 1 shift, Fri 23 Oct 2026."), keywords.text
    only_from = await run(app, "/picket hours from=2026-10-27")
    assert only_from.text.startswith("3.00 hours over 1 shift, Tue 27 Oct – Sun 1 Nov 2026."), only_from.text
    one_day = await run(app, "/picket hours 2026-10-27")  # a day is that day, as in every command
    assert one_day.text.startswith("3.00 hours over 1 shift, Tue 27 Oct 2026."), one_day.text
    backwards = await run(app, "/picket hours 2026-11-01 2026-10-01")
    assert backwards.is_error and "before" in backwards.text


async def test_shift_across_daylight_saving_end_counts_real_time(app: App) -> None:
    site = await add_site(app.db, "Overnight Gate")
    ana = await add_member(app.db, "Ana")
    # 01:00 PDT to 03:00 PST on 1 Nov 2026: three hours on the line, though the clock shows two.
    await attend(app.db, site, datetime(2026, 11, 1, 1, 0, tzinfo=LA), ana, hours=3)
    reply = await run(app, "/picket hours")
    assert reply.text.startswith("3.00 hours over 1 shift"), reply.text
    assert "Sun 1 Nov 01:00 PDT–03:00 PST" in reply.text


async def test_members_see_only_their_own_hours(app: App) -> None:
    await ana_week(app)
    await add_member(app.db, "Bob")
    lines = (
        "/picket hours Bob",
        "/picket hours <@bob>",
        "/picket hours bob 2026-10-01 2026-10-31",
        "/picket hours Zed",
    )
    for line in lines:
        reply = await run(app, line)
        assert reply.is_error and reply.text.startswith("Members can see only their own hours"), line
    assert not (await run(app, "/picket hours Ana")).is_error


async def test_captains_see_anyones_hours_by_name_or_mention(app: App) -> None:
    await ana_week(app)
    for line in ("/picket hours Ana", "/picket hours <@ana>", "/picket hours ana 2026-10-26 2026-11-01"):
        reply = await run(app, line, CAPTAIN)
        assert not reply.is_error, reply.text
        assert reply.title == "Picket hours: Ana"
        assert reply.text.startswith("6.00 hours over 2 shifts"), line


async def test_naming_a_member_that_is_not_there(app: App) -> None:
    await add_member(app.db, "Ana")
    await members.ensure(app.db, "console", "sam-1", "Sam")
    await members.ensure(app.db, "console", "sam-2", "Sam")
    await members.ensure(app.db, "discord", "999", "Dora")
    unknown = await run(app, "/picket hours Zed", CAPTAIN)
    assert unknown.is_error and unknown.text == "No member called 'Zed'."
    ambiguous = await run(app, "/picket hours Sam", CAPTAIN)
    assert ambiguous.is_error and "2 members are called 'Sam'" in ambiguous.text
    other_platform = await run(app, "/picket hours Dora", CAPTAIN)
    assert other_platform.is_error
    mention = await run(app, "/picket hours <@nobody>", CAPTAIN)
    assert mention.is_error and "no picket record" in mention.text
    pinging = await run(app, "/picket hours @everyone", CAPTAIN)
    assert pinging.is_error and "@everyone" not in pinging.text


async def test_eligibility_lists_everyone_signed_up_that_week(app: App) -> None:
    site = await add_site(app.db, "Gate 2")
    people = {name: await add_member(app.db, name) for name in ("Ana", "Bob", "Cy", "Dee")}
    for day in (26, 27, 28, 29, 30):  # five 2-hour shifts: eligible by shifts
        await attend(app.db, site, at(day, 9), people["Ana"], hours=2)
    for day in (26, 27, 28):  # three 7-hour shifts: eligible by hours
        await attend(app.db, site, at(day, 13), people["Bob"], hours=7)
    await attend(app.db, site, at(30, 13), people["Cy"], hours=6)
    no_show = await add_shift(app.db, site, at(31, 9))
    await sign_up(app.db, no_show, people["Dee"])
    await check_in(app.db, no_show, people["Dee"], "no-show")

    reply = await run(app, "/picket eligibility", CAPTAIN)
    assert not reply.is_error, reply.text
    assert reply.title == "Strike-pay eligibility, Mon 26 Oct – Sun 1 Nov 2026"
    assert "Rule: at least 20 hours or at least 5 shifts a week. 2 of 4 members eligible." in reply.text
    assert "• Ana: 10.00 h, 5 shifts: yes" in reply.text
    assert "• Bob: 21.00 h, 3 shifts: yes" in reply.text
    assert "• Cy: 6.00 h, 1 shift: no" in reply.text
    assert "• Dee: 0.00 h, 0 shifts: no" in reply.text

    earlier = await run(app, "/picket eligibility 2026-10-21", CAPTAIN)
    assert "0 of 0 members eligible" in earlier.text and "Nobody signed up" in earlier.text
    own = await run(app, "/picket hours", actor("Ana"))
    assert "Strike-pay eligible this week: yes" in shown(own)


def shown(reply: Reply) -> str:
    return "\n".join([reply.text, *(f"{f.name}: {f.value}" for f in reply.fields)])


async def test_eligibility_is_for_captains_and_up(app: App) -> None:
    reply = await run(app, "/picket eligibility", ANA)
    assert reply.is_error and "captain" in reply.text


async def test_all_of_the_thresholds_rule(tmp_path: Path, clock: FakeClock) -> None:
    rule = '[picket]\neligibility_rule = "all"\neligibility_min_hours = 12\n'
    async with await TestBot.open(tmp_path, clock=clock, config=rule) as bot:
        app = bot.app
        site = await add_site(app.db, "Gate 3")
        ana, bob = await add_member(app.db, "Ana"), await add_member(app.db, "Bob")
        for day in (26, 27, 28, 29, 30):
            await attend(app.db, site, at(day, 9), ana, hours=2)  # 10 hours: shifts met, hours not
            await attend(app.db, site, at(day, 13), bob, hours=3)  # 15 hours and 5 shifts
        reply = await run(app, "/picket eligibility", CAPTAIN)
        assert "Rule: at least 12 hours and at least 5 shifts a week. 1 of 2 members eligible." in reply.text
        assert "• Ana: 10.00 h, 5 shifts: no" in reply.text
        assert "• Bob: 15.00 h, 5 shifts: yes" in reply.text


async def test_forgotten_members_stay_anonymous_in_totals(app: App) -> None:
    site = await add_site(app.db, "Gate 4")
    ana = await add_member(app.db, "Ana")
    await attend(app.db, site, at(26, 9), ana)
    async with app.db.transaction() as tx:
        await tx.execute("UPDATE members SET forgotten_at = '2026-10-31T00:00:00+00:00' WHERE id = ?", (ana,))
    reply = await run(app, "/picket eligibility", CAPTAIN)
    assert f"• member #{ana} (forgotten): 3.00 h, 1 shift: no" in reply.text
    assert "Ana" not in reply.text


async def test_a_shift_cancelled_before_it_started_counts_nothing(app: App) -> None:
    """Checked in 15 minutes early, then the shift was called off: nobody picketed."""
    site = await add_site(app.db, "Gate 5")
    ana, bob = await add_member(app.db, "Ana"), await add_member(app.db, "Bob")
    called_off = await attend(app.db, site, at(26, 9), ana)
    await sign_up(app.db, called_off, bob)
    cut_short = await attend(app.db, site, at(27, 9), ana)
    for shift_id, cancelled in ((called_off, at(26, 8)), (cut_short, at(27, 10))):
        await execute(
            app.db,
            "UPDATE shifts SET cancelled_at = ?, cancel_reason = 'heat' WHERE id = ?",
            (iso(cancelled), shift_id),
        )
    own = await run(app, "/picket hours")
    assert own.text.startswith("3.00 hours over 1 shift,"), own.text
    assert f"#{called_off} " not in own.text and f"#{cut_short} " in own.text
    everyone = await run(app, "/picket eligibility", CAPTAIN)
    assert "• Ana: 3.00 h, 1 shift: no" in everyone.text
    assert "Bob" not in everyone.text  # signed up only for the shift that never happened
    assert "0 of 1 members eligible" in everyone.text
