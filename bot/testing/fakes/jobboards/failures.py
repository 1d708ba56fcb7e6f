"""How a fake job board misbehaves when told to (`JobBoardServer.fail`)."""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass
from typing import Literal

from aiohttp import web

FailureMode = Literal[
    "status", "hang", "malformed", "retry_after", "huge", "huge_declared", "trickle", "cutoff"
]

HUGE_BODY_BYTES = 20 * 1024 * 1024
#: A trickling board sends the start of a listing a byte at a time, this far apart,
#: for at most TRICKLE_BYTES bytes (12 s in all): far past any client timeout in the tests.
TRICKLE_SECONDS = 0.2
TRICKLE_BODY = b'{"jobs": [{"id": 1, "title": "Machine Learning Engineer", "absolute_url": "'
TRICKLE_BYTES = 60
#: A cut-off answer promises this many bytes and hangs up after the first few.
CUTOFF_PROMISED = 100_000
# A hanging route gives up on its own after this long, so a test that forgot
# a client timeout still ends.
HANG_LIMIT_SECONDS = 30.0


@dataclass
class Failure:
    method: str
    path: str
    mode: FailureMode
    status: int
    retry_after: str | None
    times: int | None


async def misbehave(request: web.Request, failure: Failure, release: asyncio.Event) -> web.StreamResponse:
    """The answer ``failure`` gives; a hang lasts until ``release`` is set (or the limit)."""
    if failure.mode == "status":
        return web.json_response({"error": "failure on purpose"}, status=failure.status)
    if failure.mode == "retry_after":
        headers = {"Retry-After": failure.retry_after} if failure.retry_after else {}
        return web.json_response({"error": "slow down"}, status=failure.status, headers=headers)
    if failure.mode == "malformed":
        return web.Response(
            body=b'{"jobs": [{"id": 1, "title": "cut off', status=200, content_type="application/json"
        )
    if failure.mode == "trickle":
        return await _trickle(request)
    if failure.mode == "cutoff":
        return await _cut_off(request)
    if failure.mode == "hang":
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(release.wait(), HANG_LIMIT_SECONDS)
        return web.json_response({"jobs": []})
    return await _stream_huge(request, declared=failure.mode == "huge_declared")


async def _trickle(request: web.Request) -> web.StreamResponse:
    response = web.StreamResponse(headers={"Content-Type": "application/json"})
    await response.prepare(request)
    try:
        for byte in TRICKLE_BODY[:TRICKLE_BYTES]:
            await response.write(bytes([byte]))
            await asyncio.sleep(TRICKLE_SECONDS)
    except (ConnectionError, RuntimeError):
        pass  # the client gave up and hung up, as it should
    return response


async def _cut_off(request: web.Request) -> web.StreamResponse:
    headers = {"Content-Type": "application/json", "Content-Length": str(CUTOFF_PROMISED)}
    response = web.StreamResponse(headers=headers)
    await response.prepare(request)
    await response.write(b'{"jobs": [{"id": 1, "title": "Mach')
    if request.transport is not None:
        request.transport.close()  # hang up mid-body
    return response


async def _stream_huge(request: web.Request, *, declared: bool) -> web.StreamResponse:
    response = web.StreamResponse(headers={"Content-Type": "application/json"})
    if declared:
        response.content_length = HUGE_BODY_BYTES
    await response.prepare(request)
    chunk = b"[" + b"1," * (64 * 1024 // 2 - 1)
    sent = 0
    try:
        while sent < HUGE_BODY_BYTES:
            await response.write(chunk)
            sent += len(chunk)
    except (ConnectionError, RuntimeError):
        pass  # the client stopped reading, as it should
    return response
