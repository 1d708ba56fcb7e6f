"""The one owner of the database: SQLite by default, PostgreSQL when the address says so.

`Database.open(address)` opens a SQLite file for a path (`storage.sqlite`)
and a PostgreSQL database for a ``postgresql://`` address
(`storage.postgres.database`). Everything above this module sees one
`Database`, and every storage function exists once, for both.

Writes are plain functions over a `SyncTransaction` (`run_sync`,
`run_grouped`, `run_batched`): they load the rows their rules need, apply
the rules (plain Python) and write what the rules decided.

- On SQLite the function runs on the connection's own thread in one hop;
  each statement is a direct sqlite3 call.
- On PostgreSQL the same function runs in a greenlet on the event loop
  (`storage.postgres.greenlets`): each statement it makes is awaited on
  asyncpg and the function carries on with the result. One copy of each
  rule and each statement serves both; the statements are written with
  SQLite's marks and translated once each (`storage.postgres.dialect`).
  The alternative, async storage functions over an async transaction with
  `run_sync` kept as SQLite's fast path, would have left every hot path
  written twice.

A write transaction runs alone among writers on both: SQLite's BEGIN
IMMEDIATE takes the file's write lock; on PostgreSQL every write
transaction begins by taking one transaction-level advisory lock, so
several processes on one database decide in turn, as on SQLite, and a rule
that reads rows and then writes needs no row locks of its own. Reads
(``write=False`` and `fetchall` and friends) take no lock.

The async `Transaction` (one await per statement) remains for the aggregates
that are not hot paths (job sources and listings, facts, leases). Inside
one, `tx.run(fn)` runs a plain function in the same transaction.

After a transaction commits, and only then, the `Database` wakes whoever
waits for what it changed: `outbox_changed` (the delivery worker) when it
queued a message, `schedule_changed` (the reminder scheduler) when it
changed shifts or sign-ups, `posts_changed` (the live-post editor) when a
changed shift has live posts. The writes note that on the transaction
(`SyncTransaction.outbox_changed` / `.schedule_changed`); no caller has to
remember it.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterable
from contextlib import AbstractAsyncContextManager
from datetime import datetime
from importlib import resources
from pathlib import Path
from typing import Any, ClassVar, Protocol, TypeVar

from storage.group_commit import BatchWork, GroupCommit
from storage.instants import from_iso, iso, utc_now
from storage.sync_tx import Params, Row, SyncTransaction

__all__ = ["Database", "Transaction", "from_iso", "iso"]  # iso and from_iso: storage.instants

log = logging.getLogger("picketbot.storage")

T = TypeVar("T")
Item = TypeVar("Item")


def is_postgres_address(address: str | Path) -> bool:
    return str(address).startswith(("postgresql://", "postgres://"))


class Changed(Protocol):
    """What the async `Transaction.execute` hands back: how many rows the statement changed."""

    @property
    def rowcount(self) -> int: ...


class Transaction:
    """Statements inside one write transaction, one await each (see the module's docstring)."""

    db: Database
    #: The same transaction for plain functions (`run`).
    sync: SyncTransaction

    async def run(self, work: Callable[[SyncTransaction], T]) -> T:
        """Run the plain function `work` inside this transaction."""
        raise NotImplementedError

    async def execute(self, sql: str, params: Params = ()) -> Changed:
        """Run a statement; read its rows with `fetchall`/`fetchone`, not from what this returns."""
        raise NotImplementedError

    async def executemany(self, sql: str, rows: Iterable[Params]) -> None:
        raise NotImplementedError

    async def insert(self, sql: str, params: Params = ()) -> int:
        """Run an INSERT into a table whose key is ``id``; the new row's id."""
        raise NotImplementedError

    async def fetchone(self, sql: str, params: Params = ()) -> Row | None:
        raise NotImplementedError

    async def fetchall(self, sql: str, params: Params = ()) -> list[Row]:
        raise NotImplementedError

    async def fetchval(self, sql: str, params: Params = ()) -> Any:
        row = await self.fetchone(sql, params)
        return None if row is None else row[0]


class Database:
    #: "sqlite" or "postgresql".
    dialect: ClassVar[str] = ""

    def __init__(self, path: str) -> None:
        #: The file's path, or the PostgreSQL address.
        self.path = path
        #: Set after a commit that queued an outbound message, to wake the delivery worker.
        self.outbox_changed = asyncio.Event()
        #: Set after a commit that changed what is scheduled (shifts, sign-ups), to wake the reminders.
        self.schedule_changed = asyncio.Event()
        #: Set after a commit that changed a shift with live posts, to wake the post editor.
        self.posts_changed = asyncio.Event()
        #: The bot's clock; the wiring replaces it so tests and the bot agree on "now".
        self.clock: Callable[[], datetime] = utc_now
        # A group is one `run_sync` transaction, so its commit wakes whoever its writes name.
        self._group = GroupCommit(self.run_sync)

    @classmethod
    async def open(cls, address: str | Path, *, synchronous: str = "NORMAL") -> Database:
        """The database at `address` (a SQLite file's path, or ``postgresql://…``), migrated.

        `synchronous` is SQLite's setting; PostgreSQL's durability is the server's.
        """
        if is_postgres_address(address):
            from storage.postgres.database import PostgresDatabase

            return await PostgresDatabase.connect(str(address))
        from storage.sqlite import SqliteDatabase

        return await SqliteDatabase.connect(str(address), synchronous=synchronous)

    async def close(self) -> None:
        raise NotImplementedError

    def transaction(self) -> AbstractAsyncContextManager[Transaction]:
        """``async with db.transaction() as tx``: one write transaction; rolled back if the block raises."""
        raise NotImplementedError

    async def run_sync(self, work: Callable[[SyncTransaction], T], *, write: bool = True) -> T:
        """Run the plain function `work` in one transaction (see the module's docstring).

        `work` must not touch asyncio objects. `write=False` reads from one
        snapshot without taking the write lock.
        """
        raise NotImplementedError

    async def run_row_locked(self, work: Callable[[SyncTransaction], T]) -> T:
        """A write that locks the rows it takes itself (PostgreSQL: ``FOR UPDATE SKIP LOCKED``)
        rather than waiting for the writers' turn; on SQLite, one writer at a time anyway."""
        return await self.run_sync(work)

    def _committed(self, tx: SyncTransaction) -> None:
        """The one place that wakes the workers, after a commit, for what the transaction changed."""
        if tx.outbox_changed:
            self.outbox_changed.set()
        if tx.schedule_changed:
            self.schedule_changed.set()
        if tx.posts_changed:
            self.posts_changed.set()

    def run_grouped(self, work: Callable[[SyncTransaction], T]) -> asyncio.Future[T]:
        """Like `run_sync` (await the result), but concurrent callers share one transaction.

        Each `work` runs in its own savepoint, in call order (queued when this
        is called); one that raises undoes only its own changes. See
        `storage.group_commit`.
        """
        return self._group.submit(work)

    def run_batched(self, batch: BatchWork[Item, T], item: Item) -> asyncio.Future[T]:
        """Like `run_grouped` (await the result), but `batch` decides `item` with its neighbours.

        Concurrent calls with the same `batch` function that queue in a row are
        handed to it as one list, in one savepoint; it answers each (a value,
        or the exception to raise for that one). See `storage.group_commit`.
        """
        return self._group.submit_to_batch(batch, item)

    @property
    def group_commits(self) -> int:
        """Group transactions committed so far."""
        return self._group.batches

    @property
    def group_retries(self) -> int:
        """Groups a batch function could not finish, so retried one request at a time."""
        return self._group.retried_alone

    async def fetchall(self, sql: str, params: Params = ()) -> list[Row]:
        raise NotImplementedError

    async def fetchone(self, sql: str, params: Params = ()) -> Row | None:
        raise NotImplementedError

    async def fetchval(self, sql: str, params: Params = ()) -> Any:
        row = await self.fetchone(sql, params)
        return None if row is None else row[0]

    async def backup(self, target: str | Path) -> None:
        """A consistent copy at `target`, safe while the bot runs (SQLite's online backup; pg_dump)."""
        raise NotImplementedError

    async def verify_backup(self, target: str | Path, expected_version: int) -> str | None:
        """What is wrong with the copy `backup` wrote (it must read back whole), or None."""
        raise NotImplementedError

    async def schema_version(self) -> int:
        raise NotImplementedError

    async def integrity_check(self) -> str:
        """ "ok", or the first problem found (SQLite's integrity check; PostgreSQL's amcheck)."""
        raise NotImplementedError

    async def migrate(self) -> list[int]:
        """Apply the migrations not yet applied, each in its own transaction."""
        raise NotImplementedError

    async def tables(self) -> list[TableLayout]:
        """Every table picketbot keeps, parents before children (`storage.copy`)."""
        raise NotImplementedError

    def after_copy(self, tx: SyncTransaction) -> None:
        """Inside the transaction that copied rows in with their ids (`storage.copy`): what the
        database needs then (PostgreSQL moves its id sequences past them; SQLite needs nothing)."""


class TableLayout:
    """A table as `storage.copy` moves it: the columns it writes, its key, the tables it points at."""

    __slots__ = ("columns", "key", "name", "parents")

    def __init__(self, name: str, columns: list[str], key: list[str], parents: set[str]) -> None:
        self.name = name
        self.columns = columns
        self.key = key or columns
        self.parents = parents - {name}

    def __repr__(self) -> str:
        return f"TableLayout({self.name!r}, {self.columns!r}, key={self.key!r})"


def known_schema_version() -> int:
    """The highest migration this build has: a database above it was written by a newer picketbot."""
    return max(version for version, _, _ in _migrations())


def _migrations() -> list[tuple[int, str, str]]:
    """(version, name, sql) for each file ``NNN_name.sql``, in order."""
    return migrations_in("storage.migrations")


def migrations_in(package: str) -> list[tuple[int, str, str]]:
    """(version, name, sql) for each ``NNN_name.sql`` in `package`, in order."""
    found = []
    for entry in resources.files(package).iterdir():
        stem, _, suffix = entry.name.partition(".")
        if suffix != "sql" or not stem[:3].isdigit():
            continue
        version, _, name = stem.partition("_")
        if not name.replace("_", "").isalnum():
            raise ValueError(f"bad migration name {entry.name}")
        found.append((int(version), name, entry.read_text(encoding="utf-8")))
    return sorted(found)


def in_dependency_order(tables: list[TableLayout]) -> list[TableLayout]:
    """Parents before the tables that point at them (then by name)."""
    by_name = {t.name: t for t in tables}
    done: list[TableLayout] = []
    seen: set[str] = set()

    def visit(table: TableLayout, path: tuple[str, ...]) -> None:
        if table.name in seen:
            return
        if table.name in path:
            raise ValueError(f"tables point at each other: {' -> '.join((*path, table.name))}")
        for parent in sorted(table.parents):
            if parent in by_name:
                visit(by_name[parent], (*path, table.name))
        seen.add(table.name)
        done.append(table)

    for table in sorted(tables, key=lambda t: t.name):
        visit(table, ())
    return done
