"""A captain on Slack records a walk-in by plain name, typed as in chat: `/picket checkin 1 zed walk-in`."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from bot.testing.clock import FakeClock
from storage import members
from tests.slack.conftest import CAPTAIN_ID, ORGANIZER_ID, HttpBot

LA = ZoneInfo("America/Los_Angeles")


async def _said(http_bot: HttpBot, text: str, user_id: str, user_name: str) -> str:
    _, _, url = await http_bot.command("/picket", text, user_id=user_id, user_name=user_name)
    answer = await http_bot.fake.wait_for_response(url)
    return str(answer["text"])


async def test_a_walk_in_by_plain_name_over_slack(http_bot: HttpBot, clock: FakeClock) -> None:
    await _said(http_bot, 'site add "Sunset Gate" tz=America/Los_Angeles', ORGANIZER_ID, "olive")
    await _said(http_bot, 'shift add "Sunset Gate" 2026-10-27 09:00 12:00 capacity=3', ORGANIZER_ID, "olive")
    clock.set(datetime(2026, 10, 27, 9, 30, tzinfo=LA))

    first = await _said(http_bot, "checkin 1 zed walk-in", CAPTAIN_ID, "cap")
    again = await _said(http_bot, "checkin 1 Zed walk-in", CAPTAIN_ID, "cap")

    assert first == again == "Recorded zed as walk-in on shift #1."
    walk_in = await members.plain_named(http_bot.app.db, "zed")
    assert walk_in is not None
    assert await http_bot.app.db.fetchval("SELECT count(*) FROM checkins") == 1
    clock.set(datetime(2026, 10, 27, 12, 30, tzinfo=LA))
    hours = await _said(http_bot, "hours zed", CAPTAIN_ID, "cap")
    assert "3.00 hours over 1 shift" in hours
