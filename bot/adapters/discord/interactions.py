"""Answer Discord interactions: slash commands, button clicks, autocomplete.

This is the one place that knows how to answer. A command runs through the
dispatcher (which turns every command error into a `Reply`); the answer goes
back within Discord's 3-second window:

- a command declared ``slow`` is deferred at once and followed up;
- any other command is answered directly, unless it is still running after
  `DEFER_AFTER_SECONDS`, when it is deferred and followed up all the same.

Whether the deferred "thinking..." message is ephemeral is decided when
deferring (Discord keeps it for the first follow-up), from the command's
declaration. A private answer to a public defer deletes the placeholder and
follows up privately, so an error never shows to the whole channel.

Button clicks are always answered privately. Discord errors while answering
are logged, never raised: nothing reaches the member as a traceback.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable
from typing import Any

import aiohttp
import discord
from discord import app_commands

from bot.adapters.access import FOREIGN_ORGANIZATION
from bot.adapters.discord.autocomplete import choices_for, matching_choices
from bot.adapters.discord.config import RoleSettings
from bot.adapters.discord.membership import ServerMembership
from bot.adapters.discord.options import read_invocation
from bot.adapters.discord.render import render_reply
from bot.adapters.discord.roles import actor_for, channel_for
from commands.context import Actor
from commands.dispatcher import Dispatcher
from commands.errors import unexpected_failure
from commands.registry import Command
from commands.reply import Reply, command_from_action_id

log = logging.getLogger("picketbot.discord")

#: Discord allows 3 s for the first answer; defer a command still running after this.
DEFER_AFTER_SECONDS = 2.5
#: discord.py and network failures while answering: logged, the member is not told twice.
ANSWER_ERRORS = (discord.HTTPException, discord.ClientException, aiohttp.ClientError, TimeoutError)


class InteractionHandler:
    def __init__(
        self,
        dispatcher: Dispatcher,
        roles: RoleSettings,
        *,
        defer_after: float = DEFER_AFTER_SECONDS,
        membership: ServerMembership | None = None,
    ) -> None:
        self.dispatcher = dispatcher
        self.roles = roles
        self.defer_after = defer_after
        #: Who is served in a DM; None when no server is the union's (then everyone is a member).
        self.membership = membership

    async def handle(self, interaction: discord.Interaction) -> None:
        """Entry point for every slash command and autocomplete request."""
        kind = interaction.type
        if kind not in (discord.InteractionType.application_command, discord.InteractionType.autocomplete):
            return
        await _guarded(interaction, self._handle(interaction, kind))

    async def _handle(self, interaction: discord.Interaction, kind: discord.InteractionType) -> None:
        actor = await self._actor(interaction)
        if actor is None:
            await _refuse(interaction)
        elif kind is discord.InteractionType.application_command:
            await self._command(interaction, actor)
        else:
            await self._autocomplete(interaction)

    async def click(self, interaction: discord.Interaction, custom_id: str) -> None:
        """A click on a picketbot button: run the command its id names, answer privately."""
        await _guarded(interaction, self._handle_click(interaction, custom_id))

    async def _handle_click(self, interaction: discord.Interaction, custom_id: str) -> None:
        actor = await self._actor(interaction)
        if actor is None:
            await _refuse(interaction)
        else:
            await self._click(interaction, actor, custom_id)

    async def _actor(self, interaction: discord.Interaction) -> Actor | None:
        """Who acts; None for someone the bot does not serve (another server, a DM from an outsider)."""
        actor = actor_for(self.roles, interaction)
        if actor is None or self.membership is None:
            return actor
        if interaction.guild_id is not None:
            self.membership.seen_in_server(interaction.user.id)  # actor_for let it through: the union's
            return actor
        return actor if await self.membership.is_member(interaction.user.id) else None

    async def _click(self, interaction: discord.Interaction, actor: Actor, custom_id: str) -> None:
        command = self.dispatcher.find(command_from_action_id(custom_id) or "")
        work = self.dispatcher.handle_action(actor, channel_for(interaction), custom_id)
        await self._answer(interaction, command, work, private=True)

    async def _command(self, interaction: discord.Interaction, actor: Actor) -> None:
        invocation = read_invocation(_data(interaction))
        command = self.dispatcher.registry.commands.get(invocation.path)
        channel = channel_for(interaction)
        work = self.dispatcher.invoke(actor, channel, invocation.path, invocation.options)
        await self._answer(interaction, command, work, private=False)

    async def _answer(
        self,
        interaction: discord.Interaction,
        command: Command | None,
        work: Awaitable[Reply],
        *,
        private: bool,
    ) -> None:
        # Started at once: the command runs while we decide how to answer.
        task = asyncio.ensure_future(_never_raises(work, command))
        try:
            if command is None or not command.slow:
                done, _ = await asyncio.wait({task}, timeout=self.defer_after)
                if done:
                    await _send(interaction, task.result(), private=private)
                    return
            deferred_private = private or (command is not None and command.ephemeral)
            await interaction.response.defer(ephemeral=deferred_private, thinking=True)
            await _follow_up(interaction, await task, deferred_private=deferred_private, private=private)
        finally:
            # Whatever happened to the answer, the command's own work completes.
            await task

    async def _autocomplete(self, interaction: discord.Interaction) -> None:
        invocation = read_invocation(_data(interaction))
        command = self.dispatcher.registry.commands.get(invocation.path)
        param = command.param(invocation.focused) if command and invocation.focused else None
        choices: list[Any] = []
        typed = str(invocation.options.get(param.name, "")) if param else ""
        if param is not None and param.autocomplete:
            services = self.dispatcher.services
            choices = await choices_for(param.autocomplete, services.db, typed, services.clock())
            if param.kind == "text":  # a string option (a shift number or a check-in code) takes text values
                choices = [app_commands.Choice(name=c.name, value=str(c.value)) for c in choices]
        elif param is not None and param.choices:
            # More fixed choices than Discord lists at once: offer those that match.
            choices = matching_choices(param.choices, typed)
        await interaction.response.autocomplete(choices)


async def _refuse(interaction: discord.Interaction) -> None:
    """From a server that is not the union's, or a DM from someone in none of its servers:
    one line (no suggestions), nothing run or written."""
    if interaction.guild_id is None:
        log.info(
            "refused a Discord DM from user %s (a member of no server in [discord] allowed_guilds)",
            interaction.user.id,
        )
    else:
        log.info(
            "refused a Discord interaction from server %s (not in [discord] allowed_guilds)",
            interaction.guild_id,
        )
    if interaction.type is discord.InteractionType.autocomplete:
        await interaction.response.autocomplete([])
    else:
        await interaction.response.send_message(FOREIGN_ORGANIZATION, ephemeral=True)


async def _guarded(interaction: discord.Interaction, handling: Awaitable[None]) -> None:
    """Run one interaction's handling; whatever fails is logged, and the member gets one line."""
    try:
        await handling
    except ANSWER_ERRORS as error:
        log.warning("could not answer a Discord interaction: %s", _describe(error))
    except Exception:
        await _apologise(interaction, unexpected_failure(log, "handling a Discord interaction failed"))


