"""commands.errors.unexpected_failure: the one "something went wrong (ref …)" line."""

from __future__ import annotations

import logging
import re

import pytest

from commands.errors import unexpected_failure


def test_the_member_and_the_log_share_one_reference(caplog: pytest.LogCaptureFixture) -> None:
    log = logging.getLogger("picketbot.test")
    with caplog.at_level(logging.ERROR):
        try:
            raise RuntimeError("secret detail")
        except RuntimeError:
            text = unexpected_failure(log, "command /%s failed", "picket")
    found = re.fullmatch(r"Sorry, something went wrong on our side \(ref ([0-9a-f]{6})\)\.", text)
    assert found is not None and "secret detail" not in text
    (record,) = caplog.records
    assert record.getMessage() == f"command /picket failed (ref {found.group(1)})"
    assert record.exc_info is not None and record.exc_info[0] is RuntimeError


def test_each_failure_gets_its_own_reference() -> None:
    log = logging.getLogger("picketbot.test")
    assert len({unexpected_failure(log, "x") for _ in range(20)}) > 1
