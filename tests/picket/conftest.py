"""Picket tests speak in the picket line's own channel."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.testing.clock import FakeClock
from bot.testing.harness import TestBot
from tests.picket.support import CHANNEL


@pytest.fixture
async def bot(tmp_path: Path, clock: FakeClock, database: str) -> AsyncIterator[TestBot]:
    """On each backend in turn (`database`)."""
    async with await TestBot.open(tmp_path, clock=clock, channel=CHANNEL, database=database) as test_bot:
        yield test_bot
