"""A local fake Discord (REST API v10 + gateway websocket) for the real discord.py client.

One aiohttp server on 127.0.0.1 (random port) serves both: REST under
``/api/v10`` and the gateway at ``/gateway`` (resumes at ``/gateway-resume``,
so a test can tell that the client used ``resume_gateway_url``). Point
discord.py at it with ``bot.adapters.discord_endpoints.point_discord_at(
fake.api_base, fake.gateway_url)`` and log in with ``fake.token``.

It speaks the protocol the way Discord does where discord.py or our adapter
would notice the difference: snowflakes as strings, exact
``application/json`` content type, Discord's error codes (10062 unknown
interaction, 40060 already acknowledged, 50007 cannot DM, 50035 invalid form
body with the real message and command-schema limits), 429s that discord.py
honours, the first follow-up after a defer replacing the "thinking" message,
and gateway sessions that replay missed events on RESUME.

Everything the client sends is recorded (``requests``,
``gateway_connections[i].received``) for tests to assert on; the ``wait_for_*``
methods wait for something to arrive without sleeping for fixed times.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import json
import math
import re
import secrets
import socket
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from types import TracebackType
from typing import Any, Self, TypeVar

from aiohttp import WSMsgType, web

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
    session: _Session | None = field(default=None, repr=False)

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
class _Session:
    id: str
    shard: list[int] | None
    seq: int = 0
    # Every dispatch sent in this session, so a RESUME can replay what was missed.
    log: list[Json] = field(default_factory=list)
    conn: GatewayConnection | None = None
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)


@dataclass
class _Interaction:
    id: str
    token: str
    type: int
    channel_id: str
    payload: Json
    component_message_id: str | None = None
    callback: Json | None = None
    original_message_id: str | None = None


_Handler = Callable[[web.Request, RecordedRequest], Awaitable[web.StreamResponse]]

#: What a CDN or proxy in front of Discord answers when Discord is down: a page, not JSON.
ERROR_PAGE = (
    "<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>"
    "<body><h1>Bad Gateway</h1><p>The server is temporarily unavailable.</p></body></html>\n"
)


@dataclass
class _PageRule:
    method: str
    pattern: re.Pattern[str]
    remaining: int
    status: int
    body: str
    content_type: str = "text/html"


@dataclass
class _RateLimitRule:
    method: str
    pattern: re.Pattern[str]
    remaining: int
    retry_after: float
    is_global: bool


def _route_pattern(route: str) -> re.Pattern[str]:
    """Turn a route such as /channels/{channel_id}/messages into a regex.

    Each ``{name}`` matches one path segment; everything else matches literally.
    """
    parts = re.split(r"(\{[^/{}]+\})", route)
    return re.compile(
        "".join("[^/]+" if p.startswith("{") and p.endswith("}") else re.escape(p) for p in parts)
    )


def _user_object(user_id: int | str, username: str, *, bot: bool = False) -> Json:
    return {
        "id": str(user_id),
        "username": username,
        "discriminator": "0",
        "global_name": None if bot else username,
        "avatar": None,
        "public_flags": 0,
        "bot": bot,
    }


def _now_iso() -> str:
    return datetime.now(UTC).isoformat()


def _json_response(data: Any, status: int = 200, headers: Mapping[str, str] | None = None) -> web.Response:
    # discord.py parses a body only when Content-Type is exactly "application/json";
    # aiohttp's json_response would add "; charset=utf-8".
    all_headers = {"Content-Type": "application/json", **(headers or {})}
    return web.Response(body=json.dumps(data).encode(), status=status, headers=all_headers)


# ------------------------------------------------------------ validation


_COMMAND_NAME = re.compile(r"[-_\w]{1,32}")


def validate_message(body: Json, *, partial: bool = False) -> None:
    """Raise what Discord answers for a message body outside its limits."""
    errors: dict[str, str] = {}
    content = body.get("content") or ""
    if len(content) > 2000:
        errors["content"] = "Must be 2000 or fewer in length."
    embeds = body.get("embeds") or []
    if len(embeds) > 10:
        errors["embeds"] = "Must be 10 or fewer in length."
    for i, embed in enumerate(embeds):
        errors.update(_embed_errors(f"embeds.{i}", embed))
    if sum(_embed_size(e) for e in embeds) > 6000:
        errors["embeds"] = "Embed size exceeds maximum size of 6000"
    errors.update(_component_errors(body.get("components") or []))
    if errors:
        raise form_error(errors)
    has_body = content or embeds or body.get("components") or body.get("attachments")
    if not partial and not has_body and not body.get("sticker_ids") and not body.get("poll"):
        raise DiscordAPIError(400, 50006, "Cannot send an empty message")


def _embed_errors(where: str, embed: Json) -> dict[str, str]:
    limits = {"title": 256, "description": 4096}
    errors = {
        f"{where}.{key}": f"Must be {limit} or fewer in length."
        for key, limit in limits.items()
        if len(embed.get(key) or "") > limit
    }
    fields = embed.get("fields") or []
    if len(fields) > 25:
        errors[f"{where}.fields"] = "Must be 25 or fewer in length."
    for i, fld in enumerate(fields):
        if not fld.get("name") or len(fld["name"]) > 256:
            errors[f"{where}.fields.{i}.name"] = "Must be between 1 and 256 in length."
        if not fld.get("value") or len(fld["value"]) > 1024:
            errors[f"{where}.fields.{i}.value"] = "Must be between 1 and 1024 in length."
    if len((embed.get("footer") or {}).get("text") or "") > 2048:
        errors[f"{where}.footer.text"] = "Must be 2048 or fewer in length."
    if len((embed.get("author") or {}).get("name") or "") > 256:
        errors[f"{where}.author.name"] = "Must be 256 or fewer in length."
    return errors


def _embed_size(embed: Json) -> int:
    texts = [embed.get("title"), embed.get("description")]
    texts += [(embed.get("footer") or {}).get("text"), (embed.get("author") or {}).get("name")]
    for fld in embed.get("fields") or []:
        texts += [fld.get("name"), fld.get("value")]
    return sum(len(t) for t in texts if t)


def _component_errors(rows: list[Json]) -> dict[str, str]:
    errors: dict[str, str] = {}
    if len(rows) > 5:
        errors["components"] = "Must be 5 or fewer in length."
    for r, row in enumerate(rows):
        children = row.get("components") or []
        if row.get("type") == 1 and not 1 <= len(children) <= 5:
            errors[f"components.{r}.components"] = "Must be between 1 and 5 in length."
        for c, comp in enumerate(children):
            where = f"components.{r}.components.{c}"
            if len(comp.get("custom_id") or "") > 100:
                errors[f"{where}.custom_id"] = "Must be 100 or fewer in length."
            if len(comp.get("label") or "") > 80:
                errors[f"{where}.label"] = "Must be 80 or fewer in length."
    return errors


def validate_commands(commands: list[Json]) -> None:
    """Raise what Discord answers for a bulk command overwrite it would refuse."""
    errors: dict[str, str] = {}
    if len(commands) > 100:
        errors["_"] = "Must be 100 or fewer in length."
    for i, cmd in enumerate(commands):
        errors.update(_command_errors(str(i), cmd, depth=0))
    if errors:
        raise form_error(errors)


def _command_errors(where: str, cmd: Json, *, depth: int) -> dict[str, str]:
    errors: dict[str, str] = {}
    name = cmd.get("name") or ""
    if not _COMMAND_NAME.fullmatch(name) or name != name.lower():
        errors[f"{where}.name"] = "Command name is invalid"
    description = cmd.get("description") or ""
    if cmd.get("type", 1) == 1 and not 1 <= len(description) <= 100:
        errors[f"{where}.description"] = "Must be between 1 and 100 in length."
    errors.update(_option_list_errors(where, cmd.get("options") or [], depth=depth))
    return errors


def _option_list_errors(where: str, options: list[Json], *, depth: int) -> dict[str, str]:
    errors: dict[str, str] = {}
    if len(options) > 25:
        errors[f"{where}.options"] = "Must be 25 or fewer in length."
    kinds = {opt.get("type") in (1, 2) for opt in options}
    if len(kinds) > 1:
        errors[f"{where}.options"] = "Sub-commands cannot be mixed with other options"
    seen_optional = False
    for i, opt in enumerate(options):
        here = f"{where}.options.{i}"
        if opt.get("type") in (1, 2):
            # A group (2) only at the top level, holding only subcommands (1).
            if (opt["type"] == 2 and depth > 0) or depth > 1:
                errors[f"{here}.type"] = "Sub-command nesting is too deep"
            errors.update(_command_errors(here, opt, depth=depth + 1))
            continue
        errors.update(_command_errors(here, opt, depth=depth + 1))
        if opt.get("required"):
            if seen_optional:
                errors[f"{here}.required"] = "Required options must be placed before non-required options"
        else:
            seen_optional = True
        if len(opt.get("choices") or []) > 25:
            errors[f"{here}.choices"] = "Must be 25 or fewer in length."
    return errors


# ------------------------------------------------------------------ the fake


class FakeDiscord:
    """A Discord API v10 + gateway on loopback; use as ``async with FakeDiscord() as fake``.

    The configured guild always has an ``@everyone`` role (id == guild id,
    ``everyone_permissions``) and the bot as a member (user id
    ``bot_user_id``, which defaults to ``app_id`` as on real Discord).
    """

    def __init__(
        self,
        *,
        guild_id: int = DEFAULT_GUILD_ID,
        app_id: int = DEFAULT_APP_ID,
        bot_user_id: int | None = None,
        token: str = "fake-bot-token",
        guild_name: str = "Picket HQ",
        bot_name: str = "picketbot",
        roles: Sequence[FakeRole] = (),
        channels: Sequence[FakeChannel] = (FakeChannel(DEFAULT_CHANNEL_ID, "picket-line"),),
        members: Sequence[FakeMember] = (),
        everyone_permissions: int = EVERYONE_PERMISSIONS,
        heartbeat_interval_ms: int = 41_250,
        other_guilds: Sequence[FakeGuild] = (),
    ) -> None:
        self.guild_id = guild_id
        self.app_id = app_id
        self.bot_user_id = bot_user_id if bot_user_id is not None else app_id
        self.token = token
        self.guild_name = guild_name
        self.bot_name = bot_name
        self.roles = [FakeRole(guild_id, "@everyone", everyone_permissions, 0), *roles]
        self.channels = list(channels)
        self.members = [FakeMember(self.bot_user_id, bot_name, bot=True), *members]
        self.heartbeat_interval_ms = heartbeat_interval_ms
        self.other_guilds = {guild.id: guild for guild in other_guilds}

        self.requests: list[RecordedRequest] = []
        self.gateway_connections: list[GatewayConnection] = []
        self.messages: dict[str, Json] = {}  # message id -> message object, every channel
        self.commands: dict[int | None, list[Json]] = {}  # guild id (None: global) -> commands

        self._next_snowflake = (int(time.time() * 1000) - DISCORD_EPOCH_MS) << 22
        self._changed = asyncio.Event()
        self._sessions: dict[str, _Session] = {}
        self._session: _Session | None = None  # the one dispatch() sends to
        self._interactions: dict[str, _Interaction] = {}
        self._rate_limits: list[_RateLimitRule] = []
        self._pages: list[_PageRule] = []
        self._dm_channels: dict[str, str] = {}  # recipient user id -> DM channel id
        self._dms_refused: set[str] = set()
        self._runner: web.AppRunner | None = None
        self._port = 0

    # ---------------------------------------------------------- lifecycle

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.stop()

    async def start(self) -> None:
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.bind(("127.0.0.1", 0))
        self._port = sock.getsockname()[1]
        self._runner = web.AppRunner(self._build_app(), shutdown_timeout=1.0)
        await self._runner.setup()
        await web.SockSite(self._runner, sock).start()

    async def stop(self) -> None:
        for conn in self.gateway_connections:
            if conn.ws is not None and not conn.ws.closed:
                await conn.ws.close(code=1001)
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._port}"

    @property
    def api_base(self) -> str:
        return f"{self.base_url}{API_PREFIX}"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self._port}{GATEWAY_PATH}"

    @property
    def session_id(self) -> str | None:
        """The current gateway session (the one ``dispatch`` sends to), if any."""
        return self._session.id if self._session else None

    @property
    def resume_gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self._port}{RESUME_GATEWAY_PATH}"

    # ------------------------------------------------------ test controls

    def rate_limit(
        self,
        method: str,
        route: str,
        *,
        times: int = 1,
        retry_after: float = 0.05,
        is_global: bool = False,
    ) -> None:
        """Answer the next ``times`` requests matching ``method`` ``route`` with 429.

        ``route`` is a path relative to the API base; ``{name}`` matches one
        segment ("/channels/{channel_id}/messages").
        """
        self._rate_limits.append(
            _RateLimitRule(method.upper(), _route_pattern(route), times, retry_after, is_global)
        )

    def answer_with_page(
        self,
        method: str,
        route: str,
        *,
        status: int = 503,
        times: int = 1,
        body: str = ERROR_PAGE,
        content_type: str = "text/html",
    ) -> None:
        """Answer the next ``times`` requests matching ``method`` ``route`` with an HTML page.

        That is what a CDN or proxy in front of Discord sends while Discord is
        down (status 5xx), or a captive portal (status 200). discord.py itself
        retries 500, 502, 504 and 524 with waits of seconds; 503 it does not.
        """
        self._pages.append(
            _PageRule(method.upper(), _route_pattern(route), times, status, body, content_type)
        )

    def refuse_dms(self, user_id: int) -> None:
        """Make messages to ``user_id``'s DM channel fail with 403 code 50007."""
        self._dms_refused.add(str(user_id))

    def requests_to(self, method: str, route: str) -> list[RecordedRequest]:
        pattern = _route_pattern(route)
        return [r for r in self.requests if r.method == method.upper() and pattern.fullmatch(r.path)]

    def registered_commands(self, guild_id: int | None = None) -> list[Json]:
        return list(self.commands.get(guild_id, []))

    def channel_messages(self, channel_id: int | str) -> list[Json]:
        return [m for m in self.messages.values() if m["channel_id"] == str(channel_id)]

    def dm_channel_id(self, user_id: int) -> str | None:
        return self._dm_channels.get(str(user_id))

    def seed_message(self, channel_id: int, body: Json) -> Json:
        """Store a bot message as if an earlier run of the bot had posted it."""
        return self._store_message(str(channel_id), body, flags=body.get("flags", 0))

    async def wait_for_request(
        self, method: str, route: str, *, count: int = 1, timeout: float = 5.0
    ) -> RecordedRequest:
        """The ``count``-th answered request to ``method`` ``route`` (earlier ones count)."""
        return await self._wait(
            lambda: self._nth([r for r in self.requests_to(method, route) if r.status], count),
            timeout,
            f"{count} answered {method} {route}",
        )

    async def wait_for_callback(self, interaction_id: int | str, timeout: float = 5.0) -> Json:
        """The body the bot POSTed to this interaction's callback endpoint."""

        def body() -> Json | None:
            interaction = self._interactions.get(str(interaction_id))
            return interaction.callback if interaction else None

        return await self._wait(body, timeout, f"callback for interaction {interaction_id}")

    async def wait_for_gateway_op(self, op: int, *, count: int = 1, timeout: float = 5.0) -> Json:
        """The ``count``-th frame with opcode ``op`` the client sent, over all connections."""

        def frame() -> Json | None:
            frames = [f for c in self.gateway_connections for f in c.received if f.get("op") == op]
            return self._nth(frames, count)

        return await self._wait(frame, timeout, f"{count} gateway op {op} frame(s)")

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

    async def send_interaction(
        self,
        *,
        user_id: int,
        command: str | None = None,
        options: Mapping[str, OptionValue] | None = None,
        custom_id: str | None = None,
        component_type: int = 2,
        values: Sequence[str] | None = None,
        message_id: int | str | None = None,
        role_ids: Sequence[int] | None = None,
        channel_id: int | None = None,
        in_dm: bool = False,
        guild_id: int | None = None,
    ) -> SentInteraction:
        """Dispatch an INTERACTION_CREATE as Discord builds it, and return its id and token.

        ``command="picket signup", options={"shift": 42}`` is the slash command
        ``/picket signup shift:42`` (type 2), nested the way Discord nests
        subcommand groups and subcommands. If the command was synced to the
        fake, option types and the command id come from the stored schema and
        unknown or missing required options raise ``ValueError``; otherwise
        types are inferred from the Python values.

        ``custom_id="..."`` is a click on a component (type 3) of the message
        ``message_id``, or of the newest stored message holding that custom_id,
        or of a message the fake seeds for it.

        ``role_ids`` default to the configured member's roles.

        ``guild_id`` of one of ``other_guilds`` sends it from that server
        (its first channel unless ``channel_id`` says otherwise).
        """
        if (command is None) == (custom_id is None):
            raise ValueError("give exactly one of command= or custom_id=")
        other = self.other_guilds.get(guild_id) if guild_id is not None else None
        if guild_id is not None and other is None and guild_id != self.guild_id:
            raise ValueError(f"the bot is in no guild {guild_id}")
        if in_dm:
            channel = self._dm_channel_for(user_id)
        elif other is not None:
            channel = str(channel_id or other.channels[0].id)
        else:
            channel = str(channel_id or self._default_channel())
        guild_id = None if in_dm else (other.id if other else self.guild_id)
        if command is not None:
            kind, data, component_message = 2, self._command_data(command, options or {}, guild_id), None
        else:
            assert custom_id is not None
            component_message = self._component_message(channel, custom_id, component_type, message_id)
            kind, data = 3, {"custom_id": custom_id, "component_type": component_type}
            if values is not None:
                data["values"] = list(values)
        if other is not None:
            payload = self._other_guild_payload(other, kind, data, user_id, role_ids, channel)
        else:
            payload = self._interaction_payload(kind, data, user_id, role_ids, channel, in_dm)
        if component_message is not None:
            # A snapshot: the stored message changes when the bot edits it, but a
            # replayed INTERACTION_CREATE must carry what was clicked.
            payload["message"] = json.loads(json.dumps(component_message))
        self._interactions[payload["id"]] = _Interaction(
            payload["id"],
            payload["token"],
            kind,
            channel,
            payload,
            component_message_id=component_message["id"] if component_message else None,
        )
        await self.dispatch("INTERACTION_CREATE", payload)
        return SentInteraction(payload["id"], payload["token"], payload)

    # --------------------------------------------------------- internals

    def _snowflake(self) -> str:
        self._next_snowflake += 1
        return str(self._next_snowflake)

    def _bump(self) -> None:
        """Wake every waiter to re-check its condition."""
        self._changed.set()
        self._changed = asyncio.Event()

    async def _wait(self, probe: Callable[[], T | None], timeout: float, what: str) -> T:
        try:
            async with asyncio.timeout(timeout):
                while (found := probe()) is None:
                    await self._changed.wait()
                return found
        except TimeoutError:
            seen = [f"{r.method} {r.path} -> {r.status}" for r in self.requests[-10:]]
            raise TimeoutError(f"no {what} within {timeout}s; last requests: {seen}") from None

    @staticmethod
    def _nth(items: list[T], count: int) -> T | None:
        return items[count - 1] if len(items) >= count else None

    def _current_session(self) -> _Session:
        if self._session is None:
            raise RuntimeError("no gateway session: the client has not identified yet")
        return self._session

    def _default_channel(self) -> int:
        return next(c.id for c in self.channels if c.type in TEXT_CHANNEL_TYPES)

    def _member(self, user_id: int | str) -> FakeMember | None:
        return next((m for m in self.members if str(m.id) == str(user_id)), None)

    def _owner(self) -> FakeMember:
        """Who owns the guild and the application: the first human member, else the bot."""
        return next((m for m in self.members if not m.bot), self.members[0])

    def _bot_user(self) -> Json:
        return _user_object(self.bot_user_id, self.bot_name, bot=True)

    def _permissions(self, role_ids: Sequence[int]) -> int:
        wanted = {self.guild_id, *role_ids}
        perms = 0
        for role in self.roles:
            if role.id in wanted:
                perms |= role.permissions
        return perms

    # ---------------------------------------------------------- payloads

    def _role_object(self, role: FakeRole) -> Json:
        return {
            "id": str(role.id),
            "name": role.name,
            "permissions": str(role.permissions),
            "position": role.position,
            "color": 0,
            "colors": {"primary_color": 0},
            "hoist": False,
            "managed": False,
            "mentionable": False,
            "flags": 0,
            "icon": None,
            "unicode_emoji": None,
        }

    def _channel_object(self, channel: FakeChannel, *, with_guild: bool = True) -> Json:
        obj: Json = {
            "id": str(channel.id),
            "type": channel.type,
            "name": channel.name,
            "position": channel.position,
            "parent_id": str(channel.parent_id) if channel.parent_id else None,
            "permission_overwrites": [],
            "nsfw": False,
            "topic": None,
            "last_message_id": None,
            "rate_limit_per_user": 0,
            "flags": 0,
        }
        if with_guild:  # GUILD_CREATE leaves guild_id out of its channels; REST has it.
            obj["guild_id"] = str(self.guild_id)
        return obj

    def _member_object(self, member: FakeMember, role_ids: Sequence[int] | None = None) -> Json:
        roles = member.role_ids if role_ids is None else tuple(role_ids)
        return {
            "user": _user_object(member.id, member.username, bot=member.bot),
            "roles": [str(r) for r in roles],
            "joined_at": "2023-05-02T09:00:00+00:00",
            "deaf": False,
            "mute": False,
            "flags": 0,
            "pending": False,
            "nick": None,
            "avatar": None,
            "premium_since": None,
            "communication_disabled_until": None,
        }

    def _guild_object(self) -> Json:
        return {
            "id": str(self.guild_id),
            "name": self.guild_name,
            "icon": None,
            "splash": None,
            "discovery_splash": None,
            "owner_id": str(self._owner().id),
            "afk_channel_id": None,
            "afk_timeout": 300,
            "verification_level": 1,
            "default_message_notifications": 1,
            "explicit_content_filter": 0,
            "roles": [self._role_object(r) for r in self.roles],
            "emojis": [],
            "stickers": [],
            "features": [],
            "mfa_level": 0,
            "system_channel_id": None,
            "system_channel_flags": 0,
            "rules_channel_id": None,
            "preferred_locale": "en-US",
            "premium_tier": 0,
            "nsfw_level": 0,
            "premium_progress_bar_enabled": False,
            "description": None,
        }

    def _guild_create(self) -> Json:
        return {
            **self._guild_object(),
            "unavailable": False,
            "large": False,
            "member_count": len(self.members),
            "joined_at": "2023-05-02T09:00:00+00:00",
            "channels": [self._channel_object(c, with_guild=False) for c in self.channels],
            "members": [self._member_object(m) for m in self.members],
            "threads": [],
            "voice_states": [],
            "presences": [],
            "stage_instances": [],
            "guild_scheduled_events": [],
            "soundboard_sounds": [],
        }

    def _other_guild_create(self, guild: FakeGuild) -> Json:
        roles = [FakeRole(guild.id, "@everyone", EVERYONE_PERMISSIONS, 0), *guild.roles]
        members = [FakeMember(self.bot_user_id, self.bot_name, bot=True), *guild.members]
        owner = next((m for m in members if not m.bot), members[0])
        return {
            **self._guild_create(),
            "id": str(guild.id),
            "name": guild.name,
            "owner_id": str(owner.id),
            "roles": [self._role_object(r) for r in roles],
            "member_count": len(members),
            "channels": [self._channel_object(c, with_guild=False) for c in guild.channels],
            "members": [self._member_object(m) for m in members],
        }

    def _other_guild_payload(
        self,
        guild: FakeGuild,
        kind: int,
        data: Json,
        user_id: int,
        role_ids: Sequence[int] | None,
        channel_id: str,
    ) -> Json:
        """An interaction from one of ``other_guilds``, shaped as the main guild's are."""
        member = next((m for m in guild.members if m.id == user_id), None) or FakeMember(
            user_id, f"m{user_id}"
        )
        roles = member.role_ids if role_ids is None else tuple(role_ids)
        channel = next((c for c in guild.channels if str(c.id) == channel_id), None)
        if channel is None:
            raise ValueError(f"channel {channel_id} is not one of guild {guild.id}'s channels")
        everything = str(EVERYONE_PERMISSIONS)
        payload = self._interaction_payload(kind, data, user_id, role_ids, channel_id, in_dm=True)
        for key in ("user", "context", "authorizing_integration_owners", "channel"):
            payload.pop(key, None)
        payload.update(
            guild_id=str(guild.id),
            guild_locale="en-US",
            context=0,
            guild={"id": str(guild.id), "locale": "en-US", "features": []},
            channel={**self._channel_object(channel), "guild_id": str(guild.id), "permissions": everything},
            member={**self._member_object(member, roles), "permissions": everything},
            authorizing_integration_owners={"0": str(guild.id)},
        )
        return payload

    def _ready(self, session: _Session) -> Json:
        ready: Json = {
            "v": 10,
            "user": {**self._bot_user(), "verified": True, "mfa_enabled": False, "flags": 0},
            "guilds": [
                {"id": str(guild), "unavailable": True} for guild in (self.guild_id, *self.other_guilds)
            ],
            "session_id": session.id,
            "session_type": "normal",
            "resume_gateway_url": self.resume_gateway_url,
            "application": {"id": str(self.app_id), "flags": APPLICATION_FLAGS},
            "private_channels": [],
            "relationships": [],
            "presences": [],
            "geo_ordered_rtc_regions": [],
            "guild_join_requests": [],
            "user_settings": {},
        }
        if session.shard is not None:
            ready["shard"] = session.shard
        return ready

    def _application_object(self) -> Json:
        owner = self._owner()
        return {
            "id": str(self.app_id),
            "name": self.bot_name,
            "description": "",
            "icon": None,
            "bot_public": False,
            "bot_require_code_grant": False,
            "owner": _user_object(owner.id, owner.username),
            "verify_key": "0" * 64,
            "flags": APPLICATION_FLAGS,
            "team": None,
            "summary": "",
            "interactions_endpoint_url": None,
            "bot": self._bot_user(),
        }

    def _interaction_payload(
        self,
        kind: int,
        data: Json,
        user_id: int,
        role_ids: Sequence[int] | None,
        channel_id: str,
        in_dm: bool,
    ) -> Json:
        member = self._member(user_id) or FakeMember(user_id, f"member{user_id}")
        payload: Json = {
            "id": self._snowflake(),
            "application_id": str(self.app_id),
            "type": kind,
            "token": "aW50ZXJhY3Rpb24" + secrets.token_urlsafe(48),
            "version": 1,
            "data": data,
            "channel_id": channel_id,
            "locale": "en-US",
            "entitlements": [],
            "attachment_size_limit": 10 * 1024 * 1024,
            "app_permissions": str(self._permissions([])),
        }
        if in_dm:
            user = _user_object(member.id, member.username)
            payload.update(user=user, context=1, authorizing_integration_owners={"0": str(self.app_id)})
            payload["channel"] = {"id": channel_id, "type": 1, "recipients": [user], "flags": 0}
            return payload
        roles = member.role_ids if role_ids is None else tuple(role_ids)
        channel = next((c for c in self.channels if str(c.id) == channel_id), None)
        if channel is None:
            raise ValueError(f"channel {channel_id} is not one of the guild's channels")
        payload.update(
            guild_id=str(self.guild_id),
            guild_locale="en-US",
            context=0,
            guild={"id": str(self.guild_id), "locale": "en-US", "features": []},
            channel={**self._channel_object(channel), "permissions": str(self._permissions(roles))},
            member={**self._member_object(member, roles), "permissions": str(self._permissions(roles))},
            authorizing_integration_owners={"0": str(self.guild_id)},
        )
        return payload

    # ---------------------------------------------- slash command payloads

    def _command_data(self, command: str, options: Mapping[str, OptionValue], guild_id: int | None) -> Json:
        path = command.split()
        if not 1 <= len(path) <= 3:
            raise ValueError(f"a command is 1 to 3 words, got {command!r}")
        registered, registered_in = self._find_command(path[0], guild_id)
        schema = self._leaf_schema(registered, path) if registered else None
        leaf = self._leaf_options(options, schema)
        resolved = self._resolved(leaf)
        nested: list[Json] = leaf
        for depth in range(len(path) - 1, 0, -1):
            nested = [{"type": 1 if depth == len(path) - 1 else 2, "name": path[depth], "options": nested}]
        data: Json = {
            "id": registered["id"] if registered else self._snowflake(),
            "name": path[0],
            "type": 1,
            "options": nested,
        }
        if registered_in is not None:
            data["guild_id"] = str(registered_in)
        if resolved:
            data["resolved"] = resolved
        return data

    def _find_command(self, name: str, guild_id: int | None) -> tuple[Json | None, int | None]:
        scopes: list[int | None] = [guild_id, None] if guild_id is not None else [None]
        for scope in scopes:
            for cmd in self.commands.get(scope, []):
                if cmd["name"] == name and cmd.get("type", 1) == 1:
                    return cmd, scope
        return None, None

    @staticmethod
    def _leaf_schema(registered: Json, path: list[str]) -> list[Json]:
        node = registered
        for depth, name in enumerate(path[1:], start=1):
            want = 1 if depth == len(path) - 1 else 2
            node = next((o for o in node.get("options", []) if o["name"] == name and o["type"] == want), {})
            if not node:
                raise ValueError(f"/{' '.join(path)} is not in the synced schema")
        leaf = node.get("options", [])
        if any(o["type"] in (1, 2) for o in leaf):
            raise ValueError(f"/{' '.join(path)} is a group; name one of its subcommands")
        return list(leaf)

    def _leaf_options(self, options: Mapping[str, OptionValue], schema: list[Json] | None) -> list[Json]:
        if schema is None:
            return [{"name": k, "type": self._infer_type(v), "value": v} for k, v in options.items()]
        types = {o["name"]: o["type"] for o in schema}
        unknown = set(options) - set(types)
        missing = {o["name"] for o in schema if o.get("required")} - set(options)
        if unknown or missing:
            raise ValueError(f"options not in the schema: {sorted(unknown)}; missing: {sorted(missing)}")
        return [self._option(name, types[name], value) for name, value in options.items()]

    @staticmethod
    def _infer_type(value: OptionValue) -> int:
        if isinstance(value, bool):
            return 5
        if isinstance(value, int):
            return 4
        if isinstance(value, float):
            return 10
        return 3

    @staticmethod
    def _option(name: str, kind: int, value: OptionValue) -> Json:
        if kind in (6, 7, 8, 9):  # user, channel, role, mentionable: snowflake strings
            return {"name": name, "type": kind, "value": str(value)}
        if kind == 4 and (isinstance(value, bool) or not isinstance(value, int)):
            raise ValueError(f"option {name} is an integer, got {value!r}")
        return {"name": name, "type": kind, "value": value}

    def _resolved(self, leaf: list[Json]) -> Json:
        """The ``resolved`` map Discord sends with user, role and channel options."""
        resolved: dict[str, Json] = {}
        for opt in leaf:
            if opt["type"] not in (6, 7, 8, 9):
                continue
            found = self._resolve_one(opt["value"], opt["type"], resolved)
            if not found:
                raise ValueError(f"option {opt['name']}: no user, role or channel {opt['value']}")
        return resolved

    def _resolve_one(self, snowflake: str, kind: int, out: dict[str, Json]) -> bool:
        member = self._member(snowflake) if kind in (6, 9) else None
        if member is not None:
            out.setdefault("users", {})[snowflake] = _user_object(member.id, member.username, bot=member.bot)
            out.setdefault("members", {})[snowflake] = {
                k: v for k, v in self._member_object(member).items() if k != "user"
            } | {"permissions": str(self._permissions(member.role_ids))}
            return True
        role = next((r for r in self.roles if str(r.id) == snowflake), None) if kind in (8, 9) else None
        if role is not None:
            out.setdefault("roles", {})[snowflake] = self._role_object(role)
            return True
        channel = next((c for c in self.channels if str(c.id) == snowflake), None) if kind == 7 else None
        if channel is not None:
            out.setdefault("channels", {})[snowflake] = {
                **self._channel_object(channel),
                "permissions": str(self._permissions([])),
            }
            return True
        return False

    def _component_message(
        self, channel_id: str, custom_id: str, component_type: int, message_id: int | str | None
    ) -> Json:
        if message_id is not None:
            return self.messages[str(message_id)]
        for message in reversed(list(self.messages.values())):
            rows = message.get("components") or []
            if any(c.get("custom_id") == custom_id for row in rows for c in row.get("components", [])):
                return message
        component: Json = {"type": component_type, "custom_id": custom_id}
        if component_type == 2:
            component |= {"style": 1, "label": custom_id[:80]}
        else:
            component |= {"options": [], "min_values": 1, "max_values": 1}
        return self.seed_message(
            int(channel_id), {"content": "", "components": [{"type": 1, "components": [component]}]}
        )

    def _dm_channel_for(self, user_id: int | str) -> str:
        key = str(user_id)
        if key not in self._dm_channels:
            self._dm_channels[key] = self._snowflake()
        return self._dm_channels[key]

    # ------------------------------------------------------------ messages

    def _store_message(
        self, channel_id: str, body: Json, *, flags: int = 0, kind: int = 0, webhook: bool = False
    ) -> Json:
        message: Json = {
            "id": self._snowflake(),
            "channel_id": channel_id,
            "author": self._bot_user(),
            "content": body.get("content") or "",
            "timestamp": _now_iso(),
            "edited_timestamp": None,
            "tts": bool(body.get("tts")),
            "mention_everyone": False,
            "mentions": [],
            "mention_roles": [],
            "attachments": list(body.get("attachments") or []),
            "embeds": [{"type": "rich", **e} for e in body.get("embeds") or []],
            "components": list(body.get("components") or []),
            "pinned": False,
            "type": kind,
            "flags": flags,
        }
        if any(str(c.id) == channel_id for c in self.channels):
            message["guild_id"] = str(self.guild_id)
        if webhook:
            message |= {"webhook_id": str(self.app_id), "application_id": str(self.app_id)}
        self.messages[message["id"]] = message
        return message

    def _edit_message(self, message: Json, body: Json) -> Json:
        validate_message(body, partial=True)
        for key in ("content", "components", "attachments"):
            if key in body:
                message[key] = body[key] if body[key] is not None else ([] if key != "content" else "")
        if "embeds" in body:
            message["embeds"] = [{"type": "rich", **e} for e in body["embeds"] or []]
        if message["flags"] & MESSAGE_FLAG_LOADING:
            message["flags"] &= ~MESSAGE_FLAG_LOADING  # the "thinking..." placeholder is replaced
        else:
            message["edited_timestamp"] = _now_iso()
        return message

    def _attachments(self, record: RecordedRequest, body: Json) -> Json:
        """Turn multipart uploads into the attachment objects Discord returns."""
        if not record.files:
            return body
        attachments = []
        for upload in record.files:
            attachment_id = self._snowflake()
            url = f"{self.base_url}/attachments/{attachment_id}/{upload.filename}"
            attachments.append(
                {
                    "id": attachment_id,
                    "filename": upload.filename,
                    "size": len(upload.data),
                    "url": url,
                    "proxy_url": url,
                    "content_type": upload.content_type,
                }
            )
        return {**body, "attachments": attachments}

    # ------------------------------------------------------------ HTTP app

    def _build_app(self) -> web.Application:
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_get(GATEWAY_PATH, self._gateway)
        app.router.add_get(RESUME_GATEWAY_PATH, self._gateway)
        routes: list[tuple[str, str, _Handler]] = [
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

    def _endpoint(self, handler: _Handler) -> Callable[[web.Request], Awaitable[web.StreamResponse]]:
        """Wrap a REST handler: record the request, refuse it or answer it, wake waiters."""

        async def endpoint(request: web.Request) -> web.StreamResponse:
            record = await self._record(request)
            try:
                response = self._refusal(request, record) or await handler(request, record)
            except DiscordAPIError as exc:
                response = _json_response(exc.body(), exc.status)
            record.status = response.status
            self._bump()
            return response

        return endpoint

    async def _not_found(self, request: web.Request, record: RecordedRequest) -> web.Response:
        return _json_response({"message": "404: Not Found", "code": 0}, 404)

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
            return _json_response({"message": "401: Unauthorized", "code": 0}, 401)
        for page in self._pages:
            if page.remaining > 0 and page.method == record.method and page.pattern.fullmatch(record.path):
                page.remaining -= 1
                # Exactly this Content-Type, as _json_response explains.
                headers = {"Content-Type": page.content_type}
                return web.Response(body=page.body.encode(), status=page.status, headers=headers)
        for rule in self._rate_limits:
            if rule.remaining > 0 and rule.method == record.method and rule.pattern.fullmatch(record.path):
                rule.remaining -= 1
                return self._too_many_requests(rule)
        return None

    @staticmethod
    def _too_many_requests(rule: _RateLimitRule) -> web.Response:
        # discord.py retries a 429 only with a Via header (else it assumes a Cloudflare
        # ban) and sleeps for the JSON retry_after, not the Retry-After header.
        headers = {
            "Via": "1.1 google",
            "Retry-After": str(max(1, math.ceil(rule.retry_after))),
            "X-RateLimit-Limit": "5",
            "X-RateLimit-Remaining": "0",
            "X-RateLimit-Reset": f"{time.time() + rule.retry_after:.3f}",
            "X-RateLimit-Reset-After": f"{rule.retry_after:.3f}",
            "X-RateLimit-Bucket": hashlib.sha1(rule.pattern.pattern.encode()).hexdigest()[:32],
            "X-RateLimit-Scope": "global" if rule.is_global else "user",
        }
        if rule.is_global:
            headers["X-RateLimit-Global"] = "true"
        body = {
            "message": "You are being rate limited.",
            "retry_after": rule.retry_after,
            "global": rule.is_global,
        }
        return _json_response(body, 429, headers)

    # ------------------------------------------------------- REST handlers

    async def _get_gateway(self, request: web.Request, record: RecordedRequest) -> web.Response:
        return _json_response({"url": self.gateway_url})

    async def _get_gateway_bot(self, request: web.Request, record: RecordedRequest) -> web.Response:
        limit = {"total": 1000, "remaining": 999, "reset_after": 86_400_000, "max_concurrency": 1}
        return _json_response({"url": self.gateway_url, "shards": 1, "session_start_limit": limit})

    async def _get_me(self, request: web.Request, record: RecordedRequest) -> web.Response:
        return _json_response({**self._bot_user(), "verified": True, "mfa_enabled": False, "flags": 0})

    async def _get_user(self, request: web.Request, record: RecordedRequest) -> web.Response:
        member = self._member(request.match_info["user_id"])
        if member is None:
            raise DiscordAPIError(404, 10013, "Unknown User")
        return _json_response(_user_object(member.id, member.username, bot=member.bot))

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
            "recipients": [_user_object(member.id, member.username, bot=member.bot)],
        }
        return _json_response(channel)

    async def _get_application(self, request: web.Request, record: RecordedRequest) -> web.Response:
        return _json_response(self._application_object())

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
        return _json_response(stored)

    async def _get_commands(self, request: web.Request, record: RecordedRequest) -> web.Response:
        return _json_response(self.commands.get(self._command_scope(request), []))

    async def _get_channel(self, request: web.Request, record: RecordedRequest) -> web.Response:
        channel_id = request.match_info["channel_id"]
        channel = next((c for c in self.channels if str(c.id) == channel_id), None)
        if channel is not None:
            return _json_response(self._channel_object(channel))
        recipient = next((u for u, c in self._dm_channels.items() if c == channel_id), None)
        member = self._member(recipient) if recipient else None
        if member is None:
            raise DiscordAPIError(404, 10003, "Unknown Channel")
        user = _user_object(member.id, member.username, bot=member.bot)
        return _json_response({"id": channel_id, "type": 1, "recipients": [user], "last_message_id": None})

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
        return _json_response(self._store_message(channel_id, body, flags=body.get("flags") or 0))

    def _channel_message(self, request: web.Request) -> Json:
        message = self.messages.get(request.match_info["message_id"])
        if message is None or message["channel_id"] != request.match_info["channel_id"]:
            raise DiscordAPIError(404, 10008, "Unknown Message")
        return message

    async def _get_message(self, request: web.Request, record: RecordedRequest) -> web.Response:
        return _json_response(self._channel_message(request))

    async def _patch_message(self, request: web.Request, record: RecordedRequest) -> web.Response:
        message = self._channel_message(request)
        return _json_response(self._edit_message(message, self._attachments(record, record.json or {})))

    async def _delete_message(self, request: web.Request, record: RecordedRequest) -> web.Response:
        del self.messages[self._channel_message(request)["id"]]
        return web.Response(status=204)

    async def _get_guild(self, request: web.Request, record: RecordedRequest) -> web.Response:
        self._check_guild(request)
        return _json_response(self._guild_object())

    async def _get_guild_channels(self, request: web.Request, record: RecordedRequest) -> web.Response:
        self._check_guild(request)
        return _json_response([self._channel_object(c) for c in self.channels])

    async def _get_guild_roles(self, request: web.Request, record: RecordedRequest) -> web.Response:
        self._check_guild(request)
        return _json_response([self._role_object(r) for r in self.roles])

    async def _get_guild_member(self, request: web.Request, record: RecordedRequest) -> web.Response:
        self._check_guild(request)
        member = self._member(request.match_info["user_id"])
        if member is None:
            raise DiscordAPIError(404, 10007, "Unknown Member")
        return _json_response(self._member_object(member))

    def _check_guild(self, request: web.Request) -> None:
        if request.match_info["guild_id"] != str(self.guild_id):
            raise DiscordAPIError(404, 10004, "Unknown Guild")

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
        return _json_response(self._callback_response(interaction, body, message))

    def _apply_callback(self, interaction: _Interaction, body: Json, record: RecordedRequest) -> Json | None:
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
    def _callback_response(interaction: _Interaction, body: Json, message: Json | None) -> Json:
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

    def _webhook_interaction(self, request: web.Request) -> _Interaction:
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
        return _json_response(message)

    async def _get_webhook_message(self, request: web.Request, record: RecordedRequest) -> web.Response:
        return _json_response(self._webhook_message(request))

    async def _edit_webhook_message(self, request: web.Request, record: RecordedRequest) -> web.Response:
        message = self._webhook_message(request)
        return _json_response(self._edit_message(message, self._attachments(record, record.json or {})))

    async def _delete_webhook_message(self, request: web.Request, record: RecordedRequest) -> web.Response:
        del self.messages[self._webhook_message(request)["id"]]
        return web.Response(status=204)

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
        session = _Session(id=secrets.token_hex(16), shard=data.get("shard"))
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

    async def _dispatch_locked(self, session: _Session, event: str, data: Json) -> int:
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
