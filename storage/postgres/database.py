"""The PostgreSQL backend: one asyncpg connection, chosen by a ``postgresql://`` address.

Like the SQLite backend, one connection serves the process and a lock makes
each transaction (and each read) run alone on it; other processes on the
same database take turns with this one through the write transactions'
advisory lock (`storage.postgres.sync_tx.WRITE_LOCK`).

`run_sync` runs the plain storage function in a greenlet
(`storage.postgres.greenlets`): each statement it makes is one round trip to
the server. A write's BEGIN and its lock go in the same round trip as each
other, and a multi-row INSERT is one pipelined `executemany`.

The password never rides in the address (it would show in ``ps``, in the
config file and in logs): `check_address` refuses one, and asyncpg reads
``PGPASSWORD`` or ``~/.pgpass`` itself.
"""

from __future__ import annotations

import asyncio
import logging
import shutil
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import ClassVar, TypeVar
from urllib.parse import urlsplit

import asyncpg

from storage.database import Database, TableLayout, Transaction, _migrations, known_schema_version
from storage.file_checks import DatabaseRefused, SchemaTooNew
from storage.instants import iso
from storage.postgres.ddl import BOOTSTRAP, RESET_SEQUENCES, postgres_script, split_statements, strip_comments
from storage.postgres.errors import PostgresOperationalError, as_dbapi_errors
from storage.postgres.greenlets import run_plain
from storage.postgres.sync_tx import BEGIN_WRITE, PostgresCursor, PostgresStatements, PostgresSyncTransaction
from storage.sync_tx import Params, Row, SyncTransaction, in_transaction

log = logging.getLogger("picketbot.storage")
T = TypeVar("T")
CONNECT_TIMEOUT_S = 10.0


def check_address(address: str) -> None:
    """Refuse an address that carries a password (one line saying where it goes instead)."""
    parts = urlsplit(address)
    if parts.password is not None or "password=" in parts.query.lower():
        raise DatabaseRefused(
            "the database address holds a password; take it out and set PGPASSWORD or a ~/.pgpass entry"
        )


def shown(address: str) -> str:
    """The address as messages show it (it holds no password: `check_address`)."""
    return address


class PostgresTransaction(Transaction):
    """Statements inside one write transaction, one round trip each."""

    def __init__(self, statements: PostgresStatements, db: PostgresDatabase) -> None:
        self._on = statements
        self.db = db
        self.sync = PostgresSyncTransaction(statements, db.clock)

    async def run(self, work: Callable[[SyncTransaction], T]) -> T:
        return await run_plain(work, self.sync)

    async def execute(self, sql: str, params: Params = ()) -> PostgresCursor:
        return await self._on.execute(sql, params)

    async def executemany(self, sql: str, rows: Iterable[Params]) -> None:
        await self._on.executemany(sql, rows)

    async def insert(self, sql: str, params: Params = ()) -> int:
        return await self._on.insert(sql, params)

    async def fetchone(self, sql: str, params: Params = ()) -> Row | None:
        return await self._on.fetchone(sql, params)

    async def fetchall(self, sql: str, params: Params = ()) -> list[Row]:
        return await self._on.fetchall(sql, params)


