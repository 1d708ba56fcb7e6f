"""A `SyncTransaction` over asyncpg: the plain storage functions, unchanged, on PostgreSQL.

Each call translates its statement (`storage.postgres.dialect`, cached) and
waits for asyncpg from inside the greenlet that `run_plain` started: one
round trip to the server per statement, and one for a whole `executemany`
(asyncpg pipelines its rows). `PostgresStatements` holds what the plain
`PostgresSyncTransaction` and the async `PostgresTransaction` share.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, ClassVar

import asyncpg

from storage.postgres.dialect import multi_row, translate
from storage.postgres.errors import as_dbapi_errors
from storage.postgres.greenlets import wait_for
from storage.sync_tx import Params, Row, SyncTransaction

#: Taken by every write transaction, so writers on one database take turns as on SQLite
#: (a transaction-level advisory lock: released by COMMIT or ROLLBACK). The number is
#: arbitrary; "picketbot" in ASCII, to be recognisable in pg_locks.
WRITE_LOCK = 0x7069636B6574626F
BEGIN_WRITE = f"BEGIN; SELECT pg_advisory_xact_lock({WRITE_LOCK})"
#: A reader sees one snapshot for its whole transaction, as SQLite's deferred BEGIN does.
BEGIN_READ = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"
#: A write that locks its own rows (outbox claims, `FOR UPDATE SKIP LOCKED`) and so does not
#: take the writers' turn: read committed, each statement seeing what others committed.
BEGIN_ROW_LOCKED = "BEGIN"


class PostgresCursor:
    """What `execute` hands back: the rows a statement returned, and how many rows it touched."""

    __slots__ = ("_rows", "rowcount")

    def __init__(self, rows: Sequence[Row], rowcount: int) -> None:
        self._rows = rows
        self.rowcount = rowcount

    def fetchone(self) -> Row | None:
        return self._rows[0] if self._rows else None

    def fetchall(self) -> list[Row]:
        return list(self._rows)

    def __iter__(self) -> Iterator[Row]:
        return iter(self._rows)


#: Statements that hand nothing back and take no parameters: held back and sent in the
#: same round trip as the next statement that goes out in PostgreSQL's simple protocol.
_CONTROL = re.compile(r"^\s*(?:SAVEPOINT|RELEASE|ROLLBACK\s+TO)\s+\w+\s*;?\s*$", re.I)


class PostgresStatements:
    """Statements on one asyncpg connection, SQLite's marks translated.

    A write's BEGIN (with its lock) and its savepoints are held back (`defer`)
    and go out joined with the next statement that can carry them: a
    ``BEGIN; SELECT pg_advisory_xact_lock(…); SAVEPOINT request`` in one
    round trip, ``RELEASE request; COMMIT`` in another. Anything else sends
    what is held first, so the server sees every statement in order.
    """

    def __init__(self, conn: asyncpg.Connection) -> None:
        self.conn = conn
        self.pending: list[str] = []

    def defer(self, sql: str) -> None:
        self.pending.append(sql.strip().rstrip(";"))

    def discard_pending(self) -> None:
        self.pending.clear()

    async def _flush(self) -> None:
        if self.pending:
            await self.script("")

    async def execute(self, sql: str, params: Params = ()) -> PostgresCursor:
        if not params and _CONTROL.match(sql):
            self.defer(sql)
            return PostgresCursor((), 0)
        await self._flush()
        many = multi_row(sql) if params else None
        if many is not None:
            values = list(params)  # a multi-row VALUES: one row's statement, pipelined
            rows = [values[i : i + many.width] for i in range(0, len(values), many.width)]
            await self.executemany(many.single, rows)
            return PostgresCursor((), len(rows))
        statement = translate(sql)
        arguments = statement.arguments(params)
        with as_dbapi_errors():
            if statement.returns_rows:
                found = await self.conn.fetch(statement.sql, *arguments)
                return PostgresCursor(found, len(found))
            status = await self.conn.execute(statement.sql, *arguments)
        count = status.rsplit(" ", 1)[-1]
        return PostgresCursor((), int(count) if count.isdigit() else -1)

    async def executemany(self, sql: str, rows: Iterable[Params]) -> None:
        await self._flush()
        statement = translate(sql)
        batch = [statement.arguments(row) for row in rows]
        if batch:
            with as_dbapi_errors():
                await self.conn.executemany(statement.sql, batch)

    async def insert(self, sql: str, params: Params = ()) -> int:
        await self._flush()
        statement = translate(sql.rstrip().rstrip(";") + " RETURNING id")
        with as_dbapi_errors():
            row_id = await self.conn.fetchval(statement.sql, *statement.arguments(params))
        if row_id is None:
            raise RuntimeError("insert produced no row id")
        return int(row_id)

    async def fetchall(self, sql: str, params: Params = ()) -> list[Row]:
        await self._flush()
        statement = translate(sql)
        with as_dbapi_errors():
            return list(await self.conn.fetch(statement.sql, *statement.arguments(params)))

    async def fetchone(self, sql: str, params: Params = ()) -> Row | None:
        await self._flush()
        statement = translate(sql)
        with as_dbapi_errors():
            found: Row | None = await self.conn.fetchrow(statement.sql, *statement.arguments(params))
        return found

    async def new_ids(self, table: str, count: int) -> list[int]:
        await self._flush()
        with as_dbapi_errors():
            found = await self.conn.fetch(
                "SELECT nextval(pg_get_serial_sequence($1, 'id')) FROM generate_series(1, $2)", table, count
            )
        return sorted(int(row[0]) for row in found)

    async def script(self, sql: str) -> None:
        """Statements without parameters, as they are (BEGIN, COMMIT…), after those held back."""
        text = "; ".join([*self.pending, sql] if sql else self.pending)
        self.pending.clear()
        with as_dbapi_errors():
            await self.conn.execute(text)


class PostgresSyncTransaction(SyncTransaction):
    """Plain calls that wait for asyncpg (inside `storage.postgres.greenlets.run_plain`)."""

    __slots__ = ("_begin_write", "_on")

    dialect: ClassVar[str] = "postgresql"

    def __init__(self, statements: PostgresStatements, clock: Any, *, row_locked: bool = False) -> None:
        super().__init__(clock)
        self._on = statements
        self._begin_write = BEGIN_ROW_LOCKED if row_locked else BEGIN_WRITE

    @property
    def in_transaction(self) -> bool:
        # A BEGIN held back (`PostgresStatements.defer`) has begun it as far as the caller knows.
        return bool(self._on.conn.is_in_transaction()) or any(s.startswith("BEGIN") for s in self._on.pending)

    def execute(self, sql: str, params: Params = ()) -> PostgresCursor:
        return wait_for(self._on.execute(sql, params))

    def executemany(self, sql: str, rows: Iterable[Params]) -> None:
        wait_for(self._on.executemany(sql, rows))

    def insert(self, sql: str, params: Params = ()) -> int:
        return wait_for(self._on.insert(sql, params))

    def fetchone(self, sql: str, params: Params = ()) -> Row | None:
        return wait_for(self._on.fetchone(sql, params))

    def fetchall(self, sql: str, params: Params = ()) -> list[Row]:
        return wait_for(self._on.fetchall(sql, params))

    def new_ids(self, table: str, count: int) -> list[int]:
        return wait_for(self._on.new_ids(table, count)) if count else []

    def script(self, sql: str) -> None:
        """A statement as it is, without parameters or translation (PostgreSQL's own SQL)."""
        wait_for(self._on.script(sql))

    def begin(self, *, write: bool) -> None:
        self._on.defer(self._begin_write if write else BEGIN_READ)  # goes out with the first statement

    def commit(self) -> None:
        wait_for(self._on.script("COMMIT"))

    def rollback(self) -> None:
        self._on.discard_pending()
        if self._on.conn.is_in_transaction():
            wait_for(self._on.script("ROLLBACK"))
