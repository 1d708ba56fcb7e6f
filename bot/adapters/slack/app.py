"""The Slack adapter: slash commands and buttons in, Block Kit out, outbox posts.

`start(app)` connects and returns once Slack can reach the bot, so other
platforms start beside it on the same event loop:

- Socket Mode when ``SLACK_APP_TOKEN`` is set (no public URL needed);
- otherwise HTTP mode, ``POST /slack/events`` on the public listener
  (`bot.public`: ``[http] public_port`` / ``PICKETBOT_PUBLIC_PORT``, default
  3000, old names ``[slack] port`` / ``PICKETBOT_SLACK_PORT``), signatures
  checked with ``SLACK_SIGNING_SECRET`` (see `slack_http`).

Everything a member sees goes through the one dispatcher (`slack_listeners`)
and the one renderer (`slack_render`); roles come from `slack_roles`; the
outbox goes out through `slack_sender`. The connection closes when the App
closes (`App.closers`).
"""

from __future__ import annotations

import logging
from typing import Any

import aiohttp
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.async_app import AsyncApp
from slack_bolt.logger.messages import warning_client_prioritized_and_token_skipped
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.async_handler import AsyncRetryHandler
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncRateLimitErrorRetryHandler,
    async_default_handlers,
)
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState
from slack_sdk.web.async_client import AsyncWebClient

from bot.adapters.slack.config import SlackSettings, is_configured, slack_settings
from bot.adapters.slack.http import EVENTS_PATH, events_handler
from bot.adapters.slack.listeners import SlackListeners
from bot.adapters.slack.locales import SlackLocales
from bot.adapters.slack.roles import SlackRoles
from bot.adapters.slack.sender import SlackSender
from bot.app import App
from bot.config.loading import ConfigError
from bot.start_retry import with_retries

log = logging.getLogger("picketbot.slack")

__all__ = ["SlackAdapter", "build_bolt_app", "build_client", "is_configured", "start"]

#: Rate limits up to this long are waited out inside the call; longer ones go back to the outbox.
MAX_INLINE_RETRY_AFTER = 5


