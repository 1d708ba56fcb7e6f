"""Leases between processes sharing one database file, and who holds them.

A lease row says which process (`holder`) has something until when
(`expires_at`). The holder renews it well before it runs out; a holder that
dies stops renewing, and once the lease has run out another process may take
it. A clean stop deletes the row, so a waiting process can take it at once.

A holder id names the process: host, PID namespace, PID, a random tag for
this run of the process, and a number (one process may hold several ids, as
tests do). A process that finds a lease held by a process on its own host
and in its own PID namespace can tell whether that process is still there:
if that PID is gone, or is its own PID under another tag (the run before a
restart), the holder is dead and need not be waited out. That makes a
restart after a crash take over at once. Anything else (another host,
another container, no /proc) is waited out.
"""

from __future__ import annotations

import itertools
import os
import secrets
import socket
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache

from storage.database import Database, iso

_RUN_TAG = secrets.token_hex(4)
_ids = itertools.count(1)


def lease_stamp(moment: datetime) -> str:
    """Lease times to the microsecond, fixed width, so they compare correctly as text."""
    if moment.tzinfo is None:
        raise ValueError("refusing to store a naive datetime")
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


@cache
def _place() -> tuple[str, str]:
    """This host and PID namespace; the namespace is empty where /proc cannot tell it."""
    try:
        namespace = os.readlink("/proc/self/ns/pid").removeprefix("pid:[").rstrip("]")
    except OSError:
        namespace = ""
    return socket.gethostname().replace("|", "_"), namespace


def new_holder_id() -> str:
    """A new id for this process in claims and leases (see the module's docstring)."""
    host, namespace = _place()
    return f"{host}|{namespace}|{os.getpid()}|{_RUN_TAG}|{next(_ids)}"


def holder_is_gone(holder: str) -> bool:
    """Whether the process behind `holder` (or a claim token made from it) is surely dead."""
    parts = holder.split("/", 1)[0].rsplit("|", 4)
    host, namespace = _place()
    if len(parts) != 5 or not namespace or (parts[0], parts[1]) != (host, namespace):
        return False
    pid, tag = parts[2], parts[3]
    if not pid.isdigit():
        return False
    if int(pid) == os.getpid():
        return tag != _RUN_TAG
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except OSError:  # someone else's process: alive
        return False
    return False


@dataclass(frozen=True)
class LeaseRow:
    holder: str
    expires_at: datetime


async def acquire(db: Database, name: str, holder: str, now: datetime, until: datetime) -> bool:
    """Take lease `name` for `holder` until `until`, or renew it; False if someone else holds it."""
    async with db.transaction() as tx:
        row = await tx.fetchone("SELECT holder, expires_at FROM leases WHERE name = ?", (name,))
        if row is not None and row["holder"] != holder:
            held = row["expires_at"] > lease_stamp(now) and not holder_is_gone(row["holder"])
            if held:
                return False
        await tx.execute(
            "INSERT INTO leases (name, holder, expires_at, acquired_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at,"
            " acquired_at = CASE WHEN leases.holder = excluded.holder THEN leases.acquired_at"
            " ELSE excluded.acquired_at END",
            (name, holder, lease_stamp(until), iso(now)),
        )
        return True


async def release(db: Database, name: str, holder: str) -> bool:
    """Give the lease up at once (a clean stop); False if `holder` no longer had it."""
    async with db.transaction() as tx:
        cursor = await tx.execute("DELETE FROM leases WHERE name = ? AND holder = ?", (name, holder))
        return cursor.rowcount == 1


async def current(db: Database, name: str) -> LeaseRow | None:
    row = await db.fetchone("SELECT holder, expires_at FROM leases WHERE name = ?", (name,))
    if row is None:
        return None
    return LeaseRow(str(row["holder"]), datetime.fromisoformat(row["expires_at"]))
