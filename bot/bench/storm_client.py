"""The Discord storm's sender: pre-rendered HTTP/1.1 requests over kept-alive connections.

The storm measures how fast the bot answers, so the sender must cost little.
aiohttp's client spends a few hundred microseconds of CPU on each request
(and signing a click another hundred): with 2,000 clicks that is most of a
second of the bench process's own time, and the last clicks waited for the
sender, not the bot. Here every request is signed and rendered to bytes
before the storm, the connections are opened (and each has answered one
request) before the first click, and each connection writes one click, reads
its answer with just enough parsing to find its end (status line,
``Content-Length`` or chunks) and takes the next click: no pipelining, as
Discord sends each interaction as a request of its own.

Times are `time.perf_counter` when a request is written and when the last
byte of its answer is read. A connection the server closes is opened again
for the next click; a click whose answer does not come (connection lost,
timeout) has no answer time.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from types import TracebackType
from urllib.parse import urlsplit

#: A connection whose answer is this malformed is dropped (and the click counted unanswered).
ANSWER_ERRORS = (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, TimeoutError, ValueError)
#: Connections opened at once while setting up: more would overflow the server's accept queue.
OPEN_AT_ONCE = 50

#: Called as each answer is read: (request index, status, content type, body, read at).
OnAnswer = Callable[[int, int, str, bytes, float], None]


@dataclass(frozen=True, slots=True)
class Sent:
    """One request's fate: when it was written and, if it came, when its answer was read."""

    index: int
    sent_at: float
    answered_at: float | None
    status: int = 0


@dataclass(frozen=True, slots=True)
class Target:
    host: str
    port: int
    path: str

    @classmethod
    def of(cls, url: str) -> Target:
        parts = urlsplit(url)
        if parts.scheme != "http" or parts.hostname is None or parts.port is None:
            raise ValueError(f"the storm client needs http://host:port/path, not {url!r}")
        return cls(parts.hostname, parts.port, parts.path or "/")


def render_post(target: Target, body: bytes, headers: Mapping[str, str]) -> bytes:
    """`body` POSTed to `target` with `headers`, as the bytes an HTTP/1.1 client writes."""
    lines = [
        f"POST {target.path} HTTP/1.1",
        f"Host: {target.host}:{target.port}",
        f"Content-Length: {len(body)}",
    ]
    lines += [f"{name}: {value}" for name, value in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


class StormClient:
    """`connections` kept-alive connections to `target`, opened on entering."""

    def __init__(self, target: Target, connections: int, *, timeout: float) -> None:
        if connections < 1:
            raise ValueError("the storm client needs at least one connection")
        self.target = target
        self.timeout = timeout
        self._wanted = connections
        self._connections: list[_Connection] = []

    async def __aenter__(self) -> StormClient:
        for start in range(0, self._wanted, OPEN_AT_ONCE):
            batch = range(start, min(start + OPEN_AT_ONCE, self._wanted))
            self._connections += await asyncio.gather(*(self._open() for _ in batch))
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        for connection in self._connections:
            connection.close()
        self._connections.clear()

    async def warm(self, requests: Sequence[bytes]) -> list[int]:
        """One request on each connection (as many as there are), all at once; their statuses.
        A connection is only surely accepted by the server once it has answered."""
        if len(requests) < len(self._connections):
            raise ValueError("warming needs one request per connection")
        sent = await asyncio.gather(*(self._one(c, i, requests[i]) for i, c in enumerate(self._connections)))
        return [s.status for s in sent]

    async def storm(self, requests: Sequence[bytes], on_answer: OnAnswer | None = None) -> list[Sent]:
        """Every request, all at once: each connection takes the next one as soon as it is free.
        In the order of `requests`."""
        queue = iter(range(len(requests)))
        results: list[Sent | None] = [None] * len(requests)
        await asyncio.gather(
            *(self._drain(c, queue, requests, results, on_answer) for c in self._connections)
        )
        return [r for r in results if r is not None]

    async def _drain(
        self,
        connection: _Connection,
        queue: Iterator[int],
        requests: Sequence[bytes],
        results: list[Sent | None],
        on_answer: OnAnswer | None,
    ) -> None:
        for index in queue:
            results[index] = await self._one(connection, index, requests[index], on_answer)

    async def _one(
        self, connection: _Connection, index: int, request: bytes, on_answer: OnAnswer | None = None
    ) -> Sent:
        if connection.closed:
            with contextlib.suppress(OSError):
                await connection.reopen(self.target)
        sent_at = time.perf_counter()
        try:
            async with asyncio.timeout(self.timeout):
                connection.writer.write(request)
                status, content_type, body, keep = await read_answer(connection.reader)
        except ANSWER_ERRORS:
            connection.close()
            return Sent(index, sent_at, None)
        answered_at = time.perf_counter()
        if not keep:
            connection.close()
        if on_answer is not None:
            on_answer(index, status, content_type, body, answered_at)
        return Sent(index, sent_at, answered_at, status)

    async def _open(self) -> _Connection:
        connection = _Connection()
        await connection.reopen(self.target)
        return connection


class _Connection:
    reader: asyncio.StreamReader
    writer: asyncio.StreamWriter
    closed = True

    async def reopen(self, target: Target) -> None:
        self.reader, self.writer = await asyncio.open_connection(target.host, target.port)
        self.closed = False

    def close(self) -> None:
        if not self.closed:
            self.closed = True
            self.writer.close()


async def read_answer(reader: asyncio.StreamReader) -> tuple[int, str, bytes, bool]:
    """One HTTP/1.1 response: status, content type (without parameters), body, and whether the
    connection stays open."""
    head = await reader.readuntil(b"\r\n\r\n")
    status_line, *header_lines = head[:-4].split(b"\r\n")
    if not status_line.startswith(b"HTTP/1.") or len(status_line) < 12:
        raise ValueError("not an HTTP/1.x response")
    status = int(status_line[9:12])
    headers: dict[bytes, bytes] = {}
    for line in header_lines:
        name, _, value = line.partition(b":")
        headers[name.strip().lower()] = value.strip()
    if headers.get(b"transfer-encoding", b"").lower() == b"chunked":
        body = await _chunks(reader)
    else:
        body = await reader.readexactly(int(headers.get(b"content-length", b"0")))
    content_type = headers.get(b"content-type", b"").split(b";")[0].strip().decode("latin-1")
    keep = headers.get(b"connection", b"").lower() != b"close" and status_line.startswith(b"HTTP/1.1")
    return status, content_type, body, keep


async def _chunks(reader: asyncio.StreamReader) -> bytes:
    parts = []
    while size := int((await reader.readuntil(b"\r\n")).split(b";")[0], 16):
        parts.append(await reader.readexactly(size))
        await reader.readexactly(2)
    await reader.readuntil(b"\r\n")  # no trailers are sent to us: the blank line that ends them
    return b"".join(parts)
