"""Commands declared on their handlers: a handler that does not match its parameters is refused."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

import commands
from bot.testing.people import CHANNEL, actor
from commands import catalog
from commands import params as p
from commands.context import Context, Services
from commands.dispatcher import Dispatcher
from commands.registry import Command, Commands, DeclarationError, Group, Registry
from commands.reply import Reply
from storage.database import Database

TOY = Group("toy", "Toy commands")
#: What the toy commands declare: a required shift and an optional "as" passed as as_role.
SIGNUP = (
    p.integer("shift", "Shift"),
    p.choice("as", "Role", ("member", "captain"), required=False, dest="as_role"),
)


async def matching(ctx: Context, shift: int, as_role: str | None = None) -> Reply:
    return Reply(text=f"{shift} {as_role}")


async def missing(ctx: Context, shift: int) -> Reply:
    return Reply(text="no as_role")


async def extra(ctx: Context, shift: int, as_role: str | None = None, place: int = 1) -> Reply:
    return Reply(text="an undeclared place")


async def misnamed(ctx: Context, shift: int, role: str | None = None) -> Reply:
    return Reply(text="role, not as_role")


async def optional_without_default(ctx: Context, shift: int, as_role: str | None) -> Reply:
    return Reply(text="as_role has no default")


async def required_with_default(ctx: Context, shift: int = 1, as_role: str | None = None) -> Reply:
    return Reply(text="shift has a default")


async def positional_only(ctx: Context, shift: int, /, as_role: str | None = None) -> Reply:
    return Reply(text="shift cannot be given by keyword")


async def no_context(*, shift: int, as_role: str | None = None) -> Reply:
    return Reply(text="nowhere for the context")


async def star_args(ctx: Context, *rest: Any, shift: int, as_role: str | None = None) -> Reply:
    return Reply(text="*rest")


def declare(handler: Any, params: tuple[p.Param, ...] = SIGNUP) -> Commands:
    declared = Commands(TOY)
    declared.command("join", description="Join", params=params)(handler)
    return declared


@pytest.mark.parametrize(
    ("handler", "mismatch"),
    [
        (missing, "'as' (argument as_role) is declared but the handler has no parameter as_role"),
        (extra, "the handler's parameter place is not declared"),
        (misnamed, "the handler's parameter role is not declared"),
        (optional_without_default, "'as' (argument as_role) is optional but as_role has no default"),
        (required_with_default, "'shift' is required but shift has a default (1)"),
        (positional_only, "shift is positional-only"),
        (no_context, "must take the context as its first parameter"),
        (star_args, "*rest takes nothing"),
    ],
)
def test_a_handler_that_does_not_match_its_parameters_is_refused_when_declared(
    handler: Any, mismatch: str
) -> None:
    with pytest.raises(DeclarationError) as refused:
        declare(handler)
    message = str(refused.value)
    assert message.startswith(f"/toy join: the handler {handler.__name__}"), message
    assert mismatch in message


def test_two_parameters_passed_as_one_argument_are_refused() -> None:
    twice = (*SIGNUP, p.text("role", "Role again", required=False, dest="as_role"))
    with pytest.raises(DeclarationError, match="two parameters are passed as as_role"):
        declare(matching, twice)


def test_every_way_of_declaring_is_checked() -> None:
    with pytest.raises(DeclarationError, match=r"/toy join: .*optional but as_role has no default"):
        Registry().command("toy", "join", description="Join", params=SIGNUP)(optional_without_default)
    with pytest.raises(DeclarationError, match=r"/toy join: .*no parameter as_role"):
        Command(("toy", "join"), "Join", missing, SIGNUP)


def test_a_matching_handler_is_declared_and_stays_callable() -> None:
    declared = declare(matching)
    [(command, default)] = declared.declared
    assert command.path == ("toy", "join") and command.handler is matching and not default
    assert command.arguments == (("shift", "shift", None), ("as_role", "as", None))


async def test_an_optional_parameter_left_out_gets_the_handler_s_default(tmp_path: Path) -> None:
    declared = Commands(TOY)

    @declared.command("stats", description="Stats", params=(p.integer("days", "Days", required=False),))
    async def stats(ctx: Context, days: int = 30) -> Reply:
        return Reply(text=f"{days} days")

    registry = Registry()
    registry.include(declared)
    db = await Database.open(tmp_path / "t.db")
    try:
        dispatcher = Dispatcher(registry, Services(db=db, clock=lambda: datetime(2026, 11, 20, tzinfo=UTC)))
        assert (await dispatcher.handle_text(actor(), CHANNEL, "/toy stats")).text == "30 days"
        assert (await dispatcher.handle_text(actor(), CHANNEL, "/toy stats 7")).text == "7 days"
        assert (await dispatcher.invoke(actor(), CHANNEL, ("toy", "stats"), {})).text == "30 days"
    finally:
        await db.close()


def test_a_group_is_described_once_for_all_its_modules() -> None:
    registry = Registry()
    registry.include(declare(matching))
    other = Commands(TOY)
    other.command("leave", description="Leave")(_no_params)
    registry.include(other)
    assert registry.groups == {"toy": "Toy commands"}
    assert [c.name for c in registry] == ["toy join", "toy leave"]

    elsewhere = Commands(Group("toy", "Other toys"))
    elsewhere.command("play", description="Play")(_no_params)
    with pytest.raises(DeclarationError, match="/toy is described twice"):
        registry.include(elsewhere)


def test_a_group_has_at_most_one_default_command() -> None:
    declared = Commands(TOY)
    declared.command("ask", description="Ask", default=True)(_no_params)
    declared.command("guess", description="Guess", default=True)(_no_params)
    with pytest.raises(DeclarationError, match="/toy has two default commands"):
        Registry().include(declared)


async def _no_params(ctx: Context) -> Reply:
    return Reply(text="ok")


def _every_commands_module() -> dict[str, Commands]:
    """Each module-level `Commands` in the commands package, by module and name."""
    found: dict[str, Commands] = {}
    for info in pkgutil.walk_packages(commands.__path__, "commands."):
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if isinstance(value, Commands):
                found.setdefault(f"{info.name}.{name}", value)
    return found


def test_the_catalog_gathers_every_declared_module() -> None:
    found = _every_commands_module()
    assert all(any(declared is f for f in found.values()) for declared in catalog.DECLARED)
    left_out = [where for where, declared in found.items() if declared not in catalog.DECLARED]
    assert not left_out, f"add these to commands.catalog.DECLARED: {left_out}"
    registry = catalog.build_registry()
    for declared in catalog.DECLARED:
        for command, _ in declared.declared:
            assert registry.commands[command.path] is command


def test_the_bot_s_own_handlers_name_every_parameter() -> None:
    """So the check covers them completely: none hides a parameter behind **kwargs."""
    for command in catalog.build_registry():
        kinds = {q.kind for q in inspect.signature(command.handler).parameters.values()}
        assert inspect.Parameter.VAR_KEYWORD not in kinds, f"/{command.name} takes **kwargs"


def test_each_registry_built_is_fresh() -> None:
    first = catalog.build_registry()
    first.include(declare(matching))
    second = catalog.build_registry()
    assert ("toy", "join") in first.commands and ("toy", "join") not in second.commands
    assert second.commands.keys() == catalog.build_registry().commands.keys()
