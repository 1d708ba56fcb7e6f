"""The one HTTP client every board client goes through.

It is polite (names the bot, limits requests per host, honours Retry-After,
asks "anything new?" with ETag / Last-Modified) and defensive (total
timeout, capped body size, one-line errors). Each response carries the
sha256 of its body so a caller can skip parsing a board that has not changed.

It follows redirects itself (at most ``MAX_REDIRECTS``), so every hop is
checked against the source's address rule (``bot.jobs.sessions.Trail``):
with ``public_only`` (a source added in chat) no hop reaches a non-public
address.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from types import TracebackType
from typing import Any

import aiohttp
from yarl import URL

from bot.jobs.errors import (
    AddressRefused,
    BodyTooLarge,
    FetchConnectionError,
    FetchTimeout,
    HttpStatusError,
    MalformedResponse,
    NotModified,
    RedirectRefused,
    RetryLater,
)
from bot.jobs.fetch.addresses import AddressNotPublic
from bot.jobs.fetch.sessions import MAX_REDIRECTS, REDIRECT_STATUSES, Sessions, Trail, next_hop, peer_address
from commands.urls import redact_urls

USER_AGENT = "picketbot/0.1 (+https://github.com/picketbot/picketbot)"
DEFAULT_TIMEOUT = 20.0
DEFAULT_PER_HOST = 2
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
# A 429 without Retry-After still means "slow down"; a minute is the usual ask.
DEFAULT_RETRY_AFTER = 60.0
MAX_RETRY_AFTER = 24 * 3600.0
_CHUNK = 64 * 1024
_ACCEPT = "application/json, application/rss+xml, application/atom+xml, */*;q=0.5"


@dataclass(frozen=True)
class Validators:
    """What a server said about a URL's version, for the next conditional GET."""

    etag: str | None = None
    last_modified: str | None = None

    def headers(self) -> dict[str, str]:
        found: dict[str, str] = {}
        if self.etag:
            found["If-None-Match"] = self.etag
        if self.last_modified:
            found["If-Modified-Since"] = self.last_modified
        return found


@dataclass(frozen=True)
class FetchResponse:
    url: str
    status: int
    body: bytes
    sha256: str
    content_type: str

    def json(self) -> Any:
        """The body as JSON, or ``MalformedResponse`` saying why not."""
        return decode_json(self.body, self.url)

    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")


def decode_json(body: bytes, url: str) -> Any:
    """``body`` as JSON, or ``MalformedResponse`` with a one-line reason."""
    try:
        return json.loads(body)
    except (ValueError, RecursionError) as error:
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        raise MalformedResponse(url, f"malformed JSON: {reason[:120]}") from None


def body_hash(body: bytes) -> str:
    return hashlib.sha256(body).hexdigest()


def parse_retry_after(value: str | None, now: datetime | None = None) -> float:
    """Seconds to wait from a Retry-After header (seconds or an HTTP date)."""
    if not value:
        return DEFAULT_RETRY_AFTER
    value = value.strip()
    if value.isdigit():
        return min(float(value[:9]), MAX_RETRY_AFTER)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return DEFAULT_RETRY_AFTER
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    seconds = (when - (now or datetime.now(UTC))).total_seconds()
    return min(max(seconds, 0.0), MAX_RETRY_AFTER)


