"""The fake Discord's gateway: the websocket handshake, sessions, dispatches and resumes."""

from __future__ import annotations

import contextlib
import json
import secrets

from aiohttp import WSMsgType, web

from bot.testing.fakes.discord.model import (
    CLOSE_AUTHENTICATION_FAILED,
    CLOSE_DECODE_ERROR,
    CLOSE_INVALID_API_VERSION,
    CLOSE_NOT_AUTHENTICATED,
    CLOSE_UNKNOWN_OPCODE,
    GatewayConnection,
    GatewaySession,
    Json,
)
from bot.testing.fakes.discord.objects import DiscordObjects


class DiscordGateway(DiscordObjects):
    """The gateway websocket and the controls that act on it."""

    # ------------------------------------------------------ gateway controls

    async def dispatch(self, event: str, data: Json) -> int:
        """Send a dispatch (op 0) in the current session and return its sequence number.

        Sent at once if the client is connected; otherwise kept and replayed
        when the client resumes, as Discord does.
        """
        session = self._current_session()
        async with session.lock:
            return await self._dispatch_locked(session, event, data)

    async def force_reconnect(self) -> None:
        """Send op 7 RECONNECT; the client should come back with RESUME."""
        session = self._current_session()
        async with session.lock:
            conn = session.conn
            if conn is None:
                raise RuntimeError("the client is not connected to the gateway")
            # Later dispatches wait in the log for the resume, not on a socket the
            # client is about to drop without reading.
            session.conn = None
            await conn.send({"op": 7, "d": None})

    async def drop_connection(self, code: int = 4000) -> None:
        """Close the gateway socket as a network failure would; the client resumes."""
        session = self._current_session()
        async with session.lock:
            conn, session.conn = session.conn, None
        if conn is None or conn.ws is None:
            raise RuntimeError("the client is not connected to the gateway")
        await conn.ws.close(code=code)

    # ----------------------------------------------------------- gateway

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        # compress=False: discord.py never offers permessage-deflate for the gateway.
        ws = web.WebSocketResponse(compress=False, max_msg_size=0)
        await ws.prepare(request)
        conn = GatewayConnection(path=request.path, query=dict(request.query), ws=ws)
        self.gateway_connections.append(conn)
        self._bump()
        try:
            if await self._accept_query(conn):
                await conn.send({"op": 10, "d": {"heartbeat_interval": self.heartbeat_interval_ms}})
                await self._read_frames(conn)
        finally:
            await self._detach(conn)
        return ws

    async def _accept_query(self, conn: GatewayConnection) -> bool:
        """Check ``?v=10&encoding=json``; the fake always answers in plain TEXT frames.

        discord.py always asks for ``compress=zlib-stream`` (no public switch turns
        it off) but inflates only BINARY frames, so uncompressed TEXT frames are
        valid answers to it; ``zstd-stream`` (when ``zstandard`` is installed) too.
        """
        assert conn.ws is not None
        if conn.query.get("v") != "10":
            await conn.ws.close(code=CLOSE_INVALID_API_VERSION, message=b"Invalid API version")
            return False
        if conn.query.get("encoding", "json") != "json":
            await conn.ws.close(code=CLOSE_DECODE_ERROR, message=b"This fake speaks JSON only")
            return False
        return True

    async def _read_frames(self, conn: GatewayConnection) -> None:
        assert conn.ws is not None
        async for msg in conn.ws:
            if msg.type is not WSMsgType.TEXT:
                continue
            try:
                frame = json.loads(msg.data)
            except ValueError:
                await conn.ws.close(code=CLOSE_DECODE_ERROR, message=b"Decode error")
                return
            conn.received.append(frame)
            self._bump()
            await self._on_frame(conn, frame)

    async def _on_frame(self, conn: GatewayConnection, frame: Json) -> None:
        assert conn.ws is not None
        op, data = frame.get("op"), frame.get("d")
        if op == 1:
            await conn.send({"op": 11})
        elif op == 2:
            await self._identify(conn, data or {})
        elif op == 6:
            await self._resume(conn, data or {})
        elif op not in (3, 4, 8):
            await conn.ws.close(code=CLOSE_UNKNOWN_OPCODE, message=b"Unknown opcode")
        elif conn.session is None:
            await conn.ws.close(code=CLOSE_NOT_AUTHENTICATED, message=b"Not authenticated")
        # Presence (3) and voice (4) updates need no answer. Member requests (8) go
        # unanswered too: GUILD_CREATE already carries every member, and its
        # member_count says so, so discord.py never needs to chunk.

    async def _identify(self, conn: GatewayConnection, data: Json) -> None:
        assert conn.ws is not None
        if data.get("token") != self.token:
            await conn.ws.close(code=CLOSE_AUTHENTICATION_FAILED, message=b"Authentication failed")
            return
        session = GatewaySession(id=secrets.token_hex(16), shard=data.get("shard"))
        self._sessions[session.id] = session
        self._session = conn.session = session
        async with session.lock:
            session.conn = conn
            await self._dispatch_locked(session, "READY", self._ready(session))
            await self._dispatch_locked(session, "GUILD_CREATE", self._guild_create())
            for other in self.other_guilds.values():
                await self._dispatch_locked(session, "GUILD_CREATE", self._other_guild_create(other))

    async def _resume(self, conn: GatewayConnection, data: Json) -> None:
        assert conn.ws is not None
        if data.get("token") != self.token:
            await conn.ws.close(code=CLOSE_AUTHENTICATION_FAILED, message=b"Authentication failed")
            return
        session = self._sessions.get(data.get("session_id") or "")
        if session is None:
            await conn.send({"op": 9, "d": False})  # not resumable: the client identifies anew
            return
        self._session = conn.session = session
        async with session.lock:
            session.conn = conn
            last_seen = data.get("seq") or 0
            for frame in session.log:
                if frame["s"] > last_seen:
                    await conn.send(frame)
            await self._dispatch_locked(session, "RESUMED", {})

    async def _dispatch_locked(self, session: GatewaySession, event: str, data: Json) -> int:
        session.seq += 1
        frame = {"op": 0, "t": event, "s": session.seq, "d": data}
        session.log.append(frame)
        if session.conn is not None:
            with contextlib.suppress(ConnectionResetError):
                await session.conn.send(frame)
        return session.seq

    async def _detach(self, conn: GatewayConnection) -> None:
        session = conn.session
        if session is not None:
            async with session.lock:
                if session.conn is conn:
                    session.conn = None
        self._bump()
