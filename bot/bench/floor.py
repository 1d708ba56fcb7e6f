"""The storage floor: what bare sqlite3 does on this machine, one row per commit.

It uses the same journal mode and synchronous setting as the bot's own
database (read back from a database the bot opened), so the ratio of the
bot's sign-ups per second to these commits per second says how much of the
machine's storage speed the whole command path keeps.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

from storage.database import Database

_SYNC_NAMES = {0: "OFF", 1: "NORMAL", 2: "FULL", 3: "EXTRA"}


async def bot_settings(db: Database) -> tuple[str, str]:
    """(journal_mode, synchronous) as the bot's connection has them."""
    journal = str(await db.fetchval("PRAGMA journal_mode")).upper()
    synchronous = _SYNC_NAMES[int(await db.fetchval("PRAGMA synchronous"))]
    return journal, synchronous


def commits_per_second(path: Path, commits: int, *, journal_mode: str, synchronous: str) -> float:
    """One-row INSERT transactions per second (BEGIN IMMEDIATE, INSERT, COMMIT) on a fresh file."""
    if journal_mode not in ("WAL", "DELETE", "TRUNCATE", "PERSIST", "MEMORY", "OFF"):
        raise ValueError(f"unexpected journal mode {journal_mode}")
    if synchronous not in _SYNC_NAMES.values():
        raise ValueError(f"unexpected synchronous setting {synchronous}")
    path.unlink(missing_ok=True)
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute(f"PRAGMA journal_mode={journal_mode}")
        conn.execute(f"PRAGMA synchronous={synchronous}")
        conn.execute("CREATE TABLE floor (id INTEGER PRIMARY KEY, member TEXT NOT NULL, at TEXT NOT NULL)")
        started = time.perf_counter()
        for i in range(commits):
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("INSERT INTO floor (member, at) VALUES (?, ?)", (f"m{i}", "2026-01-01T00:00:00"))
            conn.execute("COMMIT")
        elapsed = time.perf_counter() - started
    finally:
        conn.close()
    return commits / elapsed
