"""Synchronous statements for code that runs on the database's own thread.

`Database.run_sync` and `Database.run_grouped` hand a `SyncTransaction` to a
plain function that aiosqlite's worker thread runs in one go. Each statement
is then a direct sqlite3 call (microseconds) instead of a trip from the event
loop to that thread and back (tens of microseconds, plus a loop wake-up),
which is most of what a short transaction costs through aiosqlite.

Every write of the picket and outbox aggregates runs this way: one function
loads the rows its rules need, applies the rules (plain Python, see
`storage.picket`) and writes the result, in one hop. The function must not
touch asyncio objects: it runs on another thread. What it changed that others
wait for (a queued message, the reminders' schedule) it notes on the
transaction, and the `Database` wakes them once the transaction has committed.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import datetime
from typing import Any, TypeVar

from storage.instants import utc_now

Params = Sequence[Any] | dict[str, Any]
T = TypeVar("T")
V = TypeVar("V")
#: Values per IN (...) list: well under SQLite's limit on bound parameters.
IN_CHUNK = 500


class SyncTransaction:
    """The same reading and writing calls as `Transaction`, without the awaits."""

    __slots__ = ("_conn", "clock", "outbox_changed", "posts_changed", "schedule_changed")

    def __init__(self, conn: sqlite3.Connection, clock: Callable[[], datetime] = utc_now) -> None:
        self._conn = conn
        #: The bot's clock (`Database.clock`), for the times a write stamps itself.
        self.clock = clock
        #: Set by a write that queued an outbound message: wakes the delivery worker after commit.
        self.outbox_changed = False
        #: Set by a write that may change which reminders are due (shifts, sign-ups, members):
        #: wakes the reminder scheduler after commit.
        self.schedule_changed = False
        #: Set by a write that changed a shift with live posts: wakes the post editor after commit.
        self.posts_changed = False

    @property
    def in_transaction(self) -> bool:
        return self._conn.in_transaction

    def execute(self, sql: str, params: Params = ()) -> sqlite3.Cursor:
        return self._conn.execute(sql, params)

    def executemany(self, sql: str, rows: Iterable[Params]) -> None:
        self._conn.executemany(sql, rows)

    def insert(self, sql: str, params: Params = ()) -> int:
        row_id = self._conn.execute(sql, params).lastrowid
        if row_id is None:
            raise RuntimeError("insert produced no row id")
        return row_id

    def fetchone(self, sql: str, params: Params = ()) -> sqlite3.Row | None:
        row: sqlite3.Row | None = self._conn.execute(sql, params).fetchone()
        return row

    def fetchall(self, sql: str, params: Params = ()) -> list[sqlite3.Row]:
        return list(self._conn.execute(sql, params).fetchall())

    def fetchval(self, sql: str, params: Params = ()) -> Any:
        row = self.fetchone(sql, params)
        return None if row is None else row[0]


def in_transaction(tx: SyncTransaction, work: Callable[[SyncTransaction], T], *, write: bool = True) -> T:
    """Run `work` inside BEGIN ... COMMIT; roll back if it raises.

    A writer begins IMMEDIATE (takes the write lock up front, so it cannot
    fail half-way on a lock); a reader begins DEFERRED: one consistent
    snapshot without blocking writers in other processes.
    """
    conn = tx._conn
    conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")
    try:
        result = work(tx)
        conn.execute("COMMIT")
    except BaseException:
        # A refused COMMIT (a deferred constraint, a full disk) leaves the transaction open.
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
    return result


def in_savepoint(tx: SyncTransaction, work: Callable[[SyncTransaction], T]) -> T:
    """Run `work` so that if it raises, only its own changes are undone."""
    tx.execute("SAVEPOINT request")
    try:
        result = work(tx)
    except BaseException:
        # ROLLBACK TO keeps the savepoint open; RELEASE then closes it.
        tx.execute("ROLLBACK TO request")
        tx.execute("RELEASE request")
        raise
    tx.execute("RELEASE request")
    return result


def in_chunks(values: Iterable[V]) -> Iterator[tuple[str, list[V]]]:
    """`values` in lists small enough for one ``IN (...)``, each with its ``?, ?, ...`` marks."""
    ordered = list(values)
    for start in range(0, len(ordered), IN_CHUNK):
        chunk = ordered[start : start + IN_CHUNK]
        yield ", ".join("?" * len(chunk)), chunk
