"""Greenhouse Job Board API: every job of a board in one response.

GET {base}/v1/boards/{token}/jobs?content=true&pay_transparency=true
``content`` is HTML escaped twice; pay comes from ``pay_input_ranges`` when
the board fills it, else from the pay-range block inside the content.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from bot.jobs.boards.base import BoardContext, segment
from bot.jobs.boards.common import as_mapping, as_text, mappings, unique_texts, with_pay, with_prose_pay
from bot.jobs.boards.json_boards import SinglePageJsonBoard
from bot.jobs.dates import parse_iso
from bot.jobs.listing import Listing
from bot.jobs.pay.fields import pay_from_greenhouse
from bot.jobs.text import html_to_text


class GreenhouseClient(SinglePageJsonBoard):
    type_name = "greenhouse"
    default_base_url: str | None = "https://boards-api.greenhouse.io"
    params: ClassVar[Mapping[str, str]] = {"content": "true", "pay_transparency": "true"}
    list_key = "jobs"

    def list_url(self, ctx: BoardContext) -> str:
        return f"{ctx.base_url}/v1/boards/{segment(ctx.spec.board)}/jobs"

    def listing(self, ctx: BoardContext, job: Mapping[str, Any]) -> Listing | None:
        external_id, title = as_text(job.get("id")), as_text(job.get("title"))
        if not external_id or not title:
            return None
        location = as_text(as_mapping(job.get("location")).get("name"))
        offices = (office.get("name") for office in mappings(job.get("offices")))
        listing = Listing(
            source=ctx.spec.source_name,
            company=ctx.company or as_text(job.get("company_name")) or ctx.spec.board,
            external_id=external_id,
            title=title,
            locations=(location,) if location else unique_texts(offices),
            url=as_text(job.get("absolute_url")),
            posted_at=parse_iso(job.get("first_published")) or parse_iso(job.get("updated_at")),
            description=html_to_text(as_text(job.get("content"))),
        )
        return with_prose_pay(with_pay(listing, pay_from_greenhouse(job.get("pay_input_ranges"))))
