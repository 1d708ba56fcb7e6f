"""amazon.jobs search: paged JSON with descriptions included.

GET {base}/en/search.json?base_query={query}&offset=N&result_limit=100&sort=recent
The board id is the search text. Pay sits in ``preferred_qualifications``
("... ranges from $129,300/year in our lowest geographic market up to ...").
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bot.jobs.boards.base import BoardContext
from bot.jobs.boards.common import as_text, unique_texts, with_prose_pay
from bot.jobs.boards.json_boards import PagedJsonBoard
from bot.jobs.dates import parse_month_day_year
from bot.jobs.listing import Listing
from bot.jobs.text import html_to_text

_TEXT_FIELDS = ("description", "basic_qualifications", "preferred_qualifications")


class AmazonClient(PagedJsonBoard):
    type_name = "amazon"
    default_base_url: str | None = "https://www.amazon.jobs"
    list_key, total_key = "jobs", "hits"
    default_page_size = 100

    def list_url(self, ctx: BoardContext) -> str:
        return f"{ctx.base_url}/en/search.json"

    def page_params(self, ctx: BoardContext, offset: int, size: int) -> Mapping[str, str | int]:
        return {"base_query": ctx.spec.board, "offset": offset, "result_limit": size, "sort": "recent"}

    def listing(self, ctx: BoardContext, job: Mapping[str, Any]) -> Listing | None:
        external_id = as_text(job.get("id_icims")) or as_text(job.get("id"))
        title = as_text(job.get("title"))
        if not external_id or not title:
            return None
        path = as_text(job.get("job_path"))
        sections = (html_to_text(as_text(job.get(key))) for key in _TEXT_FIELDS)
        listing = Listing(
            source=ctx.spec.source_name,
            company=ctx.company or as_text(job.get("company_name")) or "Amazon",
            external_id=external_id,
            title=title,
            locations=unique_texts([job.get("normalized_location") or job.get("location")]),
            url=f"{ctx.base_url}{path}" if path.startswith("/") else path,
            posted_at=parse_month_day_year(job.get("posted_date")),
            description="\n\n".join(section for section in sections if section),
        )
        return with_prose_pay(listing)
