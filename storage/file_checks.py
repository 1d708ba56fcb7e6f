"""Checks that a database file is fit to use, before anything reads or writes it.

Two things are refused at open, each with one line that says what to do:

- a file written by a newer picketbot: its schema version (the highest
  migration applied) is above the highest this build knows. Opening it would
  run old code against tables it does not understand.
- a damaged file: not an SQLite database at all, or pages SQLite cannot read.
  ``PRAGMA quick_check`` reads every page and checks each b-tree, but not
  that indexes agree with their tables (``PRAGMA integrity_check``, run by
  ``picketbot db check`` and on every backup, does that too). It costs a read
  of the whole file, about 0.2 s for 300 MB in the page cache, so it runs at
  every start; the full check is about ten times slower and does not.

A backup copy is verified with the full check and its schema version before
``picketbot db backup`` reports success.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import aiosqlite

#: SQLite's primary result codes for a damaged file (extended codes keep these in the low byte).
SQLITE_CORRUPT = 11
SQLITE_NOTADB = 26
RESTORE_HELP = "docs/deployment.md"


class DatabaseRefused(sqlite3.DatabaseError):
    """The file must not be used as it is; the message is one line saying what to do."""


class SchemaTooNew(DatabaseRefused):
    def __init__(self, path: str, found: int, known: int) -> None:
        super().__init__(
            f"{path} has schema version {found}, this picketbot knows up to {known}: "
            "upgrade picketbot (or restore a backup made by this version)"
        )
        self.found = found
        self.known = known


class DatabaseDamaged(DatabaseRefused):
    def __init__(self, path: str, detail: str, *, not_a_database: bool = False) -> None:
        restore = (
            f"to restore a backup, stop picketbot, move {Path(path).name} and its -wal and -shm files"
            f" aside and copy your newest `picketbot db backup` file to {path} (see {RESTORE_HELP})"
        )
        if not_a_database:
            super().__init__(
                f"{path} is not an SQLite database, or its first page is damaged: check --db and"
                f" PICKETBOT_DB; {restore}"
            )
        else:
            super().__init__(f"{path} is damaged ({detail}); {restore}")


class DatabasePathUnusable(DatabaseRefused):
    """The path names no file SQLite could open or create (a directory, a folder that is missing)."""


def check_path(path: str) -> None:
    """Refuse a path that cannot be a database file before SQLite is asked to open it."""
    if path in ("", ":memory:"):
        return
    if "\x00" in path:  # a TOML string can hold one; the OS cannot
        raise DatabasePathUnusable("the database path holds a NUL character: check --db and PICKETBOT_DB")
    place = Path(path)
    if place.is_dir():
        raise DatabasePathUnusable(f"{path} is a directory, not a database file: check --db and PICKETBOT_DB")
    folder = place.parent
    if not folder.is_dir():
        what = "is not a folder" if folder.exists() else "does not exist"
        raise DatabasePathUnusable(
            f"cannot create the database {path}: the folder {folder} {what} (create it, or check --db"
            " and PICKETBOT_DB)"
        )
    if not place.exists() and not os.access(folder, os.W_OK | os.X_OK):
        raise DatabasePathUnusable(f"cannot create the database {path}: the folder {folder} is not writable")


def damaged(path: str, error: sqlite3.Error) -> DatabaseDamaged:
    code = getattr(error, "sqlite_errorcode", 0) & 0xFF
    return DatabaseDamaged(path, str(error), not_a_database=code == SQLITE_NOTADB)


def is_damage(error: sqlite3.Error) -> bool:
    """Whether SQLite refused because the file is damaged, rather than locked or unreadable."""
    code = getattr(error, "sqlite_errorcode", None)
    return code is not None and code & 0xFF in (SQLITE_CORRUPT, SQLITE_NOTADB)


def first_problem(lines: list[str]) -> str:
    """One line from a check's report: its first real finding, shortened."""
    findings = [
        part.strip()
        for line in lines
        for part in line.splitlines()
        if part.strip() and not part.startswith("*** in database")
    ]
    text = findings[0] if findings else "check failed"
    more = f" and {len(findings) - 1} more" if len(findings) > 1 else ""
    return (text[:150] + "…" if len(text) > 150 else text) + more


async def check_file(conn: aiosqlite.Connection, path: str, known: int) -> None:
    """Refuse a damaged file or one from a newer picketbot; raise DatabaseRefused."""
    try:
        rows = await conn.execute_fetchall("PRAGMA quick_check")
        report = [str(row[0]) for row in rows]
        if report != ["ok"]:
            raise DatabaseDamaged(path, first_problem(report))
        found = await schema_version(conn)
    except DatabaseRefused:
        raise
    except sqlite3.DatabaseError as error:
        if is_damage(error):
            raise damaged(path, error) from None
        raise
    if found > known:
        raise SchemaTooNew(path, found, known)


async def schema_version(conn: aiosqlite.Connection) -> int:
    """The highest migration applied; 0 for a new, empty file."""
    rows = await conn.execute_fetchall(
        "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'schema_migrations'"
    )
    if not list(rows):
        return 0
    rows = await conn.execute_fetchall("SELECT coalesce(max(version), 0) FROM schema_migrations")
    return int(next(iter(rows))[0])


def verify_copy(path: Path, expected_version: int) -> str | None:
    """What is wrong with a backup copy (full integrity check, schema version), or None."""
    try:
        conn = sqlite3.connect(path)
    except sqlite3.Error as error:
        return f"it cannot be opened: {error}"
    try:
        report = [str(row[0]) for row in conn.execute("PRAGMA integrity_check")]
        if report != ["ok"]:
            return f"its integrity check failed: {first_problem(report)}"
        row = conn.execute("SELECT coalesce(max(version), 0) FROM schema_migrations").fetchone()
        version = int(row[0])
    except sqlite3.Error as error:
        return f"it cannot be read: {error}"
    finally:
        conn.close()
    if version != expected_version:
        return f"it has schema version {version}, the database has {expected_version}"
    return None
