"""Fixtures for the poller tests: Greenhouse boards on the fake board server, and pollers."""

from __future__ import annotations

import json
import random
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

import pytest
from aiohttp.abc import AbstractResolver

from bot.app import App
from bot.jobs.poller import Poller
from bot.jobs.poller_settings import PollerSettings
from bot.testing.clock import FakeClock
from bot.testing.fakes.jobboards import JobBoardServer
from bot.testing.harness import TestBot
from bot.testing.people import CHANNEL, actor
from commands.context import Channel
from commands.roles import Role
from storage.jobs.sources import SourceDraft
from tests.helpers import BOARD_FIXTURES

ORGANIZER = actor("Olu", Role.ORGANIZER)


@pytest.fixture
async def lenient_app(tmp_path: Path, clock: FakeClock) -> AsyncIterator[App]:
    """The bot with ``[poller] allow_private_addresses = true``: sources added in
    chat may then point at the local fake board (127.0.0.1)."""
    lenient = "[poller]\nallow_private_addresses = true\n"
    async with await TestBot.open(tmp_path, clock=clock, config=lenient, db_name="lenient.db") as bot:
        yield bot.app


def lantern_jobs() -> list[dict[str, Any]]:
    """The four jobs of the Greenhouse fixture (two of them AI)."""
    jobs: list[dict[str, Any]] = json.loads((BOARD_FIXTURES / "greenhouse_lantern.json").read_text())["jobs"]
    return jobs


def greenhouse_job(
    job_id: int,
    title: str,
    *,
    low: int | None = 150_000,
    high: int | None = 200_000,
    place: str = "Burbank, CA",
) -> dict[str, Any]:
    job: dict[str, Any] = {
        "id": job_id,
        "title": title,
        "absolute_url": f"https://job-boards.example/lantern/jobs/{job_id}",
        "location": {"name": place},
        "company_name": "Lantern Pictures",
        "first_published": "2026-10-25T09:00:00-07:00",
        "content": "&lt;p&gt;Join the team.&lt;/p&gt;",
    }
    if low is not None and high is not None:
        job["pay_input_ranges"] = [
            {"min_cents": low * 100, "max_cents": high * 100, "currency_type": "USD", "title": "Pay"}
        ]
    return job


def serve_greenhouse(
    server: JobBoardServer, board: str, jobs: list[dict[str, Any]], etag: str | None = None
) -> str:
    path = f"/v1/boards/{board}/jobs"
    server.serve_json(path, {"jobs": jobs, "meta": {"total": len(jobs)}}, etag=etag)
    return path


def greenhouse_source(server: JobBoardServer, board: str, name: str | None = None) -> SourceDraft:
    return SourceDraft(
        name=name or board, company="Lantern Pictures", board_type="greenhouse", board=board,
        base_url=server.base_url, interval_minutes=30,
    )  # fmt: skip


def settings(*sources: SourceDraft, **changes: Any) -> PollerSettings:
    base = PollerSettings(sources=sources, request_timeout=1.0, source_timeout=5.0)
    return replace(base, **changes)


class MakePoller(Protocol):
    def __call__(
        self, chosen: PollerSettings, *, on: App | None = None, resolver: AbstractResolver | None = None
    ) -> Poller:
        """A poller over ``app`` (or ``on``), closed when the test ends; ``resolver`` stands in for DNS."""


@pytest.fixture
async def make_poller(app: App, clock: FakeClock) -> AsyncIterator[MakePoller]:
    made: list[Poller] = []

    def make(
        chosen: PollerSettings, *, on: App | None = None, resolver: AbstractResolver | None = None
    ) -> Poller:
        target = on or app
        poller = Poller(
            target.db, chosen, clock=clock, on_result=target.metrics.poll_result, rng=random.Random(4),
            resolver=resolver,
        )  # fmt: skip
        made.append(poller)
        return poller

    yield make
    for poller in made:
        await poller.close()


async def subscribe(app: App, company: str = "all", channel: Channel = CHANNEL) -> None:
    reply = await app.dispatcher.handle_text(ORGANIZER, channel, f"/jobs subscribe {company}")
    assert not reply.is_error, reply.text


async def make_due(app: App, clock: FakeClock, name: str) -> None:
    """Move the clock to the source's next poll time (time passes; nothing else changes)."""
    value = await app.db.fetchval("SELECT next_poll_at FROM job_sources WHERE name = ?", (name,))
    clock.now = max(clock.now, datetime.fromisoformat(value))
