"""Leadership on PostgreSQL: the advisory lock (`storage.postgres.leader_lock`)."""

from __future__ import annotations

import asyncio
import signal
import sys
import time

from storage.postgres.leader_lock import AdvisoryLeaderLock

HOLD = """
import asyncio, sys
from storage.postgres.leader_lock import AdvisoryLeaderLock

async def main() -> None:
    lock = AdvisoryLeaderLock(sys.argv[1], "holder-in-child")
    print("held" if await lock.acquire() else "refused", flush=True)
    await asyncio.sleep(3600)

asyncio.run(main())
"""


async def test_one_holder_at_a_time_and_a_clean_release_frees_it(postgres_address: str) -> None:
    first, second = (
        AdvisoryLeaderLock(postgres_address, "first"),
        AdvisoryLeaderLock(postgres_address, "second"),
    )
    try:
        assert await first.acquire()
        assert await first.acquire(), "a holder keeps it"
        assert not await second.acquire()
        assert await second.current_holder() == "first"
        await first.release()
        assert await second.acquire()
        assert not await first.acquire()
    finally:
        await first.close()
        await second.close()


async def test_a_holder_killed_with_sigkill_frees_the_lock_for_a_standby(postgres_address: str) -> None:
    child = await asyncio.create_subprocess_exec(
        sys.executable, "-c", HOLD, postgres_address, stdout=asyncio.subprocess.PIPE
    )
    standby = AdvisoryLeaderLock(postgres_address, "standby")
    try:
        assert child.stdout is not None
        assert (await asyncio.wait_for(child.stdout.readline(), 60)).strip() == b"held"
        assert not await standby.acquire()
        assert await standby.current_holder() == "holder-in-child"
        child.send_signal(signal.SIGKILL)
        await child.wait()
        killed = time.monotonic()
        while not await standby.acquire():
            assert time.monotonic() - killed < 30, "the standby never got the lock"
            await asyncio.sleep(0.1)
    finally:
        if child.returncode is None:
            child.kill()
            await child.wait()
        await standby.close()


async def test_a_lost_connection_is_a_lost_lock(postgres_address: str) -> None:
    holder, standby = (
        AdvisoryLeaderLock(postgres_address, "holder"),
        AdvisoryLeaderLock(postgres_address, "standby"),
    )
    try:
        assert await holder.acquire()
        assert holder._conn is not None
        holder._conn.terminate()  # the network drops: the server frees the lock with the session
        assert not await holder.acquire(), "it must not claim a lock its lost session held"
        assert await standby.acquire()
    finally:
        await holder.close()
        await standby.close()
