"""HTTP mode end to end: signed requests into the real bolt app, answers at the fake's response_url."""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

import aiohttp
import pytest

from bot.delivery import DeliveryWorker
from bot.testing.fakes.slack import (
    DEFAULT_CHANNEL_ID,
    RESPONSE_URL_MAX_USES,
    block_action_body,
    signed_request_headers,
    slash_command_body,
)
from commands import params as p
from commands.context import Context
from commands.registry import Command
from commands.reply import Reply
from tests.slack.conftest import ORGANIZER_ID, SIGNING_SECRET, HttpBot


def texts(body: dict[str, Any]) -> str:
    """Every piece of text in a Slack message body, joined (what a member could read)."""
    found: list[str] = [body.get("text", "")]

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("text"), str):
                found.append(node["text"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(body.get("blocks", []))
    return "\n".join(found)


async def test_fact_command_is_acked_and_answered_with_blocks(http_bot: HttpBot) -> None:
    status, ack, response_url = await http_bot.command("/fact", "netflix salary")

    assert (status, ack) == (200, "")
    answer = await http_bot.fake.wait_for_response(response_url)
    assert answer["response_type"] == "in_channel"
    header, first, *rest = answer["blocks"]
    assert header == {"type": "header", "text": {"type": "plain_text", "text": "$300,000 to $900,000 a year"}}
    assert first["type"] == "section" and "$900,000" in first["text"]["text"]
    assert "Source:" in first["text"]["text"]
    assert rest[-1]["type"] == "context"
    assert rest[-1]["elements"][0]["text"].startswith("fact ")
    assert "$900,000" in answer["text"]  # the notification fallback


async def test_help_is_private_and_lists_every_group(http_bot: HttpBot) -> None:
    status, _, response_url = await http_bot.command("/help", "")

    answer = await http_bot.fake.wait_for_response(response_url)
    assert status == 200
    assert answer["response_type"] == "ephemeral"
    assert answer["blocks"][0]["text"]["text"] == "picketbot commands"
    shown = texts(answer)
    for group in http_bot.app.registry.group_names():
        assert f"/{group}" in shown


async def test_picket_group_command_goes_through_the_dispatcher(http_bot: HttpBot) -> None:
    status, _, response_url = await http_bot.command("/picket", "no-such-subcommand")

    answer = await http_bot.fake.wait_for_response(response_url)
    assert status == 200
    assert answer["response_type"] == "ephemeral"
    assert "/picket" in answer["text"]


@pytest.mark.parametrize("forgery", ["wrong secret", "stale timestamp", "no signature", "garbled timestamp"])
async def test_forged_or_stale_requests_get_401_and_run_nothing(http_bot: HttpBot, forgery: str) -> None:
    response_url = http_bot.fake.new_response_url()
    body = slash_command_body("/fact", "list", response_url=response_url)
    headers = {
        "wrong secret": signed_request_headers("not-the-secret", body),
        "stale timestamp": signed_request_headers(SIGNING_SECRET, body, int(time.time()) - 301),
        "no signature": {"Content-Type": "application/x-www-form-urlencoded"},
        "garbled timestamp": {
            **signed_request_headers(SIGNING_SECRET, body),
            "X-Slack-Request-Timestamp": "soon",
        },
    }[forgery]
    calls_before = len(http_bot.fake.calls())

    status, _ = await http_bot.post(body, headers)

    assert status == 401
    assert len(http_bot.fake.calls()) == calls_before
    assert http_bot.fake.responses(response_url) == []


async def test_signature_still_checked_after_a_good_request(http_bot: HttpBot) -> None:
    good, _, _ = await http_bot.command("/help", "")
    body = slash_command_body("/help", "", response_url=http_bot.fake.new_response_url())
    tampered = signed_request_headers(SIGNING_SECRET, body.replace("help", "helq", 1))

    status, _ = await http_bot.post(body, tampered)

    assert (good, status) == (200, 401)


async def test_text_containing_payload_is_read_as_a_command(http_bot: HttpBot) -> None:
    # bolt alone would read this form body as an interactive payload and lose it.
    status, _, response_url = await http_bot.command("/help", "payload")

    answer = await http_bot.fake.wait_for_response(response_url)
    assert status == 200
    assert "no command or group called 'payload'" in answer["text"]


async def test_unknown_slash_command_gets_one_line(http_bot: HttpBot) -> None:
    status, _, response_url = await http_bot.command("/strike", "now")

    answer = await http_bot.fake.wait_for_response(response_url)
    assert status == 200
    assert answer["response_type"] == "ephemeral"
    assert answer["text"].startswith("unknown command /strike. Try /help")
    assert "\n" not in answer["text"]


async def test_slow_command_is_acked_with_working_then_answered(http_bot: HttpBot) -> None:
    async def slow(ctx: Context, what: str) -> Reply:
        return Reply(text=f"done with {what}")

    http_bot.app.registry.add(
        Command(("pay", "crunch"), "A slow one", slow, (p.text("what", "What"),), slow=True)
    )

    status, ack, response_url = await http_bot.command("/pay", "crunch numbers")

    assert (status, ack) == (200, "working…")
    answer = await http_bot.fake.wait_for_response(response_url)
    assert answer["text"] == "done with numbers"


async def test_button_runs_its_command_and_answers_only_the_clicker(http_bot: HttpBot) -> None:
    # Any pb: button takes this path; a read-only one needs no shift set up first.
    response_url = http_bot.fake.new_response_url()
    body = block_action_body("pb:fact list strike", "fact list strike", response_url=response_url)

    status, _ = await http_bot.signed_post(body)

    answer = await http_bot.fake.wait_for_response(response_url)
    assert status == 200
    assert answer["response_type"] == "ephemeral"
    assert answer["replace_original"] is False
    assert answer["blocks"][0]["text"]["text"].startswith("Facts on strike")


async def test_button_runs_with_the_clickers_role(http_bot: HttpBot) -> None:
    member_url, organizer_url = http_bot.fake.new_response_url(), http_bot.fake.new_response_url()
    action = "pb:fact remove wga-strike-since-may"

    await http_bot.signed_post(block_action_body(action, "x", response_url=member_url))
    await http_bot.signed_post(
        block_action_body(action, "x", response_url=organizer_url, user_id=ORGANIZER_ID, user_name="olive")
    )

    refused = await http_bot.fake.wait_for_response(member_url)
    done = await http_bot.fake.wait_for_response(organizer_url)
    assert "is for organizers" in refused["text"]
    assert done["text"].startswith("Removed fact wga-strike-since-may")


async def test_channel_mention_in_a_fact_is_shown_not_obeyed(http_bot: HttpBot) -> None:
    # Slack sends a typed @channel as <!channel> and a typed & as &amp;.
    text = '"Everyone <!channel> <!here> @everyone: AT&amp;T &lt;3"'
    add = f"add ping-test strike {text} source=Test date=2023-07-01"
    _, _, added_url = await http_bot.command("/fact", add, user_id=ORGANIZER_ID, user_name="olive")
    assert (await http_bot.fake.wait_for_response(added_url))["text"].startswith("Added fact ping-test")

    _, _, response_url = await http_bot.command("/fact", "ping-test")

    shown = texts(await http_bot.fake.wait_for_response(response_url))
    assert "&lt;\u200b!channel&gt;" in shown and "&lt;\u200b!here&gt;" in shown
    assert "<!" not in shown and "@everyone" not in shown
    assert "AT&amp;T &amp;lt;3" not in shown and "AT&amp;T &lt;3" in shown


async def test_refused_request_is_logged_without_its_body(
    http_bot: HttpBot, caplog: pytest.LogCaptureFixture
) -> None:
    response_url = http_bot.fake.new_response_url()
    body = slash_command_body("/fact", "secret plans", response_url=response_url)

    with caplog.at_level(logging.DEBUG):
        status, _ = await http_bot.post(body, signed_request_headers("forged", body))

    assert status == 401
    assert "bad or stale Slack signature" in caplog.text
    assert response_url not in caplog.text and "secret plans" not in caplog.text
    assert SIGNING_SECRET not in caplog.text


async def test_sign_up_button_on_a_shift_post_signs_the_clicker_up(http_bot: HttpBot) -> None:
    if ("picket", "signup") not in http_bot.app.registry.commands:
        pytest.skip("picket signup is not registered in this build")
    organizer = {"user_id": ORGANIZER_ID, "user_name": "olive"}
    _, _, site_url = await http_bot.command("/picket", 'site add "Netflix Sunset Gate"', **organizer)
    await http_bot.fake.wait_for_response(site_url)
    _, _, shift_url = await http_bot.command(
        "/picket", 'shift add "Netflix Sunset Gate" "tomorrow 09:00-12:00" capacity=2', **organizer
    )
    added = await http_bot.fake.wait_for_response(shift_url)
    assert added["response_type"] == "ephemeral" and "Posted in this channel" in texts(added)
    # The post itself is the bot's own message (chat.postMessage), so it can be edited later.
    await DeliveryWorker(http_bot.app.db, http_bot.app.senders, http_bot.app.services.clock).deliver_due()
    [shift_post] = http_bot.fake.messages(DEFAULT_CHANNEL_ID)
    [actions] = [b for b in shift_post["blocks"] if b["type"] == "actions"]
    sign_up = next(e for e in actions["elements"] if e["text"]["text"] == "Sign up")
    assert sign_up["action_id"].startswith("pb:picket signup ")

    click_url = http_bot.fake.new_response_url()
    status, _ = await http_bot.signed_post(
        block_action_body(sign_up["action_id"], sign_up["value"], response_url=click_url)
    )

    answer = await http_bot.fake.wait_for_response(click_url)
    assert status == 200
    assert answer["response_type"] == "ephemeral"
    assert answer["text"].startswith("You're signed up for shift #")
    _, _, mine_url = await http_bot.command("/picket", "mine")
    assert "confirmed" in texts(await http_bot.fake.wait_for_response(mine_url))


async def test_an_answer_slack_refuses_is_logged_not_lost_silently(
    http_bot: HttpBot, caplog: pytest.LogCaptureFixture
) -> None:
    response_url = http_bot.fake.new_response_url()
    async with aiohttp.ClientSession() as session:
        for _ in range(RESPONSE_URL_MAX_USES):  # use the response_url up, as five earlier answers would
            async with session.post(response_url, json={"text": "earlier"}) as resp:
                assert resp.status == 200
    body = slash_command_body("/help", "", response_url=response_url)

    with caplog.at_level(logging.WARNING, logger="picketbot.slack"):
        status, _ = await http_bot.signed_post(body)
        async with asyncio.timeout(5):
            while "Slack refused the answer" not in caplog.text:
                await asyncio.sleep(0.01)

    assert status == 200
    assert "Slack refused the answer to help (HTTP 404)" in caplog.text
