"""How the fake Discord takes answers to interactions: callbacks, follow-ups, edits."""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from dataclasses import dataclass

import aiohttp
from aiohttp import web
from nacl.signing import SigningKey

from bot.testing.fakes.discord.commands import DiscordCommands
from bot.testing.fakes.discord.model import (
    CB_DEFER,
    CB_DEFER_UPDATE,
    CB_MESSAGE,
    CB_UPDATE,
    MESSAGE_FLAG_EPHEMERAL,
    MESSAGE_FLAG_LOADING,
    DiscordAPIError,
    Json,
    PendingInteraction,
    RecordedRequest,
    SentInteraction,
    form_error,
    json_response,
)
from bot.testing.fakes.discord.validation import validate_message

#: How long a follow-up waits for the HTTP response of its interaction to be read.
ACK_WAIT_SECONDS = 3.0


@dataclass(frozen=True)
class PostedInteraction:
    """What the bot's endpoint answered to a signed interaction: the status and, for a 200, the
    JSON body (taken as the interaction's first response); ``error`` when the fake refused that
    body as Discord would (the member would see "This interaction failed")."""

    status: int
    body: Json | None
    text: str
    error: str | None = None


def signature_headers(key: SigningKey, raw: bytes, timestamp: int) -> dict[str, str]:
    """Discord's signature headers: Ed25519 over the timestamp's digits followed by the raw body."""
    signature = key.sign(str(timestamp).encode() + raw).signature.hex()
    return {"X-Signature-Ed25519": signature, "X-Signature-Timestamp": str(timestamp)}


