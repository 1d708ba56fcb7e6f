"""Workday CXS: paged POST search, description and pay on a detail GET.

POST {base}/wday/cxs/{tenant}/{site}/jobs   {"appliedFacets": {}, "limit": 20,
                                              "offset": N, "searchText": ""}
GET  {base}/wday/cxs/{tenant}/{site}{externalPath}   -> jobPostingInfo
The board id is ``TENANT/SITE`` and each tenant has its own host (e.g.
https://disney.wd5.myworkdayjobs.com), so there is no default base URL.
List dates are relative ("Posted 3 Days Ago"), read against the fetch time.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from bot.jobs.boards.base import BoardContext, segment
from bot.jobs.boards.common import as_list, as_mapping, as_text, unique_texts, with_prose_pay
from bot.jobs.boards.json_boards import DetailedPagedJsonBoard
from bot.jobs.dates import parse_iso, parse_posted_ago
from bot.jobs.errors import BoardConfigError
from bot.jobs.fetch.http import FetchResponse
from bot.jobs.listing import Listing
from bot.jobs.text import html_to_text


def split_board(board: str) -> tuple[str, str]:
    """``"TENANT/SITE"`` -> ``("TENANT", "SITE")``."""
    tenant, slash, site = board.strip().partition("/")
    if not slash or not tenant or not site or "/" in site:
        raise BoardConfigError(f"workday board must be TENANT/SITE, not {board!r}")
    return tenant, site


class WorkdayClient(DetailedPagedJsonBoard):
    type_name = "workday"
    default_base_url: str | None = None
    list_key, total_key = "jobPostings", "total"
    default_page_size = 20  # Workday refuses larger pages.

    def cxs_url(self, ctx: BoardContext) -> str:
        tenant, site = split_board(ctx.spec.board)
        if not ctx.base_url:
            raise BoardConfigError(
                "workday needs the tenant's base URL, e.g. https://TENANT.wd5.myworkdayjobs.com"
            )
        return f"{ctx.base_url}/wday/cxs/{segment(tenant)}/{segment(site)}"

    def list_url(self, ctx: BoardContext) -> str:
        return f"{self.cxs_url(ctx)}/jobs"

    async def request_page(self, ctx: BoardContext, offset: int, size: int) -> FetchResponse:
        search = {"appliedFacets": {}, "limit": size, "offset": offset, "searchText": ""}
        return await ctx.fetcher.post_json(self.list_url(ctx), search)

    async def detail(self, ctx: BoardContext, listing: Listing) -> Listing:
        url = f"{self.cxs_url(ctx)}{listing.external_id}"
        document = as_mapping((await ctx.fetcher.get(url)).json())
        return with_detail(listing, as_mapping(document.get("jobPostingInfo")))

    def listing(self, ctx: BoardContext, posting: Mapping[str, Any]) -> Listing | None:
        path, title = as_text(posting.get("externalPath")), as_text(posting.get("title"))
        if not path.startswith("/") or not title:
            return None
        tenant, site = split_board(ctx.spec.board)
        location = as_text(posting.get("locationsText"))
        return Listing(
            source=ctx.spec.source_name,
            company=ctx.company or tenant,
            # The path is the one id every posting has; bulletFields vary by tenant.
            external_id=path,
            title=title,
            locations=(location,) if location else (),
            url=f"{ctx.base_url}/{segment(site)}{path}",
            posted_at=parse_posted_ago(posting.get("postedOn"), ctx.now),
        )


def with_detail(listing: Listing, info: Mapping[str, Any]) -> Listing:
    """The listing with its detail (``jobPostingInfo``): description, places and pay.

    Public so `picketbot jobs eval` reads labelled postings through the same code.
    """
    if not info:
        return listing
    locations = unique_texts([info.get("location"), *as_list(info.get("additionalLocations"))])
    detailed = replace(
        listing,
        description=html_to_text(as_text(info.get("jobDescription"))),
        url=as_text(info.get("externalUrl")) or listing.url,
        locations=locations or listing.locations,
        posted_at=parse_iso(info.get("startDate")) or listing.posted_at,
    )
    return with_prose_pay(detailed)
