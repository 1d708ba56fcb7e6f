"""Deliver outbox messages to Discord: posts to channels, direct messages to members.

Each message carries its outbox id as the nonce (discord.py adds
``enforce_nonce``), so a resend after a crash between Discord accepting it
and the outbox marking it sent is deduplicated by Discord.

A DM the member has closed (403, code 50007) is posted in the message's
fallback channel instead, mentioning that member, and only that member.

discord.py waits out rate limits of up to `RATE_LIMIT_WAIT` seconds itself;
a longer one comes back as ``DeliveryError(retry_after=...)`` so the delivery
worker, shared by every platform, never sleeps on Discord. Server errors
retry later; a channel that is gone or forbidden (403/404) or a message
Discord refuses (400) is given up on at once.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import aiohttp
import discord

from bot.adapters.discord.render import Rendered, render_notice
from bot.delivery import DeliveryError
from commands.reply import buttons_from
from storage.outbox.queue import OutboundMessage

log = logging.getLogger("picketbot.discord")

PLATFORM = "discord"
CANNOT_DM = 50007


class DiscordSender:
    platform = PLATFORM

    def __init__(self, client: discord.Client) -> None:
        self.client = client

    async def send(self, message: OutboundMessage) -> None:
        async with _delivery_errors(message):
            if message.target_kind == "channel":
                channel = self.client.get_partial_messageable(_snowflake(message.target_id))
                await _post(channel, _rendered(message), message)
            else:
                await self._direct(message)

    async def _direct(self, message: OutboundMessage) -> None:
        user = discord.Object(_snowflake(message.target_id))
        try:
            dm = await self.client.create_dm(user)
            await _post(dm, _rendered(message), message)
        except discord.Forbidden as error:
            if error.code != CANNOT_DM or message.fallback_channel_id is None:
                raise
            log.info("DMs closed for %s; posting in %s", message.target_id, message.fallback_channel_id)
            channel = self.client.get_partial_messageable(_snowflake(message.fallback_channel_id))
            # That one member is pinged; nothing else in the message can ping anyone.
            mention = discord.AllowedMentions(everyone=False, users=[user], roles=False, replied_user=False)
            await _post(channel, _rendered(message, lead=f"<@{user.id}>"), message, allowed_mentions=mention)


def _rendered(message: OutboundMessage, *, lead: str | None = None) -> Rendered:
    return render_notice(
        message.title, message.body, message.footer, buttons_from(message.buttons), lead=lead
    )


async def _post(
    channel: discord.abc.Messageable, rendered: Rendered, message: OutboundMessage, **extra: Any
) -> None:
    await channel.send(**rendered.send_kwargs(), nonce=f"pb{message.id}", **extra)


def _snowflake(text: str) -> int:
    # The ids come from our database, but only a well-formed one may become a URL or a mention.
    if not text.isdigit() or len(text) > 20:
        raise DeliveryError(f"not a Discord id: {text[:40]!r}", permanent=True)
    return int(text)


@asynccontextmanager
async def _delivery_errors(message: OutboundMessage) -> AsyncIterator[None]:
    """Turn discord.py and network failures into DeliveryError (status and code, no body)."""
    where = f"{message.target_kind} {message.target_id}"
    try:
        yield
    except discord.RateLimited as error:
        raise DeliveryError(f"{where}: rate limited", retry_after=error.retry_after) from None
    except discord.HTTPException as error:
        permanent = error.status < 500 and error.status != 429
        raise DeliveryError(
            f"{where}: HTTP {error.status} (code {error.code})", permanent=permanent
        ) from None
    except (aiohttp.ClientError, TimeoutError, OSError) as error:
        raise DeliveryError(f"{where}: {type(error).__name__}") from None
