"""Eightfold SmartApply (Netflix's careers site): paged list, detail for text.

GET {base}/api/apply/v2/jobs?domain={domain}&start=N&num=10
GET {base}/api/apply/v2/jobs/{id}?domain={domain}   (job_description, HTML)
The server ignores ``num`` above 10. The board id is the ``domain``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from bot.jobs.boards.base import BoardContext, RawBoard, segment
from bot.jobs.boards.common import as_mapping, as_text, places, with_prose_pay
from bot.jobs.boards.json_boards import DetailedPagedJsonBoard
from bot.jobs.dates import from_epoch_seconds
from bot.jobs.listing import Listing
from bot.jobs.text import html_to_text


class EightfoldClient(DetailedPagedJsonBoard):
    type_name = "eightfold"
    default_base_url: str | None = "https://explore.jobs.netflix.net"
    list_key, total_key = "positions", "count"
    default_page_size = 10

    def list_url(self, ctx: BoardContext) -> str:
        return f"{ctx.base_url}/api/apply/v2/jobs"

    def page_params(self, ctx: BoardContext, offset: int, size: int) -> Mapping[str, str | int]:
        return {"domain": ctx.spec.board, "start": offset, "num": size}

    def parse(self, ctx: BoardContext, raw: RawBoard) -> list[Listing]:
        # The company's name is on the first page (its branding), not on each position.
        first = as_mapping(raw.pages[0]) if raw.pages else {}
        named = ctx.company or as_text(as_mapping(first.get("branding")).get("companyName"))
        return super().parse(replace(ctx, spec=replace(ctx.spec, company=named or None)), raw)

    async def detail(self, ctx: BoardContext, listing: Listing) -> Listing:
        url = f"{self.list_url(ctx)}/{segment(listing.external_id)}"
        response = await ctx.fetcher.get(url, params={"domain": ctx.spec.board})
        return _with_detail(listing, as_mapping(response.json()))

    def listing(self, ctx: BoardContext, position: Mapping[str, Any]) -> Listing | None:
        external_id = as_text(position.get("id"))
        title = as_text(position.get("posting_name")) or as_text(position.get("name"))
        if not external_id or not title:
            return None
        url = as_text(position.get("canonicalPositionUrl"))
        listing = Listing(
            source=ctx.spec.source_name,
            company=ctx.company or ctx.spec.board,
            external_id=external_id,
            title=title,
            locations=places(position.get("locations"), position.get("location")),
            url=url or f"{ctx.base_url}/careers/job/{segment(external_id)}",
            posted_at=from_epoch_seconds(position.get("t_create")),
            description=html_to_text(as_text(position.get("job_description"))),
            # Changes when the posting is edited: its detail (and pay) is read again then.
            updated_at=as_text(position.get("t_update")) or None,
        )
        return with_prose_pay(listing)


def _with_detail(listing: Listing, position: Mapping[str, Any]) -> Listing:
    description = html_to_text(as_text(position.get("job_description")))
    if not description:
        return listing
    return with_prose_pay(replace(listing, description=description))
