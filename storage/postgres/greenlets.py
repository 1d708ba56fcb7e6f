"""Plain functions that wait for asyncpg: the bridge that keeps one copy of every storage function.

Storage writes are plain (synchronous) functions over a `SyncTransaction`:
on SQLite they run on the connection's thread in one hop. asyncpg only
speaks async. `run_plain(fn, ...)` runs such a function in a greenlet on the
event loop's own thread; when the function's PostgreSQL transaction needs the
database (`wait_for(coroutine)`), the greenlet hands the coroutine to
`run_plain`, which awaits it on the loop and switches back with its result
(or raises its error inside the function, where the function's own
``try``/``except`` sees it). Other tasks run while it waits, as with any
await. SQLAlchemy's asyncio layer works the same way (``greenlet_spawn``,
``await_only``).

A switch costs about a microsecond; the round trip to the server it waits
for costs a hundred times that.
"""

from __future__ import annotations

import sys
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from greenlet import getcurrent, greenlet

T = TypeVar("T")


class _PlainCall(greenlet):  # type: ignore[misc]  # greenlet's class is typed loosely
    """A plain function running under `run_plain`; `driver` is the greenlet that awaits for it."""

    def __init__(self, fn: Callable[..., Any], driver: greenlet) -> None:
        super().__init__(fn, driver)
        self.driver = driver


def wait_for(awaitable: Awaitable[T]) -> T:
    """From inside `run_plain`: wait for `awaitable` on the event loop and return its result."""
    current = getcurrent()
    if not isinstance(current, _PlainCall):
        raise RuntimeError("a PostgreSQL transaction's plain calls must run inside Database.run_sync")
    result: T = current.driver.switch(awaitable)
    return result


async def run_plain(fn: Callable[..., T], *args: Any) -> T:
    """Run `fn(*args)`, a plain function that may call `wait_for`, from async code."""
    call = _PlainCall(fn, getcurrent())
    switched = call.switch(*args)
    while not call.dead:
        try:
            value = await switched
        except BaseException:
            switched = call.throw(*sys.exc_info())
        else:
            switched = call.switch(value)
    result: T = switched
    return result
