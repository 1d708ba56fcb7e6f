"""Reminders and the job poller run in one process per database; the others wait as standbys.

Two real Apps, each with its own connection to one SQLite file, share a
clock that only moves when the test moves it, so "the lease ran out" and
"the lease was released" are told apart exactly.
"""

from __future__ import annotations

import logging
import os
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.app import App
from bot.config.loading import load_config
from bot.picket.reminders import JOB_ID, start_reminders
from bot.testing.clock import FakeClock
from bot.testing.harness import TestBot
from storage import leases


async def open_bot(path: Path, clock: FakeClock) -> App:
    bot = await TestBot.open(path.parent, clock=clock, seed_facts=False, db_name=path.name)
    await bot.start_background(start_reminders)
    return bot.app


def runs_reminders(app: App) -> bool:
    tasks = [task.get_name() for task in app.tasks if not task.done()]
    return app.scheduler.get_job(JOB_ID) is not None and "picket-reminders" in tasks


async def _nothing() -> None:
    return None


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime(2026, 10, 26, 15, 0, tzinfo=UTC))


async def test_one_leader_one_standby_and_a_clean_stop_hands_over_at_once(
    tmp_path: Path, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="picketbot.leader")
    first = await open_bot(tmp_path / "picketbot.db", clock)
    second = await open_bot(tmp_path / "picketbot.db", clock)
    try:
        assert first.leadership is not None and second.leadership is not None
        assert (first.leadership.role, second.leadership.role) == ("leader", "standby")
        assert runs_reminders(first) and not runs_reminders(second)
        await second.leadership.step()
        assert second.leadership.role == "standby", "the leader renews its lease"

        await first.close()
        await second.leadership.step()  # the clock has not moved: released, not run out
        assert second.leadership.role == "leader" and runs_reminders(second)
    finally:
        await second.close()
    lines = [r.getMessage() for r in caplog.records if r.name == "picketbot.leader"]
    assert [line.split(":")[0] for line in lines] == ["leader", "standby", "leader"]
    assert "took over" in lines[2] and first.holder in lines[1]


async def test_a_stalled_leader_is_taken_over_and_stops_its_work(tmp_path: Path, clock: FakeClock) -> None:
    first = await open_bot(tmp_path / "picketbot.db", clock)
    second = await open_bot(tmp_path / "picketbot.db", clock)
    try:
        assert first.leadership is not None and second.leadership is not None
        clock.advance(seconds=first.config.lease_seconds)  # no renewal for a whole lease
        await second.leadership.step()
        assert second.leadership.role == "leader" and runs_reminders(second)
        await first.leadership.step()  # it wakes up and finds the lease gone
        assert first.leadership.role == "standby" and not runs_reminders(first)
        assert not any(task.done() for task in first.tasks), "stopped work leaves no dead tasks"
        # A reminder pass that was running as it stopped schedules its next one at its end.
        first.scheduler.add_job(_nothing, "date", run_date=datetime(2099, 1, 1, tzinfo=UTC), id=JOB_ID)
        await first.leadership.step()
        assert first.scheduler.get_job(JOB_ID) is None, "a standby removes it at its next check"
        await first.close()
        held = await leases.current(second.db, "leader")
        assert held is not None and held.holder == second.holder, "the old leader's stop left it alone"
    finally:
        await second.close()


def test_a_holder_is_known_dead_only_on_this_host_and_pid_namespace() -> None:
    mine = leases.new_holder_id()
    host, namespace, pid, tag, number = mine.split("|")
    assert int(pid) == os.getpid()
    assert not leases.holder_is_gone(mine) and not leases.holder_is_gone(mine + "/7")
    assert not leases.holder_is_gone(f"{host}|{namespace}|{pid}|{tag}|{int(number) + 1}"), "same run"
    assert leases.holder_is_gone(f"{host}|{namespace}|{pid}|0000beef|1"), "this PID's earlier run"
    assert not leases.holder_is_gone(f"other-host|{namespace}|{pid}|0000beef|1")
    assert not leases.holder_is_gone(f"{host}|4026000000|{pid}|0000beef|1"), "another container"
    assert not leases.holder_is_gone(f"{host}|{namespace}|1|0000beef|1"), "PID 1 is alive"
    assert not leases.holder_is_gone("hand-written")


def test_the_lease_length_is_a_setting() -> None:
    assert load_config(env={"PICKETBOT_LEASE_SECONDS": "1.5"}).lease_seconds == 1.5
    assert load_config(env={}).lease_seconds == 30.0
    with pytest.raises(ValueError, match="PICKETBOT_LEASE_SECONDS"):
        load_config(env={"PICKETBOT_LEASE_SECONDS": "soon"})
