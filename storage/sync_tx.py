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
from typing import Any, ClassVar, Protocol, TypeVar

from storage.instants import utc_now

Params = Sequence[Any] | dict[str, Any]
T = TypeVar("T")
V = TypeVar("V")
#: Values per IN (...) list: well under SQLite's limit on bound parameters.
IN_CHUNK = 500


class Row(Protocol):
    """A row read back: by position or by column name (sqlite3.Row, asyncpg's Record)."""

    def __getitem__(self, key: int | str, /) -> Any: ...

    def __iter__(self) -> Iterator[Any]: ...

    def __len__(self) -> int: ...

    def keys(self) -> Any: ...


class Cursor(Protocol):
    """What `SyncTransaction.execute` hands back: the rows it read, how many rows it changed."""

    @property
    def rowcount(self) -> int: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> Any: ...

    def __iter__(self) -> Iterator[Any]: ...


class SyncTransaction:
    """The same reading and writing calls as `Transaction`, without the awaits.

    One class per backend: `SqliteSyncTransaction` here (direct sqlite3 calls
    on the connection's thread) and `storage.postgres.sync_tx` (asyncpg,
    from a greenlet). Storage functions take this base type and so run on
    either. `dialect` names the backend, for the few places whose SQL must
    differ (the facts' search).
    """

    __slots__ = ("clock", "outbox_changed", "posts_changed", "schedule_changed")

    dialect: ClassVar[str] = ""

    def __init__(self, clock: Callable[[], datetime] = utc_now) -> None:
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
        raise NotImplementedError

    def execute(self, sql: str, params: Params = ()) -> Cursor:
        raise NotImplementedError

    def executemany(self, sql: str, rows: Iterable[Params]) -> None:
        raise NotImplementedError

    def insert(self, sql: str, params: Params = ()) -> int:
        """Run an INSERT into a table whose key is ``id``; the new row's id."""
        raise NotImplementedError

    def fetchone(self, sql: str, params: Params = ()) -> Row | None:
        raise NotImplementedError

    def fetchall(self, sql: str, params: Params = ()) -> list[Row]:
        raise NotImplementedError

    def fetchval(self, sql: str, params: Params = ()) -> Any:
        row = self.fetchone(sql, params)
        return None if row is None else row[0]

    def new_ids(self, table: str, count: int) -> list[int]:
        """`count` ids for rows a write will insert into `table` (key ``id``) with ids of its own.

        In increasing order, and larger than any id the table holds: the
        largest id plus one onwards on SQLite (its writers take turns); from
        the table's sequence on PostgreSQL, so a row inserted without an id
        never collides with them (ids not used leave a gap there).
        """
        raise NotImplementedError

    def begin(self, *, write: bool) -> None:
        raise NotImplementedError

    def commit(self) -> None:
        raise NotImplementedError

    def rollback(self) -> None:
        raise NotImplementedError


class SqliteSyncTransaction(SyncTransaction):
    """Direct sqlite3 calls, on the connection's own thread."""

    __slots__ = ("_conn",)

    dialect: ClassVar[str] = "sqlite"

    def __init__(self, conn: sqlite3.Connection, clock: Callable[[], datetime] = utc_now) -> None:
        super().__init__(clock)
        self._conn = conn

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

    def fetchall(self, sql: str, params: Params = ()) -> list[Row]:
        return list(self._conn.execute(sql, params).fetchall())

    def new_ids(self, table: str, count: int) -> list[int]:
        first = int(self.fetchval(f"SELECT coalesce(max(id), 0) FROM {table}")) + 1
        return list(range(first, first + count))

    def begin(self, *, write: bool) -> None:
        self._conn.execute("BEGIN IMMEDIATE" if write else "BEGIN")

    def commit(self) -> None:
        self._conn.execute("COMMIT")

    def rollback(self) -> None:
        self._conn.execute("ROLLBACK")


def in_transaction(tx: SyncTransaction, work: Callable[[SyncTransaction], T], *, write: bool = True) -> T:
    """Run `work` inside BEGIN ... COMMIT; roll back if it raises.

    A writer begins IMMEDIATE (takes the write lock up front, so it cannot
    fail half-way on a lock); a reader begins DEFERRED: one consistent
    snapshot without blocking writers in other processes.
    """
    tx.begin(write=write)
    try:
        result = work(tx)
        tx.commit()
    except BaseException:
        # A refused COMMIT (a deferred constraint, a full disk) leaves the transaction open.
        if tx.in_transaction:
            tx.rollback()
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
