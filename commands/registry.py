"""Commands are declared once, on their handlers, and everything else is generated.

A declaration names the command's path (``("picket", "signup")``), its typed
parameters, the role it needs and its handler::

    picket = Commands(PICKET)

    @picket.command("signup", description="Sign up for a shift", params=(SHIFT_ID, AS))
    async def sign_up(ctx: Context, id: int, as_role: str | None = None) -> Reply: ...

Declaring checks the handler against its parameters, so a mismatch fails at
import, naming the command. `commands.catalog` gathers every module's
`Commands` into a `Registry`. Help, usage lines, Discord option schemas,
Slack usage hints and console help all read these records.
"""

from __future__ import annotations

import functools
import inspect
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

from commands.params import Param
from commands.reply import Reply
from commands.roles import Role

Handler = Callable[..., Awaitable[Reply]]
#: A handler keeps its own type through the decorator (other handlers may call it).
H = TypeVar("H", bound=Handler)
#: Turns an error from below the command layer into one the dispatcher knows how to show.
ErrorTranslator = Callable[[Exception], Exception]
#: (keyword argument, parameter name, default) for each of a command's parameters.
Arguments = tuple[tuple[str, str, Any], ...]

_PARAMETER = inspect.Parameter


class DeclarationError(ValueError):
    """A command declared so that the dispatcher could not call it as declared."""


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
    #: Worked out once from the handler's signature, which is the one home of the defaults;
    #: the dispatcher reads it on every command.
    arguments: Arguments = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "arguments", handler_arguments(self))

    # Cached: the dispatcher and the metrics ask on every command (a frozen dataclass
    # without slots keeps cached_property's value in its instance dict).
    @functools.cached_property
    def name(self) -> str:
        return " ".join(self.path)

    @property
    def group(self) -> str:
        return self.path[0]

    def usage(self, style: str = "text") -> str:
        """``text``: as typed on Slack and the console; ``options``: as Discord's typed options."""
        parts = [f"/{self.name}", *(p.usage(style) for p in self.params)]
        return " ".join(parts)

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)


def handler_arguments(command: Command) -> Arguments:
    """How the dispatcher calls `command.handler`, once its signature is checked against the params.

    The dispatcher calls ``handler(ctx, **{argument: value or default})`` with every
    declared parameter. So the handler takes the context first, then each declared
    parameter by keyword and nothing else; a required parameter has no default in the
    signature and an optional one has its default there. (A handler taking ``**kwargs``
    accepts any parameter it does not name; those default to None.)
    """
    signature = _signature(command)
    taken = list(signature.parameters.values())[1:]
    named = {q.name: q for q in taken if q.kind not in (_PARAMETER.VAR_POSITIONAL, _PARAMETER.VAR_KEYWORD)}
    takes_any = any(q.kind is _PARAMETER.VAR_KEYWORD for q in taken)
    problems = [
        f"*{q.name} takes nothing: parameters come by keyword"
        for q in taken
        if q.kind is _PARAMETER.VAR_POSITIONAL
    ]
    arguments: list[tuple[str, str, Any]] = []
    for param in command.params:
        argument = param.arg_name
        if any(argument == known for known, _, _ in arguments):
            problems.append(f"two parameters are passed as {argument}")
            continue
        found = named.pop(argument, None)
        if found is None and not takes_any:
            problems.append(f"{_shown(param)} is declared but the handler has no parameter {argument}")
        default = None if found is None else _checked_default(param, found, problems)
        arguments.append((argument, param.name, default))
    problems += [f"the handler's parameter {name} is not declared" for name in named]
    if problems:
        raise DeclarationError(
            f"/{' '.join(command.path)}: {_handler_name(command)} does not match the declared parameters: "
            + "; ".join(problems)
        )
    return tuple(arguments)


