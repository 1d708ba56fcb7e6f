"""`picketbot db copy SRC DST`: every row of one database into another, then checked.

Either side may be a SQLite file or a PostgreSQL database; both are opened
(so both are migrated to this picketbot's schema) and the destination must
hold no rows yet. Tables are copied parents first (`in_dependency_order`),
with their ids, in one transaction on the destination: a copy that fails
half-way leaves it as empty as it was. Only the columns both sides store are
copied (PostgreSQL's generated search column is made by the server itself).

Then every table is read back from both sides and compared row by row, as
multisets of values: a copy is reported done only when each row arrived,
unchanged, and nothing else did.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from storage.database import Database, TableLayout, in_dependency_order

CHUNK = 1_000


class CopyError(ValueError):
    """The copy cannot start, or did not arrive whole (one line saying which)."""


@dataclass(frozen=True)
class CopyReport:
    #: Rows copied, by table, in the order they were copied.
    rows: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.rows.values())


async def copy_database(
    source: Database, target: Database, *, progress: Callable[[str, int], None] | None = None
) -> CopyReport:
    """Copy every row of `source` into the empty `target`, then check that each arrived."""
    plan = await _plan(source, target)
    copied: dict[str, int] = {}
    async with target.transaction() as tx:
        for table, columns in plan:
            names = ", ".join(f'"{c}"' for c in columns)
            marks = ", ".join("?" for _ in columns)
            insert = f'INSERT INTO "{table.name}" ({names}) VALUES ({marks})'
            rows = await _read(source, table.name, columns, table.key)
            for start in range(0, len(rows), CHUNK):
                await tx.executemany(insert, rows[start : start + CHUNK])
            copied[table.name] = len(rows)
            if progress is not None:
                progress(table.name, len(rows))
        await tx.run(target.after_copy)
    for table, columns in plan:
        await _check_arrived(source, target, table, columns)
    return CopyReport(copied)


async def _plan(source: Database, target: Database) -> list[tuple[TableLayout, list[str]]]:
    found, wanted = await source.schema_version(), await target.schema_version()
    if found != wanted:
        raise CopyError(f"the two databases have schema versions {found} and {wanted}")
    theirs = {t.name: t for t in await target.tables()}
    plan = []
    for table in in_dependency_order(await source.tables()):
        other = theirs.get(table.name)
        if other is None:
            raise CopyError(f"the destination has no table {table.name}")
        if await target.fetchval(f'SELECT count(*) FROM "{table.name}"'):
            raise CopyError(
                f"the destination already holds rows (table {table.name}); copy into an empty one"
            )
        columns = [c for c in table.columns if c in other.columns]
        plan.append((table, columns))
    return plan


async def _read(db: Database, table: str, columns: list[str], key: list[str]) -> list[tuple[Any, ...]]:
    names = ", ".join(f'"{c}"' for c in columns)
    order = ", ".join(f'"{c}"' for c in key if c in columns) or "1"
    return [tuple(row) for row in await db.fetchall(f'SELECT {names} FROM "{table}" ORDER BY {order}')]


async def _check_arrived(source: Database, target: Database, table: TableLayout, columns: list[str]) -> None:
    sent = Counter(await _read(source, table.name, columns, table.key))
    arrived = Counter(await _read(target, table.name, columns, table.key))
    if sent != arrived:
        missing = sum((sent - arrived).values())
        extra = sum((arrived - sent).values())
        raise CopyError(
            f"table {table.name} did not arrive whole: {missing} rows missing or changed, {extra} unexpected"
        )
