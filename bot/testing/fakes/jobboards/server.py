"""A real local HTTP server that plays job boards, for the tests and the benchmark.

One aiohttp server on 127.0.0.1 (random ports). Tell it what to serve per
route (a fixture file, a JSON value or raw bytes), then point a board
client's ``base_url`` at ``server.base_url``. It records every request,
answers conditional GETs with 304 when the route has an ETag or
Last-Modified, and can be told to misbehave: an error status, hang until
the client gives up, malformed JSON, 429/503 with Retry-After, or a 20 MB
body, a body that trickles a byte at a time, a body cut off mid-way. It can
also redirect a route elsewhere (``redirect``), listen on
several ports at once (``start(hosts=n)``: real boards sit on many hosts,
and the poller never polls two sources on one host at once), and run a
control action on a path (``action``, how the benchmark's boards change).

    async with JobBoardServer(fixtures) as server:
        server.serve_file("/v1/boards/lantern/jobs", "greenhouse_lantern.json", etag='"v1"')
        server.fail("/v1/boards/broken/jobs", "status", status=500)
        ...
        assert server.count("/v1/boards/lantern/jobs") == 1
"""

from __future__ import annotations

import asyncio
import json
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Self

from aiohttp import web

from bot.testing.fakes.jobboards.failures import Failure, FailureMode, misbehave

Action = Callable[[], Any]


@dataclass(frozen=True)
class RecordedRequest:
    method: str
    path: str
    query: dict[str, str]
    headers: dict[str, str]
    json: Any


@dataclass
class _Route:
    method: str
    path: str
    body: bytes
    content_type: str
    when: dict[str, Any] = field(default_factory=dict)
    etag: str | None = None
    last_modified: str | None = None
    delay: float = 0.0


