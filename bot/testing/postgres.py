"""A throwaway PostgreSQL server for tests: `initdb` and `pg_ctl` on a temporary directory.

The server listens only on a Unix socket in its own directory (no TCP port
to collide with anything). `initdb` refuses to run as root, and CI runs as
root: then the data directory is handed to the ``postgres`` user and every
server command runs as that user through `runuser`. Clients connect as the
server's superuser over the socket (trust authentication, local only).

`fresh_database()` hands each test a new, empty database; the migrations
run in one template database once, so each test's copy starts migrated in
milliseconds.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from datetime import datetime
from itertools import count
from pathlib import Path

import asyncpg

SERVER_USER = "postgres"
TEMPLATE = "picketbot_template"


def bindir() -> Path | None:
    """Where ``initdb`` and ``pg_ctl`` are: ``pg_config --bindir``, the PATH, Debian's directory."""
    candidates: list[Path] = []
    if shutil.which("pg_config"):
        found = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True, check=False)
        if found.returncode == 0:
            candidates.append(Path(found.stdout.strip()))
    candidates += sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)
    if (initdb := shutil.which("initdb")) is not None:
        candidates.append(Path(initdb).resolve().parent)
    for directory in candidates:
        if (directory / "initdb").is_file() and (directory / "pg_ctl").is_file():
            return directory
    return None


def unusable_reason() -> str | None:
    """Why no throwaway server can start here (no binaries; root without a ``postgres`` user)."""
    if bindir() is None:
        return "no PostgreSQL server binaries (initdb, pg_ctl): install the postgresql package"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam(SERVER_USER)
        except KeyError:
            return f"running as root and no {SERVER_USER} user to run the server as"
    return None


class PostgresServer:
    """One server on a temporary directory; `start`, then `stop` (removes everything)."""

    def __init__(self, bin_dir: Path) -> None:
        self.bin_dir = bin_dir
        # In memory where there is a tmpfs: a test server needs no durability, and a disk
        # shared with other work makes creating and removing its databases slow.
        shm = Path("/dev/shm")
        where = shm if shm.is_dir() and os.access(shm, os.W_OK) else None
        self.root = Path(tempfile.mkdtemp(prefix="picketbot-pg-", dir=where))
        self.data = self.root / "data"
        self.socket_dir = self.root / "socket"
        self._as_root = os.geteuid() == 0
        self.user = SERVER_USER if self._as_root else pwd.getpwuid(os.geteuid()).pw_name
        self._names = count(1)

    def _run(self, *args: str) -> None:
        command = [str(self.bin_dir / args[0]), *args[1:]]
        if self._as_root:
            command = ["runuser", "-u", SERVER_USER, "--", *command]
        done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=self.root)
        if done.returncode != 0:
            raise RuntimeError(f"{args[0]} failed: {done.stderr.strip() or done.stdout.strip()}")

    def start(self) -> None:
        self.socket_dir.mkdir()
        if self._as_root:
            self.root.chmod(0o755)
            shutil.chown(self.root, SERVER_USER)
            shutil.chown(self.socket_dir, SERVER_USER)
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", self.user, "-E", "UTF8", "--no-sync")
        options = f"-k {self.socket_dir} -c listen_addresses='' -c fsync=off -c full_page_writes=off"
        options += " -c synchronous_commit=off -c max_connections=200"
        self._run(
            "pg_ctl", "-D", str(self.data), "-l", str(self.root / "server.log"), "-o", options, "-w", "start"
        )

    def stop(self) -> None:
        try:
            if (self.data / "postmaster.pid").exists():
                self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def address(self, database: str = "postgres") -> str:
        """A libpq address for `database` over the Unix socket (no password: trust)."""
        return f"postgresql://{self.user}@/{database}?host={self.socket_dir}"

    def new_name(self) -> str:
        return f"picketbot_{os.getpid()}_{next(self._names)}"


class Databases:
    """Fresh, migrated databases on one `PostgresServer`, each copied from a template.

    Two templates, each made once: the migrated schema alone, and the same with
    the built-in facts synced (stamped by `seed_clock`), as the bot's start-up
    would leave it; the second spares each test that start-up's writes.
    """

    def __init__(self, server: PostgresServer, seed_clock: Callable[[], datetime] | None = None) -> None:
        self.server = server
        self.seed_clock = seed_clock
        self._ready: set[str] = set()

    async def _admin(self, sql: str) -> None:
        conn = await asyncpg.connect(self.server.address())
        try:
            await conn.execute(sql)
        finally:
            await conn.close()

    async def _template(self, seeded: bool) -> str:
        name = f"{TEMPLATE}_seeded" if seeded else TEMPLATE
        if name in self._ready:
            return name
        # Imported here: the server helper itself needs no part of the bot.
        from bot.app import builtin_factpack
        from storage.database import Database
        from storage.facts import store

        await self._admin(f"CREATE DATABASE {name}")
        db = await Database.open(self.server.address(name))
        try:
            if seeded:
                if self.seed_clock is not None:
                    db.clock = self.seed_clock
                await store.sync_builtin(db, builtin_factpack())
        finally:
            await db.close()
        self._ready.add(name)
        return name

    async def create(self, *, seeded: bool = False) -> str:
        """The address of a new database: the migrated schema, and the built-in facts if `seeded`."""
        template = await self._template(seeded)
        name = self.server.new_name()
        await self._admin(f"CREATE DATABASE {name} TEMPLATE {template}")
        return self.server.address(name)

    async def drop(self, address: str) -> None:
        name = address.split("?", 1)[0].rsplit("/", 1)[1]  # the query (?host=/...) has slashes too
        await self._admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
