"""``picketbot discord sync [--guild ID]``: register the slash commands with Discord.

Run it after installing or upgrading, not on every start: Discord limits how
often commands may be created. It needs only DISCORD_TOKEN and the REST API
(no gateway connection, no database). It then says how interactions will
reach the bot (over the gateway, or over HTTP when DISCORD_PUBLIC_KEY is
set) and what in the application's settings does not fit that mode.
"""

from __future__ import annotations

import argparse

from bot.adapters.discord.config import discord_settings, parse_guild_id
from bot.cli.core import add_common, config_from
from bot.config.public import public_settings
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
    advice: list[str] = []
    public_url = public_settings(config).url
    count = await sync_over_rest(
        settings, build_registry(), guild, public_url=public_url, advise=advice.append
    )
    where = f"to server {guild}" if guild is not None else "globally"
    print(f"Synced {count} commands {where}.")
    for line in advice:
        print(line)
    print(
        "How interactions reach the bot (gateway or HTTP), with the Developer Portal steps: docs/discord.md"
    )
    return 0
