"""RSS 2.0 and Atom job feeds.

The board id is the feed URL, or a path joined to ``base_url``. XML with a
DOCTYPE is refused outright by the parser (``bot.jobs.feed_xml``): job feeds
never need one, and refusing it rules out entity bombs and external entities.
"""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from collections.abc import Iterable

from bot.jobs.boards.base import BoardContext, RawBoard, fetch_whole
from bot.jobs.boards.common import dedupe, unique_texts, with_prose_pay
from bot.jobs.boards.feed_xml import parse_feed_xml
from bot.jobs.dates import parse_iso, parse_rfc822
from bot.jobs.errors import BoardConfigError, MalformedResponse
from bot.jobs.listing import Listing
from bot.jobs.text import plain_text

ATOM = "{http://www.w3.org/2005/Atom}"
DUBLIN_CORE = "{http://purl.org/dc/elements/1.1/}"
# Custom per-item location elements some feeds add (We Work Remotely).
_LOCATION_TAGS = ("location", "region", "country", "state")


def feed_listings(
    root: ElementTree.Element, *, source: str, company: str | None, where: str
) -> list[Listing]:
    if root.tag == "rss":
        channel = root.find("channel")
        if channel is None:
            raise MalformedResponse(where, "RSS without a channel")
        name = company or _child_text(channel, "title")
        return dedupe(_rss_items(channel.findall("item"), source, name))
    if root.tag == f"{ATOM}feed":
        name = company or _child_text(root, f"{ATOM}title")
        return dedupe(_atom_entries(root.findall(f"{ATOM}entry"), source, name))
    raise MalformedResponse(where, f"not an RSS or Atom feed (root <{root.tag[:40]}>)")


def _rss_items(items: Iterable[ElementTree.Element], source: str, company: str) -> list[Listing]:
    found: list[Listing] = []
    for item in items:
        title, link = _child_text(item, "title"), _child_text(item, "link")
        external_id = _child_text(item, "guid") or link or title
        if not title or not external_id:
            continue
        published = _child_text(item, "pubDate") or _child_text(item, f"{DUBLIN_CORE}date")
        listing = Listing(
            source=source,
            company=company,
            external_id=external_id,
            title=title,
            locations=unique_texts(_child_text(item, tag) for tag in _LOCATION_TAGS),
            url=link,
            posted_at=parse_rfc822(published) or parse_iso(published),
            description=plain_text(_child_text(item, "description")),
        )
        found.append(with_prose_pay(listing))
    return found


def _atom_entries(entries: Iterable[ElementTree.Element], source: str, company: str) -> list[Listing]:
    found: list[Listing] = []
    for entry in entries:
        title, link = _child_text(entry, f"{ATOM}title"), _atom_link(entry)
        external_id = _child_text(entry, f"{ATOM}id") or link or title
        if not title or not external_id:
            continue
        published = _child_text(entry, f"{ATOM}published") or _child_text(entry, f"{ATOM}updated")
        body = _child_text(entry, f"{ATOM}content") or _child_text(entry, f"{ATOM}summary")
        listing = Listing(
            source=source,
            company=company,
            external_id=external_id,
            title=title,
            url=link,
            posted_at=parse_iso(published) or parse_rfc822(published),
            description=plain_text(body),
        )
        found.append(with_prose_pay(listing))
    return found


def _atom_link(entry: ElementTree.Element) -> str:
    for link in entry.findall(f"{ATOM}link"):
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return (link.get("href") or "").strip()
    return ""


def _child_text(element: ElementTree.Element, tag: str) -> str:
    child = element.find(tag)
    if child is None:
        return ""
    return "".join(child.itertext()).strip()


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
        root = parse_feed_xml(raw.pages[0], where)
        return feed_listings(root, source=ctx.spec.source_name, company=ctx.company, where=where)

    async def add_details(self, ctx: BoardContext, listings: list[Listing]) -> list[Listing]:
        return listings


__all__ = ["RssClient", "feed_listings", "parse_feed_xml"]
