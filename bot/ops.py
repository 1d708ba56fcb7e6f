"""The operations endpoint: /healthz for container health checks, /metrics for Prometheus."""

from __future__ import annotations

import logging
import sqlite3

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST

from bot.app import App
from storage.outbox import queue as outbox

log = logging.getLogger("picketbot.ops")


def ops_app(app: App) -> web.Application:
    async def healthz(_: web.Request) -> web.Response:
        try:
            depth = await outbox.pending_count(app.db)
        except (sqlite3.Error, ValueError) as error:
            return web.json_response({"status": "error", "error": str(error)}, status=503)
        tasks_ok = all(not task.done() for task in app.tasks)
        body = {
            "status": "ok" if tasks_ok else "degraded",
            "outbox_depth": depth,
            "platforms": sorted(app.senders),
            # leader: runs reminders and the job poller; standby: waits to take over.
            "role": app.leadership.role if app.leadership is not None else "starting",
        }
        return web.json_response(body, status=200 if tasks_ok else 503)

    async def metrics(_: web.Request) -> web.Response:
        app.metrics.outbox_depth.set(await outbox.pending_count(app.db))
        return web.Response(body=app.metrics.render(), headers={"Content-Type": CONTENT_TYPE_LATEST})

    application = web.Application()
    application.router.add_get("/healthz", healthz)
    application.router.add_get("/metrics", metrics)
    return application


async def start_ops_server(app: App, host: str, port: int) -> web.AppRunner:
    runner = web.AppRunner(ops_app(app), access_log=None)
    await runner.setup()
    try:
        await web.TCPSite(runner, host, port).start()
    except OSError as error:
        await runner.cleanup()
        reason = error.strerror or str(error)
        raise OSError(f"cannot serve /healthz and /metrics on {host}:{port}: {reason}") from None
    log.info("health and metrics on http://%s:%d/healthz and /metrics", host, port)
    return runner
