"""Database.run_sync and run_grouped: one hop per transaction, one commit per group.

run_sync reaches into aiosqlite's private Connection._execute and ._conn
(see Database._on_connection_thread); these tests fail loudly if a new
aiosqlite changes them.
"""

from __future__ import annotations

import asyncio
import sqlite3
import threading
import time
from collections.abc import AsyncIterator, Callable, Sequence
from pathlib import Path

import pytest

from storage.database import Database
from storage.sync_tx import SyncTransaction


@pytest.fixture
async def db(tmp_path: Path) -> AsyncIterator[Database]:
    database = await Database.open(tmp_path / "g.db")
    await database.run_sync(
        lambda tx: tx.execute(
            "CREATE TABLE t (id INTEGER PRIMARY KEY, who TEXT NOT NULL UNIQUE, parent INTEGER REFERENCES t(id))"
        )
    )
    yield database
    await database.close()


def add(who: str, parent: int | None = None) -> Callable[[SyncTransaction], int]:
    def work(tx: SyncTransaction) -> int:
        return tx.insert("INSERT INTO t (who, parent) VALUES (?, ?)", (who, parent))

    return work


async def names(db: Database) -> list[str]:
    return [row["who"] for row in await db.fetchall("SELECT who FROM t ORDER BY id")]


async def test_run_sync_runs_on_the_connection_thread_inside_one_transaction(db: Database) -> None:
    def work(tx: SyncTransaction) -> tuple[int, bool]:
        tx.execute("INSERT INTO t (who) VALUES ('ana')")
        tx.execute("INSERT INTO t (who) VALUES ('bo')")
        return threading.get_ident(), tx.in_transaction

    thread, in_transaction = await db.run_sync(work)
    assert thread != threading.get_ident()
    assert in_transaction
    assert await names(db) == ["ana", "bo"]


async def test_run_sync_rolls_back_everything_when_the_work_raises(db: Database) -> None:
    def work(tx: SyncTransaction) -> None:
        tx.execute("INSERT INTO t (who) VALUES ('ana')")
        tx.execute("INSERT INTO t (who) VALUES ('ana')")  # UNIQUE

    with pytest.raises(sqlite3.IntegrityError):
        await db.run_sync(work)
    assert await names(db) == []
    await db.run_sync(add("after"))  # the connection is usable again
    assert await names(db) == ["after"]


async def test_concurrent_requests_share_commits_and_keep_their_order(db: Database) -> None:
    before = db.group_commits
    who = [f"m{i:03d}" for i in range(600)]
    ids = await asyncio.gather(*(db.run_grouped(add(name)) for name in who))
    assert ids == sorted(ids)  # inserted in the order asked
    assert await names(db) == who
    commits = db.group_commits - before
    assert 1 <= commits <= 3  # 600 requests at up to 512 per transaction


async def test_a_failing_request_undoes_only_its_own_changes(db: Database) -> None:
    def twice(tx: SyncTransaction) -> None:
        tx.execute("INSERT INTO t (who) VALUES ('half-done')")
        tx.execute("INSERT INTO t (who) VALUES ('a')")  # 'a' is taken by the first request

    results = await asyncio.gather(
        db.run_grouped(add("a")),
        db.run_grouped(twice),
        db.run_grouped(add("b")),
        return_exceptions=True,
    )
    assert isinstance(results[0], int) and isinstance(results[2], int)
    assert isinstance(results[1], sqlite3.IntegrityError)
    assert await names(db) == ["a", "b"]


async def test_a_refused_commit_fails_every_request_in_the_group_and_the_next_group_runs(
    db: Database,
) -> None:
    def dangling(tx: SyncTransaction) -> None:
        # A deferred foreign key is only checked at COMMIT, so the whole group's commit fails.
        tx.execute("PRAGMA defer_foreign_keys = ON")
        tx.execute("INSERT INTO t (who, parent) VALUES ('orphan', 999)")

    results = await asyncio.gather(
        db.run_grouped(add("x")),
        db.run_grouped(dangling),
        return_exceptions=True,
    )
    assert all(isinstance(r, sqlite3.IntegrityError) for r in results)
    assert await names(db) == []
    await db.run_grouped(add("y"))
    assert await names(db) == ["y"]


