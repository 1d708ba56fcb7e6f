"""/picket commands through the real dispatcher: permissions, bad input, buttons, roster, check-in."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from bot.app import App
from commands.reply import Button
from commands.roles import Role
from storage.picket import shifts
from tests.picket.support import CAPTAIN, CHANNEL, ORGANIZER, Clock, count, ok, person, say

ANA, BO, CY = person("Ana"), person("Bo"), person("Cy")
TABLES = ("sites", "shifts", "signups", "checkins", "audit_log", "outbox")


async def setup_site_and_shift(app: App, capacity: int = 2, captains: int = 0) -> int:
    await ok(
        app, ORGANIZER, '/picket site add "Sunset Gate" address="5808 Sunset Blvd" tz=America/Los_Angeles'
    )
    reply = await ok(
        app,
        ORGANIZER,
        f'/picket shift add "Sunset Gate" 2026-10-27 09:00 12:00 capacity={capacity} captains={captains}',
    )
    found = re.search(r"Shift #(\d+) added", reply.title or "")
    assert found, reply
    return int(found.group(1))


async def snapshot(app: App) -> dict[str, int]:
    return {table: await count(app, table) for table in TABLES}


async def test_site_add_remembers_channel_and_defaults_zone(app: App) -> None:
    reply = await ok(app, ORGANIZER, "/picket site add Gower")
    assert "America/Los_Angeles" in reply.text  # the bot's default zone
    row = await app.db.fetchone("SELECT platform, channel_id, timezone FROM sites")
    assert row is not None and tuple(row) == ("console", CHANNEL.channel_id, "America/Los_Angeles")
    listing = await ok(app, ANA, "/picket sites")
    assert "Gower" in listing.text


async def test_members_cannot_do_organizer_or_captain_things(app: App) -> None:
    shift_id = await setup_site_and_shift(app)
    before = await snapshot(app)
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
        reply = await say(app, ANA, line)
        assert reply.is_error and reply.ephemeral, line
        assert "captain" in reply.text or "organizer" in reply.text, (line, reply.text)
    # Captains still can't do organizer things.
    assert (await say(app, CAPTAIN, f"/picket shift cancel {shift_id}")).is_error
    assert await snapshot(app) == before


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('/picket shift add "Sunset Gate" 2026-10-01 09:00 12:00 capacity=3', "in the past"),
        ('/picket shift add "Sunset Gate" 2026-10-28 12:00 09:00 capacity=3', "END must be after START"),
        ('/picket shift add "Sunset Gate" mon-fri 12:00-09:00 capacity=3', "must end after it starts"),
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
async def test_bad_input_is_one_clear_error_and_writes_nothing(app: App, line: str, message: str) -> None:
    await setup_site_and_shift(app)
    before = await snapshot(app)
    reply = await say(app, ORGANIZER, line)
    assert reply.is_error, line
    assert message.lower() in reply.text.lower(), reply.text
    assert "Traceback" not in reply.text and "ref " not in reply.text
    assert await snapshot(app) == before


async def test_a_site_in_utc_is_fine(app: App) -> None:
    reply = await ok(app, ORGANIZER, "/picket site add Gower tz=UTC")

    assert "UTC" in reply.text


@pytest.mark.parametrize(
    "invisible",
    ["\u3164", "\uffa0", "\u2800", "\u115f\u1160", "\u3164\u034f", "\u17b4 \u034f", "\u0301\u0308"],
    ids=["hangul filler", "halfwidth hangul filler", "braille blank", "hangul jamo fillers", "with cgj",
         "khmer inherent vowel", "accents alone"],
)  # fmt: skip
async def test_a_name_with_nothing_visible_in_it_is_refused_like_an_empty_one(
    app: App, invisible: str
) -> None:
    # These "letters" (categories Lo, So, Mn) pass strip_controls, but a site named with them
    # is one nobody can see or type.
    reply = await say(app, ORGANIZER, f'/picket site add "{invisible}" tz=America/Los_Angeles')

    assert reply.is_error, reply.text
    assert "must not be empty" in reply.text, reply.text
    assert await count(app, "sites") == 0


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
async def test_ten_thousand_characters_are_refused(app: App, line: str) -> None:
    await setup_site_and_shift(app)
    before = await snapshot(app)
    reply = await say(app, ORGANIZER, line.replace("{long}", "x" * 10_000))
    assert reply.is_error
    assert len(reply.text) < 400 and "x" * 100 not in reply.text
    assert await snapshot(app) == before


async def test_shift_posts_carry_buttons_and_counts(app: App) -> None:
    shift_id = await setup_site_and_shift(app, capacity=2, captains=1)
    reply = await ok(app, ANA, "/picket shifts")
    assert (
        f"#{shift_id} Sunset Gate · Tue 2026-10-27 09:00–12:00 PDT · 0/2 places · captains 0/1" in reply.text
    )
    assert reply.buttons == (
        Button("Sign up", f"picket signup {shift_id}", "primary"),
        Button("Cancel", f"picket cancel {shift_id}", "danger"),
    )
    # A button runs its command as whoever clicks it.
    clicked = await app.dispatcher.handle_action(BO, CHANNEL, reply.buttons[0].action_id)
    assert "signed up" in clicked.text
    assert "1/2 places" in (await ok(app, ANA, '/picket shifts "Sunset Gate" tue')).text
    assert "No shifts" in (await ok(app, ANA, "/picket shifts 2026-10-29")).text
    assert "Shifts this week" in (await ok(app, ANA, "/picket shifts week")).title  # type: ignore[operator]
    assert (await say(app, ANA, "/picket shifts Nowhere")).is_error


async def test_waitlist_promotion_through_commands(app: App) -> None:
    shift_id = await setup_site_and_shift(app, capacity=2)
    await ok(app, ANA, f"/picket signup {shift_id}")
    await ok(app, BO, f"/picket signup {shift_id}")
    waiting = await ok(app, CY, f"/picket signup {shift_id}")
    assert "waitlist: position 1" in waiting.text
    again = await say(app, CY, f"/picket signup {shift_id}")
    assert again.is_error and "position 1" in again.text
    mine = await ok(app, CY, "/picket mine")
    assert "Tue 2026-10-27 09:00–12:00 PDT" in mine.text and "waitlist position 1" in mine.text
    await ok(app, ANA, f"/picket cancel {shift_id}")
    row = await app.db.fetchone("SELECT target_id, kind FROM outbox")
    assert row is not None and tuple(row) == ("cy", "waitlist-promotion")
    assert "confirmed" in (await ok(app, CY, "/picket mine")).text
    assert (await say(app, ANA, f"/picket cancel {shift_id}")).is_error


async def test_capacity_commands(app: App) -> None:
    shift_id = await setup_site_and_shift(app, capacity=1)
    await ok(app, ANA, f"/picket signup {shift_id}")
    await ok(app, BO, f"/picket signup {shift_id}")
    refused = await say(app, ORGANIZER, f"/picket shift capacity {shift_id} 0")
    assert refused.is_error
    raised = await ok(app, ORGANIZER, f"/picket shift capacity {shift_id} 2")
    assert "Promoted from the waitlist (and notified): Bo" in raised.text
    lowered = await say(app, ORGANIZER, f"/picket shift edit {shift_id} capacity=1")
    assert lowered.is_error and "can't go below 2" in lowered.text
    assert await count(app, "outbox", "kind = 'waitlist-promotion'") == 1


async def test_captain_signup_gaps_and_private_roster(app: App) -> None:
    shift_id = await setup_site_and_shift(app, capacity=4, captains=1)
    gaps = await ok(app, CAPTAIN, "/picket gaps")
    assert f"#{shift_id}" in gaps.text and "needs 1 captain(s)" in gaps.text
    await ok(app, CAPTAIN, f"/picket signup {shift_id} as=captain")
    gaps = await ok(app, CAPTAIN, "/picket gaps 2026-10-27")
    assert "only 1/4 places filled" in gaps.text and "captain(s)" not in gaps.text
    await ok(app, ANA, f"/picket signup {shift_id}")
    assert "No gaps" in (await ok(app, CAPTAIN, "/picket gaps")).text
    roster = await ok(app, CAPTAIN, f"/picket roster {shift_id}")
    assert roster.ephemeral
    assert "1. Cato (captain) — not checked in" in roster.text and "Ana" in roster.text
    assert (await say(app, ANA, f"/picket roster {shift_id}")).is_error


async def test_checkin_by_self_and_by_captain(app: App, clock: Clock) -> None:
    shift_id = await setup_site_and_shift(app, capacity=1)
    await ok(app, ANA, f"/picket signup {shift_id}")
    await ok(app, BO, f"/picket signup {shift_id}")
    shift = await shifts.require(app.db, shift_id)
    too_early = await say(app, ANA, f"/picket checkin {shift_id}")
    assert too_early.is_error and "opens 15 minutes" in too_early.text
    clock.set(shift.starts_at - timedelta(minutes=10))
    assert "Checked in" in (await ok(app, ANA, f"/picket checkin {shift_id}")).text
    # A mention resolves by platform id; a name by display name.
    walk = await ok(app, CAPTAIN, f"/picket checkin {shift_id} <@dee> walk-in")
    assert "walk-in" in walk.text
    await ok(app, CAPTAIN, f"/picket checkin {shift_id} Bo present")
    marked = await ok(app, CAPTAIN, f"/picket checkin {shift_id} <@ana> no-show")
    assert "(was present)" in marked.text
    unknown = await say(app, CAPTAIN, f"/picket checkin {shift_id} Nobody present")
    assert unknown.is_error and "No member called" in unknown.text
    roster = await ok(app, CAPTAIN, f"/picket roster {shift_id}")
    assert "Ana — no-show at" in roster.text and "Bo" in roster.text and "dee — walk-in at" in roster.text
    clock.set(shift.ends_at + timedelta(minutes=1))
    late = await say(app, BO, f"/picket checkin {shift_id}")
    assert late.is_error
    assert await count(app, "audit_log", "action = 'picket.checkin'") == 4


async def test_signup_closes_at_start_and_overlap_rule(app: App, clock: Clock) -> None:
    shift_id = await setup_site_and_shift(app, capacity=5)
    other = await ok(app, ORGANIZER, '/picket shift add "Sunset Gate" 2026-10-27 11:00 14:00 capacity=5')
    other_id = int(re.findall(r"#(\d+)", other.title or "")[0])
    await ok(app, ANA, f"/picket signup {shift_id}")
    overlap = await say(app, ANA, f"/picket signup {other_id}")
    assert overlap.is_error and "overlaps" in overlap.text
    shift = await shifts.require(app.db, shift_id)
    clock.set(shift.starts_at)
    closed = await say(app, BO, f"/picket signup {shift_id}")
    assert closed.is_error and "closed when it started" in closed.text


async def test_site_close_with_move_and_notices(app: App) -> None:
    shift_id = await setup_site_and_shift(app, capacity=2)
    await ok(app, ORGANIZER, "/picket site add Gower")
    await ok(app, ANA, f"/picket signup {shift_id}")
    reply = await ok(app, ORGANIZER, '/picket site close "Sunset Gate" heat advisory move_to=Gower')
    assert "1 upcoming shift(s) moved to Gower" in reply.text
    row = await app.db.fetchone("SELECT kind, target_id, body FROM outbox")
    assert row is not None and row["kind"] == "shift-moved" and "heat advisory" in row["body"]
    assert "Gower" in (await ok(app, ANA, "/picket mine")).text
    assert (await say(app, ANA, f"/picket signup {shift_id} as=member")).text.startswith("You're already")


async def test_forget_me_asks_first(app: App) -> None:
    shift_id = await setup_site_and_shift(app)
    await ok(app, ANA, f"/picket signup {shift_id}")
    ask = await ok(app, ANA, "/picket forget-me")
    assert ask.buttons == (Button("Forget me", "picket forget-me confirm", "danger"),)
    assert await count(app, "members", "forgotten_at IS NOT NULL") == 0
    done = await app.dispatcher.handle_action(ANA, CHANNEL, ask.buttons[0].action_id)
    assert "1 sign-up(s) were cancelled" in done.text
    assert await count(app, "members", "display_name = 'Ana'") == 0
    assert await count(app, "signups", "status != 'cancelled'") == 0


async def test_help_lists_picket_commands(app: App) -> None:
    reply = await ok(app, person("Ana", Role.MEMBER), "/help picket")
    for usage in (
        "/picket signup ID [AS]",
        "/picket shift add SITE WHEN...",
        "/picket checkin ID [MEMBER] [STATUS]",
    ):
        assert usage in reply.text


async def test_waitlist_reply_says_when_the_open_places_are_held_for_captains(app: App) -> None:
    shift_id = await setup_site_and_shift(app, capacity=2, captains=1)
    await ok(app, ANA, f"/picket signup {shift_id}")
    held = await ok(app, BO, f"/picket signup {shift_id}")
    assert (
        "has no member places left (1 held for captains), so you're on the waitlist: position 1." in held.text
    )
    await ok(app, CAPTAIN, f"/picket signup {shift_id} as=captain")
    full = await ok(app, CY, f"/picket signup {shift_id}")
    assert "PDT is full, so you're on the waitlist: position 2." in full.text