async def _apologise(interaction: discord.Interaction, sorry: str) -> None:
    if interaction.response.is_done() or interaction.type is discord.InteractionType.autocomplete:
        return
    try:
        await interaction.response.send_message(sorry, ephemeral=True)
    except ANSWER_ERRORS as error:
        log.warning("could not answer a Discord interaction: %s", _describe(error))


async def _send(interaction: discord.Interaction, reply: Reply, *, private: bool) -> None:
    kwargs = render_reply(reply).send_kwargs()
    await interaction.response.send_message(**kwargs, ephemeral=private or reply.ephemeral)


async def _follow_up(
    interaction: discord.Interaction, reply: Reply, *, deferred_private: bool, private: bool
) -> None:
    wanted_private = private or reply.ephemeral
    if wanted_private and not deferred_private:
        # The first follow-up would take the public placeholder's place, and stay public.
        await interaction.delete_original_response()
    kwargs = render_reply(reply).send_kwargs()
    await interaction.followup.send(**kwargs, ephemeral=wanted_private)


async def _never_raises(work: Awaitable[Reply], command: Command | None) -> Reply:
    """The dispatcher already maps errors to replies; this is the last net under it."""
    try:
        return await work
    except Exception:
        name = command.name if command else "?"
        return Reply.error(unexpected_failure(log, "Discord command /%s failed", name))


def _data(interaction: discord.Interaction) -> dict[str, Any]:
    return dict(interaction.data or {})


def _describe(error: BaseException) -> str:
    if isinstance(error, discord.HTTPException):
        return f"{error.status} (code {error.code})"
    return type(error).__name__
