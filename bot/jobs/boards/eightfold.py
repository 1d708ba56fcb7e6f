"""Eightfold SmartApply (Netflix's careers site): paged list, detail for text.

GET {base}/api/apply/v2/jobs?domain={domain}&start=N&num=10
GET {base}/api/apply/v2/jobs/{id}?domain={domain}   (job_description, HTML)
The server ignores ``num`` above 10. The board id is the ``domain``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from bot.jobs.boards.base import (
    BoardContext,
    RawBoard,
    collect_pages,
    enrich,
    page_items,
    segment,
)
from bot.jobs.boards.common import (
    as_list,
    as_mapping,
    as_text,
    dedupe,
    unique_texts,
    with_prose_pay,
)
from bot.jobs.dates import from_epoch_seconds
from bot.jobs.fetch.http import FetchResponse
from bot.jobs.listing import Listing
from bot.jobs.text import html_to_text

PAGE_SIZE = 10


class EightfoldClient:
    type_name = "eightfold"
    default_base_url: str | None = "https://explore.jobs.netflix.net"

    def list_url(self, ctx: BoardContext) -> str:
        return f"{ctx.base_url}/api/apply/v2/jobs"

    async def fetch_raw(self, ctx: BoardContext) -> RawBoard:
        size = ctx.page_size(PAGE_SIZE)

        async def page(start: int) -> FetchResponse:
            params: dict[str, str | int] = {"domain": ctx.spec.board, "start": start, "num": size}
            return await ctx.fetcher.get(self.list_url(ctx), params=params)

        return await collect_pages(
            ctx, page, list_key="positions", total_key="count", url=self.list_url(ctx), page_size=size
        )

    def parse(self, ctx: BoardContext, raw: RawBoard) -> list[Listing]:
        first = as_mapping(raw.pages[0]) if raw.pages else {}
        company = (
            ctx.company or as_text(as_mapping(first.get("branding")).get("companyName")) or ctx.spec.board
        )
        positions = page_items(raw, "positions")
        mapped = (self._listing(ctx, company, p) for p in positions)
        return dedupe(filter(None, mapped))

    async def add_details(self, ctx: BoardContext, listings: list[Listing]) -> list[Listing]:
        async def detail(listing: Listing) -> Listing:
            url = f"{self.list_url(ctx)}/{segment(listing.external_id)}"
            response = await ctx.fetcher.get(url, params={"domain": ctx.spec.board})
            return _with_detail(listing, as_mapping(response.json()))

        return await enrich(ctx, listings, detail)

    def _listing(self, ctx: BoardContext, company: str, position: Mapping[str, Any]) -> Listing | None:
        external_id = as_text(position.get("id"))
        title = as_text(position.get("posting_name")) or as_text(position.get("name"))
        if not external_id or not title:
            return None
        locations = unique_texts(as_list(position.get("locations"))) or unique_texts(
            [position.get("location")]
        )
        url = as_text(position.get("canonicalPositionUrl"))
        listing = Listing(
            source=ctx.spec.source_name,
            company=company,
            external_id=external_id,
            title=title,
            locations=locations,
            url=url or f"{ctx.base_url}/careers/job/{segment(external_id)}",
            posted_at=from_epoch_seconds(position.get("t_create")),
            description=html_to_text(as_text(position.get("job_description"))),
        )
        return with_prose_pay(listing)


def _with_detail(listing: Listing, position: Mapping[str, Any]) -> Listing:
    description = html_to_text(as_text(position.get("job_description")))
    if not description:
        return listing
    return with_prose_pay(replace(listing, description=description))
