"""Slow commands are deferred within Discord's 3 seconds and followed up.

The toy commands below wait for the test to let them finish, so each step
is driven by what the fake received, never by sleeping.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from bot.adapters.discord.gateway_events import CALLBACK_SECONDS
from bot.testing.fakes.discord import DEFAULT_APP_ID, DEFAULT_CHANNEL_ID, SentInteraction
from commands.context import Context
from commands.registry import Command
from commands.reply import Reply
from tests.discord.conftest import ANA, EPHEMERAL, TIMEOUT, Bot, add_shift


def gated(reply: Reply, gate: asyncio.Event) -> Callable[..., Awaitable[Reply]]:
    async def handler(ctx: Context) -> Reply:
        await gate.wait()
        return reply

    return handler


async def run_gated(
    bot: Bot, name: str, reply: Reply, *, slow: bool = False, ephemeral: bool = False
) -> tuple[SentInteraction, dict[str, object], asyncio.Event]:
    """Register a toy command, run it, and return the first answer while it still waits."""
    gate = asyncio.Event()
    bot.app.registry.add(
        Command(("toy", name), "A toy command", gated(reply, gate), slow=slow, ephemeral=ephemeral)
    )
    sent = await bot.fake.send_interaction(command=f"toy {name}", user_id=ANA.id)
    first = await bot.fake.wait_for_callback(sent.id, TIMEOUT)
    return sent, first, gate


async def followup_of(bot: Bot, sent: SentInteraction) -> dict[str, object]:
    request = await bot.fake.wait_for_request("POST", f"/webhooks/{DEFAULT_APP_ID}/{sent.token}")
    assert request.status == 200
    return dict(request.json)


async def test_a_slow_command_is_deferred_then_followed_up(bot: Bot) -> None:
    sent, first, gate = await run_gated(bot, "report", Reply(title="Report", text="all done"), slow=True)

    assert first == {"type": 5}  # "thinking...", public like the answer will be
    gate.set()
    followup = await followup_of(bot, sent)
    assert followup["embeds"][0]["description"] == "all done"  # type: ignore[index]
    assert followup["allowed_mentions"] == {"parse": []}
    [message] = bot.fake.channel_messages(DEFAULT_CHANNEL_ID)
    assert message["embeds"][0]["title"] == "Report"  # the placeholder became the answer
    assert message["flags"] == 0


async def test_a_command_that_runs_late_is_deferred_anyway(bot: Bot) -> None:
    bot.adapter.answerer.defer_after = 0.05  # instead of 2 s, to keep the test short

    sent, first, gate = await run_gated(bot, "late", Reply("late but here"))

    assert first["type"] == 5
    gate.set()
    assert (await followup_of(bot, sent))["embeds"][0]["description"] == "late but here"  # type: ignore[index]


async def test_a_declared_ephemeral_command_defers_privately(bot: Bot) -> None:
    sent, first, gate = await run_gated(bot, "mine", Reply("only you"), slow=True, ephemeral=True)

    assert first == {"type": 5, "data": {"flags": EPHEMERAL}}
    gate.set()
    await followup_of(bot, sent)
    [message] = bot.fake.channel_messages(DEFAULT_CHANNEL_ID)
    assert message["flags"] == EPHEMERAL


async def test_a_private_answer_to_a_public_defer_does_not_show_to_the_channel(bot: Bot) -> None:
    sent, first, gate = await run_gated(bot, "oops", Reply.error("that shift is full"), slow=True)

    assert first == {"type": 5}
    gate.set()
    followup = await followup_of(bot, sent)
    deleted = bot.fake.requests_to("DELETE", f"/webhooks/{DEFAULT_APP_ID}/{sent.token}/messages/@original")
    assert [r.status for r in deleted] == [204]
    assert followup["content"] == "that shift is full"
    [message] = bot.fake.channel_messages(DEFAULT_CHANNEL_ID)
    assert (message["content"], message["flags"]) == ("that shift is full", EPHEMERAL)


async def test_a_crashing_command_gets_one_line_and_no_traceback(bot: Bot) -> None:
    async def broken(ctx: Context) -> Reply:
        raise RuntimeError("database on fire")

    bot.app.registry.add(Command(("toy", "broken"), "A toy command", broken))
    body = await bot.slash("toy broken")

    content = body["data"]["content"]
    assert content.startswith("Sorry, something went wrong on our side (ref ")
    assert "database on fire" not in content and "Traceback" not in content
    assert body["data"]["flags"] == EPHEMERAL


async def test_over_the_gateway_part_of_the_window_is_kept_for_the_callback(bot: Bot) -> None:
    # The callback is a request of its own: with the window set to just what it keeps for it,
    # a click is acknowledged at once and answered by a follow-up, even a quick one.
    bot.adapter.answerer.defer_after = CALLBACK_SECONDS
    shift = await add_shift(bot)

    sent, first = await bot.click(f"pb:picket signup {shift}", user=ANA)

    assert first == {"type": 6}
    followup = await followup_of(bot, sent)
    assert followup["embeds"][0]["description"].startswith(f"You're signed up for shift #{shift}")  # type: ignore[index]
