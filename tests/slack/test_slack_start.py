"""Slack answering 5xx or an HTML page while the bot starts: retried, then one line, no traceback."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

import pytest

from bot.adapters.slack.app import SlackAdapter
from bot.adapters.slack.config import slack_settings
from bot.app import App
from bot.start_retry import PlatformUnavailable, StartRetry
from bot.testing.clock import FakeClock
from bot.testing.fakes.slack import FakeSlack
from tests.slack.conftest import open_slack_app, slack_env

QUICK = StartRetry(attempts=3, first_delay=0.01)


async def start(app: App) -> SlackAdapter:
    adapter = SlackAdapter(replace(slack_settings(app.config), start_retry=QUICK))
    await adapter.start(app)
    return adapter


@pytest.mark.parametrize("socket_mode", [False, True], ids=["http", "socket"])
async def test_a_few_error_pages_at_start_up_are_waited_out(
    fake: FakeSlack, tmp_path: Path, clock: FakeClock, caplog: pytest.LogCaptureFixture, socket_mode: bool
) -> None:
    fake.answer_with_page("auth.test", status=502, times=2)
    fake.answer_with_page("apps.connections.open", status=503, times=1)
    app = await open_slack_app(tmp_path, clock, slack_env(fake, socket_mode=socket_mode))
    try:
        with caplog.at_level(logging.INFO):
            await start(app)
        assert [c.status for c in fake.calls("auth.test")] == [502, 502, 200]
        assert "slack" in app.senders
        if socket_mode:
            assert [c.status for c in fake.calls("apps.connections.open")] == [503, 200]
            await fake.wait_for_socket()
    finally:
        await app.close()
    assert "Slack answered badly at start-up (HTTP 502, not Slack's JSON); trying again in 0.01 s" in [
        r.getMessage() for r in caplog.records
    ]
    assert not any(r.exc_info for r in caplog.records)


@pytest.mark.parametrize(
    ("status", "content_type", "reason"),
    [
        (502, "text/html", "HTTP 502, not Slack's JSON"),
        (200, "text/html", "HTTP 200, not Slack's JSON"),  # a captive portal's page
        (200, "text/plain", "an answer that is not Slack's JSON (AttributeError)"),
    ],
)
async def test_slack_down_at_start_up_is_one_line(
    fake: FakeSlack,
    tmp_path: Path,
    clock: FakeClock,
    caplog: pytest.LogCaptureFixture,
    status: int,
    content_type: str,
    reason: str,
) -> None:
    fake.answer_with_page("auth.test", status=status, content_type=content_type, times=100)
    app = await open_slack_app(tmp_path, clock, slack_env(fake))
    try:
        with pytest.raises(PlatformUnavailable) as raised:
            await start(app)
        assert "slack" not in app.senders
    finally:
        await app.close()
    assert str(raised.value) == f"Slack is not answering properly ({reason}); tried 3 times at start-up"
    assert len(fake.calls("auth.test")) == 3
    assert not any(r.exc_info for r in caplog.records)
