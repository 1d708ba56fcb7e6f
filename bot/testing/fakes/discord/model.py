"""What the fake Discord is made of: its constants, its people and places, what it records."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, TypeVar

from aiohttp import web

Json = dict[str, Any]
T = TypeVar("T")
OptionValue = str | int | float | bool

API_PREFIX = "/api/v10"
GATEWAY_PATH = "/gateway"
RESUME_GATEWAY_PATH = "/gateway-resume"
DISCORD_EPOCH_MS = 1_420_070_400_000

DEFAULT_GUILD_ID = 1_130_000_000_000_000_001
DEFAULT_APP_ID = 1_130_000_000_000_000_002
DEFAULT_CHANNEL_ID = 1_130_000_000_000_000_010

# VIEW_CHANNEL | SEND_MESSAGES | EMBED_LINKS | ATTACH_FILES | READ_MESSAGE_HISTORY
# | USE_APPLICATION_COMMANDS: what @everyone has on a typical community server.
EVERYONE_PERMISSIONS = (1 << 10) | (1 << 11) | (1 << 14) | (1 << 15) | (1 << 16) | (1 << 31)
# GATEWAY_GUILD_MEMBERS_LIMITED | GATEWAY_MESSAGE_CONTENT_LIMITED: an unverified bot.
APPLICATION_FLAGS = (1 << 15) | (1 << 19)
MESSAGE_FLAG_EPHEMERAL = 1 << 6
MESSAGE_FLAG_LOADING = 1 << 7
TEXT_CHANNEL_TYPES = frozenset({0, 1, 5, 10, 11, 12})  # text, DM, news, threads

# Interaction callback types (Discord's names in the comments).
CB_MESSAGE = 4  # CHANNEL_MESSAGE_WITH_SOURCE
CB_DEFER = 5  # DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE
CB_DEFER_UPDATE = 6  # DEFERRED_UPDATE_MESSAGE
CB_UPDATE = 7  # UPDATE_MESSAGE

# Gateway close codes the fake uses (Discord's meanings).
CLOSE_UNKNOWN_OPCODE = 4001
CLOSE_DECODE_ERROR = 4002
CLOSE_NOT_AUTHENTICATED = 4003
CLOSE_AUTHENTICATION_FAILED = 4004
CLOSE_INVALID_API_VERSION = 4012


# ---------------------------------------------------------------- public data


#: Discord waits this long for an Interactions Endpoint URL to answer (the fake's `post_timeout`).
POST_TIMEOUT_SECONDS = 3.0


@dataclass(frozen=True)
class FakeRole:
    id: int
    name: str
    permissions: int = 0
    position: int = 1


@dataclass(frozen=True)
class FakeChannel:
    id: int
    name: str
    type: int = 0  # 0 text, 2 voice, 4 category, 5 announcement
    position: int = 0
    parent_id: int | None = None


@dataclass(frozen=True)
class FakeMember:
    id: int
    username: str
    role_ids: tuple[int, ...] = ()
    bot: bool = False


@dataclass(frozen=True)
class FakeGuild:
    """Another server the bot is in: anyone can invite a public bot to a server of their own.

    It gets its own READY entry and GUILD_CREATE (with an ``@everyone`` role
    and the bot as a member, as the main guild has), and
    ``send_interaction(guild_id=...)`` sends interactions from it.
    """

    id: int
    name: str
    roles: tuple[FakeRole, ...] = ()
    channels: tuple[FakeChannel, ...] = ()
    members: tuple[FakeMember, ...] = ()


@dataclass(frozen=True)
class RecordedFile:
    field: str
    filename: str
    content_type: str
    data: bytes


@dataclass
class RecordedRequest:
    """One REST request as the fake received it; ``status`` is what it answered."""

    method: str
    path: str  # relative to the API base, e.g. "/channels/1/messages"
    query: dict[str, str]
    json: Any  # the JSON body (``payload_json`` for multipart), None without one
    headers: dict[str, str]
    files: list[RecordedFile] = field(default_factory=list)
    status: int = 0


@dataclass
class GatewayConnection:
    """One websocket connection: the URL it used and every frame the client sent."""

    path: str
    query: dict[str, str]
    received: list[Json] = field(default_factory=list)
    ws: web.WebSocketResponse | None = field(default=None, repr=False)
    send_lock: asyncio.Lock = field(default_factory=asyncio.Lock, repr=False)
    session: GatewaySession | None = field(default=None, repr=False)

    async def send(self, frame: Json) -> None:
        # The handler task (heartbeat ACKs) and test code (dispatch) both send.
        async with self.send_lock:
            if self.ws is not None and not self.ws.closed:
                await self.ws.send_str(json.dumps(frame))


@dataclass(frozen=True)
class SentInteraction:
    id: str
    token: str
    payload: Json


class DiscordAPIError(Exception):
    """A Discord error answer: HTTP status plus Discord's JSON error code."""

    def __init__(self, status: int, code: int, message: str, errors: Json | None = None) -> None:
        super().__init__(f"{status} {code} {message}")
        self.status = status
        self.code = code
        self.message = message
        self.errors = errors

    def body(self) -> Json:
        body: Json = {"message": self.message, "code": self.code}
        if self.errors:
            body["errors"] = self.errors
        return body


