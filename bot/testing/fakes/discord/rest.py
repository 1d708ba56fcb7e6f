"""The fake Discord's REST API: routes, authentication, refusals, and the handlers."""

from __future__ import annotations

import json
import math
import time
from collections.abc import Awaitable, Callable
from typing import Any

from aiohttp import web

from bot.testing.fakes.discord.interactions import DiscordInteractions
from bot.testing.fakes.discord.model import (
    API_PREFIX,
    GATEWAY_PATH,
    RESUME_GATEWAY_PATH,
    TEXT_CHANNEL_TYPES,
    DiscordAPIError,
    Handler,
    Json,
    RecordedFile,
    RecordedRequest,
    form_error,
    json_response,
    user_object,
)
from bot.testing.fakes.discord.validation import validate_commands, validate_message
from bot.testing.fakes.rate_limits import Refusal


class DiscordRest(DiscordInteractions):
    """The REST endpoints under /api/v10."""

    # ------------------------------------------------------------ HTTP app

    def _build_app(self) -> web.Application:
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_get(GATEWAY_PATH, self._gateway)
        app.router.add_get(RESUME_GATEWAY_PATH, self._gateway)
        routes: list[tuple[str, str, Handler]] = [
            ("GET", "/gateway", self._get_gateway),
            ("GET", "/gateway/bot", self._get_gateway_bot),
            ("GET", "/users/@me", self._get_me),
            ("POST", "/users/@me/channels", self._create_dm),
            ("GET", "/users/{user_id}", self._get_user),
            ("GET", "/oauth2/applications/@me", self._get_application),
            ("GET", "/applications/@me", self._get_application),
            ("PUT", "/applications/{app_id}/commands", self._put_commands),
            ("GET", "/applications/{app_id}/commands", self._get_commands),
            ("PUT", "/applications/{app_id}/guilds/{guild_id}/commands", self._put_commands),
            ("GET", "/applications/{app_id}/guilds/{guild_id}/commands", self._get_commands),
            ("POST", "/interactions/{interaction_id}/{token}/callback", self._callback),
            ("POST", "/webhooks/{app_id}/{token}", self._followup),
            ("GET", "/webhooks/{app_id}/{token}/messages/{message_id}", self._get_webhook_message),
            ("PATCH", "/webhooks/{app_id}/{token}/messages/{message_id}", self._edit_webhook_message),
            ("DELETE", "/webhooks/{app_id}/{token}/messages/{message_id}", self._delete_webhook_message),
            ("GET", "/channels/{channel_id}", self._get_channel),
            ("POST", "/channels/{channel_id}/messages", self._post_message),
            ("GET", "/channels/{channel_id}/messages/{message_id}", self._get_message),
            ("PATCH", "/channels/{channel_id}/messages/{message_id}", self._patch_message),
            ("DELETE", "/channels/{channel_id}/messages/{message_id}", self._delete_message),
            ("GET", "/guilds/{guild_id}", self._get_guild),
            ("GET", "/guilds/{guild_id}/channels", self._get_guild_channels),
            ("GET", "/guilds/{guild_id}/roles", self._get_guild_roles),
            ("GET", "/guilds/{guild_id}/members/{user_id}", self._get_guild_member),
        ]
        for method, path, handler in routes:
            app.router.add_route(method, API_PREFIX + path, self._endpoint(handler))
        # Anything else gets Discord's 404, and is recorded like the rest.
        app.router.add_route("*", API_PREFIX + "/{tail:.*}", self._endpoint(self._not_found))
        return app

    def _endpoint(self, handler: Handler) -> Callable[[web.Request], Awaitable[web.StreamResponse]]:
        """Wrap a REST handler: record the request, refuse it or answer it, wake waiters."""

        async def endpoint(request: web.Request) -> web.StreamResponse:
            record = await self._record(request)
            try:
                response = self._refusal(request, record) or await handler(request, record)
            except DiscordAPIError as exc:
                response = json_response(exc.body(), exc.status)
            record.status = response.status
            self._bump()
            return response

        return endpoint

    async def _not_found(self, request: web.Request, record: RecordedRequest) -> web.Response:
        return json_response({"message": "404: Not Found", "code": 0}, 404)

    async def _record(self, request: web.Request) -> RecordedRequest:
        body, files = await self._read_body(request)
        record = RecordedRequest(
            method=request.method,
            path=request.path.removeprefix(API_PREFIX),
            query=dict(request.query),
            json=body,
            headers=dict(request.headers),
            files=files,
        )
        self.requests.append(record)
        return record

    @staticmethod
    async def _read_body(request: web.Request) -> tuple[Any, list[RecordedFile]]:
        if request.content_type == "multipart/form-data":
            # discord.py sends uploads as multipart: the JSON in "payload_json", files in "files[n]".
            form = await request.post()
            files = [
                RecordedFile(name, value.filename, value.content_type, value.file.read())
                for name, value in form.items()
                if isinstance(value, web.FileField)
            ]
            raw = form.get("payload_json")
            text = raw.decode() if isinstance(raw, bytes) else raw if isinstance(raw, str) else None
            return (json.loads(text) if text else None), files
        if not request.can_read_body:
            return None, []
        text = await request.text()
        return (json.loads(text) if text and request.content_type == "application/json" else None), []

    def _refusal(self, request: web.Request, record: RecordedRequest) -> web.Response | None:
        """The 401 or injected 429 a request gets before any handler sees it."""
        tokenless = record.path.startswith(("/interactions/", "/webhooks/"))
        if not tokenless and request.headers.get("Authorization") != f"Bot {self.token}":
            return json_response({"message": "401: Unauthorized", "code": 0}, 401)
        key = f"{record.method} {record.path}"
        page = self._pages.take(key)
        if page is not None:
            # Exactly this Content-Type, as json_response explains.
            headers = {"Content-Type": page.content_type}
            return web.Response(body=page.body.encode(), status=page.status, headers=headers)
        limit = self._rate_limits.take(key)
        if limit is not None:
            return self._too_many_requests(*limit)
        return None

    @staticmethod
    def _too_many_requests(refusal: Refusal, bucket: str) -> web.Response:
        wait = refusal.retry_after or 0.0
        # discord.py retries a 429 only with a Via header (else it assumes a Cloudflare
        # ban) and sleeps for the JSON retry_after, not the Retry-After header.
        headers = {
            "Via": "1.1 google",
            "Retry-After": str(max(1, math.ceil(wait))),
            "X-RateLimit-Limit": "5",
            "X-RateLimit-Remaining": "0",
            "X-RateLimit-Reset": f"{time.time() + wait:.3f}",
            "X-RateLimit-Reset-After": f"{wait:.3f}",
            "X-RateLimit-Bucket": bucket,
            "X-RateLimit-Scope": "global" if refusal.is_global else "user",
        }
        if refusal.is_global:
            headers["X-RateLimit-Global"] = "true"
        body = {
            "message": "You are being rate limited.",
            "retry_after": wait,
            "global": refusal.is_global,
        }
        return json_response(body, 429, headers)

    # ------------------------------------------------------- REST handlers

    async def _get_gateway(self, request: web.Request, record: RecordedRequest) -> web.Response:
        return json_response({"url": self.gateway_url})

    async def _get_gateway_bot(self, request: web.Request, record: RecordedRequest) -> web.Response:
        limit = {"total": 1000, "remaining": 999, "reset_after": 86_400_000, "max_concurrency": 1}
        return json_response({"url": self.gateway_url, "shards": 1, "session_start_limit": limit})

    async def _get_me(self, request: web.Request, record: RecordedRequest) -> web.Response:
        return json_response({**self._bot_user(), "verified": True, "mfa_enabled": False, "flags": 0})

    async def _get_user(self, request: web.Request, record: RecordedRequest) -> web.Response:
        member = self._member(request.match_info["user_id"])
        if member is None:
            raise DiscordAPIError(404, 10013, "Unknown User")
        return json_response(user_object(member.id, member.username, bot=member.bot))

    async def _create_dm(self, request: web.Request, record: RecordedRequest) -> web.Response:
        recipient = str((record.json or {}).get("recipient_id", ""))
        member = self._member(recipient)
        if member is None:
            raise DiscordAPIError(400, 50035, "Invalid Form Body")
        channel = {
            "id": self._dm_channel_for(recipient),
            "type": 1,
            "last_message_id": None,
            "flags": 0,
            "recipients": [user_object(member.id, member.username, bot=member.bot)],
        }
        return json_response(channel)

    async def _get_application(self, request: web.Request, record: RecordedRequest) -> web.Response:
        return json_response(self._application_object())

    def _command_scope(self, request: web.Request) -> int | None:
        if request.match_info["app_id"] != str(self.app_id):
            raise DiscordAPIError(403, 50001, "Missing Access")
        guild = request.match_info.get("guild_id")
        if guild is not None and guild != str(self.guild_id):
            raise DiscordAPIError(404, 10004, "Unknown Guild")
        return int(guild) if guild is not None else None

    async def _put_commands(self, request: web.Request, record: RecordedRequest) -> web.Response:
        scope = self._command_scope(request)
        wanted = record.json
        if not isinstance(wanted, list):
            raise form_error({"_": "Must be an array"})
        validate_commands(wanted)
        # A bulk overwrite keeps the id of a command whose name and type stay.
        old = {(c["name"], c.get("type", 1)): c["id"] for c in self.commands.get(scope, [])}
        stored = []
        for cmd in wanted:
            kind = cmd.get("type", 1)
            stored.append(
                {
                    "default_member_permissions": None,
                    "nsfw": False,
                    "options": [],
                    "contexts": None,
                    "integration_types": [0],
                    **cmd,
                    "type": kind,
                    "id": old.get((cmd["name"], kind)) or self._snowflake(),
                    "application_id": str(self.app_id),
                    "version": self._snowflake(),
                    **({"guild_id": str(scope)} if scope is not None else {}),
                }
            )
        self.commands[scope] = stored
        return json_response(stored)

    async def _get_commands(self, request: web.Request, record: RecordedRequest) -> web.Response:
        return json_response(self.commands.get(self._command_scope(request), []))

    async def _get_channel(self, request: web.Request, record: RecordedRequest) -> web.Response:
        channel_id = request.match_info["channel_id"]
        channel = next((c for c in self.channels if str(c.id) == channel_id), None)
        if channel is not None:
            return json_response(self._channel_object(channel))
        recipient = next((u for u, c in self._dm_channels.items() if c == channel_id), None)
        member = self._member(recipient) if recipient else None
        if member is None:
            raise DiscordAPIError(404, 10003, "Unknown Channel")
        user = user_object(member.id, member.username, bot=member.bot)
        return json_response({"id": channel_id, "type": 1, "recipients": [user], "last_message_id": None})

    def _channel_kind(self, channel_id: str) -> int:
        """The channel's type; raises Discord's errors for unknown or refusing channels."""
        channel = next((c for c in self.channels if str(c.id) == channel_id), None)
        if channel is not None:
            return channel.type
        recipient = next((u for u, c in self._dm_channels.items() if c == channel_id), None)
        if recipient is None:
            raise DiscordAPIError(404, 10003, "Unknown Channel")
        if recipient in self._dms_refused:
            raise DiscordAPIError(403, 50007, "Cannot send messages to this user")
        return 1

    async def _post_message(self, request: web.Request, record: RecordedRequest) -> web.Response:
        channel_id = request.match_info["channel_id"]
        if self._channel_kind(channel_id) not in TEXT_CHANNEL_TYPES:
            raise DiscordAPIError(400, 50008, "Cannot send messages in a non-text channel")
        body = self._attachments(record, record.json or {})
        validate_message(body)
        return json_response(self._store_message(channel_id, body, flags=body.get("flags") or 0))

    def _channel_message(self, request: web.Request) -> Json:
        message = self.messages.get(request.match_info["message_id"])
        if message is None or message["channel_id"] != request.match_info["channel_id"]:
            raise DiscordAPIError(404, 10008, "Unknown Message")
        return message

    async def _get_message(self, request: web.Request, record: RecordedRequest) -> web.Response:
        return json_response(self._channel_message(request))

    async def _patch_message(self, request: web.Request, record: RecordedRequest) -> web.Response:
        message = self._channel_message(request)
        return json_response(self._edit_message(message, self._attachments(record, record.json or {})))

    async def _delete_message(self, request: web.Request, record: RecordedRequest) -> web.Response:
        del self.messages[self._channel_message(request)["id"]]
        return web.Response(status=204)

    async def _get_guild(self, request: web.Request, record: RecordedRequest) -> web.Response:
        self._check_guild(request)
        return json_response(self._guild_object())

    async def _get_guild_channels(self, request: web.Request, record: RecordedRequest) -> web.Response:
        self._check_guild(request)
        return json_response([self._channel_object(c) for c in self.channels])

    async def _get_guild_roles(self, request: web.Request, record: RecordedRequest) -> web.Response:
        self._check_guild(request)
        return json_response([self._role_object(r) for r in self.roles])

    async def _get_guild_member(self, request: web.Request, record: RecordedRequest) -> web.Response:
        self._check_guild(request)
        member = self._member(request.match_info["user_id"])
        if member is None:
            raise DiscordAPIError(404, 10007, "Unknown Member")
        return json_response(self._member_object(member))

    def _check_guild(self, request: web.Request) -> None:
        if request.match_info["guild_id"] != str(self.guild_id):
            raise DiscordAPIError(404, 10004, "Unknown Guild")
