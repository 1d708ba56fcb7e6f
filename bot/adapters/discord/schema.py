"""Discord application commands, generated from the registry's declarations.

Each command is declared once (`commands.registry`); this turns the whole
registry into the JSON Discord's bulk overwrite takes: ``/help`` is a plain
command, ``/picket signup`` a subcommand of the group ``picket`` and
``/picket site add`` a subcommand of the subcommand group ``site``. Options
get their type, limits, choices and description from each `Param`.

A declaration Discord cannot take (a bad name, too many subcommands, a
command that is also a group) raises `SchemaError` here, so a test catches it
rather than Discord refusing the sync.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from commands.i18n import in_language
from commands.params import Param
from commands.registry import Command, Registry
from commands.text import shorten

Json = dict[str, Any]

# Discord's option types.
SUB_COMMAND = 1
SUB_COMMAND_GROUP = 2
STRING = 3
INTEGER = 4
USER = 6

MAX_DESCRIPTION = 100
MAX_OPTIONS = 25
MAX_CHOICES = 25
MAX_STRING_LENGTH = 6000
_NAME = re.compile(r"[-_\w]{1,32}")
#: Discord's locales for each language the bot speaks besides English: a member whose client is
#: set to one of them sees the commands described in that language.
DISCORD_LOCALES = {"es": ("es-ES", "es-419")}

#: Which Discord option type each kind of parameter becomes.
OPTION_TYPES = {
    "text": STRING,
    "money": STRING,  # typed as "900k" or "$900,000": our parser reads it, not Discord's
    "when": STRING,
    "day": STRING,
    "period": STRING,  # "next week", "2026-11-02 to 2026-11-08": our reader, not Discord's
    "choice": STRING,
    "integer": INTEGER,
    "member": USER,
}


class SchemaError(ValueError):
    """A declaration that Discord would refuse."""


def command_payloads(registry: Registry) -> list[Json]:
    """Every top-level application command, for a bulk overwrite."""
    by_top: dict[str, list[Command]] = {}
    for command in registry:
        by_top.setdefault(command.path[0], []).append(command)
    payloads = [_top_level(name, found, registry) for name, found in sorted(by_top.items())]
    if len(payloads) > 100:
        raise SchemaError("Discord takes at most 100 top-level commands")
    return payloads


def _top_level(name: str, found: list[Command], registry: Registry) -> Json:
    _check_name(name, f"/{name}")
    if len(found) == 1 and found[0].path == (name,):
        return {"type": 1, **_leaf(found[0])}
    if any(c.path == (name,) for c in found):
        raise SchemaError(f"/{name} is both a command and a group; Discord allows only one")
    description = registry.groups.get(name) or f"/{name} commands"
    return {
        "type": 1,
        "name": name,
        **_described(description, name),
        "options": _members(name, found),
    }


def _members(group: str, found: list[Command]) -> list[Json]:
    """A group's subcommands and subcommand groups, in name order."""
    subcommands = [c for c in found if len(c.path) == 2]
    nested: dict[str, list[Command]] = {}
    for command in found:
        if len(command.path) == 3:
            nested.setdefault(command.path[1], []).append(command)
    clash = {c.path[1] for c in subcommands} & set(nested)
    if clash:
        raise SchemaError(f"/{group} {min(clash)} is both a command and a group; Discord allows only one")
    options = [{"type": SUB_COMMAND, **_leaf(c)} for c in subcommands]
    options += [_subgroup(group, name, members) for name, members in nested.items()]
    options.sort(key=lambda o: str(o["name"]))
    _check_count(options, f"/{group}", "subcommands")
    return options


def _subgroup(group: str, name: str, members: list[Command]) -> Json:
    _check_name(name, f"/{group} {name}")
    subcommands = [{"type": SUB_COMMAND, **_leaf(c)} for c in members]
    _check_count(subcommands, f"/{group} {name}", "subcommands")
    names = ", ".join(c.path[2] for c in members)
    return {
        "type": SUB_COMMAND_GROUP,
        "name": name,
        "description": _description(f"{name.capitalize()}: {names}", name),
        "options": subcommands,
    }


def _leaf(command: Command) -> Json:
    """Name, description and options of one runnable command."""
    _check_name(command.path[-1], f"/{command.name}")
    # Discord wants required options first; the dispatcher reads options by name.
    ordered = sorted(command.params, key=lambda p: not p.required)
    options = [param_option(p, command) for p in ordered]
    _check_count(options, f"/{command.name}", "options")
    return {
        "name": command.path[-1],
        **_described(command.description, command.name),
        "options": options,
    }


def param_option(param: Param, command: Command) -> Json:
    """One typed option, with the limits Discord can enforce while the member types."""
    _check_name(param.name, f"/{command.name} option {param.name}")
    option: Json = {
        "type": OPTION_TYPES[param.kind],
        "name": param.name,
        **_described(param.description, param.name),
        "required": param.required,
    }
    if param.kind == "integer":
        option.update(_integer_limits(param))
    if param.kind == "text":
        option["max_length"] = min(param.max_length, MAX_STRING_LENGTH)
    if param.choices and len(param.choices) <= MAX_CHOICES:
        # Discord refuses choices and autocomplete together; fixed choices are the better menu.
        option["choices"] = [{"name": c, "value": c} for c in param.choices]
    elif param.autocomplete or param.choices:
        option["autocomplete"] = True
    return option


def _integer_limits(param: Param) -> Json:
    limits: Json = {}
    if param.minimum is not None:
        limits["min_value"] = param.minimum
    if param.maximum is not None:
        limits["max_value"] = param.maximum
    return limits


def _described(text: str, fallback: str) -> Json:
    """The English description, and its translations where they differ (Discord shows each member
    the one for their client's language)."""
    english = _description(text, fallback)
    described: Json = {"description": english}
    localized: dict[str, str] = {}
    for language, locales in DISCORD_LOCALES.items():
        translated = _description(in_language(language, text), fallback)
        if translated != english:
            localized.update(dict.fromkeys(locales, translated))
    if localized:
        described["description_localizations"] = localized
    return described


def _description(text: str, fallback: str) -> str:
    # Discord needs 1 to 100 characters; a missing one would show as "…".
    return shorten(" ".join(text.split()) or fallback, MAX_DESCRIPTION)


def _check_name(name: str, where: str) -> None:
    if not _NAME.fullmatch(name) or name != name.lower():
        raise SchemaError(f"{where}: {name!r} is not a valid Discord name (1-32 lower-case characters)")


def _check_count(items: Iterable[Json], where: str, what: str) -> None:
    if len(list(items)) > MAX_OPTIONS:
        raise SchemaError(f"{where} has more than {MAX_OPTIONS} {what}")
