"""The two shapes of JSON job board, so each board states only what differs.

A single-page board (Greenhouse, Lever, Ashby) serves every job in one
document: a board names its list URL, the query it needs, where the list of
jobs is, and how a job becomes a `Listing`.

A paged board (SmartRecruiters, Workday, Eightfold, amazon.jobs) serves its
jobs a page at a time, by offset, with the board's total on the first page:
a board names how to ask for a page, the key of the list and of the total,
and how a job becomes a `Listing`. Boards whose list lacks descriptions and
pay (`DetailedPagedJsonBoard`) also say how to fetch one listing's detail.
"""

from __future__ import annotations

import hashlib
from abc import ABC, abstractmethod
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any, ClassVar

from bot.jobs.boards.base import BoardContext, RawBoard, enrich, fetch_whole, listings_from
from bot.jobs.boards.common import as_list, as_mapping, require_list
from bot.jobs.fetch.http import FetchResponse, decode_json
from bot.jobs.listing import Listing


class SinglePageJsonBoard(ABC):
    """Every job of a board in one JSON response, fetched with a conditional GET."""

    type_name: str
    default_base_url: str | None
    #: The query the list URL needs.
    params: ClassVar[Mapping[str, str]] = {}
    #: Where the list of jobs is in the document; None: the document is the list.
    list_key: ClassVar[str | None] = "jobs"

    @abstractmethod
    def list_url(self, ctx: BoardContext) -> str: ...

    @abstractmethod
    def listing(self, ctx: BoardContext, job: Mapping[str, Any]) -> Listing | None:
        """The job as a listing; None when it has no id or title."""

    def listed(self, job: Mapping[str, Any]) -> bool:
        """Whether the board shows this job publicly (all do, unless a board says otherwise)."""
        return True

    async def fetch_raw(self, ctx: BoardContext) -> RawBoard:
        return await fetch_whole(ctx, self.list_url(ctx), params=self.params)

    def parse(self, ctx: BoardContext, raw: RawBoard) -> list[Listing]:
        url = self.list_url(ctx)
        jobs = require_list(decode_json(raw.pages[0], url), self.list_key, url)
        return listings_from((job for job in jobs if self.listed(job)), lambda job: self.listing(ctx, job))

    async def add_details(self, ctx: BoardContext, listings: list[Listing]) -> list[Listing]:
        return listings


class PagedJsonBoard(ABC):
    """A board's jobs a page at a time, by offset, until the board's total is reached."""

    type_name: str
    default_base_url: str | None
    #: Where each page keeps its jobs, and the board's total (read from the first page).
    list_key: ClassVar[str]
    total_key: ClassVar[str]
    #: Jobs asked for per page unless the source sets ``page_size``.
    default_page_size: ClassVar[int]

    @abstractmethod
    def list_url(self, ctx: BoardContext) -> str: ...

    @abstractmethod
    def listing(self, ctx: BoardContext, job: Mapping[str, Any]) -> Listing | None:
        """The job as a listing; None when it has no id or title."""

    def page_params(self, ctx: BoardContext, offset: int, size: int) -> Mapping[str, str | int]:
        """The query of one page's GET (boards that page another way override `request_page`)."""
        raise NotImplementedError

    async def request_page(self, ctx: BoardContext, offset: int, size: int) -> FetchResponse:
        return await ctx.fetcher.get(self.list_url(ctx), params=self.page_params(ctx, offset, size))

    async def fetch_raw(self, ctx: BoardContext) -> RawBoard:
        size = ctx.page_size(self.default_page_size)

        async def page(offset: int) -> FetchResponse:
            return await self.request_page(ctx, offset, size)

        return await collect_pages(
            ctx,
            page,
            list_key=self.list_key,
            total_key=self.total_key,
            url=self.list_url(ctx),
            page_size=size,
        )

    def parse(self, ctx: BoardContext, raw: RawBoard) -> list[Listing]:
        return listings_from(page_items(raw, self.list_key), lambda job: self.listing(ctx, job))

    async def add_details(self, ctx: BoardContext, listings: list[Listing]) -> list[Listing]:
        return listings


class DetailedPagedJsonBoard(PagedJsonBoard):
    """A paged board whose list lacks descriptions and pay: one detail call a listing.

    At most ``spec.max_details`` calls, only for the listings the context
    wants (see `enrich`).
    """

    @abstractmethod
    async def detail(self, ctx: BoardContext, listing: Listing) -> Listing:
        """The listing with what its detail call adds."""

    async def add_details(self, ctx: BoardContext, listings: list[Listing]) -> list[Listing]:
        return await enrich(ctx, listings, lambda listing: self.detail(ctx, listing))


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


def combined_hash(responses: Sequence[FetchResponse]) -> str:
    """One hash for a board served over several pages."""
    if len(responses) == 1:
        return responses[0].sha256
    digest = hashlib.sha256()
    for response in responses:
        digest.update(response.sha256.encode("ascii"))
    return digest.hexdigest()


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
