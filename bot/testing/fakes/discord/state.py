"""The fake Discord's state: what it was set up with, what it holds and records, and waiting on it."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Sequence

import aiohttp
from aiohttp import web
from nacl.signing import SigningKey

from bot.testing.fakes.discord.model import (
    API_PREFIX,
    DEFAULT_APP_ID,
    DEFAULT_CHANNEL_ID,
    DEFAULT_GUILD_ID,
    DISCORD_EPOCH_MS,
    EVERYONE_PERMISSIONS,
    GATEWAY_PATH,
    MESSAGE_FLAG_LOADING,
    POST_TIMEOUT_SECONDS,
    RESUME_GATEWAY_PATH,
    TEXT_CHANNEL_TYPES,
    FakeChannel,
    FakeGuild,
    FakeMember,
    FakeRole,
    GatewayConnection,
    GatewaySession,
    Json,
    PendingInteraction,
    RecordedRequest,
    T,
    now_iso,
    user_object,
)
from bot.testing.fakes.discord.validation import validate_message
from bot.testing.fakes.rate_limits import Page, Refusal, Scripted

#: The client language of a user nobody set one for.
DEFAULT_LOCALE = "en-US"


class DiscordState:
    """Everything the fake holds; the classes built on it add what it does."""

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
        self._sessions: dict[str, GatewaySession] = {}
        self._session: GatewaySession | None = None  # the one dispatch() sends to
        self._interactions: dict[str, PendingInteraction] = {}
        self._by_token: dict[str, PendingInteraction] = {}
        #: Interactions POSTed to the bot over HTTP whose response is not read yet.
        self._posting: set[str] = set()
        #: Signs interactions sent over HTTP; the application's public key is its verify key.
        self.signing_key = SigningKey.generate()
        #: The application's Interactions Endpoint URL, as the Developer Portal would hold it.
        self.interactions_endpoint_url: str | None = None
        self._post_session: aiohttp.ClientSession | None = None
        #: How long `post_interaction` waits for the bot's answer, and over how many connections
        #: at most (0: one per request); set before the first post.
        self.post_timeout = POST_TIMEOUT_SECONDS
        self.post_connections = 0
        # Answers set aside for requests keyed "METHOD /path": 429s (with their bucket), pages.
        self._rate_limits: Scripted[tuple[Refusal, str]] = Scripted()
        self._pages: Scripted[Page] = Scripted()
        self._dm_channels: dict[str, str] = {}  # recipient user id -> DM channel id
        self._dms_refused: set[str] = set()
        #: Each user's client language (``set_locale``); interactions carry it as ``locale``.
        self._locales: dict[int, str] = {}
        self._runner: web.AppRunner | None = None
        self._port = 0

    def set_locale(self, user_id: int, locale: str) -> None:
        """The language ``user_id``'s Discord client is set to (``es-ES``, ``es-419``; default
        ``en-US``): every interaction they send from now on carries it as ``locale``."""
        self._locales[user_id] = locale

    def _locale(self, user_id: int) -> str:
        return self._locales.get(user_id, DEFAULT_LOCALE)

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
    def public_key(self) -> str:
        """The application's public key, hex, as the Developer Portal shows it (DISCORD_PUBLIC_KEY)."""
        return self.signing_key.verify_key.encode().hex()

    @property
    def session_id(self) -> str | None:
        """The current gateway session (the one ``dispatch`` sends to), if any."""
        return self._session.id if self._session else None

    @property
    def resume_gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self._port}{RESUME_GATEWAY_PATH}"

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

    def _current_session(self) -> GatewaySession:
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
        return user_object(self.bot_user_id, self.bot_name, bot=True)

    def _permissions(self, role_ids: Sequence[int]) -> int:
        wanted = {self.guild_id, *role_ids}
        perms = 0
        for role in self.roles:
            if role.id in wanted:
                perms |= role.permissions
        return perms

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
            "timestamp": now_iso(),
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

    def seed_message(self, channel_id: int, body: Json) -> Json:
        """Store a bot message as if an earlier run of the bot had posted it."""
        return self._store_message(str(channel_id), body, flags=body.get("flags", 0))

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
            message["edited_timestamp"] = now_iso()
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
