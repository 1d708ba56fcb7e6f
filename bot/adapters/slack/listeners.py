"""Bolt listeners: slash commands and ``pb:`` button clicks, both into the one dispatcher.

Slack gives an app 3 seconds to acknowledge. Every listener acks first (with
"working…" for commands declared slow, so the member sees something), then
runs the command and answers through the request's response_url.

Only the union's own workspace is served (`bot.adapters.access`): a request
whose user belongs to another team gets one line and runs nothing. In a Slack
Connect channel the user's own team counts (``user.team_id`` of a click),
not the team whose channel it is.
"""

from __future__ import annotations

import logging
import re
from typing import Any

import aiohttp
from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond
from slack_sdk.errors import SlackClientError

from bot.adapters.access import FOREIGN_ORGANIZATION
from bot.adapters.slack.locales import SlackLocales
from bot.adapters.slack.render import render_reply, unescape
from bot.adapters.slack.roles import PLATFORM, SlackRoles
from commands.context import Channel
from commands.dispatcher import Dispatcher
from commands.i18n import N_, _, in_language, speaking
from commands.reply import ACTION_PREFIX, Reply

log = logging.getLogger("picketbot.slack")

#: The slash commands the app manifest declares (one per command group).
SLASH_COMMANDS = ("picket", "fact", "pay", "jobs", "help", "link", "lang")
WORKING = N_("working…")


class SlackListeners:
    def __init__(
        self, dispatcher: Dispatcher, roles: SlackRoles, team_id: str, locales: SlackLocales | None = None
    ) -> None:
        self.dispatcher = dispatcher
        self.roles = roles
        #: Members' Slack locales (users.info); None: every member reads [bot] language or /lang's.
        self.locales = locales
        #: The union's workspace: the only one whose members the bot acts for.
        self.team_id = team_id

    def register(self, bolt: AsyncApp) -> None:
        # Any slash command routed to this app, so one it doesn't know still gets an answer.
        bolt.command(re.compile(r"^/"))(self.on_command)
        bolt.action(re.compile("^" + re.escape(ACTION_PREFIX)))(self.on_button)

    async def on_command(self, ack: AsyncAck, respond: AsyncRespond, command: dict[str, Any]) -> None:
        # Slack escapes &, < and > in what was typed; the command layer wants the text itself.
        user_id = str(command.get("user_id", ""))
        if not self._ours(command.get("team_id"), "a slash command"):
            with speaking(self._language(user_id, None)):  # an outsider: no users.info for them
                await ack(text=_(FOREIGN_ORGANIZATION))
            return
        line = f"{command.get('command', '')} {unescape(str(command.get('text', '')))}".strip()
        found = self.dispatcher.find(line)
        if found is not None and found.slow:
            # Acknowledged at once: the locale only if it is known already.
            with speaking(self._language(user_id, self._cached_locale(user_id))):
                await ack(text=_(WORKING))
        else:
            await ack()
        locale = await self._locale(user_id)
        actor = await self.roles.actor(user_id, str(command.get("user_name") or user_id), locale)
        channel = Channel(PLATFORM, str(command.get("channel_id", "")), str(command.get("channel_name", "")))
        reply = await self.dispatcher.handle_text(actor, channel, line)
        with speaking(self._language(user_id, locale)):
            await _answer(respond, reply, what=found.name if found else "unknown command")

    async def on_button(
        self, ack: AsyncAck, respond: AsyncRespond, body: dict[str, Any], action: dict[str, Any]
    ) -> None:
        await ack()
        user = body.get("user") or {}
        user_id = str(user.get("id", ""))
        if not self._ours(user.get("team_id") or (body.get("team") or {}).get("id"), "a button click"):
            refusal = in_language(self._language(user_id, None), FOREIGN_ORGANIZATION)
            await _respond(respond, "a refusal", text=refusal, response_type="ephemeral")
            return
        locale = await self._locale(user_id)
        actor = await self.roles.actor(
            user_id, str(user.get("username") or user.get("name") or user_id), locale
        )
        action_id = str(action.get("action_id", ""))
        reply = await self.dispatcher.handle_action(actor, _channel_of(body), action_id)
        # The answer is for the one who clicked, never a change to the shared post.
        with speaking(self._language(user_id, locale)):
            await _answer(respond, reply, what="button", ephemeral=True)

    def _language(self, user_id: str, locale: str | None) -> str:
        return self.dispatcher.language_of(PLATFORM, user_id, locale)

    def _cached_locale(self, user_id: str) -> str | None:
        return self.locales.cached(user_id) if self.locales is not None else None

    async def _locale(self, user_id: str) -> str | None:
        return await self.locales.locale_of(user_id) if self.locales is not None and user_id else None

    def _ours(self, team: object, what: str) -> bool:
        if team == self.team_id:
            return True
        log.info("refused %s from Slack workspace %s (not [slack] team_id)", what, str(team)[:20])
        return False


async def _answer(respond: AsyncRespond, reply: Reply, *, what: str, ephemeral: bool | None = None) -> None:
    private = reply.ephemeral if ephemeral is None else ephemeral
    rendered = render_reply(reply)
    await _respond(
        respond,
        what,
        text=rendered.text,
        blocks=rendered.blocks,
        response_type="ephemeral" if private else "in_channel",
        unfurl_links=False,
        unfurl_media=False,
    )


async def _respond(respond: AsyncRespond, what: str, **message: Any) -> None:
    """Post to the request's response_url; a failure is one log line, never a traceback."""
    try:
        response = await respond(**message, replace_original=False)
    except (aiohttp.ClientError, TimeoutError, SlackClientError) as error:
        log.warning("could not send the answer to %s to Slack (%s)", what, type(error).__name__)
        return
    # respond() reports failure only through the status; the body may echo our text, so not logged.
    if response.status_code != 200:
        log.warning("Slack refused the answer to %s (HTTP %s)", what, response.status_code)


def _channel_of(body: dict[str, Any]) -> Channel:
    channel = body.get("channel") or {}
    container = body.get("container") or {}
    channel_id = str(channel.get("id") or container.get("channel_id") or "")
    return Channel(PLATFORM, channel_id, str(channel.get("name", "")))
