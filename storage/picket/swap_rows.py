"""Swap offers in and out of SQL: loading what the swap rules need, writing what they decided.

Every function runs on the database's thread inside a caller's one-hop
transaction. An offer is loaded with whether the offerer's sign-up is still
a confirmed place: an offer lives only as long as its place, so cancelling a
sign-up (or the shift) needs no hook here; the deadline pass voids the offer.
"""

from __future__ import annotations

from datetime import datetime

from storage.instants import from_iso, iso
from storage.picket import rows
from storage.picket.model import Recipient, SignupRole
from storage.picket.place_outcomes import Offer, Party
from storage.picket.post_marks import mark_stale
from storage.picket.refusals import no_offer
from storage.sync_tx import Row, SyncTransaction

OFFER_SELECT = """
SELECT o.*, g.status AS signup_status,
       mo.display_name AS offerer_name, mo.platform AS offerer_platform, mo.platform_user_id AS offerer_user,
       mt.display_name AS taker_name, mt.platform AS taker_platform, mt.platform_user_id AS taker_user,
       mt.forgotten_at AS taker_forgotten
FROM swap_offers o
JOIN signups g ON g.id = o.signup_id
JOIN members mo ON mo.id = o.offered_by
LEFT JOIN members mt ON mt.id = o.taker_id
"""

#: Live offers whose place is gone, or whose pending taker asked to be forgotten: due at once.
_DEAD = """
FROM swap_offers o
JOIN signups g ON g.id = o.signup_id
JOIN shifts sh ON sh.id = o.shift_id
JOIN sites s ON s.id = sh.site_id
LEFT JOIN members mt ON mt.id = o.taker_id
WHERE o.status IN ('open', 'pending')
  AND (g.status != 'confirmed' OR sh.cancelled_at IS NOT NULL OR s.closed_at IS NOT NULL
       OR (o.status = 'pending' AND mt.forgotten_at IS NOT NULL))
"""


def offer_from_row(row: Row) -> Offer:
    offerer = Party(
        int(row["offered_by"]),
        str(row["offerer_name"]),
        Recipient(int(row["offered_by"]), row["offerer_platform"], row["offerer_user"]),
    )
    taker = None
    if row["taker_id"] is not None:
        taker_id = int(row["taker_id"])
        taker = Party(
            taker_id, str(row["taker_name"]), Recipient(taker_id, row["taker_platform"], row["taker_user"])
        )
    return Offer(
        id=int(row["id"]),
        shift_id=int(row["shift_id"]),
        signup_id=int(row["signup_id"]),
        offerer=offerer,
        role=row["role"],
        status=row["status"],
        deadline=from_iso(row["deadline"]),
        taker=taker,
        taker_role=row["taker_role"],
        place_held=row["signup_status"] == "confirmed",
        asked_at=None if row["requested_at"] is None else from_iso(row["requested_at"]),
    )


def get_offer(tx: SyncTransaction, offer_id: int) -> Offer | None:
    row = tx.fetchone(OFFER_SELECT + " WHERE o.id = ?", (offer_id,))
    return None if row is None else offer_from_row(row)


def require_offer(tx: SyncTransaction, offer_id: int) -> Offer:
    found = get_offer(tx, offer_id)
    if found is None:
        raise no_offer(offer_id)
    return found


def live_offer_for(tx: SyncTransaction, signup_id: int) -> int | None:
    value = tx.fetchval(
        "SELECT id FROM swap_offers WHERE signup_id = ? AND status IN ('open', 'pending')", (signup_id,)
    )
    return None if value is None else int(value)


def live_offers(tx: SyncTransaction, now: datetime, shift_id: int | None = None) -> list[Offer]:
    """Offers still in play on shifts not yet started, soonest shift first."""
    sql = (
        OFFER_SELECT + " JOIN shifts sh ON sh.id = o.shift_id JOIN sites s ON s.id = sh.site_id"
        " WHERE o.status IN ('open', 'pending') AND g.status = 'confirmed' AND sh.cancelled_at IS NULL"
        " AND s.closed_at IS NULL AND sh.starts_at > ?"
    )
    params: list[object] = [iso(now)]
    if shift_id is not None:
        sql += " AND o.shift_id = ?"
        params.append(shift_id)
    return [offer_from_row(row) for row in tx.fetchall(sql + " ORDER BY sh.starts_at, o.id", params)]


