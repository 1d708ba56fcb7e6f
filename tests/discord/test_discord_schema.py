"""The application commands generated from the registry, checked against the declarations."""

from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path
from typing import Any

import pytest

from bot.adapters.discord.endpoints import restore_discord_endpoints
from bot.adapters.discord.schema import (
    INTEGER,
    STRING,
    SUB_COMMAND_GROUP,
    USER,
    SchemaError,
    command_payloads,
)
from bot.cli.main import main
from bot.testing.fakes.discord import DEFAULT_GUILD_ID, FakeDiscord, validate_commands
from commands import params as p
from commands.catalog import build_registry
from commands.registry import Command, Registry
from commands.reply import Reply
from commands.text import shorten

Json = dict[str, Any]


def leaves(payloads: list[Json]) -> dict[tuple[str, ...], Json]:
    """Every runnable command in a bulk-overwrite payload, by path."""
    found: dict[tuple[str, ...], Json] = {}

    def walk(node: Json, path: tuple[str, ...]) -> None:
        options = node.get("options") or []
        if options and all(o["type"] in (1, 2) for o in options):
            for option in options:
                walk(option, (*path, option["name"]))
        else:
            found[path] = node

    for command in payloads:
        walk(command, (command["name"],))
    return found


def option(payloads: list[Json], path: tuple[str, ...], name: str) -> Json:
    return next(o for o in leaves(payloads)[path]["options"] if o["name"] == name)


async def answer(*_: Any, **__: Any) -> Reply:
    return Reply("ok")


def test_every_declared_command_becomes_one_application_command() -> None:
    registry = build_registry()
    payloads = command_payloads(registry)

    assert set(leaves(payloads)) == set(registry.commands)
    for path, node in leaves(payloads).items():
        command = registry.commands[path]
        assert node["description"] == shorten(command.description, 100)
        assert [o["name"] for o in node["options"]] == sorted(
            (prm.name for prm in command.params),
            key=lambda n: not command.param(n).required,  # type: ignore[union-attr]
        )
    validate_commands(payloads)  # the fake refuses what Discord refuses


def test_groups_nest_as_discord_nests_them() -> None:
    payloads = command_payloads(build_registry())
    by_name = {c["name"]: c for c in payloads}

    assert by_name["help"]["options"][0]["name"] == "topic"  # a plain command
    picket = {o["name"]: o for o in by_name["picket"]["options"]}
    assert picket["signup"]["type"] == 1
    assert picket["site"]["type"] == SUB_COMMAND_GROUP
    assert [o["name"] for o in picket["site"]["options"]] == ["add", "close", "set"]
    assert by_name["picket"]["description"] == "Picket sites, shifts, sign-ups and check-in"


def test_option_types_limits_and_choices_come_from_the_params() -> None:
    payloads = command_payloads(build_registry())

    shift = option(payloads, ("picket", "signup"), "id")
    assert shift == {
        "type": INTEGER,
        "name": "id",
        "description": "Shift number (see /picket shifts)",
        "required": True,
        "min_value": 1,
        "autocomplete": True,
        "description_localizations": {
            "es-ES": "Número de turno (ver /picket shifts)",
            "es-419": "Número de turno (ver /picket shifts)",
        },
    }
    signup_as = option(payloads, ("picket", "signup"), "as")
    assert signup_as["choices"] == [
        {"name": "member", "value": "member"},
        {"name": "captain", "value": "captain"},
    ]
    assert signup_as["required"] is False and "autocomplete" not in signup_as
    assert option(payloads, ("pay", "compare"), "amount")["type"] == STRING
    assert option(payloads, ("picket", "checkin"), "member")["type"] == USER
    capacity = option(payloads, ("picket", "shift", "add"), "capacity")
    assert (capacity["required"], capacity["min_value"], capacity["max_value"]) == (True, 1, 10000)
    assert option(payloads, ("picket", "site", "add"), "name")["max_length"] == 100
    # Required options come first, whatever the declaration's order.
    add = leaves(payloads)[("picket", "shift", "add")]["options"]
    required = [o["required"] for o in add]
    assert required == sorted(required, reverse=True)


def test_long_descriptions_are_cut_to_discords_limit() -> None:
    registry = Registry()
    registry.add(Command(("x",), "d" * 150, answer, (p.text("y", "e" * 150),)))
    [command] = command_payloads(registry)
    assert len(command["description"]) == 100 and command["description"].endswith("…")
    assert len(command["options"][0]["description"]) == 100
    validate_commands([command])


@pytest.mark.parametrize(
    ("paths", "message"),
    [
        ([("x",), ("x", "y")], "both a command and a group"),
        ([("x", "y"), ("x", "y", "z")], "both a command and a group"),
        ([("Shout",)], "not a valid Discord name"),
        ([("x", str(i)) for i in range(26)], "more than 25 subcommands"),
    ],
)
def test_declarations_discord_cannot_take_are_refused(paths: list[tuple[str, ...]], message: str) -> None:
    registry = Registry()
    for path in paths:
        registry.add(Command(path, "A command", answer))
    with pytest.raises(SchemaError, match=message):
        command_payloads(registry)


def test_too_many_options_are_refused() -> None:
    registry = Registry()
    registry.add(Command(("x",), "A command", answer, tuple(p.text(f"o{i}", "An option") for i in range(26))))
    with pytest.raises(SchemaError, match="more than 25 options"):
        command_payloads(registry)


async def test_cli_sync_puts_the_schema_in_a_guild_over_rest_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    async with FakeDiscord() as fake, contextlib.AsyncExitStack() as stack:
        stack.callback(restore_discord_endpoints)
        monkeypatch.setenv("DISCORD_TOKEN", fake.token)
        monkeypatch.setenv("DISCORD_API_BASE", fake.api_base)
        monkeypatch.setenv("DISCORD_GATEWAY_URL", fake.gateway_url)
        config = tmp_path / "picketbot.toml"
        config.write_text("", encoding="utf-8")
        args = ["discord", "sync", "--guild", str(DEFAULT_GUILD_ID), "--config", str(config)]

        # The CLI runs its own event loop; the fake keeps serving on this one.
        status = await asyncio.to_thread(main, args)

        stored = fake.registered_commands(DEFAULT_GUILD_ID)
        assert status == 0
        synced, mode, pointer = capsys.readouterr().out.strip().splitlines()
        assert synced == f"Synced {len(stored)} commands to server {DEFAULT_GUILD_ID}."
        assert mode == "Interactions come over the gateway (DISCORD_PUBLIC_KEY is not set)."
        assert pointer.endswith("docs/discord.md")
        assert [c["name"] for c in stored] == [c["name"] for c in command_payloads(build_registry())]
        assert fake.registered_commands() == []  # nothing global
        assert fake.gateway_connections == []  # REST only
