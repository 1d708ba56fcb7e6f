"""The bench's lean storm client against a real local aiohttp server: every request arrives as
rendered (headers and body), every answer is read whole (Content-Length or chunked), a closed
connection is opened again, and an answer that never comes is a click without an answer time."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable

import pytest
from aiohttp import web

from bot.bench.storm_client import StormClient, Target, render_post

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


async def _serve(handler: Handler) -> AsyncIterator[str]:
    app = web.Application()
    app.router.add_post("/discord/interactions", handler)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    try:
        yield f"http://127.0.0.1:{runner.addresses[0][1]}/discord/interactions"
    finally:
        await runner.cleanup()


def _requests(url: str, count: int) -> list[bytes]:
    target = Target.of(url)
    return [
        render_post(target, f'{{"n":{i}}}'.encode(), {"Content-Type": "application/json", "X-Number": str(i)})
        for i in range(count)
    ]


@pytest.fixture
async def echo() -> AsyncIterator[tuple[str, set[int]]]:
    """Answers each POST with its X-Number header and body; records the client ports it saw."""
    ports: set[int] = set()

    async def handle(request: web.Request) -> web.Response:
        peer = request.transport.get_extra_info("peername") if request.transport else None
        if peer:
            ports.add(int(peer[1]))
        body = await request.read()
        return web.json_response({"number": request.headers["X-Number"], "body": body.decode()})

    async for url in _serve(handle):
        yield url, ports


async def test_every_request_arrives_whole_and_every_answer_is_read(echo: tuple[str, set[int]]) -> None:
    url, ports = echo
    seen: dict[int, tuple[int, str, bytes]] = {}

    def answered(index: int, status: int, content_type: str, body: bytes, at: float) -> None:
        seen[index] = (status, content_type, body)

    async with StormClient(Target.of(url), 8, timeout=10) as client:
        assert await client.warm(_requests(url, 8)) == [200] * 8
        results = await client.storm(_requests(url, 100), answered)
    assert [r.index for r in results] == list(range(100))
    assert all(r.status == 200 and r.answered_at is not None and r.answered_at >= r.sent_at for r in results)
    assert seen[42] == (200, "application/json", b'{"number": "42", "body": "{\\"n\\":42}"}')
    assert len(seen) == 100
    assert len(ports) == 8  # kept alive: the eight warmed connections carried everything


async def test_a_connection_the_server_closes_is_opened_again() -> None:
    async def handle(request: web.Request) -> web.Response:
        await request.read()
        return web.Response(text="bye", headers={"Connection": "close"})

    async for url in _serve(handle):
        async with StormClient(Target.of(url), 2, timeout=10) as client:
            results = await client.storm(_requests(url, 10))
        assert [r.status for r in results] == [200] * 10


async def test_a_chunked_answer_is_read_to_its_end() -> None:
    async def handle(request: web.Request) -> web.StreamResponse:
        await request.read()
        response = web.StreamResponse()
        response.enable_chunked_encoding()
        response.content_type = "application/json"
        await response.prepare(request)
        await response.write(b'{"part":')
        await response.write(b"1}")
        await response.write_eof()
        return response

    bodies: list[bytes] = []
    async for url in _serve(handle):
        async with StormClient(Target.of(url), 1, timeout=10) as client:
            results = await client.storm(_requests(url, 3), lambda i, s, t, body, at: bodies.append(body))
        assert [r.status for r in results] == [200] * 3
    assert bodies == [b'{"part":1}'] * 3


async def test_an_answer_that_never_comes_leaves_the_click_unanswered() -> None:
    async def handle(request: web.Request) -> web.Response:
        await request.read()
        if request.headers["X-Number"] == "3":
            await asyncio.sleep(30)
        return web.Response(text="ok")

    async for url in _serve(handle):
        async with StormClient(Target.of(url), 2, timeout=0.5) as client:
            results = await client.storm(_requests(url, 8))
    unanswered = [r.index for r in results if r.answered_at is None]
    assert unanswered == [3]
    assert sum(r.status == 200 for r in results) == 7


def test_only_plain_http_urls_with_a_port_are_taken() -> None:
    with pytest.raises(ValueError, match="http://host:port/path"):
        Target.of("https://example.org/discord/interactions")
