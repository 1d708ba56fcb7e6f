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

A live post (a message with a post key) is edited with
``PATCH /channels/{channel}/messages/{message}``; a message deleted in the
meantime (Unknown Message, 10008) raises `MessageGone` and the edit is dropped.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import aiohttp
import discord

from bot.adapters.discord.render import Rendered, render_notice
from bot.delivery import DeliveryError, MessageGone
from commands.reply import buttons_from
from storage.outbox.queue import OutboundMessage, PostedRef

log = logging.getLogger("picketbot.discord")

PLATFORM = "discord"
CANNOT_DM = 50007
#: Discord's codes for a message (or its channel) that no longer exists.
UNKNOWN_MESSAGE = 10008
UNKNOWN_CHANNEL = 10003


class DiscordSender:
    platform = PLATFORM

    def __init__(self, client: discord.Client) -> None:
        self.client = client

    async def send(self, message: OutboundMessage) -> PostedRef:
        async with _delivery_errors(message):
            if message.target_kind == "channel":
                channel = self.client.get_partial_messageable(_snowflake(message.target_id))
                return await _post(channel, _rendered(message), message)
            return await self._direct(message)

    async def edit(self, where: PostedRef, message: OutboundMessage) -> None:
        """Replace a message the bot sent with `message`'s title, text, footer and buttons."""
        async with _delivery_errors(message):
            channel = self.client.get_partial_messageable(_snowflake(where.channel_id))
            sent = channel.get_partial_message(_snowflake(where.message_id))
            kwargs = _rendered(message).send_kwargs()
            kwargs.setdefault("view", None)  # no buttons now: take the old ones away
            try:
                await sent.edit(**kwargs)
            except discord.NotFound as error:
                if error.code not in (UNKNOWN_MESSAGE, UNKNOWN_CHANNEL):
                    raise
                raise MessageGone(f"message {where.message_id}: deleted (code {error.code})") from None

    async def _direct(self, message: OutboundMessage) -> PostedRef:
        user = discord.Object(_snowflake(message.target_id))
        try:
            dm = await self.client.create_dm(user)
            return await _post(dm, _rendered(message), message)
        except discord.Forbidden as error:
            if error.code != CANNOT_DM or message.fallback_channel_id is None:
                raise
            log.info("DMs closed for %s; posting in %s", message.target_id, message.fallback_channel_id)
            channel = self.client.get_partial_messageable(_snowflake(message.fallback_channel_id))
            # That one member is pinged; nothing else in the message can ping anyone.
            mention = discord.AllowedMentions(everyone=False, users=[user], roles=False, replied_user=False)
            lead = f"<@{user.id}>"
            return await _post(channel, _rendered(message, lead=lead), message, allowed_mentions=mention)


def _rendered(message: OutboundMessage, *, lead: str | None = None) -> Rendered:
    return render_notice(
        message.title, message.body, message.footer, buttons_from(message.buttons), lead=lead
    )


async def _post(
    channel: discord.abc.Messageable, rendered: Rendered, message: OutboundMessage, **extra: Any
) -> PostedRef:
    sent = await channel.send(**rendered.send_kwargs(), nonce=f"pb{message.id}", **extra)
    return PostedRef(str(sent.channel.id), str(sent.id))


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
