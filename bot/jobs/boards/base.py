"""What every board client shares: the fetch context, raw pages, the protocol."""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol
from urllib.parse import quote

from bot.jobs.boards.common import as_list, as_mapping, require_list
from bot.jobs.errors import FetchError, RetryLater
from bot.jobs.fetch.http import FetchResponse, HttpFetcher
from bot.jobs.listing import Listing
from bot.jobs.source import SourceSpec


@dataclass
class BoardContext:
    """One fetch of one source: the spec, the fetcher and the detail budget."""

    spec: SourceSpec
    fetcher: HttpFetcher
    base_url: str
    now: datetime
    wants_detail: Callable[[Listing], bool] = lambda listing: True
    detail_calls: int = 0
    detail_errors: int = 0
    retry_after: float | None = None

    @property
    def company(self) -> str | None:
        return self.spec.company

    def page_size(self, default: int) -> int:
        return self.spec.page_size or default


@dataclass(frozen=True)
class RawBoard:
    """The decoded list documents of one fetch and the hash of their bodies."""

    pages: Sequence[Any]
    body_hash: str
    truncated: bool = False
    # URLs fetched with a conditional GET: forgotten again if parsing fails,
    # so a 304 never hides a board we could not read.
    conditional_urls: tuple[str, ...] = ()


class BoardClient(Protocol):
    """One board type. ``fetch_raw`` does the list requests, ``parse`` turns
    them into listings without any I/O, ``add_details`` makes the per-listing
    calls a board needs for descriptions and pay (a no-op for most).
    """

    type_name: str
    default_base_url: str | None

    async def fetch_raw(self, ctx: BoardContext) -> RawBoard: ...

    def parse(self, ctx: BoardContext, raw: RawBoard) -> list[Listing]: ...

    async def add_details(self, ctx: BoardContext, listings: list[Listing]) -> list[Listing]: ...


def segment(value: str) -> str:
    """``value`` safe to put in one URL path segment."""
    return quote(value.strip(), safe="")


def combined_hash(responses: Sequence[FetchResponse]) -> str:
    """One hash for a board served over several pages."""
    if len(responses) == 1:
        return responses[0].sha256
    digest = hashlib.sha256()
    for response in responses:
        digest.update(response.sha256.encode("ascii"))
    return digest.hexdigest()


async def enrich(
    ctx: BoardContext,
    listings: list[Listing],
    fetch_detail: Callable[[Listing], Awaitable[Listing]],
) -> list[Listing]:
    """Replace the listings ``ctx`` wants details for with their detailed form.

    At most ``spec.max_details`` calls. A failed detail call leaves that
    listing as the list gave it; a RetryLater is remembered in the context.
    """
    chosen = [index for index, listing in enumerate(listings) if ctx.wants_detail(listing)]
    chosen = chosen[: ctx.spec.max_details]
    enriched = list(listings)
    # Small batches (as many as the fetcher lets run per host), so a RetryLater
    # stops the calls that have not started yet.
    batch_size = ctx.fetcher.per_host_limit
    for batch_start in range(0, len(chosen), batch_size):
        if ctx.retry_after is not None:
            break
        batch = chosen[batch_start : batch_start + batch_size]
        results = await asyncio.gather(*(_one_detail(ctx, listings[index], fetch_detail) for index in batch))
        for index, result in zip(batch, results, strict=True):
            enriched[index] = result
    return enriched


async def _one_detail(
    ctx: BoardContext, listing: Listing, fetch_detail: Callable[[Listing], Awaitable[Listing]]
) -> Listing:
    ctx.detail_calls += 1
    try:
        return await fetch_detail(listing)
    except RetryLater as error:
        ctx.retry_after = max(ctx.retry_after or 0.0, error.seconds)
    except FetchError:
        ctx.detail_errors += 1
    return listing


PageRequest = Callable[[int], Awaitable[FetchResponse]]


async def collect_pages(
    ctx: BoardContext,
    request: PageRequest,
    *,
    list_key: str,
    total_key: str,
    url: str,
    page_size: int,
) -> RawBoard:
    """Page through a list endpoint by offset until the board's total is reached.

    Each page is an object with its jobs under `list_key` and the board's
    total under `total_key`; `url` names the endpoint in errors.

    The total is read from the first page only (Workday reports it there and
    nowhere else). With no total, a short page ends the walk. At most
    ``spec.max_pages`` requests; stopping early marks the board truncated.
    """
    responses: list[FetchResponse] = []
    pages: list[Any] = []
    offset, total = 0, None
    for _ in range(ctx.spec.max_pages):
        response = await request(offset)
        document = response.json()
        items = require_list(document, list_key, url)
        responses.append(response)
        pages.append(document)
        if total is None:
            total = int_or_none(as_mapping(document).get(total_key))
        offset += len(items)
        if _last_page(len(items), offset, total, page_size):
            return RawBoard(pages, combined_hash(responses))
    return RawBoard(pages, combined_hash(responses), truncated=True)


def _last_page(count: int, offset: int, total: int | None, page_size: int) -> bool:
    if count == 0:
        return True
    if total is not None:
        return offset >= total
    return count < page_size


def page_items(raw: RawBoard, list_key: str) -> list[Mapping[str, Any]]:
    """Every job object on every collected page, in order."""
    return [
        item
        for page in raw.pages
        for item in as_list(as_mapping(page).get(list_key))
        if isinstance(item, Mapping)
    ]


def int_or_none(value: object) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value