def due_offers(tx: SyncTransaction, now: datetime) -> list[Offer]:
    """Live offers past their deadline, and those whose place is gone."""
    ids = [int(row[0]) for row in tx.fetchall("SELECT o.id " + _DEAD)]
    ids += [
        int(row[0])
        for row in tx.fetchall(
            "SELECT id FROM swap_offers WHERE status IN ('open', 'pending') AND deadline <= ?", (iso(now),)
        )
    ]
    return [require_offer(tx, offer_id) for offer_id in sorted(set(ids))]


def next_deadline(tx: SyncTransaction, now: datetime) -> datetime | None:
    """When the next live offer falls due: now, when one's place is already gone."""
    if tx.fetchval("SELECT count(*) " + _DEAD):
        return now
    value = tx.fetchval("SELECT min(deadline) FROM swap_offers WHERE status IN ('open', 'pending')")
    return None if value is None else from_iso(value)


def insert_offer(
    tx: SyncTransaction, shift_id: int, signup_id: int, member_id: int, role: SignupRole, deadline: datetime,
    now: datetime,
) -> int:  # fmt: skip
    return tx.insert(
        "INSERT INTO swap_offers (shift_id, signup_id, offered_by, role, status, deadline, created_at)"
        " VALUES (?, ?, ?, ?, 'open', ?, ?)",
        (shift_id, signup_id, member_id, role, iso(deadline), iso(now)),
    )


def set_offer(
    tx: SyncTransaction,
    offer_id: int,
    status: str,
    now: datetime,
    *,
    taker: tuple[int, SignupRole] | None = None,
    settled_by: int | None = None,
) -> None:
    """Set an offer's status; `taker` (member, role) asks to take it (pending) or took it.

    Back to "open" (a refused take) forgets the taker; a final status is settled now.
    """
    if status == "open":
        tx.execute(
            "UPDATE swap_offers SET status = 'open', taker_id = NULL, taker_role = NULL,"
            " requested_at = NULL WHERE id = ?",
            (offer_id,),
        )
    elif status == "pending":
        assert taker is not None
        tx.execute(
            "UPDATE swap_offers SET status = 'pending', taker_id = ?, taker_role = ?, requested_at = ?"
            " WHERE id = ?",
            (*taker, iso(now), offer_id),
        )
    else:
        tx.execute(
            "UPDATE swap_offers SET status = ?, settled_at = ?, settled_by = ? WHERE id = ?",
            (status, iso(now), settled_by, offer_id),
        )
        if taker is not None:
            tx.execute("UPDATE swap_offers SET taker_id = ?, taker_role = ? WHERE id = ?", (*taker, offer_id))


def move_place(tx: SyncTransaction, offer: Offer, taker_id: int, role: SignupRole, now: datetime) -> int:
    """The offered place becomes the taker's: the offerer's sign-up is cancelled, the taker's
    waitlist entry on the shift (if any) removed, and the taker confirmed, all in the caller's
    transaction. The taker chose the place, so it counts as confirmed (they're coming)."""
    rows.set_status(tx, [offer.signup_id], "cancelled", now)
    stamp = iso(now)
    tx.execute(
        "UPDATE signups SET status = 'cancelled', updated_at = ?"
        " WHERE shift_id = ? AND member_id = ? AND status = 'waitlisted'",
        (stamp, offer.shift_id, taker_id),
    )
    signup_id = tx.insert(
        "INSERT INTO signups (shift_id, member_id, role, status, created_at, updated_at, confirmed_at)"
        " VALUES (?, ?, ?, 'confirmed', ?, ?, ?)",
        (offer.shift_id, taker_id, role, stamp, stamp, stamp),
    )
    tx.schedule_changed = True
    mark_stale(tx, [offer.shift_id])
    return signup_id


def party(tx: SyncTransaction, member_id: int) -> Party:
    row = tx.fetchone(
        "SELECT display_name, platform, platform_user_id FROM members WHERE id = ?", (member_id,)
    )
    assert row is not None
    return Party(member_id, str(row[0]), Recipient(member_id, row[1], row[2]))


def shift_captains(tx: SyncTransaction, shift_id: int, leave_out: set[int]) -> tuple[Recipient, ...]:
    """Captains confirmed on the shift (forgotten members and `leave_out` left out)."""
    found = tx.fetchall(
        "SELECT m.id, m.platform, m.platform_user_id FROM signups g JOIN members m ON m.id = g.member_id"
        " WHERE g.shift_id = ? AND g.status = 'confirmed' AND g.role = 'captain' AND m.forgotten_at IS NULL"
        " ORDER BY g.id",
        (shift_id,),
    )
    return tuple(Recipient(int(r[0]), r[1], r[2]) for r in found if int(r[0]) not in leave_out)