class ShortRateLimitRetry(AsyncRateLimitErrorRetryHandler):
    """Retry a 429 after its Retry-After, but only a short one.

    One delivery worker serves every platform: sleeping a minute on Slack's
    word would hold back Discord's posts too. A longer wait surfaces as a
    429 error, which the sender turns into ``DeliveryError(retry_after=...)``.
    """

    async def _can_retry_async(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> bool:
        if response is None or response.status_code != 429:
            return False
        values = {k.lower(): v for k, v in response.headers.items()}.get("retry-after") or ["1"]
        wait = values[0] if isinstance(values, list) else values
        return str(wait).isdigit() and int(wait) <= MAX_INLINE_RETRY_AFTER


def build_client(settings: SlackSettings) -> AsyncWebClient:
    # Bolt copies these retry handlers into the client each listener gets.
    handlers: list[AsyncRetryHandler] = [*async_default_handlers(), ShortRateLimitRetry(max_retry_count=2)]
    return AsyncWebClient(token=settings.bot_token, base_url=settings.api_url, retry_handlers=handlers)


class _DropUnusedTokenNotice(logging.Filter):
    """bolt warns that SLACK_BOT_TOKEN from the environment is unused when given a client:
    true, harmless, and alarming to read at every start."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.getMessage() != warning_client_prioritized_and_token_skipped()


def bolt_logger() -> logging.Logger:
    """The base logger for bolt.

    Without one, bolt sets each of its loggers to the root's level, so its INFO
    chatter (and request bodies when a signature check fails) would show despite
    `bot.logs` quieting "slack_bolt". Handed a base logger, bolt copies its level
    and filters instead.
    """
    logger = logging.getLogger("slack_bolt")
    if not any(isinstance(f, _DropUnusedTokenNotice) for f in logger.filters):
        logger.addFilter(_DropUnusedTokenNotice())
    return logger


def build_bolt_app(settings: SlackSettings, client: AsyncWebClient) -> AsyncApp:
    return AsyncApp(
        client=client,
        logger=bolt_logger(),
        # HTTP requests are verified by slack_http before bolt sees them (bolt would
        # misread some bodies); Socket Mode needs no signature.
        signing_secret=settings.signing_secret or "",
        request_verification_enabled=False,
    )


class SlackAdapter:
    def __init__(self, settings: SlackSettings) -> None:
        self.settings = settings
        self.client = build_client(settings)
        self.bolt = build_bolt_app(settings, self.client)
        #: The port HTTP mode listens on (useful when configured as 0: any free port).
        self.port: int | None = None
        self._socket: AsyncSocketModeHandler | None = None

    async def start(self, app: App) -> None:
        """Connect, register the outbox sender, and return once Slack can reach the bot."""
        identity = await self._check_token()
        who = f"@{identity.get('user', '?')} in {identity.get('team', '?')}"
        team_id = self.settings.team_id or str(identity.get("team_id") or "")
        if not team_id:
            raise ConfigError(
                "Slack did not say which workspace the bot token belongs to: set [slack] team_id"
            )
        if self.settings.team_id and identity.get("team_id") != self.settings.team_id:
            log.warning(
                "Slack: the bot token belongs to workspace %s, not [slack] team_id %s: every request "
                "from the token's workspace will be refused",
                identity.get("team_id"),
                self.settings.team_id,
            )
        roles = SlackRoles(self.client, self.settings.roles)
        locales = SlackLocales(self.client)
        SlackListeners(app.dispatcher, roles, team_id, locales).register(self.bolt)
        app.closers.append(self.close)  # before connecting: a half-done start is cleaned up too
        if self.settings.mode == "socket":
            await self._connect_socket()
        else:
            await self._serve_http(app)
        app.add_sender(SlackSender(self.client))
        where = "Socket Mode" if self._socket else f"HTTP mode on port {self.port}"
        log.info("Slack: connected as %s, %s", who, where)

    async def close(self) -> None:
        if self._socket is not None:
            await self._socket.close_async()  # type: ignore[no-untyped-call]
            self._socket = None

    async def _check_token(self) -> dict[str, Any]:
        """Fail at start, in one line, on a token Slack refuses (rather than on every command).

        Slack being down (5xx, an HTML page) is retried first (`bot.start_retry`).
        """
        try:
            response = await with_retries(
                "Slack", self.client.auth_test, start_failure, self.settings.start_retry
            )
        except SlackApiError as error:
            raise ConfigError(f"Slack refused SLACK_BOT_TOKEN ({_error_code(error)})") from None
        return dict(response.data) if isinstance(response.data, dict) else {}

    async def _connect_socket(self) -> None:
        # The socket client retries a refused token forever; ask once first, so a wrong
        # SLACK_APP_TOKEN stops the start with one line. The URL it hands out is then used.
        app_token = self.settings.app_token
        assert app_token is not None  # Socket Mode is chosen by its presence

        async def open_connection() -> str:
            return str((await self.client.apps_connections_open(app_token=app_token))["url"])

        try:
            url = await with_retries("Slack", open_connection, start_failure, self.settings.start_retry)
        except SlackApiError as error:
            raise ConfigError(f"Slack refused SLACK_APP_TOKEN ({_error_code(error)})") from None
        # Built here, inside the running loop, as the handler binds to the current loop.
        self._socket = AsyncSocketModeHandler(self.bolt, app_token)
        self._socket.client.wss_uri = str(url)
        await self._socket.connect_async()  # type: ignore[no-untyped-call]

    async def _serve_http(self, app: App) -> None:
        """Serve ``POST /slack/events`` on the public listener, started now (it closes with the App)."""
        assert self.settings.signing_secret is not None  # slack_settings refuses HTTP mode without it
        listener = app.public_listener()
        listener.add_route(
            "POST", EVENTS_PATH, events_handler(self.bolt, self.settings.signing_secret, app.db)
        )
        self.port = await listener.start()


def start_failure(error: BaseException) -> str | None:
    """What went wrong asking Slack at start, if retrying may help (see `bot.start_retry`)."""
    if isinstance(error, SlackApiError):
        response = error.response
        status = int(getattr(response, "status_code", None) or getattr(response, "status", None) or 0)
        data = getattr(response, "data", None)
        if not isinstance(data, dict) or "ok" not in data:
            return f"HTTP {status}, not Slack's JSON"  # a proxy's or CDN's page
        if status >= 500 or status == 429:
            return f"HTTP {status}"
        return None  # Slack's own answer, such as invalid_auth: retrying will not help
    if isinstance(error, AttributeError | TypeError | ValueError):
        # slack_sdk reads a text/plain 200 answer as a string, then fails checking it.
        return f"an answer that is not Slack's JSON ({type(error).__name__})"
    if isinstance(error, aiohttp.ClientError | OSError | TimeoutError):
        return f"no connection: {type(error).__name__}"
    return None


def _error_code(error: SlackApiError) -> str:
    data = getattr(error.response, "data", None)
    return str(data.get("error", "unknown error")) if isinstance(data, dict) else "unknown error"


async def start(app: App) -> None:
    """The `PlatformRunner` entry point: read the settings and start Slack."""
    await SlackAdapter(slack_settings(app.config)).start(app)
