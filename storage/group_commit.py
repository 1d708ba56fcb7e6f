"""Group commit: requests that arrive together share one transaction and one commit.

When a shift announcement brings thousands of sign-ups at once, running each
in its own transaction costs a commit and several trips to the database
thread apiece. Here each request is a plain function queued for the
database's thread; whatever queued while the previous batch ran goes in the
next one, in arrival order, inside one BEGIN IMMEDIATE ... COMMIT and one
thread hop.

Each request runs in its own SAVEPOINT, so one that raises (a full shift, a
bug) undoes only its own changes and gets its own error; the others commit.
A caller's future is resolved only after the batch committed, so a reply
never acknowledges a change that could still be rolled back.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from storage.sync_tx import SyncTransaction, in_savepoint

T = TypeVar("T")
#: At most this many requests per transaction, so a storm does not hold the
#: lock so long that other commands queue behind it (and replies start flowing sooner).
MAX_BATCH = 256

#: Runs one function on the database thread inside one transaction (`Database.run_sync`).
RunInTransaction = Callable[[Callable[[SyncTransaction], None]], Awaitable[None]]


@dataclass
class _Request(Generic[T]):
    work: Callable[[SyncTransaction], T]
    future: asyncio.Future[T]


@dataclass
class _Outcome:
    ok: bool
    value: Any


class GroupCommit:
    def __init__(self, run_in_transaction: RunInTransaction, *, max_batch: int = MAX_BATCH) -> None:
        self._run = run_in_transaction
        self.max_batch = max_batch
        self._pending: list[_Request[Any]] = []
        self._drainer: asyncio.Task[None] | None = None
        #: Transactions committed so far (the benchmark reports requests per commit).
        self.batches = 0

    async def submit(self, work: Callable[[SyncTransaction], T]) -> T:
        """Run `work` in the next group transaction; its result, or what it raised."""
        future: asyncio.Future[T] = asyncio.get_running_loop().create_future()
        self._pending.append(_Request(work, future))
        if self._drainer is None:
            # Started on the next loop pass, so every request made in this pass joins it.
            self._drainer = asyncio.create_task(self._drain(), name="group-commit")
        return await future

    async def _drain(self) -> None:
        try:
            while self._pending:
                batch = [r for r in self._pending[: self.max_batch] if not r.future.cancelled()]
                del self._pending[: self.max_batch]
                if batch:
                    await self._run_batch(batch)
        except BaseException:
            for request in self._pending:
                request.future.cancel()
            self._pending.clear()
            raise
        finally:
            self._drainer = None

    async def _run_batch(self, batch: list[_Request[Any]]) -> None:
        outcomes: list[_Outcome] = []
        try:
            await self._run(lambda tx: _run_each(tx, batch, outcomes))
        except Exception as error:
            # The transaction as a whole failed (commit refused, connection closed): nothing is
            # in, every caller hears so, and the next batch still gets its own try.
            for request in batch:
                if not request.future.done():
                    request.future.set_exception(error)
            return
        except BaseException:
            for request in batch:
                request.future.cancel()
            raise
        self.batches += 1
        for request, outcome in zip(batch, outcomes, strict=True):
            if request.future.done():  # the caller gave up waiting; its change is committed anyway
                continue
            if outcome.ok:
                request.future.set_result(outcome.value)
            else:
                request.future.set_exception(outcome.value)


def _run_each(tx: SyncTransaction, batch: list[_Request[Any]], outcomes: list[_Outcome]) -> None:
    """On the database thread: every request in its own savepoint, in order."""
    for request in batch:
        try:
            outcomes.append(_Outcome(True, in_savepoint(tx, request.work)))
        except Exception as error:
            if not tx.in_transaction:
                # SQLite itself rolled the whole transaction back (disk full, I/O error):
                # the earlier requests' changes are gone too, so the batch fails as one.
                raise
            outcomes.append(_Outcome(False, error))