class JobBoardServer:
    """``fixtures`` is the folder ``serve_file`` reads from (the tests' ``tests/fixtures/jobboards``)."""

    def __init__(self, fixtures: Path | None = None) -> None:
        self.fixtures = fixtures
        self.requests: list[RecordedRequest] = []
        self.peak_concurrency = 0
        #: Requests being answered right now, by path (a trickle stays until the client hangs up).
        self.answering: Counter[str] = Counter()
        self.ports: list[int] = []
        self._active = 0
        self._routes: dict[tuple[str, str], list[_Route]] = {}
        self._failures: list[Failure] = []
        self._redirects: dict[str, tuple[int, str]] = {}
        self._actions: dict[tuple[str, str], Action] = {}
        self._release = asyncio.Event()
        self._changed = asyncio.Condition()  # told when a request arrives or is answered
        self._runner: web.AppRunner | None = None

    @property
    def port(self) -> int:
        return self.ports[0] if self.ports else 0

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        return f"{self.base_url}{path}"

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    async def start(self, hosts: int = 1) -> None:
        """Listen on ``hosts`` ports of 127.0.0.1, every one serving the same boards."""
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._handle)
        self._runner = web.AppRunner(app, shutdown_timeout=1.0, access_log=None)
        await self._runner.setup()
        for _ in range(hosts):
            await web.TCPSite(self._runner, "127.0.0.1", 0).start()
        self.ports = [address[1] for address in self._runner.addresses]

    async def close(self) -> None:
        self._release.set()  # let hanging handlers finish
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    # ---- telling it what to serve ---------------------------------------

    def serve_file(
        self,
        path: str,
        fixture: str,
        *,
        method: str = "GET",
        when: Mapping[str, Any] | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
        content_type: str | None = None,
        delay: float = 0.0,
    ) -> None:
        """Serve ``<fixtures>/<fixture>`` at ``path``.

        ``when`` narrows the route to requests whose query parameters (GET)
        or JSON body keys (POST) have those values, for paged boards.
        """
        if self.fixtures is None:
            raise ValueError("this JobBoardServer was given no fixtures folder")
        body = (self.fixtures / fixture).read_bytes()
        if content_type is None:
            content_type = "application/xml" if fixture.endswith(".xml") else "application/json"
        self.serve_body(
            path,
            body,
            content_type,
            method=method,
            when=when,
            etag=etag,
            last_modified=last_modified,
            delay=delay,
        )

    def serve_json(
        self,
        path: str,
        payload: Any,
        *,
        method: str = "GET",
        when: Mapping[str, Any] | None = None,
        etag: str | None = None,
        delay: float = 0.0,
    ) -> None:
        body = json.dumps(payload).encode()
        self.serve_body(path, body, "application/json", method=method, when=when, etag=etag, delay=delay)

    def serve_body(
        self,
        path: str,
        body: bytes,
        content_type: str,
        *,
        method: str = "GET",
        when: Mapping[str, Any] | None = None,
        etag: str | None = None,
        last_modified: str | None = None,
        delay: float = 0.0,
    ) -> None:
        """Serve ``body`` at ``path``; a later call for the same route replaces it."""
        route = _Route(method.upper(), path, body, content_type, dict(when or {}), etag, last_modified, delay)
        same = self._routes.setdefault((route.method, route.path), [])
        same[:] = [r for r in same if r.when != route.when]
        same.append(route)

    def fail(
        self,
        path: str,
        mode: FailureMode,
        *,
        method: str = "GET",
        status: int = 500,
        retry_after: str | None = "30",
        times: int | None = None,
    ) -> None:
        """Make ``path`` misbehave (for the next ``times`` requests, or always).

        ``status``: answer ``status``. ``hang``: never answer. ``malformed``:
        a 200 whose body is broken JSON. ``retry_after``: answer ``status``
        (429 or 503) with that Retry-After (None: no header). ``huge``: a 20 MB
        chunked body. ``huge_declared``: the same with its Content-Length.
        ``trickle``: a 200 whose body comes a byte every 0.2 s. ``cutoff``: a
        200 that promises 100,000 bytes and hangs up after a few.
        """
        self._failures.append(Failure(method.upper(), path, mode, status, retry_after, times))

    def redirect(self, path: str, location: str, *, status: int = 302) -> None:
        """Answer every request to ``path`` with ``status`` and this Location header."""
        self._redirects[path] = (status, location)

    def action(self, method: str, path: str, run: Action) -> None:
        """Answer ``method path`` by calling ``run()`` and sending back what it returns, as JSON."""
        self._actions[(method.upper(), path)] = run

    def clear_failures(self) -> None:
        self._failures.clear()

    # ---- looking at what happened ----------------------------------------

    def requests_to(self, path: str, method: str | None = None) -> list[RecordedRequest]:
        return [
            request
            for request in self.requests
            if request.path == path and (method is None or request.method == method.upper())
        ]

    def count(self, path: str, method: str | None = None) -> int:
        return len(self.requests_to(path, method))

    async def wait_for_request(self, path: str, timeout: float = 5.0) -> RecordedRequest:
        """The first request to ``path``, once it has arrived."""
        await self._wait_until(lambda: bool(self.requests_to(path)), timeout)
        return self.requests_to(path)[0]

    async def wait_until_answered(self, path: str, timeout: float = 5.0) -> None:
        """Until no request to ``path`` is being answered (a trickle ends when its client hangs up)."""
        await self._wait_until(lambda: not self.answering[path], timeout)

    async def _wait_until(self, done: Callable[[], bool], timeout: float) -> None:
        async with asyncio.timeout(timeout), self._changed:
            await self._changed.wait_for(done)

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    # ---- answering --------------------------------------------------------

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        action = self._actions.get((request.method, request.path))
        if action is not None:
            return web.json_response(action())
        payload = await _json_body(request)
        self.requests.append(
            RecordedRequest(request.method, request.path, dict(request.query), dict(request.headers), payload)
        )
        self._active += 1
        self.answering[request.path] += 1
        self.peak_concurrency = max(self.peak_concurrency, self._active)
        await self._notify()
        try:
            if request.path in self._redirects:
                status, location = self._redirects[request.path]
                return web.Response(status=status, headers={"Location": location})
            failure = self._take_failure(request)
            if failure is not None:
                return await misbehave(request, failure, self._release)
            return await self._serve(request, payload)
        finally:
            self._active -= 1
            self.answering[request.path] -= 1
            await self._notify()

    def _take_failure(self, request: web.Request) -> Failure | None:
        for failure in self._failures:
            if (failure.method, failure.path) == (request.method, request.path):
                if failure.times is not None:
                    failure.times -= 1
                    if failure.times <= 0:
                        self._failures.remove(failure)
                return failure
        return None

    async def _serve(self, request: web.Request, payload: Any) -> web.StreamResponse:
        route = self._match(request, payload)
        if route is None:
            return web.json_response({"error": "no such route"}, status=404)
        if route.delay:
            await asyncio.sleep(route.delay)
        headers: dict[str, str] = {}
        if route.etag:
            headers["ETag"] = route.etag
        if route.last_modified:
            headers["Last-Modified"] = route.last_modified
        if _not_modified(request, route):
            return web.Response(status=304, headers=headers)
        return web.Response(body=route.body, content_type=route.content_type, headers=headers)

    def _match(self, request: web.Request, payload: Any) -> _Route | None:
        given: Mapping[str, Any] = payload if isinstance(payload, Mapping) else dict(request.query)
        candidates = [
            route
            for route in self._routes.get((request.method, request.path), ())
            if all(str(given.get(key)) == str(value) for key, value in route.when.items())
        ]
        candidates.sort(key=lambda route: len(route.when), reverse=True)
        return candidates[0] if candidates else None


def _not_modified(request: web.Request, route: _Route) -> bool:
    if route.etag and request.headers.get("If-None-Match") == route.etag:
        return True
    return bool(route.last_modified and request.headers.get("If-Modified-Since") == route.last_modified)


async def _json_body(request: web.Request) -> Any:
    if not request.can_read_body:
        return None
    raw = await request.read()
    try:
        return json.loads(raw)
    except ValueError:
        return None
