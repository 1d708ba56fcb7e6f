"""Members, keyed by (platform, platform user id).

One kind of member has no platform: someone a captain records by a plain name
(a walk-in who is on no chat the bot serves). Their "platform" is `PLAIN_NAME`
and their key is the name folded (case and spacing), so the same name typed
again is the same person; nothing is ever sent to them.
"""

from __future__ import annotations

from dataclasses import dataclass

from storage.database import Database, iso
from storage.sync_tx import Row, SyncTransaction


@dataclass(frozen=True)
class Member:
    id: int
    platform: str
    platform_user_id: str
    display_name: str
    forgotten: bool


async def ensure(db: Database, platform: str, user_id: str, display_name: str) -> int:
    """The member's id, creating or renaming the row as needed (one hop to the database)."""
    return await db.run_sync(lambda tx: ensure_in(tx, platform, user_id, display_name))


def ensure_in(tx: SyncTransaction, platform: str, user_id: str, display_name: str) -> int:
    row = tx.fetchone(
        "SELECT id, display_name, forgotten_at FROM members WHERE platform = ? AND platform_user_id = ?",
        (platform, user_id),
    )
    if row is None:
        return tx.insert(
            "INSERT INTO members (platform, platform_user_id, display_name, created_at) VALUES (?, ?, ?, ?)",
            (platform, user_id, display_name, iso(tx.clock())),
        )
    if row["display_name"] != display_name or row["forgotten_at"] is not None:
        # A member who comes back after /forget-me is a member again.
        tx.execute(
            "UPDATE members SET display_name = ?, forgotten_at = NULL WHERE id = ?",
            (display_name, row["id"]),
        )
    return int(row["id"])


def _member(r: Row) -> Member:
    return Member(
        id=int(r["id"]),
        platform=str(r["platform"]),
        platform_user_id=str(r["platform_user_id"]),
        display_name=str(r["display_name"]),
        forgotten=r["forgotten_at"] is not None,
    )


async def get(db: Database, member_id: int) -> Member | None:
    row = await db.fetchone("SELECT * FROM members WHERE id = ?", (member_id,))
    return None if row is None else _member(row)


async def by_platform_id(db: Database, platform: str, user_id: str) -> Member | None:
    row = await db.fetchone(
        "SELECT * FROM members WHERE platform = ? AND platform_user_id = ?", (platform, user_id)
    )
    return None if row is None else _member(row)


async def by_name(db: Database, platform: str, name: str) -> list[Member]:
    """Members on `platform` whose display name matches, case-insensitively."""
    rows = await db.fetchall(
        "SELECT * FROM members WHERE platform = ? AND display_name = ? COLLATE NOCASE "
        "AND forgotten_at IS NULL ORDER BY id",
        (platform, name.strip()),
    )
    return [_member(row) for row in rows]


#: The platform of members recorded by a plain name, with no chat id.
PLAIN_NAME = "name"


def name_key(name: str) -> str:
    """A plain name's key: "Zed  Alvarez" and "zed alvarez" are one person."""
    return " ".join(name.casefold().split())


async def plain_named(db: Database, name: str) -> Member | None:
    """The member recorded by this plain name, if any."""
    return await by_platform_id(db, PLAIN_NAME, name_key(name))
