"""/healthz and /metrics over real HTTP on loopback."""

from __future__ import annotations

import aiohttp

from bot.app import App
from bot.ops import start_ops_server
from tests.helpers import CHANNEL, actor


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
