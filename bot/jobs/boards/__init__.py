"""Board clients, their registry, and the one entry point a poller calls.

``fetch_listings(spec, fetcher)`` fetches one source and returns its
listings in a ``BoardResult``. Pass the board's previous body hash to skip
parsing when nothing changed, the ids already seen so no detail call is
spent on them, and a classifier to mark AI listings.

Detail calls (Workday, Eightfold, SmartRecruiters need one request per
listing for the description and pay) are capped by ``spec.max_details``,
the longest unread first. With a classifier they are made only for listings
whose title reads as AI or may ("Research Scientist"): polite to the board,
and the detail is what gives those alerts their pay and decides the hint
titles. The cost is that on those three board types a listing whose AI
wording is only in its description is not found.

A listing seen before (``known``) is read again when the list's update time
for it changed (Eightfold's ``t_update``), or, where the list gives none
(Workday, SmartRecruiters), once its last reading is ``detail_refresh`` old:
that is how a pay change on a detail page is seen.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Protocol

from bot.jobs.boards.amazon import AmazonClient
from bot.jobs.boards.ashby import AshbyClient
from bot.jobs.boards.base import NEVER_READ, BoardClient, BoardContext
from bot.jobs.boards.eightfold import EightfoldClient
from bot.jobs.boards.file import FileClient
from bot.jobs.boards.greenhouse import GreenhouseClient
from bot.jobs.boards.json_boards import DetailedPagedJsonBoard
from bot.jobs.boards.lever import LeverClient
from bot.jobs.boards.rss import RssClient
from bot.jobs.boards.smartrecruiters import SmartRecruitersClient
from bot.jobs.boards.workday import WorkdayClient
from bot.jobs.classify import AIClassifier
from bot.jobs.errors import BoardConfigError, NotModified
from bot.jobs.fetch.http import HttpFetcher
from bot.jobs.listing import Listing
from bot.jobs.source import SourceSpec
from commands.urls import without_user_info

BOARD_TYPES: dict[str, BoardClient] = {
    client.type_name: client
    for client in (
        GreenhouseClient(),
        LeverClient(),
        AshbyClient(),
        SmartRecruitersClient(),
        WorkdayClient(),
        EightfoldClient(),
        AmazonClient(),
        RssClient(),
        FileClient(),
    )
}


#: How often a listing's detail is read again where its board shows no update time (the default).
DEFAULT_DETAIL_REFRESH = timedelta(days=1)


class DetailSeen(Protocol):
    """What is known of a listing's last detail reading (`storage.jobs.listings.DetailState` fits)."""

    @property
    def title(self) -> str: ...
    @property
    def read_at(self) -> datetime | None: ...
    @property
    def updated_at(self) -> str | None: ...


@dataclass(frozen=True)
class BoardResult:
    """What one fetch of one source found.

    ``unchanged`` is True when the board answered 304 or its body hash equals
    ``previous_hash``; ``listings`` is then empty and nothing was parsed.
    ``truncated`` means paging stopped at ``spec.max_pages``. ``retry_after``
    is set when a detail call was told to back off (the listings are still
    returned, some without detail).
    """

    spec: SourceSpec
    listings: tuple[Listing, ...]
    body_hash: str | None
    unchanged: bool = False
    truncated: bool = False
    detail_calls: int = 0
    detail_errors: int = 0
    retry_after: float | None = None


def board_client(board_type: str) -> BoardClient:
    client = BOARD_TYPES.get(board_type)
    if client is None:
        known = ", ".join(sorted(BOARD_TYPES))
        raise BoardConfigError(f"unknown board type {board_type!r} (known: {known})")
    return client


async def fetch_listings(
    spec: SourceSpec,
    fetcher: HttpFetcher,
    *,
    classifier: AIClassifier | None = None,
    previous_hash: str | None = None,
    known: Mapping[str, DetailSeen] | None = None,
    detail_refresh: timedelta = DEFAULT_DETAIL_REFRESH,
    now: datetime | None = None,
) -> BoardResult:
    """Fetch, parse, detail and (with a classifier) classify one source.

    Raises ``FetchError`` subclasses when the list itself cannot be had
    (``RetryLater`` included) and ``BoardConfigError`` for a bad spec.
    """
    client = board_client(spec.board_type)
    moment = now or datetime.now(UTC)
    ctx = BoardContext(
        spec=spec,
        fetcher=fetcher,
        base_url=(spec.base_url or client.default_base_url or "").rstrip("/"),
        now=moment,
        detail_due=_detail_due(classifier, known or {}, detail_refresh, moment),
    )
    try:
        raw = await client.fetch_raw(ctx)
    except NotModified:
        return BoardResult(spec, (), previous_hash, unchanged=True)
    if previous_hash is not None and raw.body_hash == previous_hash:
        return BoardResult(spec, (), raw.body_hash, unchanged=True)
    try:
        found = await client.add_details(ctx, client.parse(ctx, raw))
    except BaseException:
        for url in raw.conditional_urls:
            fetcher.forget(url)
        raise
    listings = [listing for listing in (item.cleaned() for item in found) if listing.title]
    if classifier is not None:
        listings = classifier.classify_all(listings)
    listings = [_without_credentials(listing) for listing in listings]
    return BoardResult(
        spec=spec,
        listings=tuple(listings),
        body_hash=raw.body_hash,
        truncated=raw.truncated,
        detail_calls=ctx.detail_calls,
        detail_errors=ctx.detail_errors,
        retry_after=ctx.retry_after,
    )


def _without_credentials(listing: Listing) -> Listing:
    """A link built from a ``base_url`` with ``user:password@`` must not carry it to alerts or output."""
    if "@" not in listing.url:
        return listing
    return replace(listing, url=without_user_info(listing.url))


def has_details(board_type: str) -> bool:
    """Whether the board type reads a detail page per listing."""
    return isinstance(BOARD_TYPES.get(board_type), DetailedPagedJsonBoard)


def detail_refresh_due(
    known: Mapping[str, DetailSeen], refresh: timedelta, now: datetime, classifier: AIClassifier | None
) -> bool:
    """Whether a listing seen before is owed a detail reading that its list cannot announce:
    never read yet (the budget ran out, or the call failed), or read ``refresh`` ago where the
    board gives no update time. Its list is then read even if unchanged."""
    return any(
        (classifier is None or classifier.title_may_be_ai(seen.title))
        and (seen.read_at is None or (seen.updated_at is None and now - seen.read_at >= refresh))
        for seen in known.values()
    )


def _detail_due(
    classifier: AIClassifier | None, known: Mapping[str, DetailSeen], refresh: timedelta, now: datetime
) -> Callable[[Listing], datetime | None]:
    def due(listing: Listing) -> datetime | None:
        if classifier is not None and not classifier.title_may_be_ai(listing.title):
            return None
        seen = known.get(listing.external_id)
        if seen is None or seen.read_at is None:
            return NEVER_READ
        if listing.updated_at is not None:  # the board says when it changed: read again only then
            return seen.read_at if listing.updated_at != seen.updated_at else None
        return seen.read_at if now - seen.read_at >= refresh else None

    return due


__all__ = [
    "BOARD_TYPES",
    "DEFAULT_DETAIL_REFRESH",
    "BoardClient",
    "BoardResult",
    "DetailSeen",
    "board_client",
    "detail_refresh_due",
    "fetch_listings",
    "has_details",
]
