"""Ashby posting API: every listed job of a board in one response.

GET {base}/posting-api/job-board/{board}?includeCompensation=true
Pay is the ``Salary`` part of ``compensation`` (equity is left out).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from bot.jobs.boards.base import BoardContext, segment
from bot.jobs.boards.common import as_text, mappings, unique_texts, with_pay, with_prose_pay
from bot.jobs.boards.json_boards import SinglePageJsonBoard
from bot.jobs.dates import parse_iso
from bot.jobs.listing import Listing
from bot.jobs.pay.fields import ashby_lists_salary, pay_from_ashby
from bot.jobs.text import html_to_text, normalize_space


class AshbyClient(SinglePageJsonBoard):
    type_name = "ashby"
    default_base_url: str | None = "https://api.ashbyhq.com"
    params: ClassVar[Mapping[str, str]] = {"includeCompensation": "true"}
    list_key = "jobs"

    def list_url(self, ctx: BoardContext) -> str:
        return f"{ctx.base_url}/posting-api/job-board/{segment(ctx.spec.board)}"

    def listed(self, job: Mapping[str, Any]) -> bool:
        return job.get("isListed") is not False

    def listing(self, ctx: BoardContext, job: Mapping[str, Any]) -> Listing | None:
        external_id, title = as_text(job.get("id")), as_text(job.get("title"))
        if not external_id or not title:
            return None
        secondary = (place.get("location") for place in mappings(job.get("secondaryLocations")))
        description = as_text(job.get("descriptionPlain"))
        listing = Listing(
            source=ctx.spec.source_name,
            company=ctx.company or ctx.spec.board,
            external_id=external_id,
            title=title,
            locations=unique_texts([job.get("location"), *secondary]),
            url=as_text(job.get("jobUrl")),
            posted_at=parse_iso(job.get("publishedAt")),
            description=normalize_space(description)
            if description
            else html_to_text(as_text(job.get("descriptionHtml"))),
        )
        compensation = job.get("compensation")
        structured = pay_from_ashby(compensation)
        if structured is None and ashby_lists_salary(compensation):
            # The board states a salary we cannot believe ("$150.00" a year):
            # prose in the company blurb is no better evidence, so say nothing.
            return listing
        return with_prose_pay(with_pay(listing, structured))
