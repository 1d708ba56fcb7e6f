"""Read a slash-command interaction: which command, with which option values.

Discord nests the subcommand group and subcommand inside the top-level
command's options; the typed values sit at the innermost level. A user
option arrives as a snowflake and becomes a mention (``<@123>``), which is
what a member parameter reads on every platform.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from bot.adapters.discord.schema import SUB_COMMAND, SUB_COMMAND_GROUP, USER

OptionValue = str | int | float | bool


@dataclass(frozen=True)
class Invocation:
    path: tuple[str, ...]
    options: dict[str, OptionValue] = field(default_factory=dict)
    #: The option the member is typing in, for autocomplete.
    focused: str | None = None


def read_invocation(data: Mapping[str, Any]) -> Invocation:
    path = [str(data.get("name", ""))]
    options: list[Mapping[str, Any]] = list(data.get("options") or [])
    while len(options) == 1 and options[0].get("type") in (SUB_COMMAND, SUB_COMMAND_GROUP):
        path.append(str(options[0].get("name", "")))
        options = list(options[0].get("options") or [])
    values: dict[str, OptionValue] = {}
    focused = None
    for option in options:
        name = str(option.get("name", ""))
        value = option.get("value")
        if value is None:
            continue
        values[name] = f"<@{value}>" if option.get("type") == USER else value
        if option.get("focused"):
            focused = name
    return Invocation(tuple(path), values, focused)