class HttpFetcher:
    """GET and POST over shared ``Sessions``.

    Pass sessions to share them with the rest of the bot (they are then not
    closed here), or let the fetcher make and own them. Use as an async
    context manager or call ``close()``. ``public_only`` is for sources added
    in chat: every request and redirect must reach a public address.
    """

    def __init__(
        self,
        sessions: Sessions | None = None,
        *,
        public_only: bool = False,
        timeout: float = DEFAULT_TIMEOUT,
        per_host_limit: int = DEFAULT_PER_HOST,
        max_bytes: int = DEFAULT_MAX_BYTES,
        user_agent: str = USER_AGENT,
        validators: Mapping[str, Validators] | None = None,
    ) -> None:
        if per_host_limit < 1 or max_bytes < 1 or timeout <= 0:
            raise ValueError("timeout, per_host_limit and max_bytes must be positive")
        self._sessions = sessions or Sessions()
        self._owns_sessions = sessions is None
        self.public_only = public_only
        self.timeout = timeout
        self.per_host_limit = per_host_limit
        self.max_bytes = max_bytes
        self.user_agent = user_agent
        self._validators: dict[str, Validators] = dict(validators or {})
        self._host_limits: dict[str, asyncio.Semaphore] = {}

    async def __aenter__(self) -> HttpFetcher:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.close()

    async def close(self) -> None:
        if self._owns_sessions:
            await self._sessions.close()

    @property
    def validators(self) -> dict[str, Validators]:
        """ETag / Last-Modified per URL, for a caller that wants to persist them."""
        return dict(self._validators)

    def forget(self, url: str) -> None:
        """Drop what was remembered for ``url``: its next GET is unconditional."""
        self._validators.pop(url, None)

    async def get(
        self,
        url: str,
        *,
        params: Mapping[str, str | int] | None = None,
        conditional: bool = False,
    ) -> FetchResponse:
        """GET ``url``. With ``conditional``, raises ``NotModified`` on a 304."""
        full = _with_params(url, params)
        remembered = self._validators.get(full) if conditional else None
        headers = remembered.headers() if remembered else {}
        return await self._request("GET", full, headers=headers)

    async def post_json(
        self, url: str, payload: Any, *, params: Mapping[str, str | int] | None = None
    ) -> FetchResponse:
        full = _with_params(url, params)
        return await self._request("POST", full, headers={}, payload=payload)

    async def get_json(self, url: str, *, params: Mapping[str, str | int] | None = None) -> Any:
        return (await self.get(url, params=params)).json()

    def _host_limit(self, url: str) -> asyncio.Semaphore:
        parsed = URL(url)
        key = f"{parsed.host}:{parsed.port}"
        limit = self._host_limits.get(key)
        if limit is None:
            limit = self._host_limits[key] = asyncio.Semaphore(self.per_host_limit)
        return limit

    async def _request(
        self, method: str, url: str, *, headers: dict[str, str], payload: Any = None
    ) -> FetchResponse:
        headers = {"User-Agent": self.user_agent, "Accept": _ACCEPT, **headers}
        async with self._host_limit(url):
            try:
                async with asyncio.timeout(self.timeout):
                    return await self._follow(method, url, headers, payload)
            except TimeoutError:
                raise FetchTimeout(url, self.timeout) from None
            except aiohttp.ClientConnectorError as error:
                if isinstance(error.os_error, AddressNotPublic):
                    reason = f"address not allowed: {error.os_error.host} has no public address"
                    raise AddressRefused(url, reason) from None
                raise FetchConnectionError(url, f"connection failed: {_reason(error)}") from None
            except aiohttp.ClientError as error:
                raise FetchConnectionError(url, f"connection failed: {_reason(error)}") from None

    async def _follow(self, method: str, url: str, headers: dict[str, str], payload: Any) -> FetchResponse:
        """The request, then each redirect, every hop checked before it is sent."""
        trail = Trail(self.public_only, url)
        target = URL(url, encoded=True)
        for _ in range(MAX_REDIRECTS + 1):
            session = self._sessions.session(public_only=trail.check(target))
            async with session.request(
                method, target, headers=headers, json=payload, allow_redirects=False
            ) as response:
                trail.arrived(target, peer_address(response))
                location = response.headers.get("Location")
                if response.status not in REDIRECT_STATUSES or location is None:
                    return await self._answer(method, url, response)
                target = next_hop(trail, target, location)
                if response.status == 303 or (response.status in (301, 302) and method == "POST"):
                    method, payload = "GET", None  # what browsers do; 307/308 keep both
        raise RedirectRefused(url, f"more than {MAX_REDIRECTS} redirects")

    async def _answer(self, method: str, url: str, response: aiohttp.ClientResponse) -> FetchResponse:
        _raise_for_status(url, response)
        body = await self._read_capped(url, response)
        if method == "GET":
            self._remember(url, response)
        return FetchResponse(
            url=url,
            status=response.status,
            body=body,
            sha256=body_hash(body),
            content_type=response.content_type,
        )

    async def _read_capped(self, url: str, response: aiohttp.ClientResponse) -> bytes:
        declared = response.content_length
        if declared is not None and declared > self.max_bytes:
            raise BodyTooLarge(url, self.max_bytes)
        chunks: list[bytes] = []
        size = 0
        async for chunk in response.content.iter_chunked(_CHUNK):
            size += len(chunk)
            if size > self.max_bytes:
                raise BodyTooLarge(url, self.max_bytes)
            chunks.append(chunk)
        return b"".join(chunks)

    def _remember(self, url: str, response: aiohttp.ClientResponse) -> None:
        etag = response.headers.get("ETag")
        last_modified = response.headers.get("Last-Modified")
        if etag or last_modified:
            self._validators[url] = Validators(etag, last_modified)


def _reason(error: aiohttp.ClientError) -> str:
    return redact_urls(" ".join(str(error).split()))[:160] or type(error).__name__


def _with_params(url: str, params: Mapping[str, str | int] | None) -> str:
    if not params:
        return str(URL(url))
    return str(URL(url).update_query({key: str(value) for key, value in params.items()}))


def _raise_for_status(url: str, response: aiohttp.ClientResponse) -> None:
    status = response.status
    if status == 304:
        raise NotModified(url)
    retry_after = response.headers.get("Retry-After")
    if status == 429 or (status == 503 and retry_after):
        raise RetryLater(url, parse_retry_after(retry_after), status)
    if status >= 300:  # redirects are followed; one without a Location is a failure
        raise HttpStatusError(url, status)
