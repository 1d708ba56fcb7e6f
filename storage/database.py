"""The one owner of the SQLite connection.

All SQL runs on a single aiosqlite connection. A lock makes each transaction
(and each read) run alone, so no one sees another's half-done work; SQLite's
own busy timeout covers other processes (backups, a second CLI) sharing the
file. Migrations are applied when the database opens.

Writes run as one plain function on the connection's thread (`run_sync`,
`run_grouped`, `run_batched`; see `storage.sync_tx`). The async `Transaction`
(one await per statement) remains for the aggregates that are not hot paths
and were not rewritten: job sources, listings and subscriptions, facts and
leases (and tests that set up rows with plain SQL). Inside one, `tx.run(fn)`
runs such a plain function in the same transaction, so a rule written once
for the connection's thread (queueing an outbound message, an audit entry)
serves both.

After a transaction commits, and only then, the `Database` wakes whoever
waits for what it changed: `outbox_changed` (the delivery worker) when it
queued a message, `schedule_changed` (the reminder scheduler) when it changed
shifts or sign-ups, `posts_changed` (the live-post editor) when a changed shift
has live posts. The writes note that on the transaction
(`SyncTransaction.outbox_changed` / `.schedule_changed`); no caller has to
remember it.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar, cast

import aiosqlite

from storage.file_checks import DatabaseRefused, check_file, check_path, damaged, is_damage, schema_version
from storage.group_commit import BatchWork, GroupCommit
from storage.instants import from_iso, iso, utc_now
from storage.sync_tx import SyncTransaction, in_transaction

__all__ = ["Database", "Transaction", "from_iso", "iso"]  # iso and from_iso: storage.instants

log = logging.getLogger("picketbot.storage")

Params = Sequence[Any] | dict[str, Any]
T = TypeVar("T")
Item = TypeVar("Item")
BUSY_TIMEOUT_MS = 5_000


async def _connect(path: str) -> aiosqlite.Connection:
    """An aiosqlite connection; a failed one leaves no worker thread behind.

    When connecting fails, aiosqlite stops its worker thread without waiting
    for it: if the event loop closes first (the CLI reports the error and
    exits), the thread's last report hits a closed loop and a "RuntimeError:
    Event loop is closed" traceback follows the one-line error. So wait for it.
    """
    pending = aiosqlite.connect(path, isolation_level=None)
    try:
        return await pending
    except sqlite3.Error as error:
        worker = getattr(pending, "_thread", None)  # aiosqlite keeps its thread here (0.20+)
        if worker is not None and worker.is_alive():
            await asyncio.to_thread(worker.join, 10)
        raise sqlite3.OperationalError(f"cannot open database {path}: {error}") from None


class Transaction:
    """Statements run inside one BEGIN IMMEDIATE ... COMMIT."""

    def __init__(self, conn: aiosqlite.Connection, db: Database) -> None:
        self._conn = conn
        self.db = db
        #: The same transaction for plain functions on the connection's thread (`run`).
        self.sync = SyncTransaction(conn._conn, db.clock)

    async def run(self, work: Callable[[SyncTransaction], T]) -> T:
        """Run `work` on the connection's thread, inside this transaction, in one hop."""
        sync = self.sync
        return await self.db._on_connection_thread(lambda _conn: work(sync))

    async def execute(self, sql: str, params: Params = ()) -> aiosqlite.Cursor:
        return await self._conn.execute(sql, params)

    async def executemany(self, sql: str, rows: Iterable[Params]) -> None:
        await self._conn.executemany(sql, rows)

    async def insert(self, sql: str, params: Params = ()) -> int:
        cursor = await self._conn.execute(sql, params)
        row_id = cursor.lastrowid
        if row_id is None:
            raise RuntimeError("insert produced no row id")
        return row_id

    async def fetchone(self, sql: str, params: Params = ()) -> sqlite3.Row | None:
        async with self._conn.execute(sql, params) as cursor:
            return await cursor.fetchone()

    async def fetchall(self, sql: str, params: Params = ()) -> list[sqlite3.Row]:
        return list(await self._conn.execute_fetchall(sql, params))

    async def fetchval(self, sql: str, params: Params = ()) -> Any:
        row = await self.fetchone(sql, params)
        return None if row is None else row[0]


