"""The public listener: one HTTP port for everything platforms and members reach from outside.

Slack's ``POST /slack/events`` (HTTP mode), calendar feeds
(``GET /calendar/<token>.ics``) and Discord's ``POST /discord/interactions``
(HTTP mode) share ``[http] public_port`` (default 3000); `/healthz` and `/metrics` stay
apart on the ops port, which is not meant to face the internet. Features add
their routes before the listener starts (`App.public_listener`); it starts
once, under ``picketbot run`` (the console does not open it: see
docs/deployment.md), and closes with the App.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from aiohttp import web

from bot.config.public import PublicSettings

log = logging.getLogger("picketbot.public")

#: Nothing that comes here is large: Slack's payloads, feed requests.
MAX_BODY_BYTES = 1024 * 1024

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class PublicListener:
    def __init__(self, settings: PublicSettings) -> None:
        self.settings = settings
        self.web = web.Application(client_max_size=MAX_BODY_BYTES)
        #: The port it listens on once started (useful when configured as 0: any free port).
        self.port: int | None = None
        self._runner: web.AppRunner | None = None

    @property
    def started(self) -> bool:
        return self._runner is not None

    def add_route(self, method: str, path: str, handler: Handler) -> None:
        if self.started:
            raise RuntimeError(f"add {method} {path} before the public listener starts")
        if method == "GET":
            self.web.router.add_get(path, handler)  # HEAD too
        else:
            self.web.router.add_route(method, path, handler)

    async def start(self) -> int:
        """Listen (once; later calls return the port); OSError names the address on failure."""
        if self._runner is not None:
            assert self.port is not None
            return self.port
        runner = web.AppRunner(self.web, access_log=None)
        await runner.setup()
        host, port = self.settings.host, self.settings.port
        try:
            await web.TCPSite(runner, host, port).start()
        except OSError as error:
            await runner.cleanup()
            raise OSError(f"cannot serve the public listener on {host}:{port}: {error.strerror}") from None
        self._runner = runner
        self.port = int(runner.addresses[0][1])
        paths = sorted({route.resource.canonical for route in self.web.router.routes() if route.resource})
        log.info("public listener on %s:%d: %s", host, self.port, ", ".join(paths))
        return self.port

    async def close(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
