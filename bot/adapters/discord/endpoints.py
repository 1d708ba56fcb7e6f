"""Point discord.py at another Discord: a local fake in tests, a proxy in production.

discord.py has no per-client setting for where Discord lives. It reads two
class attributes, and this module sets exactly those two:

``discord.http.Route.BASE``
    The REST base ("https://discord.com/api/v10"). Each ``Route`` reads it
    when it is built, so every REST call made afterwards goes there: the bot's
    own calls and also interaction callbacks and webhook follow-ups, which go
    through the same ``Route`` class.

``discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY``
    The websocket URL of the first connection. A plain ``Client`` never asks
    ``GET /gateway/bot`` for it (only ``AutoShardedClient`` without a
    ``shard_count`` does, and then it uses the URL that REST call returns,
    which comes from the new REST base). Resumes go to the
    ``resume_gateway_url`` the gateway sent in READY; after an invalidated
    session the client falls back to ``DEFAULT_GATEWAY`` again, which is why
    it has to be set and not just passed once.

Both are process-wide: every client in the process follows them, and they must
be set before the client logs in. The client replaces the gateway URL's query
with its own (``v``, ``encoding``, ``compress``), so a query given here is
dropped.

Both are discord.py internals (as is ``Client.http``, which
``sync_commands`` uses), so pyproject.toml pins discord.py to the minor the
tests pass on; tests/test_fake_discord.py checks both attributes.
"""

from __future__ import annotations

import discord.gateway
import discord.http
import yarl

# The real Discord: the defaults of DISCORD_API_BASE and DISCORD_GATEWAY_URL.
from bot.config.schema import DISCORD_API_BASE, DISCORD_GATEWAY_URL

__all__ = ["DISCORD_API_BASE", "DISCORD_GATEWAY_URL", "point_discord_at", "restore_discord_endpoints"]


def point_discord_at(api_base: str, gateway_url: str) -> None:
    """Send discord.py's REST calls to ``api_base`` and its gateway to ``gateway_url``.

    ``api_base`` includes the API version path (``http://127.0.0.1:8080/api/v10``);
    ``gateway_url`` is a ``ws://`` or ``wss://`` URL. Raises ``ValueError`` on a
    URL of the wrong scheme, so a mistyped DISCORD_API_BASE or
    DISCORD_GATEWAY_URL fails at start-up rather than at the first request.
    """
    api = yarl.URL(api_base)
    gateway = yarl.URL(gateway_url)
    if api.scheme not in ("http", "https") or not api.host:
        raise ValueError(f"Discord API base must be an http(s) URL, got {api_base!r}")
    if gateway.scheme not in ("ws", "wss") or not gateway.host:
        raise ValueError(f"Discord gateway URL must be a ws(s) URL, got {gateway_url!r}")
    # Route paths start with "/", so a trailing slash here would double it.
    discord.http.Route.BASE = api_base.rstrip("/")
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = gateway


def restore_discord_endpoints() -> None:
    """Point discord.py back at the real Discord (what tests call when they finish)."""
    point_discord_at(DISCORD_API_BASE, DISCORD_GATEWAY_URL)
