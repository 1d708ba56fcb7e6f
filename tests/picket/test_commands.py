"""/picket commands through the real dispatcher: permissions, bad input, buttons, roster, check-in."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from bot.testing.clock import FakeClock
from bot.testing.harness import TestBot
from bot.testing.people import actor
from commands.markup import plain
from commands.reply import Button
from commands.roles import Role
from storage.picket import shifts
from tests.picket.support import CAPTAIN, CHANNEL, ORGANIZER, count

ANA, BO, CY = actor("Ana"), actor("Bo"), actor("Cy")
TABLES = ("sites", "shifts", "signups", "checkins", "audit_log", "outbox")


async def setup_site_and_shift(bot: TestBot, capacity: int = 2, captains: int = 0) -> int:
    await bot.ok(
        '/picket site add "Sunset Gate" address="5808 Sunset Blvd" tz=America/Los_Angeles', as_=ORGANIZER
    )
    reply = await bot.ok(
        f'/picket shift add "Sunset Gate" 2026-10-27 09:00 12:00 capacity={capacity} captains={captains}',
        as_=ORGANIZER,
    )
    found = re.search(r"Shift #(\d+) added", reply.title or "")
    assert found, reply
    return int(found.group(1))


async def snapshot(bot: TestBot) -> dict[str, int]:
    return {table: await count(bot.db, table) for table in TABLES}


async def test_site_add_remembers_channel_and_defaults_zone(bot: TestBot) -> None:
    reply = await bot.ok("/picket site add Gower", as_=ORGANIZER)
    assert "America/Los_Angeles" in reply.text  # the bot's default zone
    row = await bot.db.fetchone("SELECT platform, channel_id, timezone FROM sites")
    assert row is not None and tuple(row) == ("console", CHANNEL.channel_id, "America/Los_Angeles")
    listing = await bot.ok("/picket sites", as_=ANA)
    assert "Gower" in listing.text


async def test_members_cannot_do_organizer_or_captain_things(bot: TestBot) -> None:
    shift_id = await setup_site_and_shift(bot)
    before = await snapshot(bot)
    for line in (
        "/picket site add Elsewhere",
        '/picket site close "Sunset Gate"',
        '/picket shift add "Sunset Gate" 2026-10-28 09:00 12:00 capacity=3',
        f"/picket shift cancel {shift_id}",
        f"/picket shift capacity {shift_id} 9",
        f"/picket shift edit {shift_id} capacity=9",
        f"/picket roster {shift_id}",
        "/picket gaps",
        f"/picket checkin {shift_id} Bo present",
        f"/picket signup {shift_id} as=captain",
    ):
        reply = await bot.reply(line, as_=ANA)
        assert reply.is_error and reply.ephemeral, line
        assert "captain" in reply.text or "organizer" in reply.text, (line, reply.text)
    # Captains still can't do organizer things.
    assert (await bot.reply(f"/picket shift cancel {shift_id}", as_=CAPTAIN)).is_error
    assert await snapshot(bot) == before


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('/picket shift add "Sunset Gate" 2026-10-01 09:00 12:00 capacity=3', "in the past"),
        (
            '/picket shift add "Sunset Gate" 2026-10-28 12:00 2026-10-28 09:00 capacity=3',
            "END must be after START",
        ),
        (
            '/picket shift add "Sunset Gate" mon-fri 12:00-12:00 capacity=3',
            "starts and ends at the same time",
        ),
        ('/picket shift add "Sunset Gate" 2026-10-28 09:00 12:00 capacity=0', "capacity must be at least 1"),
        ('/picket shift add "Sunset Gate" 2026-10-28 09:00 12:00 capacity=3 captains=4', "captains must be"),
        ('/picket shift add "Sunset Gate" 2026-10-28 09:00 12:00', "CAPACITY is missing"),
        ('/picket shift add "Sunset Gate" someday capacity=3', "can't read"),
        (
            '/picket shift add "Sunset Gate" mon-fri 09:00-12:00 capacity=3 weeks=0',
            "weeks must be at least 1",
        ),
        ("/picket shift add Nowhere 2026-10-28 09:00 12:00 capacity=3", "no site called"),
        ("/picket site add Gower tz=Mars/Olympus", "unknown time zone"),
        ("/picket site add Gower tz=localtime", "unknown time zone"),  # the host's zone, not a place's
        ("/picket site add Gower tz=Factory", "unknown time zone"),
        ("/picket site add Gower tz=posixrules", "unknown time zone"),
        ('/picket site add "Sunset Gate"', "already a site"),
        ("/picket shift cancel 999", "no shift #999"),
        ("/picket shift capacity 999 3", "no shift #999"),
        ("/picket signup 999", "no shift #999"),
        ("/picket signup abc", "whole number"),
        ("/picket cancel 999", "no shift #999"),
        ("/picket checkin 999", "no shift #999"),
        ("/picket roster 999", "no shift #999"),
        ("/picket shift edit 1", "nothing to change"),
    ],
)
async def test_bad_input_is_one_clear_error_and_writes_nothing(bot: TestBot, line: str, message: str) -> None:
    await setup_site_and_shift(bot)
    before = await snapshot(bot)
    reply = await bot.reply(line, as_=ORGANIZER)
    assert reply.is_error, line
    assert message.lower() in reply.text.lower(), reply.text
    assert "Traceback" not in reply.text and "ref " not in reply.text
    assert await snapshot(bot) == before


async def test_a_site_in_utc_is_fine(bot: TestBot) -> None:
    reply = await bot.ok("/picket site add Gower tz=UTC", as_=ORGANIZER)

    assert "UTC" in reply.text


@pytest.mark.parametrize(
    "invisible",
    ["\u3164", "\uffa0", "\u2800", "\u115f\u1160", "\u3164\u034f", "\u17b4 \u034f", "\u0301\u0308"],
    ids=["hangul filler", "halfwidth hangul filler", "braille blank", "hangul jamo fillers", "with cgj",
         "khmer inherent vowel", "accents alone"],
)  # fmt: skip
async def test_a_name_with_nothing_visible_in_it_is_refused_like_an_empty_one(
    bot: TestBot, invisible: str
) -> None:
    # These "letters" (categories Lo, So, Mn) pass strip_controls, but a site named with them
    # is one nobody can see or type.
    reply = await bot.reply(f'/picket site add "{invisible}" tz=America/Los_Angeles', as_=ORGANIZER)

    assert reply.is_error, reply.text
    assert "must not be empty" in reply.text, reply.text
    assert await count(bot.db, "sites") == 0


@pytest.mark.parametrize(
    "line",
    [
        "/picket site add {long}",
        '/picket site add Gower notes="{long}"',
        '/picket shift add "Sunset Gate" 2026-10-28 09:00 12:00 capacity=3 notes="{long}"',
        '/picket shift add "Sunset Gate" {long} capacity=3',
        "/picket shift cancel 1 {long}",
        '/picket site close "Sunset Gate" {long}',
        "/picket checkin 1 {long} present",
    ],
)
async def test_ten_thousand_characters_are_refused(bot: TestBot, line: str) -> None:
    await setup_site_and_shift(bot)
    before = await snapshot(bot)
    reply = await bot.reply(line.replace("{long}", "x" * 10_000), as_=ORGANIZER)
    assert reply.is_error
    assert len(reply.text) < 400 and "x" * 100 not in reply.text
    assert await snapshot(bot) == before


async def test_shift_posts_carry_buttons_and_counts(bot: TestBot) -> None:
    shift_id = await setup_site_and_shift(bot, capacity=2, captains=1)
    reply = await bot.ok("/picket shifts", as_=ANA)
    shown = plain(reply.text)
    assert f"#{shift_id} Sunset Gate · Tue 2026-10-27 09:00–12:00 PDT · 0/2 places · captains 0/1" in shown
    assert reply.buttons == (
        Button("Sign up", f"picket signup {shift_id}", "primary"),
        Button("Cancel", f"picket cancel {shift_id}", "danger"),
    )
    # A button runs its command as whoever clicks it.
    clicked = await bot.app.dispatcher.handle_action(BO, CHANNEL, reply.buttons[0].action_id)
    assert "signed up" in clicked.text
    assert "1/2 places" in (await bot.ok('/picket shifts "Sunset Gate" tue', as_=ANA)).text
    assert "No shifts" in (await bot.ok("/picket shifts 2026-10-29", as_=ANA)).text
    assert "Shifts this week" in (await bot.ok("/picket shifts week", as_=ANA)).title  # type: ignore[operator]
    assert (await bot.reply("/picket shifts Nowhere", as_=ANA)).is_error


async def test_waitlist_promotion_through_commands(bot: TestBot) -> None:
    shift_id = await setup_site_and_shift(bot, capacity=2)
    await bot.ok(f"/picket signup {shift_id}", as_=ANA)
    await bot.ok(f"/picket signup {shift_id}", as_=BO)
    waiting = await bot.ok(f"/picket signup {shift_id}", as_=CY)
    assert "waitlist: position 1" in waiting.text
    again = await bot.reply(f"/picket signup {shift_id}", as_=CY)
    assert again.is_error and "position 1" in again.text
    mine = await bot.ok("/picket mine", as_=CY)
    assert "Tue 2026-10-27 09:00–12:00 PDT" in mine.text and "waitlist position 1" in mine.text
    await bot.ok(f"/picket cancel {shift_id}", as_=ANA)
    row = await bot.db.fetchone("SELECT target_id, kind FROM outbox WHERE kind != 'shift-post'")
    assert row is not None and tuple(row) == ("cy", "waitlist-promotion")
    assert "confirmed" in (await bot.ok("/picket mine", as_=CY)).text
    assert (await bot.reply(f"/picket cancel {shift_id}", as_=ANA)).is_error


async def test_capacity_commands(bot: TestBot) -> None:
    shift_id = await setup_site_and_shift(bot, capacity=1)
    await bot.ok(f"/picket signup {shift_id}", as_=ANA)
    await bot.ok(f"/picket signup {shift_id}", as_=BO)
    refused = await bot.reply(f"/picket shift capacity {shift_id} 0", as_=ORGANIZER)
    assert refused.is_error
    raised = await bot.ok(f"/picket shift capacity {shift_id} 2", as_=ORGANIZER)
    assert "Promoted from the waitlist (and notified): Bo" in raised.text
    lowered = await bot.reply(f"/picket shift edit {shift_id} capacity=1", as_=ORGANIZER)
    assert lowered.is_error and "can't go below 2" in lowered.text
    assert await count(bot.db, "outbox", "kind = 'waitlist-promotion'") == 1


async def test_captain_signup_gaps_and_private_roster(bot: TestBot) -> None:
    shift_id = await setup_site_and_shift(bot, capacity=4, captains=1)
    gaps = await bot.ok("/picket gaps", as_=CAPTAIN)
    assert f"#{shift_id}" in gaps.text and "needs 1 captain(s)" in gaps.text
    await bot.ok(f"/picket signup {shift_id} as=captain", as_=CAPTAIN)
    gaps = await bot.ok("/picket gaps 2026-10-27", as_=CAPTAIN)
    assert "only 1/4 places filled" in gaps.text and "captain(s)" not in gaps.text
    await bot.ok(f"/picket signup {shift_id}", as_=ANA)
    assert "No gaps" in (await bot.ok("/picket gaps", as_=CAPTAIN)).text
    roster = await bot.ok(f"/picket roster {shift_id}", as_=CAPTAIN)
    assert roster.ephemeral
    assert "1. Cato (captain) — not checked in" in roster.text and "Ana" in roster.text
    assert (await bot.reply(f"/picket roster {shift_id}", as_=ANA)).is_error


async def test_checkin_by_self_and_by_captain(bot: TestBot, clock: FakeClock) -> None:
    shift_id = await setup_site_and_shift(bot, capacity=1)
    await bot.ok(f"/picket signup {shift_id}", as_=ANA)
    await bot.ok(f"/picket signup {shift_id}", as_=BO)
    shift = await shifts.require(bot.db, shift_id)
    too_early = await bot.reply(f"/picket checkin {shift_id}", as_=ANA)
    assert too_early.is_error and "opens 15 minutes" in too_early.text
    clock.set(shift.starts_at - timedelta(minutes=10))
    assert "Checked in" in (await bot.ok(f"/picket checkin {shift_id}", as_=ANA)).text
    # A mention resolves by platform id; a name by display name.
    walk = await bot.ok(f"/picket checkin {shift_id} <@dee> walk-in", as_=CAPTAIN)
    assert "walk-in" in walk.text
    await bot.ok(f"/picket checkin {shift_id} Bo present", as_=CAPTAIN)
    marked = await bot.ok(f"/picket checkin {shift_id} <@ana> no-show", as_=CAPTAIN)
    assert "(was present)" in marked.text
    unknown = await bot.reply(f"/picket checkin {shift_id} Nobody present", as_=CAPTAIN)
    assert unknown.is_error and "No member called" in unknown.text
    roster = await bot.ok(f"/picket roster {shift_id}", as_=CAPTAIN)
    assert "Ana — no-show at" in roster.text and "Bo" in roster.text and "dee — walk-in at" in roster.text
    clock.set(shift.ends_at + timedelta(minutes=1))
    late = await bot.reply(f"/picket checkin {shift_id}", as_=BO)
    assert late.is_error
    assert await count(bot.db, "audit_log", "action = 'picket.checkin'") == 4


async def test_signup_closes_at_start_and_overlap_rule(bot: TestBot, clock: FakeClock) -> None:
    shift_id = await setup_site_and_shift(bot, capacity=5)
    other = await bot.ok('/picket shift add "Sunset Gate" 2026-10-27 11:00 14:00 capacity=5', as_=ORGANIZER)
    other_id = int(re.findall(r"#(\d+)", other.title or "")[0])
    await bot.ok(f"/picket signup {shift_id}", as_=ANA)
    overlap = await bot.reply(f"/picket signup {other_id}", as_=ANA)
    assert overlap.is_error and "overlaps" in overlap.text
    shift = await shifts.require(bot.db, shift_id)
    clock.set(shift.starts_at)
    closed = await bot.reply(f"/picket signup {shift_id}", as_=BO)
    assert closed.is_error and "closed when it started" in closed.text


async def test_site_close_with_move_and_notices(bot: TestBot) -> None:
    shift_id = await setup_site_and_shift(bot, capacity=2)
    await bot.ok("/picket site add Gower", as_=ORGANIZER)
    await bot.ok(f"/picket signup {shift_id}", as_=ANA)
    reply = await bot.ok('/picket site close "Sunset Gate" heat advisory move_to=Gower', as_=ORGANIZER)
    assert "1 upcoming shift(s) moved to Gower" in reply.text
    row = await bot.db.fetchone("SELECT kind, target_id, body FROM outbox WHERE kind != 'shift-post'")
    assert row is not None and row["kind"] == "shift-moved" and "heat advisory" in row["body"]
    assert "Gower" in (await bot.ok("/picket mine", as_=ANA)).text
    assert (await bot.reply(f"/picket signup {shift_id} as=member", as_=ANA)).text.startswith(
        "You're already"
    )


async def test_forget_me_asks_first(bot: TestBot) -> None:
    shift_id = await setup_site_and_shift(bot)
    await bot.ok(f"/picket signup {shift_id}", as_=ANA)
    ask = await bot.ok("/picket forget-me", as_=ANA)
    assert ask.buttons == (Button("Forget me", "picket forget-me confirm", "danger"),)
    assert await count(bot.db, "members", "forgotten_at IS NOT NULL") == 0
    done = await bot.app.dispatcher.handle_action(ANA, CHANNEL, ask.buttons[0].action_id)
    assert "1 sign-up(s) were cancelled" in done.text
    assert await count(bot.db, "members", "display_name = 'Ana'") == 0
    assert await count(bot.db, "signups", "status != 'cancelled'") == 0


async def test_help_lists_picket_commands(bot: TestBot) -> None:
    reply = await bot.ok("/help picket", as_=actor("Ana", Role.MEMBER))
    for usage in (
        "/picket signup ID [AS]",
        "/picket shift add SITE WHEN...",
        "/picket checkin ID [MEMBER] [STATUS]",
    ):
        assert usage in reply.text


async def test_waitlist_reply_says_when_the_open_places_are_held_for_captains(bot: TestBot) -> None:
    shift_id = await setup_site_and_shift(bot, capacity=2, captains=1)
    await bot.ok(f"/picket signup {shift_id}", as_=ANA)
    held = await bot.ok(f"/picket signup {shift_id}", as_=BO)
    assert (
        "has no member places left (1 held for captains), so you're on the waitlist: position 1." in held.text
    )
    await bot.ok(f"/picket signup {shift_id} as=captain", as_=CAPTAIN)
    full = await bot.ok(f"/picket signup {shift_id}", as_=CY)
    assert "PDT is full, so you're on the waitlist: position 2." in plain(full.text)
