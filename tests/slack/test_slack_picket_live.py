"""Issue 19 items 2, 3 and 6 over the fake Slack: /picket now with its ask buttons, the turn-out
forecast in /picket gaps, and check-in codes (the QR image named as not shown, the code as text)."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.testing.clock import FakeClock
from bot.testing.fakes.slack import block_action_body
from tests.slack.conftest import CAPTAIN_ID, ORGANIZER_ID, HttpBot

LA = ZoneInfo("America/Los_Angeles")
ANA, BO, CY = "U0ANA", "U0BO", "U0CY"


async def _say(http_bot: HttpBot, text: str, user_id: str, user_name: str) -> dict[str, Any]:
    _, _, url = await http_bot.command("/picket", text, user_id=user_id, user_name=user_name)
    return await http_bot.fake.wait_for_response(url)


def _shown(answer: dict[str, Any]) -> str:
    parts = []
    for block in answer["blocks"]:
        if "text" in block:
            parts.append(str(block["text"]["text"]))
        parts += [str(e.get("text", "")) for e in block.get("elements", []) if e.get("type") == "mrkdwn"]
    return "\n".join(parts)


def _actions(answer: dict[str, Any]) -> list[tuple[str, str]]:
    return [
        (e["text"]["text"], e["value"])
        for block in answer["blocks"]
        if block["type"] == "actions"
        for e in block["elements"]
    ]


async def _site_and_shift(http_bot: HttpBot, site: str, capacity: int, day: str = "2026-10-27") -> None:
    await _say(http_bot, f'site add "{site}" tz=America/Los_Angeles', ORGANIZER_ID, "olive")
    await _say(http_bot, f'shift add "{site}" {day} 09:00 12:00 capacity={capacity}', ORGANIZER_ID, "olive")


async def test_a_code_checks_in_over_slack(http_bot: HttpBot, clock: FakeClock) -> None:
    await _site_and_shift(http_bot, "Sunset Gate", 3)
    await _say(http_bot, "signup 1", ANA, "ana")
    clock.set(datetime(2026, 10, 27, 8, 50, tzinfo=LA))

    shown = _shown(await _say(http_bot, "code 1", CAPTAIN_ID, "cap"))
    code = re.search(r"\b([A-Z]{3}-[A-Z]{3})\b", shown)
    assert code, shown
    assert "checkin-1.png: the image is not shown in Slack" in shown
    refused = _shown(await _say(http_bot, "checkin 1", ANA, "ana"))
    assert "checks in by code" in refused

    done = _shown(await _say(http_bot, f"checkin {code.group(1)}", ANA, "ana"))
    assert "Checked in for shift #1 Sunset Gate, Tue 2026-10-27 09:00–12:00 PDT (<!date^" in done
    roster = _shown(await _say(http_bot, "roster 1", CAPTAIN_ID, "cap"))
    assert "Live at 08:50 PDT: 1 arrived" in roster and "1. ana — present at 08:50 (arrived)" in roster


async def test_now_and_one_click_ask_over_slack(http_bot: HttpBot, clock: FakeClock) -> None:
    http_bot.fake.add_user(ANA, "ana")
    await _site_and_shift(http_bot, "Gate 2", 1)
    await _site_and_shift(http_bot, "Gate 4", 2)
    await _say(http_bot, "signup 1", ANA, "ana")
    await _say(http_bot, "signup 1", BO, "bo")  # waits
    clock.set(datetime(2026, 10, 27, 9, 30, tzinfo=LA))
    await _say(http_bot, "checkin 1", ANA, "ana")
    await _say(http_bot, f"checkin 1 <@{BO}> walk-in", CAPTAIN_ID, "cap")

    now = await _say(http_bot, "now", CAPTAIN_ID, "cap")
    assert "Gate 2 has 2 of 1; Gate 4 has 0 of 2: ask 1 to move." in _shown(now)
    assert ("Ask ana → Gate 4", f"picket ask 2 <@{ANA}>") in _actions(now)

    url = http_bot.fake.new_response_url()
    action = f"pb:picket ask 2 <@{ANA}>"
    await http_bot.signed_post(
        block_action_body(
            action, action.removeprefix("pb:"), response_url=url, user_id=CAPTAIN_ID, user_name="cap"
        )
    )
    answer = await http_bot.fake.wait_for_response(url)
    assert "Asked ana to move from Gate 2 to Gate 4 (shift #2)" in _shown(answer)

    await http_bot.app.start_background()
    asks = []
    for count in range(1, 6):  # the live shift posts go out too; find the direct message
        call = await http_bot.fake.wait_for_call("chat.postMessage", count=count)
        if "asks you to move" in str(call.args["blocks"]):
            asks.append(call)
            break
    [ask] = asks
    assert ask.args["channel"] != "C0PICKETS"
    assert "cap asks you to move from Gate 2 to Gate 4: shift #2 Gate 4, Tue 2026-10-27" in str(
        ask.args["blocks"]
    )


async def test_gaps_forecast_over_slack(http_bot: HttpBot, clock: FakeClock) -> None:
    await _say(http_bot, 'site add "Sunset Gate" tz=America/Los_Angeles', ORGANIZER_ID, "olive")
    await _say(http_bot, 'shift add "Sunset Gate" tue 09:00-12:00 capacity=2 weeks=2', ORGANIZER_ID, "olive")
    for shift in (1, 2):
        await _say(http_bot, f"signup {shift}", ANA, "ana")
        await _say(http_bot, f"signup {shift}", BO, "bo")
    clock.set(datetime(2026, 10, 27, 9, 5, tzinfo=LA))
    await _say(http_bot, "checkin 1", CY, "cy")  # not signed up: refused, counts nothing
    clock.set(datetime(2026, 11, 2, 9, 0, tzinfo=LA))  # #1 worked by nobody; #2 is 2/2 on paper

    gaps = _shown(await _say(http_bot, "gaps", CAPTAIN_ID, "cap"))

    assert "2/2 places — likely short: expect about 0 of 2" in gaps
    assert "(forecast: 0% of those signed up came, over 1 past Tuesday here)" in gaps
