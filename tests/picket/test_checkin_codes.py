"""Issue 19 item 6: check-in that proves presence. A captain shows a code that changes every few
minutes (with a QR image of it); once shown, members check in to that shift only with a current
code, so a code sent to someone at home expires. The captain's live list marks who is due,
arrived, late and left early; leaving early stops the hours."""

from __future__ import annotations

import re
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.testing.harness import TestBot
from commands.markup import plain
from commands.picket.codes import qr_png
from storage.picket import code_rules
from tests.picket.support import CAPTAIN, ORGANIZER, count

LA = ZoneInfo("America/Los_Angeles")
CODE = re.compile(r"\b([A-Z]{3}-[A-Z]{3})\b")


def _at(hour: int, minute: int) -> datetime:
    return datetime(2026, 10, 27, hour, minute, tzinfo=LA)


async def _shift_with_four(bot: TestBot) -> None:
    """Shift #1, Tue 27 Oct 09:00–12:00 PDT, Ana, Bo, Cy and Di confirmed."""
    await bot.ok('/picket site add "Sunset Gate" tz=America/Los_Angeles', as_=ORGANIZER)
    await bot.ok('/picket shift add "Sunset Gate" 2026-10-27 09:00 12:00 capacity=5', as_=ORGANIZER)
    for name in ("Ana", "Bo", "Cy", "Di"):
        await bot.ok("/picket signup 1", as_=name)


async def _code(bot: TestBot) -> str:
    reply = await bot.ok("/picket code 1", as_=CAPTAIN)
    found = CODE.search(plain(reply.text))
    assert found, reply.text
    return found.group(1)


async def test_a_shown_code_checks_members_in_and_an_old_one_stops_working(bot: TestBot) -> None:
    await _shift_with_four(bot)
    bot.clock.set(_at(8, 50))
    reply = await bot.ok("/picket code 1", as_=CAPTAIN)
    code = CODE.search(plain(reply.text)).group(1)  # type: ignore[union-attr]
    assert f"Members at the line type: /picket checkin {code}" in plain(reply.text)
    assert "This code changes at 08:55 PDT" in plain(reply.text)
    assert reply.attachment is not None and reply.attachment.content_type == "image/png"
    assert reply.attachment.content == qr_png(f"/picket checkin {code}")  # the QR holds the command
    assert reply.attachment.content.startswith(b"\x89PNG")

    # Once a code is shown, the shift's number alone no longer checks a member in.
    refused = await bot.say("/picket checkin 1", as_="Ana")
    assert refused == (
        "error: Shift #1 checks in by code: type /picket checkin CODE with the code your captain shows."
    )
    assert "Checked in for shift #1 Sunset Gate" in await bot.say(
        f"/picket checkin {code.lower().replace('-', '')}", as_="Ana"
    )

    # Still good just after it turns over; two windows later it has expired.
    bot.clock.set(_at(8, 57))
    assert "Checked in" in await bot.say(f"/picket checkin {code}", as_="Cy")
    bot.clock.set(_at(9, 1))
    stale = await bot.say(f"/picket checkin {code}", as_="Bo")
    assert stale == (
        f"error: {code} is not a current check-in code: codes change every 5 minutes,"
        " so use the one your captain shows now"
    )
    assert await count(bot.db, "checkins") == 2
    fresh = await _code(bot)
    assert fresh != code
    assert "Checked in" in await bot.say(f"/picket checkin {fresh}", as_="Bo")


async def test_what_is_not_a_number_or_code_is_refused_in_one_line(bot: TestBot) -> None:
    await _shift_with_four(bot)
    bot.clock.set(_at(9, 0))
    assert (await bot.say("/picket checkin HELLO!", as_="Ana")).startswith(
        "error: 'HELLO!' is neither a shift number nor a check-in code (six letters, like KMX-RTP)\n"
    )
    # A well-formed code nobody showed matches no shift.
    assert "is not a current check-in code" in await bot.say("/picket checkin KMX-RTP", as_="Ana")
    assert await count(bot.db, "checkins") == 0


async def test_the_live_list_marks_due_arrived_late_and_left_early(bot: TestBot) -> None:
    await _shift_with_four(bot)
    bot.clock.set(_at(8, 55))
    code = await _code(bot)
    await bot.ok(f"/picket checkin {code}", as_="Ana")
    before = await bot.say("/picket roster 1", as_=CAPTAIN)
    assert "Live at 08:55 PDT: 1 arrived, 3 due" in before
    assert "2. Bo — not checked in (due)" in before

    bot.clock.set(_at(9, 12))
    await bot.ok(f"/picket checkin {await _code(bot)}", as_="Bo")
    await bot.ok("/picket checkin 1 Di no-show", as_=CAPTAIN)
    bot.clock.set(_at(10, 30))
    assert "your hours stop now" in await bot.say("/picket checkout 1", as_="Ana")
    assert await bot.say("/picket checkout 1", as_="Ana") == (
        "error: Already recorded as left early from shift #1."
    )
    assert (
        await bot.say("/picket checkout 1 Cy", as_=CAPTAIN) == "error: They are not checked in on shift #1."
    )

    live = await bot.say("/picket roster 1", as_=CAPTAIN)
    assert "Live at 10:30 PDT: 2 late, 1 left early, 1 no-show" in live
    assert "1. Ana — present at 08:55, left at 10:30 (LEFT EARLY)" in live
    assert "2. Bo — present at 09:12 (LATE)" in live
    assert "3. Cy — not checked in (LATE)" in live
    assert "4. Di — no-show at 09:12" in live

    bot.clock.set(_at(13, 0))
    assert "1.50 hours over 1 shift" in await bot.say("/picket hours Ana", as_=CAPTAIN)
    assert "3. Cy — not checked in (missed)" in await bot.say("/picket roster 1", as_=CAPTAIN)


def test_codes_use_no_look_alikes_and_change_each_window() -> None:
    secret = bytes(32)
    codes = {code_rules.code_at(secret, 1, window) for window in range(200)}
    assert len(codes) == 200
    assert all(set(c) <= set(code_rules.ALPHABET) and len(c) == 6 for c in codes)
    assert code_rules.typed_code("kmx rtp") == "KMXRTP" and code_rules.typed_code("KMX-RT0") is None
