"""A local file of listings: for testing alerts, demos and hand-kept lists.

The file is either a JSON list of objects shaped like ``Listing.to_json()``
(``external_id`` and ``title`` required, ``description`` allowed), or an RSS
/ Atom feed. The board id is the file's path.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any, cast

from bot.jobs.boards.base import BoardContext, RawBoard, listings_from
from bot.jobs.boards.common import as_list, as_text, unique_texts, with_prose_pay
from bot.jobs.boards.rss import feed_listings
from bot.jobs.dates import parse_iso
from bot.jobs.errors import BoardConfigError, BodyTooLarge, MalformedResponse
from bot.jobs.fetch.http import body_hash
from bot.jobs.listing import Listing, PayKind, PayPeriod
from bot.jobs.text import plain_text

_PERIODS = frozenset({"year", "month", "week", "day", "hour"})
_KINDS = frozenset({"base", "total"})


class FileClient:
    type_name = "file"
    default_base_url: str | None = None

    async def fetch_raw(self, ctx: BoardContext) -> RawBoard:
        body = await asyncio.to_thread(_read_capped, ctx.spec.board, ctx.fetcher.max_bytes)
        return RawBoard([body], body_hash(body))

    def parse(self, ctx: BoardContext, raw: RawBoard) -> list[Listing]:
        body: bytes = raw.pages[0]
        where = ctx.spec.board
        if body.lstrip()[:1] == b"<":
            return feed_listings(body, source=ctx.spec.source_name, company=ctx.company, where=where)
        try:
            document = json.loads(body)
        except (ValueError, RecursionError):
            raise MalformedResponse(where, "neither JSON nor an RSS/Atom feed") from None
        if not isinstance(document, list):
            raise MalformedResponse(where, "expected a JSON list of listings")
        items = (item for item in document if isinstance(item, Mapping))
        return listings_from(items, lambda item: _listing(ctx, item))

    async def add_details(self, ctx: BoardContext, listings: list[Listing]) -> list[Listing]:
        return listings


def _read_capped(name: str, limit: int) -> bytes:
    path = Path(name).expanduser()
    try:
        with path.open("rb") as handle:
            body = handle.read(limit + 1)
    except OSError as error:
        raise BoardConfigError(f"cannot read {path}: {error.strerror or error}") from None
    if len(body) > limit:
        raise BodyTooLarge(str(path), limit)
    return body


def _listing(ctx: BoardContext, item: Mapping[str, Any]) -> Listing | None:
    external_id, title = as_text(item.get("external_id")), as_text(item.get("title"))
    if not external_id or not title:
        return None
    listing = Listing(
        source=ctx.spec.source_name,
        # A hand-kept list may gather several companies' jobs: each listing's own company wins.
        company=as_text(item.get("company")) or ctx.company or ctx.spec.source_name,
        external_id=external_id,
        title=title,
        locations=unique_texts(as_list(item.get("locations"))),
        url=as_text(item.get("url")),
        posted_at=parse_iso(item.get("posted_at")),
        description=plain_text(as_text(item.get("description"))),
        **_pay_fields(item),
    )
    return with_prose_pay(listing)


def _pay_fields(item: Mapping[str, Any]) -> dict[str, Any]:
    """The listing's own pay; one end may be missing ("up to X", "from X")."""
    low, high = _amount(item.get("pay_min")), _amount(item.get("pay_max"))
    currency = as_text(item.get("pay_currency")).upper()
    period, kind = item.get("pay_period"), item.get("pay_kind", "base")
    if (low is None and high is None) or not currency or period not in _PERIODS:
        return {}
    return {
        "pay_min": low,
        "pay_max": high,
        "pay_currency": currency,
        "pay_period": cast(PayPeriod, period),
        "pay_kind": cast(PayKind, kind if kind in _KINDS else "base"),
        "pay_varies": item.get("pay_varies") is True,
    }


def _amount(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)
