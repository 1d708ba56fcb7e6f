"""Picket rows in and out of SQLite: loading what the rules need, writing what they decided.

The one module of `storage.picket` (with `signup_batch`) that holds the
queries for shifts, sites and sign-ups. Every function runs on the
database's thread inside a caller's one-hop transaction (`SyncTransaction`).
A write that can change which reminders are due notes it on the
transaction, and the `Database` wakes the reminder scheduler once it commits;
one that changes a shift marks its live posts stale (`post_marks`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from storage import members
from storage.instants import from_iso, iso
from storage.outbox.queue import enqueue_all
from storage.picket.model import NewShift, OnShift, Recipient, Shift, Site, Waiting
from storage.picket.outcomes import Notices, Outcome, Promoted
from storage.picket.post_marks import mark_stale, mark_stale_by_signups
from storage.picket.refusals import no_shift
from storage.sync_tx import Row, SyncTransaction, in_chunks

SHIFT_SELECT = """
SELECT sh.*, s.name AS site_name, s.timezone AS timezone, s.platform AS site_platform,
       s.channel_id AS site_channel_id, s.closed_at AS site_closed_at,
       (SELECT count(*) FROM signups g WHERE g.shift_id = sh.id AND g.status = 'confirmed') AS n_confirmed,
       (SELECT count(*) FROM signups g
         WHERE g.shift_id = sh.id AND g.status = 'confirmed' AND g.role = 'captain') AS n_captains,
       (SELECT count(*) FROM signups g WHERE g.shift_id = sh.id AND g.status = 'waitlisted') AS n_waiting
FROM shifts sh JOIN sites s ON s.id = sh.site_id
"""

POSITION_SQL = "SELECT count(*) FROM signups WHERE shift_id = ? AND status = 'waitlisted' AND id <= ?"


def shift_from_row(row: Row) -> Shift:
    return Shift(
        id=int(row["id"]),
        site_id=int(row["site_id"]),
        site_name=str(row["site_name"]),
        timezone=str(row["timezone"]),
        starts_at=from_iso(row["starts_at"]),
        ends_at=from_iso(row["ends_at"]),
        local_date=str(row["local_date"]),
        local_start=str(row["local_start"]),
        local_end=str(row["local_end"]),
        capacity=int(row["capacity"]),
        captains_needed=int(row["captains_needed"]),
        notes=str(row["notes"]),
        series_id=None if row["series_id"] is None else int(row["series_id"]),
        cancelled_at=row["cancelled_at"],
        cancel_reason=row["cancel_reason"],
        site_closed=row["site_closed_at"] is not None,
        site_platform=row["site_platform"],
        site_channel_id=row["site_channel_id"],
        confirmed=int(row["n_confirmed"]),
        captains=int(row["n_captains"]),
        waitlisted=int(row["n_waiting"]),
        kind=str(row["kind"]),
    )


def site_from_row(row: Row) -> Site:
    return Site(
        id=int(row["id"]),
        name=str(row["name"]),
        address=str(row["address"]),
        timezone=str(row["timezone"]),
        notes=str(row["notes"]),
        platform=row["platform"],
        channel_id=row["channel_id"],
        created_at=str(row["created_at"]),
        closed_at=row["closed_at"],
        closed_reason=row["closed_reason"],
        swaps=str(row["swaps"]),
    )


# --------------------------------------------------------------------------- loading


def get_shift(tx: SyncTransaction, shift_id: int) -> Shift | None:
    row = tx.fetchone(SHIFT_SELECT + " WHERE sh.id = ?", (shift_id,))
    return None if row is None else shift_from_row(row)


def require_shift(tx: SyncTransaction, shift_id: int) -> Shift:
    found = get_shift(tx, shift_id)
    if found is None:
        raise no_shift(shift_id)
    return found


def load_shifts(tx: SyncTransaction, shift_ids: Iterable[int]) -> dict[int, Shift]:
    """The shifts that exist among `shift_ids`, by id, with their counts."""
    found: dict[int, Shift] = {}
    for marks, chunk in in_chunks(sorted(set(shift_ids))):
        rows = tx.fetchall(SHIFT_SELECT + f" WHERE sh.id IN ({marks})", chunk)
        found.update((int(row["id"]), shift_from_row(row)) for row in rows)
    return found


def get_site(tx: SyncTransaction, site_id: int) -> Site | None:
    row = tx.fetchone("SELECT * FROM sites WHERE id = ?", (site_id,))
    return None if row is None else site_from_row(row)


def site_named(tx: SyncTransaction, name: str) -> Site | None:
    """The site called `name`, in any case (the column compares without case)."""
    row = tx.fetchone("SELECT * FROM sites WHERE name = ?", (name,))
    return None if row is None else site_from_row(row)


def on_shifts(tx: SyncTransaction, shift_ids: Iterable[int]) -> dict[int, tuple[OnShift, ...]]:
    """Everyone confirmed or waiting on each shift, in sign-up order (forgotten members left out)."""
    found: dict[int, list[OnShift]] = {}
    for marks, chunk in in_chunks(sorted(set(shift_ids))):
        rows = tx.fetchall(
            "SELECT g.id, g.shift_id, g.status, m.id AS member_id, m.platform, m.platform_user_id"
            " FROM signups g JOIN members m ON m.id = g.member_id"
            f" WHERE g.shift_id IN ({marks}) AND g.status != 'cancelled' AND m.forgotten_at IS NULL"
            " ORDER BY g.id",
            chunk,
        )
        for r in rows:
            to = Recipient(int(r["member_id"]), r["platform"], r["platform_user_id"])
            found.setdefault(int(r["shift_id"]), []).append(OnShift(int(r["id"]), to, r["status"]))
    return {shift_id: tuple(entries) for shift_id, entries in found.items()}


def waiting(tx: SyncTransaction, shift_id: int) -> list[Waiting]:
    """The shift's waitlist, first in line first."""
    rows = tx.fetchall(
        "SELECT g.id, g.role, m.id AS member_id, m.display_name, m.platform, m.platform_user_id "
        "FROM signups g JOIN members m ON m.id = g.member_id "
        "WHERE g.shift_id = ? AND g.status = 'waitlisted' ORDER BY g.id",
        (shift_id,),
    )
    return [
        Waiting(
            int(r["id"]),
            r["role"],
            str(r["display_name"]),
            Recipient(int(r["member_id"]), r["platform"], r["platform_user_id"]),
        )
        for r in rows
    ]


