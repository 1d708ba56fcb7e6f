"""/help, generated from the command declarations.

Descriptions are declared at import time in English (marked with ``N_``) and
translated here, as help is drawn, into the language being spoken. Usage
lines and examples stay as typed: command words are English everywhere.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass

from commands import params as p
from commands.context import Context
from commands.errors import NotFound
from commands.i18n import N_, _
from commands.registry import Command, Commands, Group, Registry
from commands.reply import Field, Reply
from commands.roles import ONLY_FOR

#: Platforms whose commands take typed options (name: value) instead of a typed line.
OPTION_PLATFORMS = frozenset({"discord"})


def usage_style(ctx: Context) -> str:
    return "options" if ctx.actor.platform in OPTION_PLATFORMS else "text"


def described(text: str) -> str:
    """A declared description in the language being spoken ("" stays "": gettext's "" is the header)."""
    return _(text) if text else ""


def command_help(command: Command, style: str = "text") -> str:
    lines = [f"{command.usage(style)}", f"  {described(command.description)}"]
    if command.role in ONLY_FOR:
        lines.append(f"  {_(ONLY_FOR[command.role])}")
    for param in command.params:
        label = param.usage(style).replace(":", "")  # "id: Shift number", not "id:: ..."
        lines.append(f"  {label}: {described(param.description)}")
    if style == "text":  # examples are typed lines; on Discord the option form says it
        example = _("e.g. {example}")
        lines.extend(f"  {example.format(example=typed)}" for typed in command.examples)
    return "\n".join(lines)


def group_title(registry: Registry, group: str) -> str:
    """``/picket: Picket shifts``, the description in the language being spoken."""
    return f"/{group}: {described(registry.groups.get(group, ''))}"


#: Where a person can leave: the console says how (Slack and Discord have nothing to leave).
LEAVE_HINTS = {"console": N_("To leave the console, type exit (or quit, /quit).")}
#: How alike a typed word must be to a command's to be suggested (difflib's ratio).
CLOSE_ENOUGH = 0.75

help_ = Commands(Group("help", N_("This help")))


@help_.command(
    description=N_("List commands, or explain a group or command"),
    params=(
        p.text(
            "topic",
            N_("A group (picket) or command (picket signup, or just signup)"),
            greedy=True,
            required=False,
        ),
    ),
    examples=("/help", "/help picket", "/help signup"),
)
async def show_help(ctx: Context, topic: str | None = None) -> Reply:
    registry, style = ctx.registry, usage_style(ctx)
    if not topic:
        leave = LEAVE_HINTS.get(ctx.actor.platform)
        return _overview(registry, style, _(leave) if leave else None)
    words = tuple(topic.lower().lstrip("/").split())
    if words in registry.commands:
        return Reply(text=command_help(registry.commands[words], style), ephemeral=True)
    if len(words) == 1 and registry.in_group(words[0]):
        text = "\n".join(command_help(c, style) for c in registry.in_group(words[0]))
        return Reply(title=group_title(registry, words[0]), text=text, ephemeral=True)
    found = _named_by(registry, words)
    if len(found) == 1:
        return Reply(text=command_help(found[0], style), ephemeral=True)
    if found:
        text = "\n".join(command_help(c, style) for c in found)
        title = _("Commands for {topic}").format(topic=repr(" ".join(words)))
        return Reply(title=title, text=text, ephemeral=True)
    guess = closest_command(registry, words, style)
    if guess is not None:
        raise NotFound(
            _("no command or group called {topic}. Did you mean {usage}? Type /help for the list.").format(
                topic=repr(topic), usage=guess.usage
            )
        )
    raise NotFound(
        _("no command or group called {topic}. Type /help for the list.").format(topic=repr(topic))
    )


def _named_by(registry: Registry, words: tuple[str, ...]) -> list[Command]:
    """Commands a topic names without its group: ``signup``, ``shift add``, or ``shift`` (all of them)."""
    ending = [c for c in registry if len(c.path) > len(words) and c.path[-len(words) :] == words]
    return ending or [c for c in registry if c.path[1 : 1 + len(words)] == words]


@dataclass(frozen=True)
class Guess:
    """What a mistyped line most likely meant: a command's usage (or a group), and how many words named it."""

    usage: str
    words: int
    group: str


def closest_command(registry: Registry, words: Sequence[str], style: str = "text") -> Guess | None:
    """The command a mistyped path most likely meant, if any is close enough.

    ``picket sigup 12`` → /picket signup (the group right, the command not);
    ``pcket signup`` → /picket signup; ``signup 12`` → /picket signup (no group);
    ``pcket`` → /picket.
    """
    typed = [w.lower().lstrip("/") for w in words]
    if not typed:
        return None
    groups = registry.group_names()
    group = typed[0] if typed[0] in groups else _close(typed[0], groups)
    if group is not None:
        found = _closest_in(registry.in_group(group), typed[1:])
        if found is not None:
            return Guess(found.usage(style), len(found.path), group)
        if group != typed[0]:
            return Guess(f"/{group}", 1, group)
        return None
    found = _closest_in(list(registry), typed)  # the group left out: "/signup 12"
    return Guess(found.usage(style), len(found.path) - 1, found.group) if found else None


def _closest_in(commands: list[Command], typed: list[str]) -> Command | None:
    """The command whose words after its group are most like the `typed` words."""
    best: tuple[float, Command] | None = None
    for command in commands:
        rest = command.path[1:]
        if not rest or len(typed) < len(rest):
            continue
        score = difflib.SequenceMatcher(None, " ".join(typed[: len(rest)]), " ".join(rest)).ratio()
        if score >= CLOSE_ENOUGH and (best is None or score > best[0]):
            best = (score, command)
    return best[1] if best else None


def _close(word: str, choices: list[str]) -> str | None:
    found = difflib.get_close_matches(word, choices, n=1, cutoff=CLOSE_ENOUGH)
    return found[0] if found else None


def group_listing(registry: Registry, group: str, style: str = "text") -> Reply:
    """A group's commands, one line each: what a bare ``/picket`` answers."""
    lines = [f"{c.usage(style)} — {described(c.description)}" for c in registry.in_group(group)]
    footer = _("Type /help {group} COMMAND for details (e.g. /help {command}).")
    return Reply(
        title=group_title(registry, group),
        text="\n".join(lines),
        footer=footer.format(group=group, command=registry.in_group(group)[0].name),
        ephemeral=True,
    )


def _overview(registry: Registry, style: str, leave: str | None) -> Reply:
    fields = []
    for group in registry.group_names():
        commands = registry.in_group(group)
        usages = "\n".join(f"{c.usage(style)} — {described(c.description)}" for c in commands)
        fields.append(Field(group_title(registry, group), usages))
    text = _("Type /help GROUP (e.g. /help picket) or /help COMMAND (e.g. /help signup) for details.")
    return Reply(
        title=_("picketbot commands"),
        text=text + (f"\n{leave}" if leave else ""),
        fields=tuple(fields),
        ephemeral=True,
    )