class DiscordInteractions(DiscordCommands):
    """Interaction callback and webhook endpoints, and interactions POSTed to the bot signed."""

    # ------------------------------------------------ over HTTP, signed

    async def post_interaction(
        self,
        sent: SentInteraction,
        *,
        url: str | None = None,
        timestamp: int | None = None,
        key: SigningKey | None = None,
        raw: bytes | None = None,
    ) -> PostedInteraction:
        """POST a built interaction (`build_interaction`) to the bot as Discord does in HTTP mode.

        Signed with the application's key (or `key`, to forge one) at `timestamp` (default now),
        sent to `url` (default `interactions_endpoint_url`). `raw` replaces the body after signing
        (a tampered request). A 200 with JSON is the interaction's first response, taken as the
        callback endpoint takes one: follow-ups are accepted once it is in.
        """
        target = url or self.interactions_endpoint_url
        if target is None:
            raise RuntimeError("no Interactions Endpoint URL: set interactions_endpoint_url or pass url")
        body, headers = self.signed_interaction(sent, timestamp=timestamp, key=key)
        pending = self.begin_post(sent)
        try:
            pending.sent_at = time.perf_counter()
            async with self._poster().post(target, data=raw or body, headers=headers) as answer:
                text = await answer.text()
                return self.take_posted_answer(sent, answer.status, answer.content_type, text)
        finally:
            self._posting.discard(sent.id)

    def signed_interaction(
        self, sent: SentInteraction, *, timestamp: int | None = None, key: SigningKey | None = None
    ) -> tuple[bytes, dict[str, str]]:
        """The body and headers Discord would POST for `sent`: JSON, signed at `timestamp` (default
        now) with the application's key (or `key`). The benchmark's storm client signs every click
        this way before the storm, then sends the bytes itself (`begin_post`, `take_posted_answer`)."""
        body = json.dumps(sent.payload, separators=(",", ":")).encode()
        when = int(time.time()) if timestamp is None else timestamp
        headers = signature_headers(key or self.signing_key, body, when)
        headers["Content-Type"] = "application/json"
        return body, headers

    def begin_post(self, sent: SentInteraction) -> PendingInteraction:
        """`sent` is being POSTed: its answer is awaited (a follow-up waits for it, as on Discord)."""
        pending = self._interactions.get(sent.id) or self._register(sent.payload)
        self._posting.add(sent.id)
        return pending

    def take_posted_answer(
        self, sent: SentInteraction, status: int, content_type: str, text: str, *, at: float | None = None
    ) -> PostedInteraction:
        """The bot's HTTP answer to `sent`, read (at `at`, `time.perf_counter`, default now): a 200
        with JSON is its first response."""
        self._posting.discard(sent.id)
        if status != 200 or content_type != "application/json":
            return PostedInteraction(status, None, text)
        pending = self._interactions[sent.id]
        posted = self._take_response(pending, status, text)
        if at is not None and posted.error is None:  # taken as the first response: when it was read
            pending.answered_at = at
        return posted

    def _register(self, payload: Json) -> PendingInteraction:
        """Take answers to an interaction a test built itself (a PING, an autocomplete)."""
        pending = PendingInteraction(
            payload["id"], payload["token"], payload["type"], str(payload.get("channel_id", "")), payload
        )
        self._interactions[pending.id] = self._by_token[pending.token] = pending
        return pending

    def _take_response(self, pending: PendingInteraction, status: int, text: str) -> PostedInteraction:
        response = json.loads(text)
        if pending.callback is not None:  # a replay the bot answered again
            return PostedInteraction(status, response, text, "already acknowledged")
        try:
            self._acknowledge(pending, response, RecordedRequest("POST", "(http response)", {}, response, {}))
        except DiscordAPIError as error:
            return PostedInteraction(status, response, text, str(error))
        finally:
            self._bump()
        return PostedInteraction(status, response, text)

    def _poster(self) -> aiohttp.ClientSession:
        # One pool for every interaction posted, as Discord's own senders would keep connections.
        if self._post_session is None or self._post_session.closed:
            timeout = aiohttp.ClientTimeout(total=self.post_timeout)
            self._post_session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=self.post_connections), timeout=timeout
            )
        return self._post_session

    # ------------------------------------------------- interaction handlers

    async def _callback(self, request: web.Request, record: RecordedRequest) -> web.StreamResponse:
        interaction = self._interactions.get(request.match_info["interaction_id"])
        if interaction is None or interaction.token != request.match_info["token"]:
            raise DiscordAPIError(404, 10062, "Unknown interaction")
        if interaction.callback is not None:
            raise DiscordAPIError(400, 40060, "Interaction has already been acknowledged.")
        body = record.json or {}
        message = self._acknowledge(interaction, body, record)
        if request.query.get("with_response", "").lower() not in ("1", "true"):
            return web.Response(status=204)
        return json_response(self._callback_response(interaction, body, message))

    def _acknowledge(
        self, interaction: PendingInteraction, body: Json, record: RecordedRequest
    ) -> Json | None:
        """Take `body` as the interaction's first response; the message it made, if any."""
        message = self._apply_callback(interaction, body, record)
        interaction.callback = body
        interaction.answered_at = time.perf_counter()
        interaction.acknowledged.set()
        return message

    def _apply_callback(
        self, interaction: PendingInteraction, body: Json, record: RecordedRequest
    ) -> Json | None:
        kind, data = body.get("type"), self._attachments(record, body.get("data") or {})
        if kind in (CB_UPDATE, CB_DEFER_UPDATE):
            if interaction.component_message_id is None:
                raise form_error({"type": f"Callback type {kind} needs a component interaction"})
            message = self.messages[interaction.component_message_id]
            interaction.original_message_id = message["id"]
            return self._edit_message(message, data) if kind == CB_UPDATE else None
        if kind == CB_MESSAGE:
            validate_message(data)
            flags = data.get("flags") or 0
        elif kind == CB_DEFER:
            flags = MESSAGE_FLAG_LOADING | ((data.get("flags") or 0) & MESSAGE_FLAG_EPHEMERAL)
        else:  # autocomplete results, modals: nothing to store
            return None
        message = self._store_message(
            interaction.channel_id,
            data if kind == CB_MESSAGE else {},
            flags=flags,
            kind=20 if interaction.type == 2 else 0,
            webhook=True,
        )
        interaction.original_message_id = message["id"]
        return message

    @staticmethod
    def _callback_response(interaction: PendingInteraction, body: Json, message: Json | None) -> Json:
        flags = message["flags"] if message else 0
        response: Json = {
            "interaction": {
                "id": interaction.id,
                "type": interaction.type,
                "response_message_loading": bool(flags & MESSAGE_FLAG_LOADING),
                "response_message_ephemeral": bool(flags & MESSAGE_FLAG_EPHEMERAL),
            },
            "resource": {"type": body.get("type")},
        }
        if interaction.original_message_id is not None:
            response["interaction"]["response_message_id"] = interaction.original_message_id
        if message is not None:
            response["resource"]["message"] = message
        return response

    async def _webhook_interaction(self, request: web.Request) -> PendingInteraction:
        """The acknowledged interaction whose token is in the webhook URL."""
        token = request.match_info["token"]
        interaction = self._by_token.get(token)
        if request.match_info["app_id"] != str(self.app_id) or interaction is None:
            raise DiscordAPIError(404, 10015, "Unknown Webhook")
        if interaction.callback is None and interaction.id in self._posting:
            # Its HTTP response is being read (the bot may follow up the moment it has written
            # it): as on Discord, the follow-up counts once the response is in.
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(interaction.acknowledged.wait(), ACK_WAIT_SECONDS)
        if interaction.callback is None:  # follow-ups need an initial response first
            raise DiscordAPIError(404, 10015, "Unknown Webhook")
        return interaction

    async def _webhook_message(self, request: web.Request) -> Json:
        interaction = await self._webhook_interaction(request)
        wanted = request.match_info["message_id"]
        message_id = interaction.original_message_id if wanted == "@original" else wanted
        message = self.messages.get(message_id or "")
        if message is None:
            raise DiscordAPIError(404, 10008, "Unknown Message")
        return message

    async def _followup(self, request: web.Request, record: RecordedRequest) -> web.StreamResponse:
        interaction = await self._webhook_interaction(request)
        body = self._attachments(record, record.json or {})
        validate_message(body)
        interaction.followups.append(body)
        original = self.messages.get(interaction.original_message_id or "")
        if original is not None and original["flags"] & MESSAGE_FLAG_LOADING:
            # As on Discord: the first follow-up after a defer replaces the "thinking"
            # message, and keeps the defer's ephemerality whatever its own flags say.
            message = self._edit_message(original, body)
        else:
            message = self._store_message(
                interaction.channel_id, body, flags=body.get("flags") or 0, kind=20, webhook=True
            )
        if request.query.get("wait", "").lower() not in ("1", "true"):
            return web.Response(status=204)
        return json_response(message)

    async def _get_webhook_message(self, request: web.Request, record: RecordedRequest) -> web.Response:
        return json_response(await self._webhook_message(request))

    async def _edit_webhook_message(self, request: web.Request, record: RecordedRequest) -> web.Response:
        message = await self._webhook_message(request)
        return json_response(self._edit_message(message, self._attachments(record, record.json or {})))

    async def _delete_webhook_message(self, request: web.Request, record: RecordedRequest) -> web.Response:
        del self.messages[(await self._webhook_message(request))["id"]]
        return web.Response(status=204)