def waitlist_position(tx: SyncTransaction, shift_id: int, signup_id: int) -> int:
    return int(tx.fetchval(POSITION_SQL, (shift_id, signup_id)))


# --------------------------------------------------------------------------- writing


def insert_shifts(
    tx: SyncTransaction,
    site_id: int,
    new: Sequence[NewShift],
    *,
    capacity: int,
    captains: int,
    notes: str,
    actor: int | None,
    now: datetime,
    kind: str = "picket",
) -> list[int]:
    """Insert one shift or a series (the first one's id is the series id); returns their ids."""
    ids: list[int] = []
    for item in new:
        shift_id = tx.insert(
            "INSERT INTO shifts (site_id, starts_at, ends_at, local_date, local_start, local_end,"
            " capacity, captains_needed, notes, series_id, created_at, created_by, kind)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                site_id, iso(item.starts_at), iso(item.ends_at), item.local_date.isoformat(),
                f"{item.local_start:%H:%M}", f"{item.local_end:%H:%M}", capacity, captains, notes,
                ids[0] if ids else None, iso(now), actor, kind,
            ),
        )  # fmt: skip
        ids.append(shift_id)
    if len(ids) > 1:
        tx.execute("UPDATE shifts SET series_id = ? WHERE id = ?", (ids[0], ids[0]))
    tx.schedule_changed = True
    return ids


def update_places(tx: SyncTransaction, shift: Shift) -> None:
    tx.execute(
        "UPDATE shifts SET capacity = ?, captains_needed = ?, notes = ? WHERE id = ?",
        (shift.capacity, shift.captains_needed, shift.notes, shift.id),
    )
    tx.schedule_changed = True
    mark_stale(tx, [shift.id])


def mark_cancelled(tx: SyncTransaction, shift_id: int, reason: str, now: datetime) -> None:
    tx.execute(
        "UPDATE shifts SET cancelled_at = ?, cancel_reason = ? WHERE id = ?", (iso(now), reason, shift_id)
    )
    tx.schedule_changed = True
    mark_stale(tx, [shift_id])


def move_shift(tx: SyncTransaction, moved: Shift) -> None:
    """Write a shift's new site and wall-clock times (`shift_rules.moved`)."""
    tx.execute(
        "UPDATE shifts SET site_id = ?, local_date = ?, local_start = ?, local_end = ? WHERE id = ?",
        (moved.site_id, moved.local_date, moved.local_start, moved.local_end, moved.id),
    )
    tx.schedule_changed = True
    mark_stale(tx, [moved.id])


def close_site(tx: SyncTransaction, site_id: int, reason: str, now: datetime) -> None:
    tx.execute("UPDATE sites SET closed_at = ?, closed_reason = ? WHERE id = ?", (iso(now), reason, site_id))
    tx.schedule_changed = True


def set_status(tx: SyncTransaction, signup_ids: Sequence[int], status: str, now: datetime) -> None:
    """Confirm or cancel these sign-ups."""
    if not signup_ids:
        return
    stamp = iso(now)
    tx.executemany(
        "UPDATE signups SET status = ?, updated_at = ? WHERE id = ?",
        [(status, stamp, signup_id) for signup_id in signup_ids],
    )
    tx.schedule_changed = True
    mark_stale_by_signups(tx, signup_ids)


def confirm(tx: SyncTransaction, promoted: Sequence[Promoted], now: datetime) -> None:
    """Give the promoted their places; those someone else could take (`Promoted.at`) must be
    confirmed in time (`confirm_rules`), the rest are simply theirs."""
    set_status(tx, [p.signup_id for p in promoted], "confirmed", now)
    tx.executemany(
        "UPDATE signups SET promoted_at = ?, confirmed_at = NULL WHERE id = ?",
        [(None if p.at is None else iso(p.at), p.signup_id) for p in promoted],
    )


def tell(tx: SyncTransaction, notices: Notices, outcomes: Iterable[Outcome]) -> None:
    """Queue the notices for what happened, in the same transaction as the change.

    Each notice is written in its recipient's language, looked up only when a notice
    is composed (a sign-up that tells no one costs no query) and once per member.
    """
    spoken: dict[int, str | None] = {}

    def language_of(member_id: int) -> str | None:
        if member_id not in spoken:
            spoken[member_id] = members.spoken_in(tx, member_id)
        return spoken[member_id]

    for outcome in outcomes:
        enqueue_all(tx, notices(outcome, language_of))
