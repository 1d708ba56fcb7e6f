"""Core subcommands: console, run, facts import/export."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import logging
import os
import signal
import sqlite3
import sys
from pathlib import Path

from bot.adapters.console.terminal import ConsoleSender, ConsoleSession, console_actor, run_console
from bot.app import App, BackgroundStarter, open_app, settle_after_start_up
from bot.cli.db_copy import add_copy_parser
from bot.cli.facts import add_eval_parser
from bot.config.loading import Config, ConfigError, load_config
from bot.config.schema import LogSection
from bot.delivery import Sender
from bot.logs import secret_values, setup_logging
from bot.ops import start_ops_server
from commands.roles import Role
from storage.database import Database, is_postgres_address
from storage.facts import store as fact_store
from storage.facts.pack import dump_pack, parse_pack

log = logging.getLogger("picketbot")


def add_common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        help="SQLite database file or postgresql:// address (default: PICKETBOT_DB, [bot] database,"
        " picketbot.db)",
    )
    parser.add_argument("--config", help="configuration file (default: PICKETBOT_CONFIG, picketbot.toml)")


def config_from(args: argparse.Namespace, *, quiet: bool = False, console: bool = False) -> Config:
    """The configuration, with logging set up: to ``[log] file`` when set, the console always to a file."""
    config = load_config(config_path=args.config, db_path=args.db)
    file = log_file(config, console=console)
    chosen = config.read(LogSection).file
    if chosen is not None and not Path(chosen).expanduser().parent.is_dir():
        raise ConfigError(f"[log] file: the folder of {chosen} does not exist")
    level = "WARNING" if quiet and file is None and config.log_level == "INFO" else config.log_level
    setup_logging(level, json_lines=config.log_json, secrets=secret_values(config.env), file=file)
    return config


def log_file(config: Config, *, console: bool) -> str | None:
    """``[log] file``; for the console, else the database's name with ``.log``
    (``picketbot.log`` for a PostgreSQL database)."""
    chosen = config.read(LogSection).file
    if chosen is None and console:
        if is_postgres_address(config.database):
            return "picketbot.log"
        return str(Path(config.database).with_suffix(".log"))
    return chosen


def add_parsers(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    console = sub.add_parser("console", help="run the bot in this terminal (no tokens needed)")
    add_common(console)
    console.add_argument("--as", dest="as_name", default=None, help="acting member's name (default: $USER)")
    console.add_argument(
        "--role", default="organizer", choices=[r.label for r in Role], help="acting member's role"
    )
    console.add_argument(
        "--lang",
        default=None,
        metavar="LANG",
        help="the acting member's language, as a platform's locale would give it (es, en); /lang overrides it",
    )
    console.set_defaults(handler=run_console_command)

    run = sub.add_parser("run", help="run on Discord and/or Slack (the console when no token is set)")
    add_common(run)
    run.set_defaults(handler=run_bot)

    facts = sub.add_parser("facts", help="import or export the fact pack; measure /fact (eval)")
    facts_sub = facts.add_subparsers(dest="facts_command", metavar="ACTION", required=True)
    importer = facts_sub.add_parser("import", help="import a fact pack (same format as the built-in one)")
    importer.add_argument("file")
    add_common(importer)
    importer.set_defaults(handler=import_facts)
    exporter = facts_sub.add_parser("export", help="write the current facts as a fact pack")
    exporter.add_argument("file", help="output file, or - for standard output")
    add_common(exporter)
    exporter.set_defaults(handler=export_facts)
    add_eval_parser(facts_sub)

    db = sub.add_parser("db", help="database maintenance")
    db_sub = db.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    backup = db_sub.add_parser(
        "backup", help="copy the database safely while the bot runs (SQLite online backup; pg_dump)"
    )
    backup.add_argument("path", help="where to write the copy")
    add_common(backup)
    backup.set_defaults(handler=backup_db)
    check = db_sub.add_parser(
        "check", help="check the database (SQLite's integrity check; PostgreSQL: every table and constraint)"
    )
    add_common(check)
    check.set_defaults(handler=check_db)
    add_copy_parser(db_sub)


def _write(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


async def start_ops(app: App) -> None:
    if app.config.http_port is not None:
        runner = await start_ops_server(app, app.config.http_host, app.config.http_port)
        app.closers.append(runner.cleanup)


async def console_main(
    app: App,
    name: str,
    role: Role,
    *,
    sender: Sender | None = None,
    starters: tuple[BackgroundStarter, ...] = (),
    locale: str | None = None,
) -> int:
    """The console on ``app``; ``sender`` prints posts (default `ConsoleSender`), ``starters``
    replace the features' background work (`picketbot demo`)."""
    app.add_sender(sender or ConsoleSender(_write))
    session = ConsoleSession(app.dispatcher, console_actor(name, role, locale))

    async def deliver_notices() -> None:
        # Notices caused by a command print right after its reply, and none is lost at exit;
        # so do the edits of live posts it changed (one person types: no need to space them out).
        if app.post_editor is not None:
            await app.post_editor.run_pass(wait=False)
        if app.worker is not None:
            await app.worker.deliver_due()

    try:
        # Inside the try: a start that fails (the HTTP port taken) must still close the
        # database, whose thread would otherwise keep the process alive.
        await start_ops(app)
        await app.start_background(starters, edit_posts=False)
        await run_console(session, stdin=sys.stdin, write=_write, after_line=deliver_notices)
        await deliver_notices()
    finally:
        await app.close()
    return 0


