"""Pay shown only on detail pages: read again when the listing changes, or by schedule."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from bot.app import App
from bot.config.loading import ConfigError, load_config
from bot.jobs.poller import Poller
from bot.jobs.poller_settings import poller_settings
from bot.testing.clock import FakeClock
from bot.testing.fakes.jobboards import JobBoardServer
from bot.testing.fakes.jobboards.live import EightfoldBoard, Posting, WorkdayBoard
from bot.testing.harness import TestBot
from storage.jobs.sources import SourceDraft
from tests.poller.conftest import MakePoller, make_due, settings

TD = Posting("1001", "Technical Director, Generative AI", pay="$150,000 to $190,000 per year")
GRIP = Posting("1002", "Key Grip", pay="$40 per hour")


def draft(server: JobBoardServer, board_type: str, board: str) -> SourceDraft:
    return SourceDraft(
        name="castlelight", company="Castlelight Studios", board_type=board_type, board=board,
        base_url=server.base_url, interval_minutes=30,
    )  # fmt: skip


async def poll(poller: Poller, app: App, clock: FakeClock, *, after: timedelta = timedelta(0)) -> str:
    clock.advance(seconds=after.total_seconds())
    await make_due(app, clock, "castlelight")
    (outcome,) = (await poller.run_cycle()).outcomes
    assert outcome.status != "error", outcome.error
    return outcome.status


async def stored_pay(app: App, posting: Posting) -> tuple[float, float]:
    row = await app.db.fetchone("SELECT pay_min, pay_max FROM job_listings WHERE title = ?", (posting.title,))
    assert row is not None
    return row["pay_min"], row["pay_max"]


async def test_workday_detail_is_read_again_by_schedule_and_the_pay_change_shown(
    app: App, bot: TestBot, clock: FakeClock, board_server: JobBoardServer, make_poller: MakePoller
) -> None:
    board = WorkdayBoard(board_server, "castlelight", "Careers")
    board.add(TD, GRIP)
    chosen = settings(
        draft(board_server, "workday", "castlelight/Careers"), detail_refresh=timedelta(hours=12)
    )
    poller = make_poller(chosen)
    await poller.sync()
    await poll(poller, app, clock)
    assert (board.detail_reads(TD.id), board.detail_reads(GRIP.id)) == (1, 0), "only AI titles get details"
    assert await stored_pay(app, TD) == (150_000, 190_000)

    board.edit(TD.id, pay="$165,000 to $210,000 per year")  # the list shows no sign of it
    assert await poll(poller, app, clock, after=timedelta(hours=11)) == "unchanged"
    assert board.detail_reads(TD.id) == 1 and await stored_pay(app, TD) == (150_000, 190_000)

    await poll(poller, app, clock, after=timedelta(hours=1))
    assert board.detail_reads(TD.id) == 2, "read again once its last reading is 12 hours old"
    assert await stored_pay(app, TD) == (165_000, 210_000)
    latest = await bot.say("/jobs latest")
    assert (
        "$165,000–$210,000 a year" in latest and "pay changed 26 Oct; was $150,000–$190,000 a year" in latest
    )

    await poll(poller, app, clock, after=timedelta(hours=1))
    assert board.detail_reads(TD.id) == 2, "and not again until the next 12 hours are up"


async def test_eightfold_detail_is_read_again_when_the_update_time_changes(
    app: App, clock: FakeClock, board_server: JobBoardServer, make_poller: MakePoller
) -> None:
    board = EightfoldBoard(board_server, "castlelight.example", "Castlelight Studios")
    board.add(TD)
    poller = make_poller(settings(draft(board_server, "eightfold", "castlelight.example")))
    await poller.sync()
    await poll(poller, app, clock)
    assert board.detail_reads(TD.id) == 1

    await poll(poller, app, clock, after=timedelta(days=3))
    assert board.detail_reads(TD.id) == 1, "unchanged: no schedule where the board tells of edits"

    board.edit(TD.id, pay="$170,000 to $220,000 per year")
    await poll(poller, app, clock)
    assert board.detail_reads(TD.id) == 2
    assert await stored_pay(app, TD) == (170_000, 220_000)
    changes = await app.db.fetchval("SELECT count(*) FROM job_pay_changes")
    assert changes == 1


async def test_the_detail_budget_goes_to_new_listings_then_the_stalest(
    app: App, clock: FakeClock, board_server: JobBoardServer, make_poller: MakePoller
) -> None:
    board = WorkdayBoard(board_server, "castlelight", "Careers")
    old = [Posting(str(2000 + n), f"Machine Learning Engineer {n}") for n in range(30)]
    board.add(*old)
    poller = make_poller(settings(draft(board_server, "workday", "castlelight/Careers")))
    await poller.sync()
    await poll(poller, app, clock)
    assert sum(board.detail_reads(p.id) for p in old) == 25, "25 detail calls a poll at most"
    await poll(poller, app, clock)
    assert [board.detail_reads(p.id) for p in old] == [1] * 30, "the five left over come next"

    board.add(Posting("2999", "Generative AI Producer"))
    await poll(poller, app, clock, after=timedelta(days=1))
    assert board.detail_reads("2999") == 1, "a new listing first"
    reads = [board.detail_reads(p.id) for p in old]
    assert reads == [2] * 24 + [1] * 6, "then the 24 read longest ago, in board order"


def test_detail_refresh_is_a_poller_setting(tmp_path: Path) -> None:
    path = tmp_path / "picketbot.toml"
    path.write_text('[poller]\ndetail_refresh = "6h"\n', encoding="utf-8")
    assert poller_settings(load_config(config_path=str(path), env={})).detail_refresh == timedelta(hours=6)
    assert poller_settings(load_config(env={})).detail_refresh == timedelta(days=1)
    path.write_text('[poller]\ndetail_refresh = "5m"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="detail_refresh must be between 1h and 30d"):
        poller_settings(load_config(config_path=str(path), env={}))
