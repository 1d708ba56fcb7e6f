"""Every command's help and errors, rendered through the real dispatcher in English and in Spanish.

Help is drawn from declarations made at import time in English; the Spanish
render must show the Spanish translation of every description (each
command's, each parameter's, each group's), and the errors a member meets
(a missing value, a value of the wrong kind, a role refusal, an unknown
command) must come back in Spanish: one line, then the usage.

A description that has no Spanish translation yet is listed by command, so
a failure names exactly what is left to translate.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.testing.harness import TestBot
from bot.testing.people import CHANNEL
from commands.catalog import build_registry
from commands.context import Actor
from commands.i18n import in_language
from commands.registry import Command, Registry
from commands.reply import reply_as_text
from commands.roles import Role

REGISTRY = build_registry()
GROUPS = REGISTRY.group_names()
USAGE = {"en": "Usage: ", "es": "Uso: "}


@pytest.fixture
def database(tmp_path: Path) -> str:
    """Help and argument errors never depend on the backend: SQLite alone."""
    return str(tmp_path / "picketbot.db")


def speaker(language: str, role: Role = Role.ORGANIZER, platform: str = "console") -> Actor:
    """A member whose platform says their locale (Spanish as Spain's ``es-ES`` names it)."""
    locale = {"en": "en-US", "es": "es-ES"}[language]
    return Actor(platform, f"{language}-{role.label}", f"Ana {language}", role, locale=locale)


async def render(bot: TestBot, line: str, language: str, role: Role = Role.ORGANIZER) -> tuple[str, bool]:
    """What the console would print ("error: " before a refusal), and whether it is an error."""
    reply = await bot.app.dispatcher.handle_text(speaker(language, role), CHANNEL, line)
    return ("error: " if reply.is_error else "") + reply_as_text(reply), reply.is_error


def descriptions(command: Command) -> Iterator[tuple[str, str]]:
    """What help shows of a command in words: (what it describes, the English description)."""
    yield f"/{command.name}", command.description
    for param in command.params:
        yield f"/{command.name} {param.name}", param.description


def untranslated(shown: str, wanted: Iterator[tuple[str, str]]) -> list[str]:
    """Each description that has no Spanish translation, or whose translation `shown` leaves out."""
    missing = []
    for what, english in wanted:
        spanish = in_language("es", english)
        if spanish == english:
            missing.append(f"{what}: no Spanish for {english!r}")
        elif spanish not in shown:
            missing.append(f"{what}: {spanish!r} not shown")
    return missing


def group_descriptions(registry: Registry, group: str) -> Iterator[tuple[str, str]]:
    yield f"/{group} (group)", registry.groups[group]
    for command in registry.in_group(group):
        yield f"/{command.name}", command.description


@pytest.mark.parametrize("group", GROUPS)
async def test_each_commands_help_shows_its_descriptions_in_spanish(bot: TestBot, group: str) -> None:
    missing: list[str] = []
    for command in REGISTRY.in_group(group):
        english, failed = await render(bot, f"/help {command.name}", "en")
        assert not failed and english.startswith(command.usage()), english
        assert all(text in english for _, text in descriptions(command)), english
        spanish, failed = await render(bot, f"/help {command.name}", "es")
        # Usage and examples are typed: they stay as they are in English.
        assert not failed and spanish.startswith(command.usage()), spanish
        assert all(f"p. ej. {example}" in spanish for example in command.examples), spanish
        missing += untranslated(spanish, descriptions(command))
    assert not missing, f"/{group}: help not in Spanish:\n" + "\n".join(missing)


#: Groups listed by a bare "/picket" and "/help picket" ("/help" and "/link" alone are commands:
#: their group's description shows in the overview).
LISTED = [group for group in GROUPS if (group,) not in REGISTRY.commands]


@pytest.mark.parametrize("group", LISTED)
async def test_each_group_listing_is_in_spanish(bot: TestBot, group: str) -> None:
    missing: list[str] = []
    for line in (f"/{group}", f"/help {group}"):
        english, failed = await render(bot, line, "en")
        assert not failed and REGISTRY.groups[group] in english, english
        spanish, failed = await render(bot, line, "es")
        assert not failed, spanish
        if line == f"/{group}":
            assert f"Escribe /help {group} COMMAND para ver los detalles" in spanish, spanish
        missing += [f"{line}: {m}" for m in untranslated(spanish, group_descriptions(REGISTRY, group))]
    assert not missing, f"/{group}: listing not in Spanish:\n" + "\n".join(missing)


async def test_the_overview_is_in_spanish(bot: TestBot) -> None:
    english, _ = await render(bot, "/help", "en")
    spanish, failed = await render(bot, "/help", "es")
    assert not failed and english.startswith("== picketbot commands ==")
    assert spanish.startswith("== Comandos de picketbot ==\nEscribe /help GROUP (p. ej. /help picket)"), (
        spanish
    )
    assert "Para salir de la consola, escribe exit" in spanish
    wanted = [item for group in GROUPS for item in group_descriptions(REGISTRY, group)]
    missing = untranslated(spanish, iter(wanted))
    assert not missing, "/help: overview not in Spanish:\n" + "\n".join(missing)


# Errors: a wrong value of each kind of typed parameter ("@@@" is no number, amount, day or choice).
WRONG = "@@@"
TYPED_KINDS = frozenset({"integer", "money", "when", "day", "period", "choice"})


def one_line_then_usage(text: str, language: str, command: Command, style: str = "text") -> str:
    """The error's one line, once `text` is checked to be that line and the usage after it."""
    first, *rest = text.split("\n")
    assert rest == [USAGE[language] + command.usage(style)], text
    return first


@pytest.mark.parametrize("group", GROUPS)
async def test_a_missing_value_is_refused_in_spanish(bot: TestBot, group: str) -> None:
    for command in REGISTRY.in_group(group):
        first = next((p for p in command.params if p.required), None)
        if first is None:
            continue
        english, _ = await render(bot, f"/{command.name}", "en")
        spanish, failed = await render(bot, f"/{command.name}", "es")
        assert failed, spanish
        assert one_line_then_usage(english, "en", command) == f"error: {first.name.upper()} is missing"
        assert one_line_then_usage(spanish, "es", command) == f"error: falta {first.name.upper()}"


@pytest.mark.parametrize("group", GROUPS)
async def test_a_wrong_value_is_refused_in_spanish(bot: TestBot, group: str) -> None:
    """Through Discord's typed options: every value given, the first typed one wrong."""
    for command in REGISTRY.in_group(group):
        wrong = next((p for p in command.params if p.kind in TYPED_KINDS), None)
        if wrong is None:
            continue
        options = {p.name: WRONG if p.kind in TYPED_KINDS else "x" for p in command.params}
        shown = {}
        for language in ("en", "es"):
            reply = await bot.app.dispatcher.invoke(
                speaker(language, platform="discord"), CHANNEL, command.path, options
            )
            assert reply.is_error, reply
            shown[language] = one_line_then_usage(reply.text, language, command)
        if wrong.kind != "choice":  # a choice's refusal lists the choices instead
            assert WRONG in shown["en"] and WRONG in shown["es"], shown
        assert shown["es"] != shown["en"], shown
        assert not {"is", "not", "must", "be"} & set(shown["es"].split()), shown


@pytest.mark.parametrize("group", GROUPS)
async def test_a_role_refusal_is_in_spanish(bot: TestBot, group: str) -> None:
    whom = {Role.CAPTAIN: "capitanes de piquete y organizadores", Role.ORGANIZER: "organizadores"}
    for command in REGISTRY.in_group(group):
        if command.role == Role.MEMBER:
            continue
        english, _ = await render(bot, f"/{command.name}", "en", Role.MEMBER)
        spanish, failed = await render(bot, f"/{command.name}", "es", Role.MEMBER)
        assert failed, spanish
        assert english == f"error: /{command.name} is for {command.role.label}s and up."
        assert spanish == f"error: /{command.name} es solo para {whom[command.role]}."


@pytest.mark.parametrize("group", [g for g in GROUPS if g not in REGISTRY.defaults])  # "/fact zzyzx" asks
async def test_an_unknown_command_is_answered_in_spanish(bot: TestBot, group: str) -> None:
    english, _ = await render(bot, f"/{group} zzyzx", "en")
    spanish, failed = await render(bot, f"/{group} zzyzx", "es")
    assert failed, spanish
    if (group,) in REGISTRY.commands:  # /help zzyzx looks for a topic
        assert english != spanish and spanish.count("\n") == 0, spanish
        return
    assert english == f"error: unknown command /{group} zzyzx. Type /{group} for its commands, or /help."
    assert spanish == (
        f"error: comando desconocido /{group} zzyzx. Escribe /{group} para ver sus comandos, o /help."
    )
