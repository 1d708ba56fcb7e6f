"""The one path every command takes: parse, check permission, run, map errors.

Adapters hand over a chat line (Slack, console), typed options (Discord) or
a button id; they get back a `Reply` and never see an exception.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any

from commands.binding import bind_tokens, convert_all
from commands.context import Actor, Channel, Context, Services
from commands.errors import CommandError, PermissionDenied, UsageError, unexpected_failure
from commands.help import closest_command, group_listing, usage_style
from commands.i18n import SPEAKING, _, language_for, speaking
from commands.linked_roles import linked_role
from commands.registry import Command, Registry, handler_kwargs
from commands.reply import Reply, command_from_action_id
from commands.roles import AND_UP
from commands.tokens import Token, tokenize

log = logging.getLogger("picketbot.commands")

#: Called after every command: (command or None, seconds, outcome).
Observer = Callable[[Command | None, float, str], None]

MAX_LINE = 12_000
#: Parsed lines remembered for reuse (see `Dispatcher._parse`), and the longest one kept
#: (button lines are short; a long question is not worth the memory).
REMEMBERED_LINES = 1_024
REMEMBERED_LENGTH = 200


class Dispatcher:
    def __init__(self, registry: Registry, services: Services) -> None:
        self.registry = registry
        self.services = services
        self.observers: list[Observer] = []
        self._parsed: dict[str, tuple[Command, dict[str, Any]]] = {}

    def find(self, line: str) -> Command | None:
        """The command a chat line names, without running it (adapters use it to defer)."""
        words = line.strip().lstrip("/").split()[:3]
        found = self.registry.match(words)
        return found[0] if found else None

    async def handle_text(self, actor: Actor, channel: Channel, line: str) -> Reply:
        """Run a command typed as text: ``/picket signup 42`` (the slash is optional)."""
        started = time.perf_counter()
        languages = self.services.languages
        if languages.clock() >= languages.fresh_until:  # once in 30 s at most: members' /lang choices
            await languages.refresh(self.services.db)
        # Inline, not `_language`: a sign-up storm pays for every call. With no choice made by
        # anyone and no locale from the platform (the usual case), it is `[bot] language`.
        if actor.locale is None and not languages.chosen:
            language = self.services.settings.language
        else:
            language = self._language(actor)
        # Spoken from here to the reply, error replies included. Set and reset by hand, not with
        # `speaking` in a helper coroutine: a sign-up storm pays for every frame and generator.
        spoken = SPEAKING.set(language)
        command: Command | None = None
        try:
            if len(line) > MAX_LINE:
                raise UsageError(
                    _("that command is too long ({length} characters)").format(length=f"{len(line):,}")
                )
            context = self._context(actor, channel, language)
            stripped = line.strip().removeprefix("/")
            group = self._bare_group(stripped)
            if group is not None:  # "/picket" alone: its commands, not "unknown command"
                reply = group_listing(self.registry, group, usage_style(context))
            else:
                try:
                    command, values = self._parse(stripped, actor, context)
                    # Awaited here, not in a helper: one coroutine frame fewer on every command.
                    reply = await command.handler(context, **handler_kwargs(command, values))
                except PermissionDenied as denied:
                    raised = await self._with_linked_role(context, denied)
                    command, values = self._parse(stripped, raised.actor, raised)
                    reply = await command.handler(raised, **handler_kwargs(command, values))
                reply = self._private_if_declared(command, reply)
        except Exception as error:  # one place turns every failure into one line
            reply = self._error_reply(error, command)
        finally:
            SPEAKING.reset(spoken)
        self._observe(command, started, reply)
        return reply

    def _parse(self, line: str, actor: Actor, context: Context) -> tuple[Command, dict[str, Any]]:
        """The command a line names and its typed values, once the actor may run it.

        A line whose values do not depend on the clock is remembered: when a
        shift is announced, hundreds of members click the same button and send
        the same line, and it is tokenized, matched and bound once.
        """
        remembered = self._parsed.get(line)
        if remembered is not None:
            self._check_role(remembered[0], actor)
            return remembered
        tokens = tokenize(line)
        found = self.registry.match(_leading_words(tokens))
        if found is None:
            raise UsageError(self._unknown([t.text for t in tokens[:3]]))
        command, length = found
        self._check_role(command, actor)
        values = bind_tokens(command, tokens[length:], context.tz, context.now)
        if len(line) <= REMEMBERED_LENGTH and not any(p.depends_on_time for p in command.params):
            if len(self._parsed) >= REMEMBERED_LINES:
                del self._parsed[next(iter(self._parsed))]  # the oldest
            self._parsed[line] = (command, values)
        return command, values

    async def invoke(
        self, actor: Actor, channel: Channel, path: tuple[str, ...], options: Mapping[str, Any]
    ) -> Reply:
        """Run a command from a platform's typed options (Discord slash commands)."""
        started = time.perf_counter()
        command = self.registry.commands.get(path)
        if self.services.languages.stale():
            await self.services.languages.refresh(self.services.db)
        language = self._language(actor)
        with speaking(language):
            reply = await self._run_options(actor, channel, path, command, options, language)
        self._observe(command, started, reply)
        return reply

    async def _run_options(
        self,
        actor: Actor,
        channel: Channel,
        path: tuple[str, ...],
        command: Command | None,
        options: Mapping[str, Any],
        language: str,
    ) -> Reply:
        try:
            if command is None:
                raise UsageError(_("unknown command /{typed}").format(typed=" ".join(path)))
            context = self._context(actor, channel, language)
            raw = {k: str(v) for k, v in options.items() if v is not None}
            try:
                reply = await self._invoke_as(command, context, raw)
            except PermissionDenied as denied:
                reply = await self._invoke_as(command, await self._with_linked_role(context, denied), raw)
            reply = self._private_if_declared(command, reply)
        except Exception as error:
            reply = self._error_reply(error, command)
        return reply

    async def handle_action(self, actor: Actor, channel: Channel, action_id: str) -> Reply:
        """Run the command a button stands for."""
        line = command_from_action_id(action_id)
        if line is None:
            return Reply.error(_("That button is not one of picketbot's."))
        return await self.handle_text(actor, channel, line)

    async def _invoke_as(self, command: Command, context: Context, raw: dict[str, str]) -> Reply:
        self._check_role(command, context.actor)
        values = convert_all(command, raw, context.tz, context.now)
        return await command.handler(context, **handler_kwargs(command, values))

    async def _with_linked_role(self, context: Context, denied: PermissionDenied) -> Context:
        """The context again with the higher role of the actor's linked accounts (/link).

        Asked only when a command was refused for the role: a command that is
        allowed costs nothing more. A refusal comes before anything is written,
        so running the command again is safe. With no higher role, the refusal stands.
        """
        role = await linked_role(context.db, context.actor, context.now)
        if role <= context.actor.role:
            raise denied
        return replace(context, actor=replace(context.actor, role=role), platform_role=context.actor.role)

    def _context(self, actor: Actor, channel: Channel, language: str) -> Context:
        return Context(actor, channel, self.services, self.services.clock(), self.registry, language=language)

    def _language(self, actor: Actor) -> str:
        return self.language_of(actor.platform, actor.user_id, actor.locale)

    def language_of(self, platform: str, user_id: str, locale: str | None) -> str:
        """The language an account is answered in: the one its person chose (/lang), else its
        platform's locale when we speak it, else ``[bot] language``. No query: the choices are in
        memory. Adapters ask it for their own words (a refusal, "working…")."""
        chosen = self.services.languages.of(platform, user_id)
        if chosen is None and locale is None:  # the usual case, asked on every command
            return self.services.settings.language
        return language_for(chosen) or language_for(locale) or self.services.settings.language

    @staticmethod
    def _check_role(command: Command, actor: Actor) -> None:
        if actor.role < command.role:
            raise PermissionDenied(_(AND_UP[command.role]).format(command=command.name))

    @staticmethod
    def _private_if_declared(command: Command, reply: Reply) -> Reply:
        return replace(reply, ephemeral=True) if command.ephemeral and not reply.ephemeral else reply

    def _bare_group(self, line: str) -> str | None:
        """The group a line names alone (``picket``), when that is not itself a command."""
        word = line.lower()
        if " " in word or (word,) in self.registry.commands or not self.registry.in_group(word):
            return None
        return word

    def _unknown(self, words: list[str]) -> str:
        """``unknown command /picket sigup. Did you mean /picket signup ID [AS]?``, or the groups."""
        guess = closest_command(self.registry, words)
        group = words[0].lower() if words and self.registry.in_group(words[0].lower()) else None
        typed = " ".join(words[: guess.words if guess else 2 if group else 1])[:40]
        if guess is not None:
            return _("unknown command /{typed}. Did you mean {usage}? (/{group} lists its commands)").format(
                typed=typed, usage=guess.usage, group=guess.group
            )
        if group is not None:
            return _("unknown command /{typed}. Type /{group} for its commands, or /help.").format(
                typed=typed, group=group
            )
        groups = ", ".join(f"/{g}" for g in self.registry.group_names())
        return _("unknown command /{typed}. Try /help (commands: {groups}).").format(
            typed=typed, groups=groups
        )

    def _error_reply(self, error: Exception, command: Command | None) -> Reply:
        error = self.registry.translated(error)
        if isinstance(error, UsageError):
            usage = error.usage or (command.usage() if command else None)
            shown = _("{message}\nUsage: {usage}").format(message=error, usage=usage) if usage else str(error)
            return Reply.error(shown)
        if isinstance(error, CommandError):
            return Reply.error(str(error))
        return Reply.error(unexpected_failure(log, "command /%s failed", command.name if command else "?"))

    def _observe(self, command: Command | None, started: float, reply: Reply) -> None:
        outcome = "error" if reply.is_error else "ok"
        for observer in self.observers:
            observer(command, time.perf_counter() - started, outcome)


def _leading_words(tokens: list[Token]) -> list[str]:
    """The plain words a command path can be read from (no options, no quotes)."""
    words: list[str] = []
    for token in tokens[:3]:
        if token.key is not None or token.quoted:
            break
        words.append(token.text)
    return words
