"""Shared fixtures: a real App on a real SQLite file, with a clock tests can move."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.app import App, open_app
from bot.config.loading import load_config
from tests.helpers import FakeClock


@pytest.fixture(autouse=True, scope="session")
def no_polling_of_real_boards() -> None:
    """Subprocesses inherit this: no test may reach the studios' real job boards."""
    os.environ["PICKETBOT_POLLER"] = "off"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 10, 26, 15, 0, tzinfo=UTC))


@pytest.fixture
async def app(tmp_path: Path, clock: FakeClock) -> AsyncIterator[App]:
    config = load_config(db_path=str(tmp_path / "picketbot.db"), env={})
    application = await open_app(config, clock=clock)
    try:
        yield application
    finally:
        await application.close()
