"""Merging one member row's records into another's when two accounts are linked.

When the account typing a /link code already has records of its own (sign-ups,
check-ins, a calendar feed, things it created), they move to the person's row
(the account that gave the code), in the linking transaction:

- two live sign-ups for one shift become one: a confirmed place beats a
  waitlist entry, and between two of a kind the earlier stays; the other is
  cancelled, and a confirmed place given up this way goes to the next in line;
- two check-ins for one shift become one (the person's row keeps its own);
- every other column that names a member (found from the schema's foreign
  keys, so tables added later move too) is pointed at the person's row;
- the person keeps one live calendar feed: the newest.

The old row stays, emptied, so the account gets it back after /link remove.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from storage.database import iso
from storage.picket import rows
from storage.picket.outcomes import Notices
from storage.picket.shifts import promote_in
from storage.sync_tx import SyncTransaction

#: Live statuses, best first: the one kept when both accounts hold a shift.
_RANK = {"confirmed": 0, "waitlisted": 1}


@dataclass(frozen=True)
class Merged:
    #: Sign-ups that moved to the person (cancelled ones included).
    moved_signups: int
    #: Shifts both accounts were on: the second place was given up.
    doubled_shifts: tuple[int, ...]
    #: Calendar feeds ended because the person already had a newer one.
    feeds_ended: int


def merge_in(tx: SyncTransaction, keep: int, gone: int, now: datetime, notices: Notices) -> Merged:
    """Move `gone`'s records to `keep` (see the module's notes); one transaction, the caller's."""
    doubled = _one_signup_per_shift(tx, keep, gone, now, notices)
    moved = int(tx.fetchval("SELECT count(*) FROM signups WHERE member_id = ?", (gone,)))
    _drop_clashing(tx, keep, gone)
    for table, column in _member_columns(tx):
        # Identifiers from the schema itself, never outside text. A table added later whose
        # unique key holds a member column makes this fail (and the link undone), never half-move.
        tx.execute(f'UPDATE "{table}" SET "{column}" = ? WHERE "{column}" = ?', (keep, gone))
    feeds_ended = _one_live_feed(tx, keep, now)
    tx.schedule_changed = True  # reminders now go to the person's account
    return Merged(moved, doubled, feeds_ended)


def _one_signup_per_shift(
    tx: SyncTransaction, keep: int, gone: int, now: datetime, notices: Notices
) -> tuple[int, ...]:
    pairs = tx.fetchall(
        "SELECT a.id AS a_id, a.status AS a_status, a.role AS a_role,"
        " b.id AS b_id, b.status AS b_status, b.role AS b_role, a.shift_id"
        " FROM signups a JOIN signups b ON b.shift_id = a.shift_id"
        " WHERE a.member_id = ? AND b.member_id = ? AND a.status != 'cancelled' AND b.status != 'cancelled'",
        (keep, gone),
    )
    for pair in pairs:
        ours = (_RANK[pair["a_status"]], int(pair["a_id"]))
        theirs = (_RANK[pair["b_status"]], int(pair["b_id"]))
        side = "b" if ours <= theirs else "a"  # the one given up
        signup_id, status, role = pair[f"{side}_id"], pair[f"{side}_status"], pair[f"{side}_role"]
        shift = rows.load_shifts(tx, [pair["shift_id"]])[pair["shift_id"]]
        rows.set_status(tx, [int(signup_id)], "cancelled", now)
        if status == "confirmed":
            promote_in(tx, shift.left(role, "confirmed"), now, notices)
    return tuple(int(pair["shift_id"]) for pair in pairs)


def _drop_clashing(tx: SyncTransaction, keep: int, gone: int) -> None:
    """Drop `gone`'s check-ins and noted reminders for what the person has their own of.

    Their keys hold the member, so moving them would clash; the person's own says it already.
    (Live sign-ups on one shift were made one by `_one_signup_per_shift`.)
    """
    tx.execute(
        "DELETE FROM checkins WHERE member_id = ?"
        " AND shift_id IN (SELECT shift_id FROM checkins WHERE member_id = ?)",
        (gone, keep),
    )
    tx.execute(
        "DELETE FROM reminders_sent WHERE member_id = ? AND EXISTS (SELECT 1 FROM reminders_sent k"
        " WHERE k.member_id = ? AND k.shift_id = reminders_sent.shift_id"
        " AND k.offset_minutes = reminders_sent.offset_minutes)",
        (gone, keep),
    )


def _member_columns(tx: SyncTransaction) -> list[tuple[str, str]]:
    """(table, column) for every column that refers to a member row, but the links themselves."""
    found = tx.fetchall(_FOREIGN_KEYS_TO[tx.dialect], ("members",))
    return [(str(r[0]), str(r[1])) for r in found if r[0] not in ("member_links", "link_codes")]


#: (table, column) of every foreign key column naming the table given, read from each
#: backend's own catalogue: the one statement here that must differ between them.
_FOREIGN_KEYS_TO = {
    "sqlite": 'SELECT m.name, f."from" FROM sqlite_schema m, pragma_foreign_key_list(m.name) f'
    " WHERE m.type = 'table' AND f.\"table\" = ? ORDER BY 1, 2",
    "postgresql": "SELECT c.relname::text, a.attname::text FROM pg_constraint k"
    " JOIN pg_class c ON c.oid = k.conrelid"
    " JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = ANY(k.conkey)"
    " WHERE k.contype = 'f' AND k.connamespace = current_schema()::regnamespace"
    " AND k.confrelid = to_regclass(?) ORDER BY 1, 2",
}


def _one_live_feed(tx: SyncTransaction, member_id: int, now: datetime) -> int:
    live = tx.fetchall(
        "SELECT id FROM calendar_feeds WHERE member_id = ? AND revoked_at IS NULL ORDER BY created_at DESC, id DESC",
        (member_id,),
    )
    older = [int(row["id"]) for row in live[1:]]
    tx.executemany("UPDATE calendar_feeds SET revoked_at = ? WHERE id = ?", [(iso(now), i) for i in older])
    return len(older)
