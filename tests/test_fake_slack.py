"""The fake Slack speaks enough of Slack for the real slack-bolt AsyncApp and slack-sdk.

Every test drives the real libraries over loopback; nothing in them is patched.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator

import aiohttp
import pytest
from aiohttp.test_utils import TestServer
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler
from slack_sdk.web.async_client import AsyncWebClient

from bot.testing.fakes.slack import (
    BOT_USER_ID,
    DEFAULT_CHANNEL_ID,
    DEFAULT_USER_ID,
    FakeSlack,
    block_action_body,
    block_action_payload,
    event_callback_payload,
    signed_request_headers,
    slash_command_body,
    slash_command_payload,
)

BOT_TOKEN = "xoxb-test"
APP_TOKEN = "xapp-test"
SIGNING_SECRET = "shh-signing-secret"


@pytest.fixture
async def fake() -> AsyncIterator[FakeSlack]:
    async with FakeSlack(bot_token=BOT_TOKEN, app_token=APP_TOKEN) as server:
        yield server


def make_app(fake: FakeSlack, seen: list[str]) -> AsyncApp:
    """A bolt app with a /picket command and a signup button, recording what it saw."""
    app = AsyncApp(
        client=AsyncWebClient(token=BOT_TOKEN, base_url=fake.api_url),
        signing_secret=SIGNING_SECRET,
    )

    @app.command("/picket")
    async def picket(ack: AsyncAck, respond: AsyncRespond, command: dict[str, str]) -> None:
        seen.append(f"command:{command['text']}")
        await ack(text=f"working on {command['text']}")
        await respond(text=f"done: {command['text']}")

    @app.action("signup")
    async def signup(ack: AsyncAck, respond: AsyncRespond, action: dict[str, str]) -> None:
        seen.append(f"action:{action['value']}")
        await ack()
        await respond(text=f"signed up for {action['value']}", replace_original=False)

    return app


@pytest.fixture
async def http_app(fake: FakeSlack) -> AsyncIterator[tuple[TestServer, list[str]]]:
    seen: list[str] = []
    server = TestServer(make_app(fake, seen).web_app(path="/slack/events"), host="127.0.0.1")
    await server.start_server()
    try:
        yield server, seen
    finally:
        await server.close()


async def post(server: TestServer, body: str, headers: dict[str, str]) -> tuple[int, str]:
    async with (
        aiohttp.ClientSession() as session,
        session.post(server.make_url("/slack/events"), data=body, headers=headers) as resp,
    ):
        return resp.status, await resp.text()


# ---- HTTP mode -------------------------------------------------------------------------


async def test_signed_slash_command_is_acked_and_respond_lands_in_sink(
    fake: FakeSlack, http_app: tuple[TestServer, list[str]]
) -> None:
    server, seen = http_app
    assert fake.calls("auth.test") == []  # bolt authorizes lazily, not at construction
    response_url = fake.new_response_url()
    body = slash_command_body("/picket", "signup 42", response_url=response_url)

    status, text = await post(server, body, signed_request_headers(SIGNING_SECRET, body))

    assert (status, text) == (200, "working on signup 42")
    assert await fake.wait_for_response(response_url) == {"text": "done: signup 42"}
    assert seen == ["command:signup 42"]
    [auth] = fake.calls("auth.test")
    assert auth.ok and auth.token == BOT_TOKEN


@pytest.mark.parametrize("forgery", ["bad signature", "stale timestamp"])
async def test_forged_or_stale_requests_get_401(
    fake: FakeSlack, http_app: tuple[TestServer, list[str]], forgery: str
) -> None:
    server, seen = http_app
    body = slash_command_body(response_url=fake.new_response_url())
    if forgery == "bad signature":
        headers = signed_request_headers("not-the-secret", body)
    else:
        headers = signed_request_headers(SIGNING_SECRET, body, int(time.time()) - 301)

    status, _ = await post(server, body, headers)

    assert status == 401
    assert seen == []
    assert fake.calls() == []


async def test_block_action_reaches_action_listener(
    fake: FakeSlack, http_app: tuple[TestServer, list[str]]
) -> None:
    server, seen = http_app
    response_url = fake.new_response_url()
    body = block_action_body("signup", "shift-7", response_url=response_url)

    status, _ = await post(server, body, signed_request_headers(SIGNING_SECRET, body))

    assert status == 200
    reply = await fake.wait_for_response(response_url)
    assert reply == {"text": "signed up for shift-7", "replace_original": False}
    assert seen == ["action:shift-7"]


# ---- Socket Mode -----------------------------------------------------------------------


@pytest.fixture
async def socket_app(fake: FakeSlack) -> AsyncIterator[tuple[AsyncSocketModeHandler, list[str]]]:
    seen: list[str] = []
    app = make_app(fake, seen)

    @app.event("app_mention")
    async def mention(event: dict[str, str]) -> None:
        seen.append(f"mention:{event['text']}")

    handler = AsyncSocketModeHandler(app, APP_TOKEN)
    await handler.connect_async()
    try:
        yield handler, seen
    finally:
        await handler.close_async()


async def test_socket_mode_slash_command_is_acked_with_envelope_id(
    fake: FakeSlack, socket_app: tuple[AsyncSocketModeHandler, list[str]]
) -> None:
    _, seen = socket_app
    [opened] = fake.calls("apps.connections.open")
    assert opened.token == APP_TOKEN
    response_url = fake.new_response_url()
    payload = slash_command_payload("/picket", "hours", response_url=response_url)

    envelope_id = await fake.send_envelope("slash_commands", payload)
    ack = await fake.wait_for_ack(envelope_id)

    assert ack == {"envelope_id": envelope_id, "payload": {"text": "working on hours"}}
    assert await fake.wait_for_response(response_url) == {"text": "done: hours"}
    assert seen == ["command:hours"]


async def test_socket_mode_interactive_and_events_api_envelopes(
    fake: FakeSlack, socket_app: tuple[AsyncSocketModeHandler, list[str]]
) -> None:
    _, seen = socket_app
    response_url = fake.new_response_url()
    click = block_action_payload("signup", "shift-9", response_url=response_url)
    mention = {
        "type": "app_mention",
        "user": DEFAULT_USER_ID,
        "text": f"<@{BOT_USER_ID}> hello",
        "ts": "1700000000.000300",
        "channel": DEFAULT_CHANNEL_ID,
        "event_ts": "1700000000.000300",
    }

    click_ack = await fake.deliver("interactive", click)
    mention_ack = await fake.deliver("events_api", event_callback_payload(mention))

    assert "payload" not in click_ack and "payload" not in mention_ack
    await fake.wait_for_response(response_url)
    assert sorted(seen) == ["action:shift-9", f"mention:<@{BOT_USER_ID}> hello"]


@pytest.mark.parametrize("how", ["disconnect message", "server drops socket"])
async def test_socket_mode_reconnects_and_keeps_working(
    fake: FakeSlack, socket_app: tuple[AsyncSocketModeHandler, list[str]], how: str
) -> None:
    _, seen = socket_app
    await fake.wait_for_socket(opened=1)

    if how == "disconnect message":
        await fake.disconnect_socket("refresh_requested")
    else:
        await fake.drop_socket()
    await fake.wait_for_socket(opened=2)

    payload = slash_command_payload(text="after", response_url=fake.new_response_url())
    ack = await fake.deliver("slash_commands", payload)
    assert ack["payload"] == {"text": "working on after"}
    assert len(fake.calls("apps.connections.open")) == 2
    assert seen == ["command:after"]


# ---- Web API ---------------------------------------------------------------------------


def web_client(fake: FakeSlack, token: str = BOT_TOKEN) -> AsyncWebClient:
    return AsyncWebClient(token=token, base_url=fake.api_url)


async def test_post_message_is_retried_after_429_and_lands_once(fake: FakeSlack) -> None:
    client = AsyncWebClient(
        token=BOT_TOKEN,
        base_url=fake.api_url,
        retry_handlers=[AsyncRateLimitErrorRetryHandler(max_retry_count=2)],
    )
    fake.rate_limit("chat.postMessage", times=1, retry_after=1)

    resp = await client.chat_postMessage(channel="C0ALERTS", text="New AI job")

    assert resp["ok"] and resp["channel"] == "C0ALERTS"
    attempts = fake.calls("chat.postMessage")
    assert [c.status for c in attempts] == [429, 200]
    assert attempts[0].response == {"ok": False, "error": "ratelimited"}
    assert [m["text"] for m in fake.messages("C0ALERTS")] == ["New AI job"]


async def test_rate_limit_beyond_retries_surfaces_ratelimited(fake: FakeSlack) -> None:
    client = AsyncWebClient(
        token=BOT_TOKEN,
        base_url=fake.api_url,
        retry_handlers=[AsyncRateLimitErrorRetryHandler(max_retry_count=1)],
    )
    fake.rate_limit("chat.postMessage", times=5, retry_after=0)

    with pytest.raises(SlackApiError) as raised:
        await client.chat_postMessage(channel="C0ALERTS", text="New AI job")

    assert raised.value.response.status_code == 429
    assert raised.value.response.headers["Retry-After"] == "0"
    assert len(fake.calls("chat.postMessage")) == 2
    assert fake.messages() == []


async def test_failing_channel_answers_slack_error_until_restored(fake: FakeSlack) -> None:
    client = web_client(fake)
    fake.fail_channel("C0GONE", "channel_not_found")

    with pytest.raises(SlackApiError) as raised:
        await client.chat_postMessage(channel="C0GONE", text="reminder")
    assert raised.value.response["error"] == "channel_not_found"
    fake.restore_channel("C0GONE")
    await client.chat_postMessage(channel="C0GONE", text="reminder")

    assert [m["text"] for m in fake.messages("C0GONE")] == ["reminder"]


@pytest.mark.parametrize(
    ("token", "method", "error"),
    [
        ("xoxb-wrong", "auth_test", "invalid_auth"),
        ("", "auth_test", "not_authed"),
        (APP_TOKEN, "auth_test", "not_allowed_token_type"),
    ],
)
async def test_bad_tokens_are_refused(fake: FakeSlack, token: str, method: str, error: str) -> None:
    with pytest.raises(SlackApiError) as raised:
        await getattr(web_client(fake, token), method)()
    assert raised.value.response["error"] == error


async def test_connections_open_wants_the_app_token(fake: FakeSlack) -> None:
    with pytest.raises(SlackApiError) as raised:
        await web_client(fake).apps_connections_open(app_token=BOT_TOKEN)
    assert raised.value.response["error"] == "not_allowed_token_type"


async def test_users_groups_and_dm_lookups(fake: FakeSlack) -> None:
    client = web_client(fake)
    fake.add_user("U0CAPTAIN", "cap", real_name="Pat Captain", tz="America/New_York")
    fake.add_usergroup("S0CAPTAINS", ["U0CAPTAIN"])

    user = (await client.users_info(user="U0CAPTAIN"))["user"]
    members = (await client.usergroups_users_list(usergroup="S0CAPTAINS"))["users"]
    dm = (await client.conversations_open(users=["U0CAPTAIN"]))["channel"]["id"]

    assert (user["real_name"], user["tz"]) == ("Pat Captain", "America/New_York")
    assert members == ["U0CAPTAIN"]
    assert dm.startswith("D")
    assert fake.calls("users.info")[0].args == {"user": "U0CAPTAIN"}
    with pytest.raises(SlackApiError) as raised:
        await client.users_info(user="U0NOBODY")
    assert raised.value.response["error"] == "user_not_found"


async def test_update_ephemeral_and_modal(fake: FakeSlack) -> None:
    client = web_client(fake)
    blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": "Shift 7: 3/10"}}]
    posted = await client.chat_postMessage(channel="C0SHIFTS", text="Shift 7", blocks=blocks)

    await client.chat_update(channel="C0SHIFTS", ts=posted["ts"], text="Shift 7: full")
    await client.chat_postEphemeral(channel="C0SHIFTS", user=DEFAULT_USER_ID, text="only you")
    view = {"type": "modal", "title": {"type": "plain_text", "text": "Sign up"}, "blocks": []}
    opened = await client.views_open(trigger_id="1.2.abc", view=view)

    [message] = fake.messages("C0SHIFTS")
    assert message["text"] == "Shift 7: full" and message["blocks"] == blocks
    assert fake.ephemerals("C0SHIFTS")[0]["user"] == DEFAULT_USER_ID
    assert opened["view"]["id"].startswith("V")
    with pytest.raises(SlackApiError) as raised:
        await client.chat_update(channel="C0SHIFTS", ts="1.000001", text="x")
    assert raised.value.response["error"] == "message_not_found"


async def test_form_encoded_calls_are_parsed_like_json_ones(fake: FakeSlack) -> None:
    blocks = '[{"type": "divider"}]'
    async with (
        aiohttp.ClientSession() as session,
        session.post(
            f"{fake.api_url}chat.postMessage",
            data={"token": BOT_TOKEN, "channel": "C0FORM", "blocks": blocks},
        ) as resp,
    ):
        body = await resp.json()

    assert body["ok"] is True
    [call] = fake.calls("chat.postMessage")
    assert call.token == BOT_TOKEN and "token" not in call.args
    assert call.args["blocks"] == [{"type": "divider"}]


async def test_response_url_rejects_unknown_and_overused_urls(fake: FakeSlack) -> None:
    url = fake.new_response_url()
    async with aiohttp.ClientSession() as session:
        statuses = []
        for _ in range(6):
            async with session.post(url, json={"text": "hi"}) as resp:
                statuses.append(resp.status)
        async with session.post(f"{fake.base_url}response/nope", json={"text": "x"}) as resp:
            unknown = (resp.status, await resp.text())

    assert statuses == [200] * 5 + [404]
    assert unknown == (404, "expired_url")
    assert len(fake.responses(url)) == 5


async def test_socket_url_says_hello_and_works_only_once(fake: FakeSlack) -> None:
    url = (await web_client(fake, APP_TOKEN).apps_connections_open(app_token=APP_TOKEN))["url"]
    async with aiohttp.ClientSession() as session:
        async with session.ws_connect(url) as ws:
            hello = await ws.receive_json(timeout=5)
            await fake.wait_for_socket()
            envelope_id = await fake.send_envelope("events_api", {"type": "event_callback"})
            envelope = await ws.receive_json(timeout=5)
            await ws.send_json({"envelope_id": envelope_id})
            assert await fake.wait_for_ack(envelope_id) == {"envelope_id": envelope_id}
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await session.ws_connect(url)

    assert hello["type"] == "hello"
    assert envelope["type"] == "events_api" and envelope["accepts_response_payload"] is False
    assert refused.value.status == 401
