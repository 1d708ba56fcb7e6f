"""Shared fixtures: the bot as tests drive it (`TestBot`), its clock, and the fake job boards."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.app import App
from bot.testing.clock import FakeClock
from bot.testing.fakes.jobboards import JobBoardServer
from bot.testing.harness import TestBot
from tests.helpers import BOARD_FIXTURES, START


@pytest.fixture(autouse=True, scope="session")
def no_polling_of_real_boards() -> None:
    """Subprocesses inherit this: no test may reach the studios' real job boards."""
    os.environ["PICKETBOT_POLLER"] = "off"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


@pytest.fixture
async def bot(tmp_path: Path, clock: FakeClock) -> AsyncIterator[TestBot]:
    """A real App on a tmp SQLite file, driven through the console session, on ``clock``."""
    async with await TestBot.open(tmp_path, clock=clock) as test_bot:
        yield test_bot


@pytest.fixture
def app(bot: TestBot) -> App:
    """The App inside ``bot``, for tests that work below the console (dispatcher, storage)."""
    return bot.app


@pytest.fixture
async def board_server() -> AsyncIterator[JobBoardServer]:
    async with JobBoardServer(BOARD_FIXTURES) as server:
        yield server
