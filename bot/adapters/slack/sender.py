"""Deliver outbox messages to Slack: chat.postMessage to channels, DMs to members.

A DM goes through conversations.open, then chat.postMessage to the IM
channel. If that fails and the message names a fallback channel, it is posted
there instead, mentioning the member (that one mention, nothing else pings).

Short rate limits are retried inside the client (see `slack.build_client`);
a longer one is handed to the outbox as ``DeliveryError(retry_after=...)`` so
the delivery worker, shared with other platforms, never sleeps on Slack.

A live post (a message with a post key) is edited with chat.update on its
channel and ts; one deleted in the meantime (message_not_found) raises
`MessageGone` and the edit is dropped.
"""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.web.async_client import AsyncWebClient

from bot.adapters.slack.render import SlackMessage, render_outbound
from bot.delivery import DeliveryError, MessageGone
from commands.reply import buttons_from
from storage.outbox.queue import OutboundMessage, PostedRef

log = logging.getLogger("picketbot.slack")

PLATFORM = "slack"
#: Errors that no retry can fix: the message is given up on at once.
PERMANENT_ERRORS = frozenset(
    {
        "channel_not_found",
        "not_in_channel",
        "is_archived",
        "user_not_found",
        "user_disabled",
        "cannot_dm_bot",
        "invalid_blocks",
        "msg_too_long",
    }
)
#: chat.update's answers for a message (or channel) that is no longer there.
GONE_ERRORS = frozenset({"message_not_found", "channel_not_found", "is_archived"})
_USER_ID = re.compile(r"^[UW][A-Z0-9]{2,}$")


class SlackSender:
    platform = PLATFORM

    def __init__(self, client: AsyncWebClient) -> None:
        self.client = client

    async def send(self, message: OutboundMessage) -> PostedRef:
        if message.target_kind == "channel":
            return await self._post(message.target_id, _render(message))
        try:
            channel = await self._open_dm(message.target_id)
            return await self._post(channel, _render(message))
        except SlackRefused as error:
            # Only Slack's own "no" falls back; a network error or rate limit retries the DM.
            if message.fallback_channel_id is None:
                raise
            log.info(
                "DM to %s failed (%s); posting in %s", message.target_id, error, message.fallback_channel_id
            )
            return await self._post(message.fallback_channel_id, _render(message, mention=message.target_id))

    async def edit(self, where: PostedRef, message: OutboundMessage) -> None:
        """Replace a message the bot posted (chat.update) with `message`'s content."""
        rendered = _render(message)
        try:
            async with _slack_errors("chat.update"):
                await self.client.chat_update(
                    channel=where.channel_id, ts=where.message_id, text=rendered.text, blocks=rendered.blocks
                )
        except SlackRefused as error:
            if error.code in GONE_ERRORS:
                raise MessageGone(f"chat.update: {error.code}") from None
            raise

    async def _open_dm(self, user_id: str) -> str:
        async with _slack_errors("conversations.open"):
            response = await self.client.conversations_open(users=[user_id])
        return str(response["channel"]["id"])

    async def _post(self, channel: str, rendered: SlackMessage) -> PostedRef:
        async with _slack_errors("chat.postMessage"):
            response = await self.client.chat_postMessage(
                channel=channel,
                text=rendered.text,
                blocks=rendered.blocks,
                unfurl_links=False,
                unfurl_media=False,
            )
        # chat.update needs the channel's id (a DM's D… id here), not the name it was sent to.
        return PostedRef(str(response.get("channel") or channel), str(response.get("ts") or ""))


def _render(message: OutboundMessage, *, mention: str | None = None) -> SlackMessage:
    lead = None
    if mention is not None:
        # The id comes from our database, but only a well-formed id may become markup.
        if not _USER_ID.match(mention):
            raise DeliveryError(f"not a Slack user id: {mention[:40]!r}", permanent=True)
        lead = f"<@{mention}>"
    return render_outbound(
        message.title, message.body, message.footer, buttons_from(message.buttons), lead=lead
    )


class SlackRefused(DeliveryError):
    """Slack answered with an error code (as opposed to a network failure or a rate limit)."""

    def __init__(self, method: str, code: str) -> None:
        super().__init__(f"{method}: {code}", permanent=code in PERMANENT_ERRORS)
        self.code = code


@asynccontextmanager
async def _slack_errors(method: str) -> AsyncIterator[None]:
    """Turn slack_sdk and network failures into DeliveryError (the error code only, no body)."""
    try:
        yield
    except SlackApiError as error:
        raise _api_error(method, error) from None
    except (SlackClientError, aiohttp.ClientError, TimeoutError) as error:
        raise DeliveryError(f"{method}: {type(error).__name__}") from None


def _api_error(method: str, error: SlackApiError) -> DeliveryError:
    response = error.response
    code = str(response.get("error", "unknown_error"))
    if response.status_code == 429:
        return DeliveryError(f"{method}: rate limited", retry_after=_retry_after(response.headers))
    return SlackRefused(method, code)


def _retry_after(headers: Mapping[str, Any]) -> float:
    for name, value in headers.items():
        if name.lower() == "retry-after":
            try:
                return max(float(value[0] if isinstance(value, list) else value), 1.0)
            except ValueError:
                break
    return 30.0
