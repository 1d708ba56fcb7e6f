"""Alerts: many listings for one channel become few messages, each within the limits."""

from __future__ import annotations

from collections import Counter

from bot.app import App
from bot.jobs.alerts import MAX_BODY, chunk_blocks
from bot.jobs.poller import Poller
from bot.testing.clock import FakeClock
from bot.testing.fakes.jobboards import JobBoardServer
from bot.testing.harness import TestBot
from tests.poller.conftest import (
    MakePoller,
    greenhouse_job,
    greenhouse_source,
    lantern_jobs,
    make_due,
    serve_greenhouse,
    settings,
    subscribe,
)


async def first_poll(app: App, board_server: JobBoardServer, make_poller: MakePoller) -> Poller:
    serve_greenhouse(board_server, "lantern", lantern_jobs())
    poller = make_poller(settings(greenhouse_source(board_server, "lantern")))
    await poller.sync()
    await subscribe(app)
    await poller.run_cycle()
    return poller


async def test_many_new_listings_are_grouped_into_few_messages_under_the_limit(
    app: App, clock: FakeClock, bot: TestBot, board_server: JobBoardServer, make_poller: MakePoller
) -> None:
    poller = await first_poll(app, board_server, make_poller)
    await bot.deliver()
    new = [
        greenhouse_job(10_000 + n, f"Machine Learning Engineer {n:02d}", place=f"Studio lot {n}")
        for n in range(30)
    ]
    serve_greenhouse(board_server, "lantern", [*lantern_jobs(), *new])
    await make_due(app, clock, "lantern")
    report = await poller.run_cycle()
    assert len(report.new_ai) == 30

    sent = await bot.deliver()
    assert 2 <= len(sent) <= 8
    assert all(len(message.body) <= MAX_BODY for message in sent)
    assert [message.title for message in sent] == [
        f"30 new AI job listings ({i}/{len(sent)})" for i in range(1, len(sent) + 1)
    ]
    seen = Counter(
        line for message in sent for line in message.body.splitlines() if " — Machine Learning" in line
    )
    assert sorted(seen) == sorted(f"Lantern Pictures — Machine Learning Engineer {n:02d}" for n in range(30))
    assert set(seen.values()) == {1}
    # Each message goes out once, even if the cycle's alert step ran again.
    assert await bot.deliver() == []


async def test_alert_text_is_safe_and_marks_total_compensation(
    app: App, clock: FakeClock, bot: TestBot, board_server: JobBoardServer, make_poller: MakePoller
) -> None:
    poller = await first_poll(app, board_server, make_poller)
    await bot.deliver()
    # No structured pay: the prose in the description says it is total compensation.
    sneaky = greenhouse_job(20_001, "@everyone <!channel> Machine Learning Lead", low=None, high=None)
    sneaky["absolute_url"] = "javascript:alert(1)"
    sneaky["content"] = "&lt;p&gt;Total compensation of $300,000 - $900,000 for this role.&lt;/p&gt;"
    serve_greenhouse(board_server, "lantern", [*lantern_jobs(), sneaky])
    await make_due(app, clock, "lantern")
    await poller.run_cycle()
    (alert,) = await bot.deliver()
    assert "@everyone" not in alert.body and "<!channel>" not in alert.body
    assert "Machine Learning Lead" in alert.body
    assert "javascript:" not in alert.body
    assert "$300,000–$900,000 a year, total compensation" in alert.body
    assert "Top of range $900,000 = about 35 times $26,000, the yearly pay 87% of SAG-AFTRA" in alert.body


def test_chunking_keeps_order_and_limit() -> None:
    blocks = [f"block {n} " + "x" * 500 for n in range(7)]
    groups = chunk_blocks(blocks, limit=1_200)
    assert [block for group in groups for block in group] == blocks
    assert all(len("\n\n".join(group)) <= 1_200 for group in groups)
    assert [len(group) for group in groups] == [2, 2, 2, 1]
    (only,) = chunk_blocks(["y" * 5_000], limit=1_200)
    assert len(only[0]) == 1_200 and only[0].endswith("…")
