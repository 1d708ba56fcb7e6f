"""Swaps and confirm-or-release on Slack: the buttons of the bot's direct messages (Block Kit, through
conversations.open and chat.postMessage) run their commands when clicked, as signed block actions."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bot.adapters.slack.app import SlackAdapter
from bot.adapters.slack.config import slack_settings
from bot.delivery import DeliveryWorker
from bot.picket.deadlines import Deadlines
from bot.picket.reminders import queue_due
from bot.testing.clock import FakeClock
from bot.testing.fakes.slack import DEFAULT_CHANNEL_ID, FakeSlack, block_action_body
from tests.slack.conftest import CAPTAIN_ID, ORGANIZER_ID, SLACK_TOML, HttpBot, open_slack_app, slack_env

ANA, BO, DEE = "U0ANA", "U0BO", "U0DEE"
NAMES = {ANA: "ana", BO: "bo", DEE: "dee", ORGANIZER_ID: "olive", CAPTAIN_ID: "cap"}
#: Tue 27 Oct 2026, 08:00 PDT: an hour before the shift.
HOUR_BEFORE = datetime(2026, 10, 27, 15, 0, tzinfo=UTC)


async def deliver(http_bot: HttpBot) -> None:
    app = http_bot.app
    await DeliveryWorker(app.db, app.senders, app.services.clock).deliver_due()


async def run(http_bot: HttpBot, text: str, user_id: str) -> str:
    """A /picket command as Slack sends it; what the bot answered."""
    _, _, url = await http_bot.command("/picket", text, user_id=user_id, user_name=NAMES[user_id])
    await http_bot.fake.wait_for_response(url)
    return shown(http_bot.fake.responses(url)[-1])


def shown(message: dict[str, Any]) -> str:
    return str(message.get("text", "")) + repr(message.get("blocks"))


def buttons(message: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        e for block in message.get("blocks") or [] if block["type"] == "actions" for e in block["elements"]
    ]


def dms(http_bot: HttpBot, user_id: str) -> list[dict[str, Any]]:
    return http_bot.fake.messages("D" + user_id[1:])


async def click(http_bot: HttpBot, button: dict[str, Any], user_id: str, channel: str) -> str:
    url = http_bot.fake.new_response_url()
    body = block_action_body(
        button["action_id"],
        button["value"],
        response_url=url,
        user_id=user_id,
        user_name=NAMES[user_id],
        channel_id=channel,
    )
    status, _ = await http_bot.signed_post(body)
    assert status == 200
    await http_bot.fake.wait_for_response(url)
    return shown(http_bot.fake.responses(url)[-1])


async def setup(http_bot: HttpBot) -> None:
    for user_id in (ANA, BO, DEE):
        http_bot.fake.add_user(user_id, NAMES[user_id])
    await run(http_bot, 'site add "Netflix Sunset Gate" tz=America/Los_Angeles', ORGANIZER_ID)
    await run(http_bot, 'shift add "Netflix Sunset Gate" 2026-10-27 09:00 12:00 capacity=1', ORGANIZER_ID)
    assert "signed up" in await run(http_bot, "signup 1", ANA)
    assert "waitlist" in await run(http_bot, "signup 1", BO)
    assert "waitlist" in await run(http_bot, "signup 1", DEE)
    await deliver(http_bot)


async def test_release_confirm_and_a_place_that_moves_on_unconfirmed(http_bot: HttpBot) -> None:
    await setup(http_bot)
    clock = http_bot.app.services.clock

    assert "the next person on the waitlist has it now" in await run(http_bot, "release 1", ANA)

    await deliver(http_bot)
    [asked] = dms(http_bot, BO)
    assert "confirm your place" in shown(asked)
    assert [(b["text"]["text"], b["value"]) for b in buttons(asked)] == [
        ("I'm coming", "picket confirm 1"),
        ("Release my place", "picket release 1"),
    ]
    clock.advance(hours=1)  # type: ignore[attr-defined]
    assert await Deadlines(http_bot.app.db, http_bot.app.services.settings).run_due(clock()) == 1
    await deliver(http_bot)
    assert "went to the next person" in shown(dms(http_bot, BO)[-1])
    [dee_asked] = dms(http_bot, DEE)
    late = await click(http_bot, buttons(asked)[0], BO, asked["channel"])
    assert "wasn't confirmed in time" in late

    # Nobody waits behind Dee: the place is simply hers, with nothing to confirm by.
    assert "You're off the waitlist" in shown(dee_asked) and "confirm by" not in shown(dee_asked)
    assert "Thanks for confirming" in await run(http_bot, "confirm 1", DEE)

    clock.set(HOUR_BEFORE)  # type: ignore[attr-defined]
    assert await queue_due(http_bot.app.db, HOUR_BEFORE, (60,)) == 1
    await deliver(http_bot)
    reminder = dms(http_bot, DEE)[-1]
    assert [b["text"]["text"] for b in buttons(reminder)] == ["I'm coming", "Release my place"]
    released = await click(http_bot, buttons(reminder)[1], DEE, reminder["channel"])
    assert "Released your place on shift #1" in released


async def test_a_swap_taken_with_the_button_in_the_dm(http_bot: HttpBot) -> None:
    await setup(http_bot)

    assert "stays yours until someone takes it" in await run(http_bot, "swap offer 1", ANA)

    await deliver(http_bot)
    [offered] = dms(http_bot, BO)
    [take] = buttons(offered)
    assert (take["text"]["text"], take["value"]) == ("Take it", "picket swap take 1")
    assert "You took ana's place" in await click(http_bot, take, BO, offered["channel"])
    await deliver(http_bot)
    assert "bo took your place" in shown(dms(http_bot, ANA)[-1])
    assert "no longer open (already taken)" in await click(http_bot, take, DEE, offered["channel"])
    assert "confirmed" in await run(http_bot, "mine", BO)


async def test_a_duty_shift_on_slack_counts_once_a_captain_confirms(
    fake: FakeSlack, tmp_path: Path, clock: FakeClock
) -> None:
    toml = SLACK_TOML + "\n[picket.duties]\nphone-bank = { share = 1.0 }\n"
    app = await open_slack_app(tmp_path, clock, slack_env(fake), toml)
    adapter = SlackAdapter(slack_settings(app.config))
    try:
        await adapter.start(app)
        http_bot = HttpBot(app, adapter, fake)
        fake.add_user(ANA, "ana")
        await run(http_bot, 'site add "Union Hall" tz=America/Los_Angeles', ORGANIZER_ID)
        added = await run(
            http_bot, 'shift add "Union Hall" 2026-10-27 09:00 12:00 capacity=5 duty=phone-bank', ORGANIZER_ID
        )
        assert "(phone-bank)" in added
        await run(http_bot, "signup 1", ANA)
        clock.set(datetime(2026, 10, 27, 16, 0, tzinfo=UTC))
        await run(http_bot, "checkin 1", ANA)
        clock.set(datetime(2026, 10, 27, 19, 0, tzinfo=UTC))
        assert "0.00 hours over 0 shifts" in await run(http_bot, "hours ana", CAPTAIN_ID)
        assert "Confirmed 1 check-in(s)" in await run(http_bot, "duty confirm 1", CAPTAIN_ID)
        assert "3.00 hours over 0 shifts" in await run(http_bot, "hours ana", CAPTAIN_ID)
    finally:
        await app.close()


async def test_a_captain_approves_a_swap_from_the_sites_channel(http_bot: HttpBot) -> None:
    for user_id in (ANA, BO):
        http_bot.fake.add_user(user_id, NAMES[user_id])
    await run(http_bot, 'site add "Netflix Sunset Gate" tz=America/Los_Angeles', ORGANIZER_ID)
    await run(http_bot, 'shift add "Netflix Sunset Gate" 2026-10-27 09:00 12:00 capacity=2', ORGANIZER_ID)
    assert "swaps=approve" in await run(
        http_bot, 'site set "Netflix Sunset Gate" swaps=approve', ORGANIZER_ID
    )
    await run(http_bot, "signup 1 captain", CAPTAIN_ID)
    await run(http_bot, "signup 1", ANA)
    await run(http_bot, "swap offer 1", ANA)
    assert "A captain approves swaps at this site" in await run(http_bot, "swap take 1", BO)
    await deliver(http_bot)
    [asking] = [m for m in http_bot.fake.messages(DEFAULT_CHANNEL_ID) if "waits for a captain" in shown(m)]
    assert "Someone asks to take a place" in shown(asking) and "bo asks" not in shown(asking)  # no names
    approve, refuse = buttons(asking)
    assert (approve["value"], refuse["value"]) == ("picket swap approve 1", "picket swap deny 1")
    refused = await click(http_bot, approve, BO, DEFAULT_CHANNEL_ID)
    assert "captain" in refused.lower() and "Approved" not in refused  # members can't

    approved = await click(http_bot, approve, CAPTAIN_ID, DEFAULT_CHANNEL_ID)

    assert "Approved: bo takes ana's place" in approved
    await deliver(http_bot)
    assert "Swap approved" in shown(dms(http_bot, BO)[-1])
    assert "bo took your place" in shown(dms(http_bot, ANA)[-1])
