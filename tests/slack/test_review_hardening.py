"""Review of issue 11 (hardening): holes still open in Slack HTTP mode.

Each test is one hole found by the security review; it fails until fixed.
"""

from __future__ import annotations

import logging

import pytest

from tests.fakes.slack_server import FORM_CONTENT_TYPE
from tests.slack.conftest import HttpBot
from tests.slack.test_slack_replay import no_traceback


@pytest.mark.parametrize("digits", [400, 5000], ids=["past float range", "past int-parsing limit"])
async def test_review_an_absurdly_long_timestamp_gets_401_not_a_traceback(
    http_bot: HttpBot, caplog: pytest.LogCaptureFixture, digits: int
) -> None:
    # Unsigned, so anyone can send it: the timestamp is all ASCII digits, so it passes the
    # isdigit() check, then int() refuses more than 4300 digits (ValueError) and the float
    # subtraction refuses an int past 1e308 (OverflowError): a 500 and a logged traceback.
    headers = {
        "Content-Type": FORM_CONTENT_TYPE,
        "X-Slack-Request-Timestamp": "9" * digits,
        "X-Slack-Signature": "v0=00",
    }

    with caplog.at_level(logging.DEBUG):
        status, _ = await http_bot.post("command=%2Fhelp", headers)

    assert status == 401
    assert no_traceback(caplog), caplog.text
