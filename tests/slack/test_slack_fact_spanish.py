"""A Spanish question over Slack's Socket Mode: answered in Spanish, the English quote kept."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.app import App
from bot.platforms import configured_platforms
from bot.testing.clock import FakeClock
from bot.testing.fakes.slack import FakeSlack, slash_command_payload
from tests.slack.conftest import open_slack_app, slack_env


@pytest.fixture
async def socket_app(fake: FakeSlack, tmp_path: Path, clock: FakeClock) -> AsyncIterator[App]:
    app = await open_slack_app(tmp_path, clock, slack_env(fake, socket_mode=True))
    try:
        [runner] = [r for r in configured_platforms(app.config) if r.name == "slack"]
        await runner.start(app)
        yield app
    finally:
        await app.close()


async def test_a_spanish_question_is_answered_in_spanish_over_slack(fake: FakeSlack, socket_app: App) -> None:
    response_url = fake.new_response_url()
    payload = slash_command_payload("/fact", "¿Cuánto ganan los extras por día?", response_url=response_url)

    await fake.deliver("slash_commands", payload)

    answer = await fake.wait_for_response(response_url)
    assert answer["blocks"][0]["text"]["text"] == "$187 al día · $100 al día · $200 al día"
    shown = "\n".join(str(block.get("text", {}).get("text", "")) for block in answer["blocks"])
    assert "Un extra gana de $100 a $200 por un día de trabajo" in shown
    assert "Cita original (en inglés)" in shown
