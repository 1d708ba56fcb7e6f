"""The Discord adapter: slash commands and buttons in, embeds out, outbox posts.

Two ways for interactions to arrive (docs/discord.md):

- **the gateway** (the default): `start(app)` logs in, connects to the
  gateway in a task and returns once the client is ready. Interactions are
  taken raw from discord.py (`gateway_events`) and answered through the
  callback endpoint;
- **HTTP** (``DISCORD_PUBLIC_KEY`` set): Discord POSTs each interaction to
  ``/discord/interactions`` on the public listener (`http_endpoint`), and the
  answer is the HTTP response. No gateway connection is opened unless
  ``[discord] gateway = true``; the bot logs in over REST only, for the
  outbox, membership and role lookups.

Either way the answers come from one `answering.Answerer`, and the outbox
sends with the bot token over REST. The client asks for the fewest intents
that work (guilds only: no message content, no members) and sends with
mentions off unless a message says otherwise. The commands' schema is
generated from the registry (`discord_schema`) and read back from the
interaction (`discord_options`), so no command is written twice. Commands
are synced only on request: ``picketbot discord sync`` or ``[discord]
sync_on_start``.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import replace

import aiohttp
import discord

from bot.adapters.discord.answering import Answerer
from bot.adapters.discord.config import DiscordSettings, discord_settings, is_configured
from bot.adapters.discord.endpoints import point_discord_at
from bot.adapters.discord.gateway_events import GatewayInteractions
from bot.adapters.discord.http_endpoint import interactions_handler, verify_key
from bot.adapters.discord.membership import ServerMembership
from bot.adapters.discord.modes import (
    INTERACTIONS_PATH,
    PORTAL,
    endpoint_problems,
    key_matches,
    mode_line,
)
from bot.adapters.discord.role_names import RoleNames, names_in_cache
from bot.adapters.discord.schema import command_payloads
from bot.adapters.discord.sender import DiscordSender
from bot.adapters.discord.webhooks import Webhooks
from bot.app import App
from bot.config.loading import ConfigError
from bot.start_retry import PlatformUnavailable, looks_like_html, with_retries
from commands.registry import Registry

log = logging.getLogger("picketbot.discord")

__all__ = ["DiscordAdapter", "PicketClient", "is_configured", "start", "sync_commands", "sync_over_rest"]

#: Rate limits up to this long are waited out inside a call (discord.py's minimum setting).
RATE_LIMIT_WAIT = 30.0
#: Give up starting if the gateway is not ready by then (a wrong URL, Discord down).
READY_TIMEOUT = 60.0


def minimal_intents() -> discord.Intents:
    intents = discord.Intents.none()
    intents.guilds = True  # the server's roles, to map members to captains and organizers
    return intents


class PicketClient(discord.Client):
    def __init__(self, *, guild_ready_timeout: float = 2.0) -> None:
        # picketbot never joins voice: skip discord.py's start-up warnings about voice
        # libraries (flags it clears itself after warning once).
        discord.VoiceClient.warn_nacl = False
        discord.VoiceClient.warn_dave = False
        super().__init__(
            intents=minimal_intents(),
            allowed_mentions=discord.AllowedMentions.none(),
            guild_ready_timeout=guild_ready_timeout,
            max_ratelimit_timeout=RATE_LIMIT_WAIT,
        )


class _EndpointWarning(logging.Filter):
    """Drops discord.py's warning that an application with an endpoint URL gets no interactions
    over the gateway: the adapter says what that means for picketbot itself (`_check_endpoint`)."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("Application has an interaction endpoint URL set")


logging.getLogger("discord.client").addFilter(_EndpointWarning())


