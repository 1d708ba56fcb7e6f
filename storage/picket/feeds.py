"""Calendar feeds: private URLs a phone calendar subscribes to, for a member or a site.

A feed's URL carries a random token (`secrets.token_urlsafe`, 256 bits).
Only the token's SHA-256 is stored: a copy of the database gives no working
URL, and looking a token up by its hash takes the same time however close a
guess is to a real one (the guess's hash shares nothing with the real one's).
So the URL can be shown once only; asking again makes a new one and ends the
old (one live feed per member, and per site). Revoking ends it at once.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime

from storage import audit
from storage.database import Database, iso
from storage.sync_tx import SyncTransaction

#: Random bytes in a token (43 URL-safe characters).
TOKEN_BYTES = 32
#: What a token looks like; anything else is not looked up at all.
TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{40,64}")


@dataclass(frozen=True)
class Feed:
    id: int
    #: A member's feed (their confirmed shifts), or a site's (all its shifts).
    member_id: int | None
    site_id: int | None
    site_name: str | None
    #: A member feed's owner's language (chosen with /lang, else their platform's last locale),
    #: raw as `storage.members.spoken_in` gives it; read with the feed, in the same query.
    spoken_in: str | None = None


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def _owner(member_id: int | None, site_id: int | None) -> tuple[str, int]:
    if (member_id is None) == (site_id is None):
        raise ValueError("a feed is a member's or a site's")
    return ("member_id", member_id) if member_id is not None else ("site_id", site_id)  # type: ignore[return-value]


def _revoke_in(tx: SyncTransaction, column: str, owner: int, now: datetime) -> int:
    # `column` is one of two names chosen in `_owner`, never outside text.
    cursor = tx.execute(
        f"UPDATE calendar_feeds SET revoked_at = ? WHERE {column} = ? AND revoked_at IS NULL",
        (iso(now), owner),
    )
    return cursor.rowcount


async def issue(
    db: Database,
    *,
    member_id: int | None = None,
    site_id: int | None = None,
    actor: int | None,
    now: datetime,
) -> str:
    """A new feed for the member or site, ending the one it had; returns the token (shown once)."""
    column, owner = _owner(member_id, site_id)
    token = secrets.token_urlsafe(TOKEN_BYTES)

    def work(tx: SyncTransaction) -> None:
        _revoke_in(tx, column, owner, now)
        tx.execute(
            "INSERT INTO calendar_feeds (token_hash, member_id, site_id, created_by, created_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (token_hash(token), member_id, site_id, actor, iso(now)),
        )
        audit.record_in(tx, actor, "picket.feed.issue", f"{column.removesuffix('_id')}:{owner}")

    await db.run_sync(work)
    return token


async def revoke(
    db: Database,
    *,
    member_id: int | None = None,
    site_id: int | None = None,
    actor: int | None,
    now: datetime,
) -> bool:
    """End the member's or site's feed; False if it had none."""
    column, owner = _owner(member_id, site_id)

    def work(tx: SyncTransaction) -> bool:
        ended = _revoke_in(tx, column, owner, now) > 0
        if ended:
            audit.record_in(tx, actor, "picket.feed.revoke", f"{column.removesuffix('_id')}:{owner}")
        return ended

    return await db.run_sync(work)


def revoke_member_in(tx: SyncTransaction, member_id: int, now: datetime) -> None:
    """End a member's feed inside the caller's transaction (forget-me)."""
    _revoke_in(tx, "member_id", member_id, now)


async def find(db: Database, token: str) -> Feed | None:
    """The live feed a token opens, or None (unknown, revoked, or not a token at all)."""
    if not TOKEN_SHAPE.fullmatch(token):
        return None
    row = await db.fetchone(
        "SELECT f.id, f.member_id, f.site_id, s.name AS site_name, m.language, m.locale"
        " FROM calendar_feeds f LEFT JOIN sites s ON s.id = f.site_id"
        " LEFT JOIN members m ON m.id = f.member_id WHERE f.token_hash = ? AND f.revoked_at IS NULL",
        (token_hash(token),),
    )
    if row is None:
        return None
    spoken = row["language"] or row["locale"] or None
    return Feed(int(row["id"]), row["member_id"], row["site_id"], row["site_name"], spoken)
