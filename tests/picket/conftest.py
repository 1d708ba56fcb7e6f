"""Fixtures for picket tests: a real App on a real SQLite file, with a clock tests can move."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from bot.app import App, open_app
from bot.config.loading import load_config
from tests.picket.support import START, Clock


@pytest.fixture
def clock() -> Clock:
    return Clock(START)


@pytest.fixture
async def app(tmp_path: Path, clock: Clock) -> AsyncIterator[App]:
    application = await open_app(load_config(db_path=str(tmp_path / "t.db"), env={}), clock=clock)
    try:
        yield application
    finally:
        await application.close()
