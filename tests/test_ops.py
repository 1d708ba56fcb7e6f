"""/healthz and /metrics over real HTTP on loopback."""

from __future__ import annotations

import asyncio

import aiohttp

from bot.app import App, open_app
from bot.config.loading import load_config
from bot.ops import start_ops_server
from bot.testing.clock import FakeClock
from bot.testing.people import CHANNEL, actor
from bot.testing.senders import RecordingSender
from storage.outbox import claims
from storage.outbox import queue as outbox
from storage.outbox.queue import OutboundMessage


async def test_health_and_metrics(app: App) -> None:
    runner = await start_ops_server(app, "127.0.0.1", 0)
    host, port = runner.addresses[0][:2]
    try:
        await app.dispatcher.handle_text(actor(), CHANNEL, "/pay compare 900000")
        await app.dispatcher.handle_text(actor(), CHANNEL, "/nonsense")
        async with aiohttp.ClientSession() as session:
            async with session.get(f"http://{host}:{port}/healthz") as response:
                assert response.status == 200
                body = await response.json()
                assert body["status"] == "ok" and body["outbox_depth"] == 0
            async with session.get(f"http://{host}:{port}/metrics") as response:
                text = await response.text()
        assert 'picketbot_commands_total{command="pay compare",outcome="ok"} 1.0' in text
        assert 'picketbot_commands_total{command="unknown",outcome="error"} 1.0' in text
        assert "picketbot_command_seconds_bucket" in text
        assert "picketbot_outbox_depth 0.0" in text
    finally:
        await runner.cleanup()


async def test_health_shows_leader_or_standby_and_metrics_count_possible_repeats(
    app: App, clock: FakeClock
) -> None:
    # A process on another machine claimed a message, then stopped while sending it.
    async with app.db.transaction() as tx:
        await outbox.enqueue(tx, OutboundMessage("console", "channel", "c1", "shift moved"))
    dead = "elsewhere|4026531836|77|0000beef|1/1"
    assert len((await claims.claim_due(app.db, dead, "console", clock(), clock())).messages) == 1
    app.add_sender(RecordingSender())
    await app.start_background(starters=())
    worker = app.worker
    assert worker is not None
    async with asyncio.timeout(10):  # its lease has run out: the worker takes it over
        while worker.delivered == 0:
            await asyncio.sleep(0.01)
    # A second bot on the same file (it sends nothing here: no platform of its own).
    other = await open_app(load_config(db_path=app.db.path, env={}), clock=clock, seed_facts=False)
    await other.start_background(starters=())
    runners = [await start_ops_server(bot, "127.0.0.1", 0) for bot in (app, other)]
    try:
        async with aiohttp.ClientSession() as session:
            roles = []
            for runner in runners:
                host, port = runner.addresses[0][:2]
                async with session.get(f"http://{host}:{port}/healthz") as response:
                    roles.append((await response.json())["role"])
            host, port = runners[0].addresses[0][:2]
            async with session.get(f"http://{host}:{port}/metrics") as response:
                text = await response.text()
        assert roles == ["leader", "standby"]
        assert 'picketbot_outbox_possible_repeats_total{platform="console"} 1.0' in text
    finally:
        for runner in runners:
            await runner.cleanup()
        await other.close()
