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

Requests of one kind can also be decided together (`submit_to_batch`): one
function gets every request of that kind that queued in a row and answers
each, so a storm of sign-ups costs a few set-based statements per group
instead of several statements per sign-up. If that function raises, its
savepoint is rolled back and the requests are tried one at a time, so only
the one at fault fails.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from storage.sync_tx import SyncTransaction, in_savepoint

log = logging.getLogger("picketbot.storage")

T = TypeVar("T")
Item = TypeVar("Item")
#: At most this many requests per transaction, so a storm does not hold the lock so long
#: that other commands queue behind it (a group of 512 sign-ups holds it about 10 ms).
#: Larger groups spread each group's fixed cost (its reads, BEGIN and COMMIT, the trip
#: to the database thread) thinner; 512 measured a little better than 256.
MAX_BATCH = 512

#: Runs one function on the database thread inside one transaction (`Database.run_sync`).
RunInTransaction = Callable[[Callable[[SyncTransaction], None]], Awaitable[None]]

#: Decides many requests of one kind on the database thread: one answer per item, in
#: order. A refused item's answer is the exception to raise for it, and it wrote nothing.
BatchWork = Callable[[SyncTransaction, Sequence[Item]], list[T | Exception]]


@dataclass(slots=True)
class _Request(Generic[T]):
    future: asyncio.Future[T]
    #: A request on its own: a function of the transaction.
    work: Callable[[SyncTransaction], T] | None = None
    #: Or an item for a batch function, decided with its neighbours of the same kind.
    batch: BatchWork[Any, T] | None = None
    item: Any = None


@dataclass(slots=True)
class _Outcome:
    ok: bool
    value: Any


class GroupCommit:
    def __init__(
        self,
        run_in_transaction: RunInTransaction,
        *,
        max_batch: int = MAX_BATCH,
    ) -> None:
        # `Database.run_sync`: after the group commits, and before its callers hear, it wakes
        # whoever the group's writes name (the reminder scheduler, the delivery worker).
        self._run = run_in_transaction
        self.max_batch = max_batch
        self._pending: list[_Request[Any]] = []
        self._drainer: asyncio.Task[None] | None = None
        #: Transactions committed so far (the benchmark reports requests per commit).
        self.batches = 0
        #: Runs a batch function could not finish, retried one request at a time.
        self.retried_alone = 0

    def submit(self, work: Callable[[SyncTransaction], T]) -> asyncio.Future[T]:
        """Run `work` in the next group transaction; await the result (or what it raised)."""
        return self._enqueue(_Request(asyncio.get_running_loop().create_future(), work=work))

    def submit_to_batch(self, batch: BatchWork[Item, T], item: Item) -> asyncio.Future[T]:
        """Have `batch` decide `item` along with the requests of its kind queued next to it."""
        return self._enqueue(_Request(asyncio.get_running_loop().create_future(), batch=batch, item=item))

    def _enqueue(self, request: _Request[T]) -> asyncio.Future[T]:
        # Plain functions handing back the future: a storm pays for every coroutine frame.
        self._pending.append(request)
        if self._drainer is None:
            # Started on the next loop pass, so every request made in this pass joins it.
            self._drainer = asyncio.create_task(self._drain(), name="group-commit")
        return request.future

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
            await self._run(lambda tx: self._run_each(tx, batch, outcomes))
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

    def _run_each(self, tx: SyncTransaction, batch: list[_Request[Any]], outcomes: list[_Outcome]) -> None:
        """On the database thread: every request (or run of one kind) in its own savepoint, in order."""
        for run in _runs_of_a_kind(batch):
            if run[0].batch is None:
                outcomes.append(_attempt(tx, run[0]))
            else:
                outcomes.extend(self._attempt_together(tx, run))

    def _attempt_together(self, tx: SyncTransaction, run: list[_Request[Any]]) -> list[_Outcome]:
        batch = run[0].batch
        assert batch is not None
        items = [request.item for request in run]
        try:
            answers = in_savepoint(tx, lambda t: batch(t, items))
        except Exception as error:
            if not tx.in_transaction:
                raise
            if len(run) == 1:
                return [_Outcome(False, error)]
            # Something the batch function did not foresee (a constraint, a bug): its savepoint
            # undid the whole run, so decide them one by one and let only the one at fault fail.
            self.retried_alone += 1
            log.warning(
                "a group of %d requests failed together (%s); retrying one at a time", len(run), error
            )
            return [outcome for request in run for outcome in self._attempt_together(tx, [request])]
        if len(answers) != len(items):
            raise RuntimeError(f"a batch of {len(items)} got {len(answers)} answers")
        return [_Outcome(not isinstance(answer, Exception), answer) for answer in answers]


def _runs_of_a_kind(batch: list[_Request[Any]]) -> Iterator[list[_Request[Any]]]:
    """Consecutive requests for the same batch function together; lone requests alone."""
    run: list[_Request[Any]] = []
    for request in batch:
        if run and (request.batch is None or request.batch is not run[0].batch):
            yield run
            run = []
        run.append(request)
    if run:
        yield run


def _attempt(tx: SyncTransaction, request: _Request[Any]) -> _Outcome:
    work = request.work
    assert work is not None
    try:
        return _Outcome(True, in_savepoint(tx, work))
    except Exception as error:
        if not tx.in_transaction:
            # SQLite itself rolled the whole transaction back (disk full, I/O error):
            # the earlier requests' changes are gone too, so the batch fails as one.
            raise
        return _Outcome(False, error)
