"""HTTP mode: ``POST /discord/interactions``, the application's Interactions Endpoint URL.

Discord signs each request with the application's key: ``X-Signature-Ed25519``
over ``X-Signature-Timestamp`` followed by the raw body. In order, before
anything runs:

1. the timestamp (ASCII digits, at most `MAX_TIMESTAMP_DIGITS`, within five
   minutes of now) and the signature, checked over the raw bytes with the
   public key (PyNaCl). Anything wrong is 401, before the body is parsed:
   Discord checks that an endpoint refuses bad signatures when the URL is
   saved, and so does anyone probing it;
2. the body: JSON, an interaction of a handled type with the fields the bot
   reads (`incoming.read_incoming`); otherwise 400;
3. replays: the interaction's id is claimed in the database
   (`storage.discord_interactions`, shared by every instance). A replayed
   signed request carries an id already claimed and is refused with 401;
   nothing runs twice.

The answer is the HTTP response itself (`answering.Answerer`): the reply, or
a deferred response whose follow-up goes to the webhook endpoint once the
response has been written. A refused request is logged without its body or
token: the token lets anyone answer in the bot's name for 15 minutes.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Awaitable, Callable, Mapping
from datetime import UTC, datetime

from aiohttp import web
from nacl.exceptions import BadSignatureError
from nacl.signing import VerifyKey

from bot.adapters.discord.answering import Answerer
from bot.adapters.discord.incoming import Unreadable, read_incoming
from bot.adapters.discord.modes import INTERACTIONS_PATH
from commands.errors import unexpected_failure
from storage import discord_interactions
from storage.database import Database

log = logging.getLogger("picketbot.discord")

#: A signature older (or newer) than this is stale (Discord's own advice: five minutes).
SIGNATURE_WINDOW_SECONDS = 300
#: Unix seconds have 10 digits until the year 2286. A longer header is no timestamp, and
#: converting it would fail (int() stops at 4300 digits), so it is refused first.
MAX_TIMESTAMP_DIGITS = 12
SIGNATURE_HEX_LENGTH = 128
_HEX = frozenset("0123456789abcdefABCDEF")

Spawn = Callable[[Awaitable[None]], None]


def verify_key(public_key: str) -> VerifyKey:
    """The application's public key (64 hexadecimal characters, as the Developer Portal shows it)."""
    return VerifyKey(bytes.fromhex(public_key))


def signed_at(key: VerifyKey, raw: bytes, headers: Mapping[str, str], now: float) -> int | None:
    """The request's timestamp if Discord signed these very bytes within the window, else None."""
    timestamp = headers.get("X-Signature-Timestamp", "")
    signature = headers.get("X-Signature-Ed25519", "")
    # isascii: int() would also read other scripts' digits, which Discord never sends.
    if not (timestamp.isascii() and timestamp.isdigit() and len(timestamp) <= MAX_TIMESTAMP_DIGITS):
        return None
    if len(signature) != SIGNATURE_HEX_LENGTH or not _HEX.issuperset(signature):
        return None
    if abs(now - int(timestamp)) > SIGNATURE_WINDOW_SECONDS:
        return None
    try:
        key.verify(timestamp.encode() + raw, bytes.fromhex(signature))
    except BadSignatureError:
        return None
    return int(timestamp)


def interactions_handler(
    answerer: Answerer,
    key: VerifyKey,
    db: Database,
    spawn: Spawn,
    *,
    clock: Callable[[], float] = time.time,
) -> Callable[[web.Request], Awaitable[web.StreamResponse]]:
    """The handler for ``POST /discord/interactions``, served on the public listener (`bot.public`)."""

    async def handle(request: web.Request) -> web.StreamResponse:
        arrived = asyncio.get_running_loop().time()
        raw = await request.read()
        now = clock()
        timestamp = signed_at(key, raw, request.headers, now)
        if timestamp is None:
            log.info("refused a request to %s: bad or stale Discord signature", INTERACTIONS_PATH)
            return web.Response(status=401, text="invalid request signature")
        try:
            incoming = read_incoming(json.loads(raw))
        except (Unreadable, ValueError) as error:  # JSON errors name a position, never the content
            log.info("refused a signed request to %s: %s", INTERACTIONS_PATH, _reason(error))
            return web.Response(status=400, text="unreadable interaction")
        try:
            if not await _first_sighting(db, incoming.id, now, timestamp):
                log.info("refused Discord interaction %s again: a replay, it already ran", incoming.id)
                return web.Response(status=401, text="interaction already received")
            first = await answerer.first(incoming, arrived, files=False)
        except Exception:
            unexpected_failure(log, "answering a Discord interaction over HTTP failed")
            return web.Response(status=500, text="server error")
        response = web.Response(body=json.dumps(first.body).encode(), content_type="application/json")
        if first.later is not None:
            # Sent before the follow-up starts: Discord takes a follow-up only after the response.
            await response.prepare(request)
            await response.write_eof()
            spawn(first.later())
        return response

    return handle


def _first_sighting(db: Database, interaction_id: str, now: float, timestamp: int) -> Awaitable[bool]:
    # Kept until the signature goes stale, after which the signature check refuses it anyway.
    expires = max(now, timestamp) + SIGNATURE_WINDOW_SECONDS
    return discord_interactions.claim(
        db, interaction_id, datetime.fromtimestamp(now, UTC), datetime.fromtimestamp(expires, UTC)
    )


def _reason(error: Exception) -> str:
    return str(error) if isinstance(error, Unreadable) else "the body is not JSON"