class DiscordAdapter:
    def __init__(self, app: App, settings: DiscordSettings) -> None:
        self.app = app
        self.settings = settings
        guilds = settings.roles.guilds
        membership = ServerMembership(guilds, lambda: self.client.http) if guilds else None
        self.webhooks = Webhooks(settings.api_base)
        names = RoleNames(lambda: self.client.http, cached=lambda guild: names_in_cache(self.client, guild))
        self.answerer = Answerer(
            app.dispatcher, settings.roles, self.webhooks, names.of, membership=membership
        )
        self.interactions = GatewayInteractions(self.answerer, self.webhooks)
        self.client = self._new_client()
        self._gateway: asyncio.Task[None] | None = None
        self._follow_ups: set[asyncio.Task[None]] = set()

    def _new_client(self) -> PicketClient:
        client = PicketClient(guild_ready_timeout=self.settings.guild_ready_timeout)
        self.interactions.install(client)
        return client

    async def start(self) -> None:
        """Log in, open the gateway or the HTTP endpoint, register the outbox sender."""
        point_discord_at(self.settings.api_base, self.settings.gateway_url)
        self.app.closers.append(self.close)
        if not self.settings.roles.guilds:
            log.warning(
                "Discord: neither [discord] allowed_guilds nor guild_id is set, so Discord roles grant "
                "nothing: everyone acts as a member"
            )
        await with_retries("Discord", self._login, start_failure, self.settings.start_retry)
        self._check_endpoint()
        if self.settings.sync_on_start:
            count = await synced(self.client, self.app.registry, self.settings)
            log.info("Discord: synced %d commands", count)
        if self.settings.connects_gateway:
            self._gateway = asyncio.create_task(self.client.connect(), name="discord-gateway")
            self._gateway.add_done_callback(_report_stop)
            await self._until_ready(self._gateway)
            self._warn_of_other_servers()
        if self.settings.over_http:
            self._serve_http()
        self.app.add_sender(DiscordSender(self.client))
        how = f", interactions over HTTP at {INTERACTIONS_PATH}" if self.settings.over_http else ""
        log.info("Discord: connected as %s%s", self.client.user, how)

    def _serve_http(self) -> None:
        """Add ``POST /discord/interactions`` to the public listener, which `picketbot run` starts
        once every platform has added its routes (Slack's HTTP mode starts it right after)."""
        assert self.settings.public_key is not None
        handler = interactions_handler(
            self.answerer, verify_key(self.settings.public_key), self.app.db, self._spawn
        )
        self.app.public_listener().add_route("POST", INTERACTIONS_PATH, handler)

    def _spawn(self, work: Awaitable[None]) -> None:
        async def run() -> None:
            await work

        task = asyncio.create_task(run(), name="discord-follow-up")
        self._follow_ups.add(task)
        task.add_done_callback(self._follow_ups.discard)

    def _check_endpoint(self) -> None:
        """The application's Interactions Endpoint URL and public key, against the mode chosen."""
        application = self.client.application
        if application is None:
            return
        verify_key = str(application.verify_key)
        if not key_matches(self.settings, verify_key):
            raise ConfigError(
                f"DISCORD_PUBLIC_KEY is not this application's public key ({PORTAL} → Public Key)"
            )
        public_url = self.app.services.settings.public_url
        for problem in endpoint_problems(
            self.settings, application.interactions_endpoint_url, verify_key, public_url
        ):
            if not problem.startswith("DISCORD_PUBLIC_KEY"):
                log.warning("Discord: %s", problem)

    async def _login(self) -> None:
        try:
            await _login(self.client, self.settings.token)
        except BaseException:
            # A failed login leaves an HTTP session open; the next try starts with a fresh client.
            await self.client.close()
            self.client = self._new_client()
            raise

    async def close(self) -> None:
        # Commands still running finish, and their answers go out, before the sessions close.
        await self.answerer.close()
        await self.interactions.close()
        if self._follow_ups:
            await asyncio.wait(list(self._follow_ups), timeout=5.0)
        await self.client.close()
        await self.webhooks.close()
        if self._gateway is not None:
            with contextlib.suppress(Exception, asyncio.CancelledError):
                await asyncio.wait_for(self._gateway, 5.0)
            self._gateway = None

    def _warn_of_other_servers(self) -> None:
        allowed = self.settings.roles.guilds
        others = sorted(g.id for g in self.client.guilds if g.id not in allowed)
        if allowed and others:
            log.warning(
                "Discord: the bot is also in %d server(s) not in [discord] allowed_guilds (%s); it acts in "
                "none of them. Remove it there, and switch off Public Bot in the Developer Portal",
                len(others),
                ", ".join(str(g) for g in others[:5]) + (", ..." if len(others) > 5 else ""),
            )

    async def _until_ready(self, gateway: asyncio.Task[None]) -> None:
        ready = asyncio.ensure_future(self.client.wait_until_ready())
        done, _ = await asyncio.wait(
            {ready, gateway}, timeout=READY_TIMEOUT, return_when=asyncio.FIRST_COMPLETED
        )
        if ready in done:
            return
        ready.cancel()
        if gateway in done and gateway.exception() is not None:
            raise PlatformUnavailable(f"Discord gateway: {gateway.exception()}")
        raise PlatformUnavailable(f"Discord gateway not ready after {READY_TIMEOUT:.0f} s")


async def _login(client: discord.Client, token: str) -> None:
    try:
        await client.login(token)
    except discord.LoginFailure as refusal:
        # discord.py reads any 401 as a refused token; a proxy's 401 page is no answer from Discord.
        if isinstance(refusal.__cause__, discord.HTTPException) and _is_page(refusal.__cause__):
            raise refusal.__cause__ from None
        raise ConfigError("Discord refused DISCORD_TOKEN") from None
    except discord.HTTPException as error:
        if _is_refusal(error):
            # Discord's own JSON refusal (a 403 or 404 for /users/@me): retrying cannot help.
            raise PlatformUnavailable(
                f"Discord refused to log in ({_answer(error)}); check [discord] api_base and DISCORD_TOKEN"
            ) from None
        raise


