"""Job boards that fail, send garbage, cut off or trickle never stop the bot.

The fake board server plays six boards: one good, one that trickles a byte at
a time and never finishes, one that sends random bytes, one that sends an
HTML error page with 200, one that promises a long body and hangs up, and
one that answers 500. The real poller polls them all: the trickle times out,
each bad board records a one-line error and backs off, the good board is
stored, and the bot answers commands while the trickle is still going.
"""

from __future__ import annotations

import asyncio
import random

import pytest

from bot.app import App
from bot.jobs.poller import Poller
from bot.jobs.poller_settings import PollerSettings
from bot.testing.clock import FakeClock
from bot.testing.fakes.jobboards import JobBoardServer
from bot.testing.people import CHANNEL, actor
from storage.jobs.sources import SourceDraft

GOOD_JOBS = {
    "jobs": [
        {
            "id": 1,
            "title": "Machine Learning Engineer",
            "absolute_url": "https://jobs.example.org/good/1",
            "location": {"name": "Burbank, CA"},
            "company_name": "Good Pictures",
            "content": "&lt;p&gt;Models for audiences.&lt;/p&gt;",
        }
    ]
}
BAD = ("trickle", "garbage", "html", "cutoff", "error")


def path(board: str) -> str:
    return f"/v1/boards/{board}/jobs"


@pytest.fixture
def boards(board_server: JobBoardServer) -> JobBoardServer:
    """Six boards on the fake board server: one good, the others bad each in its own way."""
    board_server.serve_json(path("good"), GOOD_JOBS)
    board_server.fail(path("trickle"), "trickle")  # a byte every 0.2 s, far past the 1 s timeout
    noise = random.Random(7).randbytes(4096)
    board_server.serve_body(path("garbage"), noise, "application/json")
    page = b"<html><body>Service Unavailable</body></html>"
    board_server.serve_body(path("html"), page, "text/html")
    board_server.fail(path("cutoff"), "cutoff")  # promises a long body and hangs up
    board_server.fail(path("error"), "status", status=500)
    return board_server


def source(boards: JobBoardServer, board: str) -> SourceDraft:
    return SourceDraft(
        name=board, company=f"{board.title()} Pictures", board_type="greenhouse", board=board,
        base_url=boards.base_url, interval_minutes=30,
    )  # fmt: skip


async def test_bad_boards_time_out_or_fail_alone_and_the_bot_keeps_answering(
    app: App, clock: FakeClock, boards: JobBoardServer
) -> None:
    drafts = tuple(source(boards, board) for board in ("trickle", *BAD[1:], "good"))
    settings = PollerSettings(sources=drafts, request_timeout=1.0, source_timeout=5.0, concurrency=6)
    poller = Poller(app.db, settings, clock=clock, rng=random.Random(1))
    try:
        await poller.sync()
        cycle = asyncio.create_task(poller.run_cycle())
        await boards.wait_for_request(path("trickle"), timeout=10)

        # The trickle is still going, and the bot answers a member all the same.
        reply = await app.dispatcher.handle_text(actor(), CHANNEL, "/help")
        assert not reply.is_error and reply.title == "picketbot commands"
        assert boards.answering[path("trickle")] == 1 and not cycle.done()

        report = await asyncio.wait_for(cycle, 30)
    finally:
        await poller.close()

    status = {outcome.source: outcome.status for outcome in report.outcomes}
    assert status == {**dict.fromkeys(BAD, "error"), "good": "first"}
    errors = {o.source: o.error or "" for o in report.outcomes if o.status == "error"}
    assert "timed out" in errors["trickle"]
    for board, message in errors.items():
        assert message and "\n" not in message and len(message) < 300, (board, message)
    # The poller hung up on it: the board notices at its next byte (long before its own end).
    await boards.wait_until_answered(path("trickle"), timeout=3)
    stored = await app.db.fetchval("SELECT count(*) FROM job_listings")
    assert stored == 1  # the good board's one listing, nothing half-read from the others
    for board in BAD:
        row = await app.db.fetchone("SELECT * FROM job_sources WHERE name = ?", (board,))
        assert row is not None
        assert row["consecutive_failures"] == 1 and row["next_poll_at"] > clock.now.isoformat()
