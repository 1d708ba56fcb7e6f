"""HTTP mode refuses before it parses, and never runs one request twice.

Malformed requests get 400 or 401 and leave no traceback in the log. A
replayed signed request and a Slack retry (same body, ``X-Slack-Retry-Num``)
are acknowledged without running; the bodies seen are kept in the database,
so two instances on one database refuse each other's replays too.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest

from bot.adapters.slack.app import SlackAdapter
from bot.adapters.slack.config import slack_settings
from bot.app import App
from bot.testing.clock import FakeClock
from bot.testing.fakes.slack import FORM_CONTENT_TYPE, FakeSlack, block_action_payload, slash_command_body
from commands import params as p
from commands.context import Context
from commands.registry import Command
from commands.reply import Reply
from storage import slack_requests
from tests.slack.conftest import SIGNING_SECRET, HttpBot, open_slack_app, slack_env

WORKING = "working…"


def sign(raw: bytes, timestamp: int | None = None, content_type: str = FORM_CONTENT_TYPE) -> dict[str, str]:
    """Slack's headers for raw bytes (the fake's helper signs text)."""
    ts = str(int(time.time()) if timestamp is None else timestamp)
    digest = hmac.new(SIGNING_SECRET.encode(), b"v0:" + ts.encode() + b":" + raw, hashlib.sha256).hexdigest()
    return {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": ts,
        "X-Slack-Signature": f"v0={digest}",
    }


def click(payload: Any) -> bytes:
    return urlencode({"payload": json.dumps(payload)}).encode()


def counting(app: App) -> list[str]:
    """Add ``/pay count WHAT``: slow, so bolt acks it with "working…", and every run is counted."""
    runs: list[str] = []

    async def count(ctx: Context, what: str) -> Reply:
        runs.append(what)
        return Reply(text=f"counted {what}")

    app.registry.add(Command(("pay", "count"), "Count runs", count, (p.text("what", "What"),), slow=True))
    return runs


def no_traceback(caplog: pytest.LogCaptureFixture) -> bool:
    return not any(r.exc_info or r.levelno >= logging.ERROR for r in caplog.records)


def malformed_bodies(response_url: str) -> dict[str, tuple[bytes, str]]:
    good_click = block_action_payload("pb:help", "help", response_url=response_url)
    form = FORM_CONTENT_TYPE
    return {
        "not UTF-8": (b"command=%2Fhelp&text=" + b"\xff\xfe", form),
        "empty": (b"", form),
        "a JSON body": (b'{"type": "block_actions"}', "application/json"),
        "JSON that is a list": (b"[1, 2]", "application/json"),
        "no command": (b"text=hello", form),
        "a payload that is not JSON": (b"payload=%7Bnope", form),
        "a payload that is a list": (click([good_click]), form),
        "a click without actions": (click({**good_click, "actions": []}), form),
        "an action that is not an object": (click({**good_click, "actions": ["pb:help"]}), form),
        "a user that is not an object": (click({**good_click, "user": "U0MEMBER1"}), form),
        "a click without a response_url": (click({**good_click, "response_url": None}), form),
        "another interactive type": (click({**good_click, "type": "view_submission"}), form),
        "a command without a response_url": (
            slash_command_body("/help", "", response_url="").encode(),
            form,
        ),
        "a command with a broken response_url": (
            slash_command_body("/help", "", response_url="http://[::1").encode(),
            form,
        ),
    }


@pytest.mark.parametrize(
    "case",
    list(malformed_bodies("http://127.0.0.1/")),
)
async def test_a_signed_malformed_request_gets_400_and_no_traceback(
    http_bot: HttpBot, caplog: pytest.LogCaptureFixture, case: str
) -> None:
    response_url = http_bot.fake.new_response_url()
    raw, content_type = malformed_bodies(response_url)[case]
    calls = len(http_bot.fake.calls())

    with caplog.at_level(logging.DEBUG):
        status, text = await http_bot.post(raw, sign(raw, content_type=content_type))

    assert (status, text) == (400, "unreadable body")
    assert no_traceback(caplog), caplog.text
    assert len(http_bot.fake.calls()) == calls and http_bot.fake.responses(response_url) == []


@pytest.mark.parametrize(
    "headers",
    [
        {},  # unsigned, so never read: the bytes below are not even UTF-8
        {"X-Slack-Request-Timestamp": "١٧٠٠٠٠٠٠٠٠", "X-Slack-Signature": "v0=00"},  # digits of another script
        {"X-Slack-Request-Timestamp": "²", "X-Slack-Signature": "v0=00"},
        {"X-Slack-Request-Timestamp": str(int(time.time())), "X-Slack-Signature": "v0=ünïcode"},
        # All ASCII digits, but past float's range (400) and int()'s parsing limit (5000).
        {"X-Slack-Request-Timestamp": "9" * 400, "X-Slack-Signature": "v0=00"},
        {"X-Slack-Request-Timestamp": "9" * 5000, "X-Slack-Signature": "v0=00"},
        {"X-Slack-Request-Timestamp": "0" * 30 + str(int(time.time())), "X-Slack-Signature": "v0=00"},
    ],
    ids=[
        "unsigned",
        "arabic-indic digits",
        "superscript",
        "non-ascii signature",
        "past float range",
        "past int-parsing limit",
        "padded with zeros",
    ],
)
async def test_an_unsigned_or_garbled_request_gets_401_and_no_traceback(
    http_bot: HttpBot, caplog: pytest.LogCaptureFixture, headers: dict[str, str]
) -> None:
    with caplog.at_level(logging.DEBUG):
        status, _ = await http_bot.post(
            b"command=%2Fhelp&text=\xff\xfe", {"Content-Type": FORM_CONTENT_TYPE, **headers}
        )

    assert status == 401
    assert no_traceback(caplog), caplog.text


async def test_an_answer_nobody_takes_is_one_log_line_not_a_traceback(
    http_bot: HttpBot, caplog: pytest.LogCaptureFixture, unused_tcp_port: int
) -> None:
    nowhere = f"http://127.0.0.1:{unused_tcp_port}/response"  # nothing listens there

    with caplog.at_level(logging.INFO):
        status, _ = await http_bot.signed_post(slash_command_body("/help", "", response_url=nowhere))
        async with asyncio.timeout(10):
            while "could not send the answer" not in caplog.text:
                await asyncio.sleep(0.01)

    assert status == 200
    assert "could not send the answer to help to Slack (ClientConnectorError)" in caplog.text
    assert no_traceback(caplog), caplog.text


async def test_a_replayed_request_is_acknowledged_and_not_run_again(
    http_bot: HttpBot, caplog: pytest.LogCaptureFixture
) -> None:
    runs = counting(http_bot.app)
    response_url = http_bot.fake.new_response_url()
    raw = slash_command_body("/pay", "count first", response_url=response_url).encode()
    headers = sign(raw)

    first = await http_bot.post(raw, headers)
    assert first == (200, WORKING)
    assert (await http_bot.fake.wait_for_response(response_url))["text"] == "counted first"
    with caplog.at_level(logging.INFO):
        replayed = await http_bot.post(raw, headers)  # the very same bytes and signature

    # bolt would have acked with "working…": the empty 200 means it never saw the replay.
    assert replayed == (200, "")
    assert "ignored a repeated Slack request (a replay): it already ran" in caplog.text
    _, _, second_url = await http_bot.command("/pay", "count second")
    await http_bot.fake.wait_for_response(second_url)
    assert runs == ["first", "second"]


async def test_a_slack_retry_is_acknowledged_and_not_run_again(http_bot: HttpBot) -> None:
    runs = counting(http_bot.app)
    response_url = http_bot.fake.new_response_url()
    raw = slash_command_body("/pay", "count once", response_url=response_url).encode()
    now = int(time.time())
    assert await http_bot.post(raw, sign(raw, now)) == (200, WORKING)

    # Slack's retry: the same body, signed anew a moment later.
    retry = {**sign(raw, now + 1), "X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
    assert await http_bot.post(raw, retry) == (200, "")

    await http_bot.fake.wait_for_response(response_url)
    assert runs == ["once"]


async def test_a_replay_to_another_instance_on_the_same_database_is_refused(
    fake: FakeSlack, tmp_path: Path, clock: FakeClock
) -> None:
    apps: list[App] = []
    try:
        bots = []
        for _ in range(2):  # two instances, one database file
            app = await open_slack_app(tmp_path, clock, slack_env(fake))
            apps.append(app)
            adapter = SlackAdapter(slack_settings(app.config))
            await adapter.start(app)
            bots.append(HttpBot(app, adapter, fake))
        runs = [counting(bot.app) for bot in bots]
        raw = slash_command_body("/pay", "count shared", response_url=fake.new_response_url()).encode()
        headers = sign(raw)

        assert await bots[0].post(raw, headers) == (200, WORKING)
        assert await bots[1].post(raw, headers) == (200, "")
    finally:
        for app in apps:
            await app.close()
    assert runs == [["shared"], []]


async def test_seen_requests_are_kept_for_the_window_and_then_pruned(app: App) -> None:
    start = datetime(2026, 10, 26, 15, 0, tzinfo=UTC)
    window = timedelta(minutes=5)

    assert await slack_requests.claim(app.db, "a", start, start + window)
    assert not await slack_requests.claim(app.db, "a", start + timedelta(minutes=4), start + window)
    # A retry seen later keeps it refused for its own window.
    assert not await slack_requests.claim(app.db, "a", start + timedelta(minutes=4), start + 2 * window)
    assert not await slack_requests.claim(app.db, "a", start + timedelta(minutes=9), start + 2 * window)
    assert await slack_requests.claim(app.db, "b", start + timedelta(minutes=9), start + 2 * window)

    # Past every window: pruned on the next claim, so the table does not grow.
    later = start + timedelta(minutes=11)
    assert await slack_requests.claim(app.db, "c", later, later + window)
    assert await slack_requests.count(app.db) == 1
