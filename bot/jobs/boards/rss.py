"""RSS 0.9x, RSS 1.0 (RDF), RSS 2.0 and Atom job feeds, read with feedparser.

The board id is the feed URL, or a path joined to ``base_url``. A feed is
read leniently (feedparser falls back to its forgiving parser), so one bare
``&`` in one item costs at most that item, never the board. Before that, a
feed with a DOCTYPE or entity declarations is refused outright
(``feed_xml.feed_text``): job feeds never need one, and refusing it rules
out entity bombs and external entities. feedparser is handed the checked
text as a stream, never a string: given a string it would open a file or a
URL of that name.
"""

from __future__ import annotations

import io
import re
import time
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any

import feedparser

from bot.jobs.boards.base import BoardContext, RawBoard, fetch_whole
from bot.jobs.boards.common import as_text, dedupe, unique_texts, with_prose_pay
from bot.jobs.boards.feed_xml import feed_text
from bot.jobs.errors import BoardConfigError, MalformedResponse
from bot.jobs.listing import Listing
from bot.jobs.text import plain_text

# Custom per-item location elements some feeds add (We Work Remotely).
_LOCATION_TAGS = ("location", "region", "country", "state")
# The text is handed over as UTF-8 (``feed_text`` took the declared encoding out).
_AS_UTF8 = {"content-type": "application/xml; charset=utf-8"}
# How a whole feed ends: its root element closed, then at most comments and blanks.
_FEED_END = re.compile(r"</\s*(?:rss|feed|(?:[A-Za-z_][\w.-]*:)?RDF)\s*>(?:\s|<!--.*?-->)*\Z", re.DOTALL)
_END_CHARS = 4096


def read_feed(body: bytes, where: str) -> Any:
    """The feed as feedparser reads it; ``MalformedResponse`` for a DTD or what is no feed at all."""
    text = feed_text(body, where)
    parsed = feedparser.parse(
        io.BytesIO(text.encode("utf-8")),
        response_headers=_AS_UTF8,
        sanitize_html=False,  # descriptions become plain text here (bot.jobs.text)
        resolve_relative_uris=False,
    )
    if not parsed.get("version"):
        raise MalformedResponse(where, "not an RSS or Atom feed")
    if parsed.get("bozo") and not _FEED_END.search(text[-_END_CHARS:]):
        # Broken and unfinished: most likely cut off, so the items it lacks are not gone.
        raise MalformedResponse(where, "malformed feed that stops before its end")
    if not parsed.feed and not parsed.entries:
        raise MalformedResponse(where, "a feed without a channel")
    return parsed


def feed_listings(body: bytes, *, source: str, company: str | None, where: str) -> list[Listing]:
    parsed = read_feed(body, where)
    name = company or as_text(parsed.feed.get("title"))
    return dedupe(_listings(parsed.entries, source, name))


def _listings(entries: Iterable[dict[str, Any]], source: str, company: str) -> list[Listing]:
    found: list[Listing] = []
    for entry in entries:
        title, link = as_text(entry.get("title")), as_text(entry.get("link"))
        external_id = as_text(entry.get("id")) or link or title
        if not title or not external_id:
            continue
        listing = Listing(
            source=source,
            company=company,
            external_id=external_id,
            title=title,
            locations=unique_texts(entry.get(tag) for tag in _LOCATION_TAGS),
            url=link,
            posted_at=_posted(entry),
            description=plain_text(_body(entry)),
        )
        found.append(with_prose_pay(listing))
    return found


def _posted(entry: dict[str, Any]) -> datetime | None:
    """When the item was published (else last updated): feedparser reads every date format, in UTC."""
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        # dict.get: FeedParserDict.get maps a missing "updated" to "published", with a warning.
        moment = dict.get(entry, key)
        if isinstance(moment, time.struct_time):
            return datetime(*moment[:6], tzinfo=UTC)
    return None


def _body(entry: Mapping[str, Any]) -> str:
    """The item's fullest text: Atom content or RSS content:encoded, else its summary / description."""
    for content in entry.get("content") or ():
        value = as_text(content.get("value")) if isinstance(content, Mapping) else ""
        if value:
            return value
    return as_text(entry.get("summary"))


class RssClient:
    type_name = "rss"
    default_base_url: str | None = None

    def feed_url(self, ctx: BoardContext) -> str:
        board = ctx.spec.board.strip()
        if board.startswith(("http://", "https://")):
            return board
        if not ctx.base_url:
            raise BoardConfigError(f"rss board {board!r} is not a URL and no base URL is set")
        return f"{ctx.base_url}/{board.lstrip('/')}"

    async def fetch_raw(self, ctx: BoardContext) -> RawBoard:
        return await fetch_whole(ctx, self.feed_url(ctx))

    def parse(self, ctx: BoardContext, raw: RawBoard) -> list[Listing]:
        where = self.feed_url(ctx)
        return feed_listings(raw.pages[0], source=ctx.spec.source_name, company=ctx.company, where=where)

    async def add_details(self, ctx: BoardContext, listings: list[Listing]) -> list[Listing]:
        return listings


__all__ = ["RssClient", "feed_listings", "read_feed"]
