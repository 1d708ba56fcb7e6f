"""What every board client shares: the fetch context, raw pages, the protocol."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any, Protocol
from urllib.parse import quote

from bot.jobs.boards.common import dedupe
from bot.jobs.errors import FetchError, RetryLater
from bot.jobs.fetch.http import HttpFetcher
from bot.jobs.listing import Listing
from bot.jobs.source import SourceSpec

#: The detail "last read" of a listing never read: before any other, so new listings come first.
NEVER_READ = datetime.min.replace(tzinfo=UTC)


@dataclass
class BoardContext:
    """One fetch of one source: the spec, the fetcher and the detail budget."""

    spec: SourceSpec
    fetcher: HttpFetcher
    base_url: str
    now: datetime
    #: When a listing's detail was last read (`NEVER_READ` if never), or None when it needs no reading now.
    detail_due: Callable[[Listing], datetime | None] = lambda listing: NEVER_READ
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


async def enrich(
    ctx: BoardContext,
    listings: list[Listing],
    fetch_detail: Callable[[Listing], Awaitable[Listing]],
) -> list[Listing]:
    """Replace the listings ``ctx`` wants details for with their detailed form.

    At most ``spec.max_details`` calls, the longest unread first (new
    listings, then the stalest). A failed detail call leaves that listing as
    the list gave it; a RetryLater is remembered in the context.
    """
    due = [(ctx.detail_due(listing), index) for index, listing in enumerate(listings)]
    ranked = sorted((when, index) for when, index in due if when is not None)
    chosen = sorted(index for _, index in ranked[: ctx.spec.max_details])
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
        return replace(await fetch_detail(listing), detail_read=True)
    except RetryLater as error:
        ctx.retry_after = max(ctx.retry_after or 0.0, error.seconds)
    except FetchError:
        ctx.detail_errors += 1
    return listing


async def fetch_whole(ctx: BoardContext, url: str, params: Mapping[str, str] | None = None) -> RawBoard:
    """A board served in one response, asked for with a conditional GET.

    The body is kept as bytes: an unchanged board (same hash) is never decoded.
    """
    response = await ctx.fetcher.get(url, params=params, conditional=True)
    return RawBoard([response.body], response.sha256, conditional_urls=(response.url,))


def listings_from(
    jobs: Iterable[Mapping[str, Any]], listing: Callable[[Mapping[str, Any]], Listing | None]
) -> list[Listing]:
    """Each job as a listing: those without an id or title dropped, the first per id kept."""
    return dedupe(filter(None, map(listing, jobs)))
