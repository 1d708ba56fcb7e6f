"""One person on several chat accounts: one-time codes, links, and undoing them.

`/link` on one account gives a code (`issue_code`); typed on another account
(`redeem`), it links that account to the first one's member row, which from
then on holds both accounts' records (`storage.link_merge` moves what the
second one had). Lookups by account (`storage.members`, the sign-up batch)
read `member_links` first, so storage keyed by (platform, user id) keeps
working.

Codes: eight characters from 31 (almost 40 bits), kept only as a SHA-256, working
once and for `CODE_MINUTES`. A code that links nothing (wrong, expired or used)
is noted, and an account that has typed `MAX_WRONG` of them in `WRONG_WINDOW`
(or everyone, after `MAX_WRONG_ALL`) is refused without the code being read:
guessing one live code among nearly a trillion at that pace takes longer than any strike.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from storage import audit
from storage.database import Database, iso
from storage.instants import from_iso
from storage.link_merge import Merged, merge_in
from storage.picket.outcomes import Notices
from storage.sync_tx import Row, SyncTransaction

CODE_MINUTES = 10
CODE_LENGTH = 8
#: No 0/O, 1/I/L: nothing that reads as something else when copied by eye.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
WRONG_WINDOW = timedelta(minutes=15)
MAX_WRONG = 5
MAX_WRONG_ALL = 100
_SHAPE = re.compile(f"[{ALPHABET}]{{{CODE_LENGTH}}}")

Refusal = Literal["wrong", "expired", "used", "too-many", "too-many-all", "same-account", "already-linked"]


@dataclass(frozen=True)
class AccountKey:
    platform: str
    user_id: str
    display_name: str
    #: The role the account's platform gives it ('member', 'captain', 'organizer').
    role: str


@dataclass(frozen=True)
class Account:
    platform: str
    user_id: str
    display_name: str
    primary: bool
    role: str
    role_seen_at: datetime
    linked_at: datetime


@dataclass(frozen=True)
class Linked:
    member_id: int
    accounts: list[Account]
    merged: Merged | None


@dataclass(frozen=True)
class Refused:
    reason: Refusal
    #: For "already-linked": the account it is linked to now.
    other: Account | None = None


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def normalized(typed: str) -> str:
    """A code as typed ("abcd-efgh", "ABCD EFGH") in the form it was hashed."""
    return re.sub(r"[\s-]", "", typed).upper()


def code_hash(code: str) -> str:
    return hashlib.sha256(normalized(code).encode("utf-8")).hexdigest()


async def issue_code(db: Database, member_id: int, who: AccountKey, now: datetime) -> str:
    """A new code for this account, ending any it had not used."""
    code = new_code()

    def work(tx: SyncTransaction) -> None:
        tx.execute(
            "DELETE FROM link_codes WHERE platform = ? AND platform_user_id = ? AND used_at IS NULL",
            (who.platform, who.user_id),
        )
        tx.execute(
            "INSERT INTO link_codes (code_hash, member_id, platform, platform_user_id, display_name, role,"
            " created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                code_hash(code),
                member_id,
                who.platform,
                who.user_id,
                who.display_name,
                who.role,
                iso(now),
                iso(now + timedelta(minutes=CODE_MINUTES)),
            ),
        )
        audit.record_in(tx, member_id, "member.link.code", f"member:{member_id}")

    await db.run_sync(work)
    return code


async def redeem(
    db: Database, typed: str, who: AccountKey, now: datetime, notices: Notices
) -> Linked | Refused:
    """Link `who` to the account that gave the code, or say why not (a miss is noted)."""
    return await db.run_sync(lambda tx: _redeem_in(tx, typed, who, now, notices))


def _redeem_in(
    tx: SyncTransaction, typed: str, who: AccountKey, now: datetime, notices: Notices
) -> Linked | Refused:
    limited = _rate_limited(tx, who, now)
    if limited is not None:
        return Refused(limited)
    code = normalized(typed)
    row = None
    if _SHAPE.fullmatch(code):
        row = tx.fetchone("SELECT * FROM link_codes WHERE code_hash = ?", (code_hash(code),))
    miss: Refusal | None = None
    if row is None:
        miss = "wrong"
    elif row["used_at"] is not None:
        miss = "used"
    elif from_iso(row["expires_at"]) <= now:
        miss = "expired"
    if miss is not None or row is None:
        _note_miss(tx, who, now)
        return Refused(miss or "wrong")
    return _link_in(tx, row, who, now, notices)


def _rate_limited(tx: SyncTransaction, who: AccountKey, now: datetime) -> Refusal | None:
    since = iso(now - WRONG_WINDOW)
    mine = tx.fetchval(
        "SELECT count(*) FROM link_attempts WHERE platform = ? AND platform_user_id = ? AND at > ?",
        (who.platform, who.user_id, since),
    )
    if int(mine) >= MAX_WRONG:
        return "too-many"
    if int(tx.fetchval("SELECT count(*) FROM link_attempts WHERE at > ?", (since,))) >= MAX_WRONG_ALL:
        return "too-many-all"
    return None


def _note_miss(tx: SyncTransaction, who: AccountKey, now: datetime) -> None:
    tx.execute("DELETE FROM link_attempts WHERE at <= ?", (iso(now - WRONG_WINDOW),))
    tx.execute(
        "INSERT INTO link_attempts (platform, platform_user_id, at) VALUES (?, ?, ?)",
        (who.platform, who.user_id, iso(now)),
    )


def _link_in(
    tx: SyncTransaction, code: Row, who: AccountKey, now: datetime, notices: Notices
) -> Linked | Refused:
    giver = (str(code["platform"]), str(code["platform_user_id"]))
    if giver == (who.platform, who.user_id):
        return Refused("same-account")  # not a miss: the code still works from the other account
    person = _member_of(tx, *giver)
    if person is None:
        return Refused("expired")  # the giver has gone (forget-me) since
    linked_to = _linked_to(tx, who)
    if linked_to is not None:
        return linked_to
    own = tx.fetchval(
        "SELECT id FROM members WHERE platform = ? AND platform_user_id = ?", (who.platform, who.user_id)
    )
    tx.execute("UPDATE link_codes SET used_at = ? WHERE code_hash = ?", (iso(now), code["code_hash"]))
    _add_link(tx, giver, person, str(code["display_name"]), str(code["role"]), now, primary=True)
    _add_link(tx, (who.platform, who.user_id), person, who.display_name, who.role, now, primary=False)
    merged = None
    if own is not None and int(own) != person:
        merged = merge_in(tx, person, int(own), now, notices)
        # A language chosen on this account (/lang) is the person's, unless they chose one on
        # the primary: otherwise linking would undo the choice on the very account it was made.
        tx.execute(
            "UPDATE members SET language = (SELECT language FROM members WHERE id = ?)"
            " WHERE id = ? AND language IS NULL",
            (int(own), person),
        )
    audit.record_in(tx, person, "member.link", f"member:{person}", f"{who.platform} account linked")
    return Linked(person, accounts_in(tx, person), merged)


def _linked_to(tx: SyncTransaction, who: AccountKey) -> Refused | None:
    """A refusal when `who` is linked already (to anyone: /link remove comes first)."""
    mine = tx.fetchval(
        "SELECT member_id FROM member_links WHERE platform = ? AND platform_user_id = ?",
        (who.platform, who.user_id),
    )
    if mine is None:
        return None
    others = [a for a in accounts_in(tx, int(mine)) if (a.platform, a.user_id) != (who.platform, who.user_id)]
    return Refused("already-linked", others[0] if others else None)


def _member_of(tx: SyncTransaction, platform: str, user_id: str) -> int | None:
    """The member row an account is now (its link's, or its own), unless forgotten."""
    row = tx.fetchone(
        "SELECT id FROM members WHERE forgotten_at IS NULL AND id = coalesce("
        " (SELECT member_id FROM member_links WHERE platform = ? AND platform_user_id = ?),"
        " (SELECT id FROM members WHERE platform = ? AND platform_user_id = ?))",
        (platform, user_id, platform, user_id),
    )
    return None if row is None else int(row["id"])


def _add_link(
    tx: SyncTransaction,
    account: tuple[str, str],
    member_id: int,
    name: str,
    role: str,
    now: datetime,
    *,
    primary: bool,
) -> None:
    """Link `account` to `member_id` (an account linked already keeps its row and role)."""
    stamp = iso(now)
    tx.execute(
        "INSERT OR IGNORE INTO member_links (platform, platform_user_id, member_id, display_name, is_primary,"
        " role, role_seen_at, linked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (*account, member_id, name, int(primary), role, stamp, stamp),
    )


def accounts_in(tx: SyncTransaction, member_id: int) -> list[Account]:
    found = tx.fetchall(
        "SELECT * FROM member_links WHERE member_id = ? ORDER BY is_primary DESC, linked_at, platform",
        (member_id,),
    )
    return [
        Account(
            platform=str(r["platform"]),
            user_id=str(r["platform_user_id"]),
            display_name=str(r["display_name"]),
            primary=bool(r["is_primary"]),
            role=str(r["role"]),
            role_seen_at=from_iso(r["role_seen_at"]),
            linked_at=from_iso(r["linked_at"]),
        )
        for r in found
    ]


async def accounts(db: Database, member_id: int) -> list[Account]:
    """A member's linked accounts, the primary first (none when not linked)."""
    return await db.run_sync(lambda tx: accounts_in(tx, member_id), write=False)


async def other_roles(db: Database, platform: str, user_id: str) -> list[tuple[str, datetime]]:
    """(role, when last seen) of the other accounts linked to this one."""
    found = await db.fetchall(
        "SELECT o.role, o.role_seen_at FROM member_links me JOIN member_links o ON o.member_id = me.member_id"
        " WHERE me.platform = ? AND me.platform_user_id = ?"
        " AND NOT (o.platform = me.platform AND o.platform_user_id = me.platform_user_id)",
        (platform, user_id),
    )
    return [(str(r["role"]), from_iso(r["role_seen_at"])) for r in found]


async def unlink(db: Database, member_id: int) -> list[Account]:
    """Undo every link of this member; returns the accounts that are their own again.

    Records stay with the member row, which is the primary account's.
    """

    def work(tx: SyncTransaction) -> list[Account]:
        linked = accounts_in(tx, member_id)
        tx.execute("DELETE FROM member_links WHERE member_id = ?", (member_id,))
        tx.execute("DELETE FROM link_codes WHERE member_id = ? AND used_at IS NULL", (member_id,))
        if linked:
            audit.record_in(tx, member_id, "member.unlink", f"member:{member_id}", f"{len(linked)} accounts")
        return [a for a in linked if not a.primary]

    return await db.run_sync(work)


def forget_links_in(tx: SyncTransaction, member_id: int) -> list[tuple[str, str]]:
    """For forget-me: end the member's links and codes; the accounts besides the primary.

    Each of those accounts' own member rows (emptied when they were linked) is
    forgotten too, so nothing is left under that account's id or name.
    """
    others = [(a.platform, a.user_id) for a in accounts_in(tx, member_id) if not a.primary]
    tx.execute("DELETE FROM member_links WHERE member_id = ?", (member_id,))
    tx.execute("DELETE FROM link_codes WHERE member_id = ?", (member_id,))
    return others