class PostgresDatabase(Database):
    dialect: ClassVar[str] = "postgresql"

    def __init__(self, address: str, conn: asyncpg.Connection) -> None:
        super().__init__(address)
        self._conn = conn
        self._on = PostgresStatements(conn)
        self._lock = asyncio.Lock()

    @classmethod
    async def connect(cls, address: str) -> PostgresDatabase:
        check_address(address)
        try:
            with as_dbapi_errors():
                conn = await asyncpg.connect(address, timeout=CONNECT_TIMEOUT_S)
        except (TimeoutError, OSError, asyncpg.PostgresError, asyncpg.InterfaceError) as error:
            raise PostgresOperationalError(f"cannot open database {shown(address)}: {error}") from None
        except PostgresOperationalError as error:
            raise PostgresOperationalError(f"cannot open database {shown(address)}: {error}") from None
        db = cls(address, conn)
        try:
            await db._refuse_newer_schema()
            await db.migrate()
        except BaseException:
            await conn.close()
            raise
        return db

    async def _refuse_newer_schema(self) -> None:
        found = await self.schema_version()
        if found > known_schema_version():
            raise SchemaTooNew(shown(self.path), found, known_schema_version())

    async def close(self) -> None:
        async with self._lock:
            await self._conn.close()

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Transaction]:
        async with self._lock:
            await self._on.script(BEGIN_WRITE)
            tx = PostgresTransaction(self._on, self)
            try:
                yield tx
            except BaseException:
                await self._roll_back_quietly()
                raise
            try:
                await self._on.script("COMMIT")
            except BaseException:
                await self._roll_back_quietly()
                raise
        self._committed(tx.sync)

    async def _roll_back_quietly(self) -> None:
        self._on.discard_pending()
        if self._conn.is_closed() or not self._conn.is_in_transaction():
            return
        try:
            await self._on.script("ROLLBACK")
        except Exception:  # the connection is gone: the server rolled it back
            log.warning("ROLLBACK failed; the server ends the transaction with the connection")

    async def run_sync(
        self, work: Callable[[SyncTransaction], T], *, write: bool = True, row_locked: bool = False
    ) -> T:
        tx = PostgresSyncTransaction(self._on, self.clock, row_locked=row_locked)
        async with self._lock:
            try:
                result = await run_plain(lambda: in_transaction(tx, work, write=write))
            except BaseException:
                # Cancelled while waiting on the server: the greenlet never saw it.
                await self._roll_back_quietly()
                raise
        self._committed(tx)
        return result

    async def run_row_locked(self, work: Callable[[SyncTransaction], T]) -> T:
        """A write that locks the rows it changes itself (``FOR UPDATE``), without the writers' turn."""
        return await self.run_sync(work, row_locked=True)

    async def fetchall(self, sql: str, params: Params = ()) -> list[Row]:
        async with self._lock:
            return await self._on.fetchall(sql, params)

    async def fetchone(self, sql: str, params: Params = ()) -> Row | None:
        async with self._lock:
            return await self._on.fetchone(sql, params)

    async def backup(self, target: str | Path) -> None:
        """``pg_dump --format=custom``: a consistent snapshot, safe while the bot runs."""
        await run_tool(
            "pg_dump", "--format=custom", "--no-owner", f"--file={target}", f"--dbname={self.path}"
        )

    async def verify_backup(self, target: str | Path, expected_version: int) -> str | None:
        try:
            listing = await run_tool("pg_restore", "--list", str(target))
        except PostgresOperationalError as error:
            return str(error)
        if "TABLE DATA" not in listing or "schema_migrations" not in listing:
            return "it holds no picketbot tables"
        return None

    async def schema_version(self) -> int:
        exists = await self.fetchval("SELECT to_regclass('schema_migrations') IS NOT NULL")
        if not exists:
            return 0
        return int(await self.fetchval("SELECT coalesce(max(version), 0) FROM schema_migrations") or 0)

    async def integrity_check(self) -> str:
        """ "ok" when every table reads whole and every foreign key holds, else the first problem."""
        for table in await self.tables():
            try:
                await self.fetchval(f'SELECT count(*) FROM "{table.name}"')
            except Exception as error:
                return f"{table.name}: {error}"
        broken = await self.fetchall(
            "SELECT conrelid::regclass::text AS t, conname FROM pg_constraint"
            " WHERE connamespace = current_schema()::regnamespace AND NOT convalidated"
        )
        if broken:
            return f"{broken[0]['t']}: constraint {broken[0]['conname']} not validated"
        return "ok"

    async def tables(self) -> list[TableLayout]:
        rows = await self.fetchall(
            "SELECT c.relname AS name, array_agg(a.attname::text ORDER BY a.attnum) AS columns"
            " FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid"
            " WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r'"
            " AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''"
            " AND c.relname <> 'schema_migrations' GROUP BY c.relname"
        )
        keys = await self.fetchall(
            "SELECT c.conrelid::regclass::text AS name, array_agg(a.attname::text ORDER BY k.n) AS key"
            " FROM pg_constraint c CROSS JOIN LATERAL unnest(c.conkey) WITH ORDINALITY k(attnum, n)"
            " JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum"
            " WHERE c.contype = 'p' AND c.connamespace = current_schema()::regnamespace GROUP BY c.conrelid"
        )
        parents = await self.fetchall(
            "SELECT conrelid::regclass::text AS name, confrelid::regclass::text AS parent FROM pg_constraint"
            " WHERE contype = 'f' AND connamespace = current_schema()::regnamespace"
        )
        key_of = {str(r["name"]).strip('"'): list(r["key"]) for r in keys}
        parents_of: dict[str, set[str]] = {}
        for r in parents:
            parents_of.setdefault(str(r["name"]).strip('"'), set()).add(str(r["parent"]).strip('"'))
        return [
            TableLayout(
                str(r["name"]),
                list(r["columns"]),
                key_of.get(str(r["name"]), []),
                parents_of.get(str(r["name"]), set()),
            )
            for r in rows
        ]

    def after_copy(self, tx: SyncTransaction) -> None:
        assert isinstance(tx, PostgresSyncTransaction)
        tx.script(RESET_SEQUENCES)

    async def migrate(self) -> list[int]:
        """Apply the migrations not yet applied, each in its own transaction (see `storage.postgres.ddl`)."""
        async with self._lock:
            async with self._conn.transaction():
                await self._on.script(f"SELECT pg_advisory_xact_lock({_MIGRATE_LOCK})")
                for statement in BOOTSTRAP:
                    await self._on.script(statement)
            done = {int(r[0]) for r in await self._on.fetchall("SELECT version FROM schema_migrations")}
            applied = []
            for version, name, sql in _migrations():
                if version in done:
                    continue
                log.info("applying migration %03d_%s", version, name)
                if await self._apply(version, name, sql):
                    applied.append(version)
            return applied

    async def _apply(self, version: int, name: str, sql: str) -> bool:
        """One migration in one transaction; False when another process applied it first."""
        statements = _override(version, name) or postgres_script(sql)
        async with self._conn.transaction():
            await self._on.script(f"SELECT pg_advisory_xact_lock({_MIGRATE_LOCK})")
            if await self._on.fetchone("SELECT 1 FROM schema_migrations WHERE version = ?", (version,)):
                return False
            for statement in statements:
                with as_dbapi_errors():
                    await self._conn.execute(statement)
            await self._on.script(RESET_SEQUENCES)
            await self._on.execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                (version, name, iso(datetime.now(UTC))),
            )
        return True


