"""/help, generated from the command declarations."""

from __future__ import annotations

from commands import params as p
from commands.context import Context
from commands.errors import NotFound
from commands.registry import Command, Commands, Group, Registry
from commands.reply import Field, Reply

#: Platforms whose commands take typed options (name: value) instead of a typed line.
OPTION_PLATFORMS = frozenset({"discord"})


def usage_style(ctx: Context) -> str:
    return "options" if ctx.actor.platform in OPTION_PLATFORMS else "text"


def command_help(command: Command, style: str = "text") -> str:
    lines = [f"{command.usage(style)}", f"  {command.description}"]
    if command.role.label != "member":
        lines.append(f"  (for {command.role.label}s)")
    for param in command.params:
        label = param.usage(style).replace(":", "")  # "id: Shift number", not "id:: ..."
        lines.append(f"  {label}: {param.description}")
    if style == "text":  # examples are typed lines; on Discord the option form says it
        lines.extend(f"  e.g. {example}" for example in command.examples)
    return "\n".join(lines)


help_ = Commands(Group("help", "This help"))


@help_.command(
    description="List commands, or explain a group or command",
    params=(p.text("topic", "A group (picket) or command (picket signup)", greedy=True, required=False),),
)
async def show_help(ctx: Context, topic: str | None = None) -> Reply:
    registry, style = ctx.registry, usage_style(ctx)
    if not topic:
        return _overview(registry, style)
    words = tuple(topic.lower().lstrip("/").split())
    if words in registry.commands:
        return Reply(text=command_help(registry.commands[words], style), ephemeral=True)
    group = registry.in_group(words[0])
    if not group:
        raise NotFound(f"no command or group called {topic!r}; try /help")
    text = "\n".join(command_help(c, style) for c in group)
    return Reply(title=f"/{words[0]}: {registry.groups.get(words[0], '')}", text=text, ephemeral=True)


def _overview(registry: Registry, style: str) -> Reply:
    fields = []
    for group in registry.group_names():
        commands = registry.in_group(group)
        usages = "\n".join(f"{c.usage(style)} — {c.description}" for c in commands)
        fields.append(Field(f"/{group}: {registry.groups.get(group, '')}", usages))
    return Reply(
        title="picketbot commands",
        text="Type /help GROUP (e.g. /help picket) for details.",
        fields=tuple(fields),
        ephemeral=True,
    )