def form_error(errors: dict[str, str]) -> DiscordAPIError:
    """400 Invalid Form Body, with ``errors`` nested the way Discord nests them."""
    nested: Json = {}
    for dotted, message in errors.items():
        node = nested
        for part in dotted.split("."):
            node = node.setdefault(part, {})
        node["_errors"] = [{"code": "BASE_TYPE_INVALID", "message": message}]
    return DiscordAPIError(400, 50035, "Invalid Form Body", nested)


# ------------------------------------------------------------- internal state


@dataclass
class GatewaySession:
    id: str
    shard: list[int] | None
    seq: int = 0
    # Every dispatch sent in this session, so a RESUME can replay what was missed.
    log: list[Json] = field(default_factory=list)
    conn: GatewayConnection | None = None
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)


@dataclass
class PendingInteraction:
    id: str
    token: str
    type: int
    channel_id: str
    payload: Json
    component_message_id: str | None = None
    callback: Json | None = None
    original_message_id: str | None = None
    #: When it was dispatched and when its first response arrived (`time.perf_counter`), for the
    #: benchmark; the follow-up messages it got, in order.
    sent_at: float | None = None
    answered_at: float | None = None
    followups: list[Json] = field(default_factory=list)
    #: Set once its first response is in: over HTTP, follow-ups may arrive while it is being read.
    acknowledged: asyncio.Event = field(default_factory=asyncio.Event)


Handler = Callable[[web.Request, RecordedRequest], Awaitable[web.StreamResponse]]

#: What a CDN or proxy in front of Discord answers when Discord is down: a page, not JSON.
ERROR_PAGE = (
    "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>"
    "<body><h1>Bad Gateway</h1><p>The server is temporarily unavailable.</p></body></html>\n"
)


def user_object(user_id: int | str, username: str, *, bot: bool = False) -> Json:
    return {
        "id": str(user_id),
        "username": username,
        "discriminator": "0",
        "global_name": None if bot else username,
        "avatar": None,
        "public_flags": 0,
        "bot": bot,
    }


def now_iso() -> str:
    return datetime.now(UTC).isoformat()


def json_response(data: Any, status: int = 200, headers: Mapping[str, str] | None = None) -> web.Response:
    # discord.py parses a body only when Content-Type is exactly "application/json";
    # aiohttp's json_response would add "; charset=utf-8".
    all_headers = {"Content-Type": "application/json", **(headers or {})}
    return web.Response(body=json.dumps(data).encode(), status=status, headers=all_headers)
