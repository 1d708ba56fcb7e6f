"""The SQLite backend: one aiosqlite connection, the default.

All SQL runs on a single aiosqlite connection. A lock makes each transaction
(and each read) run alone, so no one sees another's half-done work; SQLite's
own busy timeout covers other processes (backups, a second CLI) sharing the
file. Migrations are applied when the database opens, after the file's
checks (`storage.file_checks`).

`run_sync` hands a plain function and a `SqliteSyncTransaction` to the
connection's thread in one hop: its statements are direct sqlite3 calls. The
async `SqliteTransaction` costs one trip to that thread per statement.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import ClassVar, TypeVar, cast

import aiosqlite

from storage.database import Database, TableLayout, Transaction, _migrations, known_schema_version
from storage.file_checks import (
    DatabaseRefused,
    check_file,
    check_path,
    damaged,
    is_damage,
    schema_version,
    verify_copy,
)
from storage.instants import iso
from storage.sync_tx import Params, Row, SqliteSyncTransaction, SyncTransaction, in_transaction

log = logging.getLogger("picketbot.storage")
T = TypeVar("T")
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


class SqliteTransaction(Transaction):
    """Statements run inside one BEGIN IMMEDIATE ... COMMIT."""

    def __init__(self, conn: aiosqlite.Connection, db: SqliteDatabase) -> None:
        self._conn = conn
        self.db = db
        self._sqlite = db
        self.sync = SqliteSyncTransaction(conn._conn, db.clock)

    async def run(self, work: Callable[[SyncTransaction], T]) -> T:
        """Run `work` on the connection's thread, inside this transaction, in one hop."""
        sync = self.sync
        return await self._sqlite._on_connection_thread(lambda _conn: work(sync))

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

    async def fetchall(self, sql: str, params: Params = ()) -> list[Row]:
        return list(await self._conn.execute_fetchall(sql, params))


class SqliteDatabase(Database):
    dialect: ClassVar[str] = "sqlite"

    def __init__(self, path: str, conn: aiosqlite.Connection) -> None:
        super().__init__(path)
        self._conn = conn
        self._lock = asyncio.Lock()

    @classmethod
    async def connect(cls, path: str, *, synchronous: str = "NORMAL") -> SqliteDatabase:
        if synchronous.upper() not in ("OFF", "NORMAL", "FULL", "EXTRA"):
            raise ValueError(f"bad synchronous setting {synchronous!r}")
        check_path(path)
        conn = await _connect(path)
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
            await check_file(conn, path, known_schema_version())
            db = cls(path, conn)
            await db.migrate()
        except BaseException as error:
            # Close the connection, or its thread keeps the process alive after the error.
            await conn.close()
            if isinstance(error, DatabaseRefused):
                raise
            if isinstance(error, sqlite3.DatabaseError) and is_damage(error):
                raise damaged(path, error) from None
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
            tx = SqliteTransaction(self._conn, self)
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
            tx = SqliteSyncTransaction(conn, clock)
            return tx, in_transaction(tx, work, write=write)

        async with self._lock:
            tx, result = await self._on_connection_thread(run)
        self._committed(tx)
        return result

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

    async def fetchall(self, sql: str, params: Params = ()) -> list[Row]:
        async with self._lock:
            return list(await self._conn.execute_fetchall(sql, params))

    async def fetchone(self, sql: str, params: Params = ()) -> sqlite3.Row | None:
        async with self._lock, self._conn.execute(sql, params) as cursor:
            return await cursor.fetchone()

    async def backup(self, target: str | Path) -> None:
        """A consistent copy through SQLite's online backup, safe while the bot runs."""
        async with self._lock:
            dest = await aiosqlite.connect(str(target))
            try:
                await self._conn.backup(dest)
            finally:
                await dest.close()

    async def verify_backup(self, target: str | Path, expected_version: int) -> str | None:
        return await asyncio.to_thread(verify_copy, Path(target), expected_version)

    async def schema_version(self) -> int:
        async with self._lock:
            return await schema_version(self._conn)

    async def integrity_check(self) -> str:
        return str(await self.fetchval("PRAGMA integrity_check"))

    async def tables(self) -> list[TableLayout]:
        names = [
            str(row[0])
            for row in await self.fetchall(
                "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                " AND name != 'schema_migrations'"
            )
        ]
        virtual = {
            str(row[0])
            for row in await self.fetchall("SELECT name FROM sqlite_schema WHERE sql LIKE 'CREATE VIRTUAL%'")
        }
        # An FTS5 table keeps its rows in shadow tables named after it: those are its, not ours.
        shadows = {n for n in names for v in virtual if n.startswith(f"{v}_")}
        return [await self._layout(name, name in virtual) for name in names if name not in shadows]

    async def _layout(self, name: str, virtual: bool) -> TableLayout:
        info = await self.fetchall("SELECT name, pk FROM pragma_table_info(?) ORDER BY cid", (name,))
        columns = [str(row[0]) for row in info]
        key = [str(row[0]) for row in sorted((r for r in info if r[1]), key=lambda r: int(r[1]))]
        if virtual:  # an FTS5 table: its rows are known by rowid
            columns, key = ["rowid", *columns], ["rowid"]
        parents = {
            str(row[0])
            for row in await self.fetchall('SELECT "table" FROM pragma_foreign_key_list(?)', (name,))
        }
        return TableLayout(name, columns, key, parents)

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
