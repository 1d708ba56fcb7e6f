"""Socket Mode end to end, started the way `picketbot run` starts it: through the platform runner."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.adapters.slack.app import SlackAdapter
from bot.adapters.slack.config import slack_settings
from bot.app import App
from bot.config.loading import ConfigError
from bot.platforms import configured_platforms
from bot.testing.clock import FakeClock
from bot.testing.fakes.slack import FakeSlack, block_action_payload, slash_command_payload
from tests.slack.conftest import APP_TOKEN, BOT_TOKEN, open_slack_app, slack_env


@pytest.fixture
async def socket_app(fake: FakeSlack, tmp_path: Path, clock: FakeClock) -> AsyncIterator[App]:
    app = await open_slack_app(tmp_path, clock, slack_env(fake, socket_mode=True))
    try:
        [runner] = [r for r in configured_platforms(app.config) if r.name == "slack"]
        await runner.start(app)
        yield app
    finally:
        await app.close()


async def test_runner_connects_over_socket_mode_and_registers_a_sender(
    fake: FakeSlack, socket_app: App
) -> None:
    await fake.wait_for_socket()
    [opened] = fake.calls("apps.connections.open")
    assert opened.token == APP_TOKEN
    assert fake.calls("auth.test")[0].token == BOT_TOKEN
    assert "slack" in socket_app.senders


async def test_slash_command_over_the_socket_is_acked_and_answered(fake: FakeSlack, socket_app: App) -> None:
    response_url = fake.new_response_url()
    payload = slash_command_payload("/fact", "netflix salary", response_url=response_url)

    envelope_id = await fake.send_envelope("slash_commands", payload)

    ack = await fake.wait_for_ack(envelope_id)
    assert ack["envelope_id"] == envelope_id
    answer = await fake.wait_for_response(response_url)
    assert answer["response_type"] == "in_channel"
    assert answer["blocks"][0]["text"]["text"] == "$300,000 to $900,000 a year"


async def test_text_with_payload_works_over_the_socket_too(fake: FakeSlack, socket_app: App) -> None:
    response_url = fake.new_response_url()
    payload = slash_command_payload("/help", "payload", response_url=response_url)

    await fake.deliver("slash_commands", payload)

    assert "'payload'" in (await fake.wait_for_response(response_url))["text"]


async def test_button_over_the_socket(fake: FakeSlack, socket_app: App) -> None:
    response_url = fake.new_response_url()
    click = block_action_payload("pb:help pay", "help pay", response_url=response_url)

    ack = await fake.deliver("interactive", click)

    assert ack["envelope_id"]
    answer = await fake.wait_for_response(response_url)
    assert answer["response_type"] == "ephemeral"
    assert "/pay compare AMOUNT" in answer["text"] + str(answer["blocks"])


async def test_commands_keep_working_after_slack_asks_to_reconnect(fake: FakeSlack, socket_app: App) -> None:
    await fake.wait_for_socket(opened=1)
    await fake.disconnect_socket()
    await fake.wait_for_socket(opened=2)
    response_url = fake.new_response_url()

    await fake.deliver("slash_commands", slash_command_payload("/help", "", response_url=response_url))

    assert (await fake.wait_for_response(response_url))["blocks"][0]["text"]["text"] == "picketbot commands"


async def test_close_closes_the_socket(fake: FakeSlack, tmp_path: Path, clock: FakeClock) -> None:
    app = await open_slack_app(tmp_path, clock, slack_env(fake, socket_mode=True))
    [runner] = configured_platforms(app.config)
    await runner.start(app)
    await fake.wait_for_socket()

    await app.close()

    async with asyncio.timeout(5):
        while fake.sockets_open:
            await asyncio.sleep(0.01)


@pytest.mark.parametrize(
    ("token_env", "message"),
    [
        ({"SLACK_BOT_TOKEN": "xoxb-revoked"}, "Slack refused SLACK_BOT_TOKEN (invalid_auth)"),
        ({"SLACK_APP_TOKEN": "xapp-revoked"}, "Slack refused SLACK_APP_TOKEN (invalid_auth)"),
    ],
)
async def test_a_token_slack_refuses_stops_the_start_with_one_line(
    fake: FakeSlack, tmp_path: Path, clock: FakeClock, token_env: dict[str, str], message: str
) -> None:
    app = await open_slack_app(tmp_path, clock, {**slack_env(fake, socket_mode=True), **token_env})
    try:
        [runner] = configured_platforms(app.config)
        with pytest.raises(ConfigError) as raised:
            await runner.start(app)
        assert str(raised.value) == message
        assert "slack" not in app.senders
    finally:
        await app.close()


async def test_http_port_in_use_fails_the_start_without_a_sender(
    fake: FakeSlack, tmp_path: Path, clock: FakeClock
) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = await open_slack_app(tmp_path / "a", clock, slack_env(fake))
    try:
        adapter = SlackAdapter(slack_settings(first.config))
        await adapter.start(first)
        taken = {**slack_env(fake), "PICKETBOT_SLACK_PORT": str(adapter.port)}
        second = await open_slack_app(tmp_path / "b", clock, taken)
        try:
            [runner] = configured_platforms(second.config)
            with pytest.raises(OSError):
                await runner.start(second)
            assert "slack" not in second.senders
        finally:
            await second.close()
    finally:
        await first.close()
