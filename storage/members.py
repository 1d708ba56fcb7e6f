"""Members, keyed by (platform, platform user id).

An account linked to another (/link, `storage.links`) is the member its link
names: every lookup here reads `member_links` first, so one person's accounts
find one member row and the records on it.

One kind of member has no platform: someone a captain records by a plain name
(a walk-in who is on no chat the bot serves). Their "platform" is `PLAIN_NAME`
and their key is the name folded (case and spacing), so the same name typed
again is the same person; nothing is ever sent to them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from storage.database import Database, iso
from storage.instants import from_iso
from storage.sync_tx import Row, SyncTransaction


@dataclass(frozen=True)
class Member:
    id: int
    platform: str
    platform_user_id: str
    display_name: str
    forgotten: bool


async def ensure(
    db: Database,
    platform: str,
    user_id: str,
    display_name: str,
    role: str | None = None,
    locale: str | None = None,
) -> int:
    """The member's id, creating or renaming the row as needed (one hop to the database).

    `role`: the role the account's platform gives it now, kept for a linked account.
    `locale`: the locale the platform gave with this command (``es-419``), noted on the
    member's row when it changed; None (the platform said nothing) leaves the last one.
    """
    return await db.run_sync(lambda tx: ensure_in(tx, platform, user_id, display_name, role, locale))


#: A linked account's role is noted again after this long even when unchanged.
ROLE_REFRESH_HOURS = 1


def ensure_in(
    tx: SyncTransaction,
    platform: str,
    user_id: str,
    display_name: str,
    role: str | None = None,
    locale: str | None = None,
) -> int:
    """`ensure` on a transaction already open.

    The locale is read and written with the row the lookup reads anyway, so it costs
    no statement while it stays the same. A linked account other than the primary
    leaves the person's locale alone: notices go to the primary account, so it is
    that account's platform whose language they should follow.
    """
    link = tx.fetchone(
        "SELECT member_id, display_name, is_primary, role, role_seen_at FROM member_links"
        " WHERE platform = ? AND platform_user_id = ?",
        (platform, user_id),
    )
    if link is not None:
        _touch_link(tx, platform, user_id, link, display_name, role)
        if not link["is_primary"]:
            return int(link["member_id"])  # the person's row keeps the primary account's name
    row = tx.fetchone(
        "SELECT id, display_name, forgotten_at, locale FROM members WHERE platform = ? AND platform_user_id = ?",
        (platform, user_id),
    )
    if row is None:
        return tx.insert(
            "INSERT INTO members (platform, platform_user_id, display_name, created_at, locale)"
            " VALUES (?, ?, ?, ?, ?)",
            (platform, user_id, display_name, iso(tx.clock()), locale),
        )
    noted = row["locale"] if locale is None else locale
    if row["display_name"] != display_name or row["forgotten_at"] is not None or noted != row["locale"]:
        # A member who comes back after /forget-me is a member again.
        tx.execute(
            "UPDATE members SET display_name = ?, forgotten_at = NULL, locale = ? WHERE id = ?",
            (display_name, noted, row["id"]),
        )
    return int(row["id"])


def _touch_link(
    tx: SyncTransaction, platform: str, user_id: str, link: Row, name: str, role: str | None
) -> None:
    """Note a linked account's current name and role (written only when they changed, or hourly)."""
    now = tx.clock()
    stale = from_iso(link["role_seen_at"]) < now - timedelta(hours=ROLE_REFRESH_HOURS)
    if link["display_name"] == name and (role is None or (role == link["role"] and not stale)):
        return
    # The role's time is decided here, not by `? IS NULL` in SQL: PostgreSQL cannot type that mark.
    seen = None if role is None else iso(now)
    tx.execute(
        "UPDATE member_links SET display_name = ?, role = coalesce(?, role),"
        " role_seen_at = coalesce(?, role_seen_at) WHERE platform = ? AND platform_user_id = ?",
        (name, role, seen, platform, user_id),
    )


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
    """The member an account is: its link's member if it is linked, else its own row."""
    row = await db.fetchone(
        "SELECT * FROM members WHERE id = coalesce("
        " (SELECT member_id FROM member_links WHERE platform = ? AND platform_user_id = ?),"
        " (SELECT id FROM members WHERE platform = ? AND platform_user_id = ?))",
        (platform, user_id, platform, user_id),
    )
    return None if row is None else _member(row)


async def by_name(db: Database, platform: str, name: str) -> list[Member]:
    """Members on `platform` whose display name matches, case-insensitively.

    A linked account counts by its own name there, as the member it is linked to.
    """
    rows = await db.fetchall(
        "SELECT * FROM members WHERE forgotten_at IS NULL AND id IN ("
        " SELECT coalesce(l.member_id, m.id) FROM members m LEFT JOIN member_links l"
        "  ON l.platform = m.platform AND l.platform_user_id = m.platform_user_id"
        "  WHERE m.platform = ?1 AND m.display_name = ?2 COLLATE NOCASE AND l.platform IS NULL"
        " UNION SELECT member_id FROM member_links WHERE platform = ?1 AND display_name = ?2 COLLATE NOCASE"
        ") ORDER BY id",
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


def spoken_in(tx: SyncTransaction, member_id: int) -> str | None:
    """What a member reads: the language they chose (/lang), else their platform's last locale.

    Raw codes (``es``, ``es-419``): the command layer turns them into a language it speaks.
    """
    row = tx.fetchone("SELECT language, locale FROM members WHERE id = ?", (member_id,))
    if row is None:
        return None
    return row["language"] or row["locale"] or None


#: The longest language code kept (``es``, ``en``; /lang checks it against what the bot speaks).
MAX_LANGUAGE = 16


async def choose_language(db: Database, member_id: int, language: str | None) -> None:
    """Note the language a member chose (/lang), or clear the choice (None)."""
    if language is not None and len(language) > MAX_LANGUAGE:
        raise ValueError(f"not a language code: {language[:20]!r}")
    await db.run_sync(
        lambda tx: tx.execute("UPDATE members SET language = ? WHERE id = ?", (language, member_id))
    )


async def chosen_languages(db: Database) -> dict[tuple[str, str], str]:
    """Every account whose person chose a language (/lang), by (platform, platform user id).

    A linked account (/link) has its person's choice: the choice is on the person's row.
    """
    rows = await db.fetchall(
        # Each account with its person's choice: a linked account's own row (if any) says nothing.
        "SELECT a.platform, a.platform_user_id, p.language FROM members a"
        " LEFT JOIN member_links l ON l.platform = a.platform AND l.platform_user_id = a.platform_user_id"
        " JOIN members p ON p.id = coalesce(l.member_id, a.id) WHERE p.language IS NOT NULL"
        " UNION SELECT l.platform, l.platform_user_id, p.language FROM member_links l"
        " JOIN members p ON p.id = l.member_id WHERE p.language IS NOT NULL"
    )
    return {(str(r["platform"]), str(r["platform_user_id"])): str(r["language"]) for r in rows}
