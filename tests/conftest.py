"""Shared fixtures: the bot as tests drive it (`TestBot`), its clock, and the fake job boards."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from bot.app import App
from bot.testing.clock import FakeClock
from bot.testing.fakes.jobboards import JobBoardServer
from bot.testing.harness import TestBot
from bot.testing.postgres import Databases, PostgresServer, bindir, unusable_reason
from tests.helpers import BOARD_FIXTURES, START


@pytest.fixture(autouse=True, scope="session")
def no_polling_of_real_boards() -> None:
    """Subprocesses inherit this: no test may reach the studios' real job boards."""
    os.environ["PICKETBOT_POLLER"] = "off"


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """One throwaway PostgreSQL server for the session (`bot.testing.postgres`)."""
    reason, found = unusable_reason(), bindir()
    if reason is not None or found is None:
        pytest.skip(reason or "no PostgreSQL")
    server = PostgresServer(found)
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def postgres_databases(postgres_server: PostgresServer) -> Databases:
    return Databases(postgres_server, seed_clock=FakeClock(START))


@pytest.fixture
async def postgres_address(postgres_databases: Databases) -> AsyncIterator[str]:
    """A fresh, migrated PostgreSQL database, dropped after the test."""
    address = await postgres_databases.create()
    yield address
    await postgres_databases.drop(address)


@pytest.fixture(params=["sqlite", "postgresql"])
async def database(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    """Each backend in turn: a SQLite file's path, then a fresh PostgreSQL database's address."""
    if request.param == "sqlite":
        yield str(tmp_path / "picketbot.db")
        return
    databases: Databases = request.getfixturevalue("postgres_databases")
    address = await databases.create(seeded=True)
    yield address
    await databases.drop(address)


@pytest.fixture
async def bot(tmp_path: Path, clock: FakeClock, database: str) -> AsyncIterator[TestBot]:
    """A real App on each backend in turn (`database`), driven through the console session, on ``clock``."""
    async with await TestBot.open(tmp_path, clock=clock, database=database) as test_bot:
        yield test_bot


@pytest.fixture
def app(bot: TestBot) -> App:
    """The App inside ``bot``, for tests that work below the console (dispatcher, storage)."""
    return bot.app


@pytest.fixture
async def board_server() -> AsyncIterator[JobBoardServer]:
    async with JobBoardServer(BOARD_FIXTURES) as server:
        yield server
