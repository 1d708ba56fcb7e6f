"""Fixtures for the job-board tests: a fetcher (the fake boards are `board_server`, tests/conftest.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.jobs.fetch.http import HttpFetcher


@pytest.fixture
async def fetcher() -> AsyncIterator[HttpFetcher]:
    async with HttpFetcher(timeout=5) as client:
        yield client
