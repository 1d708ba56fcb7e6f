"""SmartRecruiters Posting API: paged list, description on a detail call.

GET {base}/v1/companies/{company}/postings?offset=N&limit=100
GET {base}/v1/companies/{company}/postings/{id}   (jobAd sections, HTML)
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from bot.jobs.boards.base import BoardContext, segment
from bot.jobs.boards.common import as_mapping, as_text, with_prose_pay
from bot.jobs.boards.json_boards import DetailedPagedJsonBoard
from bot.jobs.dates import parse_iso
from bot.jobs.listing import Listing
from bot.jobs.text import html_to_text, normalize_space

PUBLIC_JOBS_HOST = "https://jobs.smartrecruiters.com"
_SECTIONS = ("jobDescription", "qualifications", "additionalInformation", "companyDescription")


class SmartRecruitersClient(DetailedPagedJsonBoard):
    type_name = "smartrecruiters"
    default_base_url: str | None = "https://api.smartrecruiters.com"
    list_key, total_key = "content", "totalFound"
    default_page_size = 100

    def list_url(self, ctx: BoardContext) -> str:
        return f"{ctx.base_url}/v1/companies/{segment(ctx.spec.board)}/postings"

    def page_params(self, ctx: BoardContext, offset: int, size: int) -> Mapping[str, str | int]:
        return {"offset": offset, "limit": size}

    async def detail(self, ctx: BoardContext, listing: Listing) -> Listing:
        url = f"{self.list_url(ctx)}/{segment(listing.external_id)}"
        return with_detail(listing, as_mapping((await ctx.fetcher.get(url)).json()))

    def listing(self, ctx: BoardContext, posting: Mapping[str, Any]) -> Listing | None:
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


def with_detail(listing: Listing, document: Mapping[str, Any]) -> Listing:
    """The listing with its detail document's sections as description, and their pay.

    Public so `picketbot jobs eval` reads labelled postings through the same code.
    """
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