async def test_grouped_requests_wait_for_an_open_transaction(db: Database) -> None:
    async with db.transaction() as tx:
        pending = asyncio.ensure_future(db.run_grouped(add("later")))
        await tx.execute("INSERT INTO t (who) VALUES ('first')")
        await asyncio.sleep(0.01)
        assert not pending.done()
    await pending
    assert await names(db) == ["first", "later"]


def insert_names(calls: list[list[str]]) -> Callable[[SyncTransaction, Sequence[str]], list[int | Exception]]:
    """A batch function: inserts every name in one executemany; a name starting with '!' is refused."""

    def batch(tx: SyncTransaction, items: Sequence[str]) -> list[int | Exception]:
        calls.append(list(items))
        kept = [name for name in items if not name.startswith("!")]
        tx.executemany("INSERT INTO t (who) VALUES (?)", [(name,) for name in kept])
        ids = {r["who"]: r["id"] for r in tx.fetchall("SELECT id, who FROM t")}
        return [ValueError(f"refused {name}") if name.startswith("!") else ids[name] for name in items]

    return batch


async def test_batched_requests_of_one_kind_are_decided_together_in_order(db: Database) -> None:
    calls: list[list[str]] = []
    batch = insert_names(calls)
    results = await asyncio.gather(
        db.run_batched(batch, "a"),
        db.run_batched(batch, "!b"),
        db.run_batched(batch, "c"),
        db.run_grouped(add("lone")),  # a request of another kind splits the run
        db.run_batched(batch, "d"),
        return_exceptions=True,
    )
    assert calls == [["a", "!b", "c"], ["d"]]
    assert isinstance(results[1], ValueError) and str(results[1]) == "refused !b"
    assert [r for r in results if isinstance(r, int)] == sorted(r for r in results if isinstance(r, int))
    assert await names(db) == ["a", "c", "lone", "d"]
    assert db.group_commits == 1 and db.group_retries == 0


async def test_a_batch_that_raises_is_undone_and_retried_one_at_a_time(db: Database) -> None:
    calls: list[list[str]] = []
    batch = insert_names(calls)
    await db.run_grouped(add("taken"))
    results = await asyncio.gather(
        db.run_batched(batch, "x"),
        db.run_batched(batch, "taken"),  # UNIQUE: the whole executemany fails
        db.run_batched(batch, "y"),
        return_exceptions=True,
    )
    assert calls == [["x", "taken", "y"], ["x"], ["taken"], ["y"]]
    assert isinstance(results[0], int) and isinstance(results[2], int)
    assert isinstance(results[1], sqlite3.IntegrityError)
    assert await names(db) == ["taken", "x", "y"]
    assert db.group_retries == 1


async def test_a_task_cancelled_during_its_commit_stays_cancelled(db: Database) -> None:
    """The COMMIT still runs on the connection's thread after the cancel; the ROLLBACK that
    follows finds nothing open. The task must end cancelled, not with that SQLite error
    (a worker that retries errors would otherwise never stop, and shutdown would hang)."""
    queued = asyncio.Event()
    busy: list[asyncio.Future[None]] = []

    async def writer() -> None:
        async with db.transaction() as tx:
            await tx.execute("INSERT INTO t (who) VALUES ('kept')")
            # Keep the connection's thread busy, so the COMMIT waits in its queue.
            busy.append(asyncio.ensure_future(db._on_connection_thread(lambda conn: time.sleep(0.3))))
            await asyncio.sleep(0)  # the busy job is queued first
            queued.set()

    task = asyncio.ensure_future(writer())
    await queued.wait()
    await asyncio.sleep(0.05)  # the task now awaits its COMMIT
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    await busy[0]
    assert await names(db) == ["kept"]  # the COMMIT did run
    await db.run_grouped(add("after"))  # and the connection is fine
    assert await names(db) == ["kept", "after"]
