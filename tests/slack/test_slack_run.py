"""`picketbot run` as a real process: with Slack tokens set it serves Slack, here over Socket Mode."""

from __future__ import annotations

import asyncio
import signal
import sys
from pathlib import Path

from bot.testing.fakes.slack import FakeSlack, slash_command_payload
from tests.helpers import subprocess_env
from tests.slack.conftest import APP_TOKEN, BOT_TOKEN, SIGNING_SECRET, slack_env


async def test_picketbot_run_answers_slack_commands(fake: FakeSlack, tmp_path: Path) -> None:
    env = subprocess_env()
    env.update(slack_env(fake, socket_mode=True), PICKETBOT_DB=str(tmp_path / "picketbot.db"))
    bot = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", env=env, cwd=tmp_path, stderr=asyncio.subprocess.PIPE
    )
    try:
        await fake.wait_for_socket(timeout=60)
        response_url = fake.new_response_url()

        await fake.deliver(
            "slash_commands", slash_command_payload("/pay", "compare 900000", response_url=response_url)
        )

        answer = await fake.wait_for_response(response_url, timeout=30)
        assert "900,000" in answer["text"]
    finally:
        bot.send_signal(signal.SIGINT)
        _, stderr = await asyncio.wait_for(bot.communicate(), 30)
    log = stderr.decode()
    assert "Slack: connected as @picketbot in Picket Line, Socket Mode" in log
    assert " slack_bolt" not in log  # bolt's INFO chatter and its unused-token warning stay quiet
    assert BOT_TOKEN not in log and APP_TOKEN not in log and SIGNING_SECRET not in log
