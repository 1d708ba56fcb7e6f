"""Poll one source: fetch it, then store what changed in one transaction.

Success stores the listings, the board's hash and its ETag / Last-Modified
together, so a restart never skips a board whose listings were not stored.
Listings missing from two complete polls in a row are closed
(``storage.jobs.listings``) and handed to ``alerts.closed_listings``. On a
board whose detail pages are re-read by schedule (``[poller]
detail_refresh``), an unchanged list is read anyway once one is due.
A failure records the error and backs off exponentially with jitter (never
sooner than the board's Retry-After); after ``failure_notice_after``
failures in a row the subscribed channels are told once, and told again
when the source works.

What a failure leaves where: the log line and ``SourceOutcome.error`` (what
``poll --once`` prints) carry the whole reason, its URL without credentials;
the stored ``last_error`` and the channel notice carry only the short kind
("timeout", "HTTP 404"), since members read them. A source added in chat
is fetched with ``public_only`` unless ``[poller] allow_private_addresses``.
"""

from __future__ import annotations

import asyncio
import logging
import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal
from urllib.parse import urlsplit

from bot.backoff import Backoff
from bot.jobs.alerts import ClosedListing, closed_listings, queue_notice
from bot.jobs.boards import BOARD_TYPES, BoardResult, detail_refresh_due, fetch_listings, has_details
from bot.jobs.errors import JobBoardError, RetryLater
from bot.jobs.fetch.http import HttpFetcher, Validators
from bot.jobs.fetch.sessions import Sessions
from bot.jobs.listing import Listing
from bot.jobs.poller_settings import PollerSettings
from bot.jobs.source import SourceSpec
from commands.facts.pay import ReferenceFigures, reference_figures
from commands.i18n import _, speaking
from commands.urls import redact_urls
from storage.database import Database, iso
from storage.jobs import listings as job_listings
from storage.jobs import sources
from storage.jobs.sources import Source, Validator

log = logging.getLogger("picketbot.jobs")

#: A failing source waits 5 min, 10, 20 … 6 h, jittered so sources that failed together spread out.
FAILURE_BACKOFF = Backoff(first=5 * 60, cap=6 * 3600, jitter=0.5)

Status = Literal["first", "changed", "unchanged", "error"]


@dataclass(frozen=True)
class SourceOutcome:
    source: str
    status: Status
    listings: int = 0
    ai: int = 0
    new_ai: tuple[Listing, ...] = ()
    pay_changed: int = 0
    closed: int = 0
    #: The listings this poll closed, with what editing their alerts needs.
    closed_listings: tuple[ClosedListing, ...] = ()
    #: The whole reason, URL without credentials: for the operator (log, command line).
    error: str | None = None
    #: The short kind ("timeout", "HTTP 404"): what chat is shown.
    error_kind: str | None = None


@dataclass
class PollContext:
    """What every source poll in a cycle shares."""

    db: Database
    sessions: Sessions
    settings: PollerSettings
    rng: random.Random
    #: The facts' reference figures, read once a cycle on first need (closed alerts are redrawn).
    _figures: ReferenceFigures | None = None

    async def figures(self) -> ReferenceFigures:
        if self._figures is None:
            self._figures = await reference_figures(self.db)
        return self._figures


def spec_for(source: Source) -> SourceSpec:
    return SourceSpec(
        source.board_type,
        source.board,
        base_url=source.base_url,
        company=source.company,
        name=source.name,
        max_pages=source.max_pages,
    )


def public_only(source: Source, settings: PollerSettings) -> bool:
    """Whether every request for this source must reach a public address."""
    return source.origin == "chat" and not settings.allow_private_addresses


def host_of(source: Source) -> str:
    """The host a source's requests go to: no two sources poll one host at once."""
    client = BOARD_TYPES.get(source.board_type)
    url = source.base_url or (client.default_base_url if client else None) or source.board
    return urlsplit(url).netloc.lower() or f"{source.board_type}:{source.board}"


def failure_wait(failures: int, rng: random.Random, retry_after: float | None = None) -> timedelta:
    """`FAILURE_BACKOFF` after ``failures`` failures in a row, at least ``retry_after``."""
    return max(FAILURE_BACKOFF.wait(failures, rng), timedelta(seconds=retry_after or 0))


async def poll_source(ctx: PollContext, source: Source, now: datetime) -> SourceOutcome:
    """Fetch and store one source; never raises for a board's failure.

    Its notices and the edits of its closed listings' alerts are channel posts, read by
    everyone there: they are written in ``[bot] language``.
    """
    with speaking(ctx.settings.language):
        return await _poll(ctx, source, now)


