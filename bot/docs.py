"""Generate the README's command reference from the command declarations, and
docs/configuration.md from the settings schema (bot/config/docs.py)."""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from bot.config.docs import configuration_markdown
from commands.catalog import build_registry
from commands.registry import Registry

START, END = "<!-- commands:start -->", "<!-- commands:end -->"


def commands_markdown(registry: Registry) -> str:
    lines: list[str] = []
    for group in registry.group_names():
        lines.append(f"**/{group}**: {registry.groups.get(group, '')}")
        lines.append("")
        lines.append("| command | who | what |")
        lines.append("|---|---|---|")
        for command in registry.in_group(group):
            usage = command.usage().replace("|", "\\|")
            lines.append(f"| `{usage}` | {command.role.label} | {command.description} |")
        lines.append("")
    return "\n".join(lines).rstrip()


def with_commands(readme: str, registry: Registry) -> str:
    pattern = re.compile(re.escape(START) + ".*?" + re.escape(END), re.DOTALL)
    return pattern.sub(lambda _: f"{START}\n{commands_markdown(registry)}\n{END}", readme)


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    docs = sub.add_parser(
        "docs", help="print or update the README's command reference and the settings reference"
    )
    docs.add_argument("--update", metavar="README", help="rewrite the reference inside this README")
    docs.add_argument(
        "--settings",
        metavar="FILE",
        help="write the settings reference (docs/configuration.md) to FILE, or - for standard output",
    )
    docs.set_defaults(handler=run_docs)


async def run_docs(args: argparse.Namespace) -> int:
    registry = build_registry()
    if args.settings == "-":
        print(configuration_markdown(), end="")
    elif args.settings:
        Path(args.settings).write_text(configuration_markdown(), encoding="utf-8")
    if args.update:
        path = Path(args.update)
        path.write_text(with_commands(path.read_text(encoding="utf-8"), registry), encoding="utf-8")
    elif not args.settings:
        print(commands_markdown(registry))
    return 0
