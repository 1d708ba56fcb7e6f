"""``picketbot discord sync [--guild ID]``: register the slash commands with Discord.

Run it after installing or upgrading, not on every start: Discord limits how
often commands may be created. It needs only DISCORD_TOKEN and the REST API
(no gateway connection, no database).
"""

from __future__ import annotations

import argparse

from bot.adapters.discord.config import discord_settings, parse_guild_id
from bot.cli.core import add_common, config_from
from commands.catalog import build_registry


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    discord = sub.add_parser("discord", help="Discord set-up")
    actions = discord.add_subparsers(dest="discord_command", metavar="ACTION", required=True)
    sync = actions.add_parser("sync", help="register picketbot's slash commands with Discord")
    sync.add_argument(
        "--guild",
        metavar="ID",
        help="a server id: the commands appear there at once (default: [discord] guild_id, else global)",
    )
    add_common(sync)
    sync.set_defaults(handler=sync_command)


async def sync_command(args: argparse.Namespace) -> int:
    from bot.adapters.discord.client import sync_over_rest  # only this subcommand loads discord.py

    config = config_from(args, quiet=True)
    settings = discord_settings(config)
    guild = parse_guild_id(args.guild, "--guild") if args.guild else settings.guild_id
    count = await sync_over_rest(settings, build_registry(), guild)
    where = f"to server {guild}" if guild is not None else "globally"
    print(f"Synced {count} commands {where}.")
    return 0
