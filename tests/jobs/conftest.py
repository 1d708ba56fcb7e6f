"""Fixtures for the job-board tests: a fake board server and a fetcher."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.jobs.fetch.http import HttpFetcher
from tests.fakes.jobboard_server import JobBoardServer


@pytest.fixture
async def board_server() -> AsyncIterator[JobBoardServer]:
    async with JobBoardServer() as server:
        yield server


@pytest.fixture
async def fetcher() -> AsyncIterator[HttpFetcher]:
    async with HttpFetcher(timeout=5) as client:
        yield client
