"""The fake Slack's Socket Mode: the websocket apps.connections.open hands out, envelopes and acks."""

from __future__ import annotations

import json
import uuid

from aiohttp import WSCloseCode, WSMsgType, web

from bot.testing.fakes.slack.model import APP_ID, JsonDict, SocketConnection
from bot.testing.fakes.slack.web_api import SlackWebApi


class SlackSocketMode(SlackWebApi):
    """Socket Mode connections and the controls that act on them."""

    # ---- test controls: Socket Mode -------------------------------------------------

    @property
    def sockets_opened(self) -> int:
        """How many Socket Mode connections have ever been accepted."""
        return self._sockets_opened

    @property
    def sockets_open(self) -> int:
        return len(self._sockets)

    async def wait_for_socket(
        self,
        opened: int = 1,
        timeout: float = 5.0,
    ) -> None:
        """Wait until ``opened`` connections were accepted and one is still open."""
        await self._wait_until(
            lambda: self._sockets_opened >= opened and bool(self._sockets),
            timeout,
            f"socket connection #{opened}",
        )

    async def send_envelope(
        self,
        envelope_type: str,
        payload: JsonDict,
        *,
        envelope_id: str | None = None,
        accepts_response_payload: bool | None = None,
    ) -> str:
        """Push an envelope down the newest open connection; return its envelope_id."""
        await self.wait_for_socket()
        envelope: JsonDict = {
            "envelope_id": envelope_id or str(uuid.uuid4()),
            "type": envelope_type,
            "payload": payload,
            "accepts_response_payload": (
                _accepts_response_payload(envelope_type, payload)
                if accepts_response_payload is None
                else accepts_response_payload
            ),
        }
        if envelope_type == "events_api":
            envelope.update(retry_attempt=0, retry_reason="")
        await self._sockets[-1].ws.send_json(envelope)
        return str(envelope["envelope_id"])

    async def wait_for_ack(
        self,
        envelope_id: str,
        timeout: float = 5.0,
    ) -> JsonDict:
        """The client's ack ``{"envelope_id": ..., "payload"?: ...}`` for one envelope."""
        await self._wait_until(lambda: envelope_id in self._acks, timeout, envelope_id)
        return self._acks[envelope_id]

    async def deliver(
        self,
        envelope_type: str,
        payload: JsonDict,
        timeout: float = 5.0,
    ) -> JsonDict:
        """send_envelope then wait_for_ack."""
        envelope_id = await self.send_envelope(envelope_type, payload)
        return await self.wait_for_ack(envelope_id, timeout)

    async def disconnect_socket(self, reason: str = "refresh_requested") -> None:
        """Ask the client to reconnect, as Slack does every few hours."""
        await self.wait_for_socket()
        message = {"type": "disconnect", "reason": reason, "debug_info": {"host": "fake-slack"}}
        await self._sockets[-1].ws.send_json(message)

    async def drop_socket(self) -> None:
        """Close the newest connection from the server side without warning."""
        await self.wait_for_socket()
        await self._sockets[-1].ws.close(code=WSCloseCode.GOING_AWAY)

    # ---- internals: Socket Mode -----------------------------------------------------

    async def _handle_socket(self, request: web.Request) -> web.StreamResponse:
        ticket = request.query.get("ticket", "")
        if ticket not in self._tickets:
            # Only URLs from apps.connections.open work, and each only once, as on Slack.
            return web.Response(status=401, text="invalid ticket")
        self._tickets.discard(ticket)
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self._sockets_opened += 1
        sock = SocketConnection(ws, self._sockets_opened)
        self._sockets.append(sock)
        try:
            await ws.send_json(self._hello())
            await self._notify()
            await self._read_acks(ws)
        finally:
            self._sockets.remove(sock)
            await self._notify()
        return ws

    def _hello(self) -> JsonDict:
        return {
            "type": "hello",
            "num_connections": len(self._sockets),
            "debug_info": {"host": "fake-slack", "build_number": 1},
            "connection_info": {"app_id": APP_ID},
        }

    async def _read_acks(self, ws: web.WebSocketResponse) -> None:
        async for msg in ws:
            if msg.type != WSMsgType.TEXT:
                continue
            data = json.loads(msg.data)
            if isinstance(data, dict) and "envelope_id" in data:
                self._acks[str(data["envelope_id"])] = data
                await self._notify()


def _accepts_response_payload(envelope_type: str, payload: JsonDict) -> bool:
    # Slack lets slash commands, modal submissions and option loads answer in the ack.
    if envelope_type == "slash_commands":
        return True
    return envelope_type == "interactive" and payload.get("type") in {
        "view_submission",
        "block_suggestion",
    }