async def synced(client: discord.Client, registry: Registry, settings: DiscordSettings) -> int:
    """`sync_commands` at start-up: a page or a 5xx retried, Discord's refusal one line."""

    async def attempt() -> int:
        try:
            return await sync_commands(client, registry, settings.guild_id)
        except discord.HTTPException as error:
            if _is_refusal(error):
                where = f"server {settings.guild_id}" if settings.guild_id else "every server"
                raise ConfigError(
                    f"Discord refused the commands for {where} ({_answer(error)}); check [discord]"
                    " guild_id and that the bot is in that server"
                ) from None
            raise

    return await with_retries("Discord", attempt, start_failure, settings.start_retry)


def _is_refusal(error: discord.HTTPException) -> bool:
    """Discord's own answer that retrying will not change (a 4xx in its JSON), not a proxy's page."""
    return error.status < 500 and error.status != 429 and not _is_page(error)


def _answer(error: discord.HTTPException) -> str:
    """``HTTP 403: Missing Access``: the status and the first words of the answer, on one line."""
    detail = " ".join(str(error.text).split())[:80]
    return f"HTTP {error.status}" + (f": {detail}" if detail else "")


def _is_page(error: discord.HTTPException) -> bool:
    """An HTML page (a CDN's block page, a proxy's 404, a captive portal) rather than Discord's JSON."""
    content_type = getattr(getattr(error, "response", None), "content_type", "")
    return content_type in ("text/html", "application/xhtml+xml") or looks_like_html(error.text)


def start_failure(error: BaseException) -> str | None:
    """What went wrong logging in, if retrying may help (see `bot.start_retry`).

    discord.py already waits out 500, 502, 504 and 524 a few times itself before
    raising; a 503 or a page it cannot read comes straight here. An HTML page
    is retried whatever its status: Cloudflare's 403 block page or a proxy's
    404 says nothing about Discord or the token.
    """
    if isinstance(error, discord.HTTPException):
        if _is_refusal(error):  # (a 429 without Via, a CDN's ban, is retried)
            return None
        return f"HTTP {error.status}{', an HTML page' if _is_page(error) else ''}"
    if isinstance(error, TypeError | KeyError | ValueError | AttributeError):
        # A 200 answer that is not Discord's JSON (a captive portal, a proxy's page):
        # discord.py hands the text on and fails reading fields from it.
        return f"an answer that is not Discord's JSON ({type(error).__name__})"
    if isinstance(error, aiohttp.ClientError | OSError | TimeoutError):
        return f"no connection: {type(error).__name__}"
    return None


def _report_stop(task: asyncio.Task[None]) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.error("Discord connection stopped: %s", task.exception())


async def sync_commands(client: discord.Client, registry: Registry, guild_id: int | None) -> int:
    """Overwrite the application's commands with the registry's; returns how many Discord holds now.

    A guild's commands show up at once; global ones reach every server the bot is in.
    ``Client.http`` is discord.py's internal REST client (public ``CommandTree.sync``
    would need its own command objects), hence the discord.py pin in pyproject.toml.
    """
    payload = command_payloads(registry)
    app_id = client.application_id
    if app_id is None:
        raise RuntimeError("log in before syncing commands")
    if guild_id is not None:
        synced = await client.http.bulk_upsert_guild_commands(app_id, guild_id, payload=payload)
    else:
        synced = await client.http.bulk_upsert_global_commands(app_id, payload=payload)
    return len(synced)


async def sync_over_rest(
    settings: DiscordSettings,
    registry: Registry,
    guild_id: int | None,
    *,
    public_url: str | None = None,
    advise: Callable[[str], None] = lambda _line: None,
) -> int:
    """Sync without connecting to the gateway: log in over REST, overwrite, close.

    With `public_url`, `advise` is then told how interactions will reach the bot and what in
    the application's settings does not fit that (`modes`), one line each.
    """
    point_discord_at(settings.api_base, settings.gateway_url)
    clients: list[PicketClient] = []

    async def log_in() -> PicketClient:
        clients.append(PicketClient())
        await _login(clients[-1], settings.token)
        return clients[-1]

    try:
        client = await with_retries("Discord", log_in, start_failure, settings.start_retry)
        count = await synced(client, registry, replace(settings, guild_id=guild_id))
        if public_url is not None and client.application is not None:
            application = client.application
            advise(mode_line(settings, public_url))
            for problem in endpoint_problems(
                settings, application.interactions_endpoint_url, str(application.verify_key), public_url
            ):
                advise(f"Warning: {problem}")
        return count
    finally:
        for each in clients:
            await each.close()


async def start(app: App) -> None:
    """The `PlatformRunner` entry point: read the settings and start Discord."""
    await DiscordAdapter(app, discord_settings(app.config)).start()