#: Held while migrating, so two processes starting at once do not both apply a migration.
_MIGRATE_LOCK = 0x7069636B6D696772


def _override(version: int, name: str) -> list[str] | None:
    """``storage/migrations/postgresql/NNN_name.sql``, where SQLite's file cannot be translated."""
    entry = resources.files("storage.migrations").joinpath("postgresql", f"{version:03d}_{name}.sql")
    if not entry.is_file():
        return None
    return split_statements(strip_comments(entry.read_text(encoding="utf-8")))


async def run_tool(name: str, *args: str) -> str:
    """Run a PostgreSQL client tool (pg_dump, pg_restore); its output, or one line saying why not."""
    found = shutil.which(name) or _in_bindir(name)
    if found is None:
        raise PostgresOperationalError(f"{name} not found: install the PostgreSQL client tools")
    process = await asyncio.create_subprocess_exec(
        found, *args, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE
    )
    out, err = await process.communicate()
    if process.returncode != 0:
        lines = err.decode(errors="replace").strip().splitlines()
        raise PostgresOperationalError(f"{name} failed: {lines[-1] if lines else process.returncode}")
    return out.decode(errors="replace")


def _in_bindir(name: str) -> str | None:
    for directory in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if (directory / name).is_file():
            return str(directory / name)
    return None