async def _poll(ctx: PollContext, source: Source, now: datetime) -> SourceOutcome:
    fetcher = HttpFetcher(
        ctx.sessions,
        public_only=public_only(source, ctx.settings),
        timeout=ctx.settings.request_timeout,
        max_bytes=ctx.settings.max_body_bytes,
        validators={
            v.url: Validators(v.etag, v.last_modified) for v in await sources.validators(ctx.db, source.id)
        },
    )
    known = await job_listings.detail_states(ctx.db, source.id)
    refresh = ctx.settings.detail_refresh
    # A detail owed that the list cannot announce: the list is read even when unchanged.
    stale = has_details(source.board_type) and detail_refresh_due(
        known, refresh, now, ctx.settings.classifier
    )
    try:
        async with asyncio.timeout(ctx.settings.source_timeout):
            result = await fetch_listings(
                spec_for(source),
                fetcher,
                classifier=ctx.settings.classifier,
                previous_hash=None if stale else source.body_hash,
                known=known,
                detail_refresh=refresh,
                now=now,
            )
    except RetryLater as error:
        return await _failed(ctx, source, Failure(str(error), error.kind), now, retry_after=error.seconds)
    except JobBoardError as error:
        return await _failed(ctx, source, Failure(str(error), error.kind), now)
    except TimeoutError:
        reason = f"gave up after {ctx.settings.source_timeout:g} s"
        return await _failed(ctx, source, Failure(reason, "timeout"), now)
    except Exception as error:  # a bug must not stop the other sources
        log.exception("polling %s failed unexpectedly", source.name)
        return await _failed(ctx, source, Failure.internal(error), now)
    stored = [Validator(url, v.etag, v.last_modified) for url, v in fetcher.validators.items()]
    try:
        return await _succeeded(ctx, source, result, stored, now)
    except Exception as error:  # the transaction rolled back: nothing half-stored, retried later
        log.exception("storing %s's listings failed", source.name)
        return await _failed(ctx, source, Failure.internal(error, "storing listings"), now)


def _next_poll(source: Source, result: BoardResult, now: datetime) -> datetime:
    wait = timedelta(minutes=source.interval_minutes)
    return now + max(wait, timedelta(seconds=result.retry_after or 0))


async def _succeeded(
    ctx: PollContext, source: Source, result: BoardResult, validators: list[Validator], now: datetime
) -> SourceOutcome:
    figures = await ctx.figures()  # read before the transaction, which holds the connection
    async with ctx.db.transaction() as tx:
        if source.failure_reported:
            await queue_notice(
                tx,
                source.company,
                _("Job source {name} works again.").format(name=source.name),
                f"recovered:{source.id}:{iso(now)}",
                now,
            )
        if result.unchanged:
            # The same board as the last stored poll: complete if that one was.
            gone = await job_listings.count_unchanged_poll(tx, source.id, now) if source.body_complete else []
            closed = await closed_listings(tx, gone, now, figures)
            await sources.record_success(tx, source.id, now, _next_poll(source, result, now),
                                         body_hash=result.body_hash, new_validators=None)  # fmt: skip
            return SourceOutcome(source.name, "unchanged", closed=len(gone), closed_listings=tuple(closed))
        changes = await job_listings.apply_fetch(
            tx,
            source.id,
            result.listings,
            now,
            complete=not result.truncated,
            alert_new=source.first_poll_done,
        )
        closed = await closed_listings(tx, changes.closed, now, figures)
        await sources.record_success(tx, source.id, now, _next_poll(source, result, now),
                                     body_hash=result.body_hash, new_validators=validators,
                                     complete=not result.truncated)  # fmt: skip
        ai = sum(1 for listing in result.listings if listing.is_ai)
        if not source.first_poll_done:
            text = _(
                "Now watching {name} ({type}): {count} listings on the board, {ai} of them AI. New AI listings"
                " will be posted here from now on."
            ).format(name=source.name, type=source.board_type, count=len(result.listings), ai=ai)
            await queue_notice(tx, source.company, text, f"first:{source.id}:{iso(now)}", now)
    return SourceOutcome(
        source.name,
        "changed" if source.first_poll_done else "first",
        listings=len(result.listings),
        ai=ai,
        new_ai=_picked(result.listings, changes.new_ai) if source.first_poll_done else (),
        pay_changed=len(changes.pay_changed),
        closed=len(changes.closed),
        closed_listings=tuple(closed),
    )


def _picked(listings: tuple[Listing, ...], external_ids: list[str]) -> tuple[Listing, ...]:
    wanted = set(external_ids)
    return tuple(listing for listing in listings if listing.external_id in wanted)


@dataclass(frozen=True)
class Failure:
    """Why a poll failed: the whole reason (credentials already out) and its short kind."""

    reason: str
    kind: str

    @classmethod
    def internal(cls, error: Exception, doing: str = "") -> Failure:
        where = f" {doing}" if doing else ""
        return cls(f"internal error{where} ({type(error).__name__})", "internal error")


async def _failed(
    ctx: PollContext, source: Source, failure: Failure, now: datetime, *, retry_after: float | None = None
) -> SourceOutcome:
    failures = source.consecutive_failures + 1
    next_at = now + failure_wait(failures, ctx.rng, retry_after)
    report = failures >= ctx.settings.failure_notice_after and not source.failure_reported
    async with ctx.db.transaction() as tx:
        await sources.record_failure(tx, source, failure.kind, now, next_at, reported=report)
        if report:
            since = iso(source.failing_since or now)
            text = _("Job source {name} keeps failing ({count} times in a row): {kind}").format(
                name=source.name, count=failures, kind=failure.kind
            )
            await queue_notice(tx, source.company, text, f"failing:{source.id}:{since}", now)
    log.warning(
        "job source %s failed (%d in a row, next try %s): %s",
        source.name, failures, iso(next_at), redact_urls(failure.reason),
    )  # fmt: skip
    return SourceOutcome(source.name, "error", error=redact_urls(failure.reason), error_kind=failure.kind)
