"""Leadership on PostgreSQL: a session-level advisory lock held on a connection of its own.

On SQLite the leader renews a lease row (`storage.leases`). On PostgreSQL the
server itself knows when a holder is gone: a session-level advisory lock lives
as long as the connection that took it, so a process killed with SIGKILL (its
kernel closes the socket) frees it the moment its server process notices,
and a standby's next try takes it. A machine that vanishes without closing
its sockets is noticed by the server's TCP keepalives, set short here
(about 11 s), so a standby takes over within a keepalive and a check.

The lock has a connection of its own: the bot's one database connection runs
transactions, and the lock must outlive them all.
"""

from __future__ import annotations

import asyncio
import logging

import asyncpg

log = logging.getLogger("picketbot.leader")

#: The leader's lock, in the one bigint key space all advisory locks share ("picklead").
LEADER_LOCK = 0x7069636B6C656164
#: How long one statement of the lock's connection may take before it is given up as lost.
STATEMENT_TIMEOUT_S = 5.0
#: The server's side of the lock's connection: a vanished holder is found in ~5 + 3 × 2 s.
KEEPALIVES = {"tcp_keepalives_idle": "5", "tcp_keepalives_interval": "2", "tcp_keepalives_count": "3"}
#: PostgreSQL keeps the first 63 bytes of an application_name.
NAME_LIMIT = 63
_CONNECTION_ERRORS = (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError)


class AdvisoryLeaderLock:
    """`acquire` takes the lock (or checks it is still held), `release` gives it back.

    The connection carries the holder id as its ``application_name``, so
    `current_holder` (and an operator's ``pg_stat_activity``) tells who leads.
    """

    def __init__(self, address: str, holder: str) -> None:
        self.address = address
        self.holder = holder
        self._conn: asyncpg.Connection | None = None
        self._held = False

    async def acquire(self) -> bool:
        """True while this process holds the lock. A lost connection has lost the lock with it."""
        if self._held and (self._conn is None or self._conn.is_closed()):
            # Lost with its session: say so, even if the lock is free again, so the leader's
            # work stops before this process may take the lock anew on its next try.
            await self.close()
            return False
        try:
            conn = await self._connection()
            if self._held:
                await conn.fetchval("SELECT 1", timeout=STATEMENT_TIMEOUT_S)
                return True
            self._held = bool(
                await conn.fetchval(
                    "SELECT pg_try_advisory_lock($1)", LEADER_LOCK, timeout=STATEMENT_TIMEOUT_S
                )
            )
            return self._held
        except _CONNECTION_ERRORS as error:
            log.warning("the leader lock's connection failed (%s): %s", type(error).__name__, error)
            await self.close()
            return False

    async def release(self) -> None:
        """Unlock at once (a clean stop): closing the session frees every lock it holds."""
        await self.close()

    async def current_holder(self) -> str | None:
        """The holder id of the session holding the lock, or None."""
        try:
            conn = await self._connection()
            found = await conn.fetchval(
                "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
                " WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1"
                " AND l.classid::bigint = ($1::bigint >> 32) AND l.objid::bigint = ($1::bigint & 4294967295)",
                LEADER_LOCK,
                timeout=STATEMENT_TIMEOUT_S,
            )
        except _CONNECTION_ERRORS:
            return None
        return None if found is None else str(found)

    async def close(self) -> None:
        conn, self._conn, self._held = self._conn, None, False
        if conn is not None:
            try:
                await asyncio.wait_for(conn.close(), STATEMENT_TIMEOUT_S)
            except _CONNECTION_ERRORS:
                conn.terminate()

    async def _connection(self) -> asyncpg.Connection:
        if self._conn is None or self._conn.is_closed():
            self._held = False
            settings = {"application_name": self.holder[:NAME_LIMIT], **KEEPALIVES}
            self._conn = await asyncpg.connect(
                self.address, timeout=STATEMENT_TIMEOUT_S, server_settings=settings
            )
        return self._conn
