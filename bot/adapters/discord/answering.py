"""Answer Discord interactions: slash commands, button clicks, autocomplete, PING.

This is the one place that knows how to answer, for interactions that came
over HTTP and over the gateway alike. `Answerer.first` gives the first
response, which the transport delivers (as the HTTP response, or POSTed to
the callback endpoint), and, when the answer is not ready yet, the work that
follows it up once that response is in.

Discord allows 3 seconds from the interaction reaching the bot to its first
response. The command starts at once, as a task, and the first response
waits for it at most until `DEFER_AFTER_SECONDS` after the interaction
*arrived* (not after it was read, nor after other clicks' work), then:

- the answer, when it is ready;
- otherwise a deferred response — "thinking…" (type 5) for a command, a
  silent acknowledgement (type 6) for a click — and the answer as a
  follow-up when the command finishes. A command declared ``slow`` is
  deferred at once.

Whether "thinking…" is private is decided when deferring (Discord keeps it
for the first follow-up), from the command's declaration; a private answer
to a public defer deletes the placeholder and follows up privately, so an
error never shows to the whole channel. Button clicks are answered privately.

Nothing here raises to the transport: a failed command is one line
(`commands.errors.unexpected_failure`), a refused person the one line of
`bot.adapters.access`, and errors sending a follow-up are logged.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import aiohttp

from bot.adapters.access import FOREIGN_ORGANIZATION
from bot.adapters.discord import wire
from bot.adapters.discord.autocomplete import Choice, choices_for, matching_choices
from bot.adapters.discord.config import RoleSettings
from bot.adapters.discord.incoming import AUTOCOMPLETE, PING, Incoming
from bot.adapters.discord.membership import ServerMembership
from bot.adapters.discord.options import read_invocation
from bot.adapters.discord.roles import PLATFORM, NamesOf, actor_for, channel_for
from bot.adapters.discord.webhooks import AnswerFailed, Webhooks
from commands.context import Actor
from commands.dispatcher import Dispatcher
from commands.errors import unexpected_failure
from commands.i18n import _, speaking
from commands.registry import Command
from commands.reply import Attachment, Reply

log = logging.getLogger("picketbot.discord")

#: From an interaction's arrival to its first response, at most: Discord allows 3 s, and the
#: response still has to travel.
DEFER_AFTER_SECONDS = 2.0
#: Sending an answer failed: logged, and the member is not told twice.
#: How long closing waits for commands still running.
CLOSE_WAIT_SECONDS = 5.0
ANSWER_ERRORS = (AnswerFailed, aiohttp.ClientError, TimeoutError, OSError)


@dataclass(frozen=True, slots=True)
class First:
    """The first response to an interaction, and what follows it once it is in."""

    body: wire.Json
    #: A file that goes with `body` (only where files may go: the gateway's callback).
    attachment: Attachment | None = None
    later: Callable[[], Awaitable[None]] | None = None


class Answerer:
    def __init__(
        self,
        dispatcher: Dispatcher,
        roles: RoleSettings,
        webhooks: Webhooks,
        names_of: NamesOf,
        *,
        membership: ServerMembership | None = None,
        defer_after: float = DEFER_AFTER_SECONDS,
    ) -> None:
        self.dispatcher = dispatcher
        self.roles = roles
        self.webhooks = webhooks
        self.names_of = names_of
        #: Who is served in a DM; None when no server is the union's (then everyone is a member).
        self.membership = membership
        self.defer_after = defer_after
        #: Commands still running (kept here so none is dropped; `close` lets them finish).
        self._running: set[asyncio.Future[Reply]] = set()

    async def close(self) -> None:
        """Let commands that are still running finish (their follow-ups may then go out)."""
        if self._running:
            await asyncio.wait(list(self._running), timeout=CLOSE_WAIT_SECONDS)

    async def first(
        self, incoming: Incoming, arrived: float, *, files: bool = True, delivery: float = 0.0
    ) -> First:
        """The first response, within `defer_after` less `delivery` of `arrived` (the event loop's
        clock).

        ``files``: whether it may carry a file (the gateway's callback can, an HTTP response cannot).
        ``delivery``: the part of Discord's window kept for delivering the response (the gateway's
        callback is a request of its own, which in a storm waits its turn to go out).
        """
        deadline = arrived + max(self.defer_after - delivery, 0.0)
        if incoming.kind == PING:
            return First(wire.pong())
        # The adapter's own words (a refusal, "Done.", a suggested shift's day) in the member's
        # language, as the command's.
        with speaking(self._language(incoming)):
            if incoming.kind == AUTOCOMPLETE:
                return First(wire.choices(await _by(deadline, self._choices(incoming), [])))
            return await self._run(incoming, deadline, files)

    def _language(self, incoming: Incoming) -> str:
        return self.dispatcher.language_of(PLATFORM, str(incoming.user_id), incoming.locale)

    async def _run(self, incoming: Incoming, deadline: float, files: bool) -> First:
        command = self._command(incoming)
        private = incoming.is_click
        # Started at once: the command runs while we decide how to answer.
        task = asyncio.ensure_future(self._reply(incoming, command))
        self._running.add(task)
        task.add_done_callback(self._running.discard)
        if command is None or not command.slow:
            if not task.done():
                await asyncio.wait((task,), timeout=max(deadline - _now(), 0.0))
            if task.done():
                reply = task.result()
                if reply.attachment is None or files:
                    return First(wire.message(wire.message_data(reply, private=private)), reply.attachment)
        hidden = private or (command is not None and command.ephemeral)
        if task.done():  # a file, which only a follow-up can carry here
            hidden = hidden or task.result().ephemeral
        body = wire.deferred_click() if incoming.is_click else wire.deferred(private=hidden)
        return First(body, later=lambda: self._follow_up(incoming, task, deferred_private=hidden))

    def _command(self, incoming: Incoming) -> Command | None:
        if incoming.is_click:
            return self.dispatcher.find(incoming.button_command())
        return self.dispatcher.registry.commands.get(read_invocation(incoming.data).path)

    async def _reply(self, incoming: Incoming, command: Command | None) -> Reply:
        """Who acts and what the command answers; never raises (the dispatcher maps errors)."""
        try:
            actor = await self._actor(incoming)
            if actor is None:
                _log_refusal(incoming)
                return Reply.error(_(FOREIGN_ORGANIZATION))
            channel = channel_for(incoming)
            if incoming.is_click:
                return await self.dispatcher.handle_action(actor, channel, incoming.custom_id)
            invocation = read_invocation(incoming.data)
            return await self.dispatcher.invoke(actor, channel, invocation.path, invocation.options)
        except Exception:
            name = command.name if command else "?"
            return Reply.error(unexpected_failure(log, "Discord command /%s failed", name))

    async def _actor(self, incoming: Incoming) -> Actor | None:
        """Who acts; None for someone the bot does not serve (another server, a DM from an outsider)."""
        actor = await actor_for(self.roles, incoming, self.names_of)
        if actor is None or self.membership is None:
            return actor
        if incoming.guild_id is not None:
            self.membership.seen_in_server(incoming.user_id)  # actor_for let it through: the union's
            return actor
        return actor if await self.membership.is_member(incoming.user_id) else None

    async def _choices(self, incoming: Incoming) -> list[Choice]:
        try:
            if await self._actor(incoming) is None:
                _log_refusal(incoming)
                return []
            invocation = read_invocation(incoming.data)
            command = self.dispatcher.registry.commands.get(invocation.path)
            param = command.param(invocation.focused) if command and invocation.focused else None
            typed = str(invocation.options.get(param.name, "")) if param else ""
            if param is not None and param.autocomplete:
                services = self.dispatcher.services
                choices = await choices_for(param.autocomplete, services.db, typed, services.clock())
                if (
                    param.kind == "text"
                ):  # a string option (a shift number or a check-in code) takes text values
                    choices = [{**c, "value": str(c["value"])} for c in choices]
                return choices
            if param is not None and param.choices:
                # More fixed choices than Discord lists at once: offer those that match.
                return matching_choices(param.choices, typed)
        except Exception:
            unexpected_failure(log, "Discord suggestions failed")
        return []

    async def _follow_up(
        self, incoming: Incoming, task: asyncio.Future[Reply], *, deferred_private: bool
    ) -> None:
        reply = await task
        wanted_private = incoming.is_click or reply.ephemeral
        with speaking(self._language(incoming)):
            await self._send_follow_up(incoming, reply, wanted_private, deferred_private)

    async def _send_follow_up(
        self, incoming: Incoming, reply: Reply, wanted_private: bool, deferred_private: bool
    ) -> None:
        try:
            if wanted_private and not deferred_private and not incoming.is_click:
                # The first follow-up would take the public placeholder's place, and stay public.
                await self.webhooks.delete_original(incoming)
            data = wire.message_data(reply, private=wanted_private)
            await self.webhooks.follow_up(incoming, data, reply.attachment)
        except ANSWER_ERRORS as error:
            log.warning("could not follow up a Discord interaction: %s", describe(error))


async def _by(deadline: float, work: Awaitable[list[Choice]], otherwise: list[Choice]) -> list[Choice]:
    """`work`'s result if it is ready by `deadline`, else `otherwise` (and the work is dropped)."""
    try:
        return await asyncio.wait_for(work, max(deadline - _now(), 0.0))
    except TimeoutError:
        return otherwise


def _now() -> float:
    return asyncio.get_running_loop().time()


def _log_refusal(incoming: Incoming) -> None:
    """From a server that is not the union's, or a DM from someone in none of its servers:
    one line (no suggestions), nothing run or written."""
    if incoming.guild_id is None:
        log.info(
            "refused a Discord DM from user %s (a member of no server in [discord] allowed_guilds)",
            incoming.user_id,
        )
    else:
        log.info(
            "refused a Discord interaction from server %s (not in [discord] allowed_guilds)",
            incoming.guild_id,
        )


def describe(error: BaseException) -> str:
    return str(error) if isinstance(error, AnswerFailed) else type(error).__name__