def _signature(command: Command) -> inspect.Signature:
    try:
        signature = inspect.signature(command.handler)
    except (TypeError, ValueError) as error:
        raise DeclarationError(
            f"/{' '.join(command.path)}: cannot read the handler's parameters ({error})"
        ) from None
    first = next(iter(signature.parameters.values()), None)
    if first is None or first.kind not in (
        _PARAMETER.POSITIONAL_ONLY,
        _PARAMETER.POSITIONAL_OR_KEYWORD,
        _PARAMETER.VAR_POSITIONAL,
    ):
        raise DeclarationError(
            f"/{' '.join(command.path)}: {_handler_name(command)} must take the context as its first parameter"
        )
    return signature


def _checked_default(param: Param, found: inspect.Parameter, problems: list[str]) -> Any:
    """The handler's default for `param` (None when it has none), noting any mismatch."""
    has_default = found.default is not _PARAMETER.empty
    if found.kind is _PARAMETER.POSITIONAL_ONLY:
        problems.append(f"{found.name} is positional-only, but parameters come by keyword")
    if param.required and has_default:
        problems.append(f"{_shown(param)} is required but {found.name} has a default ({found.default!r})")
    elif not param.required and not has_default:
        problems.append(f"{_shown(param)} is optional but {found.name} has no default")
    return found.default if has_default else None


def _shown(param: Param) -> str:
    return repr(param.name) if param.arg_name == param.name else f"{param.name!r} (argument {param.arg_name})"


def _handler_name(command: Command) -> str:
    return f"the handler {getattr(command.handler, '__qualname__', repr(command.handler))}"


@dataclass(frozen=True)
class Group:
    """A command group, the first word of its commands (/picket), and its one-line description."""

    name: str
    description: str


class Commands:
    """One feature module's commands in one group, each declared on its handler.

    ``picket = Commands(PICKET)``, then ``@picket.command("signup", description=...)``
    above the handler. The handler is checked as it is declared (see `handler_arguments`);
    `commands.catalog` gathers each module's `Commands` into a fresh `Registry`.
    """

    def __init__(self, group: Group) -> None:
        self.group = group
        #: (command, whether it is the group's default), in the order declared.
        self.declared: list[tuple[Command, bool]] = []

    def command(
        self,
        *words: str,
        description: str,
        params: tuple[Param, ...] = (),
        role: Role = Role.MEMBER,
        slow: bool = False,
        ephemeral: bool = False,
        examples: tuple[str, ...] = (),
        default: bool = False,
    ) -> Callable[[H], H]:
        """Declare the decorated handler as ``/GROUP WORDS...``; `default`: it runs when no subcommand matches."""

        def declare(handler: H) -> H:
            path = (self.group.name, *words)
            command = Command(path, description, handler, params, role, slow, ephemeral, examples)
            self.declared.append((command, default))
            return handler

        return declare


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

    def include(self, declared: Commands) -> None:
        """Add a module's declared commands and their group's description."""
        group = declared.group
        described = self.groups.setdefault(group.name, group.description)
        if described != group.description:
            raise DeclarationError(
                f"/{group.name} is described twice: {described!r} and {group.description!r}"
            )
        for command, default in declared.declared:
            self.add(command, default=default)

    def add(self, command: Command, *, default: bool = False) -> Command:
        if command.path in self.commands:
            raise DeclarationError(f"command /{command.name} declared twice")
        if not 1 <= len(command.path) <= 3:
            raise DeclarationError(f"/{command.name}: a command path has one to three words")
        if default and command.group in self.defaults:
            raise DeclarationError(f"/{command.group} has two default commands")
        self.commands[command.path] = command
        if default:
            self.defaults[command.group] = command.path
        return command

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
    ) -> Callable[[H], H]:
        """Declare straight into this registry, for a registry built by hand (tests, tools)."""

        def declare(handler: H) -> H:
            self.add(
                Command(path, description, handler, params, role, slow, ephemeral, examples),
                default=default,
            )
            return handler

        return declare

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
