"""Turn listings owed an alert into outbox messages, grouped per channel.

After each poll cycle, one transaction takes every listing marked
``alert_due``, groups them by the channels that subscribe to their company,
queues as few messages as fit (each body under ``MAX_BODY`` characters, well
inside Discord's 2,000 and Slack's limits, and few enough for per-channel
rate limits), and marks the listings alerted. A crash before that commit
leaves them due for the next cycle; after it, they are never queued again.
Each message's listings are linked to it (`storage.jobs.alert_posts`), so
the alert can be edited when one of them closes (`closed_listings`).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from commands.facts.pay import ReferenceFigures, reference_figures
from commands.i18n import N_, _, ngettext
from commands.jobs.text import compare_line, listing_block
from commands.text import no_pings, shorten
from storage.database import Database, Transaction
from storage.jobs import alert_posts, subscriptions
from storage.jobs import listings as job_listings
from storage.jobs.rows import StoredListing
from storage.outbox import edits
from storage.outbox import queue as outbox
from storage.outbox.message import PostContent
from storage.outbox.queue import OutboundMessage

log = logging.getLogger("picketbot.jobs")

MAX_BODY = 1_800
FOOTER = N_("picketbot job alerts · /jobs latest for more · /jobs unsubscribe to stop")


def chunk_blocks(blocks: Sequence[str], limit: int = MAX_BODY) -> list[list[str]]:
    """Consecutive blocks grouped so each group, joined by blank lines, fits ``limit``."""
    groups: list[list[str]] = []
    size = 0
    for block in (shorten(b, limit) for b in blocks):
        if groups and size + 2 + len(block) <= limit:
            groups[-1].append(block)
            size += 2 + len(block)
        else:
            groups.append([block])
            size = len(block)
    return groups


def _title(count: int, part: int, parts: int) -> str:
    if count == 1:
        title = _("New AI job listing")
    else:
        title = ngettext("{count} new AI job listing", "{count} new AI job listings", count).format(
            count=count
        )
    return _("{title} ({part}/{parts})").format(title=title, part=part, parts=parts) if parts > 1 else title


def _dedupe(platform: str, channel_id: str, ids: Sequence[int]) -> str:
    digest = hashlib.sha256(",".join(map(str, ids)).encode()).hexdigest()[:24]
    return f"jobs:alert:{platform}:{channel_id}:{digest}"


def alert_messages(
    platform: str, channel_id: str, listings: Sequence[StoredListing], figures: ReferenceFigures
) -> list[OutboundMessage]:
    """One channel's alerts for these listings, in as few messages as fit, in the language being
    spoken (the poller speaks ``[bot] language``: an alert is read by everyone in the channel)."""
    return [message for message, _ in alert_groups(platform, channel_id, listings, figures)]


def alert_groups(
    platform: str, channel_id: str, listings: Sequence[StoredListing], figures: ReferenceFigures
) -> list[tuple[OutboundMessage, list[int]]]:
    """`alert_messages`, each with the ids of the listings it carries."""
    blocks = [
        (listing.id, listing_block(listing, compare=compare_line(listing, figures))) for listing in listings
    ]
    groups = chunk_blocks([block for _, block in blocks])
    messages = []
    start = 0
    for part, group in enumerate(groups, start=1):
        ids = [listing_id for listing_id, _ in blocks[start : start + len(group)]]
        start += len(group)
        messages.append((
            OutboundMessage(
                platform=platform,
                target_kind="channel",
                target_id=channel_id,
                body="\n\n".join(group),
                kind="job_alert",
                title=_title(len(listings), part, len(groups)),
                footer=_(FOOTER),
                dedupe_key=_dedupe(platform, channel_id, ids),
                # Kept where it lands, so the alert can be edited when a listing closes.
                post_key=_dedupe(platform, channel_id, ids),
            ),
            ids,
        ))  # fmt: skip
    return messages


async def queue_alerts(db: Database, now: datetime) -> int:
    """Queue grouped alerts for every listing owed one; returns the messages queued."""
    figures = await reference_figures(db)
    queued = 0
    async with db.transaction() as tx:
        due = await job_listings.due_alerts(tx)
        if not due:
            return 0
        subs = await subscriptions.all_subscriptions(tx)
        per_channel: dict[tuple[str, str], list[StoredListing]] = {}
        for listing in due:
            for where in subscriptions.channels_for(subs, listing.company):
                per_channel.setdefault(where, []).append(listing)
        for (platform, channel_id), listings in per_channel.items():
            for message, ids in alert_groups(platform, channel_id, listings, figures):
                outbox_id = await outbox.enqueue(tx, message, not_before=now)
                if outbox_id is not None:
                    await alert_posts.record(tx, outbox_id, ids)
                    queued += 1
        await job_listings.mark_alerted(tx, [listing.id for listing in due], now)
    log.info("queued %d job alert messages for %d new AI listings", queued, len(due))
    return queued


@dataclass(frozen=True)
class ClosedListing:
    """A listing its board no longer shows, and what editing its posted alerts needs."""

    listing: StoredListing
    #: When the poll that closed it ran (the listing's ``closed_at``).
    closed_at: datetime
    #: The outbox messages that carried its alert, oldest first; empty when none was queued.
    alert_messages: tuple[int, ...]


async def closed_listings(
    tx: Transaction, listing_ids: Sequence[int], now: datetime, figures: ReferenceFigures
) -> list[ClosedListing]:
    """Called in a poll's own transaction with the listings that poll closed.

    Each alert already posted for them is edited, through the outbox in this
    same transaction, to say "closed on DATE" beside the closed listings (a
    Discord message edit, Slack ``chat.update``); the message's other
    listings are shown as before. Returns each closed listing with the
    alert messages that carried it.
    """
    if not listing_ids:
        return []
    listings = await job_listings.by_ids(tx, listing_ids)
    carried = await alert_posts.messages_for(tx, listing_ids)
    closed = [
        ClosedListing(listing, listing.closed_at or now, carried.get(listing.id, ())) for listing in listings
    ]
    edited = 0
    for outbox_id in sorted({message for c in closed for message in c.alert_messages}):
        edited += await _edit_alert(tx, outbox_id, figures)
    log.info("%d job listings closed; %d posted alerts edited to say so", len(closed), edited)
    return closed


async def _edit_alert(tx: Transaction, outbox_id: int, figures: ReferenceFigures) -> int:
    """Queue the alert `outbox_id` again with its closed listings marked; 1 if an edit was queued."""
    row = await tx.fetchone("SELECT post_key, title, footer FROM outbox WHERE id = ?", (outbox_id,))
    if row is None or row["post_key"] is None:  # queued before alerts kept where they landed
        return 0
    shown = await job_listings.by_ids(tx, await alert_posts.listings_of(tx, outbox_id))
    blocks = [
        listing_block(listing, compare=None if listing.closed_at else compare_line(listing, figures),
                      note=closed_note(listing.closed_at))
        for listing in shown
    ]  # fmt: skip
    # The notes add a line per closed listing to a body made to fit MAX_BODY: still far inside
    # both platforms' limits (Discord 4,096, a Slack section 3,000).
    content = PostContent(shorten("\n\n".join(blocks), 2 * MAX_BODY), row["title"], row["footer"])
    key = str(row["post_key"])
    queued = await tx.run(lambda sync: edits.queue_edit(sync, key, content, kind="job_alert_edit"))
    return int(queued is not None)


def closed_note(closed_at: datetime | None) -> str | None:
    """What a closed listing's block says: the board no longer shows it, since when (UTC date)."""
    if closed_at is None:
        return None
    return _("CLOSED on {day}: no longer on the board").format(day=f"{closed_at:%Y-%m-%d}")


async def queue_notice(tx: Transaction, company: str, text: str, key: str, now: datetime) -> int:
    """A one-line notice about a source to every channel that wants its company."""
    queued = 0
    for platform, channel_id in subscriptions.channels_for(
        await subscriptions.all_subscriptions(tx), company
    ):
        message = OutboundMessage(
            platform=platform,
            target_kind="channel",
            target_id=channel_id,
            body=no_pings(shorten(" ".join(text.split()), MAX_BODY)),
            kind="job_notice",
            dedupe_key=f"jobs:{key}:{platform}:{channel_id}",
        )
        if await outbox.enqueue(tx, message, not_before=now) is not None:
            queued += 1
    return queued
