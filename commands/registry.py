"""Commands are declared once, here, and everything else is generated.

A declaration names the command's path (``("picket", "signup")``), its typed
parameters, the role it needs and its handler. Help, usage lines, Discord
option schemas, Slack usage hints and console help all read these records.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from commands.params import Param
from commands.reply import Reply
from commands.roles import Role

Handler = Callable[..., Awaitable[Reply]]
#: Turns an error from below the command layer into one the dispatcher knows how to show.
ErrorTranslator = Callable[[Exception], Exception]


@dataclass(frozen=True)
class Command:
    path: tuple[str, ...]
    description: str
    handler: Handler
    params: tuple[Param, ...] = ()
    role: Role = Role.MEMBER
    #: May take longer than a platform's 3-second window: adapters defer first.
    slow: bool = False
    #: Replies are private to the caller unless the handler says otherwise.
    ephemeral: bool = False
    examples: tuple[str, ...] = ()

    # Cached: the dispatcher and the metrics ask on every command (a frozen dataclass
    # without slots keeps cached_property's value in its instance dict).
    @functools.cached_property
    def name(self) -> str:
        return " ".join(self.path)

    @functools.cached_property
    def arguments(self) -> tuple[tuple[str, str, Any], ...]:
        """(keyword argument, parameter name, default) for each parameter, in order."""
        return tuple((p.arg_name, p.name, p.default) for p in self.params)

    @property
    def group(self) -> str:
        return self.path[0]

    def usage(self, style: str = "text") -> str:
        """``text``: as typed on Slack and the console; ``options``: as Discord's typed options."""
        parts = [f"/{self.name}", *(p.usage(style) for p in self.params)]
        return " ".join(parts)

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)


@dataclass
class Registry:
    """Every command the bot knows, by path, plus one-line group descriptions."""

    commands: dict[tuple[str, ...], Command] = field(default_factory=dict)
    groups: dict[str, str] = field(default_factory=dict)
    #: A group's command that runs when no subcommand matches (``/fact QUESTION``).
    defaults: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: Errors of these kinds (refusals from storage) become command errors, in order.
    translators: list[tuple[type[Exception], ErrorTranslator]] = field(default_factory=list)

    def translate_errors(self, kind: type[Exception], translate: ErrorTranslator) -> None:
        """Have the dispatcher answer an error of `kind` as `translate(error)` would be."""
        self.translators.append((kind, translate))

    def translated(self, error: Exception) -> Exception:
        for kind, translate in self.translators:
            if isinstance(error, kind):
                return translate(error)
        return error

    def add(self, command: Command, *, default: bool = False) -> Command:
        if command.path in self.commands:
            raise ValueError(f"command /{command.name} declared twice")
        if not 1 <= len(command.path) <= 3:
            raise ValueError(f"/{command.name}: a command path has one to three words")
        self.commands[command.path] = command
        if default:
            self.defaults[command.group] = command.path
        return command

    def describe_group(self, group: str, description: str) -> None:
        self.groups[group] = description

    def command(
        self,
        *path: str,
        description: str,
        params: tuple[Param, ...] = (),
        role: Role = Role.MEMBER,
        slow: bool = False,
        ephemeral: bool = False,
        examples: tuple[str, ...] = (),
        default: bool = False,
    ) -> Callable[[Handler], Handler]:
        """Decorator form: ``@registry.command("pay", "compare", description=...)``."""

        def register(handler: Handler) -> Handler:
            self.add(
                Command(path, description, handler, params, role, slow, ephemeral, examples),
                default=default,
            )
            return handler

        return register

    def __iter__(self) -> Iterator[Command]:
        return iter(sorted(self.commands.values(), key=lambda c: c.path))

    def in_group(self, group: str) -> list[Command]:
        return [c for c in self if c.group == group]

    def group_names(self) -> list[str]:
        return sorted({c.group for c in self.commands.values()})

    def match(self, words: list[str]) -> tuple[Command, int] | None:
        """The command whose path is the longest prefix of `words`, and its length."""
        lowered = [w.lower() for w in words[:3]]
        for length in (3, 2, 1):
            found = self.commands.get(tuple(lowered[:length]))
            if found is not None and len(lowered) >= length:
                return found, length
        if lowered and lowered[0] in self.defaults:
            return self.commands[self.defaults[lowered[0]]], 1
        return None


def handler_kwargs(command: Command, values: dict[str, Any]) -> dict[str, Any]:
    return {argument: values.get(name, default) for argument, name, default in command.arguments}
