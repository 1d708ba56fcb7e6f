"""A captain on Discord records a walk-in by plain name: the member option takes only Discord
users, so the name comes as the typed `name` option."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.testing.clock import FakeClock
from storage import members
from tests.discord.conftest import CARLOS, EPHEMERAL, Bot, add_shift, embed_of

LA = ZoneInfo("America/Los_Angeles")


async def test_a_walk_in_by_name_over_discord(bot: Bot, clock: FakeClock) -> None:
    shift = await add_shift(bot)  # Tue 27 Oct 2026, 09:00–12:00 in Los Angeles
    clock.set(datetime(2026, 10, 27, 9, 20, tzinfo=LA))

    body = await bot.slash("picket checkin", user=CARLOS, id=shift, name="Zed", status="walk-in")
    again = await bot.slash("picket checkin", user=CARLOS, id=shift, name="zed")

    assert body["data"]["flags"] == EPHEMERAL
    assert embed_of(body)["description"] == f"Recorded Zed as walk-in on shift #{shift}."
    assert embed_of(again)["description"] == f"Recorded Zed as walk-in on shift #{shift}."
    walk_in = await members.plain_named(bot.app.db, "ZED")
    assert walk_in is not None and walk_in.display_name == "Zed"
    checked = await bot.app.db.fetchval("SELECT count(*) FROM checkins WHERE member_id = ?", (walk_in.id,))
    assert checked == 1
    roster = await bot.slash("picket roster", user=CARLOS, id=shift)
    assert "Zed (by name, not on chat) — walk-in at 09:20" in embed_of(roster)["description"]
