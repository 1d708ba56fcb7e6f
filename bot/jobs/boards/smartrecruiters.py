"""SmartRecruiters Posting API: paged list, description on a detail call.

GET {base}/v1/companies/{company}/postings?offset=N&limit=100
GET {base}/v1/companies/{company}/postings/{id}   (jobAd sections, HTML)
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
    as_mapping,
    as_text,
    dedupe,
    with_prose_pay,
)
from bot.jobs.dates import parse_iso
from bot.jobs.fetch.http import FetchResponse
from bot.jobs.listing import Listing
from bot.jobs.text import html_to_text, normalize_space

PAGE_SIZE = 100
PUBLIC_JOBS_HOST = "https://jobs.smartrecruiters.com"
_SECTIONS = ("jobDescription", "qualifications", "additionalInformation", "companyDescription")


class SmartRecruitersClient:
    type_name = "smartrecruiters"
    default_base_url: str | None = "https://api.smartrecruiters.com"

    def list_url(self, ctx: BoardContext) -> str:
        return f"{ctx.base_url}/v1/companies/{segment(ctx.spec.board)}/postings"

    async def fetch_raw(self, ctx: BoardContext) -> RawBoard:
        size = ctx.page_size(PAGE_SIZE)

        async def page(offset: int) -> FetchResponse:
            params: dict[str, str | int] = {"offset": offset, "limit": size}
            return await ctx.fetcher.get(self.list_url(ctx), params=params)

        return await collect_pages(
            ctx, page, list_key="content", total_key="totalFound", url=self.list_url(ctx), page_size=size
        )

    def parse(self, ctx: BoardContext, raw: RawBoard) -> list[Listing]:
        postings = page_items(raw, "content")
        mapped = (self._listing(ctx, p) for p in postings)
        return dedupe(filter(None, mapped))

    async def add_details(self, ctx: BoardContext, listings: list[Listing]) -> list[Listing]:
        async def detail(listing: Listing) -> Listing:
            url = f"{self.list_url(ctx)}/{segment(listing.external_id)}"
            document = as_mapping((await ctx.fetcher.get(url)).json())
            return _with_detail(listing, document)

        return await enrich(ctx, listings, detail)

    def _listing(self, ctx: BoardContext, posting: Mapping[str, Any]) -> Listing | None:
        external_id, title = as_text(posting.get("id")), as_text(posting.get("name"))
        if not external_id or not title:
            return None
        company = as_mapping(posting.get("company"))
        company_id = as_text(company.get("identifier")) or ctx.spec.board
        location = _location(as_mapping(posting.get("location")))
        return Listing(
            source=ctx.spec.source_name,
            company=ctx.company or as_text(company.get("name")) or ctx.spec.board,
            external_id=external_id,
            title=title,
            locations=(location,) if location else (),
            url=f"{PUBLIC_JOBS_HOST}/{segment(company_id)}/{segment(external_id)}",
            posted_at=parse_iso(posting.get("releasedDate")),
        )


def _location(location: Mapping[str, Any]) -> str:
    full = as_text(location.get("fullLocation"))
    if full:
        return full
    parts = (as_text(location.get(key)) for key in ("city", "region", "country"))
    return ", ".join(part for part in parts if part)


def _with_detail(listing: Listing, document: Mapping[str, Any]) -> Listing:
    sections = as_mapping(as_mapping(document.get("jobAd")).get("sections"))
    texts: list[str] = []
    for key in _SECTIONS:
        section = as_mapping(sections.get(key))
        body = html_to_text(as_text(section.get("text")))
        if body:
            texts.extend((as_text(section.get("title")), body))
    description = normalize_space("\n\n".join(text for text in texts if text))
    url = as_text(document.get("postingUrl")) or listing.url
    return with_prose_pay(replace(listing, description=description, url=url))
