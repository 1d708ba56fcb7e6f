"""Lever Postings API: every posting of a site in one response.

GET {base}/v0/postings/{site}?mode=json
Pay is the structured ``salaryRange`` when set, else prose (often in
``additionalPlain`` or the pay section ``salaryDescriptionPlain``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from bot.jobs.boards.base import BoardContext, segment
from bot.jobs.boards.common import (
    as_mapping,
    as_text,
    mappings,
    places,
    with_pay,
    with_prose_pay,
)
from bot.jobs.boards.json_boards import SinglePageJsonBoard
from bot.jobs.dates import from_epoch_millis
from bot.jobs.listing import Listing
from bot.jobs.pay.fields import pay_from_lever
from bot.jobs.text import html_to_text, normalize_space


class LeverClient(SinglePageJsonBoard):
    type_name = "lever"
    default_base_url: str | None = "https://api.lever.co"
    params: ClassVar[Mapping[str, str]] = {"mode": "json"}
    list_key = None  # the document is the list of postings

    def list_url(self, ctx: BoardContext) -> str:
        return f"{ctx.base_url}/v0/postings/{segment(ctx.spec.board)}"

    def listing(self, ctx: BoardContext, posting: Mapping[str, Any]) -> Listing | None:
        external_id, title = as_text(posting.get("id")), as_text(posting.get("text"))
        if not external_id or not title:
            return None
        categories = as_mapping(posting.get("categories"))
        listing = Listing(
            source=ctx.spec.source_name,
            company=ctx.company or ctx.spec.board,
            external_id=external_id,
            title=title,
            locations=places(categories.get("allLocations"), categories.get("location")),
            url=as_text(posting.get("hostedUrl")),
            posted_at=from_epoch_millis(posting.get("createdAt")),
            description=_description(posting),
        )
        return with_prose_pay(with_pay(listing, pay_from_lever(posting.get("salaryRange"))))


def _description(posting: Mapping[str, Any]) -> str:
    parts = [_plain_or_html(posting, "descriptionPlain", "description")]
    for section in mappings(posting.get("lists")):
        parts.append(as_text(section.get("text")))
        parts.append(html_to_text(as_text(section.get("content"))))
    parts.append(_plain_or_html(posting, "additionalPlain", "additional"))
    parts.append(_plain_or_html(posting, "salaryDescriptionPlain", "salaryDescription"))
    return normalize_space("\n\n".join(part for part in parts if part))


def _plain_or_html(posting: Mapping[str, Any], plain_key: str, html_key: str) -> str:
    plain = as_text(posting.get(plain_key))
    return plain or html_to_text(as_text(posting.get(html_key)))
