"""The ``picketbot`` command line.

Subcommands live beside the features they drive; each module below adds its
own parser with ``add_parsers(subparsers)`` and sets ``handler`` on it.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sqlite3
import sys
from collections.abc import Sequence

from bot import docs
from bot.cli import bench as cli_bench
from bot.cli import catalogs as cli_catalogs
from bot.cli import core as cli_core
from bot.cli import demo as cli_demo
from bot.cli import discord as cli_discord
from bot.cli import export as cli_export
from bot.cli import jobs as cli_jobs
from bot.config.loading import ConfigError
from bot.logs import RedactSecrets, secret_values
from storage.facts.pack import FactPackError

CLI_MODULES = (cli_core, cli_demo, docs, cli_export, cli_discord, cli_jobs, cli_bench, cli_catalogs)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="picketbot",
        description="A chat bot for picket-line organizers: facts, AI job alerts, picket scheduling.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in CLI_MODULES:
        module.add_parsers(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return 2
    try:
        return int(asyncio.run(handler(args)) or 0)
    except BrokenPipeError:
        # The reader went away (`picketbot facts export - | head`): stop quietly, and keep
        # the interpreter's final flush of stdout from complaining about the closed pipe.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 141
    except (ConfigError, FactPackError, OSError, sqlite3.Error) as error:
        # An error's text may quote a URL or a request: scrubbed like a log line.
        print(f"picketbot: {RedactSecrets(secret_values(os.environ)).scrub(str(error))}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