def member_name(args: argparse.Namespace) -> str:
    """Who types at the console: ``--as``, else the login name."""
    return getattr(args, "as_name", None) or os.environ.get("USER") or "organizer"


async def run_console_command(args: argparse.Namespace) -> int:
    config = config_from(args, console=True)
    app = await open_app(config)
    return await console_main(app, member_name(args), Role.parse(args.role), locale=args.lang)


async def run_bot(args: argparse.Namespace) -> int:
    terminated = _stop_on_sigterm()
    try:
        return await _run_bot(args)
    except asyncio.CancelledError:
        if terminated.is_set():
            return 0  # stopped as asked, after closing everything
        raise


def _stop_on_sigterm() -> asyncio.Event:
    """`docker stop` and systemd send SIGTERM: stop as cleanly as on Ctrl-C, so the
    leader lease and outbox claims are given back and a standby takes over at once."""
    terminated = asyncio.Event()
    task = asyncio.current_task()

    def stop() -> None:
        terminated.set()
        if task is not None:
            task.cancel()

    with contextlib.suppress(NotImplementedError):  # no signal handlers on Windows' event loop
        asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop)
    return terminated


async def _run_bot(args: argparse.Namespace) -> int:
    from bot.platforms import configured_platforms, run_platforms

    config = load_config(config_path=args.config, db_path=args.db)
    platforms = configured_platforms(config)
    if not platforms and config.bot.require_platform:
        # In a container there is no one at a console: fail loudly instead.
        print("picketbot: no DISCORD_TOKEN or SLACK_BOT_TOKEN set; nothing to run.", file=sys.stderr)
        return 1
    # At a console, log lines would bury the replies: they go to a file; a server logs them.
    config = config_from(args, console=not platforms)
    app = await open_app(config)
    settle_after_start_up()
    if not platforms:
        print(
            "No DISCORD_TOKEN or SLACK_BOT_TOKEN set: starting the local console"
            f" (log: {log_file(config, console=True)}).",
            file=sys.stderr,
        )
        return await console_main(app, member_name(args), Role.ORGANIZER)
    try:
        await start_ops(app)
    except BaseException:
        await app.close()
        raise
    return await run_platforms(app, platforms)


async def import_facts(args: argparse.Namespace) -> int:
    config = config_from(args, quiet=True)
    pack = parse_pack(Path(args.file).read_text(encoding="utf-8"))
    app = await open_app(config)
    try:
        summary = await fact_store.import_pack(app.db, pack)
    finally:
        await app.close()
    print(
        f"Imported {args.file}: {summary.added} added, {summary.updated} updated, {summary.unchanged} unchanged."
    )
    return 0


async def export_facts(args: argparse.Namespace) -> int:
    config = config_from(args, quiet=True)
    app = await open_app(config)
    try:
        pack = await fact_store.export_pack(app.db)
    finally:
        await app.close()
    if args.file == "-":
        sys.stdout.write(dump_pack(pack))
    else:
        Path(args.file).write_text(dump_pack(pack), encoding="utf-8")
        print(f"Wrote {len(pack.facts)} facts to {args.file}.")
    return 0


async def backup_db(args: argparse.Namespace) -> int:
    config = config_from(args, quiet=True)
    target = Path(args.path)
    if target.exists():
        print(f"picketbot: {target} already exists; choose a new file", file=sys.stderr)
        return 1
    if not _database_exists(config.database):
        return 1
    db = await Database.open(config.database)
    try:
        version = await db.schema_version()
        await db.backup(target)
        # A copy is only a backup once it reads back whole: check it before saying so.
        problem = await db.verify_backup(target, version)
    except sqlite3.Error as error:
        _remove_copy(target)
        print(f"picketbot: cannot write the backup to {target}: {error}", file=sys.stderr)
        return 1
    finally:
        await db.close()
    if problem is not None:
        _remove_copy(target)
        print(f"picketbot: the backup {target} failed its check ({problem}); removed it", file=sys.stderr)
        return 1
    print(f"Backed up {config.database} to {target}.")
    return 0


def _remove_copy(target: Path) -> None:
    for path in (target, Path(f"{target}-wal"), Path(f"{target}-shm"), Path(f"{target}-journal")):
        path.unlink(missing_ok=True)


async def check_db(args: argparse.Namespace) -> int:
    config = config_from(args, quiet=True)
    if not _database_exists(config.database):
        return 1
    db = await Database.open(config.database)
    try:
        result = await db.integrity_check()
    finally:
        await db.close()
    print(f"{config.database}: {result}")
    return 0 if result == "ok" else 1


def _database_exists(path: str) -> bool:
    """Backing up or checking a database that is not there would create an empty one.

    (A PostgreSQL database is never created by picketbot: connecting to one that is
    not there fails with the server's own one line.)"""
    if is_postgres_address(path) or Path(path).is_file():
        return True
    print(f"picketbot: no database at {path} (see --db, PICKETBOT_DB)", file=sys.stderr)
    return False
