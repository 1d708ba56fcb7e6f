"""How the fake Discord takes answers to interactions: callbacks, follow-ups, edits."""

from __future__ import annotations

from aiohttp import web

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
    form_error,
    json_response,
)
from bot.testing.fakes.discord.validation import validate_message


class DiscordInteractions(DiscordCommands):
    """Interaction callback and webhook endpoints."""

    # ------------------------------------------------- interaction handlers

    async def _callback(self, request: web.Request, record: RecordedRequest) -> web.StreamResponse:
        interaction = self._interactions.get(request.match_info["interaction_id"])
        if interaction is None or interaction.token != request.match_info["token"]:
            raise DiscordAPIError(404, 10062, "Unknown interaction")
        if interaction.callback is not None:
            raise DiscordAPIError(400, 40060, "Interaction has already been acknowledged.")
        body = record.json or {}
        message = self._apply_callback(interaction, body, record)
        interaction.callback = body
        if request.query.get("with_response", "").lower() not in ("1", "true"):
            return web.Response(status=204)
        return json_response(self._callback_response(interaction, body, message))

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

    def _webhook_interaction(self, request: web.Request) -> PendingInteraction:
        """The acknowledged interaction whose token is in the webhook URL."""
        token = request.match_info["token"]
        interaction = next((i for i in self._interactions.values() if i.token == token), None)
        if request.match_info["app_id"] != str(self.app_id) or interaction is None:
            raise DiscordAPIError(404, 10015, "Unknown Webhook")
        if interaction.callback is None:  # follow-ups need an initial response first
            raise DiscordAPIError(404, 10015, "Unknown Webhook")
        return interaction

    def _webhook_message(self, request: web.Request) -> Json:
        interaction = self._webhook_interaction(request)
        wanted = request.match_info["message_id"]
        message_id = interaction.original_message_id if wanted == "@original" else wanted
        message = self.messages.get(message_id or "")
        if message is None:
            raise DiscordAPIError(404, 10008, "Unknown Message")
        return message

    async def _followup(self, request: web.Request, record: RecordedRequest) -> web.StreamResponse:
        interaction = self._webhook_interaction(request)
        body = self._attachments(record, record.json or {})
        validate_message(body)
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
        return json_response(self._webhook_message(request))

    async def _edit_webhook_message(self, request: web.Request, record: RecordedRequest) -> web.Response:
        message = self._webhook_message(request)
        return json_response(self._edit_message(message, self._attachments(record, record.json or {})))

    async def _delete_webhook_message(self, request: web.Request, record: RecordedRequest) -> web.Response:
        del self.messages[self._webhook_message(request)["id"]]
        return web.Response(status=204)