class Database:
    def __init__(self, path: str, conn: aiosqlite.Connection) -> None:
        self.path = path
        self._conn = conn
        self._lock = asyncio.Lock()
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
    async def open(cls, path: str | Path, *, synchronous: str = "NORMAL") -> Database:
        if synchronous.upper() not in ("OFF", "NORMAL", "FULL", "EXTRA"):
            raise ValueError(f"bad synchronous setting {synchronous!r}")
        check_path(str(path))
        conn = await _connect(str(path))
        try:
            conn.row_factory = sqlite3.Row
            for pragma in (
                "PRAGMA journal_mode=WAL",
                f"PRAGMA synchronous={synchronous.upper()}",
                "PRAGMA foreign_keys=ON",
                f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}",
            ):
                await conn.execute(pragma)
            # Before migrating: nothing may write to a damaged file or a newer schema.
            await check_file(conn, str(path), known_schema_version())
            db = cls(str(path), conn)
            await db.migrate()
        except BaseException as error:
            # Close the connection, or its thread keeps the process alive after the error.
            await conn.close()
            if isinstance(error, DatabaseRefused):
                raise
            if isinstance(error, sqlite3.DatabaseError) and is_damage(error):
                raise damaged(str(path), error) from None
            if isinstance(error, sqlite3.DatabaseError) and not isinstance(error, sqlite3.IntegrityError):
                raise sqlite3.DatabaseError(f"cannot open database {path}: {error}") from None
            raise
        return db

    async def close(self) -> None:
        async with self._lock:
            await self._conn.close()

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Transaction]:
        async with self._lock:
            await self._conn.execute("BEGIN IMMEDIATE")
            tx = Transaction(self._conn, self)
            try:
                yield tx
            except BaseException:
                await self._roll_back_quietly()
                raise
            try:
                await self._conn.execute("COMMIT")
            except BaseException:
                # A refused COMMIT (disk full, I/O error) leaves the transaction open.
                if self._conn.in_transaction:
                    await self._roll_back_quietly()
                raise
        self._committed(tx.sync)

    def _committed(self, tx: SyncTransaction) -> None:
        """The one place that wakes the workers, after a commit, for what the transaction changed."""
        if tx.outbox_changed:
            self.outbox_changed.set()
        if tx.schedule_changed:
            self.schedule_changed.set()
        if tx.posts_changed:
            self.posts_changed.set()

    async def _roll_back_quietly(self) -> None:
        """Roll back whatever is still open, without replacing the error being handled.

        A task cancelled while its COMMIT waits on the connection's thread does
        not stop that COMMIT, so by the time the ROLLBACK runs there may be
        nothing to roll back. Raising "no transaction is active" then would turn
        the cancellation into an ordinary error: a worker that retries ordinary
        errors would keep running, and shutting the bot down would wait forever.
        """
        try:
            await self._conn.execute("ROLLBACK")
        except sqlite3.OperationalError:
            if self._conn.in_transaction:
                raise

    async def run_sync(self, work: Callable[[SyncTransaction], T], *, write: bool = True) -> T:
        """Run `work` in one transaction on the connection's own thread, in one hop.

        For hot paths: its statements are direct sqlite3 calls instead of one
        trip to aiosqlite's thread each. `work` must not touch asyncio objects.
        `write=False` reads from one snapshot without taking the write lock.
        """
        clock = self.clock

        def run(conn: sqlite3.Connection) -> tuple[SyncTransaction, T]:
            tx = SyncTransaction(conn, clock)
            return tx, in_transaction(tx, work, write=write)

        async with self._lock:
            tx, result = await self._on_connection_thread(run)
        self._committed(tx)
        return result

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
        handed to it as one list, on the database thread, in one savepoint; it
        answers each (a value, or the exception to raise for that one). See
        `storage.group_commit`.
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

    async def _on_connection_thread(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        """Call `fn(sqlite3 connection)` on aiosqlite's worker thread and await its result.

        The one use of aiosqlite internals: `Connection._execute(fn)` queues a
        callable for the worker thread (that is how aiosqlite runs every
        statement) and `Connection._conn` is the sqlite3 connection. Both are
        private but stable through 0.2x; pyproject pins aiosqlite below 0.23
        and tests/test_run_sync.py fails loudly if they change.
        """
        conn = self._conn

        def call() -> T:
            return fn(conn._conn)

        return cast(T, await conn._execute(call))  # type: ignore[no-untyped-call]

    async def fetchall(self, sql: str, params: Params = ()) -> list[sqlite3.Row]:
        async with self._lock:
            return list(await self._conn.execute_fetchall(sql, params))

    async def fetchone(self, sql: str, params: Params = ()) -> sqlite3.Row | None:
        async with self._lock, self._conn.execute(sql, params) as cursor:
            return await cursor.fetchone()

    async def fetchval(self, sql: str, params: Params = ()) -> Any:
        row = await self.fetchone(sql, params)
        return None if row is None else row[0]

    async def backup(self, target: str | Path) -> None:
        """A consistent copy through SQLite's online backup, safe while the bot runs."""
        async with self._lock:
            dest = await aiosqlite.connect(str(target))
            try:
                await self._conn.backup(dest)
            finally:
                await dest.close()

    async def schema_version(self) -> int:
        async with self._lock:
            return await schema_version(self._conn)

    async def integrity_check(self) -> str:
        return str(await self.fetchval("PRAGMA integrity_check"))

    async def migrate(self) -> list[int]:
        """Apply the migrations not yet applied, each in its own transaction."""
        async with self._lock:
            await self._conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations "
                "(version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
            )
            rows = await self._conn.execute_fetchall("SELECT version FROM schema_migrations")
            done = {row[0] for row in rows}
            applied = []
            for version, name, sql in _migrations():
                if version in done:
                    continue
                log.info("applying migration %03d_%s", version, name)
                stamp = iso(datetime.now(UTC))
                script = (
                    f"BEGIN IMMEDIATE;\n{sql}\n"
                    "INSERT INTO schema_migrations (version, name, applied_at) "
                    f"VALUES ({version}, '{name}', '{stamp}');\nCOMMIT;"
                )
                try:
                    await self._conn.executescript(script)
                except sqlite3.Error:
                    if self._conn.in_transaction:
                        await self._conn.execute("ROLLBACK")
                    raise
                applied.append(version)
            return applied


def known_schema_version() -> int:
    """The highest migration this build has: a database above it was written by a newer picketbot."""
    return max(version for version, _, _ in _migrations())


def _migrations() -> list[tuple[int, str, str]]:
    """(version, name, sql) for each file ``NNN_name.sql``, in order."""
    found = []
    for entry in resources.files("storage.migrations").iterdir():
        stem, _, suffix = entry.name.partition(".")
        if suffix != "sql" or not stem[:3].isdigit():
            continue
        version, _, name = stem.partition("_")
        if not name.replace("_", "").isalnum():
            raise ValueError(f"bad migration name {entry.name}")
        found.append((int(version), name, entry.read_text(encoding="utf-8")))
    return sorted(found)
